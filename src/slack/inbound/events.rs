//! Events API payloads and slash commands, read from JSON.

use serde_json::Value;

use super::PayloadError;
use crate::ids::{ChannelId, TeamId, Ts, UserId};

mod plain;

/// A request from the Events API.
#[derive(Debug, Clone, PartialEq)]
pub enum EventsRequest {
    UrlVerification { challenge: String },
    Callback(Box<EventCallback>),
}

/// An `event_callback` envelope: the dedup key and the event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventCallback {
    pub team_id: TeamId,
    /// The app the event was sent to (`api_app_id`).
    pub app_id: Option<String>,
    /// The Enterprise Grid org, when the workspace is in one (an org-wide
    /// install serves every workspace of its org).
    pub enterprise_id: Option<String>,
    pub event_id: String,
    pub event: ChatEvent,
}

/// The events scrumbot acts on, normalized.
#[derive(Debug, Clone, PartialEq)]
pub enum ChatEvent {
    /// Someone wrote `@scrumbot …`.
    AppMention {
        channel: ChannelId,
        user: UserId,
        text: String,
        ts: Ts,
        thread_ts: Option<Ts>,
    },
    /// A new human message (channel or thread reply).
    Message {
        channel: ChannelId,
        user: UserId,
        text: String,
        ts: Ts,
        thread_ts: Option<Ts>,
    },
    /// A message was edited; `ts` is the edited message's own ts.
    MessageChanged {
        channel: ChannelId,
        user: UserId,
        text: String,
        ts: Ts,
        thread_ts: Option<Ts>,
    },
    /// A message was deleted.
    MessageDeleted {
        channel: ChannelId,
        ts: Ts,
        thread_ts: Option<Ts>,
    },
    /// A message in a direct conversation with the bot (`message.im`): kept
    /// apart from channel messages, so it never reaches a standup thread or
    /// a channel digest.
    Direct(DirectMessage),
    /// A message from a bot (scrumbot's own included): ignored.
    BotMessage,
    AppHomeOpened {
        user: UserId,
    },
    /// The app was removed from the workspace.
    AppUninstalled,
    /// Tokens were revoked; `bot_users` are the bot users whose token went.
    TokensRevoked {
        bot_users: Vec<UserId>,
    },
    /// A human's message carrying files (in a channel or a DM): handled as
    /// the message it is, then its files are looked at as meeting transcripts.
    WithFiles {
        message: Box<ChatEvent>,
        files: SharedFiles,
    },
    /// Anything else (joins, topic changes, unknown types): acknowledged and ignored.
    Other {
        kind: String,
    },
}

/// A message in the bot's DM with someone: its place and what happened to it.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectMessage {
    /// The DM conversation (`D…`).
    pub channel: ChannelId,
    /// The message's own ts (for an edit or a deletion, the changed message's).
    pub ts: Ts,
    /// The DM thread it is in, if any.
    pub thread_ts: Option<Ts>,
    pub change: DmChange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DmChange {
    Posted { user: UserId, text: String },
    Edited { user: UserId, text: String },
    Deleted,
}

/// Files shared with a message, and where the message is.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedFiles {
    pub channel: ChannelId,
    pub user: UserId,
    /// The message's ts: its thread is where an answer goes.
    pub ts: Ts,
    pub thread_ts: Option<Ts>,
    /// Sent in a DM with the bot.
    pub direct: bool,
    pub files: Vec<SharedFile>,
}

/// A file as a message event names it (`files.info` tells the rest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedFile {
    pub id: String,
    /// Empty when the event did not say.
    pub name: String,
}

