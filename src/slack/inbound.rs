//! Parsing what Slack sends into scrumbot's own types.
//!
//! Parsing is done on `serde_json::Value` with explicit field reads rather
//! than strict structs: Slack adds fields and event subtypes all the time,
//! and an unknown one must be ignored, not turned into a 400 and a
//! redelivery storm. What *is* required (a team, an event id) is checked,
//! and its absence is a [`PayloadError`] — a 400 on HTTP.

use serde_json::Value;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PayloadError {
    #[error("body is not valid JSON")]
    NotJson,
    #[error("body is not a valid form")]
    NotForm,
    #[error("missing field {0}")]
    Missing(&'static str),
    #[error("unsupported payload type {0:?}")]
    UnsupportedType(String),
}

/// A request from the Events API.
#[derive(Debug, Clone, PartialEq)]
pub enum EventsRequest {
    UrlVerification { challenge: String },
    Callback(EventCallback),
}

/// An `event_callback` envelope: the dedup key and the event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventCallback {
    pub team_id: String,
    pub event_id: String,
    pub event: ChatEvent,
}

/// The events scrumbot acts on, normalized.
#[derive(Debug, Clone, PartialEq)]
pub enum ChatEvent {
    /// Someone wrote `@scrumbot …`.
    AppMention {
        channel: String,
        user: String,
        text: String,
        ts: String,
        thread_ts: Option<String>,
    },
    /// A new human message (channel or thread reply).
    Message {
        channel: String,
        user: String,
        text: String,
        ts: String,
        thread_ts: Option<String>,
    },
    /// A message was edited; `ts` is the edited message's own ts.
    MessageChanged {
        channel: String,
        user: String,
        text: String,
        ts: String,
        thread_ts: Option<String>,
    },
    /// A message was deleted.
    MessageDeleted {
        channel: String,
        ts: String,
        thread_ts: Option<String>,
    },
    /// A message from a bot (scrumbot's own included): ignored.
    BotMessage,
    AppHomeOpened {
        user: String,
    },
    /// Anything else (joins, topic changes, unknown types): acknowledged and ignored.
    Other {
        kind: String,
    },
}

impl ChatEvent {
    /// The event's type as Slack names it (for metrics and logs).
    pub fn kind(&self) -> &str {
        match self {
            ChatEvent::AppMention { .. } => "app_mention",
            ChatEvent::Message { .. } => "message",
            ChatEvent::MessageChanged { .. } => "message_changed",
            ChatEvent::MessageDeleted { .. } => "message_deleted",
            ChatEvent::BotMessage => "bot_message",
            ChatEvent::AppHomeOpened { .. } => "app_home_opened",
            ChatEvent::Other { kind } => kind,
        }
    }
}

