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
            .with_context(|| format!("cannot listen on {listen}"))?;
        Ok(Application { ctx, listener })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
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
        let router = crate::ingress::http::router(ctx);
        let http = crate::ingress::server::serve(
            self.listener,
            router,
            crate::ingress::server::ServerLimits::default(),
            shutdown_signal(),
        );
        // One task drives all three, so stopping it (a signal, or a test
        // aborting it to play a crash) stops the whole bot.
        tokio::select! {
            result = http => result?,
            _ = scheduler => {}
            _ = socket_mode => {}
        }
        Ok(())
    }
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
