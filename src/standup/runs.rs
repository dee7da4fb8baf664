//! The life of a run: open (parent message + nudges), collect answers from
//! the thread, remind the late ones, close (summary in the thread and a short
//! channel post). Every message that must appear once is posted under a post
//! claim (`store::posts`), every state change is a claim on the run row, so a
//! retry, a restart or a second replica never double-posts.

use std::collections::{BTreeMap, HashSet};

use anyhow::Context as _;
use jiff::Timestamp;

use super::{nudges, schedule, Answer, Run, RunStatus, Standup};

// The close and the nudges live in their own modules; their entry points
// stay reachable here, where the rest of the bot looks for a run's life.
pub use super::close::{close_run, finish_close, update_summary};
pub use super::nudges::{remind, send_nudges};
use crate::context::Context;
use crate::render::standup as blocks;
use crate::store::standups::NewAnswer;
use crate::summarize::{Entry, InputKind, SummaryInput};

/// Why `open_run` did not open a run.
#[derive(Debug, PartialEq, Eq)]
pub enum OpenOutcome {
    Opened(i64),
    /// The run is stored but its parent message could not be posted: the
    /// scheduler tries again (see [`super::recovery`]).
    Retrying(i64),
    AlreadyOpen,
    Holiday,
}

/// The time zone of a user from `users.info`, UTC when unknown.
pub async fn user_tz(ctx: &Context, user: &str) -> String {
    match ctx.slack.users_info(user).await {
        Ok(u) => {
            u.tz.filter(|tz| jiff::tz::TimeZone::get(tz).is_ok())
                .unwrap_or_else(|| "UTC".into())
        }
        Err(e) => {
            tracing::warn!(user, error = %e, "users.info failed; using UTC");
            "UTC".into()
        }
    }
}

/// The standup `name` of a channel, created with the defaults (in the
/// caller's time zone) when it does not exist; its creator is its first
/// owner. The channel's first standup is scheduled on weekdays at 09:30, as
/// it always was; one added by `/standup new` waits, paused, for its own
/// schedule rather than posting at a time nobody chose.
pub async fn ensure_standup(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    name: &str,
) -> anyhow::Result<Standup> {
    if let Some(s) = ctx.store.standup_get(team, channel, name).await? {
        return Ok(s);
    }
    let tz = user_tz(ctx, user).await;
    let mut s = Standup::with_defaults(team, channel, user, &tz);
    s.name = name.to_string();
    if name == super::DEFAULT_NAME {
        s.next_run_at = s.next_run_after(ctx.clock.now());
    } else {
        s.paused = true;
    }
    Ok(ctx.store.standup_insert(&s).await?)
}

/// A member asked to answer, with their time zone when Slack knows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Member {
    id: String,
    tz: Option<String>,
}

