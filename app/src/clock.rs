//! Nahbar's idea of "now". Real time by default. Tests and demos may start it at a fixed
//! instant (`nahbar serve --clock-start`), from where it runs on in real time, so a page
//! that depends on the weekday or the hour reads the same on every day a test runs, while
//! scheduled posts still fall due; tests may also move it forward (delivery back-off).

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Cloning shares the clock: moving one copy forward moves them all.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Milliseconds added to the system time.
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// The system time.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `at` now and runs on from there.
    pub fn starting_at(at: DateTime<Utc>) -> Clock {
        let clock = Clock::default();
        clock.offset_ms.store((at - Utc::now()).num_milliseconds(), Ordering::Relaxed);
        clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every copy of it) forward.
    pub fn advance(&self, by: Duration) {
        self.offset_ms.fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_started_at_an_instant_reads_that_instant_and_runs_on() {
        let at = DateTime::parse_from_rfc3339("2026-06-15T09:00:00+02:00")
            .expect("date")
            .with_timezone(&Utc);
        let clock = Clock::starting_at(at);
        let read = clock.now();
        assert!(read >= at && read - at < Duration::seconds(5), "{read}");
        let copy = clock.clone();
        copy.advance(Duration::hours(2));
        assert!(clock.now() - read >= Duration::hours(2), "copies share the clock");
    }

    #[test]
    fn the_system_clock_is_the_system_time() {
        assert!((Clock::system().now() - Utc::now()).num_seconds().abs() < 2);
    }
}
