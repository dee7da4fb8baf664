//! The team's standups for agents and scripts: one query layer
//! ([`queries`]) served two ways, as MCP tools (the `mcp` module, over stdio and
//! at `/mcp`) and as a small JSON API (`/api/v1`, [`http`]), both on the
//! admin address behind bearer tokens ([`auth`]).
//!
//! Everything is scoped to one workspace: a token (or `scrumbot mcp --team`)
//! names the team, and every query starts from it.

pub mod auth;
pub mod http;
pub mod queries;
pub mod tokens;

/// Who is asking: the workspace every query is limited to, the person a
/// change is made as, and whether changes are allowed at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub team_id: String,
    /// `None` over stdio without `--user`: reading only, nobody to act as.
    pub user_id: Option<String>,
    pub read_only: bool,
}

/// Why a request failed, in a sentence its caller can act on; each maps to
/// an HTTP status (see `http`) and an MCP error (in the `mcp` module).
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadInput(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("A valid API token is required (Authorization: Bearer …); this one is missing, unknown or revoked.")]
    Unauthorized,
    /// The cause is logged, never sent: it may name tables or hosts.
    #[error("Internal error; the server log has the details.")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// Logs an internal failure with its whole cause chain and hides it.
    pub fn internal(e: impl Into<anyhow::Error>) -> ApiError {
        let e = e.into();
        tracing::error!(error = ?e, "API request failed");
        ApiError::Internal(e)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::internal(e)
    }
}
