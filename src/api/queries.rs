//! The one query layer of the MCP tools and `/api/v1`: inputs checked
//! here, reads from the store, changes through the domain (the Done of an
//! item is `followup::tracking::change_item`, the Done button's own code).
//!
//! The input types carry the JSON schemas of both: `schemars` for MCP's
//! tool schemas, `utoipa` for the OpenAPI document.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, Scope};
use crate::context::Context;
use crate::followup::tracking::{self as followup, ItemAction, ItemChange};
use crate::followup::{ActionItem, ItemStatus, OpenBlocker};
use crate::store::api_reads::{FoundAnswer, Page};
use crate::summarize::Summary;

/// Rows per page when the caller does not say.
pub const DEFAULT_LIMIT: i64 = 50;
/// The most rows one page returns: a page is one query and one response
/// held in memory.
pub const MAX_LIMIT: i64 = 200;

/// One page of a list. Pagination is by `limit` and `offset` (not a
/// cursor): lists are ordered by id or date and short, and an agent can
/// ask for "the next 50" without holding an opaque token.
#[derive(Debug, Clone, Serialize, JsonSchema, ToSchema)]
pub struct Listing<T> {
    pub items: Vec<T>,
    /// The `offset` of the next page; absent on the last page.
    pub next_offset: Option<i64>,
}

/// `limit` and `offset` of a list request.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageInput {
    /// Rows to return, 1–200 [default: 50].
    pub limit: Option<i64>,
    /// Rows to skip [default: 0].
    pub offset: Option<i64>,
}

impl PageInput {
    /// The page fields of a filtered request. (Those repeat them rather
    /// than `#[serde(flatten)]` a `PageInput`: flattened, a number in a
    /// query string arrives as text and is refused.)
    pub fn of(limit: Option<i64>, offset: Option<i64>) -> PageInput {
        PageInput { limit, offset }
    }

    /// The page asked for, one row longer: that row says whether there is a next page.
    fn probe(&self) -> Result<Page, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::BadInput(format!(
                "limit must be between 1 and {MAX_LIMIT}, not {limit}."
            )));
        }
        let offset = self.offset.unwrap_or(0);
        if offset < 0 {
            return Err(ApiError::BadInput(format!(
                "offset must be 0 or more, not {offset}."
            )));
        }
        Ok(Page {
            limit: limit + 1,
            offset,
        })
    }
}

/// Cuts the probe row off and says where the next page starts.
fn listing<R, T>(rows: Vec<R>, probe: Page, view: impl Fn(R) -> T) -> Listing<T> {
    let limit = probe.limit - 1;
    let more = rows.len() as i64 > limit;
    Listing {
        items: rows.into_iter().take(limit as usize).map(view).collect(),
        next_offset: more.then_some(probe.offset + limit),
    }
}

fn parse_date(name: &str, value: Option<&str>) -> Result<Option<Date>, ApiError> {
    value
        .map(|v| {
            v.parse::<Date>().map_err(|_| {
                ApiError::BadInput(format!("{name} must be a date, YYYY-MM-DD, not {v:?}."))
            })
        })
        .transpose()
}

// ---------------------------------------------------------------- standups

/// A standup of the workspace.
#[derive(Debug, Clone, Serialize, JsonSchema, ToSchema)]
pub struct StandupView {
    pub id: i64,
    /// The Slack channel id.
    pub channel: String,
    pub name: String,
    /// Days, time and time zone, e.g. "Mon–Fri at 09:30 (Europe/Paris)".
    pub schedule: String,
    pub paused: bool,
    /// The next run, RFC 3339 (UTC); absent when paused.
    pub next_run: Option<String>,
}

pub async fn list_standups(
    ctx: &Context,
    scope: &Scope,
    page: &PageInput,
) -> Result<Listing<StandupView>, ApiError> {
    let probe = page.probe()?;
    let rows = ctx.store.standups_page(&scope.team_id, probe).await?;
    Ok(listing(rows, probe, |s| StandupView {
        id: s.id,
        schedule: s.schedule_text(),
        next_run: s
            .next_run_at
            .filter(|_| !s.paused)
            .and_then(|t| jiff::Timestamp::from_second(t).ok())
            .map(|t| t.to_string()),
        paused: s.paused,
        channel: s.channel_id,
        name: s.name,
    }))
}

