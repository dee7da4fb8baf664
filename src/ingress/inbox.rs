//! The durable inbox on the way in: every event and interaction is stored
//! before Slack gets its 200 (the insert deduplicates a redelivery), handed
//! to the handlers on a counted task, and marked handled when they finish.
//! A row still pending after a crash is replayed at the next start.
//! Slash commands are stored by `trigger_id` and answered within Slack's
//! 3-second deadline, or followed up when they take longer.

use std::sync::Arc;

use crate::context::{Admitted, Context};
use crate::handlers::{self, interaction, thread_message, CommandReply, ViewResponse};
use crate::ids::TeamId;
use crate::metrics as m;
use crate::slack::inbound::{self, ChatEvent, EventCallback, Interaction, SlashCommand};
use crate::standup::runs;

/// Whether to take a request at all, and as which workspace: one for
/// another workspace or app (or, in multi-workspace mode, a workspace
/// without an installation) is acknowledged like any other (so Slack does
/// not retry it), logged, and neither stored nor handled. What is taken
/// runs in its workspace's scope (see `crate::install`), and so does
/// everything it spawns.
async fn for_us(
    ctx: &Context,
    what: &str,
    team: &TeamId,
    enterprise: Option<&str>,
    app: Option<&str>,
) -> Option<Admitted> {
    let admitted = ctx.admit(team, enterprise, app).await;
    if admitted.is_none() {
        metrics::counter!(m::FOREIGN_REQUESTS, "type" => what.to_string()).increment(1);
        // In multi-workspace mode the installations log an unknown team once.
        if ctx.workspaces.is_none() {
            tracing::warn!(
                what,
                team = %team,
                app = app.unwrap_or("-"),
                "request for another workspace or app ignored"
            );
        }
    }
    admitted
}

/// Stores an event and starts handling it; `Ok(false)` for a redelivery or
/// a request that is not for this bot. `raw` is the body as received, kept
/// for a replay after a crash.
pub async fn accept_event(
    ctx: &Arc<Context>,
    cb: Box<EventCallback>,
    raw: String,
) -> Result<bool, sqlx::Error> {
    let enterprise = cb.enterprise_id.as_deref();
    let Some(admitted) = for_us(ctx, "event", &cb.team_id, enterprise, cb.app_id.as_deref()).await
    else {
        return Ok(false);
    };
    if cb.event.ends_installation() {
        return end_installation(ctx, &cb).await.map(|()| true);
    }
    admitted.run(store_and_handle(ctx, cb, raw)).await
}

/// `app_uninstalled`, or `tokens_revoked` naming the bot: the workspace's
/// tokens are deleted and its schedules stopped (multi-workspace mode; a
/// single-workspace bot logs it, its token is the operator's).
async fn end_installation(ctx: &Arc<Context>, cb: &EventCallback) -> Result<(), sqlx::Error> {
    let Some(workspaces) = &ctx.workspaces else {
        tracing::warn!(team = %cb.team_id, "the app was uninstalled or its token revoked: SLACK_BOT_TOKEN no longer works");
        return Ok(());
    };
    workspaces
        .revoke(cb.team_id.as_str(), cb.enterprise_id.as_deref())
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("cannot revoke the installation: {e:#}")))
}

