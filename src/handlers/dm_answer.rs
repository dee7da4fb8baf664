//! Purpose: answers by DM. `/standup answers thread|dm|private` sets where
//! a standup's members answer; in the DM modes a member's reply to their
//! nudge DM is their answer. It is stored like a thread reply (same answers,
//! same summary, late after the close), and in `dm` mode posted into the
//! run's thread as "<@member> answered: …" — once, under a post claim. An
//! edit or a deletion of the DM changes that post and the stored answer.

use std::sync::LazyLock;

use regex::Regex;

use super::CommandReply;
use crate::context::Context;
use crate::ids::TeamId;
use crate::slack::inbound::{DirectMessage, DmChange};
use crate::standup::answer_mode::{self, AnswerMode, DmPlace, DmTarget};
use crate::standup::runs::{self, post_or_update, Outgoing};
use crate::standup::{Run, RunStatus, Standup};
use crate::store::standups::DmAnswer;

/// Slack shows at most this much of a message's text; a longer answer is
/// stored whole and clipped in the thread post only.
const MAX_POST_TEXT: usize = 4000;

/// `/standup answers MODE` in a channel: sets its standup's answer mode.
pub async fn set_mode(
    ctx: &Context,
    standup: &Standup,
    mode: AnswerMode,
) -> anyhow::Result<CommandReply> {
    ctx.store
        .standup_set_answer_mode(&standup.team_id, standup.id, mode)
        .await?;
    Ok(CommandReply::ephemeral(format!(
        ":white_check_mark: Answers: `{mode}`. {} Nudges say so from now on.",
        mode.describe()
    )))
}

/// A message in a DM with the bot: new, edited or deleted.
pub async fn on_direct_message(
    ctx: &Context,
    team: &TeamId,
    dm: &DirectMessage,
) -> anyhow::Result<()> {
    match &dm.change {
        DmChange::Posted { user, text } if !ctx.is_self(user.as_str()) => {
            on_new(ctx, team.as_str(), dm, user.as_str(), text).await
        }
        DmChange::Edited { user, text } if !ctx.is_self(user.as_str()) => {
            on_edit(ctx, team.as_str(), dm, user.as_str(), text).await
        }
        DmChange::Deleted => on_delete(ctx, team.as_str(), dm).await,
        _ => Ok(()),
    }
}

/// A new DM: the answer of the run it names, or a short reply saying why not.
async fn on_new(
    ctx: &Context,
    team: &str,
    dm: &DirectMessage,
    user: &str,
    text: &str,
) -> anyhow::Result<()> {
    if text.trim().is_empty() {
        return Ok(());
    }
    let (channel, ts) = (dm.channel.as_str(), dm.ts.as_str());
    // A replay of a DM taken already answers the run it answered then.
    let known = match ctx.store.dm_answer_get(team, channel, ts).await? {
        Some(a) => ctx.store.run_get(team, a.run_id).await?,
        None => None,
    };
    let run = match known {
        Some(run) => run,
        None => {
            let at = DmPlace {
                team,
                user,
                channel,
                thread_ts: dm.thread_ts.as_ref().map(|t| t.as_str()),
            };
            match answer_mode::run_for_dm(ctx, at).await? {
                DmTarget::Run(run) => run,
                DmTarget::ThreadMode(run) => return reply_thread_mode(ctx, team, dm, &run).await,
                DmTarget::Nothing => return reply_no_run(ctx, team, dm).await,
            }
        }
    };
    let answer = DmAnswer {
        run_id: run.id,
        user_id: user.to_string(),
    };
    ctx.store
        .dm_answer_record(team, channel, ts, &answer)
        .await?;
    store_and_post(ctx, &run, dm, user, text, false).await
}

/// An edited DM: the stored answer and its thread post take the new text.
async fn on_edit(
    ctx: &Context,
    team: &str,
    dm: &DirectMessage,
    user: &str,
    text: &str,
) -> anyhow::Result<()> {
    let Some((run, answer)) = answered_run(ctx, team, dm).await? else {
        return Ok(());
    };
    if answer.user_id != user {
        return Ok(());
    }
    // Slack also reports unfurls and thread replies as edits: same text, nothing to do.
    let stored = ctx.store.answers_for_run(team, run.id).await?;
    if stored
        .iter()
        .any(|a| a.message_ts == dm.ts.as_str() && a.body == text)
    {
        return Ok(());
    }
    store_and_post(ctx, &run, dm, user, text, true).await
}

/// A deleted DM: the answer is dropped and its thread post says so.
async fn on_delete(ctx: &Context, team: &str, dm: &DirectMessage) -> anyhow::Result<()> {
    let Some((run, answer)) = answered_run(ctx, team, dm).await? else {
        return Ok(());
    };
    ctx.store
        .answer_delete(team, run.id, dm.ts.as_str())
        .await?;
    if let Some((channel, ts)) = ctx.store.post_get(team, &post_key(&run, dm)).await? {
        let text = format!("_<@{}> took their answer back._", answer.user_id);
        ctx.slack.update_message(&channel, &ts, &text, None).await?;
    }
    Ok(())
}

