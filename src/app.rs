//! Wiring only: the [`Application`] builds the [`Context`], binds the HTTP
//! listener, and runs the ingress (HTTP and Socket Mode) and the scheduler.
//!
//! Tests build the very same `Application` on port 0 (zero2prod's
//! `spawn_app`), so what they exercise is the `scrumbot serve` path.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::clock::Clock;
use crate::config::Config;
use crate::context::Context;

/// A built application, listening but not yet serving.
pub struct Application {
    ctx: Arc<Context>,
    listener: TcpListener,
    /// `/metrics` and `/healthz` for operators (`None` when turned off).
    admin: Option<TcpListener>,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        Self::build_with_clock(config, Clock::system()).await
    }

    /// Builds with a given clock (tests move a manual one).
    pub async fn build_with_clock(config: Config, clock: Clock) -> anyhow::Result<Application> {
        let listen = config.listen;
        let ctx = Context::build(config, clock).await?;
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen} (SCRUMBOT_LISTEN)"))?;
        let admin = match ctx.config.admin_listen {
            Some(addr) => Some(TcpListener::bind(addr).await.with_context(|| {
                format!("cannot listen on {addr} (SCRUMBOT_ADMIN_LISTEN; `off` turns it off)")
            })?),
            None => None,
        };
        Ok(Application {
            ctx,
            listener,
            admin,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The admin address, when one is served.
    pub fn admin_addr(&self) -> Option<SocketAddr> {
        self.admin.as_ref().and_then(|l| l.local_addr().ok())
    }

    pub fn context(&self) -> Arc<Context> {
        self.ctx.clone()
    }

    /// Serves until the process is stopped: HTTP, Socket Mode (when an app
    /// token is set), the scheduler, and a replay of requests a crash left unprocessed.
    pub async fn run(self) -> anyhow::Result<()> {
        let ctx = self.ctx;
        tracing::info!(addr = %self.listener.local_addr()?, http = ctx.config.http_enabled(), "scrumbot listening");
        crate::ingress::inbox::replay_pending(ctx.clone()).await;
        let socket_ctx = ctx.clone();
        let socket_mode = async move {
            if socket_ctx.config.app_token.is_none() {
                return std::future::pending::<()>().await;
            }
            if let Err(e) = crate::ingress::socket_mode::run(socket_ctx).await {
                tracing::error!(error = %e, "Socket Mode stopped");
            }
            std::future::pending::<()>().await
        };
        let scheduler = crate::scheduler::run(ctx.clone());
        let admin = serve_admin(self.admin, ctx.clone());
        let inbox_sweep = crate::ingress::inbox::sweep_forever(ctx.clone());
        let routes = crate::ingress::http::routes(ctx.clone());
        let http = crate::ingress::server::serve(
            self.listener,
            routes,
            ctx.config.server,
            shutdown_signal(),
        );
        // One task drives them all, so stopping it (a signal, or a test
        // aborting it to play a crash) stops the whole bot.
        tokio::select! {
            result = http => result?,
            _ = scheduler => {}
            _ = socket_mode => {}
            _ = admin => {}
            _ = inbox_sweep => {}
        }
        Ok(())
    }
}

/// Serves the admin pages until the process stops (forever when there is
/// no admin address).
async fn serve_admin(listener: Option<TcpListener>, ctx: Arc<Context>) {
    let Some(listener) = listener else {
        return std::future::pending().await;
    };
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "admin pages (/metrics, /healthz) listening");
    }
    let limits = ctx.config.server;
    let router = crate::admin::router(ctx);
    if let Err(e) =
        crate::ingress::server::serve(listener, router, limits, std::future::pending()).await
    {
        tracing::error!(error = %e, "the admin server stopped");
    }
    std::future::pending().await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