impl DirectMessage {
    /// The same message in a DM, when `event` is a human's message, edit or deletion.
    fn from_channel_event(event: ChatEvent) -> Option<DirectMessage> {
        let (channel, ts, thread_ts, change) = match event {
            ChatEvent::Message {
                channel,
                user,
                text,
                ts,
                thread_ts,
            } => (channel, ts, thread_ts, DmChange::Posted { user, text }),
            ChatEvent::MessageChanged {
                channel,
                user,
                text,
                ts,
                thread_ts,
            } => (channel, ts, thread_ts, DmChange::Edited { user, text }),
            ChatEvent::MessageDeleted {
                channel,
                ts,
                thread_ts,
            } => (channel, ts, thread_ts, DmChange::Deleted),
            _ => return None,
        };
        Some(DirectMessage {
            channel,
            ts,
            thread_ts,
            change,
        })
    }
}

impl ChatEvent {
    /// The event's type as Slack names it (for metrics and logs).
    pub fn kind(&self) -> &str {
        match self {
            ChatEvent::WithFiles { message, .. } => message.kind(),
            ChatEvent::Other { kind } => kind,
            known => known.known_kind().unwrap_or_default(),
        }
    }

    /// The type of an event this bot reads, as a `'static` name (a metric
    /// label without an allocation); `None` for [`ChatEvent::Other`].
    pub fn known_kind(&self) -> Option<&'static str> {
        Some(match self {
            ChatEvent::Direct(dm) => match dm.change {
                DmChange::Posted { .. } => "message.im",
                DmChange::Edited { .. } => "message_changed.im",
                DmChange::Deleted => "message_deleted.im",
            },
            ChatEvent::AppMention { .. } => "app_mention",
            ChatEvent::Message { .. } => "message",
            ChatEvent::MessageChanged { .. } => "message_changed",
            ChatEvent::MessageDeleted { .. } => "message_deleted",
            ChatEvent::BotMessage => "bot_message",
            ChatEvent::AppHomeOpened { .. } => "app_home_opened",
            ChatEvent::AppUninstalled => "app_uninstalled",
            ChatEvent::TokensRevoked { .. } => "tokens_revoked",
            ChatEvent::WithFiles { message, .. } => return message.known_kind(),
            ChatEvent::Other { .. } => return None,
        })
    }

    /// Whether the workspace's bot token is gone (the app uninstalled, or
    /// the bot's token revoked; a user token alone does not count).
    pub fn ends_installation(&self) -> bool {
        match self {
            ChatEvent::AppUninstalled => true,
            ChatEvent::TokensRevoked { bot_users } => !bot_users.is_empty(),
            _ => false,
        }
    }
}

