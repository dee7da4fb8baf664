//! Parsing what Slack sends into scrumbot's own types.
//!
//! Events are read from `serde_json::Value` with explicit field reads, and
//! interactions with lenient serde structs (every field optional), rather
//! than strict structs: Slack adds fields and event subtypes all the time,
//! and an unknown one must be ignored, not turned into a 400 and a
//! redelivery storm. What *is* required (a team, an event id) is checked,
//! and its absence is a [`PayloadError`] — a 400 on HTTP. What leaves this
//! module is typed (ids from `crate::ids`); handlers never see JSON.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ids::{ChannelId, TeamId, Ts, UserId};

/// slack-morphism's event models, which Socket Mode delivers.
mod sm {
    pub use slack_morphism::prelude::{
        SlackBasicTeamInfo, SlackBasicUserInfo, SlackEventCallbackBody,
        SlackInteractionActionContainer, SlackInteractionActionInfo,
        SlackInteractionBlockActionsEvent, SlackInteractionEvent,
        SlackInteractionViewSubmissionEvent, SlackMessageContent, SlackMessageEvent,
        SlackMessageEventType, SlackMessageSender, SlackPushEventCallback, SlackView,
        SlackViewState,
    };
}

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
    pub team_id: TeamId,
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
    /// A message from a bot (scrumbot's own included): ignored.
    BotMessage,
    AppHomeOpened {
        user: UserId,
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

/// A string field as one of the id types.
fn id<T: From<String>>(v: &Value, key: &str) -> Option<T> {
    s(v, key).map(T::from)
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
        "message" => parse_message(e, channel),
        "app_home_opened" => match id(e, "user") {
            Some(user) => ChatEvent::AppHomeOpened { user },
            None => ChatEvent::Other { kind },
        },
        _ => ChatEvent::Other { kind },
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

/// A Socket Mode event, converted from slack-morphism's model (which has
/// parsed the envelope already) into the same [`EventCallback`] an HTTP
/// delivery gives. Types scrumbot does not act on go through the JSON
/// parser, which names them (`Other`) the same way in both modes.
///
/// slack-morphism's model of `message_changed`/`message_deleted` keeps no
/// `thread_ts` of the edited or deleted message (nor did its JSON, which the
/// previous version of this adapter parsed), so in Socket Mode those events
/// arrive without it.
pub fn event_callback_from_push(ev: &sm::SlackPushEventCallback) -> EventCallback {
    EventCallback {
        team_id: TeamId::from(ev.team_id.0.clone()),
        event_id: ev.event_id.0.clone(),
        event: event_from_push(&ev.event),
    }
}

fn event_from_push(body: &sm::SlackEventCallbackBody) -> ChatEvent {
    use sm::SlackEventCallbackBody as Body;
    match body {
        Body::AppMention(m) => ChatEvent::AppMention {
            channel: ChannelId::from(m.channel.0.clone()),
            user: UserId::from(m.user.0.clone()),
            text: m.content.text.clone().unwrap_or_default(),
            ts: Ts::from(m.origin.ts.0.clone()),
            thread_ts: m.origin.thread_ts.as_ref().map(|t| Ts::from(t.0.clone())),
        },
        Body::Message(m) => message_from_push(m),
        Body::AppHomeOpened(h) => ChatEvent::AppHomeOpened {
            user: UserId::from(h.user.0.clone()),
        },
        Body::Unknown(v) => parse_event(v),
        other => parse_event(&serde_json::to_value(other).unwrap_or_default()),
    }
}

/// A `message_changed` event: the edited message is in `message`.
fn edited_from_push(m: &sm::SlackMessageEvent, channel: ChannelId) -> ChatEvent {
    let other = || ChatEvent::Other {
        kind: "message_changed".into(),
    };
    let Some(edited) = &m.message else {
        return other();
    };
    if edited.sender.bot_id.is_some() {
        return ChatEvent::BotMessage;
    }
    match &edited.sender.user {
        Some(user) => ChatEvent::MessageChanged {
            channel,
            user: UserId::from(user.0.clone()),
            text: edited
                .content
                .as_ref()
                .and_then(|c| c.text.clone())
                .unwrap_or_default(),
            ts: Ts::from(edited.ts.0.clone()),
            thread_ts: None,
        },
        None => other(),
    }
}

fn message_from_push(m: &sm::SlackMessageEvent) -> ChatEvent {
    use sm::SlackMessageEventType as Sub;
    let channel = m
        .origin
        .channel
        .as_ref()
        .map(|c| ChannelId::from(c.0.clone()))
        .unwrap_or_default();
    let text = |c: &Option<sm::SlackMessageContent>| {
        c.as_ref().and_then(|c| c.text.clone()).unwrap_or_default()
    };
    let user = |s: &sm::SlackMessageSender| s.user.as_ref().map(|u| UserId::from(u.0.clone()));
    match &m.subtype {
        None | Some(Sub::ThreadBroadcast) | Some(Sub::FileShare) | Some(Sub::MeMessage) => {
            if m.sender.bot_id.is_some() || m.sender.bot_profile.is_some() {
                return ChatEvent::BotMessage;
            }
            match user(&m.sender) {
                Some(user) => ChatEvent::Message {
                    channel,
                    user,
                    text: text(&m.content),
                    ts: Ts::from(m.origin.ts.0.clone()),
                    thread_ts: m.origin.thread_ts.as_ref().map(|t| Ts::from(t.0.clone())),
                },
                None => ChatEvent::Other {
                    kind: "message".into(),
                },
            }
        }
        Some(Sub::BotMessage) => ChatEvent::BotMessage,
        Some(Sub::MessageChanged) => edited_from_push(m, channel),
        Some(Sub::MessageDeleted) => match &m.deleted_ts {
            Some(ts) => ChatEvent::MessageDeleted {
                channel,
                ts: Ts::from(ts.0.clone()),
                thread_ts: None,
            },
            None => ChatEvent::Other {
                kind: "message_deleted".into(),
            },
        },
        Some(other) => {
            let name = serde_json::to_value(other).unwrap_or_default();
            ChatEvent::Other {
                kind: format!("message.{}", name.as_str().unwrap_or("unknown")),
            }
        }
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
        text: get("text").unwrap_or_default(),
        trigger_id: get("trigger_id").unwrap_or_default(),
        response_url: get("response_url").unwrap_or_default(),
    })
}

/// An interactivity payload (block actions, modal submissions, shortcuts),
/// parsed once here so handlers read fields, never JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Interaction {
    /// Buttons and selects on a message, a modal or the App Home tab.
    BlockActions(BlockActions),
    /// A modal's Submit.
    ViewSubmission(ViewSubmission),
    /// A message shortcut (`message_action`), e.g. "Summarize thread".
    MessageShortcut(MessageShortcut),
    /// Anything else (global shortcuts, `view_closed`, new types): stored and ignored.
    Other {
        kind: String,
        team_id: TeamId,
        user_id: UserId,
        trigger_id: Option<String>,
    },
}

