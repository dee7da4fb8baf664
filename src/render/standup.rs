//! Block Kit for standup messages: the parent prompt, its closed state,
//! the nudge (questions, Answer button, close in the member's zone, blocker
//! question, mood buttons) and the answer modal.
//! Summaries are rendered by [`super::summary`].

use slack_morphism::prelude::*;

use super::followup::ChannelExtras;
use super::summary::{self, ChannelContext};
pub use super::text::mentions;
pub(crate) use super::text::{clip, escape};
use super::{actions, button, context, header, option, plain, section, Message};
use crate::standup::answer_mode::AnswerMode;
use crate::standup::Run;
use crate::summarize::Summary;

/// Slack's limit for a section's text.
pub const MAX_SECTION_TEXT: usize = 3000;
/// Slack's limit for a header's plain text.
const MAX_HEADER_TEXT: usize = 150;
/// Slack's limit for a context element's text.
const MAX_CONTEXT_TEXT: usize = 2000;
/// Slack's limit for an input label.
const MAX_LABEL_TEXT: usize = 2000;

fn clipped_section(text: &str) -> SlackBlock {
    section(clip(text, MAX_SECTION_TEXT))
}

fn run_header(run: &Run, title: &str) -> SlackBlock {
    header(
        clip(
            &format!(":sunrise: {} — {}", title, run.run_date),
            MAX_HEADER_TEXT,
        ),
        false,
    )
}

/// The action id of the parent message's "Answer" button; its value is the run id.
pub const ANSWER_ACTION: &str = "standup_answer";
/// The action id of the closed parent's "Update summary" button; its value is the run id.
pub const UPDATE_SUMMARY_ACTION: &str = "standup_update_summary";
/// The mood buttons' action id; the value is `<run id>:<1-5>`.
pub const MOOD_ACTION: &str = "standup_mood";
/// The 1–5 mood scale.
pub const MOOD_EMOJI: [&str; 5] = [
    ":cloud_with_rain:",
    ":cloud:",
    ":partly_sunny:",
    ":mostly_sunny:",
    ":sunny:",
];

/// The mood question of a nudge: five buttons.
pub fn mood_buttons(run_id: i64) -> SlackBlock {
    let buttons = (1..=5)
        .map(|n| {
            // The emoji flag makes Slack render `:sunny:` as the emoji.
            let label = SlackBlockPlainText::new(MOOD_EMOJI[n - 1].into()).with_emoji(true);
            SlackBlockButtonElement::new(label.into())
                .with_action_id(format!("{MOOD_ACTION}_{n}").into())
                .with_value(format!("{run_id}:{n}"))
                .into()
        })
        .collect();
    actions(Some(format!("mood:{run_id}")), buttons)
}

/// The callback id of the answer modal; its private_metadata is the run id.
pub const ANSWER_VIEW: &str = "standup_answer_view";

/// The parent message of a run: date, where to answer, questions, an
/// Answer button, who is expected.
pub fn parent_message(run: &Run, title: &str, mode: AnswerMode) -> Message {
    let questions: String = run
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| format!("{}. {}\n", i + 1, escape(q)))
        .collect();
    let expected = if run.expected.is_empty() {
        "nobody yet".to_string()
    } else {
        mentions(&run.expected)
    };
    // Where to answer: with answers by DM, a reply here would be public
    // (and, for private answers, defeat them), so the parent says so.
    let (where_short, prompt) = match mode {
        AnswerMode::Thread => (
            "answer in this thread",
            "Reply *in this thread* (one message, or one per question):",
        ),
        AnswerMode::Dm => (
            "answer in your DM with me",
            "Answer by *replying to my DM* (or with *Answer*); I post each answer in this thread:",
        ),
        AnswerMode::Private => (
            "answer in your DM with me",
            "Answer by *replying to my DM* (or with *Answer*); answers stay private, only the summary is posted here:",
        ),
    };
    let text = format!("{} for {} — {where_short}", escape(title), run.run_date);
    let answer = button(ANSWER_ACTION, "Answer", run.id.to_string())
        .with_style(SlackBlockButtonStyle::Primary);
    let blocks = vec![
        run_header(run, title),
        clipped_section(&format!("{prompt}\n{questions}")),
        actions(None, vec![answer.into()]),
        context(clip(
            &format!(
                "Expected: {expected} · closes <!date^{}^{{time}}|at the close>",
                run.closes_at
            ),
            MAX_CONTEXT_TEXT,
        )),
    ];
    Message { text, blocks }
}

/// The parent message once the run is closed.
pub fn closed_parent_message(run: &Run, title: &str, answered: usize) -> Message {
    let text = format!(
        "{} for {} — closed: {answered} of {} answered",
        escape(title),
        run.run_date,
        run.expected.len()
    );
    let update = button(UPDATE_SUMMARY_ACTION, "Update summary", run.id.to_string());
    let blocks = vec![
        run_header(run, title),
        clipped_section(&format!(":lock: Closed — {answered} of {} answered. The summary is in this thread; answers written after the close are kept and included when you press *Update summary*.", run.expected.len())),
        actions(None, vec![update.into()]),
    ];
    Message { text, blocks }
}

