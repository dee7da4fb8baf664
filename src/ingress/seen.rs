//! The event ids this process has stored, so that a redelivery is
//! acknowledged without a turn of the database writer.
//!
//! Slack redelivers an event it thinks was not acknowledged (up to three
//! times within minutes), and the harness of issue 16 sends 30 % of its
//! events twice. The inbox's unique key already makes a redelivery a no-op,
//! but finding that out cost a group-commit turn like a new event. An id
//! is remembered only once its inbox row is committed (stored now, or
//! found there by the insert), so answering "seen" from memory
//! acknowledges nothing that is not durable. The set is bounded: the oldest
//! ids are forgotten first, and a redelivery of a forgotten one goes to the
//! database as before. Each replica remembers its own; the database stays
//! the one that decides.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

/// How many ids are remembered: minutes of events at thousands per second,
/// about 2 MiB at most.
const CAPACITY: usize = 32_768;

#[derive(Default)]
pub struct SeenEvents(Mutex<Seen>);

#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    order: VecDeque<String>,
}

impl SeenEvents {
    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        // Plain values: a panic elsewhere cannot leave them half-written.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether the inbox row of `key` is known to be committed.
    pub fn contains(&self, key: &str) -> bool {
        self.seen().ids.contains(key)
    }

    /// Remembers that the inbox row of `key` is committed.
    pub fn insert(&self, key: &str) {
        let mut seen = self.seen();
        if seen.ids.contains(key) {
            return;
        }
        if seen.order.len() >= CAPACITY {
            if let Some(oldest) = seen.order.pop_front() {
                seen.ids.remove(&oldest);
            }
        }
        seen.ids.insert(key.to_string());
        seen.order.push_back(key.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_committed_ids_and_forgets_the_oldest_first() {
        let seen = SeenEvents::default();
        assert!(!seen.contains("event:Ev1"));
        seen.insert("event:Ev1");
        seen.insert("event:Ev1");
        assert!(seen.contains("event:Ev1"));
        for i in 0..CAPACITY {
            seen.insert(&format!("event:E{i}"));
        }
        assert!(!seen.contains("event:Ev1"), "the oldest id is forgotten");
        assert!(seen.contains("event:E0"));
        assert!(seen.contains(&format!("event:E{}", CAPACITY - 1)));
        assert_eq!(seen.seen().ids.len(), CAPACITY);
        assert_eq!(seen.seen().order.len(), CAPACITY);
    }
}