/// Who acted, common to every interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub team_id: TeamId,
    pub user_id: UserId,
    /// Unique per user action (the dedup key); absent on some payloads.
    pub trigger_id: Option<String>,
}

/// A `block_actions` payload.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockActions {
    pub actor: Actor,
    /// The channel the pressed message is in; `None` on the App Home tab.
    pub channel: Option<ChannelId>,
    /// The message that holds the pressed element, when it is a message.
    pub message: Option<MessageRef>,
    /// Slack sends one action per payload; a list because the format allows more.
    pub actions: Vec<Action>,
}

/// A message, by channel and ts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRef {
    pub channel: ChannelId,
    pub ts: Ts,
}

/// One pressed button or chosen option.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Action {
    pub action_id: String,
    pub block_id: String,
    /// A button's value.
    pub value: Option<String>,
    /// The value of the option chosen in a select or overflow menu.
    pub selected_option: Option<String>,
    /// The member chosen in a users select.
    pub selected_user: Option<UserId>,
    pub action_ts: Option<String>,
}

/// A `view_submission` payload: the modal's identity and what was typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewSubmission {
    pub actor: Actor,
    pub view_id: String,
    pub callback_id: String,
    pub private_metadata: String,
    /// The input blocks' values by block id.
    pub inputs: BTreeMap<String, InputValue>,
}

