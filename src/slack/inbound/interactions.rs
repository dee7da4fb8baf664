//! Interactivity payloads: block actions, modal submissions, shortcuts.

use std::collections::BTreeMap;

use super::PayloadError;
use crate::ids::{ChannelId, TeamId, Ts, UserId};

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
    Other { kind: String, actor: Actor },
}

/// Who acted, common to every interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub team_id: TeamId,
    pub user_id: UserId,
    /// Unique per user action (the dedup key); absent on some payloads.
    pub trigger_id: Option<String>,
    /// The app the payload was sent to (`api_app_id`).
    pub app_id: Option<String>,
    /// The Enterprise Grid org of the workspace, if any.
    pub enterprise_id: Option<String>,
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

impl Action {
    /// The action items a button stands for: its value, `7` or `7,9` (an
    /// item line merged from duplicates), else the `item:<id>` block id of
    /// a select on an older message.
    pub fn item_ids(&self) -> Vec<i64> {
        let from_value = self
            .value
            .as_deref()
            .map(parse_item_ids)
            .unwrap_or_default();
        if !from_value.is_empty() {
            return from_value;
        }
        self.block_id
            .strip_prefix("item:")
            .map(parse_item_ids)
            .unwrap_or_default()
    }

    /// The choice made in an action item's overflow menu, if it is one.
    pub fn item_menu_choice(&self) -> Option<ItemMenuChoice> {
        ItemMenuChoice::parse(self.selected_option.as_deref()?)
    }
}

/// `7,9` as item ids; anything that is not a number is skipped.
pub fn parse_item_ids(list: &str) -> Vec<i64> {
    list.split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

/// A choice in an action item's overflow menu, whose option values are
/// `<choice>:<ids>` (see `render::followup`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemMenuChoice {
    Snooze {
        ids: Vec<i64>,
        days: i64,
    },
    /// "Reassign…": opens a modal to pick the new owner.
    Reassign(Vec<i64>),
    CreateIssue(i64),
}

impl ItemMenuChoice {
    pub fn parse(value: &str) -> Option<Self> {
        let (choice, list) = value.split_once(':')?;
        let list = parse_item_ids(list);
        let first = *list.first()?;
        Some(match choice {
            "snooze1d" => ItemMenuChoice::Snooze { ids: list, days: 1 },
            "snooze1w" => ItemMenuChoice::Snooze { ids: list, days: 7 },
            "reassign" => ItemMenuChoice::Reassign(list),
            "issue" => ItemMenuChoice::CreateIssue(first),
            _ => return None,
        })
    }
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
    /// The chosen options' values (checkboxes, multi static select).
    pub selected_options: Vec<String>,
    /// Chosen members (multi users select; a users select gives one).
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

    /// The options chosen in a checkboxes block (empty when none).
    pub fn options(&self, block_id: &str) -> &[String] {
        self.inputs
            .get(block_id)
            .map(|i| i.selected_options.as_slice())
            .unwrap_or_default()
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
    /// The files it carries (a meeting transcript, for "Make meeting notes").
    pub files: Vec<super::SharedFile>,
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

    /// Who acted, in which workspace, through which app.
    pub fn actor(&self) -> &Actor {
        match self {
            Interaction::BlockActions(b) => &b.actor,
            Interaction::ViewSubmission(v) => &v.actor,
            Interaction::MessageShortcut(m) => &m.actor,
            Interaction::Other { actor, .. } => actor,
        }
    }

    pub fn team_id(&self) -> &TeamId {
        &self.actor().team_id
    }

    pub fn user_id(&self) -> &UserId {
        &self.actor().user_id
    }

    pub fn trigger_id(&self) -> Option<&str> {
        self.actor().trigger_id.as_deref()
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
        enterprise: Option<Team>,
        user: Option<User>,
        trigger_id: Option<String>,
        api_app_id: Option<String>,
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
        files: Vec<File>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct File {
        id: String,
        name: String,
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
        selected_options: Option<Vec<Opt>>,
        selected_users: Option<Vec<UserId>>,
        selected_user: Option<UserId>,
        selected_time: Option<String>,
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
                app_id: self.api_app_id,
                enterprise_id: self
                    .enterprise
                    .and_then(|e| e.id)
                    .map(|e| e.as_str().to_string()),
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
                        files: (message.files.into_iter())
                            .filter(|f| !f.id.is_empty())
                            .map(|f| crate::slack::inbound::SharedFile {
                                id: f.id,
                                name: f.name,
                            })
                            .collect(),
                    },
                }),
                _ => super::Interaction::Other { kind, actor },
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
                            // A timepicker's time is its typed value.
                            value: input.value.or(input.selected_time),
                            selected_option: input.selected_option.and_then(|o| o.value),
                            selected_options: input
                                .selected_options
                                .unwrap_or_default()
                                .into_iter()
                                .filter_map(|o| o.value)
                                .collect(),
                            // A single users select counts as a list of one.
                            selected_users: input
                                .selected_users
                                .or(input.selected_user.map(|u| vec![u]))
                                .unwrap_or_default(),
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
    use serde_json::{json, Value};

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
    fn an_item_menu_choice_and_merged_ids_are_typed_at_the_edge() {
        let menu = |v: &str| Action {
            selected_option: Some(v.into()),
            ..Action::default()
        };
        assert_eq!(
            menu("snooze1w:3,5").item_menu_choice(),
            Some(ItemMenuChoice::Snooze {
                ids: vec![3, 5],
                days: 7
            })
        );
        assert_eq!(
            menu("reassign:3").item_menu_choice(),
            Some(ItemMenuChoice::Reassign(vec![3]))
        );
        assert_eq!(
            menu("issue:4").item_menu_choice(),
            Some(ItemMenuChoice::CreateIssue(4))
        );
        assert_eq!(menu("issue:x").item_menu_choice(), None);
        assert_eq!(menu("dance:1").item_menu_choice(), None);
        let done = Action {
            value: Some("7,9".into()),
            ..Action::default()
        };
        assert_eq!(done.item_ids(), [7, 9]);
        let old_select = Action {
            block_id: "item:3".into(),
            ..Action::default()
        };
        assert_eq!(old_select.item_ids(), [3]);
    }

    #[test]
    fn checkboxes_a_timepicker_and_a_users_select_are_read() {
        let i = payload(json!({"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},
            "view":{"id":"V1","callback_id":"cb","state":{"values":{
                "days":{"value":{"type":"checkboxes","selected_options":[{"value":"mon"},{"value":"fri"}]}},
                "time":{"value":{"type":"timepicker","selected_time":"09:30"}},
                "owner":{"value":{"type":"users_select","selected_user":"U7"}}}}}}))
        .unwrap();
        let Interaction::ViewSubmission(v) = i else {
            panic!()
        };
        assert_eq!(v.options("days"), ["mon", "fri"]);
        assert!(v.options("time").is_empty());
        assert_eq!(v.text("time"), Some("09:30"));
        assert_eq!(v.users("owner"), [UserId::from("U7")]);
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