// ---------------------------------------------------------------- summaries

/// Which summary: a channel's, on a day, of one standup.
#[derive(Debug, Clone, Deserialize, JsonSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryInput {
    /// The Slack channel id of the standup.
    pub channel: String,
    /// The run's day, YYYY-MM-DD [default: the newest summarized run].
    pub date: Option<String>,
    /// The standup's name, when the channel has several.
    pub standup: Option<String>,
}

/// One person's line in a summary.
#[derive(Debug, Clone, Serialize, JsonSchema, ToSchema)]
pub struct SummaryLine {
    /// The Slack user id.
    pub user: String,
    pub text: String,
}

/// A blocker as the summary reported it.
#[derive(Debug, Clone, Serialize, JsonSchema, ToSchema)]
pub struct SummaryBlocker {
    /// Who is blocked (Slack user id).
    pub user: String,
    pub text: String,
    /// Who or what blocks them, when named.
    pub blocked_by: Option<String>,
}

/// The summary of one standup run.
#[derive(Debug, Clone, Serialize, JsonSchema, ToSchema)]
pub struct SummaryView {
    pub standup: String,
    pub channel: String,
    /// The run's day, YYYY-MM-DD (`#n` after it for a manual run).
    pub date: String,
    pub done: Vec<SummaryLine>,
    pub planned: Vec<SummaryLine>,
    pub blockers: Vec<SummaryBlocker>,
    /// The run's action items as they are now (status included).
    pub action_items: Vec<ActionItemView>,
    pub highlights: String,
    /// The standup's thread in Slack, when Slack could say.
    pub permalink: Option<String>,
}

pub async fn get_summary(
    ctx: &Context,
    scope: &Scope,
    input: &SummaryInput,
) -> Result<SummaryView, ApiError> {
    let date = parse_date("date", input.date.as_deref())?.map(|d| d.to_string());
    let found = ctx
        .store
        .summarized_run(
            &scope.team_id,
            &input.channel,
            date.as_deref(),
            input.standup.as_deref(),
        )
        .await?;
    let Some((run, body)) = found else {
        return Err(ApiError::NotFound(format!(
            "No standup summary in channel {}{}.",
            input.channel,
            date.map(|d| format!(" on {d}")).unwrap_or_default()
        )));
    };
    let summary: Summary = serde_json::from_str(&body).map_err(ApiError::internal)?;
    let standup = ctx
        .store
        .standup_by_id(&scope.team_id, run.standup_id)
        .await?
        .map(|s| s.name)
        .unwrap_or_else(|| crate::standup::DEFAULT_NAME.to_string());
    let items = ctx.store.items_for_run(&scope.team_id, run.id).await?;
    let lines = |v: Vec<crate::summarize::model::Item>| {
        v.into_iter()
            .map(|i| SummaryLine {
                user: i.user,
                text: i.text,
            })
            .collect()
    };
    Ok(SummaryView {
        permalink: crate::standup::runs::thread_link(ctx, &run).await,
        standup,
        channel: run.channel_id,
        date: run.run_date,
        done: lines(summary.done),
        planned: lines(summary.planned),
        blockers: summary
            .blockers
            .into_iter()
            .map(|b| SummaryBlocker {
                user: b.user,
                text: b.text,
                blocked_by: b.blocked_by,
            })
            .collect(),
        action_items: items.into_iter().map(ActionItemView::from).collect(),
        highlights: summary.highlights,
    })
}

// ---------------------------------------------------------------- blockers

/// Which blockers.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BlockersInput {
    /// Include resolved blockers [default: false, open ones only].
    pub include_resolved: Option<bool>,
    /// Only this channel (Slack channel id).
    pub channel: Option<String>,
    /// Rows to return, 1–200 [default: 50].
    pub limit: Option<i64>,
    /// Rows to skip [default: 0].
    pub offset: Option<i64>,
}