/// What one input block of a submitted modal holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InputValue {
    /// Typed text (plain text input).
    pub value: Option<String>,
    /// A chosen option's value (static select, radio buttons).
    pub selected_option: Option<String>,
    /// Chosen members (multi users select).
    pub selected_users: Vec<UserId>,
}

impl ViewSubmission {
    /// The text typed (or the option chosen) in an input block, trimmed;
    /// `None` when empty.
    pub fn text(&self, block_id: &str) -> Option<&str> {
        let input = self.inputs.get(block_id)?;
        input
            .value
            .as_deref()
            .or(input.selected_option.as_deref())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The members chosen in a users select block.
    pub fn users(&self, block_id: &str) -> &[UserId] {
        self.inputs
            .get(block_id)
            .map(|i| i.selected_users.as_slice())
            .unwrap_or_default()
    }
}

/// A `message_action` payload (a message shortcut).
#[derive(Debug, Clone, PartialEq)]
pub struct MessageShortcut {
    pub actor: Actor,
    pub callback_id: String,
    pub channel: Option<ChannelId>,
    pub message: ShortcutMessage,
}

/// The message a shortcut was used on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShortcutMessage {
    pub ts: Option<Ts>,
    pub thread_ts: Option<Ts>,
    pub text: String,
    pub user: Option<UserId>,
}

impl ShortcutMessage {
    /// The thread the message belongs to: its parent's ts, else its own.
    pub fn thread(&self) -> Option<&Ts> {
        self.thread_ts.as_ref().or(self.ts.as_ref())
    }
}

impl Interaction {
    /// The payload's type as Slack names it (for metrics and logs).
    pub fn kind(&self) -> &str {
        match self {
            Interaction::BlockActions(_) => "block_actions",
            Interaction::ViewSubmission(_) => "view_submission",
            Interaction::MessageShortcut(_) => "message_action",
            Interaction::Other { kind, .. } => kind,
        }
    }

    pub fn team_id(&self) -> &TeamId {
        match self {
            Interaction::BlockActions(b) => &b.actor.team_id,
            Interaction::ViewSubmission(v) => &v.actor.team_id,
            Interaction::MessageShortcut(m) => &m.actor.team_id,
            Interaction::Other { team_id, .. } => team_id,
        }
    }

    pub fn user_id(&self) -> &UserId {
        match self {
            Interaction::BlockActions(b) => &b.actor.user_id,
            Interaction::ViewSubmission(v) => &v.actor.user_id,
            Interaction::MessageShortcut(m) => &m.actor.user_id,
            Interaction::Other { user_id, .. } => user_id,
        }
    }

    pub fn trigger_id(&self) -> Option<&str> {
        match self {
            Interaction::BlockActions(b) => b.actor.trigger_id.as_deref(),
            Interaction::ViewSubmission(v) => v.actor.trigger_id.as_deref(),
            Interaction::MessageShortcut(m) => m.actor.trigger_id.as_deref(),
            Interaction::Other { trigger_id, .. } => trigger_id.as_deref(),
        }
    }

    /// A key a redelivery repeats: the trigger id, else the action's own timestamp.
    pub fn dedup_key(&self) -> String {
        if let Some(t) = self.trigger_id() {
            return format!("interaction:{t}");
        }
        let action_ts = match self {
            Interaction::BlockActions(b) => b
                .actions
                .first()
                .and_then(|a| a.action_ts.as_deref())
                .unwrap_or(""),
            _ => "",
        };
        format!("interaction:{}:{}:{action_ts}", self.kind(), self.user_id())
    }
}

/// The interactivity body is a form with one field, `payload`, holding JSON.
/// Returns the interaction and the payload text (what the inbox stores, and
/// what a replay parses again).
pub fn parse_interaction_form(body: &str) -> Result<(Interaction, String), PayloadError> {
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_str(body).map_err(|_| PayloadError::NotForm)?;
    let payload = fields
        .into_iter()
        .find(|(k, _)| k == "payload")
        .map(|(_, v)| v)
        .ok_or(PayloadError::Missing("payload"))?;
    let interaction = parse_interaction(&payload)?;
    Ok((interaction, payload))
}

