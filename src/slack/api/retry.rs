//! The retry policy wrapped around every typed Web API call.
//!
//! - 429: wait `Retry-After`, and make every other caller of the same key
//!   wait too (see [`super::gate`]); then try again. A 429 does not count as
//!   a failed attempt, since Slack did not take the call.
//! - a connection that could not be made: retried with exponential backoff,
//!   at most [`MAX_ATTEMPTS`] times (nothing reached Slack).
//! - 5xx and a connection lost once the request was sent are *ambiguous*:
//!   Slack may have done the call before failing (a 500 after the message was
//!   posted happens). Each call says what to do then ([`Recheck`]): an
//!   idempotent one (reads, `chat.update`, `views.publish`) is retried with
//!   backoff; `chat.postMessage` first looks for the post it may have made
//!   and returns it if found; a call that can neither be repeated nor
//!   checked (`views.open`'s trigger, `chat.postEphemeral`) fails.
//! - `ok:false`, other HTTP statuses and answers that do not parse: final.
//!
//! Why not slack-morphism's own rate control (`with_rate_control`, read in
//! slack-morphism 2.31 `ratectl/` and `hyper_tokio/connector.rs`):
//! - a 429 is retried only by the call that received it (its `Retry-After`
//!   becomes that call's own delay); the throttler's shared counters are not
//!   told, so every other task keeps calling the method at full speed and
//!   collects its own 429s — the burst that dropped 80 % of the parent
//!   messages in `examples/fanout.rs`;
//! - `Retry-After` is slept through whatever its length: `max_delay_timeout`
//!   is declared in its config but never read, so an outage-length wait would
//!   hold a task instead of failing it;
//! - `chat.postMessage`'s special limit is keyed `"chat.postMessage"` per
//!   workspace, not per channel as Slack limits it, so posting to one busy
//!   channel would slow every channel down;
//! - its tier limits only apply when the token carries a team id (ours does
//!   not), and it never retries 5xx or network errors.

use std::future::Future;
use std::time::{Duration, Instant};

use slack_morphism::errors::{SlackClientError, SlackClientHttpProtocolError};
use slack_morphism::ClientResult;

use super::{gate, SlackApiError};
use crate::metrics as m;

/// How many times one call is attempted on 5xx and connection errors before
/// giving up. 429s do not count: Slack did not take the call, and waiting as
/// asked always ends (see [`MAX_RATE_LIMITED`]).
const MAX_ATTEMPTS: u32 = 6;
/// Rate-limit waits of one call past this are treated as an outage.
const MAX_RATE_LIMITED: Duration = Duration::from_secs(15 * 60);
/// First backoff for 5xx/network errors; doubles each time.
const BASE_BACKOFF: Duration = Duration::from_millis(200);
/// A Retry-After beyond this is treated as an outage rather than slept through.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// The policy and its shared state (the 429 gates of every key).
#[derive(Default)]
pub(super) struct Retrying {
    gates: gate::Gates,
}

/// What to do after one failed attempt.
enum Next {
    /// A 429: the gate is closed for the wait, go again without sleeping here.
    AfterGate,
    /// Sleep this long, then go again; `ambiguous` when Slack may have done
    /// the call (a 5xx, a connection lost after sending).
    Backoff {
        wait: Duration,
        ambiguous: bool,
    },
    Fail(SlackApiError),
}

/// What a call does after an ambiguous failure (see the module comment).
pub(super) enum Recheck<T> {
    /// Doing the call again is harmless: retry.
    Retry,
    /// The failed attempt did take effect; this is its result.
    Done(T),
    /// It may have taken effect and doing it again could double it: fail.
    GiveUp,
}

/// The [`Recheck`] of an idempotent call.
pub(super) async fn idempotent<T>() -> Recheck<T> {
    Recheck::Retry
}

/// The [`Recheck`] of a call that must not be done twice and cannot be
/// checked: losing it is better than doubling it.
pub(super) async fn at_most_once<T>() -> Recheck<T> {
    Recheck::GiveUp
}