fn s(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// A string field as one of the id types.
fn id<T: From<String>>(v: &Value, key: &str) -> Option<T> {
    s(v, key).map(T::from)
}

pub fn parse_events_body(body: &str) -> Result<EventsRequest, PayloadError> {
    if let Some(cb) = plain::message_callback(body) {
        return Ok(EventsRequest::Callback(Box::new(cb)));
    }
    let v: Value = serde_json::from_str(body).map_err(|_| PayloadError::NotJson)?;
    match v.get("type").and_then(Value::as_str) {
        Some("url_verification") => Ok(EventsRequest::UrlVerification {
            challenge: s(&v, "challenge").ok_or(PayloadError::Missing("challenge"))?,
        }),
        Some("event_callback") => {
            parse_event_callback(&v).map(|cb| EventsRequest::Callback(Box::new(cb)))
        }
        Some(other) => Err(PayloadError::UnsupportedType(other.to_string())),
        None => Err(PayloadError::Missing("type")),
    }
}

/// Parses an `event_callback` envelope (HTTP body or Socket Mode payload).
pub fn parse_event_callback(v: &Value) -> Result<EventCallback, PayloadError> {
    let team_id = id(v, "team_id")
        .or_else(|| {
            v.pointer("/authorizations/0/team_id")
                .and_then(Value::as_str)
                .map(TeamId::from)
        })
        .ok_or(PayloadError::Missing("team_id"))?;
    let event_id = s(v, "event_id").ok_or(PayloadError::Missing("event_id"))?;
    let event = v
        .get("event")
        .filter(|e| e.is_object())
        .ok_or(PayloadError::Missing("event"))?;
    Ok(EventCallback {
        team_id,
        app_id: s(v, "api_app_id"),
        enterprise_id: s(v, "enterprise_id").or_else(|| {
            v.pointer("/authorizations/0/enterprise_id")
                .and_then(Value::as_str)
                .map(str::to_string)
        }),
        event_id,
        event: parse_event(event),
    })
}

/// Normalizes the inner `event` object; never fails, unknown shapes become `Other`.
pub fn parse_event(e: &Value) -> ChatEvent {
    let kind = s(e, "type").unwrap_or_default();
    let channel: ChannelId = id(e, "channel").unwrap_or_default();
    match kind.as_str() {
        "app_mention" => match (id(e, "user"), id(e, "ts")) {
            (Some(user), Some(ts)) if e.get("bot_id").is_none() => ChatEvent::AppMention {
                channel,
                user,
                text: s(e, "text").unwrap_or_default(),
                ts,
                thread_ts: id(e, "thread_ts"),
            },
            _ => ChatEvent::BotMessage,
        },
        "message" if is_im(e, &channel) => {
            let event = parse_message(e, channel);
            let event = match DirectMessage::from_channel_event(event.clone()) {
                Some(dm) => ChatEvent::Direct(dm),
                None => event,
            };
            with_files(e, event)
        }
        "message" => with_files(e, parse_message(e, channel)),
        "app_uninstalled" => ChatEvent::AppUninstalled,
        "tokens_revoked" => ChatEvent::TokensRevoked {
            bot_users: e
                .pointer("/tokens/bot")
                .and_then(Value::as_array)
                .map(|ids| {
                    ids.iter()
                        .filter_map(Value::as_str)
                        .map(UserId::from)
                        .collect()
                })
                .unwrap_or_default(),
        },
        "app_home_opened" => match id(e, "user") {
            Some(user) => ChatEvent::AppHomeOpened { user },
            None => ChatEvent::Other { kind },
        },
        _ => ChatEvent::Other { kind },
    }
}

/// A new human message (or DM) that carries `files` becomes
/// [`ChatEvent::WithFiles`]; anything else is returned as it is.
fn with_files(e: &Value, event: ChatEvent) -> ChatEvent {
    let files: Vec<SharedFile> = e
        .get("files")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| {
            Some(SharedFile {
                id: s(f, "id").filter(|id| !id.is_empty())?,
                name: s(f, "name").unwrap_or_default(),
            })
        })
        .collect();
    if files.is_empty() {
        return event;
    }
    let shared = match &event {
        ChatEvent::Message {
            channel,
            user,
            ts,
            thread_ts,
            ..
        } => (channel, user, ts, thread_ts, false),
        ChatEvent::Direct(DirectMessage {
            channel,
            ts,
            thread_ts,
            change: DmChange::Posted { user, .. },
        }) => (channel, user, ts, thread_ts, true),
        _ => return event,
    };
    let (channel, user, ts, thread_ts, direct) = shared;
    let files = SharedFiles {
        channel: channel.clone(),
        user: user.clone(),
        ts: ts.clone(),
        thread_ts: thread_ts.clone(),
        direct,
        files,
    };
    ChatEvent::WithFiles {
        message: Box::new(event),
        files,
    }
}

/// Whether a message event comes from a DM: `channel_type` says so
/// (`message.im`); without it, a DM's id starts with `D`.
fn is_im(e: &Value, channel: &ChannelId) -> bool {
    match e.get("channel_type").and_then(Value::as_str) {
        Some(kind) => kind == "im",
        None => channel.as_str().starts_with('D'),
    }
}

