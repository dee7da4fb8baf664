//! The render layer: every message, modal and Home view the bot sends is
//! composed here, with slack-morphism's typed Block Kit models, from values
//! the domain returns. Nothing outside `render/` builds a block.

pub mod channel_post;
pub mod confirm;
pub mod digest;
pub mod followup;
pub mod meeting;
pub mod modals;
pub mod people;
pub mod stakeholder;
pub mod standup;
pub mod summary;
pub mod text;
pub mod thread_summary;
pub mod tickets;

use slack_morphism::prelude::*;

/// A message ready to post: the notification fallback text and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub blocks: Vec<SlackBlock>,
}

/// A section of mrkdwn text (the caller keeps it within Slack's limits).
pub fn section(text: impl Into<String>) -> SlackBlock {
    SlackSectionBlock::new()
        .with_text(SlackBlockMarkDownText::new(text.into()).into())
        .into()
}

/// A context block holding one line of mrkdwn.
pub fn context(text: impl Into<String>) -> SlackBlock {
    SlackContextBlock::new(vec![SlackBlockMarkDownText::new(text.into()).into()]).into()
}

/// A header; `emoji` sets Slack's `emoji` flag on its plain text.
pub fn header(text: impl Into<String>, emoji: bool) -> SlackBlock {
    let text = SlackBlockPlainText::new(text.into());
    let text = if emoji { text.with_emoji(true) } else { text };
    SlackHeaderBlock::new(text.into()).into()
}

/// Plain text for labels, titles and placeholders.
pub fn plain(text: impl Into<String>) -> SlackBlockPlainTextOnly {
    SlackBlockPlainText::new(text.into()).into()
}

/// A button carrying `value` back to the action handler.
pub fn button(action_id: &str, label: &str, value: impl Into<String>) -> SlackBlockButtonElement {
    SlackBlockButtonElement::new(plain(label))
        .with_action_id(action_id.into())
        .with_value(value.into())
}

/// An option of a select or overflow menu.
pub fn option(
    label: impl Into<String>,
    value: impl Into<String>,
) -> SlackBlockChoiceItem<SlackBlockPlainTextOnly> {
    SlackBlockChoiceItem::new(plain(label), value.into())
}

/// An actions block with an optional block id.
pub fn actions(block_id: Option<String>, elements: Vec<SlackActionBlockElement>) -> SlackBlock {
    let block = SlackActionsBlock::new(elements);
    match block_id {
        Some(id) => block.with_block_id(id.into()).into(),
        None => block.into(),
    }
}
