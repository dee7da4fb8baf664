//! The HTTP server under the routes: accepting connections with limits that
//! keep a crowd of idle or slow clients from starving Slack's requests.
//!
//! `axum::serve` sets no timer on hyper, so a connection that never sends a
//! request head is kept forever, and it accepts without bound until the
//! process runs out of file descriptors — at which point every signed
//! request from Slack times out. Here each connection:
//! - must send a complete request head within [`ServerLimits::header_read_timeout`],
//!   which also bounds how long an idle keep-alive connection is kept (hyper
//!   restarts that timer whenever it waits for the next head);
//! - must be answered within [`ServerLimits::request_timeout`] (a body
//!   trickled in byte by byte ends with a 408);
//! - holds one of [`ServerLimits::max_connections`] permits. At the cap the
//!   server stops accepting (the kernel queues new connections) until a
//!   connection ends, rather than failing on `EMFILE`; the cap is kept below
//!   the process's file-descriptor limit, which is raised to its hard limit
//!   at start (systemd's default soft limit is 1,024).

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt as _;

/// What one server accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Connections served at once.
    pub max_connections: usize,
    /// Time to send a request head, and the longest a keep-alive connection idles.
    pub header_read_timeout: Duration,
    /// Time from a request's head to its response (body upload included).
    pub request_timeout: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            // Far above what Slack opens (it sends one request per event, on
            // a few keep-alive connections), low enough to stay within the
            // descriptor limit with the database pool and outgoing calls.
            max_connections: 10_000,
            // Slack sends a request in one go; ten seconds is generous for
            // any real client and short for an attacker holding slots.
            header_read_timeout: Duration::from_secs(10),
            // Slack gives up after 3 s; 30 s leaves room for slow networks.
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// What answers a server's requests: a router, or the public routes with
/// their direct path for events (`ingress::http::Routes`).
pub trait Answer: Send + Sync + 'static {
    fn answer(&self, req: Request<Incoming>) -> impl Future<Output = Response<Body>> + Send;
}

impl Answer for Router {
    async fn answer(&self, req: Request<Incoming>) -> Response<Body> {
        match self.clone().oneshot(req.map(Body::new)).await {
            Ok(res) => res,
            Err(never) => match never {},
        }
    }
}

/// File descriptors kept free of HTTP connections: the database pool, the
/// Web API and LLM clients, Socket Mode, logs.
const RESERVED_FDS: u64 = 256;

/// Serves `routes` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish (each connection closes after its current
/// response).
pub async fn serve(
    listener: TcpListener,
    routes: impl Answer,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let routes = Arc::new(routes);
    let max = limits.max_connections.min(connection_budget()).max(1);
    let permits = Arc::new(Semaphore::new(max));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(e) => {
                    // EMFILE/ENFILE or a connection reset before accept: wait a
                    // moment instead of spinning, then go on serving.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let routes = routes.clone();
        let request_timeout = limits.request_timeout;
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let routes = routes.clone();
            async move { Ok::<_, Infallible>(answer(&*routes, req, request_timeout).await) }
        });
        let builder = builder.clone();
        let stop = stop_rx.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                result = conn.as_mut() => log_connection_end(result),
                _ = stopped(stop) => {
                    conn.as_mut().graceful_shutdown();
                    log_connection_end(conn.await);
                }
            }
        });
    }
    let _ = stop_tx.send(true);
    // Wait (bounded) for the connections still open to finish their request.
    let _ = tokio::time::timeout(limits.request_timeout, permits.acquire_many(max as u32)).await;
    Ok(())
}

/// One request through the routes, within the request timeout.
async fn answer(routes: &impl Answer, req: Request<Incoming>, timeout: Duration) -> Response<Body> {
    match tokio::time::timeout(timeout, routes.answer(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!("request timed out");
            let mut res = Response::new(Body::from("request timed out"));
            *res.status_mut() = StatusCode::REQUEST_TIMEOUT;
            res
        }
    }
}

/// Completes when the server is told to stop.
async fn stopped(mut stop: watch::Receiver<bool>) {
    // The guard `wait_for` returns is not `Send`: drop it here, not across an await.
    let _ = stop.wait_for(|stopped| *stopped).await.map(|_| ());
}

fn log_connection_end(result: Result<(), hyper::Error>) {
    if let Err(e) = result {
        // Header timeouts, resets and malformed requests end here: routine
        // for a public endpoint, so not a warning.
        tracing::debug!(error = %e, "connection ended");
    }
}

/// How many connections the descriptor limit allows, after raising the soft
/// limit to the hard one.
fn connection_budget() -> usize {
    let limit = raise_fd_limit();
    limit.saturating_sub(RESERVED_FDS).max(16) as usize
}

/// Raises the soft `RLIMIT_NOFILE` to the hard limit and returns it. A
/// server is expected to do this itself (Go's runtime does it for every
/// program); without it systemd's default of 1,024 caps the connections.
#[cfg(unix)]
fn raise_fd_limit() -> u64 {
    // SAFETY: getrlimit/setrlimit only read and write the struct we pass.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return 1024;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim.rlim_cur = lim.rlim_max;
            }
        }
        #[allow(clippy::unnecessary_cast)] // rlim_t is not u64 on every platform
        let current = lim.rlim_cur as u64;
        current
    }
}

#[cfg(not(unix))]
fn raise_fd_limit() -> u64 {
    1024
}