async fn store_and_handle(
    ctx: &Arc<Context>,
    cb: Box<EventCallback>,
    raw: String,
) -> Result<bool, sqlx::Error> {
    let EventCallback {
        team_id: team,
        event_id,
        event,
        ..
    } = *cb;
    let kind = kind_label(&event);
    let message = matches!(event, ChatEvent::Message { .. });
    if message {
        m::hot().message_events.increment(1);
    } else {
        metrics::counter!(m::EVENTS, "type" => kind.clone()).increment(1);
    }
    // A standup answer to a run that knows its thread is stored as its
    // answer row alone, which is its whole handling and, keyed by the
    // message, recognises a redelivery (see `store::batch`): nothing is left
    // to do after that commit, so it runs on the request itself, with no
    // task and no channel to hand the outcome back. Dropped before its row
    // is queued, nothing was stored and Slack redelivers; dropped after, the
    // writer commits the row all the same.
    let reply = thread_message::plain_reply(ctx, &team, &event).await;
    let answer = match &reply {
        Some(reply) => runs::known_answer(ctx, reply).await,
        None => None,
    };
    let stored = match answer {
        Some(answer) => match ctx.store.answer_insert(answer).await {
            Ok(new) => new,
            // The answer could not be written: the event takes the
            // handler's path (a pending inbox row), which retries it and
            // reports a failure that lasts.
            Err(e) => {
                tracing::warn!(event_id, error = %e, "storing an answer on arrival failed; handing it to its handler");
                store_then_handle(ctx, team, event, &event_id, raw).await?
            }
        },
        None => store_then_handle(ctx, team, event, &event_id, raw).await?,
    };
    if !stored {
        if message {
            m::hot().message_duplicates.increment(1);
        } else {
            metrics::counter!(m::EVENTS_DUPLICATE, "type" => kind).increment(1);
        }
        tracing::debug!(event_id, "redelivered event ignored");
    }
    Ok(stored)
}

/// An event left to its handler: stored pending, then handled. Both run on
/// a task of their own: if Slack drops the connection before our 200, the
/// request future is dropped, but an event that was stored is still
/// handled. One task for both: the request hears "stored" from it and the
/// task goes on to the handler.
async fn store_then_handle(
    ctx: &Arc<Context>,
    team: TeamId,
    event: ChatEvent,
    event_id: &str,
    raw: String,
) -> Result<bool, sqlx::Error> {
    // Built here, not for every event: an answer stored on arrival has no
    // inbox key.
    let key = format!("event:{event_id}");
    let (stored_tx, stored_rx) = tokio::sync::oneshot::channel();
    let task_ctx = ctx.clone();
    ctx.tasks().spawn(async move {
        let inserted = task_ctx
            .store
            .inbox_insert(team.as_str(), &key, "event", raw)
            .await;
        let pending = inserted.as_ref().ok().copied().flatten();
        let _ = stored_tx.send(inserted.map(|id| id.is_some()));
        if let Some(id) = pending {
            handle(&task_ctx, id, &team, event).await
        }
    });
    stored_rx
        .await
        .map_err(|_| sqlx::Error::Protocol("the event task failed".into()))?
}

async fn handle(ctx: &Context, id: i64, team: &TeamId, event: ChatEvent) {
    // Boxed: the handlers' future holds the state of every kind of event
    // and is large; unboxed, it made the task that runs it large, and
    // spawning it copied that much per event (BENCHMARKS.md § 5).
    let work = Box::pin(handlers::handle_event(ctx, team, event));
    process(ctx, id, work).await
}

/// The event's type as a metric label: borrowed for the types this bot
/// reads (a label is built for each event), owned for any other.
fn kind_label(event: &ChatEvent) -> metrics::SharedString {
    match event.known_kind() {
        Some(kind) => metrics::SharedString::const_str(kind),
        None => event.kind().to_string().into(),
    }
}

/// Runs one inbox item's handler and records the outcome.
async fn process(
    ctx: &Context,
    id: i64,
    work: impl std::future::Future<Output = anyhow::Result<()>>,
) {
    let result = work.await;
    let recorded = match &result {
        Ok(()) => ctx.store.inbox_mark_processed(id).await,
        Err(e) => {
            tracing::error!(inbox_id = id, error = ?e, "handler failed");
            ctx.store.inbox_mark_failed(id).await
        }
    };
    if let Err(e) = recorded {
        tracing::error!(inbox_id = id, error = %e, "could not record handler outcome");
    }
}

