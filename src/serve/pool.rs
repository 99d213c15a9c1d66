//! The server's checking threads: a fixed pool, one thread per core.
//!
//! Why not tokio's blocking pool: it starts a new thread whenever a task
//! arrives and no thread is idle at that instant, keeps up to
//! `max_blocking_threads` of them and lets them go after ten idle seconds.
//! The library keeps per-thread caches that make a check fast (the word
//! segmenter's steps through its dictionary, jieba's tags by window, the
//! person detection's candidate lists), each bounded per thread. Over a
//! changing number of threads they are rebuilt again and again and the
//! server's memory follows how many threads the blocking pool happens to
//! hold: the load test saw the resident size grow by a fifth over a second
//! round of the same requests. With a fixed pool the caches are warm after
//! the first requests and memory is bounded by cores × caches.
//!
//! Jobs are taken in arrival order (one FIFO channel all threads read), so
//! admitted requests still wait their turn as they did behind a semaphore
//! of one permit per core. A panicking job is caught on its thread: the
//! request gets an error, the thread goes on to the next job.

use std::panic::{AssertUnwindSafe, catch_unwind};

type Job = Box<dyn FnOnce() + Send>;

/// A fixed set of named threads running closures in arrival order.
pub struct CheckPool {
    jobs: crossbeam_channel::Sender<Job>,
}

/// The job panicked (its message went to the panic hook).
#[derive(Debug)]
pub struct Panicked;

impl CheckPool {
    /// Start `threads` threads (at least one), named `guifan-check-N`.
    pub fn new(threads: usize) -> std::io::Result<CheckPool> {
        let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
        for i in 0..threads.max(1) {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("guifan-check-{i}"))
                .spawn(move || {
                    for job in queue {
                        job();
                    }
                })?;
        }
        Ok(CheckPool { jobs })
    }

    /// Run `work` on one of the pool's threads and wait for its result
    /// without blocking the async runtime.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Panicked> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            // The receiver is gone when the request was dropped (its client
            // went away): the result is simply not wanted.
            let _ = tx.send(catch_unwind(AssertUnwindSafe(work)));
        });
        // The threads never end while the pool exists, so the channel is open.
        self.jobs.send(job).map_err(|_| Panicked)?;
        match rx.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) | Err(_) => Err(Panicked),
        }
    }

    /// Run `work` on the pool and forget it (warming caches at start).
    pub fn spawn(&self, work: impl FnOnce() + Send + 'static) {
        let _ = self.jobs.send(Box::new(move || {
            let _ = catch_unwind(AssertUnwindSafe(work));
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    }

    #[test]
    fn runs_on_a_fixed_set_of_named_threads() {
        let pool = CheckPool::new(2).unwrap();
        let names: std::collections::BTreeSet<String> = runtime().block_on(async {
            let mut names = std::collections::BTreeSet::new();
            for _ in 0..50 {
                let name = pool
                    .run(|| std::thread::current().name().unwrap().to_owned())
                    .await
                    .unwrap();
                names.insert(name);
            }
            names
        });
        assert!(!names.is_empty() && names.len() <= 2, "{names:?}");
        assert!(names.iter().all(|n| n.starts_with("guifan-check-")));
    }

    #[test]
    fn a_panic_is_an_error_and_the_thread_goes_on() {
        let pool = CheckPool::new(1).unwrap();
        let rt = runtime();
        let failed = rt.block_on(pool.run(|| -> u32 { panic!("injected") }));
        assert!(failed.is_err());
        assert_eq!(rt.block_on(pool.run(|| 7)).unwrap(), 7);
    }
}