/// The thread's text when nobody answered (posted without blocks).
pub fn nobody_answered(title: &str, run_date: &str) -> String {
    format!(
        "Nobody answered the {} of {run_date}.",
        title.to_lowercase()
    )
}

/// The run's short post in the channel (see [`summary::channel_post`]).
pub fn channel_post(
    summary: &Summary,
    cctx: &ChannelContext,
    extras: ChannelExtras,
    mood: Option<(f64, usize)>,
) -> Message {
    summary::channel_post(summary, cctx, &extras, mood)
}

/// What a nudge DM says about its run, for one member.
#[derive(Debug, Clone, Copy)]
pub struct Nudge<'a> {
    pub run: &'a Run,
    /// Where the member answers.
    pub mode: AnswerMode,
    /// The run's thread, when Slack gave its permalink.
    pub permalink: Option<&'a str>,
    /// What the member said they would do last time.
    pub last_plan: Option<&'a str>,
    /// The close in the member's own time zone, e.g. `Mon 12:30 (Europe/Berlin)`.
    pub closes_local: &'a str,
}

/// The nudge's first line: the run, where to answer, and last time's plan.
fn nudge_intro(n: &Nudge) -> String {
    let link = match n.permalink {
        Some(p) => format!("<{p}|the standup thread>"),
        None => format!("the standup thread in <#{}>", n.run.channel_id),
    };
    let date = &n.run.run_date;
    let mut text = match n.mode {
        AnswerMode::Thread => {
            format!(":wave: Time for the standup ({date}). Please answer in {link}.")
        }
        AnswerMode::Dm => format!(
            ":wave: Time for the standup ({date}). *Reply to this message* with your answer \
             (one message, or one per question); I will post it in {link}."
        ),
        AnswerMode::Private => format!(
            ":wave: Time for the standup ({date}). *Reply to this message* with your answer \
             (one message, or one per question). It stays private: only the summary is \
             posted, in {link}."
        ),
    };
    if let Some(plan) = n.last_plan.filter(|p| !p.trim().is_empty()) {
        text.push_str(&format!(
            "\nLast time you said you would: _{}_",
            escape(&clip(plan, 500))
        ));
    }
    text
}

/// The nudge's footnote: the close in the member's zone and, when answers
/// come by DM, how an edit, a deletion or several open standups are read.
fn nudge_footnote(n: &Nudge) -> String {
    let mut text = format!("Closes {}.", n.closes_local);
    if n.mode.by_dm() {
        text.push_str(
            " Edit or delete your reply to change your answer. With several standups open, \
             reply in the thread of a nudge to answer that one; other replies answer the \
             latest nudge.",
        );
    }
    text
}

/// A nudge DM: the blocker question first (when there is one), where and
/// until when to answer, the run's questions, an Answer button (the answer
/// modal), and the mood question when the standup asks for it.
pub fn nudge_message(n: &Nudge, blocker: Vec<SlackBlock>, mood_of_run: Option<i64>) -> Message {
    let intro = nudge_intro(n);
    let footnote = nudge_footnote(n);
    let questions: String = n
        .run
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| format!("\n{}. {}", i + 1, escape(q)))
        .collect();
    let answer = button(ANSWER_ACTION, "Answer", n.run.id.to_string())
        .with_style(SlackBlockButtonStyle::Primary);
    let mut blocks = blocker;
    blocks.push(clipped_section(&intro));
    blocks.push(clipped_section(&format!("*Questions*{questions}")));
    blocks.push(actions(None, vec![answer.into()]));
    blocks.push(context(clip(&footnote, MAX_CONTEXT_TEXT)));
    if let Some(run_id) = mood_of_run {
        blocks.push(context(
            "How are you feeling today? Only the team's average is ever shown.",
        ));
        blocks.push(mood_buttons(run_id));
    }
    Message {
        text: format!("{intro}\n{footnote}"),
        blocks,
    }
}

/// The reminder DM before the close: where to answer, as in the nudge.
pub fn reminder_text(run: &Run, permalink: Option<&str>, mode: AnswerMode) -> String {
    let link = match permalink {
        Some(p) => format!("<{p}|the thread>"),
        None => format!("the thread in <#{}>", run.channel_id),
    };
    let how = if mode.by_dm() {
        "Reply to this message with your answer.".to_string()
    } else {
        format!("Answer in {link}.")
    };
    format!(":hourglass_flowing_sand: Friendly reminder: the standup of {} closes <!date^{}^{{time}}|soon>. {how}", run.run_date, run.closes_at)
}

