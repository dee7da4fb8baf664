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
use std::fmt;

use serde::de::{IgnoredAny, Visitor};
use serde::{Deserialize, Deserializer};

use super::{ChatEvent, EventCallback};

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    team_id: Option<Text<'a>>,
    #[serde(borrow)]
    api_app_id: Option<Text<'a>>,
    #[serde(borrow)]
    enterprise_id: Option<Text<'a>>,
    #[serde(default)]
    authorizations: Present,
    #[serde(borrow)]
    event_id: Option<Text<'a>>,
    #[serde(borrow)]
    event: Option<Message<'a>>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
    #[serde(default)]
    subtype: Present,
    #[serde(default)]
    bot_id: Present,
    #[serde(default)]
    bot_profile: Present,
    #[serde(default)]
    files: Present,
    #[serde(borrow)]
    channel_type: Option<Text<'a>>,
    #[serde(borrow)]
    channel: Option<Text<'a>>,
    #[serde(borrow)]
    user: Option<Text<'a>>,
    #[serde(borrow)]
    text: Option<Text<'a>>,
    #[serde(borrow)]
    ts: Option<Text<'a>>,
    #[serde(borrow)]
    thread_ts: Option<Text<'a>>,
}

/// A string, borrowed from the body unless it has escapes to undo. (serde
/// borrows a bare `Cow<str>` field, but not one inside an `Option`: that
/// is copied, a `String` per field.)
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Str<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for Str<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(Str(std::marker::PhantomData))
    }
}

impl Text<'_> {
    fn owned(self) -> String {
        self.0.into_owned()
    }
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
    let plain = env.kind.0 == "event_callback"
        && e.kind.0 == "message"
        && !(e.subtype.0 || e.bot_id.0 || e.bot_profile.0 || e.files.0)
        && (env.enterprise_id.is_some() || !env.authorizations.0);
    if !plain {
        return None;
    }
    let channel = e.channel?;
    let direct = match &e.channel_type {
        Some(kind) => kind.0 == "im",
        None => channel.0.starts_with('D'),
    };
    if direct {
        return None;
    }
    Some(EventCallback {
        team_id: env.team_id?.owned().into(),
        app_id: env.api_app_id.map(Text::owned),
        enterprise_id: env.enterprise_id.map(Text::owned),
        event_id: env.event_id?.owned(),
        event: ChatEvent::Message {
            channel: channel.owned().into(),
            user: e.user?.owned().into(),
            text: e.text.map(Text::owned).unwrap_or_default(),
            ts: e.ts?.owned().into(),
            thread_ts: e.thread_ts.map(|t| t.owned().into()),
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

    #[test]
    fn strings_without_escapes_are_borrowed_from_the_body() {
        let plain: Text = serde_json::from_str(r#""plain text""#).unwrap();
        assert!(matches!(plain.0, Cow::Borrowed("plain text")));
        let escaped: Text = serde_json::from_str(r#""a\nb \u00e9""#).unwrap();
        assert_eq!(escaped.0, "a\nb é");
    }
}