/// A blocker carried across standups until it is resolved.
#[derive(Debug, Clone, Serialize, JsonSchema, ToSchema)]
pub struct BlockerView {
    pub id: i64,
    pub channel: String,
    /// Who is blocked (Slack user id).
    pub user: String,
    /// What blocks them.
    pub text: String,
    /// Who or what blocks them, when named.
    pub blocked_by: Option<String>,
    /// The day it was first reported, YYYY-MM-DD.
    pub since: String,
    pub open: bool,
}

impl From<OpenBlocker> for BlockerView {
    fn from(b: OpenBlocker) -> Self {
        BlockerView {
            id: b.id,
            channel: b.channel_id,
            user: b.user_id,
            text: b.text,
            blocked_by: b.blocked_by,
            since: b.opened_on,
            open: !b.resolved,
        }
    }
}

pub async fn list_blockers(
    ctx: &Context,
    scope: &Scope,
    input: &BlockersInput,
) -> Result<Listing<BlockerView>, ApiError> {
    let probe = PageInput::of(input.limit, input.offset).probe()?;
    let rows = ctx
        .store
        .blockers_page(
            &scope.team_id,
            !input.include_resolved.unwrap_or(false),
            input.channel.as_deref(),
            probe,
        )
        .await?;
    Ok(listing(rows, probe, BlockerView::from))
}

// ---------------------------------------------------------------- action items

/// Which action items.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionItemsInput {
    /// Only this person's (Slack user id).
    pub owner: Option<String>,
    /// `open` or `done` [default: both].
    pub status: Option<String>,
    /// Only items due before this day, YYYY-MM-DD.
    pub due_before: Option<String>,
    /// Rows to return, 1–200 [default: 50].
    pub limit: Option<i64>,
    /// Rows to skip [default: 0].
    pub offset: Option<i64>,
}

/// An action item from a standup.
#[derive(Debug, Clone, Serialize, JsonSchema, ToSchema)]
pub struct ActionItemView {
    pub id: i64,
    pub channel: String,
    /// Whose it is (Slack user id).
    pub owner: String,
    pub text: String,
    /// YYYY-MM-DD, when it has a due date.
    pub due: Option<String>,
    /// `open` or `done`.
    pub status: String,
    /// The standup thread it came from.
    pub source_link: Option<String>,
    /// The issue made from it ("Create issue").
    pub issue_url: Option<String>,
}

impl From<ActionItem> for ActionItemView {
    fn from(i: ActionItem) -> Self {
        ActionItemView {
            id: i.id,
            channel: i.channel_id,
            owner: i.owner,
            text: i.text,
            due: i.due,
            status: match i.status {
                ItemStatus::Open => "open",
                ItemStatus::Done => "done",
            }
            .to_string(),
            source_link: i.source_link,
            issue_url: i.issue_url,
        }
    }
}

pub async fn list_action_items(
    ctx: &Context,
    scope: &Scope,
    input: &ActionItemsInput,
) -> Result<Listing<ActionItemView>, ApiError> {
    let probe = PageInput::of(input.limit, input.offset).probe()?;
    let status = match input.status.as_deref() {
        None | Some("open") | Some("done") => input.status.as_deref(),
        Some(other) => {
            return Err(ApiError::BadInput(format!(
                "status must be open or done, not {other:?}."
            )))
        }
    };
    let due_before = parse_date("due_before", input.due_before.as_deref())?.map(|d| d.to_string());
    let rows = ctx
        .store
        .items_page(
            &scope.team_id,
            input.owner.as_deref(),
            status,
            due_before.as_deref(),
            probe,
        )
        .await?;
    Ok(listing(rows, probe, ActionItemView::from))
}

/// Which item to mark done.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct MarkDoneInput {
    /// The action item's id (from list_action_items).
    pub id: i64,
}