/// Who should answer: the configured list, or the channel's human members.
/// Members away (by `/standup away`/`skip`, or by Slack status) are left out.
async fn participants(ctx: &Context, standup: &Standup, day: &str) -> anyhow::Result<Vec<Member>> {
    let candidates = match &standup.participants {
        Some(list) => list.clone(),
        None => ctx
            .slack
            .conversation_members(&standup.channel_id)
            .await
            .context("conversations.members")?,
    };
    let away: HashSet<String> = ctx
        .store
        .absent_on(&standup.team_id, day)
        .await?
        .into_iter()
        .collect();
    let mut out = Vec::new();
    for user in candidates {
        if ctx.is_self(&user) || away.contains(&user) {
            continue;
        }
        match ctx.slack.users_info(&user).await {
            Ok(info) if info.is_bot || info.deleted || info.status_says_away() => continue,
            Ok(info) => out.push(Member {
                id: user,
                tz: info.tz,
            }),
            // Better to ask someone we could not look up than to forget them.
            Err(e) => {
                tracing::warn!(user, error = %e, "users.info failed; keeping the member");
                out.push(Member { id: user, tz: None })
            }
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.id == b.id);
    Ok(out)
}

/// When each member is nudged: at the open, or (per-member time zones) at
/// the standup's time of day in their own zone on the run's date — never
/// before the open.
fn nudge_plan(
    standup: &Standup,
    members: &[Member],
    day: &str,
    opened_at: i64,
) -> Vec<(String, i64)> {
    members
        .iter()
        .map(|m| {
            let due = match (standup.per_member_tz, day.parse::<jiff::civil::Date>()) {
                (true, Ok(date)) => {
                    let tz = m.tz.as_deref().unwrap_or(&standup.tz);
                    date.to_datetime(standup.time)
                        .to_zoned(schedule::zone(tz))
                        .map(|z| z.timestamp().as_second())
                        .unwrap_or(opened_at)
                }
                _ => opened_at,
            };
            (m.id.clone(), due.max(opened_at))
        })
        .collect()
}

/// Opens a run of `standup` now. `manual` runs (from `/standup start`) may
/// happen more than once a day; scheduled ones once per date.
pub async fn open_run(
    ctx: &Context,
    standup: &Standup,
    manual: bool,
) -> anyhow::Result<OpenOutcome> {
    let at = ctx.clock.now();
    let day = schedule::local_date(Timestamp::from_second(at)?, &standup.tz).to_string();
    if ctx
        .store
        .run_open_for_standup(&standup.team_id, standup.id)
        .await?
        .is_some()
    {
        return Ok(OpenOutcome::AlreadyOpen);
    }
    if !manual
        && ctx
            .store
            .holidays(&standup.team_id, standup.id)
            .await?
            .contains(&day)
    {
        return Ok(OpenOutcome::Holiday);
    }
    let members = participants(ctx, standup, &day).await?;
    let plan = nudge_plan(standup, &members, &day, at);
    let expected: Vec<String> = members.into_iter().map(|m| m.id).collect();
    // With per-member time zones the run stays open until the last member
    // has had the full answering window after their nudge.
    let last_nudge = plan.iter().map(|(_, due)| *due).max().unwrap_or(at);
    let closes_at = standup.closes_at(&day, last_nudge);
    let remind_at = (standup.reminder_before_minutes > 0)
        .then(|| closes_at - standup.reminder_before_minutes * 60)
        .filter(|r| *r > at);
    let mut run = Run {
        id: 0,
        team_id: standup.team_id.clone(),
        standup_id: standup.id,
        channel_id: standup.channel_id.clone(),
        run_date: day.clone(),
        status: RunStatus::Opening,
        questions: standup.questions.clone(),
        expected,
        parent_ts: None,
        opened_at: at,
        remind_at,
        reminded: false,
        closes_at,
        closed_at: None,
    };
    let Some(id) = insert_run(ctx, &mut run, &day, manual).await? else {
        return Ok(OpenOutcome::AlreadyOpen);
    };
    run.id = id;
    Ok(post_new_run(ctx, &run, &standup.name, &plan).await)
}

/// Plans the nudges of a stored run and posts its parent message. From
/// here on the run exists: a failure leaves it `opening`, to be retried,
/// never stuck (it would block the channel) nor lost.
async fn post_new_run(
    ctx: &Context,
    run: &Run,
    title: &str,
    plan: &[(String, i64)],
) -> OpenOutcome {
    let posted = async {
        ctx.store.nudges_plan(&run.team_id, run.id, plan).await?;
        post_parent(ctx, run, title).await
    }
    .await;
    match posted {
        Ok(()) => OpenOutcome::Opened(run.id),
        Err(e) => {
            super::recovery::open_failed(ctx, run, &e).await;
            OpenOutcome::Retrying(run.id)
        }
    }
}

/// Stores a new run under its date; a manual second run the same day gets
/// a suffix (`2026-11-30#2`). `None` when the date is taken (a scheduled
/// run) or twenty runs were opened that day.
async fn insert_run(
    ctx: &Context,
    run: &mut Run,
    day: &str,
    manual: bool,
) -> anyhow::Result<Option<i64>> {
    for n in 1..=20 {
        if n > 1 {
            if !manual {
                break;
            }
            run.run_date = format!("{day}#{n}");
        }
        if let Some(id) = ctx.store.run_insert(run).await? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Posts the parent message (once), opens the run and sends the nudges.
/// Also used to finish a run a crash left in `opening`.
pub async fn post_parent(ctx: &Context, run: &Run, title: &str) -> anyhow::Result<()> {
    let key = format!("run:{}:parent", run.id);
    let title = display_title(title);
    let mode = super::answer_mode::of_run(ctx, run).await;
    let parent = blocks::parent_message(run, &title, mode);
    let out = Outgoing {
        channel: &run.channel_id,
        text: &parent.text,
        blocks: Some(&parent.blocks),
        thread_ts: None,
    };
    post_or_update(ctx, &run.team_id, &key, out, false)
        .await
        .context("posting the standup's parent message")?;
    let Some((_, parent_ts)) = ctx.store.post_get(&run.team_id, &key).await? else {
        anyhow::bail!(
            "parent message of run {} is being posted elsewhere or was lost in a crash",
            run.id
        );
    };
    ctx.store
        .run_set_open(&run.team_id, run.id, &parent_ts)
        .await?;
    let run = Run {
        parent_ts: Some(parent_ts),
        status: RunStatus::Open,
        ..run.clone()
    };
    match_held_replies(ctx, &run).await;
    nudges::send_due_nudges(ctx, &run).await;
    Ok(())
}

/// How a standup's name is shown in its messages. A deleted standup's
/// stored name carries `#ID` (see `Store::standup_delete`), which is not
/// shown: a run still open when it was deleted closes under its old name.
pub(crate) fn display_title(name: &str) -> String {
    let name = name.split('#').next().unwrap_or(name);
    if name == super::DEFAULT_NAME {
        "Daily standup".into()
    } else {
        name.to_string()
    }
}

/// A link to the run's thread: Slack's own permalink, or none.
pub(crate) async fn thread_link(ctx: &Context, run: &Run) -> Option<String> {
    let ts = run.parent_ts.as_deref()?;
    ctx.slack.permalink(&run.channel_id, ts).await.ok()
}

/// A reply in a thread, typed at the edge: the answer functions below take
/// it whole, so a channel can never be passed where a user is expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadReply {
    pub team: crate::ids::TeamId,
    pub channel: crate::ids::ChannelId,
    pub user: crate::ids::UserId,
    /// The reply's own ts (the answer's key).
    pub ts: crate::ids::Ts,
    /// The thread's parent ts (the run's message).
    pub thread_ts: crate::ids::Ts,
    pub text: String,
}

/// Records a new thread reply as an answer when the thread is an open run;
/// `false` also when the message is stored already (a redelivery of its
/// event, which must not write its older text over an edit).
pub async fn record_answer(ctx: &Context, reply: &ThreadReply) -> anyhow::Result<bool> {
    store_answer(ctx, reply, false).await
}

/// Stores `reply` as an answer to its run: as new (kept if its message is
/// stored already), or as an edit (its text replaces the stored one).
async fn store_answer(ctx: &Context, reply: &ThreadReply, edit: bool) -> anyhow::Result<bool> {
    let Some(run) = run_of_reply(ctx, reply).await? else {
        return Ok(false);
    };
    let Some(a) = answer_to(ctx, &run, reply) else {
        return Ok(false);
    };
    if !edit {
        return Ok(ctx.store.answer_insert(a).await?);
    }
    ctx.store
        .answer_upsert(
            a.team_id,
            a.run_id,
            a.user_id,
            a.message_ts,
            a.body,
            a.late,
            a.at,
        )
        .await?;
    Ok(true)
}

/// The answer `reply` gives `run`, received now: `None` when it is not an
/// answer.
fn answer_to<'r>(ctx: &Context, run: &Run, reply: &'r ThreadReply) -> Option<NewAnswer<'r>> {
    // Only the people asked answer; a colleague's "nice!" is not an answer.
    if !run.expected.iter().any(|u| u == reply.user.as_str()) {
        return None;
    }
    // After the close an answer is still kept, marked late: it shows up when
    // someone presses "Update summary", never as a second summary by itself.
    let late = matches!(run.status, RunStatus::Closing | RunStatus::Closed);
    Some(NewAnswer {
        team_id: reply.team.as_str(),
        run_id: run.id,
        user_id: reply.user.as_str(),
        message_ts: reply.ts.as_str(),
        body: &reply.text,
        late,
        at: ctx.clock.now(),
    })
}