/// Parses an interaction payload (the JSON inside the form, a Socket Mode
/// envelope's payload, or an inbox row being replayed).
pub fn parse_interaction(payload: &str) -> Result<Interaction, PayloadError> {
    let raw: wire::Interaction =
        serde_json::from_str(payload).map_err(|_| PayloadError::NotJson)?;
    raw.into_interaction()
}

/// A Socket Mode interaction, converted from slack-morphism's model (which
/// has parsed the envelope already) into the same [`Interaction`] an HTTP
/// delivery gives. Kinds scrumbot does not act on go through the JSON
/// parser, which names them (`Other`) the same way in both modes.
///
/// slack-morphism's model of an action has no `selected_user` (nor had its
/// JSON, which the previous version of this adapter parsed), so a users
/// select pressed in Socket Mode arrives without the chosen member.
pub fn interaction_from_socket(
    ev: &sm::SlackInteractionEvent,
) -> Result<Interaction, PayloadError> {
    use sm::SlackInteractionEvent as Ev;
    Ok(match ev {
        Ev::BlockActions(b) => Interaction::BlockActions(block_actions_from_socket(b)?),
        Ev::ViewSubmission(v) => Interaction::ViewSubmission(view_submission_from_socket(v)),
        Ev::MessageAction(m) => {
            let message = m.message.as_ref();
            Interaction::MessageShortcut(MessageShortcut {
                actor: actor_from_socket(&m.team, Some(&m.user), Some(&m.trigger_id.0))?,
                callback_id: m.callback_id.0.clone(),
                channel: m.channel.as_ref().map(|c| ChannelId::from(c.id.0.clone())),
                message: ShortcutMessage {
                    ts: message.map(|m| Ts::from(m.origin.ts.0.clone())),
                    thread_ts: message
                        .and_then(|m| m.origin.thread_ts.as_ref())
                        .map(|t| Ts::from(t.0.clone())),
                    text: message
                        .and_then(|m| m.content.text.clone())
                        .unwrap_or_default(),
                    user: message
                        .and_then(|m| m.sender.user.as_ref())
                        .map(|u| UserId::from(u.0.clone())),
                },
            })
        }
        other => {
            let payload = serde_json::to_string(other).map_err(|_| PayloadError::NotJson)?;
            parse_interaction(&payload)?
        }
    })
}

fn actor_from_socket(
    team: &sm::SlackBasicTeamInfo,
    user: Option<&sm::SlackBasicUserInfo>,
    trigger_id: Option<&String>,
) -> Result<Actor, PayloadError> {
    let user = user.ok_or(PayloadError::Missing("user.id"))?;
    Ok(Actor {
        team_id: TeamId::from(team.id.0.clone()),
        user_id: UserId::from(user.id.0.clone()),
        trigger_id: trigger_id.cloned(),
    })
}

fn block_actions_from_socket(
    b: &sm::SlackInteractionBlockActionsEvent,
) -> Result<BlockActions, PayloadError> {
    use sm::SlackInteractionActionContainer as Container;
    let channel = b.channel.as_ref().map(|c| ChannelId::from(c.id.0.clone()));
    let (container_channel, container_ts) = match &b.container {
        Container::Message(m) => (m.channel_id.as_ref(), Some(&m.message_ts)),
        Container::MessageAttachment(m) => (m.channel_id.as_ref(), Some(&m.message_ts)),
        Container::View(_) => (None, None),
    };
    let at = channel
        .clone()
        .or_else(|| container_channel.map(|c| ChannelId::from(c.0.clone())));
    let ts = container_ts
        .or(b.message.as_ref().map(|m| &m.origin.ts))
        .map(|t| Ts::from(t.0.clone()));
    Ok(BlockActions {
        actor: actor_from_socket(&b.team, b.user.as_ref(), Some(&b.trigger_id.0))?,
        channel,
        message: at.zip(ts).map(|(channel, ts)| MessageRef { channel, ts }),
        actions: b.actions.iter().flatten().map(action_from_socket).collect(),
    })
}

fn action_from_socket(a: &sm::SlackInteractionActionInfo) -> Action {
    Action {
        action_id: a.action_id.0.clone(),
        block_id: a.block_id.as_ref().map(|b| b.0.clone()).unwrap_or_default(),
        value: a.value.clone(),
        selected_option: a.selected_option.as_ref().map(|o| o.value.clone()),
        selected_user: None,
        action_ts: a.action_ts.as_ref().map(|t| t.0.clone()),
    }
}

