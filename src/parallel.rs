//! Running CPU-bound work (decryption, encryption, hashing, redaction) on every core, keeping
//! the order of the results. Two shapes: [`map`] for many small items (split into one chunk per
//! core), [`map_each`] for a few big ones (each thread takes the next item when it is done).

/// Maps `f` over `items` on all cores however few they are (each item is a big piece of work,
/// like an index segment), keeping order. Threads take the next item as they finish, so that
/// items of uneven sizes still share the cores.
pub(crate) fn map_each<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
        .min(items.len());
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    let count = items.len();
    let queue = std::sync::Mutex::new(items.into_iter().enumerate());
    let f = &f;
    let queue = &queue;
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                        let Some((i, item)) = next else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    });
    debug_assert_eq!(results.len(), count);
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Maps `f` over `items` on all cores (decryption, encryption, redaction are CPU-bound),
/// keeping order. The items are cut into many small chunks per core that threads take as they
/// finish, so that items of uneven cost (records with long and short texts) still share the
/// cores to the end.
pub(crate) fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    if threads <= 1 || items.len() < 64 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads * CHUNKS_PER_THREAD);
    let mut chunks: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(items.by_ref().take(chunk).collect());
    }
    let f = &f;
    map_each(chunks, |chunk| chunk.into_iter().map(f).collect::<Vec<R>>())
        .into_iter()
        .flatten()
        .collect()
}

/// Chunks per thread in [`map`]: enough that a thread finishing early finds work left, few
/// enough that taking a chunk costs nothing next to processing it. With 8, one thread of a
/// 10,000-record export on 2 cores sat idle for up to 59 ms at the end, waiting for the other
/// to finish a chunk of 625 records; with 64 the wait was 4-6 ms.
const CHUNKS_PER_THREAD: usize = 64;
