//! Streaming normalization: an iterator adapter that normalizes a stream of
//! inputs on every core while holding only a few of them at a time.
//!
//! [`Normalizer::normalize_batch`] needs every input in memory and keeps
//! every result until the whole batch is done; a pipeline reading millions of
//! articles from a file or a socket cannot afford that. [`NormalizeStream`]
//! pulls inputs lazily, keeps at most [`NormalizeStream::in_flight`] of them
//! being normalized at once (on rayon's global pool with the `parallel`
//! feature, on the calling thread without it), and yields each input back
//! with its result, in input order, as soon as it and everything before it
//! are done. Peak memory is therefore bounded by the window, not by the
//! stream (see BENCHMARKS.md for the measured figures).

use std::collections::VecDeque;

use crate::{Article, Error, Normalizer};

/// What a [`NormalizeStream`] yields: the input, handed back so that ids or
/// paths travel with it, and what normalizing it gave.
pub type Normalized<T> = (T, Result<Article, Error>);

/// An input being normalized, or already done.
enum Pending<T> {
    /// Boxed: an `Article` is a few hundred bytes, a receiver two words.
    Done(Box<Normalized<T>>),
    #[cfg(feature = "parallel")]
    Running(std::sync::mpsc::Receiver<Normalized<T>>),
}

/// Iterator returned by [`Normalizer::normalize_stream`]: normalizes the
/// inputs of another iterator, several at once, and yields `(input, result)`
/// pairs in input order.
///
/// With the `parallel` feature (the default) up to
/// [`in_flight`](NormalizeStream::in_flight) inputs (by default twice the
/// number of threads in rayon's global pool: 4 on two cores) are normalized
/// at once on that pool. Called from inside a rayon worker thread, or without the feature,
/// it normalizes one input at a time on the calling thread, so it can never
/// wait on the pool it runs in.
///
/// # Examples
/// ```
/// /// A page with an id: its text is what gets normalized.
/// struct Page {
///     id: u32,
///     text: String,
/// }
/// impl AsRef<[u8]> for Page {
///     fn as_ref(&self) -> &[u8] {
///         self.text.as_bytes()
///     }
/// }
///
/// let pages = vec![
///     Page { id: 1, text: "First headline\n\nSome text.".into() },
///     Page { id: 2, text: String::new() },
///     Page { id: 3, text: "Second headline\n\nMore text.".into() },
/// ];
/// let normalizer = artnorm::Normalizer::default();
/// let mut seen = Vec::new();
/// for (page, result) in normalizer.normalize_stream(pages) {
///     seen.push((page.id, result.map(|article| article.title)));
/// }
/// assert_eq!(seen[0], (1, Ok(Some("First headline".to_owned()))));
/// assert_eq!(seen[1], (2, Err(artnorm::Error::EmptyInput)));
/// assert_eq!(seen[2].0, 3);
/// ```
pub struct NormalizeStream<I: Iterator> {
    normalizer: Normalizer,
    inputs: I,
    pending: VecDeque<Pending<I::Item>>,
    in_flight: usize,
}

impl<I> NormalizeStream<I>
where
    I: Iterator,
    I::Item: AsRef<[u8]> + Send + 'static,
{
    pub(crate) fn new(normalizer: Normalizer, inputs: I) -> Self {
        #[cfg(feature = "parallel")]
        // Two inputs a thread: a thread that finishes seldom finds the
        // window full behind a long article at its head, and so seldom
        // sleeps and is woken again (on two cores 4 beat 3 in 5 of 6
        // interleaved runs, medians 1.68x against 1.61x one core; 6 reached
        // 1.72-1.77x but held up to 10x the largest article), and the
        // window's memory stays near a few articles' (see BENCHMARKS.md).
        let in_flight = 2 * rayon::current_num_threads();
        #[cfg(not(feature = "parallel"))]
        let in_flight = 1;
        NormalizeStream {
            normalizer,
            inputs,
            pending: VecDeque::new(),
            in_flight: in_flight.max(1),
        }
    }

    /// Sets how many inputs may be normalized (or wait to be yielded) at
    /// once: more keeps every core busy when article sizes vary a lot, fewer
    /// holds less memory. At least 1; takes effect for inputs not yet pulled.
    ///
    /// # Examples
    /// ```
    /// let normalizer = artnorm::Normalizer::default();
    /// let texts = vec!["Headline\n\nText.".to_owned(); 10];
    /// let results: Vec<_> = normalizer.normalize_stream(texts).in_flight(3).collect();
    /// assert_eq!(results.len(), 10);
    /// ```
    #[must_use]
    pub fn in_flight(mut self, inputs: usize) -> Self {
        self.in_flight = inputs.max(1);
        self
    }

    /// Starts normalizing one input: on rayon's pool when that can help,
    /// else right here.
    fn start(&self, input: I::Item) -> Pending<I::Item> {
        #[cfg(feature = "parallel")]
        if self.in_flight > 1 && rayon::current_thread_index().is_none() {
            let (sender, receiver) = std::sync::mpsc::sync_channel(1);
            let normalizer = self.normalizer.clone();
            rayon::spawn(move || {
                // normalize_bytes does not panic by contract; if a bug made
                // it, the caller still gets this input back, with an error,
                // instead of the pool aborting the process.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    normalizer.normalize_bytes(input.as_ref())
                }))
                .unwrap_or_else(|_| Err(Error::Internal("normalization panicked".to_owned())));
                // The receiver is gone only if the stream was dropped.
                let _ = sender.send((input, result));
            });
            return Pending::Running(receiver);
        }
        let result = self.normalizer.normalize_bytes(input.as_ref());
        Pending::Done(Box::new((input, result)))
    }
}

