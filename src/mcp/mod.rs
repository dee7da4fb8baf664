//! The MCP server (official SDK, `rmcp`): the query layer of `crate::api`
//! as tools an AI assistant can call, over stdio (`scrumbot mcp --team T`)
//! and over streamable HTTP at `/mcp` on the admin address (bearer token).
//!
//! Over stdio the scope is fixed by the command line; over HTTP it is the
//! request's token, which the auth middleware put in the HTTP request's
//! extensions and rmcp hands to each tool call with the request's parts.

use std::sync::Arc;

use axum::http::request::Parts;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::model::Extensions;
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{tool, tool_handler, tool_router, ErrorData, ServiceExt};

use crate::api::queries::{
    self, ActionItemView, ActionItemsInput, AnswerView, BlockerView, BlockersInput, Listing,
    MarkDoneInput, PageInput, SearchInput, StandupView, SummaryInput, SummaryView,
};
use crate::api::{ApiError, Scope};
use crate::context::Context;

/// The tools, bound to the bot's context and (over stdio) a fixed scope.
#[derive(Clone)]
pub struct ScrumbotMcp {
    ctx: Arc<Context>,
    /// The command line's `--team`/`--user`; `None` over HTTP, where each
    /// request brings its token's scope.
    fixed: Option<Scope>,
    tool_router: ToolRouter<Self>,
}

/// An API error as an MCP error: the same sentence.
fn mcp_error(e: ApiError) -> ErrorData {
    let message = e.to_string();
    match e {
        ApiError::BadInput(_) => ErrorData::invalid_params(message, None),
        ApiError::NotFound(_) => ErrorData::resource_not_found(message, None),
        ApiError::Forbidden(_) | ApiError::Unauthorized => {
            ErrorData::invalid_request(message, None)
        }
        ApiError::Internal(_) => ErrorData::internal_error(message, None),
    }
}

fn answer<T>(result: Result<T, ApiError>) -> Result<Json<T>, ErrorData> {
    result.map(Json).map_err(mcp_error)
}

#[tool_router]
impl ScrumbotMcp {
    pub fn new(ctx: Arc<Context>, fixed: Option<Scope>) -> Self {
        ScrumbotMcp {
            ctx,
            fixed,
            tool_router: Self::tool_router(),
        }
    }

    /// The scope of this call: the request's token over HTTP, else the command line's.
    fn scope(&self, ext: &Extensions) -> Result<Scope, ErrorData> {
        ext.get::<Parts>()
            .and_then(|parts| parts.extensions.get::<Scope>().cloned())
            .or_else(|| self.fixed.clone())
            .ok_or_else(|| mcp_error(ApiError::Unauthorized))
    }

    #[tool(
        description = "List the workspace's standups: channel, name, schedule and next run.",
        annotations(read_only_hint = true)
    )]
    async fn list_standups(
        &self,
        Parameters(input): Parameters<PageInput>,
        ext: Extensions,
    ) -> Result<Json<Listing<StandupView>>, ErrorData> {
        let scope = self.scope(&ext)?;
        answer(queries::list_standups(&self.ctx, &scope, &input).await)
    }

    #[tool(
        description = "Get the summary of a channel's standup on a day (the newest when no date): done, planned, blockers, action items, highlights and a link to the thread.",
        annotations(read_only_hint = true)
    )]
    async fn get_summary(
        &self,
        Parameters(input): Parameters<SummaryInput>,
        ext: Extensions,
    ) -> Result<Json<SummaryView>, ErrorData> {
        let scope = self.scope(&ext)?;
        answer(queries::get_summary(&self.ctx, &scope, &input).await)
    }

    #[tool(
        description = "List blockers (open ones only unless include_resolved): who is blocked, by what, by whom, since when.",
        annotations(read_only_hint = true)
    )]
    async fn list_blockers(
        &self,
        Parameters(input): Parameters<BlockersInput>,
        ext: Extensions,
    ) -> Result<Json<Listing<BlockerView>>, ErrorData> {
        let scope = self.scope(&ext)?;
        answer(queries::list_blockers(&self.ctx, &scope, &input).await)
    }

    #[tool(
        description = "List action items from standups, by owner, status (open or done) and due date.",
        annotations(read_only_hint = true)
    )]
    async fn list_action_items(
        &self,
        Parameters(input): Parameters<ActionItemsInput>,
        ext: Extensions,
    ) -> Result<Json<Listing<ActionItemView>>, ErrorData> {
        let scope = self.scope(&ext)?;
        answer(queries::list_action_items(&self.ctx, &scope, &input).await)
    }

    #[tool(
        description = "Mark an action item done, as its Done button in Slack does (the Slack message is updated). Only the item's owner, whoever set up the standup, or one of its owners may.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true
        )
    )]
    async fn mark_action_item_done(
        &self,
        Parameters(input): Parameters<MarkDoneInput>,
        ext: Extensions,
    ) -> Result<Json<ActionItemView>, ErrorData> {
        let scope = self.scope(&ext)?;
        answer(queries::mark_action_item_done(&self.ctx, &scope, input.id).await)
    }

    #[tool(
        description = "Search standup answers for words, newest first, optionally since a day and in one channel.",
        annotations(read_only_hint = true)
    )]
    async fn search_answers(
        &self,
        Parameters(input): Parameters<SearchInput>,
        ext: Extensions,
    ) -> Result<Json<Listing<AnswerView>>, ErrorData> {
        let scope = self.scope(&ext)?;
        answer(queries::search_answers(&self.ctx, &scope, &input).await)
    }
}

#[tool_handler(
    router = self.tool_router,
    name = "scrumbot",
    instructions = "A Slack workspace's async standups: summaries, blockers, action items and answers."
)]
impl rmcp::ServerHandler for ScrumbotMcp {}

/// Serves MCP on standard input and output until the client closes it.
pub async fn serve_stdio(ctx: Arc<Context>, scope: Scope) -> anyhow::Result<()> {
    let service = ScrumbotMcp::new(ctx, Some(scope))
        .serve(rmcp::transport::stdio())
        .await?;
    service.waiting().await?;
    Ok(())
}

/// The streamable HTTP transport for `/mcp`, behind the token middleware.
///
/// Stateless, with plain JSON answers: nothing is kept between requests, so
/// any replica can answer any request and a script can call a tool with one
/// POST. The `Host` check rmcp makes against DNS rebinding is off: every
/// request must carry a bearer token, which a page in a victim's browser
/// does not have, and the admin address may be reached by any name.
pub fn http_service(ctx: Arc<Context>) -> StreamableHttpService<ScrumbotMcp, NeverSessionManager> {
    let config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .disable_allowed_hosts();
    StreamableHttpService::new(
        move || Ok(ScrumbotMcp::new(ctx.clone(), None)),
        Arc::new(NeverSessionManager::default()),
        config,
    )
}

/// `scrumbot mcp`: the bot's context (database, and Slack for the message
/// a Done updates) and the tools on stdio, scoped by `--team`/`--user`.
pub async fn run_stdio(
    config: crate::config::Config,
    team: String,
    user: Option<String>,
) -> anyhow::Result<()> {
    crate::preflight::reach_database(&config.database_url).await?;
    let ctx = Context::build(config, crate::clock::Clock::system()).await?;
    if ctx.bot().team_id != team {
        tracing::warn!(team, bot_team = %ctx.bot().team_id, "--team is not the bot's workspace: the tools will find nothing");
    }
    let scope = Scope {
        team_id: team,
        user_id: user,
        read_only: false,
    };
    serve_stdio(ctx, scope).await
}
