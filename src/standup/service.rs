//! The life of a run: open (parent message + nudges), collect answers from
//! the thread, remind the late ones, close (summary in the thread and a short
//! channel post). Every message that must appear once is posted under a post
//! claim (`store::posts`), every state change is a claim on the run row, so a
//! retry, a restart or a second replica never double-posts.

use std::collections::{BTreeMap, HashSet};

use anyhow::Context as _;
use jiff::Timestamp;

use super::{schedule, Answer, Run, RunStatus, Standup};
use crate::app::Context;
use crate::followup;
use crate::slack::api::SlackApiError;
use crate::slack::{blocks, followup_blocks};
use crate::summarize::render::{self, ChannelContext};
use crate::summarize::{Entry, InputKind, SummaryInput};

/// Why `open_run` did not open a run.
#[derive(Debug, PartialEq, Eq)]
pub enum OpenOutcome {
    Opened(i64),
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

/// The channel's standup, created with the defaults (in the caller's time
/// zone, scheduled on weekdays) when it has none.
pub async fn ensure_standup(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
) -> anyhow::Result<Standup> {
    if let Some(s) = ctx
        .store
        .standup_get(team, channel, super::DEFAULT_NAME)
        .await?
    {
        return Ok(s);
    }
    let tz = user_tz(ctx, user).await;
    let mut s = Standup::with_defaults(team, channel, user, &tz);
    s.next_run_at = s.next_run_after(ctx.clock.now());
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
        .run_open_in_channel(&standup.team_id, &standup.channel_id)
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
    // The run key is the date; a manual second run the same day gets a suffix.
    let mut id = None;
    for n in 1..=20 {
        if n > 1 {
            if !manual {
                break;
            }
            run.run_date = format!("{day}#{n}");
        }
        id = ctx.store.run_insert(&run).await?;
        if id.is_some() {
            break;
        }
    }
    let Some(id) = id else {
        return Ok(OpenOutcome::AlreadyOpen);
    };
    run.id = id;
    ctx.store.nudges_plan(&run.team_id, id, &plan).await?;
    post_parent(ctx, &run, &standup.name).await?;
    Ok(OpenOutcome::Opened(id))
}

/// Posts the parent message (once), opens the run and sends the nudges.
/// Also used to finish a run a crash left in `opening`.
pub async fn post_parent(ctx: &Context, run: &Run, title: &str) -> anyhow::Result<()> {
    let key = format!("run:{}:parent", run.id);
    let title = display_title(title);
    let (text, blocks) = blocks::parent_message(run, &title);
    let out = Outgoing {
        channel: &run.channel_id,
        text: &text,
        blocks: Some(&blocks),
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
    send_due_nudges(ctx, &run).await;
    Ok(())
}

fn display_title(name: &str) -> String {
    if name == super::DEFAULT_NAME {
        "Daily standup".into()
    } else {
        name.to_string()
    }
}

/// A link to the run's thread: Slack's own permalink, or none.
async fn thread_link(ctx: &Context, run: &Run) -> Option<String> {
    let ts = run.parent_ts.as_deref()?;
    ctx.slack.permalink(&run.channel_id, ts).await.ok()
}

/// Posts a DM once per key; a failure releases the claim for a later try.
async fn dm_once(
    ctx: &Context,
    team: &str,
    key: &str,
    user: &str,
    text: &str,
    blocks: Option<&serde_json::Value>,
) -> Result<(), anyhow::Error> {
    if !ctx.store.post_claim(team, key).await? {
        return Ok(());
    }
    let result: Result<_, SlackApiError> = async {
        let dm = ctx.slack.open_dm(user).await?;
        ctx.slack.post_message(&dm, text, blocks, None).await
    }
    .await;
    match result {
        Ok(p) => Ok(ctx.store.post_record(team, key, &p.channel, &p.ts).await?),
        Err(e) => {
            ctx.store.post_release(team, key).await?;
            Err(e.into())
        }
    }
}

/// Sends this run's nudges that are due now; later ones (members in later
/// time zones) are sent by the scheduler through [`send_nudges`].
async fn send_due_nudges(ctx: &Context, run: &Run) {
    match ctx
        .store
        .nudges_due_for_run(&run.team_id, run.id, ctx.clock.now())
        .await
    {
        Ok(users) => send_nudges(ctx, run, &users).await,
        Err(e) => tracing::error!(run = run.id, error = %e, "cannot read due nudges"),
    }
}

/// DMs each of `users` a link to the thread and what they planned last
/// time, once (post claim per run and user), and marks the nudge sent.
pub async fn send_nudges(ctx: &Context, run: &Run, users: &[String]) {
    if users.is_empty() {
        return;
    }
    let link = thread_link(ctx, run).await;
    let ask_mood = matches!(ctx.store.standup_by_id(&run.team_id, run.standup_id).await, Ok(Some(s)) if s.mood);
    let last_plans = match ctx
        .store
        .run_previous(&run.team_id, run.standup_id, run.id)
        .await
    {
        Ok(Some(prev)) => planned_by_user(ctx, &prev).await,
        _ => BTreeMap::new(),
    };
    for user in users {
        let text = blocks::nudge_text(
            run,
            &run.channel_id,
            link.as_deref(),
            last_plans.get(user).map(String::as_str),
        );
        // Someone blocked in an earlier run is asked first whether they still are.
        let blocker = match ctx
            .store
            .blocker_open_for(&run.team_id, run.standup_id, user)
            .await
        {
            Ok(b) => b.filter(|b| b.opened_run < run.id),
            Err(e) => {
                tracing::warn!(run = run.id, user, error = %e, "cannot read open blockers");
                None
            }
        };
        let nudge_blocks = (blocker.is_some() || ask_mood).then(|| {
            let mut v = blocker.as_ref().map(followup_blocks::blocker_question).unwrap_or_default();
            v.push(serde_json::json!({ "type": "section", "text": { "type": "mrkdwn", "text": text } }));
            if ask_mood {
                v.push(serde_json::json!({ "type": "context", "elements": [ { "type": "mrkdwn", "text": "How are you feeling today? Only the team's average is ever shown." } ] }));
                v.push(blocks::mood_buttons(run.id));
            }
            serde_json::Value::Array(v)
        });
        match dm_once(
            ctx,
            &run.team_id,
            &format!("run:{}:nudge:{user}", run.id),
            user,
            &text,
            nudge_blocks.as_ref(),
        )
        .await
        {
            Ok(()) => {
                if let Err(e) = ctx.store.nudge_mark_sent(&run.team_id, run.id, user).await {
                    tracing::warn!(run = run.id, user, error = %e, "could not mark a nudge sent");
                }
            }
            Err(e) => tracing::warn!(run = run.id, user, error = %e, "nudge not sent; will retry"),
        }
    }
}

/// What each member said they would do in a past run (the "today" answers).
async fn planned_by_user(ctx: &Context, run: &Run) -> BTreeMap<String, String> {
    let Ok(answers) = ctx.store.answers_for_run(&run.team_id, run.id).await else {
        return BTreeMap::new();
    };
    let input = summary_input(run, &answers);
    let summary = crate::summarize::offline::summarize(&input);
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for item in summary.planned {
        let e = out.entry(item.user).or_default();
        if !e.is_empty() {
            e.push_str("; ");
        }
        e.push_str(&item.text);
    }
    out
}

/// Records a thread reply as an answer when the thread is an open run.
pub async fn record_answer(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    text: &str,
    ts: &str,
    thread_ts: &str,
) -> anyhow::Result<bool> {
    let Some(run) = ctx.store.run_by_thread(team, channel, thread_ts).await? else {
        return Ok(false);
    };
    // Only the people asked answer; a colleague's "nice!" is not an answer.
    if !run.expected.iter().any(|u| u == user) {
        return Ok(false);
    }
    // After the close an answer is still kept, marked late: it shows up when
    // someone presses "Update summary", never as a second summary by itself.
    let late = matches!(run.status, RunStatus::Closing | RunStatus::Closed);
    ctx.store
        .answer_upsert(team, run.id, user, ts, text, late, ctx.clock.now())
        .await?;
    Ok(true)
}

/// Brings the stored answers in line with the thread as Slack has it, with
/// one `conversations.replies` read: replies sent while the bot was down are
/// added, messages deleted meanwhile are dropped. On a read failure the
/// stored answers stand as they are.
async fn reconcile(ctx: &Context, run: &Run) {
    let Some(parent) = run.parent_ts.as_deref() else {
        return;
    };
    let replies = match ctx.slack.thread_replies(&run.channel_id, parent).await {
        Ok(r) => r,
        Err(e) => {
            return tracing::warn!(run = run.id, error = %e, "could not read the thread at close; using stored answers")
        }
    };
    let present: HashSet<&str> = replies.iter().map(|m| m.ts.as_str()).collect();
    for m in &replies {
        let Some(user) = m.user.as_deref() else {
            continue;
        };
        if m.ts == parent
            || m.is_bot
            || ctx.is_self(user)
            || !run.expected.iter().any(|u| u == user)
        {
            continue;
        }
        if let Err(e) = ctx
            .store
            .answer_upsert(
                &run.team_id,
                run.id,
                user,
                &m.ts,
                &m.text,
                false,
                ctx.clock.now(),
            )
            .await
        {
            tracing::warn!(run = run.id, error = %e, "could not store a reconciled answer");
        }
    }
    if let Ok(stored) = ctx.store.answers_for_run(&run.team_id, run.id).await {
        for a in stored
            .iter()
            .filter(|a| !present.contains(a.message_ts.as_str()))
        {
            let _ = ctx
                .store
                .answer_delete(&run.team_id, run.id, &a.message_ts)
                .await;
        }
    }
}

/// Applies an edit to an answer (only while the run is open).
pub async fn edit_answer(
    ctx: &Context,
    team: &str,
    channel: &str,
    user: &str,
    text: &str,
    ts: &str,
    thread_ts: &str,
) -> anyhow::Result<bool> {
    record_answer(ctx, team, channel, user, text, ts, thread_ts).await
}

/// Forgets a deleted answer.
pub async fn delete_answer(
    ctx: &Context,
    team: &str,
    channel: &str,
    ts: &str,
    thread_ts: &str,
) -> anyhow::Result<bool> {
    let Some(run) = ctx.store.run_by_thread(team, channel, thread_ts).await? else {
        return Ok(false);
    };
    Ok(ctx.store.answer_delete(team, run.id, ts).await?)
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

/// Closes a run: summary in the thread, a short channel post, the parent
/// message marked closed. Only the caller that wins the close claim does it.
pub async fn close_run(ctx: &Context, run: &Run) -> anyhow::Result<bool> {
    if !ctx.store.run_claim_close(&run.team_id, run.id).await? {
        return Ok(false);
    }
    finish_close(ctx, run).await?;
    Ok(true)
}

/// The close itself; also finishes a run a crash left in `closing`.
pub async fn finish_close(ctx: &Context, run: &Run) -> anyhow::Result<()> {
    reconcile(ctx, run).await;
    publish_summary(ctx, run, false).await?;
    ctx.store.run_mark_closed(&run.team_id, run.id).await?;
    Ok(())
}

/// "Update summary": summarizes again, late answers included, and edits the
/// posted messages in place (`chat.update`), never posting new ones.
pub async fn update_summary(ctx: &Context, run: &Run) -> anyhow::Result<()> {
    publish_summary(ctx, run, true).await
}

/// Summarizes a run and posts (or, with `update`, edits) the thread summary,
/// the channel post and the closed parent message.
async fn publish_summary(ctx: &Context, run: &Run, update: bool) -> anyhow::Result<()> {
    let standup = ctx
        .store
        .standup_by_id(&run.team_id, run.standup_id)
        .await?;
    let title = display_title(
        standup
            .as_ref()
            .map(|s| s.name.as_str())
            .unwrap_or(super::DEFAULT_NAME),
    );
    let answers = ctx.store.answers_for_run(&run.team_id, run.id).await?;
    let part = participation(ctx, run).await?;
    let input = summary_input(run, &answers);
    let mut allowed: HashSet<String> = run.expected.iter().cloned().collect();
    allowed.extend(answers.iter().map(|a| a.user_id.clone()));
    let outcome = ctx
        .summarizer
        .summarize_with_outcome(&input, &allowed)
        .await;
    let summary = outcome.summary;
    let body = serde_json::to_string(&summary).unwrap_or_default();
    ctx.store
        .summary_insert(
            &run.team_id,
            Some(run.id),
            outcome.engine,
            summary.tokens_used as i64,
            &body,
        )
        .await?;
    let link = thread_link(ctx, run).await;
    if !update {
        let manager = standup
            .as_ref()
            .map(|s| s.created_by.as_str())
            .unwrap_or_default();
        followup::service::record_run(ctx, run, manager, &summary, &answers, link.as_deref())
            .await?;
    }

    let heading = format!("{title} — {}", run.run_date);
    let (text, blocks) = if answers.is_empty() {
        (
            format!(
                "Nobody answered the {} of {}.",
                title.to_lowercase(),
                run.run_date
            ),
            None,
        )
    } else {
        let (t, b) = render::thread_message(&summary, &heading);
        (t, Some(serde_json::Value::Array(b)))
    };
    let out = Outgoing {
        channel: &run.channel_id,
        text: &text,
        blocks: blocks.as_ref(),
        thread_ts: run.parent_ts.as_deref(),
    };
    post_or_update(
        ctx,
        &run.team_id,
        &format!("run:{}:summary", run.id),
        out,
        update,
    )
    .await
    .context("posting the summary in the thread")?;

    // The action items, with their buttons, as a message of their own in the thread.
    let items = ctx.store.items_for_run(&run.team_id, run.id).await?;
    if !items.is_empty() {
        let (text, blocks) = followup_blocks::board(&items);
        let out = Outgoing {
            channel: &run.channel_id,
            text: &text,
            blocks: Some(&blocks),
            thread_ts: run.parent_ts.as_deref(),
        };
        post_or_update(
            ctx,
            &run.team_id,
            &followup::service::board_key(run.id),
            out,
            update,
        )
        .await
        .context("posting the action items")?;
    }

    let cctx = ChannelContext {
        title: heading,
        thread_link: link.clone(),
        answered: part.answered.len(),
        expected: run.expected.len(),
        missing: part.missing.clone(),
    };
    let (text, mut blocks) = render::channel_message(&summary, &cctx);
    // Long-standing blockers go first, open blockers and overdue items last.
    let extras = followup::service::channel_extras(ctx, run).await?;
    if let Some(top) = extras.top {
        blocks.insert(blocks.len().min(1), top);
    }
    blocks.extend(extras.bottom);
    let moods = ctx.store.moods_for_run(&run.team_id, run.id).await?;
    if let Some((avg, n)) = followup::team_mood(&moods) {
        blocks.push(serde_json::json!({ "type": "context", "elements": [ { "type": "mrkdwn", "text": format!("Team mood: {avg:.1}/5 ({n} answers)") } ] }));
    }
    blocks.truncate(render::MAX_BLOCKS);
    let blocks = serde_json::Value::Array(blocks);
    let out = Outgoing {
        channel: &run.channel_id,
        text: &text,
        blocks: Some(&blocks),
        thread_ts: None,
    };
    post_or_update(
        ctx,
        &run.team_id,
        &format!("run:{}:channel", run.id),
        out,
        update,
    )
    .await
    .context("posting the channel summary")?;

    if !update {
        post_weekly_report(ctx, run, standup.as_ref()).await?;
    }

    if let Some(ts) = &run.parent_ts {
        let (text, blocks) = blocks::closed_parent_message(run, &title, part.answered.len());
        // chat.update of a known ts is idempotent: safe to repeat after a crash.
        if let Err(e) = ctx
            .slack
            .update_message(&run.channel_id, ts, &text, Some(&blocks))
            .await
        {
            tracing::warn!(run = run.id, error = %e, "could not mark the parent message closed");
        }
    }
    Ok(())
}

/// After Friday's run, the week's report in the channel (when enabled), once.
async fn post_weekly_report(
    ctx: &Context,
    run: &Run,
    standup: Option<&Standup>,
) -> anyhow::Result<()> {
    let Some(standup) = standup.filter(|s| s.weekly_report) else {
        return Ok(());
    };
    let Ok(day) = run
        .run_date
        .chars()
        .take(10)
        .collect::<String>()
        .parse::<jiff::civil::Date>()
    else {
        return Ok(());
    };
    if day.weekday() != jiff::civil::Weekday::Friday {
        return Ok(());
    }
    let text = followup::report::build(ctx, standup, followup::report::Period::Week, day)
        .await?
        .to_text();
    let out = Outgoing {
        channel: &run.channel_id,
        text: &text,
        blocks: None,
        thread_ts: None,
    };
    post_or_update(
        ctx,
        &run.team_id,
        &format!("report:{}:{day}", standup.id),
        out,
        false,
    )
    .await
    .context("posting the weekly report")
}

/// A message to post.
#[derive(Clone, Copy)]
struct Outgoing<'a> {
    channel: &'a str,
    text: &'a str,
    blocks: Option<&'a serde_json::Value>,
    thread_ts: Option<&'a str>,
}

/// Posts a message once per key (claimed in the database before the call,
/// released if the call fails). When the key was posted already, `update`
/// edits that message in place; otherwise nothing is sent.
async fn post_or_update(
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
    if !ctx.store.post_claim(team, key).await? {
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

/// DMs members who have not answered (and are not away) once, before the close.
pub async fn remind(ctx: &Context, run: &Run) -> anyhow::Result<usize> {
    if !ctx.store.run_claim_reminder(&run.team_id, run.id).await? {
        return Ok(0);
    }
    let part = participation(ctx, run).await?;
    let link = thread_link(ctx, run).await;
    let text = blocks::reminder_text(run, &run.channel_id, link.as_deref());
    let mut sent = 0;
    for user in &part.missing {
        match dm_once(
            ctx,
            &run.team_id,
            &format!("run:{}:remind:{user}", run.id),
            user,
            &text,
            None,
        )
        .await
        {
            Ok(()) => sent += 1,
            Err(e) => tracing::warn!(run = run.id, user, error = %e, "reminder not sent"),
        }
    }
    Ok(sent)
}