/// Marks an item done as the scope's user, exactly as its Done button does
/// (database, the "Action items" message in Slack, the owner's Home tab).
///
/// Who may: the one check the button and the API share, in `change_item`
/// (the owner, whoever set up the standup, or one of its owners).
pub async fn mark_action_item_done(
    ctx: &Context,
    scope: &Scope,
    id: i64,
) -> Result<ActionItemView, ApiError> {
    if scope.read_only {
        return Err(ApiError::Forbidden(
            "This token is read-only: it cannot mark action items done.".into(),
        ));
    }
    let Some(user) = scope.user_id.as_deref() else {
        return Err(ApiError::Forbidden(
            "No user to act as: start `scrumbot mcp` with --user to mark items done.".into(),
        ));
    };
    // The Slack update runs as the item's workspace (its token, its bot):
    // in multi-workspace mode there is no other way to reach Slack.
    let Some(workspace) = ctx.admit_team(&scope.team_id).await else {
        return Err(ApiError::Forbidden(
            "scrumbot is not installed in this workspace (any more).".into(),
        ));
    };
    let change = workspace
        .run(followup::change_item(
            ctx,
            &scope.team_id,
            id,
            user,
            ItemAction::Done,
        ))
        .await
        .map_err(ApiError::internal)?;
    let missing = || ApiError::NotFound(format!("There is no action item {id} in this workspace."));
    match change {
        ItemChange::Missing => Err(missing()),
        ItemChange::Refused { owner } => Err(ApiError::Forbidden(format!(
            "Only {owner} (or an owner of its standup) can mark action item {id} done."
        ))),
        ItemChange::Changed => ctx
            .store
            .item_get(&scope.team_id, id)
            .await?
            .map(ActionItemView::from)
            .ok_or_else(missing),
    }
}

// ---------------------------------------------------------------- answers

/// What to look for in standup answers.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct SearchInput {
    /// Words to find in answers (any case).
    pub text: String,
    /// Only answers given on or after this day, YYYY-MM-DD (UTC).
    pub since: Option<String>,
    /// Only this channel (Slack channel id).
    pub channel: Option<String>,
    /// Rows to return, 1–200 [default: 50].
    pub limit: Option<i64>,
    /// Rows to skip [default: 0].
    pub offset: Option<i64>,
}

/// A standup answer.
#[derive(Debug, Clone, Serialize, JsonSchema, ToSchema)]
pub struct AnswerView {
    pub id: i64,
    /// Who answered (Slack user id).
    pub user: String,
    pub channel: String,
    /// The run's day, YYYY-MM-DD.
    pub date: String,
    pub text: String,
    /// When it was given, RFC 3339 (UTC).
    pub answered_at: String,
}

pub async fn search_answers(
    ctx: &Context,
    scope: &Scope,
    input: &SearchInput,
) -> Result<Listing<AnswerView>, ApiError> {
    let text = input.text.trim();
    if text.is_empty() {
        return Err(ApiError::BadInput("text must not be empty.".into()));
    }
    let probe = PageInput::of(input.limit, input.offset).probe()?;
    let since = parse_date("since", input.since.as_deref())?
        .map(|d| {
            d.to_zoned(jiff::tz::TimeZone::UTC)
                .map(|z| z.timestamp().as_second())
        })
        .transpose()
        .map_err(ApiError::internal)?;
    let rows = ctx
        .store
        .answers_search(&scope.team_id, text, since, input.channel.as_deref(), probe)
        .await?;
    Ok(listing(rows, probe, |a: FoundAnswer| AnswerView {
        id: a.id,
        user: a.user_id,
        channel: a.channel_id,
        date: a.run_date,
        text: a.body,
        answered_at: jiff::Timestamp::from_second(a.answered_at)
            .map(|t| t.to_string())
            .unwrap_or_default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_says_where_the_next_one_starts_only_when_there_is_one() {
        let probe = PageInput {
            limit: Some(2),
            offset: Some(4),
        }
        .probe()
        .unwrap();
        let full = listing(vec![1, 2, 3], probe, |x| x);
        assert_eq!((full.items, full.next_offset), (vec![1, 2], Some(6)));
        let last = listing(vec![1], probe, |x| x);
        assert_eq!((last.items, last.next_offset), (vec![1], None));
    }

    #[test]
    fn a_limit_out_of_range_is_refused_in_words() {
        let err = PageInput {
            limit: Some(0),
            offset: None,
        }
        .probe()
        .unwrap_err();
        assert!(err.to_string().contains("between 1 and 200"), "{err}");
    }
}
