//! What Socket Mode delivers arrives parsed by slack-morphism; it is
//! converted here into the same types an HTTP delivery is parsed into.

use std::collections::BTreeMap;

use super::events::parse_event;
use super::interactions::parse_interaction;
use super::{
    Action, Actor, BlockActions, ChatEvent, EventCallback, InputValue, Interaction, MessageRef,
    MessageShortcut, PayloadError, ShortcutMessage, ViewSubmission,
};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slack::inbound::parse_event_callback;
    use serde_json::json;

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
}