/// Runs a slash command and returns the immediate reply; `None` (an empty
/// 200) for a command that is not for this bot. Slack does not redeliver
/// commands, but a `trigger_id` seen before is still ignored.
pub async fn handle_command(ctx: Arc<Context>, cmd: SlashCommand) -> Option<CommandReply> {
    let enterprise = cmd.enterprise_id.clone();
    let app = cmd.api_app_id.as_deref();
    let admitted = for_us(&ctx, "command", &cmd.team_id, enterprise.as_deref(), app).await?;
    Some(admitted.run(run_command(ctx, cmd)).await)
}

async fn run_command(ctx: Arc<Context>, cmd: SlashCommand) -> CommandReply {
    metrics::counter!(m::EVENTS, "type" => "slash_command").increment(1);
    if !cmd.trigger_id.is_empty() {
        let payload = serde_json::to_string(&cmd).unwrap_or_default();
        match ctx
            .store
            .inbox_insert(
                cmd.team_id.as_str(),
                &format!("command:{}", cmd.trigger_id),
                "command",
                &payload,
            )
            .await
        {
            Ok(Some(id)) => {
                let reply = reply_in_time(ctx.clone(), cmd).await;
                let _ = ctx.store.inbox_mark_processed(id).await;
                return reply;
            }
            Ok(None) => return CommandReply::ephemeral("(already handled)"),
            Err(e) => {
                tracing::error!(error = %e, "could not store command");
                return CommandReply::ephemeral(":x: scrumbot cannot reach its database right now; please try again in a minute.");
            }
        }
    }
    reply_in_time(ctx, cmd).await
}

/// How long a command may take before Slack's 3-second deadline is at risk.
const COMMAND_BUDGET: std::time::Duration = std::time::Duration::from_millis(2_500);

/// Runs a command within the budget. A command still running then (Slack
/// slow to answer `users.info`, a retry after a 429) gets a "working on it"
/// reply now, and its real reply follows as an ephemeral message.
async fn reply_in_time(ctx: Arc<Context>, cmd: SlashCommand) -> CommandReply {
    let (task_ctx, task_cmd) = (ctx.clone(), cmd.clone());
    let mut task = ctx
        .tasks()
        .spawn(async move { handlers::dispatch_command(&task_ctx, &task_cmd).await });
    match tokio::time::timeout(COMMAND_BUDGET, &mut task).await {
        Ok(Ok(reply)) => reply,
        Ok(Err(e)) => {
            tracing::error!(error = %e, command = %cmd.command, "command task failed");
            CommandReply::ephemeral(
                ":x: Something went wrong on scrumbot's side; please try again.",
            )
        }
        Err(_) => {
            ctx.tasks().spawn(async move {
                if let Ok(reply) = task.await {
                    if let Err(e) = ctx
                        .slack
                        .post_ephemeral(
                            cmd.channel_id.as_str(),
                            cmd.user_id.as_str(),
                            &reply.text,
                            None,
                        )
                        .await
                    {
                        tracing::warn!(error = %e, "late command reply not delivered");
                    }
                }
            });
            CommandReply::ephemeral(
                ":hourglass_flowing_sand: Working on it — the answer follows in a moment.",
            )
        }
    }
}

/// Stores an interaction (its payload text, for a replay) and handles it.
/// Returns the answer to a modal submission, which Slack awaits.
pub async fn accept_interaction(
    ctx: Arc<Context>,
    i: Interaction,
    payload: &str,
) -> Result<Option<ViewResponse>, sqlx::Error> {
    let actor = i.actor();
    let enterprise = actor.enterprise_id.as_deref();
    let app = actor.app_id.as_deref();
    let Some(admitted) = for_us(&ctx, "interaction", &actor.team_id, enterprise, app).await else {
        return Ok(None);
    };
    admitted.run(store_and_run(ctx, i, payload)).await
}

