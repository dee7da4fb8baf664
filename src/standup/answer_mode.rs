//! How a standup collects its answers, and which run a member's DM answers.
//!
//! - `thread`: members reply in the run's thread (the default, and the only
//!   way before answers by DM existed).
//! - `dm`: members reply to their nudge DM; the bot posts "<@member>
//!   answered: …" into the thread, so the team still sees every answer.
//! - `private`: members reply to their nudge DM; nothing but the summary is
//!   posted in the channel.
//!
//! In every mode an answer is stored the same way (`store::standups::answers`),
//! so the summary, late answers and "Update summary" do not care where it came
//! from.

use std::fmt;

use super::{Run, RunStatus};
use crate::context::Context;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AnswerMode {
    #[default]
    Thread,
    Dm,
    Private,
}

impl AnswerMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerMode::Thread => "thread",
            AnswerMode::Dm => "dm",
            AnswerMode::Private => "private",
        }
    }

    /// The stored or typed name; `None` for anything else.
    pub fn parse(s: &str) -> Option<AnswerMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "thread" => Some(AnswerMode::Thread),
            "dm" | "dms" => Some(AnswerMode::Dm),
            "private" => Some(AnswerMode::Private),
            _ => None,
        }
    }

    /// Whether members answer by replying to their nudge DM.
    pub fn by_dm(self) -> bool {
        self != AnswerMode::Thread
    }

    /// What `/standup answers MODE` answers: what changes for the team.
    pub fn describe(self) -> &'static str {
        match self {
            AnswerMode::Thread => "Members answer in the standup's thread.",
            AnswerMode::Dm => "Members answer by replying to their nudge DM; I post each answer into the standup's thread.",
            AnswerMode::Private => "Members answer by replying to their nudge DM; their answers stay private and only the summary is posted.",
        }
    }
}

impl fmt::Display for AnswerMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The answer mode of a run's standup (`thread` when the standup is gone
/// or cannot be read: then the bot behaves as it always did).
pub async fn of_run(ctx: &Context, run: &Run) -> AnswerMode {
    match ctx
        .store
        .standup_answer_mode(&run.team_id, run.standup_id)
        .await
    {
        Ok(mode) => mode,
        Err(e) => {
            tracing::warn!(run = run.id, error = %e, "cannot read the answer mode; using thread");
            AnswerMode::Thread
        }
    }
}

/// A member's DM, as far as choosing its run goes.
#[derive(Debug, Clone, Copy)]
pub struct DmPlace<'a> {
    pub team: &'a str,
    pub user: &'a str,
    /// The DM conversation.
    pub channel: &'a str,
    /// The DM thread the reply is in, if any.
    pub thread_ts: Option<&'a str>,
}

/// Which run a member's DM answers, and why none when none does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DmTarget {
    /// This run (open, or closed: then the answer is late).
    Run(Run),
    /// A reply to a nudge of a standup that collects answers in its thread.
    ThreadMode(Run),
    /// No run waits for this member's answer.
    Nothing,
}

/// The run a DM answers: a reply in the thread of a nudge or reminder
/// answers that nudge's run (open or closed, as a late answer); any other DM
/// answers the open run the member was most recently nudged for in a DM
/// mode. The nudge text says so, for members with several standups open.
pub async fn run_for_dm(ctx: &Context, at: DmPlace<'_>) -> anyhow::Result<DmTarget> {
    let named = match at.thread_ts {
        Some(thread_ts) => {
            ctx.store
                .dm_run_of_nudge(at.team, at.channel, thread_ts, at.user)
                .await?
        }
        None => None,
    };
    let run_id = match named {
        Some(id) => Some(id),
        None => ctx.store.dm_latest_open_run(at.team, at.user).await?,
    };
    let Some(run) = (match run_id {
        Some(id) => ctx.store.run_get(at.team, id).await?,
        None => None,
    }) else {
        return Ok(DmTarget::Nothing);
    };
    if !run.expected.iter().any(|u| u == at.user) || run.status == RunStatus::Opening {
        return Ok(DmTarget::Nothing);
    }
    if !of_run(ctx, &run).await.by_dm() {
        return Ok(DmTarget::ThreadMode(run));
    }
    Ok(DmTarget::Run(run))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_read_back_what_they_write() {
        for mode in [AnswerMode::Thread, AnswerMode::Dm, AnswerMode::Private] {
            assert_eq!(AnswerMode::parse(mode.as_str()), Some(mode));
        }
        assert_eq!(AnswerMode::parse(" DM "), Some(AnswerMode::Dm));
        assert_eq!(AnswerMode::parse("public"), None);
        assert_eq!(AnswerMode::default(), AnswerMode::Thread);
    }
}
