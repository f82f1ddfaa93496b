//! Work on every core, results in the order of the inputs.
//!
//! [`for_each_ordered`] works on the items of an iterator on `jobs` threads, the calling
//! thread one of them, and gives each result to `write` on the calling thread, in the order
//! of the items. A thread takes an item only while fewer than `window` results are ahead of
//! the next one to write, so a slow item (a 10 MB report) holds the others back rather than
//! letting finished results pile up: memory stays `window` results whatever the number of
//! items.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How many results may be in flight (being worked on or waiting for their turn) per
/// worker: enough that a worker seldom waits for the writer, few enough to stay small.
pub const WINDOW_PER_JOB: usize = 16;

/// Runs `work` on every item of `items` on `jobs` threads (the calling thread works and
/// writes; `jobs - 1` more are started) and `write`s each result in the order of the items.
/// With one job, everything runs on the calling thread, one item after the other. Stops at
/// the first error `write` returns and returns it, once the workers have finished the items
/// they had begun.
pub fn for_each_ordered<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    jobs: usize,
    work: impl Fn(T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    if jobs <= 1 {
        for item in items {
            write(work(item))?;
        }
        return Ok(());
    }
    let window = jobs * WINDOW_PER_JOB;
    let shared = Shared {
        state: Mutex::new(State {
            items,
            next: 0,
            written: 0,
            ready: BTreeMap::new(),
            in_flight: 0,
            writer_waiting: false,
            workers_waiting: 0,
            exhausted: false,
            stopped: false,
            worker_panicked: false,
        }),
        result_ready: Condvar::new(),
        room: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 1..jobs {
            scope.spawn(|| shared.work(window, &work));
        }
        let outcome = shared.work_and_write_in_order(window, &work, &mut write);
        // Whatever the outcome, let the workers go: on an error they stop taking items.
        shared.lock().stopped = true;
        shared.room.notify_all();
        outcome
    })
}

struct Shared<I, R> {
    state: Mutex<State<I, R>>,
    /// Signalled when a worker has put the next result to write in `ready`, or stops.
    result_ready: Condvar,
    /// Signalled when the writer has taken a result (there is room in the window), or stopped.
    room: Condvar,
}

struct State<I, R> {
    items: I,
    /// The index of the next item to hand out.
    next: usize,
    /// The index of the next result to write.
    written: usize,
    /// Results done but not yet written, by index (fewer than the window).
    ready: BTreeMap<usize, R>,
    /// Items handed out whose result is not yet in `ready`.
    in_flight: usize,
    /// The writer waits for the next result, and how many workers wait for room: each is
    /// woken only when it has cause (a wake-up is a system call, and a thread switch when
    /// it was asleep, per result otherwise).
    writer_waiting: bool,
    workers_waiting: usize,
    /// The items have run out.
    exhausted: bool,
    /// The writer stopped (an error, or the end), or a worker panicked: take no more items.
    stopped: bool,
    /// A worker panicked (a bug): its result will never come, so the writer stops waiting,
    /// and the panic goes on when the scope joins the workers.
    worker_panicked: bool,
}

impl<I: Iterator, R> State<I, R> {
    /// The next item and its index, if the window has room for it and the batch goes on;
    /// marks the items exhausted when they run out.
    fn take(&mut self, window: usize) -> Option<(usize, I::Item)> {
        if self.stopped || self.exhausted || self.next >= self.written + window {
            return None;
        }
        let Some(item) = self.items.next() else {
            self.exhausted = true;
            return None;
        };
        let index = self.next;
        self.next += 1;
        self.in_flight += 1;
        Some((index, item))
    }
}