fn parse_message(e: &Value, channel: ChannelId) -> ChatEvent {
    let subtype = s(e, "subtype");
    match subtype.as_deref() {
        None | Some("thread_broadcast") | Some("file_share") | Some("me_message") => {
            if e.get("bot_id").is_some() || e.get("bot_profile").is_some() {
                return ChatEvent::BotMessage;
            }
            match (id(e, "user"), id(e, "ts")) {
                (Some(user), Some(ts)) => ChatEvent::Message {
                    channel,
                    user,
                    text: s(e, "text").unwrap_or_default(),
                    ts,
                    thread_ts: id(e, "thread_ts"),
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
            match (id(&m, "user"), id(&m, "ts")) {
                (Some(user), Some(ts)) => ChatEvent::MessageChanged {
                    channel,
                    user,
                    text: s(&m, "text").unwrap_or_default(),
                    ts,
                    thread_ts: id(&m, "thread_ts"),
                },
                _ => ChatEvent::Other {
                    kind: "message_changed".into(),
                },
            }
        }
        Some("message_deleted") => match id(e, "deleted_ts") {
            Some(ts) => ChatEvent::MessageDeleted {
                channel,
                ts,
                thread_ts: e.get("previous_message").and_then(|p| id(p, "thread_ts")),
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
    pub team_id: TeamId,
    pub channel_id: ChannelId,
    pub user_id: UserId,
    pub command: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub trigger_id: String,
    #[serde(default)]
    pub response_url: String,
    /// The app the command was sent to.
    #[serde(default)]
    pub api_app_id: Option<String>,
    /// The Enterprise Grid org of the workspace, if any.
    #[serde(default)]
    pub enterprise_id: Option<String>,
}

/// A command's text as the user typed it. Slack escapes `&`, `<` and `>`
/// in it (`Q&A` arrives as `Q&amp;A`); the bot escapes once, when it writes
/// text back, so it reads the text unescaped (mentions and channel links
/// Slack made, `<@U…|name>`, are real sequences and stay as they are).
pub fn command_text(raw: &str) -> String {
    crate::summarize::sanitize::unescape(raw)
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
        team_id: get("team_id")
            .ok_or(PayloadError::Missing("team_id"))?
            .into(),
        channel_id: get("channel_id")
            .ok_or(PayloadError::Missing("channel_id"))?
            .into(),
        user_id: get("user_id")
            .ok_or(PayloadError::Missing("user_id"))?
            .into(),
        command: get("command").ok_or(PayloadError::Missing("command"))?,
        text: command_text(&get("text").unwrap_or_default()),
        trigger_id: get("trigger_id").unwrap_or_default(),
        response_url: get("response_url").unwrap_or_default(),
        api_app_id: get("api_app_id"),
        enterprise_id: get("enterprise_id").filter(|e| !e.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds_are_named_once_with_a_static_name_for_every_known_type() {
        let message = ChatEvent::Message {
            channel: "C1".to_string().into(),
            user: "U1".to_string().into(),
            text: String::new(),
            ts: "1.1".to_string().into(),
            thread_ts: None,
        };
        assert_eq!(message.kind(), "message");
        assert_eq!(message.known_kind(), Some("message"));
        let files = ChatEvent::WithFiles {
            message: Box::new(ChatEvent::AppUninstalled),
            files: SharedFiles {
                channel: "C1".to_string().into(),
                user: "U1".to_string().into(),
                ts: "1.1".to_string().into(),
                thread_ts: None,
                direct: false,
                files: vec![],
            },
        };
        assert_eq!(files.kind(), "app_uninstalled");
        assert_eq!(files.known_kind(), Some("app_uninstalled"));
        let other = ChatEvent::Other {
            kind: "reaction_added".into(),
        };
        assert_eq!(other.kind(), "reaction_added");
        assert_eq!(other.known_kind(), None);
    }

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
    fn dm_messages_edits_and_deletions_are_direct_messages() {
        let e = json!({"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"done","ts":"1.2","thread_ts":"1.1"});
        let ChatEvent::Direct(dm) = parse_event(&e) else {
            panic!("{:?}", parse_event(&e))
        };
        assert_eq!(dm.channel.as_str(), "D1");
        assert_eq!(dm.thread_ts.as_ref().map(|t| t.as_str()), Some("1.1"));
        assert_eq!(
            dm.change,
            DmChange::Posted {
                user: "U1".into(),
                text: "done".into()
            }
        );
        let edit = json!({"type":"message","subtype":"message_changed","channel":"D1","channel_type":"im",
            "message":{"user":"U1","text":"done!","ts":"1.2"}});
        assert!(matches!(
            parse_event(&edit),
            ChatEvent::Direct(DirectMessage {
                change: DmChange::Edited { .. },
                ..
            })
        ));
        let gone =
            json!({"type":"message","subtype":"message_deleted","channel":"D1","deleted_ts":"1.2"});
        assert!(matches!(
            parse_event(&gone),
            ChatEvent::Direct(DirectMessage {
                change: DmChange::Deleted,
                ..
            })
        ));
        // The bot's own DMs (the nudges) stay bot messages.
        let ours = json!({"type":"message","channel":"D1","channel_type":"im","user":"UBOT","bot_id":"B1","text":"hi","ts":"1.3"});
        assert_eq!(parse_event(&ours), ChatEvent::BotMessage);
        // A channel message stays one.
        let channel = json!({"type":"message","channel":"C1","channel_type":"channel","user":"U1","text":"x","ts":"1.4"});
        assert!(matches!(parse_event(&channel), ChatEvent::Message { .. }));
    }

    #[test]
    fn a_message_with_files_keeps_the_message_and_names_its_files() {
        let e = json!({"type":"message","subtype":"file_share","channel":"C1","user":"U1","text":"notes?","ts":"1.5",
            "files":[{"id":"F1","name":"sync.vtt"},{"id":""},{"name":"no-id.txt"}]});
        let ChatEvent::WithFiles { message, files } = parse_event(&e) else {
            panic!("{:?}", parse_event(&e))
        };
        assert!(matches!(*message, ChatEvent::Message { .. }));
        assert_eq!(
            (files.channel.as_str(), files.ts.as_str(), files.direct),
            ("C1", "1.5", false)
        );
        assert_eq!(
            files.files,
            vec![SharedFile {
                id: "F1".into(),
                name: "sync.vtt".into()
            }]
        );
        let dm = json!({"type":"message","subtype":"file_share","channel":"D1","channel_type":"im","user":"U1","text":"","ts":"1.6",
            "files":[{"id":"F2"}]});
        let ChatEvent::WithFiles { message, files } = parse_event(&dm) else {
            panic!("{:?}", parse_event(&dm))
        };
        assert!(matches!(*message, ChatEvent::Direct(_)));
        assert!(files.direct);
        assert_eq!(files.files[0].name, "");
        // A bot's files are none of the bot's business.
        let bot = json!({"type":"message","subtype":"file_share","channel":"C1","user":"U1","bot_id":"B1","ts":"1.7",
            "files":[{"id":"F3","name":"x.vtt"}]});
        assert_eq!(parse_event(&bot), ChatEvent::BotMessage);
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

    #[test]
    fn uninstall_and_a_revoked_bot_token_end_the_installation_a_user_token_does_not() {
        let event = |e: serde_json::Value| {
            let body = json!({"type":"event_callback","team_id":"T1","enterprise_id":"E1","event_id":"Ev1","event":e}).to_string();
            let EventsRequest::Callback(cb) = parse_events_body(&body).unwrap() else {
                panic!()
            };
            assert_eq!(cb.enterprise_id.as_deref(), Some("E1"));
            cb.event
        };
        assert!(event(json!({"type":"app_uninstalled"})).ends_installation());
        assert!(
            event(json!({"type":"tokens_revoked","tokens":{"bot":["UB1"]}})).ends_installation()
        );
        assert!(
            !event(json!({"type":"tokens_revoked","tokens":{"oauth":["U1"]}})).ends_installation()
        );
    }
}
