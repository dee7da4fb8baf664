//! The workspace the running task serves (see the module comment of
//! [`crate::install`] for why a task-local).

use std::future::Future;
use std::sync::Arc;

use super::workspaces::Workspace;

tokio::task_local! {
    static CURRENT: Arc<Workspace>;
}

/// The workspace of the running task, if it runs in one.
pub fn current() -> Option<Arc<Workspace>> {
    CURRENT.try_with(Arc::clone).ok()
}

/// Runs `work` serving `workspace` (`None`: single-workspace mode, where
/// there is nothing to choose, or to keep the caller's scope).
pub async fn within<F: Future>(workspace: Option<Arc<Workspace>>, work: F) -> F::Output {
    match workspace {
        Some(ws) => CURRENT.scope(ws, work).await,
        None => work.await,
    }
}