/// The modal opened by the Answer button: one multiline input per question.
pub fn answer_modal(run: &Run, ask_mood: bool) -> SlackView {
    let mut inputs: Vec<SlackBlock> = run
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let field = SlackBlockPlainTextInputElement::new()
                .with_action_id("answer".into())
                .with_multiline(true);
            SlackInputBlock::new(plain(clip(q, MAX_LABEL_TEXT)), field.into())
                .with_block_id(format!("q{i}").into())
                .with_optional(true)
                .into()
        })
        .collect();
    if ask_mood {
        let options = (1..=5)
            .map(|n| option(format!("{} {n}", MOOD_EMOJI[n - 1]), n.to_string()))
            .collect();
        let select = SlackBlockStaticSelectElement::new()
            .with_action_id("mood".into())
            .with_options(options);
        inputs.push(
            SlackInputBlock::new(
                plain("How are you feeling? (only the team average is shown)"),
                select.into(),
            )
            .with_block_id("mood".into())
            .with_optional(true)
            .into(),
        );
    }
    SlackView::Modal(
        SlackModalView::new(plain("Standup"), inputs)
            .with_callback_id(ANSWER_VIEW.into())
            .with_private_metadata(run.id.to_string())
            .with_submit(plain("Post"))
            .with_close(plain("Cancel")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> Run {
        Run {
            id: 7,
            team_id: "T1".into(),
            standup_id: 1,
            channel_id: "C1".into(),
            run_date: "2026-11-30".into(),
            status: crate::standup::RunStatus::Open,
            questions: vec!["Done?".into(), "Next?".into()],
            expected: vec!["U1".into(), "U2".into()],
            parent_ts: None,
            opened_at: 0,
            remind_at: None,
            reminded: false,
            closes_at: 100,
            closed_at: None,
        }
    }

    #[test]
    fn the_parent_message_has_the_answer_button_with_the_run_id() {
        let m = parent_message(&run(), "Daily standup", AnswerMode::Thread);
        let json = serde_json::to_value(&m.blocks).unwrap();
        assert_eq!(json[0]["type"], "header");
        assert_eq!(json[2]["type"], "actions");
        assert_eq!(json[2]["elements"][0]["type"], "button");
        assert_eq!(json[2]["elements"][0]["action_id"], ANSWER_ACTION);
        assert_eq!(json[2]["elements"][0]["value"], "7");
        assert_eq!(json[2]["elements"][0]["style"], "primary");
        assert!(json[3]["elements"][0]["text"]
            .as_str()
            .unwrap()
            .contains("<@U1> <@U2>"));
    }

    #[test]
    fn the_answer_modal_has_one_input_per_question_and_the_mood() {
        let view = serde_json::to_value(answer_modal(&run(), true)).unwrap();
        assert_eq!(view["type"], "modal");
        assert_eq!(view["callback_id"], ANSWER_VIEW);
        assert_eq!(view["private_metadata"], "7");
        let blocks = view["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0]["block_id"], "q0");
        assert_eq!(blocks[0]["element"]["type"], "plain_text_input");
        assert_eq!(blocks[2]["element"]["type"], "static_select");
        assert_eq!(blocks[2]["element"]["options"][4]["value"], "5");
    }

    #[test]
    fn the_nudge_carries_the_questions_the_answer_button_and_the_close() {
        let r = run();
        let n = Nudge {
            run: &r,
            mode: AnswerMode::Dm,
            permalink: Some("https://acme.slack.com/archives/C1/p1"),
            last_plan: None,
            closes_local: "Mon 12:30 (America/New_York)",
        };
        let m = nudge_message(&n, vec![], Some(7));
        let json = serde_json::to_value(&m.blocks).unwrap();
        assert!(json[0]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("*Reply to this message*"));
        assert_eq!(json[1]["text"]["text"], "*Questions*\n1. Done?\n2. Next?");
        assert_eq!(json[2]["elements"][0]["action_id"], ANSWER_ACTION);
        assert_eq!(json[2]["elements"][0]["value"], "7");
        let footnote = json[3]["elements"][0]["text"].as_str().unwrap();
        assert!(footnote.starts_with("Closes Mon 12:30 (America/New_York)."));
        assert!(footnote.contains("latest nudge"));
        assert_eq!(json[5]["block_id"], "mood:7");
        assert!(m.text.contains("https://acme.slack.com/archives/C1/p1"));

        let thread = nudge_message(
            &Nudge {
                mode: AnswerMode::Thread,
                ..n
            },
            vec![],
            None,
        );
        assert!(thread
            .text
            .contains("Please answer in <https://acme.slack.com"));
        assert!(!thread.text.contains("latest nudge"));
    }

    #[test]
    fn the_reminder_says_where_to_answer() {
        let link = Some("https://acme.slack.com/archives/C1/p1");
        let thread = reminder_text(&run(), link, AnswerMode::Thread);
        assert!(thread.ends_with("Answer in <https://acme.slack.com/archives/C1/p1|the thread>."));
        let dm = reminder_text(&run(), None, AnswerMode::Private);
        assert!(
            dm.ends_with("Reply to this message with your answer."),
            "{dm}"
        );
    }

    #[test]
    fn mood_buttons_carry_the_run_and_the_score() {
        let json = serde_json::to_value(mood_buttons(7)).unwrap();
        assert_eq!(json["block_id"], "mood:7");
        assert_eq!(json["elements"][4]["value"], "7:5");
        assert_eq!(json["elements"][0]["text"]["emoji"], true);
    }
}