fn s(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

pub fn parse_events_body(body: &str) -> Result<EventsRequest, PayloadError> {
    let v: Value = serde_json::from_str(body).map_err(|_| PayloadError::NotJson)?;
    match v.get("type").and_then(Value::as_str) {
        Some("url_verification") => Ok(EventsRequest::UrlVerification {
            challenge: s(&v, "challenge").ok_or(PayloadError::Missing("challenge"))?,
        }),
        Some("event_callback") => parse_event_callback(&v).map(EventsRequest::Callback),
        Some(other) => Err(PayloadError::UnsupportedType(other.to_string())),
        None => Err(PayloadError::Missing("type")),
    }
}

/// Parses an `event_callback` envelope (HTTP body or Socket Mode payload).
pub fn parse_event_callback(v: &Value) -> Result<EventCallback, PayloadError> {
    let team_id = s(v, "team_id")
        .or_else(|| {
            v.pointer("/authorizations/0/team_id")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .ok_or(PayloadError::Missing("team_id"))?;
    let event_id = s(v, "event_id").ok_or(PayloadError::Missing("event_id"))?;
    let event = v
        .get("event")
        .filter(|e| e.is_object())
        .ok_or(PayloadError::Missing("event"))?;
    Ok(EventCallback {
        team_id,
        event_id,
        event: parse_event(event),
    })
}

/// Normalizes the inner `event` object; never fails, unknown shapes become `Other`.
pub fn parse_event(e: &Value) -> ChatEvent {
    let kind = s(e, "type").unwrap_or_default();
    let channel = s(e, "channel").unwrap_or_default();
    match kind.as_str() {
        "app_mention" => match (s(e, "user"), s(e, "ts")) {
            (Some(user), Some(ts)) if e.get("bot_id").is_none() => ChatEvent::AppMention {
                channel,
                user,
                text: s(e, "text").unwrap_or_default(),
                ts,
                thread_ts: s(e, "thread_ts"),
            },
            _ => ChatEvent::BotMessage,
        },
        "message" => parse_message(e, channel),
        "app_home_opened" => match s(e, "user") {
            Some(user) => ChatEvent::AppHomeOpened { user },
            None => ChatEvent::Other { kind },
        },
        _ => ChatEvent::Other { kind },
    }
}

fn parse_message(e: &Value, channel: String) -> ChatEvent {
    let subtype = s(e, "subtype");
    match subtype.as_deref() {
        None | Some("thread_broadcast") | Some("file_share") | Some("me_message") => {
            if e.get("bot_id").is_some() || e.get("bot_profile").is_some() {
                return ChatEvent::BotMessage;
            }
            match (s(e, "user"), s(e, "ts")) {
                (Some(user), Some(ts)) => ChatEvent::Message {
                    channel,
                    user,
                    text: s(e, "text").unwrap_or_default(),
                    ts,
                    thread_ts: s(e, "thread_ts"),
                },
                _ => ChatEvent::Other {
                    kind: "message".into(),
                },
            }
        }
        Some("bot_message") => ChatEvent::BotMessage,
        Some("message_changed") => {
            let m = e.get("message").cloned().unwrap_or(Value::Null);
            if m.get("bot_id").is_some() {
                return ChatEvent::BotMessage;
            }
            // An edit that only unfurled a link or changed replies metadata has
            // the same text; handlers treat the new text as authoritative anyway.
            match (s(&m, "user"), s(&m, "ts")) {
                (Some(user), Some(ts)) => ChatEvent::MessageChanged {
                    channel,
                    user,
                    text: s(&m, "text").unwrap_or_default(),
                    ts,
                    thread_ts: s(&m, "thread_ts"),
                },
                _ => ChatEvent::Other {
                    kind: "message_changed".into(),
                },
            }
        }
        Some("message_deleted") => match s(e, "deleted_ts") {
            Some(ts) => ChatEvent::MessageDeleted {
                channel,
                ts,
                thread_ts: e.get("previous_message").and_then(|p| s(p, "thread_ts")),
            },
            None => ChatEvent::Other {
                kind: "message_deleted".into(),
            },
        },
        Some(other) => ChatEvent::Other {
            kind: format!("message.{other}"),
        },
    }
}

/// A slash command, from the form Slack posts (or the Socket Mode payload).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SlashCommand {
    pub team_id: String,
    pub channel_id: String,
    pub user_id: String,
    pub command: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub trigger_id: String,
    #[serde(default)]
    pub response_url: String,
}

pub fn parse_command_form(body: &str) -> Result<SlashCommand, PayloadError> {
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_str(body).map_err(|_| PayloadError::NotForm)?;
    let get = |k: &str| {
        fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    Ok(SlashCommand {
        team_id: get("team_id").ok_or(PayloadError::Missing("team_id"))?,
        channel_id: get("channel_id").ok_or(PayloadError::Missing("channel_id"))?,
        user_id: get("user_id").ok_or(PayloadError::Missing("user_id"))?,
        command: get("command").ok_or(PayloadError::Missing("command"))?,
        text: get("text").unwrap_or_default(),
        trigger_id: get("trigger_id").unwrap_or_default(),
        response_url: get("response_url").unwrap_or_default(),
    })
}

/// An interactivity payload (block_actions, view_submission, shortcuts).
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    pub kind: String,
    pub team_id: String,
    pub user_id: String,
    /// Unique per user action: the dedup key.
    pub trigger_id: Option<String>,
    pub raw: Value,
}

impl Interaction {
    /// A key a redelivery repeats: the trigger id, else the action's own timestamp.
    pub fn dedup_key(&self) -> String {
        if let Some(t) = &self.trigger_id {
            return format!("interaction:{t}");
        }
        let action_ts = self
            .raw
            .pointer("/actions/0/action_ts")
            .and_then(Value::as_str)
            .unwrap_or("");
        format!("interaction:{}:{}:{action_ts}", self.kind, self.user_id)
    }
}

/// The interactivity body is a form with one field, `payload`, holding JSON.
pub fn parse_interaction_form(body: &str) -> Result<Interaction, PayloadError> {
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_str(body).map_err(|_| PayloadError::NotForm)?;
    let payload = fields
        .into_iter()
        .find(|(k, _)| k == "payload")
        .map(|(_, v)| v)
        .ok_or(PayloadError::Missing("payload"))?;
    let v: Value = serde_json::from_str(&payload).map_err(|_| PayloadError::NotJson)?;
    parse_interaction(v)
}

pub fn parse_interaction(v: Value) -> Result<Interaction, PayloadError> {
    let kind = s(&v, "type").ok_or(PayloadError::Missing("type"))?;
    let team_id = v
        .pointer("/team/id")
        .and_then(Value::as_str)
        .or_else(|| v.pointer("/user/team_id").and_then(Value::as_str))
        .map(str::to_string)
        .ok_or(PayloadError::Missing("team.id"))?;
    let user_id = v
        .pointer("/user/id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or(PayloadError::Missing("user.id"))?;
    Ok(Interaction {
        kind,
        team_id,
        user_id,
        trigger_id: s(&v, "trigger_id"),
        raw: v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_event_types_are_other_not_errors() {
        let body = json!({"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"reaction_added"}}).to_string();
        let EventsRequest::Callback(cb) = parse_events_body(&body).unwrap() else {
            panic!()
        };
        assert_eq!(
            cb.event,
            ChatEvent::Other {
                kind: "reaction_added".into()
            }
        );
    }

    #[test]
    fn missing_event_id_is_an_error() {
        let body =
            json!({"type":"event_callback","team_id":"T1","event":{"type":"message"}}).to_string();
        assert_eq!(
            parse_events_body(&body),
            Err(PayloadError::Missing("event_id"))
        );
        assert_eq!(parse_events_body("{not json"), Err(PayloadError::NotJson));
    }

    #[test]
    fn bot_messages_are_recognised() {
        let e =
            json!({"type":"message","subtype":"bot_message","bot_id":"B1","text":"hi","ts":"1.2"});
        assert_eq!(parse_event(&e), ChatEvent::BotMessage);
        let e = json!({"type":"message","user":"U1","bot_id":"B1","text":"hi","ts":"1.2"});
        assert_eq!(parse_event(&e), ChatEvent::BotMessage);
    }

    #[test]
    fn command_form_needs_team_channel_user_command() {
        assert!(parse_command_form(
            "team_id=T1&channel_id=C1&user_id=U1&command=%2Fstandup&text=help"
        )
        .is_ok());
        assert_eq!(
            parse_command_form("team_id=T1&user_id=U1&command=%2Fstandup"),
            Err(PayloadError::Missing("channel_id"))
        );
    }
}