impl<I> Iterator for NormalizeStream<I>
where
    I: Iterator,
    I::Item: AsRef<[u8]> + Send + 'static,
{
    type Item = Normalized<I::Item>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.pending.len() < self.in_flight {
            let Some(input) = self.inputs.next() else {
                break;
            };
            let started = self.start(input);
            self.pending.push_back(started);
        }
        match self.pending.pop_front()? {
            Pending::Done(done) => Some(*done),
            // A spawned job always sends (panics are caught); the channel
            // can only fail if rayon's pool lost the job, which it does not.
            #[cfg(feature = "parallel")]
            Pending::Running(receiver) => receiver.recv().ok(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (low, high) = self.inputs.size_hint();
        let queued = self.pending.len();
        (
            low.saturating_add(queued),
            high.and_then(|h| h.checked_add(queued)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                if i % 7 == 3 {
                    String::new()
                } else {
                    format!("Headline number {i}\n\nThe story of item {i} goes here.")
                }
            })
            .collect()
    }

    #[test]
    fn results_come_back_in_input_order_with_their_inputs() {
        let normalizer = Normalizer::default();
        for in_flight in [1, 2, 5, 64] {
            let out: Vec<_> = normalizer
                .normalize_stream(texts(40))
                .in_flight(in_flight)
                .collect();
            assert_eq!(out.len(), 40);
            for (i, (input, result)) in out.iter().enumerate() {
                assert_eq!(input, &texts(40)[i]);
                match result {
                    Ok(article) => {
                        assert_eq!(
                            article.title.as_deref(),
                            Some(&*format!("Headline number {i}"))
                        )
                    }
                    Err(e) => {
                        assert_eq!(i % 7, 3, "unexpected error for {i}: {e}");
                        assert_eq!(e, &Error::EmptyInput);
                    }
                }
            }
        }
    }

    #[test]
    fn the_stream_matches_the_batch() {
        let normalizer = Normalizer::default();
        let inputs = texts(25);
        let batch = normalizer.normalize_batch(&inputs);
        let streamed: Vec<_> = normalizer
            .normalize_stream(inputs.clone())
            .map(|(_, r)| r)
            .collect();
        assert_eq!(batch, streamed);
    }

    #[test]
    fn inputs_are_pulled_lazily() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let pulled = AtomicUsize::new(0);
        let inputs = (0..1000).map(|i| {
            pulled.fetch_add(1, Ordering::Relaxed);
            format!("Headline {i}\n\nText.")
        });
        let mut stream = Normalizer::default().normalize_stream(inputs).in_flight(4);
        assert!(stream.next().is_some());
        assert!(stream.next().is_some());
        // Two yielded, at most a window's worth more started.
        assert!(pulled.load(Ordering::Relaxed) <= 6, "{pulled:?}");
    }

    #[cfg(feature = "parallel")]
    #[test]
    fn inside_a_rayon_worker_it_runs_inline() {
        // On a one-thread pool, a stream that handed its inputs to the pool
        // and then waited for them would wait forever (this test hangs if
        // the inline rule goes): the only worker is the one waiting.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a one-thread pool");
        let titles: Vec<Option<String>> = pool.install(|| {
            Normalizer::default()
                .normalize_stream(texts(10))
                .in_flight(8)
                .filter_map(|(_, r)| r.ok().map(|a| a.title))
                .collect()
        });
        // Ten texts, one of them empty.
        assert_eq!(titles.len(), 9);
        assert_eq!(titles[0].as_deref(), Some("Headline number 0"));
    }
}
