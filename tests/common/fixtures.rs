//! Helpers for loading the Slack fixtures in `tests/fixtures/slack/` and for
//! signing request bodies the way Slack does.
//!
//! Where each fixture came from is recorded in `tests/fixtures/slack/SOURCES.md`.

// Every test binary compiles this module, but no single binary uses all of it.
#![allow(dead_code)]

use std::path::PathBuf;

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

/// Absolute path of `tests/fixtures/slack/<path>`.
///
/// Anchored at `CARGO_MANIFEST_DIR` so tests work whatever the current directory is.
pub fn fixture_path(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/slack")
        .join(path)
}

/// The text of `tests/fixtures/slack/<path>`, exactly as stored (no trimming:
/// signed bodies must stay byte-identical).
pub fn fixture(path: &str) -> String {
    let full = fixture_path(path);
    std::fs::read_to_string(&full)
        .unwrap_or_else(|err| panic!("cannot read fixture {}: {err}", full.display()))
}

/// `tests/fixtures/slack/<path>` parsed as JSON.
pub fn fixture_json(path: &str) -> Value {
    let text = fixture(path);
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("fixture {path} is not JSON: {err}"))
}

/// Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`
/// keyed with the signing secret; goes in the `X-Slack-Signature` header next to
/// `X-Slack-Request-Timestamp: {timestamp}`.
pub fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts keys of any length");
    mac.update(format!("v0:{timestamp}:{body}").as_bytes());
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

/// Seconds since the Unix epoch, for `X-Slack-Request-Timestamp` (Slack's
/// verifiers reject timestamps more than five minutes away from now).
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

/// An Events API request body built from `events/<name>.json`: sets the
/// envelope's `event_id` and deep-merges `overrides` into the inner `event`
/// object (e.g. `json!({"text": "...", "thread_ts": "..."})`). A `null` in
/// `overrides` removes that key, so a test can also drop fields.
///
/// Overriding `ts` alone also moves `event_ts` when the fixture had them equal
/// (as Slack does for new messages), so the two never disagree by accident.
pub fn event_envelope(name: &str, event_id: &str, overrides: Value) -> String {
    let mut envelope = fixture_json(&format!("events/{name}.json"));
    envelope["event_id"] = Value::String(event_id.to_string());
    let event = envelope
        .get_mut("event")
        .unwrap_or_else(|| panic!("events/{name}.json has no `event` (url_verification has none)"));
    let ts_was_event_ts = event.get("ts").is_some() && event.get("ts") == event.get("event_ts");
    let new_ts = overrides
        .get("ts")
        .filter(|_| overrides.get("event_ts").is_none())
        .cloned();
    merge(event, overrides);
    if let (true, Some(ts)) = (ts_was_event_ts, new_ts) {
        event["event_ts"] = ts;
    }
    envelope.to_string()
}

/// The `application/x-www-form-urlencoded` body Slack POSTs for interactivity:
/// a single `payload` field holding the JSON (see `interactivity/*.json`).
pub fn interactivity_body(payload: &Value) -> String {
    serde_urlencoded::to_string([("payload", payload.to_string())])
        .expect("a string pair always encodes")
}

/// Recursive merge: objects merge key by key, `null` deletes, anything else replaces.
pub fn merge(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                if value.is_null() {
                    target.remove(&key);
                } else {
                    merge(target.entry(key).or_insert(Value::Null), value);
                }
            }
        }
        (target, patch) => *target = patch,
    }
}
