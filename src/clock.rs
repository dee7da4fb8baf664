//! The time the domain runs on. Production reads the system clock; tests
//! hold a manual clock and move it, so a DST change or a close three hours
//! later is a line of test code, not a wait.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[derive(Clone, Default, Debug)]
pub struct Clock {
    manual: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { manual: None }
    }

    /// A clock that stands at `epoch_secs` until moved.
    pub fn manual(epoch_secs: i64) -> Clock {
        Clock {
            manual: Some(Arc::new(AtomicI64::new(epoch_secs))),
        }
    }

    /// Now, in epoch seconds.
    pub fn now(&self) -> i64 {
        match &self.manual {
            Some(t) => t.load(Ordering::SeqCst),
            None => jiff::Timestamp::now().as_second(),
        }
    }

    pub fn now_timestamp(&self) -> jiff::Timestamp {
        jiff::Timestamp::from_second(self.now()).unwrap_or_else(|_| jiff::Timestamp::now())
    }

    /// Moves a manual clock (a system clock cannot be moved: no-op).
    pub fn set(&self, epoch_secs: i64) {
        if let Some(t) = &self.manual {
            t.store(epoch_secs, Ordering::SeqCst);
        }
    }

    pub fn advance(&self, secs: i64) {
        if let Some(t) = &self.manual {
            t.fetch_add(secs, Ordering::SeqCst);
        }
    }
}