fn view_submission_from_socket(v: &sm::SlackInteractionViewSubmissionEvent) -> ViewSubmission {
    let (callback_id, private_metadata) = match &v.view.view {
        sm::SlackView::Modal(m) => (
            m.callback_id.as_ref().map(|c| c.0.clone()),
            m.private_metadata.clone(),
        ),
        sm::SlackView::Home(h) => (
            h.callback_id.as_ref().map(|c| c.0.clone()),
            h.private_metadata.clone(),
        ),
    };
    ViewSubmission {
        actor: Actor {
            team_id: TeamId::from(v.team.id.0.clone()),
            user_id: UserId::from(v.user.id.0.clone()),
            trigger_id: v.trigger_id.as_ref().map(|t| t.0.clone()),
        },
        view_id: v.view.state_params.id.0.clone(),
        callback_id: callback_id.unwrap_or_default(),
        private_metadata: private_metadata.unwrap_or_default(),
        inputs: v
            .view
            .state_params
            .state
            .as_ref()
            .map(inputs_from_socket)
            .unwrap_or_default(),
    }
}

/// One value per block, the element with the first action id (as the JSON parser).
fn inputs_from_socket(state: &sm::SlackViewState) -> BTreeMap<String, InputValue> {
    state
        .values
        .iter()
        .filter_map(|(block, elements)| {
            let (_, input) = elements.iter().min_by(|a, b| a.0 .0.cmp(&b.0 .0))?;
            Some((
                block.0.clone(),
                InputValue {
                    value: input.value.clone(),
                    selected_option: input.selected_option.as_ref().map(|o| o.value.clone()),
                    selected_users: input
                        .selected_users
                        .iter()
                        .flatten()
                        .map(|u| UserId::from(u.0.clone()))
                        .collect(),
                },
            ))
        })
        .collect()
}

/// The interaction payload as Slack sends it, read leniently.
///
/// These are our own structs rather than slack-morphism's
/// `SlackInteractionEvent`: that enum rejects a payload whose `type` it does
/// not know and requires fields Slack leaves out in some surfaces (App Home
/// buttons carry no `channel`, shortcuts no `container`), and a rejected
/// payload would be a 400 and a redelivery. Here every field is optional or
/// defaulted and unknown fields are ignored; only a team and a user are
/// required (checked in `into_interaction`).
mod wire {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::PayloadError;
    use crate::ids::{ChannelId, TeamId, Ts, UserId};

