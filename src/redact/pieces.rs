//! What the engine's caches share: the pieces a text is cut into between `"` and line breaks
//! (no word crosses either, so words and their data can be computed piece by piece), and the
//! bounded per-thread memo every cache of the engine uses.
//!
//! Why per-thread caches of plaintext are acceptable: each holds what it computes from texts
//! the exporting process holds in plaintext anyway (words, keys, pieces of field values), only
//! in memory, for the process's lifetime at most, and is emptied when it reaches its limit.

use rustc_hash::FxHashMap;

/// The pieces of `text` between `"` and line breaks, each with its byte offset (empty pieces
/// included); the separator after a piece, if any, is the byte at its end.
pub(crate) fn split(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // Both are ASCII: a byte search finds exactly their characters.
    let ends = memchr::memchr2_iter(b'"', b'\n', text.as_bytes()).chain([text.len()]);
    let mut at = 0;
    ends.map(move |end| {
        let piece = (at, &text[at..end]);
        at = end + 1;
        piece
    })
}

/// Whether `piece` is ASCII punctuation and spaces only (`:`, `,`, `],` between the strings of
/// a JSON rendering): it has no word, since a word starts at a letter, digit or combining mark.
pub(crate) fn wordless(piece: &str) -> bool {
    piece
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
}

/// The value `cache` holds for `key`, or `compute`d and remembered; the cache is emptied first
/// when it holds `limit` entries.
pub(crate) fn remember<V: Clone>(
    cache: &mut FxHashMap<String, V>,
    limit: usize,
    key: &str,
    compute: impl FnOnce() -> V,
) -> V {
    if let Some(known) = cache.get(key) {
        return known.clone();
    }
    let value = compute();
    if cache.len() >= limit {
        cache.clear();
    }
    cache.insert(key.to_owned(), value.clone());
    value
}
