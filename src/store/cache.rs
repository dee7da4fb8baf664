//! A one-second read cache for the two lookups every channel message makes
//! (is this channel's digest on? is this thread a standup run?). At a few
//! thousand events per second they were half of the database work on the
//! hot path (see BENCHMARKS.md).
//!
//! Writes in this process clear what they change at once; another replica's
//! change is seen within [`TTL`]. The worst case of that second is benign: a
//! message right after `/digest on` elsewhere is recovered by the digest's
//! gap backfill, and an answer right after a close elsewhere is stored
//! without its "late" mark.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::standup::Run;

/// How long a cached answer is trusted. Ages are measured on the monotonic
/// `Instant`, not the store's `Clock`: they bound staleness against writes
/// other replicas make in real time, and no row is stamped with them (a test's
/// manual clock standing still would otherwise keep entries forever).
pub const TTL: Duration = Duration::from_secs(1);
/// Past this many entries a map is emptied rather than grown.
const MAX_ENTRIES: usize = 10_000;

struct Timed<K, V>(Mutex<HashMap<K, (V, Instant)>>);

impl<K: Eq + Hash, V: Clone> Timed<K, V> {
    fn new() -> Self {
        Timed(Mutex::new(HashMap::new()))
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<K, (V, Instant)>> {
        // Plain values: a panic elsewhere cannot leave them half-written.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get(&self, k: &K) -> Option<V> {
        self.map()
            .get(k)
            .filter(|(_, at)| at.elapsed() < TTL)
            .map(|(v, _)| v.clone())
    }

    fn put(&self, k: K, v: V) {
        let mut map = self.map();
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(k, (v, Instant::now()));
    }
}

pub(crate) struct ReadCache {
    digests: Timed<(String, String), bool>,
    /// Shared, not cloned per hit: a run holds its questions and every
    /// expected member, and every thread reply looks its run up.
    runs: Timed<(String, String, String), Option<Arc<Run>>>,
}

impl Default for ReadCache {
    fn default() -> Self {
        ReadCache {
            digests: Timed::new(),
            runs: Timed::new(),
        }
    }
}

impl ReadCache {
    pub(crate) fn digest(&self, team: &str, channel: &str) -> Option<bool> {
        self.digests.get(&(team.to_string(), channel.to_string()))
    }

    pub(crate) fn set_digest(&self, team: &str, channel: &str, on: bool) {
        self.digests
            .put((team.to_string(), channel.to_string()), on);
    }

    pub(crate) fn forget_digest(&self, team: &str, channel: &str) {
        self.digests
            .map()
            .remove(&(team.to_string(), channel.to_string()));
    }

    pub(crate) fn run(&self, team: &str, channel: &str, thread: &str) -> Option<Option<Arc<Run>>> {
        self.runs
            .get(&(team.to_string(), channel.to_string(), thread.to_string()))
    }

    pub(crate) fn set_run(&self, team: &str, channel: &str, thread: &str, run: Option<Arc<Run>>) {
        self.runs.put(
            (team.to_string(), channel.to_string(), thread.to_string()),
            run,
        );
    }

    /// A run changed status or got its thread: forget every cached run.
    pub(crate) fn forget_runs(&self) {
        self.runs.map().clear();
    }
}