/// The answer a new thread reply makes to a run that already knows its
/// thread — the common case, a reply under a posted standup — so that the
/// ingress stores it as its answer row on the request itself (see
/// `store::batch`). `None` otherwise (not
/// an answer, the run not known yet, or the store failing): the reply then
/// takes the handler's path, [`record_answer`], with its hold for runs
/// still opening and its error reporting.
pub async fn known_answer<'r>(ctx: &Context, reply: &'r ThreadReply) -> Option<NewAnswer<'r>> {
    let (team, channel) = (reply.team.as_str(), reply.channel.as_str());
    let run = ctx
        .store
        .run_of_thread(team, channel, reply.thread_ts.as_str())
        .await
        .ok()??;
    answer_to(ctx, &run, reply)
}

/// The run whose thread `reply` is in. A reply can arrive before its run
/// knows its thread: Slack delivers the event while the parent's
/// `chat.postMessage` is still returning. Such a reply is held, and matched
/// by [`match_held_replies`] when the run records its `ts`. Sound without a
/// lock because each side writes before it reads: here the hold, then a
/// fresh look at the run; there the `ts`, then a look at the held replies —
/// at least one of the two sees the other (both may; the second finds the
/// answer stored and keeps it).
async fn run_of_reply(ctx: &Context, reply: &ThreadReply) -> anyhow::Result<Option<Run>> {
    use crate::store::standups::ReplyThread;
    let (team, channel, thread) = (
        reply.team.as_str(),
        reply.channel.as_str(),
        reply.thread_ts.as_str(),
    );
    if let Some(run) = ctx.store.run_by_thread(team, channel, thread).await? {
        return Ok(Some(run));
    }
    // The cached "no run" may be older than the run's `ts`: ask the database.
    match ctx.store.reply_thread(team, channel, thread).await? {
        ReplyThread::Run(run) => return Ok(Some(*run)),
        ReplyThread::None => return Ok(None),
        ReplyThread::Opening => ctx.store.reply_hold(reply).await?,
    }
    match ctx.store.reply_thread(team, channel, thread).await? {
        ReplyThread::Run(run) => {
            ctx.store
                .reply_release(team, channel, reply.ts.as_str())
                .await?;
            Ok(Some(*run))
        }
        _ => Ok(None),
    }
}

