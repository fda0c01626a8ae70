//! A parallel map whose results come out in input order as soon as they
//! can, with a bounded number of them held at any time.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// How many results per worker may wait for an earlier one to be written.
const WINDOW_PER_JOB: usize = 16;

/// Calls `work` on every item of `items` with `jobs` threads and hands the
/// results to `sink` in the order of `items`: each as soon as it and all
/// before it are done. Items are taken from the iterator one at a time, as
/// workers are free (reading the input overlaps with the work), and at most
/// `jobs * 16` results are held at once, whatever the number of items, so
/// memory stays bounded. The first error of `sink` stops the work and is
/// returned.
pub fn map_in_order<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    jobs: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let jobs = jobs.max(1);
    let window = jobs * WINDOW_PER_JOB;
    let items = Mutex::new(items.enumerate());
    let stop = AtomicBool::new(false);
    // How many results the sink has taken; workers wait while the item they
    // took is a window ahead of it.
    let written = Mutex::new(0usize);
    let advanced = Condvar::new();
    let (results, received) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let results = results.clone();
            let (items, stop, written, advanced, work) =
                (&items, &stop, &written, &advanced, &work);
            scope.spawn(move || {
                // Should `work` panic, the other workers must not wait for
                // the result it will never send.
                let _stop_on_panic = StopOnPanic(stop, advanced);
                loop {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Some((index, item)) = items.lock().expect("items lock").next() else {
                        break;
                    };
                    let mut taken = written.lock().expect("window lock");
                    while index >= *taken + window && !stop.load(Ordering::Relaxed) {
                        taken = advanced.wait(taken).expect("window lock");
                    }
                    drop(taken);
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    if results.send((index, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(results);
        let mut pending = BTreeMap::new();
        let mut outcome = Ok(());
        let mut expected = 0;
        for (index, result) in received.iter() {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&expected) {
                expected += 1;
                if outcome.is_ok() {
                    outcome = sink(result);
                }
            }
            if outcome.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            *written.lock().expect("window lock") = expected;
            advanced.notify_all();
        }
        outcome
    })
}

/// Stops the map and wakes the waiting workers when dropped by a panic.
struct StopOnPanic<'a>(&'a AtomicBool, &'a Condvar);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::Relaxed);
            self.1.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_jobs() {
        let items: Vec<u64> = (0..500).collect();
        for jobs in [1, 2, 7] {
            let mut out = Vec::new();
            let work = |i: u64| {
                // Uneven work, so that later items often finish first.
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 200));
                i * 2
            };
            map_in_order(items.iter().copied(), jobs, work, |r| {
                out.push(r);
                Ok::<(), ()>(())
            })
            .unwrap();
            assert_eq!(
                out,
                items.iter().map(|i| i * 2).collect::<Vec<_>>(),
                "{jobs}"
            );
        }
    }

    #[test]
    fn at_most_a_window_of_results_is_held() {
        let items: Vec<usize> = (0..400).collect();
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let work = |_: usize| {
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
        };
        map_in_order(items.iter().copied(), 3, work, |()| {
            // The sink is slow: results pile up unless the window holds them back.
            std::thread::sleep(std::time::Duration::from_micros(200));
            in_flight.fetch_sub(1, Ordering::SeqCst);
            Ok::<(), ()>(())
        })
        .unwrap();
        assert!(
            most.load(Ordering::SeqCst) <= 3 * WINDOW_PER_JOB + 3,
            "{most:?}"
        );
    }

    #[test]
    fn a_panic_in_the_work_is_a_panic_not_a_hang() {
        let items: Vec<usize> = (0..10_000).collect();
        let outcome = std::panic::catch_unwind(|| {
            map_in_order(
                items.iter().copied(),
                3,
                |i| assert!(i != 5, "item 5 is bad"),
                |()| Ok::<(), ()>(()),
            )
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn a_sink_error_stops_the_work() {
        let items: Vec<usize> = (0..10_000).collect();
        let done = AtomicUsize::new(0);
        let result = map_in_order(
            items.iter().copied(),
            2,
            |_| done.fetch_add(1, Ordering::SeqCst),
            |_| Err("disk full"),
        );
        assert_eq!(result, Err("disk full"));
        assert!(done.load(Ordering::SeqCst) < 1_000);
    }
}
