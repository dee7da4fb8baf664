//! Honouring a 429 for every caller, not just the one that got it.
//!
//! Slack's rate limits are per method (per channel for `chat.postMessage`),
//! and its `Retry-After` asks the *app* to wait. With many tasks calling the
//! same method at once (10,000 standups opening in the same minute), retrying
//! only the call that got the 429 lets the others keep hammering, and every
//! one of them gives up after a few 429s: measured in `examples/fanout.rs`
//! (see BENCHMARKS.md), that dropped 80 % of the parent messages.
//!
//! So a 429 closes a gate for its key until `Retry-After` has passed, and for
//! a while after that the key is *paced*: callers go through one at a time,
//! in arrival order (tokio's mutex is fair), each holding its turn until its
//! answer is back. A paced key therefore sends one call after another and at
//! most one 429 per window, instead of a burst. Keys that never saw a 429
//! have no gate and cost one map lookup.
//!
//! Slack counts its limits per workspace (per app token) and method, so the
//! gates are too: each workspace's client (`SlackWebClient`, one per
//! installation in multi-workspace mode, see `SlackWebClient::for_workspace`)
//! has its own [`Gates`], keyed by method (and channel for
//! `chat.postMessage`). A workspace that hits its limits waits alone; the
//! others keep their pace (`examples/fanout.rs --workspaces`, BENCHMARKS.md).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::OwnedMutexGuard;
use tokio::time::Instant;

/// How long a key stays paced after its gate reopens. Long enough to cover
/// the next few windows of a sustained burst, short enough that a single
/// 429 does not slow the bot down for long.
const PACED_FOR: Duration = Duration::from_secs(10);

#[derive(Default)]
pub(super) struct Gates {
    map: Mutex<HashMap<String, Arc<Gate>>>,
}

struct Gate {
    /// Held by the caller whose turn it is while the key is paced.
    turn: Arc<tokio::sync::Mutex<()>>,
    times: Mutex<Times>,
}

#[derive(Clone, Copy)]
struct Times {
    /// No call before this (the latest Retry-After).
    closed_until: Instant,
    /// One call at a time until this.
    paced_until: Instant,
}

/// The data behind these locks is two instants, valid whatever a panicking
/// holder was doing, so a poisoned lock is used as is.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Gate {
    fn times(&self) -> Times {
        *lock(&self.times)
    }
}

impl Gates {
    /// Waits for the caller's turn; the returned guard is held until the
    /// call's answer is back. `None`: the key is not paced, go ahead.
    pub(super) async fn enter(&self, key: &str) -> Option<OwnedMutexGuard<()>> {
        let gate = lock(&self.map).get(key).cloned()?;
        if gate.times().paced_until <= Instant::now() {
            return None;
        }
        let turn = gate.turn.clone().lock_owned().await;
        loop {
            let until = gate.times().closed_until;
            if until <= Instant::now() {
                return Some(turn);
            }
            tokio::time::sleep_until(until).await;
        }
    }

    /// A 429 for `key`: nobody calls it for `retry_after`, then one at a time.
    pub(super) fn close(&self, key: &str, retry_after: Duration) {
        let now = Instant::now();
        let mut map = lock(&self.map);
        // Forget keys that calmed down (callers still waiting hold their own Arc).
        map.retain(|_, g| g.times().paced_until > now);
        let gate = map.entry(key.to_string()).or_insert_with(|| {
            Arc::new(Gate {
                turn: Arc::new(tokio::sync::Mutex::new(())),
                times: Mutex::new(Times {
                    closed_until: now,
                    paced_until: now,
                }),
            })
        });
        let mut t = lock(&gate.times);
        t.closed_until = t.closed_until.max(now + retry_after);
        t.paced_until = t.paced_until.max(now + retry_after + PACED_FOR);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_key_without_a_429_is_never_held() {
        let gates = Gates::default();
        assert!(gates.enter("users.info").await.is_none());
    }

    #[tokio::test]
    async fn after_a_429_callers_wait_for_retry_after_then_go_one_at_a_time() {
        let gates = Arc::new(Gates::default());
        let start = Instant::now();
        gates.close("conversations.open", Duration::from_millis(200));
        let first = gates.enter("conversations.open").await;
        assert!(first.is_some());
        assert!(start.elapsed() >= Duration::from_millis(200));
        // A second caller waits while the first holds its turn.
        let g = gates.clone();
        let second = tokio::spawn(async move { g.enter("conversations.open").await.is_some() });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!second.is_finished());
        drop(first);
        assert!(second.await.unwrap());
        // Other methods are not affected.
        assert!(gates.enter("users.info").await.is_none());
    }
}