impl<I: Iterator, R> Shared<I, R> {
    /// A poisoned lock means a worker panicked; the panic ends the scope anyway, so the
    /// state is used as it is.
    fn lock(&self) -> MutexGuard<'_, State<I, R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Works on an item taken, outside the lock, and puts its result in `ready`: the lock
    /// is held again on return. A panic in `work` stops the batch ([`PanicGuard`]).
    fn work_on<'s>(
        &'s self,
        state: MutexGuard<'s, State<I, R>>,
        (index, item): (usize, I::Item),
        work: &impl Fn(I::Item) -> R,
    ) -> MutexGuard<'s, State<I, R>> {
        drop(state);
        let guard = PanicGuard(self);
        let result = work(item);
        std::mem::forget(guard);
        let mut state = self.lock();
        state.ready.insert(index, result);
        state.in_flight -= 1;
        state
    }

    /// A worker: takes the next item while the window has room and works on it, until the
    /// items run out or the batch stops.
    fn work(&self, window: usize, work: &impl Fn(I::Item) -> R) {
        let mut state = self.lock();
        loop {
            if let Some(taken) = state.take(window) {
                let index = taken.0;
                state = self.work_on(state, taken, work);
                // The writer waits for the next result in order only.
                if state.writer_waiting && index == state.written {
                    drop(state);
                    self.result_ready.notify_one();
                    state = self.lock();
                }
            } else if state.stopped || state.exhausted {
                // The writer may be waiting for the end.
                drop(state);
                self.result_ready.notify_one();
                return;
            } else {
                state.workers_waiting += 1;
                state = self.room.wait(state).unwrap_or_else(PoisonError::into_inner);
                state.workers_waiting -= 1;
            }
        }
    }

    /// The calling thread: writes each result in turn, outside the lock, as soon as it is
    /// there, and works on items itself while it is not (so `jobs` threads do the work, and
    /// no thread of its own for the writing is woken for each result).
    fn work_and_write_in_order<E>(
        &self,
        window: usize,
        work: &impl Fn(I::Item) -> R,
        write: &mut impl FnMut(R) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut state = self.lock();
        loop {
            let next = state.written;
            if let Some(result) = state.ready.remove(&next) {
                state.written += 1;
                let wake = state.workers_waiting > 0;
                drop(state);
                if wake {
                    self.room.notify_one();
                }
                write(result)?;
                state = self.lock();
            } else if (state.exhausted && state.in_flight == 0) || state.worker_panicked {
                return Ok(());
            } else if let Some(taken) = state.take(window) {
                state = self.work_on(state, taken, work);
            } else if !state.exhausted || state.in_flight > 0 {
                // The window is full, or the last items are still being worked on.
                state.writer_waiting = true;
                state = self.result_ready.wait(state).unwrap_or_else(PoisonError::into_inner);
                state.writer_waiting = false;
            }
        }
    }
}

/// Dropped only when a worker panics (it is forgotten otherwise): stops the batch and wakes
/// everyone waiting, so that nothing waits for the result that will not come.
struct PanicGuard<'a, I: Iterator, R>(&'a Shared<I, R>);

impl<I: Iterator, R> Drop for PanicGuard<'_, I, R> {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.stopped = true;
        state.worker_panicked = true;
        drop(state);
        self.0.result_ready.notify_all();
        self.0.room.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_the_order_of_the_items_whatever_the_jobs() {
        for jobs in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            // Early items take longest, so later ones finish first.
            let work = |i: usize| {
                std::thread::sleep(std::time::Duration::from_micros(((50 - i % 50) * 20) as u64));
                i * 10
            };
            let outcome: Result<(), ()> = for_each_ordered(0..500, jobs, work, |r| {
                seen.push(r);
                Ok(())
            });
            assert_eq!(outcome, Ok(()));
            assert_eq!(seen, (0..500).map(|i| i * 10).collect::<Vec<_>>(), "{jobs} jobs");
        }
    }

    #[test]
    fn no_more_than_the_window_is_in_flight() {
        let jobs = 4;
        let (taken, written) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let most_ahead = AtomicUsize::new(0);
        let work = |_: usize| {
            let ahead = taken.fetch_add(1, Ordering::SeqCst) + 1 - written.load(Ordering::SeqCst);
            most_ahead.fetch_max(ahead, Ordering::SeqCst);
        };
        let outcome: Result<(), ()> = for_each_ordered(0..2000, jobs, work, |()| {
            // A slow writer: the workers would run far ahead if they could.
            std::thread::sleep(std::time::Duration::from_micros(20));
            written.fetch_add(1, Ordering::SeqCst);
            Ok(())
        });
        assert_eq!(outcome, Ok(()));
        let most = most_ahead.load(Ordering::SeqCst);
        assert!(most <= jobs * WINDOW_PER_JOB + 1, "{most} results ahead of the writer");
    }

    #[test]
    fn a_panic_in_a_worker_is_a_panic_not_a_hang() {
        let outcome = std::panic::catch_unwind(|| {
            let work = |i: usize| {
                assert_ne!(i, 7, "a bug");
                i
            };
            let _: Result<(), ()> = for_each_ordered(0..100, 2, work, |_| Ok(()));
        });
        assert!(outcome.is_err());
    }

    /// The calling thread works too: a panic there stops the batch as well.
    #[test]
    fn a_panic_on_every_thread_is_a_panic_not_a_hang() {
        for jobs in [2, 3] {
            let outcome = std::panic::catch_unwind(|| {
                let work = |i: usize| -> usize { panic!("a bug at {i}") };
                let _: Result<(), ()> = for_each_ordered(0..100, jobs, work, |_| Ok(()));
            });
            assert!(outcome.is_err(), "{jobs} jobs");
        }
    }

    #[test]
    fn an_error_from_the_writer_stops_the_work() {
        let done = AtomicUsize::new(0);
        let work = |i: usize| {
            done.fetch_add(1, Ordering::SeqCst);
            i
        };
        let outcome = for_each_ordered(0..100_000, 2, work, |i| if i == 10 { Err("closed") } else { Ok(()) });
        assert_eq!(outcome, Err("closed"));
        assert!(done.load(Ordering::SeqCst) <= 11 + 2 * WINDOW_PER_JOB, "{}", done.load(Ordering::SeqCst));
    }
}
