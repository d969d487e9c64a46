//! A time budget per file: a deadline the long loops of every stage look at.
//!
//! Every path through the parser is linear in its input (the growth benchmark holds it), but a
//! batch runs over files nobody has looked at, and one shape nobody thought of must not hold
//! the batch up. [`Options::time_budget`](crate::Options::time_budget) sets a deadline for the
//! extraction and parse of one file, on the thread that reads it; the loops that can run long
//! (the lines of the layout stage, the blocks of the table readers, the paragraphs of the prose
//! reader, the nodes of a page, the pages of a PDF) ask [`passed`] and stop early once it is
//! true, and the file's parse ends with [`ErrorKind::TimedOut`](crate::ErrorKind::TimedOut): no
//! report made from a text read in part. An extractor of another crate (`ogi-pdf`) asks
//! [`passed`] in its own loops.
//!
//! ```
//! use ogi_core::{ErrorKind, Options};
//! use std::time::Duration;
//!
//! let options = Options::default().with_time_budget(Some(Duration::ZERO));
//! let err = ogi_core::parse_with("主动公开政府信息38954条。".as_bytes(), &options).unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::TimedOut { .. }));
//! assert_eq!(err.stage(), "limit");
//! // Outside a parse there is no deadline.
//! assert!(!ogi_core::deadline::passed());
//! ```

use std::cell::Cell;
use std::time::{Duration, Instant};

/// How many calls of [`passed`] share one reading of the clock.
const CALLS_PER_READING: u32 = 64;

thread_local! {
    /// The deadline of the file this thread reads, if it has one.
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    /// Calls of [`passed`] since the clock was last read.
    static CALLS: Cell<u32> = const { Cell::new(0) };
    /// Whether the deadline was seen passed (it stays passed).
    static PASSED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the time budget of the file this thread is reading is spent. Cheap enough for a
/// loop over lines: the clock is read once in 64 calls, and once the deadline has passed it
/// stays passed. Always `false` outside a parse with a budget.
pub fn passed() -> bool {
    if PASSED.get() {
        return true;
    }
    let Some(deadline) = DEADLINE.get() else {
        return false;
    };
    let calls = CALLS.get();
    if calls > 0 {
        CALLS.set(calls - 1);
        return false;
    }
    CALLS.set(CALLS_PER_READING - 1);
    let passed = Instant::now() >= deadline;
    PASSED.set(passed);
    passed
}

/// Whether the time budget is spent, reading the clock now: for the end of a stage.
pub(crate) fn passed_now() -> bool {
    CALLS.set(0);
    passed()
}

/// The deadline of one file's parse on this thread, from its start to the guard's drop; the
/// thread's previous deadline (none, unless parses nest) comes back after.
pub(crate) struct Scope {
    previous: (Option<Instant>, bool),
}

impl Scope {
    /// Starts the budget: `None` is no deadline. A budget too long to add to the clock is none.
    pub(crate) fn start(budget: Option<Duration>) -> Self {
        let previous = (DEADLINE.get(), PASSED.get());
        let deadline = budget.and_then(|b| Instant::now().checked_add(b));
        DEADLINE.set(deadline);
        CALLS.set(0);
        PASSED.set(false);
        Self { previous }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        DEADLINE.set(self.previous.0);
        PASSED.set(self.previous.1);
        CALLS.set(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_deadline_outside_a_scope_and_after_it() {
        assert!(!passed());
        {
            let _scope = Scope::start(Some(Duration::ZERO));
            assert!(passed());
            assert!(passed(), "a passed deadline stays passed");
        }
        assert!(!passed());
    }

    #[test]
    fn a_long_budget_is_not_passed_and_an_absurd_one_is_none() {
        let _scope = Scope::start(Some(Duration::from_secs(3600)));
        assert!((0..1000).all(|_| !passed()));
        let _inner = Scope::start(Some(Duration::MAX));
        assert!(!passed());
    }

    #[test]
    fn nested_scopes_restore_the_outer_deadline() {
        let _outer = Scope::start(Some(Duration::ZERO));
        {
            let _inner = Scope::start(None);
            assert!(!passed());
        }
        assert!(passed());
    }
}
