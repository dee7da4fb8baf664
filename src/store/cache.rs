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

use std::hash::{Hash, Hasher, RandomState};
use std::sync::{Arc, Mutex};

use hashbrown::{Equivalent, HashMap};
use std::time::{Duration, Instant};

use crate::standup::Run;

/// How long a cached answer is trusted. Ages are measured on the monotonic
/// `Instant`, not the store's `Clock`: they bound staleness against writes
/// other replicas make in real time, and no row is stamped with them (a test's
/// manual clock standing still would otherwise keep entries forever).
pub const TTL: Duration = Duration::from_secs(1);
/// Past this many entries a map is emptied rather than grown.
const MAX_ENTRIES: usize = 10_000;

type Map<K, V> = HashMap<K, (V, Instant), RandomState>;

struct Timed<K, V>(Mutex<Map<K, V>>);

/// A key of `&str` fields, looked up without building the owned key: it
/// hashes as the tuple of `String`s it stands for (a `String` hashes as its
/// `str`), and compares field by field.
#[derive(Clone, Copy)]
struct Borrowed<'a, const N: usize>([&'a str; N]);

impl<const N: usize> Hash for Borrowed<'_, N> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.iter().for_each(|field| field.hash(state));
    }
}

impl Equivalent<(String, String)> for Borrowed<'_, 2> {
    fn equivalent(&self, key: &(String, String)) -> bool {
        self.0 == [key.0.as_str(), key.1.as_str()]
    }
}

impl Equivalent<(String, String, String)> for Borrowed<'_, 3> {
    fn equivalent(&self, key: &(String, String, String)) -> bool {
        self.0 == [key.0.as_str(), key.1.as_str(), key.2.as_str()]
    }
}

impl<K: Eq + Hash, V: Clone> Timed<K, V> {
    fn new() -> Self {
        Timed(Mutex::new(HashMap::with_hasher(RandomState::new())))
    }

    fn map(&self) -> std::sync::MutexGuard<'_, Map<K, V>> {
        // Plain values: a panic elsewhere cannot leave them half-written.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get<Q: Hash + Equivalent<K>>(&self, k: &Q) -> Option<V> {
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
        self.digests.get(&Borrowed([team, channel]))
    }

    pub(crate) fn set_digest(&self, team: &str, channel: &str, on: bool) {
        self.digests
            .put((team.to_string(), channel.to_string()), on);
    }

    pub(crate) fn forget_digest(&self, team: &str, channel: &str) {
        self.digests.map().remove(&Borrowed([team, channel]));
    }

    pub(crate) fn run(&self, team: &str, channel: &str, thread: &str) -> Option<Option<Arc<Run>>> {
        self.runs.get(&Borrowed([team, channel, thread]))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_keys_find_what_owned_keys_stored() {
        let cache = ReadCache::default();
        cache.set_digest("T1", "C1", true);
        cache.set_digest("T1", "C2", false);
        assert_eq!(cache.digest("T1", "C1"), Some(true));
        assert_eq!(cache.digest("T1", "C2"), Some(false));
        // Fields are not run together: ("T1", "C1") is not ("T1C", "1").
        assert_eq!(cache.digest("T1C", "1"), None);
        cache.forget_digest("T1", "C1");
        assert_eq!(cache.digest("T1", "C1"), None);
        cache.set_run("T1", "C1", "1.0", None);
        assert_eq!(cache.run("T1", "C1", "1.0"), Some(None));
        assert_eq!(cache.run("T1", "C1", "1.1"), None);
    }
}