/// Records the answers that arrived before `run` knew its thread (see
/// [`run_of_reply`]). A failure is logged, not returned: the run is open
/// by now, and the close still recovers any answer from the thread.
async fn match_held_replies(ctx: &Context, run: &Run) {
    let Some(ts) = run.parent_ts.as_deref() else {
        return;
    };
    let matched = async {
        let held = ctx
            .store
            .replies_held(&run.team_id, &run.channel_id, ts)
            .await?;
        for reply in held {
            record_answer(ctx, &reply).await?;
            ctx.store
                .reply_release(&run.team_id, &run.channel_id, reply.ts.as_str())
                .await?;
        }
        anyhow::Ok(())
    };
    if let Err(e) = matched.await {
        tracing::warn!(run = run.id, error = %e, "matching answers held for the run's thread failed");
    }
}

/// Applies an edit to an answer (only while the run is open).
pub async fn edit_answer(ctx: &Context, reply: &ThreadReply) -> anyhow::Result<bool> {
    store_answer(ctx, reply, true).await
}

/// Forgets a deleted answer: the reply `ts` in the thread `thread_ts`.
pub async fn delete_answer(
    ctx: &Context,
    team: &crate::ids::TeamId,
    channel: &crate::ids::ChannelId,
    ts: &crate::ids::Ts,
    thread_ts: &crate::ids::Ts,
) -> anyhow::Result<bool> {
    let Some(run) = ctx
        .store
        .run_by_thread(team.as_str(), channel.as_str(), thread_ts.as_str())
        .await?
    else {
        // Perhaps an answer held for a run still posting its parent.
        let (team, channel) = (team.as_str(), channel.as_str());
        ctx.store.reply_release(team, channel, ts.as_str()).await?;
        return Ok(false);
    };
    Ok(ctx
        .store
        .answer_delete(team.as_str(), run.id, ts.as_str())
        .await?)
}

