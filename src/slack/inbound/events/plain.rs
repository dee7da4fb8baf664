//! The event nearly every request carries — a person's message in a
//! channel — read straight into borrowed fields, without first building a
//! `serde_json::Value` of the whole envelope. That tree was a third of the
//! allocations per event on the ingest path (a map and a `String` per key
//! and per value; `dhat`, BENCHMARKS.md § 5).
//!
//! Only a payload that is plainly such a message is read here: anything
//! else — another type, a subtype, a bot, files, a DM, the team or
//! enterprise only under `authorizations`, a field of an unexpected type, a
//! duplicate key — returns `None`, and the caller reads it the general way
//! (`parse_event_callback`), which stays the one definition of what each
//! payload means. A test holds the two to the same result.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};

use super::{ChatEvent, EventCallback};

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    team_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    api_app_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    enterprise_id: Option<Cow<'a, str>>,
    #[serde(default)]
    authorizations: Present,
    #[serde(borrow)]
    event_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    event: Option<Message<'a>>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default)]
    subtype: Present,
    #[serde(default)]
    bot_id: Present,
    #[serde(default)]
    bot_profile: Present,
    #[serde(default)]
    files: Present,
    #[serde(borrow)]
    channel_type: Option<Cow<'a, str>>,
    #[serde(borrow)]
    channel: Option<Cow<'a, str>>,
    #[serde(borrow)]
    user: Option<Cow<'a, str>>,
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow)]
    ts: Option<Cow<'a, str>>,
    #[serde(borrow)]
    thread_ts: Option<Cow<'a, str>>,
}

/// Whether a key is there at all, whatever its value (`null` included, as
/// `Value::get(..).is_some()` counts it); its value is skipped unread.
#[derive(Default)]
struct Present(bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(d).map(|_| Present(true))
    }
}

/// The callback, when `body` is an `event_callback` carrying a person's
/// plain message in a channel; `None` for anything else.
pub(super) fn message_callback(body: &str) -> Option<EventCallback> {
    let env: Envelope = serde_json::from_str(body).ok()?;
    let e = env.event?;
    let plain = env.kind == "event_callback"
        && e.kind == "message"
        && !(e.subtype.0 || e.bot_id.0 || e.bot_profile.0 || e.files.0)
        && (env.enterprise_id.is_some() || !env.authorizations.0);
    if !plain {
        return None;
    }
    let channel = e.channel?;
    let direct = match &e.channel_type {
        Some(kind) => kind == "im",
        None => channel.starts_with('D'),
    };
    if direct {
        return None;
    }
    Some(EventCallback {
        team_id: env.team_id?.into_owned().into(),
        app_id: env.api_app_id.map(Cow::into_owned),
        enterprise_id: env.enterprise_id.map(Cow::into_owned),
        event_id: env.event_id?.into_owned(),
        event: ChatEvent::Message {
            channel: channel.into_owned().into(),
            user: e.user?.into_owned().into(),
            text: e.text.map(Cow::into_owned).unwrap_or_default(),
            ts: e.ts?.into_owned().into(),
            thread_ts: e.thread_ts.map(|t| t.into_owned().into()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse_event_callback;
    use super::*;

    /// The general reading of `body`.
    fn general(body: &str) -> Option<EventCallback> {
        parse_event_callback(&serde_json::from_str(body).ok()?).ok()
    }

    fn envelope(event: &str, extra: &str) -> String {
        format!(
            r#"{{"token":"x","team_id":"T1","api_app_id":"A1",{extra}"event":{event},"type":"event_callback","event_id":"Ev1","event_time":1}}"#
        )
    }

    #[test]
    fn a_plain_channel_message_reads_as_the_general_path_reads_it() {
        let plain = [
            r#"{"type":"message","channel":"C1","user":"U1","text":"hi","ts":"1.1","thread_ts":"1.0","channel_type":"channel"}"#,
            r#"{"type":"message","channel":"C1","user":"U1","text":"caf\u00e9 \"q\" \\ \n ok","ts":"1.1"}"#,
            r#"{"type":"message","channel":"G1","user":"U1","ts":"1.1","blocks":[{"type":"rich_text"}],"client_msg_id":"x"}"#,
        ];
        for event in plain {
            for extra in ["", r#""enterprise_id":"E1","#, r#""enterprise_id":null,"#] {
                let body = envelope(event, extra);
                let fast = message_callback(&body);
                assert!(fast.is_some(), "{body}");
                assert_eq!(fast, general(&body), "{body}");
            }
        }
    }

    #[test]
    fn anything_else_is_left_to_the_general_path() {
        let others = [
            // A subtype, even null or one the general path also reads.
            r#"{"type":"message","subtype":"thread_broadcast","channel":"C1","user":"U1","ts":"1.1"}"#,
            r#"{"type":"message","subtype":null,"channel":"C1","user":"U1","ts":"1.1"}"#,
            r#"{"type":"message","subtype":"message_changed","channel":"C1","message":{"user":"U1","ts":"1.1","text":"x"}}"#,
            // Bots, files, DMs.
            r#"{"type":"message","bot_id":"B1","channel":"C1","user":"U1","ts":"1.1"}"#,
            r#"{"type":"message","bot_profile":null,"channel":"C1","user":"U1","ts":"1.1"}"#,
            r#"{"type":"message","files":[{"id":"F1","name":"a.txt"}],"channel":"C1","user":"U1","ts":"1.1"}"#,
            r#"{"type":"message","channel":"D1","user":"U1","ts":"1.1","text":"dm"}"#,
            r#"{"type":"message","channel":"C1","channel_type":"im","user":"U1","ts":"1.1"}"#,
            // Missing or mistyped fields.
            r#"{"type":"message","channel":"C1","ts":"1.1"}"#,
            r#"{"type":"message","channel":"C1","user":"U1","ts":1.1}"#,
            r#"{"type":"message","channel":"C1","user":"U1","ts":"1.1","text":5}"#,
            r#"{"type":"message","user":"U1","ts":"1.1"}"#,
            // Other event types.
            r#"{"type":"app_mention","channel":"C1","user":"U1","ts":"1.1","text":"<@B> hi"}"#,
            r#"{"type":"app_home_opened","user":"U1"}"#,
        ];
        for event in others {
            let body = envelope(event, "");
            assert!(message_callback(&body).is_none(), "{body}");
        }
        // The team or enterprise only under `authorizations`.
        let message = r#"{"type":"message","channel":"C1","user":"U1","ts":"1.1"}"#;
        let body = format!(
            r#"{{"authorizations":[{{"team_id":"T1","enterprise_id":"E1"}}],"event":{message},"type":"event_callback","event_id":"Ev1"}}"#
        );
        assert!(message_callback(&body).is_none());
        assert_eq!(general(&body).unwrap().enterprise_id.as_deref(), Some("E1"));
        let body = envelope(message, r#""authorizations":[{"enterprise_id":"E1"}],"#);
        assert!(message_callback(&body).is_none());
        // Not a callback, a repeated key, not JSON.
        let body = envelope(message, "").replace("event_callback", "url_verification");
        assert!(message_callback(&body).is_none());
        let body = envelope(message, r#""team_id":"T2","#);
        assert!(message_callback(&body).is_none());
        assert!(message_callback("{").is_none());
    }
}