    #[derive(Deserialize, Default)]
    #[serde(default)]
    pub struct Interaction {
        #[serde(rename = "type")]
        kind: Option<String>,
        team: Option<Team>,
        user: Option<User>,
        trigger_id: Option<String>,
        callback_id: Option<String>,
        channel: Option<Id>,
        container: Option<Container>,
        message: Option<Message>,
        actions: Option<Vec<Action>>,
        view: Option<View>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Team {
        id: Option<TeamId>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct User {
        id: Option<UserId>,
        team_id: Option<TeamId>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Id {
        id: Option<String>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Container {
        channel_id: Option<ChannelId>,
        message_ts: Option<Ts>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Message {
        ts: Option<Ts>,
        thread_ts: Option<Ts>,
        text: Option<String>,
        user: Option<UserId>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Action {
        action_id: Option<String>,
        block_id: Option<String>,
        value: Option<String>,
        selected_option: Option<Opt>,
        selected_user: Option<UserId>,
        action_ts: Option<String>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Opt {
        value: Option<String>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct View {
        id: Option<String>,
        callback_id: Option<String>,
        private_metadata: Option<String>,
        state: Option<State>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct State {
        /// block id → action id → the element's state.
        values: BTreeMap<String, BTreeMap<String, Input>>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Input {
        value: Option<String>,
        selected_option: Option<Opt>,
        selected_users: Option<Vec<UserId>>,
    }

    impl Interaction {
        pub fn into_interaction(self) -> Result<super::Interaction, PayloadError> {
            let kind = self.kind.ok_or(PayloadError::Missing("type"))?;
            let user = self.user.unwrap_or_default();
            let team_id = self
                .team
                .and_then(|t| t.id)
                .or(user.team_id)
                .ok_or(PayloadError::Missing("team.id"))?;
            let user_id = user.id.ok_or(PayloadError::Missing("user.id"))?;
            let actor = super::Actor {
                team_id,
                user_id,
                trigger_id: self.trigger_id,
            };
            let channel = self.channel.and_then(|c| c.id).map(ChannelId::from);
            let message = self.message.unwrap_or_default();
            Ok(match kind.as_str() {
                "block_actions" => super::Interaction::BlockActions(super::BlockActions {
                    message: message_ref(channel.clone(), self.container, message.ts),
                    actor,
                    channel,
                    actions: self
                        .actions
                        .unwrap_or_default()
                        .into_iter()
                        .map(Action::into_action)
                        .collect(),
                }),
                "view_submission" => {
                    let view = self.view.unwrap_or_default();
                    super::Interaction::ViewSubmission(super::ViewSubmission {
                        actor,
                        view_id: view.id.unwrap_or_default(),
                        callback_id: view.callback_id.unwrap_or_default(),
                        private_metadata: view.private_metadata.unwrap_or_default(),
                        inputs: view.state.unwrap_or_default().into_inputs(),
                    })
                }
                "message_action" => super::Interaction::MessageShortcut(super::MessageShortcut {
                    actor,
                    callback_id: self.callback_id.unwrap_or_default(),
                    channel,
                    message: super::ShortcutMessage {
                        ts: message.ts,
                        thread_ts: message.thread_ts,
                        text: message.text.unwrap_or_default(),
                        user: message.user,
                    },
                }),
                _ => super::Interaction::Other {
                    kind,
                    team_id: actor.team_id,
                    user_id: actor.user_id,
                    trigger_id: actor.trigger_id,
                },
            })
        }
    }

    /// The message holding a pressed element: the channel of the payload
    /// (else of the container) and the container's ts (else the message's).
    fn message_ref(
        channel: Option<ChannelId>,
        container: Option<Container>,
        message_ts: Option<Ts>,
    ) -> Option<super::MessageRef> {
        let container = container.unwrap_or_default();
        let channel = channel.or(container.channel_id)?;
        let ts = container.message_ts.or(message_ts)?;
        Some(super::MessageRef { channel, ts })
    }

    impl Action {
        fn into_action(self) -> super::Action {
            super::Action {
                action_id: self.action_id.unwrap_or_default(),
                block_id: self.block_id.unwrap_or_default(),
                value: self.value,
                selected_option: self.selected_option.and_then(|o| o.value),
                selected_user: self.selected_user,
                action_ts: self.action_ts,
            }
        }
    }

    impl State {
        /// One value per block: scrumbot's input blocks hold one element each
        /// (the first, by action id, is taken should a block hold more).
        fn into_inputs(self) -> BTreeMap<String, super::InputValue> {
            self.values
                .into_iter()
                .filter_map(|(block, elements)| {
                    let input = elements.into_values().next()?;
                    Some((
                        block,
                        super::InputValue {
                            value: input.value,
                            selected_option: input.selected_option.and_then(|o| o.value),
                            selected_users: input.selected_users.unwrap_or_default(),
                        },
                    ))
                })
                .collect()
        }
    }
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

    /// As for events: an interaction converted from slack-morphism's model
    /// equals what the JSON parser makes of that model's JSON.
    #[test]
    fn socket_mode_interactions_convert_like_their_json() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/slack/interactivity");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let ev: sm::SlackInteractionEvent =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let json = serde_json::to_string(&ev).unwrap();
            assert_eq!(
                interaction_from_socket(&ev).unwrap(),
                parse_interaction(&json).unwrap(),
                "{}",
                path.display()
            );
        }
    }

    /// Socket Mode converts slack-morphism's model directly; the result must
    /// be what the JSON parser makes of that model's own JSON (what this
    /// adapter did before), for every event fixture.
    #[test]
    fn socket_mode_events_convert_like_their_json() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/slack/events");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let Ok(ev) = serde_json::from_str::<sm::SlackPushEventCallback>(&text) else {
                continue; // url_verification
            };
            let mut raw = serde_json::to_value(&ev).unwrap();
            raw["type"] = json!("event_callback");
            assert_eq!(
                event_callback_from_push(&ev),
                parse_event_callback(&raw).unwrap()
            );
            checked += 1;
        }
        assert!(checked >= 8, "only {checked} fixtures converted");
    }

    fn payload(v: Value) -> Result<Interaction, PayloadError> {
        parse_interaction(&v.to_string())
    }

    #[test]
    fn interaction_fixtures_parse_into_their_kinds() {
        let read = |name: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/slack/interactivity")
                .join(name);
            parse_interaction(&std::fs::read_to_string(path).unwrap()).unwrap()
        };
        let Interaction::BlockActions(b) = read("block_actions.json") else {
            panic!("not block actions")
        };
        assert!(!b.actions.is_empty() && !b.actions[0].action_id.is_empty());
        assert!(
            matches!(read("view_submission.json"), Interaction::ViewSubmission(v) if !v.callback_id.is_empty())
        );
        assert!(
            matches!(read("message_action.json"), Interaction::MessageShortcut(m) if m.message.thread().is_some())
        );
    }

    #[test]
    fn unknown_interaction_types_and_fields_are_other_not_errors() {
        let i = payload(
            json!({"type":"shortcut","team":{"id":"T1"},"user":{"id":"U1"},"new_field":{"x":1}}),
        )
        .unwrap();
        assert_eq!(i.kind(), "shortcut");
        assert_eq!(i.team_id(), "T1");
        assert_eq!(i.dedup_key(), "interaction:shortcut:U1:");
        assert_eq!(
            payload(json!({"type":"block_actions","team":{"id":"T1"}})),
            Err(PayloadError::Missing("user.id"))
        );
        assert_eq!(parse_interaction("{oops"), Err(PayloadError::NotJson));
    }

    #[test]
    fn a_button_on_the_home_tab_has_no_channel_and_dedups_by_action_ts() {
        let i = payload(json!({"type":"block_actions","user":{"id":"U1","team_id":"T1"},
            "container":{"type":"view","view_id":"V1"},
            "actions":[{"action_id":"item_done","block_id":"item:7","value":"7","action_ts":"9.9"}]}))
        .unwrap();
        assert_eq!(i.dedup_key(), "interaction:block_actions:U1:9.9");
        let Interaction::BlockActions(b) = i else {
            panic!()
        };
        assert_eq!((b.channel, b.message), (None, None));
        assert_eq!(b.actions[0].value.as_deref(), Some("7"));
    }

    #[test]
    fn a_nudge_button_names_its_message_from_the_container() {
        let i = payload(json!({"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"trigger_id":"tr",
            "container":{"type":"message","channel_id":"D1","message_ts":"1.5"},
            "actions":[{"action_id":"item_snooze","block_id":"item:3","selected_option":{"text":{"type":"plain_text","text":"1 week"},"value":"1w"}}]}))
        .unwrap();
        assert_eq!(i.dedup_key(), "interaction:tr");
        let Interaction::BlockActions(b) = i else {
            panic!()
        };
        assert_eq!(
            b.message,
            Some(MessageRef {
                channel: "D1".into(),
                ts: "1.5".into()
            })
        );
        assert_eq!(b.actions[0].selected_option.as_deref(), Some("1w"));
    }

    #[test]
    fn a_view_submission_reads_its_inputs_by_block() {
        let i = payload(json!({"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},
            "view":{"id":"V1","callback_id":"cb","private_metadata":"42","state":{"values":{
                "q0":{"value":{"type":"plain_text_input","value":"  done  "}},
                "q1":{"value":{"type":"plain_text_input","value":null}},
                "mood":{"m":{"type":"static_select","selected_option":{"value":"4"}}},
                "participants":{"value":{"type":"multi_users_select","selected_users":["U2","U3"]}}}}}}))
        .unwrap();
        let Interaction::ViewSubmission(v) = i else {
            panic!()
        };
        assert_eq!(
            (v.view_id.as_str(), v.private_metadata.as_str()),
            ("V1", "42")
        );
        assert_eq!(v.text("q0"), Some("done"));
        assert_eq!(v.text("q1"), None);
        assert_eq!(v.text("mood"), Some("4"));
        assert_eq!(
            v.users("participants"),
            [UserId::from("U2"), UserId::from("U3")]
        );
        assert!(v.users("nothing").is_empty());
    }
}