async fn store_and_run(
    ctx: Arc<Context>,
    i: Interaction,
    payload: &str,
) -> Result<Option<ViewResponse>, sqlx::Error> {
    metrics::counter!(m::EVENTS, "type" => format!("interaction.{}", i.kind())).increment(1);
    let Some(id) = ctx
        .store
        .inbox_insert(i.team_id().as_str(), &i.dedup_key(), "interaction", payload)
        .await?
    else {
        return Ok(None);
    };
    if let Interaction::ViewSubmission(view) = &i {
        // Slack waits for the answer to close or re-render the modal, so this
        // one runs inline; it only writes to the database and spawns the post.
        let answer = interaction::on_view_submission(&ctx, view).await;
        let _ = ctx.store.inbox_mark_processed(id).await;
        return Ok(answer
            .map_err(|e| tracing::error!(error = ?e, "view submission failed"))
            .ok());
    }
    ctx.tasks()
        .spawn(async move { process(&ctx, id, interaction::handle(&ctx, &i)).await });
    Ok(None)
}

/// Replays inbox items a crash left unprocessed (events and interactions).
/// The list is read before the listener serves, so nothing received from
/// now on is in it (and handled twice).
pub async fn replay_pending(ctx: Arc<Context>) {
    let lease = i64::from(ctx.config.inbox_lease_secs);
    let pending = match ctx.store.inbox_claim_expired(lease, true, 10_000).await {
        Ok(p) => p,
        Err(e) => return tracing::error!(error = %e, "cannot read pending inbox"),
    };
    if !pending.is_empty() {
        tracing::info!(
            count = pending.len(),
            "replaying requests received before the last stop"
        );
    }
    ctx.tasks().spawn(replay(ctx.clone(), pending));
}

/// Replays, every half lease, the items whose receiver stopped before
/// handling them (a replica that crashed while others run on, or this one
/// restarted within the lease).
pub async fn sweep_forever(ctx: Arc<Context>) {
    let lease = i64::from(ctx.config.inbox_lease_secs);
    let every = std::time::Duration::from_millis((lease as u64 * 1000 / 2).max(1000));
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match ctx.store.inbox_claim_expired(lease, false, 1_000).await {
            Ok(items) if !items.is_empty() => {
                tracing::warn!(
                    count = items.len(),
                    "replaying requests a stopped replica left unhandled"
                );
                ctx.tasks().track_future(replay(ctx.clone(), items)).await;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "inbox sweep failed"),
        }
    }
}

/// Handles leased inbox items one after the other, each in its workspace.
async fn replay(ctx: Arc<Context>, pending: Vec<crate::store::inbox::InboxItem>) {
    for item in pending {
        match ctx.admit_team(&item.team_id).await {
            Some(admitted) => admitted.run(replay_one(&ctx, item)).await,
            // Uninstalled since: nothing can be done for it any more.
            None => {
                let _ = ctx.store.inbox_mark_processed(item.id).await;
            }
        }
    }
}

async fn replay_one(ctx: &Arc<Context>, item: crate::store::inbox::InboxItem) {
    match item.kind.as_str() {
        "event" => match inbound::parse_events_body(&item.payload) {
            Ok(inbound::EventsRequest::Callback(cb)) => {
                process(
                    ctx,
                    item.id,
                    handlers::handle_event(ctx, &TeamId::from(item.team_id.clone()), cb.event),
                )
                .await
            }
            _ => {
                let _ = ctx.store.inbox_mark_processed(item.id).await;
            }
        },
        "interaction" => match inbound::parse_interaction(&item.payload) {
            // A modal's answer cannot reach Slack any more: not replayed.
            Ok(i) if !matches!(i, Interaction::ViewSubmission(_)) => {
                process(ctx, item.id, interaction::handle(ctx, &i)).await
            }
            _ => {
                let _ = ctx.store.inbox_mark_processed(item.id).await;
            }
        },
        _ => {
            let _ = ctx.store.inbox_mark_processed(item.id).await;
        }
    }
}