impl Retrying {
    /// Runs `attempt` until it succeeds or fails for good. `method` labels the
    /// metrics and logs; `key` is what a 429 closes (the method, or the
    /// method and channel for `chat.postMessage`); `recheck` says what to do
    /// after a failure that may have taken effect, and runs after the backoff
    /// (so that what Slack did has had time to show).
    pub(super) async fn run<T, F, Fut, R, RFut>(
        &self,
        method: &'static str,
        key: &str,
        attempt: F,
        recheck: R,
    ) -> Result<T, SlackApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = ClientResult<T>>,
        R: Fn() -> RFut,
        RFut: Future<Output = Recheck<T>>,
    {
        let mut backoff = BASE_BACKOFF;
        let mut failures = 0;
        let mut rate_limited = Duration::ZERO;
        for n in 1.. {
            // While `key` is paced after a 429, this waits for our turn and
            // holds it until the answer is back.
            let turn = self.gates.enter(key).await;
            let started = Instant::now();
            let result = attempt().await;
            metrics::counter!(m::SLACK_CALLS, "method" => method).increment(1);
            metrics::histogram!(m::SLACK_LATENCY, "method" => method)
                .record(started.elapsed().as_secs_f64());
            let err = match result {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            metrics::counter!(m::SLACK_ERRORS, "method" => method).increment(1);
            let (wait, ambiguous) =
                match self.classify(method, key, n, &err, &mut backoff, &mut rate_limited) {
                    Next::AfterGate => continue,
                    Next::Backoff { wait, ambiguous } => (wait, ambiguous),
                    Next::Fail(e) => return Err(e),
                };
            let err = given_up(err);
            failures += 1;
            let last = failures == MAX_ATTEMPTS;
            drop(turn);
            if !last {
                tokio::time::sleep(wait).await;
            }
            // Even after the last attempt: a post Slack did make is a success.
            let verdict = if ambiguous {
                recheck().await
            } else {
                Recheck::Retry
            };
            match verdict {
                Recheck::Retry if !last => {}
                Recheck::Retry | Recheck::GiveUp => return Err(err),
                Recheck::Done(v) => {
                    tracing::info!(method, "Slack failed after doing the call; not repeated");
                    return Ok(v);
                }
            }
        }
        unreachable!("the loop returns on success, a final error or its last attempt")
    }

    fn classify(
        &self,
        method: &'static str,
        key: &str,
        n: u32,
        err: &SlackClientError,
        backoff: &mut Duration,
        rate_limited: &mut Duration,
    ) -> Next {
        match err {
            SlackClientError::RateLimitError(rl) => {
                metrics::counter!(m::SLACK_RATE_LIMITED, "method" => method).increment(1);
                let wait = rl.retry_after.unwrap_or(Duration::from_secs(1));
                *rate_limited += wait;
                if wait > MAX_RETRY_AFTER || *rate_limited > MAX_RATE_LIMITED {
                    return Next::Fail(SlackApiError::RateLimited { attempts: n });
                }
                tracing::info!(
                    method,
                    retry_after_ms = wait.as_millis() as u64,
                    "Slack rate limit: waiting as asked"
                );
                // The gate makes this call, and every other one to `key`, wait.
                self.gates.close(key, wait);
                Next::AfterGate
            }
            SlackClientError::ApiError(api) => Next::Fail(SlackApiError::Slack(api.code.clone())),
            SlackClientError::HttpError(h) if h.status_code.is_server_error() => {
                tracing::warn!(
                    method,
                    status = h.status_code.as_u16(),
                    attempt = n,
                    "Slack server error; retrying"
                );
                Next::Backoff {
                    wait: next_backoff(backoff),
                    ambiguous: true,
                }
            }
            SlackClientError::HttpError(h) => {
                Next::Fail(SlackApiError::Http(h.status_code.as_u16()))
            }
            SlackClientError::HttpProtocolError(e) => {
                tracing::warn!(method, error = %in_words(e), attempt = n, "Slack unreachable; retrying");
                Next::Backoff {
                    wait: next_backoff(backoff),
                    ambiguous: !never_sent(e),
                }
            }
            other => Next::Fail(SlackApiError::Transport(other.to_string())),
        }
    }
}

/// The error of a call that gives up after a retryable failure.
fn given_up(err: SlackClientError) -> SlackApiError {
    match err {
        SlackClientError::HttpError(h) => SlackApiError::Http(h.status_code.as_u16()),
        other => SlackApiError::Transport(other.to_string()),
    }
}

/// Whether the request never left: the connection to Slack could not be
/// made (refused, no route, DNS, TLS handshake). Anything else — a reset or a
/// timeout while waiting for the answer — may have reached Slack.
fn never_sent(e: &SlackClientHttpProtocolError) -> bool {
    e.cause
        .as_deref()
        .and_then(|c| c.downcast_ref::<hyper_util::client::legacy::Error>())
        .is_some_and(hyper_util::client::legacy::Error::is_connect)
}

/// A transport failure as people say it ("connection refused"): the I/O
/// error at the root of the cause chain, not slack-morphism's debug dump.
fn in_words(e: &SlackClientHttpProtocolError) -> String {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = e
        .cause
        .as_deref()
        .map(|c| c as &(dyn std::error::Error + 'static));
    let mut last = None;
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return crate::preflight::io_in_words(io);
        }
        last = Some(c);
        cause = c.source();
    }
    last.map_or_else(|| "no answer".to_string(), |c| c.to_string())
}

fn next_backoff(backoff: &mut Duration) -> Duration {
    let now = *backoff;
    *backoff = (*backoff * 2).min(Duration::from_secs(10));
    now
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Mutex;

    use slack_morphism::errors::SlackClientHttpError;

    use super::*;

    fn server_error() -> SlackClientError {
        SlackClientError::HttpError(SlackClientHttpError::new(
            hyper::StatusCode::INTERNAL_SERVER_ERROR,
        ))
    }

    /// What hyper returns when nothing listens on the port.
    async fn refused_connection() -> SlackClientError {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http::<String>();
        let uri = "http://127.0.0.1:1/api/chat.postMessage".parse().unwrap();
        let err = client
            .get(uri)
            .await
            .expect_err("nothing listens on port 1");
        assert!(err.is_connect(), "{err:?}");
        SlackClientError::HttpProtocolError(
            SlackClientHttpProtocolError::new().with_cause(Box::new(err)),
        )
    }

    #[tokio::test]
    async fn a_post_slack_made_before_failing_is_found_not_posted_again() {
        let attempts = AtomicU32::new(0);
        let result = Retrying::default()
            .run(
                "chat.postMessage",
                "k",
                || async {
                    attempts.fetch_add(1, Ordering::SeqCst);
                    Err::<u32, _>(server_error())
                },
                || async { Recheck::Done(7) },
            )
            .await;
        assert_eq!(result.ok(), Some(7));
        assert_eq!(
            attempts.load(Ordering::SeqCst),
            1,
            "found: not attempted again"
        );
    }

    #[tokio::test]
    async fn a_call_that_cannot_be_checked_is_not_retried_after_a_5xx() {
        let attempts = AtomicU32::new(0);
        let result = Retrying::default()
            .run(
                "views.open",
                "k",
                || async {
                    attempts.fetch_add(1, Ordering::SeqCst);
                    Err::<(), _>(server_error())
                },
                at_most_once,
            )
            .await;
        assert!(
            matches!(result, Err(SlackApiError::Http(500))),
            "{result:?}"
        );
        assert_eq!(attempts.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_refused_connection_is_retried_even_for_a_call_made_at_most_once() {
        let first = Mutex::new(Some(refused_connection().await));
        let attempts = AtomicU32::new(0);
        let result = Retrying::default()
            .run(
                "views.open",
                "k",
                || async {
                    attempts.fetch_add(1, Ordering::SeqCst);
                    match first.lock().unwrap().take() {
                        Some(refused) => Err(refused),
                        None => Ok(()),
                    }
                },
                at_most_once,
            )
            .await;
        assert!(result.is_ok(), "{result:?}");
        assert_eq!(
            attempts.load(Ordering::SeqCst),
            2,
            "nothing was sent: tried again"
        );
    }

    #[tokio::test]
    async fn an_idempotent_call_is_retried_after_a_5xx() {
        let attempts = AtomicU32::new(0);
        let result = Retrying::default()
            .run(
                "chat.update",
                "k",
                || async {
                    match attempts.fetch_add(1, Ordering::SeqCst) {
                        0 => Err(server_error()),
                        _ => Ok(()),
                    }
                },
                idempotent,
            )
            .await;
        assert!(result.is_ok(), "{result:?}");
        assert_eq!(attempts.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_transport_failure_is_logged_in_words_not_as_a_debug_dump() {
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "os error 111");
        let e = SlackClientHttpProtocolError {
            cause: Some(Box::new(refused)),
        };
        let words = in_words(&e);
        assert!(words.starts_with("connection refused"), "{words}");
        assert!(
            !words.contains("Some(") && !words.contains("kind:"),
            "{words}"
        );
    }
}