/// The run a DM was taken as an answer of, with that record.
async fn answered_run(
    ctx: &Context,
    team: &str,
    dm: &DirectMessage,
) -> anyhow::Result<Option<(Run, DmAnswer)>> {
    let Some(answer) = ctx
        .store
        .dm_answer_get(team, dm.channel.as_str(), dm.ts.as_str())
        .await?
    else {
        return Ok(None);
    };
    Ok(ctx
        .store
        .run_get(team, answer.run_id)
        .await?
        .map(|run| (run, answer)))
}

/// The thread post of a DM answer is claimed under this key.
fn post_key(run: &Run, dm: &DirectMessage) -> String {
    format!("run:{}:dm:{}:{}", run.id, dm.channel, dm.ts)
}

/// Stores the DM as the member's answer (late once the run closed, as in
/// the thread) and, in `dm` mode, posts it into the run's thread; an `edit`
/// changes the post made before, whatever the mode is now.
async fn store_and_post(
    ctx: &Context,
    run: &Run,
    dm: &DirectMessage,
    user: &str,
    text: &str,
    edit: bool,
) -> anyhow::Result<()> {
    let team = run.team_id.as_str();
    let late = matches!(run.status, RunStatus::Closing | RunStatus::Closed);
    ctx.store
        .answer_upsert(
            team,
            run.id,
            user,
            dm.ts.as_str(),
            text,
            late,
            ctx.clock.now(),
        )
        .await?;
    // The member's text is Slack mrkdwn already (mentions, links, escapes):
    // it is posted as it came, not escaped again, but without broadcasts.
    let body = crate::render::text::clip(&without_broadcasts(text), MAX_POST_TEXT);
    let posted = format!("*<@{user}> answered:*\n{body}");
    let key = post_key(run, dm);
    if let Some((channel, ts)) = ctx.store.post_get(team, &key).await? {
        if edit {
            ctx.slack
                .update_message(&channel, &ts, &posted, None)
                .await?;
        }
        return Ok(());
    }
    let mode = answer_mode::of_run(ctx, run).await;
    let Some(parent_ts) = run.parent_ts.as_deref().filter(|_| mode == AnswerMode::Dm) else {
        return Ok(());
    };
    let out = Outgoing {
        channel: &run.channel_id,
        text: &posted,
        blocks: None,
        thread_ts: Some(parent_ts),
    };
    post_or_update(ctx, team, &key, out, false).await
}

/// Slack's special mentions: `<!here>`, `<!channel>`, `<!subteam^S1|@devs>`, `<!date^…|fallback>`.
static SPECIAL_MENTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!([^<>|]*)(?:\|([^<>]*))?>").expect("a valid pattern"));

/// A member's DM reposted by the bot pings nobody: a broadcast or a group
/// mention becomes its plain label (`@here`, `@devs`). Typed in the thread
/// it would have been the member's own call; reposted, it would be the bot's.
fn without_broadcasts(text: &str) -> String {
    SPECIAL_MENTION
        .replace_all(text, |c: &regex::Captures| match c.get(2) {
            Some(label) => label.as_str().to_string(),
            None => format!("@{}", c[1].split('^').next().unwrap_or_default()),
        })
        .into_owned()
}

/// A reply to a nudge of a standup that collects answers in its thread.
async fn reply_thread_mode(
    ctx: &Context,
    team: &str,
    dm: &DirectMessage,
    run: &Run,
) -> anyhow::Result<()> {
    let place = match runs::thread_link(ctx, run).await {
        Some(link) => format!("<{link}|its thread>"),
        None => format!("its thread in <#{}>", run.channel_id),
    };
    let text = format!(
        "This standup collects answers in {place}; please answer there (or with the *Answer* button of the nudge). I did not keep this message."
    );
    reply_once(ctx, team, dm, &text).await
}

/// A DM that answers no run: said once, nothing stored.
async fn reply_no_run(ctx: &Context, team: &str, dm: &DirectMessage) -> anyhow::Result<()> {
    let text = "No standup is waiting for your answer right now, so I did not keep this message. \
                I will ask you in this DM when the next one opens; to add a late answer to a \
                closed standup, reply in the thread of its nudge.";
    reply_once(ctx, team, dm, text).await
}

/// Answers a DM in its own DM thread, once per DM (a replay stays quiet).
async fn reply_once(
    ctx: &Context,
    team: &str,
    dm: &DirectMessage,
    text: &str,
) -> anyhow::Result<()> {
    let key = format!("dm:{}:{}:reply", dm.channel, dm.ts);
    let out = Outgoing {
        channel: dm.channel.as_str(),
        text,
        blocks: None,
        thread_ts: dm.thread_ts.as_ref().map(|t| t.as_str()),
    };
    post_or_update(ctx, team, &key, out, false).await
}

#[cfg(test)]
mod tests {
    use super::without_broadcasts;

    #[test]
    fn a_reposted_answer_pings_no_group() {
        assert_eq!(
            without_broadcasts(
                "<!here> done; ask <!subteam^S1|@devs> and <@U2>, see <https://x.io|x>"
            ),
            "@here done; ask @devs and <@U2>, see <https://x.io|x>"
        );
        assert_eq!(without_broadcasts("<!channel>"), "@channel");
    }
}