/// Groups a run's answers per member into the summarizer's input. Several
/// messages by one member become their answers in order, one per question.
pub fn summary_input(run: &Run, answers: &[Answer]) -> SummaryInput {
    let mut per_user: BTreeMap<&str, Vec<&Answer>> = BTreeMap::new();
    for a in answers {
        per_user.entry(&a.user_id).or_default().push(a);
    }
    let entries = per_user
        .into_iter()
        .map(|(user, msgs)| {
            let answers = if msgs.len() == 1 || msgs.len() > run.questions.len() {
                vec![msgs
                    .iter()
                    .map(|m| m.body.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")]
            } else {
                msgs.iter().map(|m| m.body.clone()).collect()
            };
            Entry {
                user: user.to_string(),
                ts: msgs.first().map(|m| m.message_ts.clone()),
                thread_ts: None,
                answers,
            }
        })
        .collect();
    SummaryInput {
        kind: InputKind::Standup,
        questions: run.questions.clone(),
        entries,
        today: run.run_date.chars().take(10).collect(),
    }
}

/// Who answered and who did not, for `/standup status` and the close.
pub struct Participation {
    pub answered: Vec<String>,
    pub missing: Vec<String>,
    pub away: Vec<String>,
}

pub async fn participation(ctx: &Context, run: &Run) -> anyhow::Result<Participation> {
    let answers = ctx.store.answers_for_run(&run.team_id, run.id).await?;
    let answered: HashSet<&str> = answers.iter().map(|a| a.user_id.as_str()).collect();
    let day: String = run.run_date.chars().take(10).collect();
    let away: HashSet<String> = ctx
        .store
        .absent_on(&run.team_id, &day)
        .await?
        .into_iter()
        .collect();
    let mut p = Participation {
        answered: answered.iter().map(|s| s.to_string()).collect(),
        missing: vec![],
        away: vec![],
    };
    p.answered.sort();
    for u in &run.expected {
        if answered.contains(u.as_str()) {
            continue;
        }
        if away.contains(u) {
            p.away.push(u.clone());
        } else {
            p.missing.push(u.clone());
        }
    }
    Ok(p)
}

/// A message to post.
#[derive(Clone, Copy)]
pub(crate) struct Outgoing<'a> {
    pub(crate) channel: &'a str,
    pub(crate) text: &'a str,
    pub(crate) blocks: Option<&'a [slack_morphism::prelude::SlackBlock]>,
    pub(crate) thread_ts: Option<&'a str>,
}

/// Posts a message once per key (claimed in the database before the call,
/// released if the call fails). When the key was posted already, `update`
/// edits that message in place; otherwise nothing is sent.
pub(crate) async fn post_or_update(
    ctx: &Context,
    team: &str,
    key: &str,
    out: Outgoing<'_>,
    update: bool,
) -> anyhow::Result<()> {
    if let Some((channel, ts)) = ctx.store.post_get(team, key).await? {
        if update {
            ctx.slack
                .update_message(&channel, &ts, out.text, out.blocks)
                .await?;
        }
        return Ok(());
    }
    let ours = ctx.store.post_claim(team, key).await?
        || (update && take_over_lost(ctx, team, key).await?);
    if !ours {
        return Ok(()); // being posted by another task, or lost in a crash: never twice
    }
    match ctx
        .slack
        .post_message(out.channel, out.text, out.blocks, out.thread_ts)
        .await
    {
        Ok(p) => Ok(ctx.store.post_record(team, key, &p.channel, &p.ts).await?),
        Err(e) => {
            ctx.store.post_release(team, key).await?;
            Err(e.into())
        }
    }
}

/// A claim older than this without a `ts` is a post lost in a crash (a
/// poster records the `ts` within seconds of claiming).
const LOST_CLAIM_SECS: i64 = 10 * 60;

/// An edit ("Update summary") of a message whose `ts` was never recorded —
/// the bot was killed between `chat.postMessage` and the record — takes the
/// stale claim over and posts the message afresh under the same key, so it
/// is recorded this time and every later update edits it.
///
/// Why not find the lost message in the thread instead: its text was never
/// stored and the new summary's differs (late answers), so it could only be
/// matched by guessing; a fresh post is sound, and the one cost — the lost
/// message stays above it in the thread — is visible, not silent. This is
/// logged. Only edits do this: a first post never takes over a claim, as a
/// second copy there would be a double post nobody asked for.
async fn take_over_lost(ctx: &Context, team: &str, key: &str) -> anyhow::Result<bool> {
    let cutoff = ctx.clock.now() - LOST_CLAIM_SECS;
    let taken = ctx.store.post_take_over_stale(team, key, cutoff).await?;
    if taken {
        tracing::warn!(
            key,
            "the message to update was lost in a crash; posting it again"
        );
    }
    Ok(taken)
}
