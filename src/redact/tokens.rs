//! The redactor's view of a text: its words (from [`fold::words`], so that redaction and search
//! agree on what a word is), each with its byte range, its cross-script key and a few shape
//! flags, and how it is separated from the word before it; plus the regions of the text that are
//! already markers and must never be matched or redacted again.
//!
//! Owns: tokenisation, marker regions, sentence starts, and the unescaping of rendered output
//! (JSON, CSV, Markdown) for the final re-scan. Must not decide what is a name: that is
//! `names.rs` and `unlisted.rs`.
//!
//! Why keys are computed once per token: `fold::key` is the expensive step (a few hundred ns per
//! word); every matcher then compares precomputed keys.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

use super::pieces;
use crate::search::fold;

/// The first letter is uppercase and the word is not an acronym.
pub(crate) const CAP: u8 = 1;
/// Two or more letters, the first two uppercase (`KGB`, `ГУБОПиК`, `BITU`).
pub(crate) const ACRONYM: u8 = 2;
/// A single uppercase letter (an initial, or a one-letter word at a sentence start).
pub(crate) const INITIAL: u8 = 4;
/// Directly followed by `.`.
pub(crate) const DOT: u8 = 8;
/// The first word of the text, of a line or of a sentence.
pub(crate) const SENTENCE: u8 = 16;
/// All letters lowercase.
pub(crate) const LOWER: u8 = 32;
/// Two or more letters, all uppercase (`PETRUK`, `КГБ`; not `ГУБОПиК`): a name in capitals,
/// as lists and court documents write surnames, or an acronym.
pub(crate) const CAPS: u8 = 64;

/// How a token is separated from the token before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Whitespace only, no line break (`Ivan Petruk`).
    Space,
    /// Whitespace and one hyphen (`Ткачук-Ладысева`).
    Hyphen,
    /// Whitespace and one full stop (`A. Dubovik`, `А.К.`).
    Dot,
    /// Anything else (commas, other punctuation, a marker, the start of the text).
    Other,
}

/// One word of a text.
#[derive(Clone)]
pub(crate) struct Token {
    /// Byte offset of the word.
    pub start: usize,
    /// Byte offset of the end of the name in the word: before an English possessive (`'s`).
    pub end: usize,
    /// Byte offset of the end of the whole word.
    pub word_end: usize,
    /// `fold::key` of the word without its possessive.
    pub key: Rc<str>,
    /// Stem and prefilter signatures of `key`, for comparing it with many needles.
    pub info: fold::KeyInfo,
    /// `CAP`, `ACRONYM`, ... flags.
    pub flags: u8,
    /// Separation from the previous token.
    pub gap: Gap,
    /// Length in bytes of that separation (0 for the first token).
    pub gap_len: usize,
}

impl Token {
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// The word (without its possessive).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The words of `text` outside `markers` (sorted, disjoint byte ranges), with keys and flags,
/// tokenised whole: the reference [`tokenize_pieces`] is tested against.
#[cfg(test)]
pub(crate) fn tokenize(text: &str, markers: &[(usize, usize)]) -> Vec<Token> {
    let mut words = Vec::new();
    words_of(text, 0, &mut words);
    let mut context = Context::new(text, markers);
    for t in words {
        context.push(t);
    }
    context.out
}

/// The words of `text` outside `markers` (sorted, disjoint byte ranges), with keys and flags.
/// The words of each piece of `text` between `"` and line breaks come from a bounded per-thread
/// cache: the final re-scan reads renderings made of the record's field values (tokenised when
/// the record's redactor was built) and of keys and labels that recur in every record. The
/// cache holds texts the exporting process holds in plaintext anyway, like the key cache.
///
/// Why it gives exactly what [`tokenize`] gives: no word crosses a `"` or a line break (neither
/// is a letter, digit, combining mark or joining character, see `fold::words`), and what
/// `words_of` computes of a word depends only on the word and the character after it (a full
/// stop, never a `"` or a line break); what depends on the text around a word (the sentence
/// start, the gap to the previous word, the markers) is computed by [`Context`] on the whole
/// text. A property test compares the two on arbitrary text.
pub(crate) fn tokenize_pieces(text: &str, markers: &[(usize, usize)]) -> Vec<Token> {
    thread_local! {
        static PIECES: RefCell<FxHashMap<String, Rc<[Token]>>> = RefCell::default();
    }
    let mut context = Context::new(text, markers);
    PIECES.with_borrow_mut(|cache| {
        for (at, piece) in pieces::split(text) {
            if pieces::wordless(piece) {
                continue;
            }
            let known = pieces::remember(cache, PIECE_CACHE, piece, || {
                let mut fresh = Vec::new();
                words_of(piece, 0, &mut fresh);
                Rc::<[Token]>::from(fresh)
            });
            for t in known.iter() {
                context.push(Token {
                    start: t.start + at,
                    end: t.end + at,
                    word_end: t.word_end + at,
                    ..t.clone()
                });
            }
        }
    });
    context.out
}

const PIECE_CACHE: usize = 1024;

/// The tokens of a text: shared with a cache, or its own.
pub(crate) enum Tokens {
    Shared(Rc<[Token]>),
    Own(Vec<Token>),
}

impl std::ops::Deref for Tokens {
    type Target = [Token];

    fn deref(&self) -> &[Token] {
        match self {
            Tokens::Shared(t) => t,
            Tokens::Own(t) => t,
        }
    }
}

/// [`tokenize_pieces`], with the tokens of short texts without markers (agencies, charges,
/// regions, tags, roles: the same few values in every record of an export) remembered whole,
/// per thread: what [`Context`] adds depends on the text alone when it has no markers.
pub(crate) fn tokenize_text(text: &str, markers: &[(usize, usize)]) -> Tokens {
    if !markers.is_empty() || text.len() > SHORT_TEXT {
        return Tokens::Own(tokenize_pieces(text, markers));
    }
    thread_local! {
        static SHORT: RefCell<FxHashMap<String, Rc<[Token]>>> = RefCell::default();
    }
    let known = SHORT.with_borrow_mut(|cache| {
        pieces::remember(cache, SHORT_TEXTS, text, || {
            Rc::from(tokenize_pieces(text, markers))
        })
    });
    Tokens::Shared(known)
}

/// Texts of at most this many bytes have their tokens remembered by [`tokenize_text`].
const SHORT_TEXT: usize = 64;
const SHORT_TEXTS: usize = 4096;

/// The words of `text` as tokens at `offset`, with what depends on the word alone: key, shape
/// flags and `DOT` (the gap and `SENTENCE` are left for [`Context`]).
fn words_of(text: &str, offset: usize, out: &mut Vec<Token>) {
    let base = text.as_ptr() as usize;
    let mut words = Vec::new();
    for w in fold::words(text) {
        // Glued words are split in hashtags only: in prose `MacArthur` is one word, and must
        // meet a listed `Macarthur`. Letters and digits are split everywhere (below).
        let start = w.as_ptr() as usize - base;
        if text[..start].ends_with('#') {
            word_parts(w, &mut words);
        } else {
            let first = words.len();
            split_at_capital_apostrophe(w, &mut words);
            // A name glued to a number is a name in prose too (`Левшук2022`, `Ivan1985`).
            if words[first..].iter().any(|p| has_digit_and_more(p)) {
                let parts: Vec<&str> = words.drain(first..).collect();
                for p in parts {
                    split_glued(p, &mut words, false);
                }
            }
        }
    }
    join_spaced_letters(text, &mut words);
    for w in words {
        let start = w.as_ptr() as usize - base;
        let word_end = start + w.len();
        let end = start + name_len(w);
        let (key, info) = cached_key(&text[start..end]);
        let mut flags = shape(&text[start..end]);
        if text[word_end..].starts_with('.') {
            flags |= DOT;
        }
        out.push(Token {
            start: start + offset,
            end: end + offset,
            word_end: word_end + offset,
            key,
            info,
            flags,
            gap: Gap::Other,
            gap_len: 0,
        });
    }
}

/// The words of a text outside `markers`, each with its sentence start and its gap to the word
/// before, taken one by one in order (from the whole text, or piece by piece).
struct Context<'a> {
    text: &'a str,
    markers: &'a [(usize, usize)],
    /// The first marker that does not end before the last word taken.
    m: usize,
    prev_end: usize,
    out: Vec<Token>,
}

impl<'a> Context<'a> {
    fn new(text: &'a str, markers: &'a [(usize, usize)]) -> Context<'a> {
        Context {
            text,
            markers,
            m: 0,
            prev_end: 0,
            // About one word in six bytes of testimony.
            out: Vec::with_capacity(text.len() / 6 + 1),
        }
    }

    fn push(&mut self, mut t: Token) {
        let markers = self.markers;
        while self.m < markers.len() && markers[self.m].1 <= t.start {
            self.m += 1;
        }
        if self.m < markers.len() && markers[self.m].0 < t.word_end {
            // Inside (or touching) a marker: never matched.
            return;
        }
        t.flags |= sentence_start(self.text, t.start, self.out.last(), self.prev_end);
        (t.gap, t.gap_len) = match self.out.last() {
            None => (Gap::Other, 0),
            Some(p) => {
                let gap = &self.text[p.word_end..t.start];
                (classify_gap(gap), gap.chars().count())
            }
        };
        self.prev_end = t.word_end;
        self.out.push(t);
    }
}

/// The parts of a word that are words of their own, appended to `parts`: split where an
/// apostrophe is followed by a capital letter ([`split_at_capital_apostrophe`]), then where
/// words were glued together ([`split_glued`]). Texts split words so in hashtags only (in
/// prose, only letters from digits); listed
/// names and phrases always, keeping each word whole too (`names.rs`), so that their words meet
/// the words of texts either way.
pub(crate) fn word_parts<'a>(word: &'a str, parts: &mut Vec<&'a str>) {
    let first = parts.len();
    split_at_capital_apostrophe(word, parts);
    if parts.len() == first + 1 && !needs_unglueing(parts[first]) {
        return; // the common case: one plain word
    }
    let pieces: Vec<&'a str> = parts.drain(first..).collect();
    for p in pieces {
        split_glued(p, parts, true);
    }
}

/// Whether [`split_glued`] may split `word`: it has a digit and something else, or a capital
/// after its first character. Asked for every word of every record's listed names and phrases
/// (and of hashtags), so ASCII and basic Cyrillic are tested on their UTF-8 bytes: U+0400 to
/// U+042F, the basic Cyrillic capitals, are `D0 80` to `D0 AF`; other scripts take the exact
/// test.
fn needs_unglueing(word: &str) -> bool {
    if has_digit_and_more(word) {
        return true;
    }
    let first = word.chars().next().map_or(0, char::len_utf8);
    let rest = &word[first..];
    let exact = || rest.chars().any(|c| case_of(c).0);
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            x if x.is_ascii_uppercase() => return true,
            x if x.is_ascii() => i += 1,
            0xD0 if b.get(i + 1).is_some_and(|&y| y < 0xB0) => return true,
            0xD0 => i += 2,
            // U+0440 to U+045F (lowercase); from U+0460 on, capitals and small letters alternate.
            0xD1 if b.get(i + 1).is_some_and(|&y| y < 0xA0) => i += 2,
            _ => return exact(),
        }
    }
    false
}

/// A name written letter by letter (`К р ы в а н о с а ў`, `P E T R U K`, for emphasis or to
/// slip past a filter) is one word: four single letters or more, one space between each, the
/// first a capital. `fold::key` ignores the spaces, so the word meets the listed name.
fn join_spaced_letters<'a>(text: &'a str, words: &mut Vec<&'a str>) {
    const MIN: usize = 4;
    let single = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(fold::alpha) && chars.next().is_none()
    };
    if words.len() < MIN || !words.iter().any(|w| single(w)) {
        return;
    }
    let base = text.as_ptr() as usize;
    let start = |w: &str| w.as_ptr() as usize - base;
    let one_space = |a: &str, b: &str| {
        let gap = &text[start(a) + a.len()..start(b)];
        let mut chars = gap.chars();
        chars.next().is_some_and(|c| c == ' ' || c == '\u{a0}') && chars.next().is_none()
    };
    let mut out: Vec<&'a str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j + 1 < words.len()
            && single(words[j])
            && single(words[j + 1])
            && one_space(words[j], words[j + 1])
        {
            j += 1;
        }
        let capital = words[i].chars().next().is_some_and(|c| case_of(c).0);
        if j + 1 - i >= MIN && capital {
            let end = start(words[j]) + words[j].len();
            out.push(&text[start(words[i])..end]);
            i = j + 1;
        } else {
            out.push(words[i]);
            i += 1;
        }
    }
    *words = out;
}

fn has_digit_and_more(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.iter().any(u8::is_ascii_digit) && !bytes.iter().all(u8::is_ascii_digit)
}

/// A word split where words were glued together, as in hashtags (`#FreeDyleuski`,
/// `#СвабодуДылеўскаму`, `#dyleuski2022`): between letters and digits, and, with `camel`, before
/// a capital letter that starts a lowercase word after at least two lowercase letters.
/// `McDonald`, `DeLuca`, `iPhone`, `ГУБОПиК` and `BelAZ` stay whole; `MacDonald` splits, in a
/// hashtag and in a listed name alike. Prose splits only letters from digits (`Левшук2022`).
fn split_glued<'a>(word: &'a str, parts: &mut Vec<&'a str>, camel: bool) {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut start = 0;
    for k in 1..chars.len() {
        let (at, c) = chars[k];
        let prev = chars[k - 1].1;
        let digit_edge = (c.is_ascii_digit() && prev.is_alphabetic())
            || (c.is_alphabetic() && prev.is_ascii_digit());
        let lower = |c: char| case_of(c).1;
        let camel_edge = camel
            && case_of(c).0
            && k >= 2
            && lower(prev)
            && lower(chars[k - 2].1)
            && chars.get(k + 1).is_some_and(|&(_, n)| lower(n));
        if digit_edge || camel_edge {
            parts.push(&word[start..at]);
            start = at;
        }
    }
    if start < word.len() {
        parts.push(&word[start..]);
    }
}

/// A word split where an apostrophe is followed by a capital letter (`Іван'Сяргей`, `O'Brien`):
/// two names glued by an apostrophe are two names, and a listed one must be found alone. An
/// apostrophe before a small letter stays inside the word (`сям'я`, `Дар'я`, `Ivan's`). Every
/// character that joins a word counts as an apostrophe here (also a backtick, a soft hyphen or
/// a zero-width space): a run of them before a capital splits the word before the whole run
/// (`Aliena's'`'Іван` is `Aliena's` and `Іван`). Appends the parts to `parts`.
fn split_at_capital_apostrophe<'a>(word: &'a str, parts: &mut Vec<&'a str>) {
    let is_apostrophe = fold::is_joiner;
    // Most words have no apostrophe: they are their only part.
    if !word.contains(is_apostrophe) {
        if !word.is_empty() {
            parts.push(word);
        }
        return;
    }
    let mut start = 0;
    // Where the current run of apostrophes began (`Ivan's''Іван` splits before the whole run).
    let mut run: Option<usize> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_apostrophe(c) {
            run = None;
            continue;
        }
        let run_start = *run.get_or_insert(i);
        if chars.peek().is_some_and(|&(_, n)| n.is_uppercase()) {
            if run_start > start {
                parts.push(&word[start..run_start]);
            }
            start = i + c.len_utf8();
        }
    }
    if start < word.len() {
        parts.push(&word[start..]);
    }
}

/// `fold::key` of a word, from a bounded per-thread cache: keying is the costliest step of
/// tokenising (a few hundred ns per word) and most words of testimonies (prepositions, act
/// words, agencies, places) recur from record to record of one export. `names.rs` keys the
/// words of listed names and phrases through it too.
///
/// Why this is acceptable: a key is a pure function of the word; the cache holds words and
/// keys of texts the exporting process holds in plaintext anyway, is per thread, and is emptied
/// when it reaches `KEY_CACHE` entries.
pub(crate) fn cached_key(word: &str) -> (Rc<str>, fold::KeyInfo) {
    thread_local! {
        static CACHE: RefCell<FxHashMap<String, (Rc<str>, fold::KeyInfo)>> =
            RefCell::default();
    }
    CACHE.with_borrow_mut(|cache| {
        pieces::remember(cache, KEY_CACHE, word, || {
            let k = match unmixed(word) {
                Some(one_script) => fold::key(&one_script),
                None => fold::key(word),
            };
            let info = fold::KeyInfo::of(&k);
            (Rc::from(k), info)
        })
    })
}

const KEY_CACHE: usize = 16_384;

/// A word written in two scripts at once, with its letters of the other script that look like
/// letters of its own written as those (`Hавумчыка` with a Latin `H`, typed on the wrong
/// keyboard layout or read by OCR, is `Навумчыка`): the script of most of its letters is its
/// own. `None` for a word of one script, which is most words.
fn unmixed(word: &str) -> Option<String> {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for c in word.chars() {
        match c {
            'A'..='Z' | 'a'..='z' => latin += 1,
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            _ => {}
        }
    }
    if cyrillic == 0 || latin == 0 {
        return None;
    }
    let to_cyrillic = cyrillic >= latin;
    Some(
        word.chars()
            .map(|c| {
                LOOKALIKES
                    .iter()
                    .find(|&&(l, k)| if to_cyrillic { c == l } else { c == k })
                    .map_or(c, |&(l, k)| if to_cyrillic { k } else { l })
            })
            .collect(),
    )
}

/// The Cyrillic letter the Latin letter `c` looks like, if any (`H` for `Н`, `i` for `і`).
pub(crate) fn cyrillic_lookalike(c: char) -> Option<char> {
    LOOKALIKES.iter().find(|&&(l, _)| l == c).map(|&(_, k)| k)
}

/// Latin letters and the Cyrillic letters they look like.
const LOOKALIKES: &[(char, char)] = &[
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('I', 'І'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('Y', 'У'),
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('i', 'і'),
    ('k', 'к'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
];

/// The length of a word without its English possessives (`Dubovik's`, `Dubovik’s`, also
/// repeated: `Dubovik's's`).
pub(crate) fn name_len(w: &str) -> usize {
    let mut len = w.len();
    loop {
        let mut it = w[..len].char_indices().rev();
        match (it.next(), it.next()) {
            (Some((_, 's' | 'S')), Some((i, '\'' | '\u{2019}' | '\u{02BC}'))) if i > 0 => len = i,
            _ => return len,
        }
    }
}

fn shape(word: &str) -> u8 {
    // One pass: the first two letters, whether any letter is uppercase, the letter count.
    let (mut first, mut second, mut upper, mut count) = (None, None, false, 0usize);
    let (mut lower, mut letters) = (false, 0usize);
    for c in word.chars() {
        count += 1;
        let (is_upper, is_lower) = case_of(c);
        if !(is_upper || is_lower || fold::alpha(c)) {
            continue;
        }
        letters += 1;
        upper |= is_upper;
        lower |= is_lower;
        match (first, second) {
            (None, _) => first = Some(is_upper),
            (Some(_), None) => second = Some(is_upper),
            _ => {}
        }
    }
    let Some(first_upper) = first else {
        return 0;
    };
    let mut flags = if upper { 0 } else { LOWER };
    if upper && !lower && letters >= 2 {
        flags |= CAPS;
    }
    if first_upper {
        match second {
            None if count == 1 => flags |= INITIAL,
            Some(true) => flags |= ACRONYM,
            _ => flags |= CAP,
        }
    }
    flags
}

/// `(c.is_uppercase(), c.is_lowercase())`, at once for ASCII and the Cyrillic block's basic
/// letters (U+0400 to U+045F), where the standard library searches its case tables.
fn case_of(c: char) -> (bool, bool) {
    match c {
        'A'..='Z' | '\u{0400}'..='\u{042F}' => (true, false),
        'a'..='z' | '\u{0430}'..='\u{045F}' => (false, true),
        _ if c.is_ascii() => (false, false),
        _ => (c.is_uppercase(), c.is_lowercase()),
    }
}

/// `SENTENCE` if the word at `start` begins a text, a line or a sentence: only whitespace and
/// opening punctuation since a line break, the start, or a `.` `!` `?` `…` that does not close
/// an initial (a full stop after the previous word, a single capital, with at most spaces and
/// invisible characters between). A full stop after a marker ends a sentence: the marker stands
/// for the words it replaced, so that a second pass over redacted text sees the sentences the
/// first pass saw.
fn sentence_start(text: &str, start: usize, prev: Option<&Token>, prev_end: usize) -> u8 {
    let from = prev_end.min(start);
    for (i, c) in text[from..start].char_indices().rev() {
        match c {
            '\n' | '\r' => return SENTENCE,
            '!' | '?' | '…' => return SENTENCE,
            '.' => {
                // Right after the initial, or with only spaces and invisible characters between
                // (`A\u{200B}.`, `A .`): a marker or a word between ends the sentence.
                let closes_initial = prev.is_some_and(|t| t.has(INITIAL))
                    && text.get(prev_end..from + i).is_some_and(|between| {
                        between
                            .chars()
                            .all(|c| c.is_whitespace() || is_invisible(c))
                    });
                return if closes_initial { 0 } else { SENTENCE };
            }
            c if c.is_whitespace() => {}
            '«' | '"' | '„' | '“' | '(' | '\'' | '‘' | '*' | '_' | '—' | '–' | '-' | '[' =>
                {}
            _ => return 0,
        }
    }
    if prev.is_none() { SENTENCE } else { 0 }
}

fn classify_gap(gap: &str) -> Gap {
    // Words glued in a hashtag (`#FreeMaria`) are not a name and its partner.
    if gap.is_empty() {
        return Gap::Other;
    }
    let mut newlines = 0;
    let mut dots = 0;
    let mut hyphens = 0;
    for c in gap.chars() {
        match c {
            '\n' => newlines += 1,
            '.' => dots += 1,
            '-' | '\u{2010}' | '\u{2011}' => hyphens += 1,
            c if c.is_whitespace() || is_invisible(c) => {}
            _ => return Gap::Other,
        }
    }
    // A line break separates names: Markdown and CSV renderings put fields on lines of their
    // own, and the final re-scan must see the runs that redaction saw.
    match (newlines > 0, dots, hyphens) {
        (true, _, _) => Gap::Other,
        (false, 0, 0) => Gap::Space,
        (false, 1, 0) => Gap::Dot,
        (false, 0, 1) => Gap::Hyphen,
        _ => Gap::Other,
    }
}

/// Format characters that separate nothing visible (soft hyphen, zero-width space, ...).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Words of the generic markers the engine writes (`[PERSON 2]`, `[PERSON?]`, `[ID NUMBER]`).
const MARKER_WORDS: [&str; 11] = [
    "PERSON",
    "WITNESS",
    "PHONE",
    "EMAIL",
    "HANDLE",
    "ID NUMBER",
    "ADDRESS",
    "PLATE",
    "PLACE",
    "REDACTED",
    "PERSON?",
];

/// Entity markers to find in texts besides the engine's own (`[PERSON 2]`, a pseudonym), split
/// once per record: most begin with `[` and have no other `[`, so each occurrence starts at a
/// `[` of the text and none overlaps another; they are looked for at the brackets
/// [`markers`] visits anyway, where a search per marker would cross every `[` of a rendering
/// again. Any other marker (a pseudonym) is searched for.
#[derive(Debug, Default)]
pub(crate) struct Extra {
    bracketed: Vec<String>,
    other: Vec<String>,
}

impl Extra {
    /// `markers`, blank ones left out.
    pub(crate) fn new(markers: &[String]) -> Extra {
        let (bracketed, other) = markers
            .iter()
            .filter(|m| !m.trim().is_empty())
            .cloned()
            .partition(|m| m.starts_with('[') && !m[1..].contains('['));
        Extra { bracketed, other }
    }
}

/// The byte ranges of markers already in `text`: the engine's own (`[PERSON 2]`, `[PHONE]`,
/// ...) and every `extra` marker string (entity markers such as a pseudonym). Sorted, merged.
///
/// Why only known markers and not any `[CAPITALS]`: a name typed in capitals inside brackets
/// (`[IVANOU]`) must still be found.
pub(crate) fn markers(text: &str, extra: &Extra) -> Vec<(usize, usize)> {
    let Extra { bracketed, other } = extra;
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('[') {
        let s = i + off;
        i = s + 1;
        for m in bracketed {
            if text[s..].starts_with(m.as_str()) {
                out.push((s, s + m.len()));
            }
        }
        if let Some(end) = known_marker_at(text, s) {
            out.push((s, end));
            // A known marker holds no `[`: no bracket is skipped.
            i = end;
        }
    }
    for m in other {
        occurrences(text, m, |s| out.push((s, s + m.len())));
    }
    merge_ranges(out)
}

/// The end of the engine's own marker (`[PERSON 2]`, `[PHONE]`, ...) that starts at the `[` at
/// `s`, if one does.
fn known_marker_at(text: &str, s: usize) -> Option<usize> {
    let close = text[s..].find(']').filter(|&c| c <= 24)?;
    let inner = &text[s + 1..s + close];
    let known = MARKER_WORDS.iter().any(|w| {
        inner.strip_prefix(w).is_some_and(|rest| {
            rest.is_empty()
                || rest
                    .strip_prefix(' ')
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    });
    known.then_some(s + close + 1)
}

/// Byte ranges sorted, and those that overlap or touch merged.
fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Calls `found` with the start of every occurrence of `needle` in `text`, leftmost first and
/// not overlapping: what `text.match_indices(needle)` yields (nothing for an empty needle).
///
/// Why not `match_indices`: it sets up a two-way searcher per call, which costs more than the
/// search itself on the short texts of a record, and `markers` runs it for every marker of the
/// record on every text; most texts do not even contain the marker's first byte.
fn occurrences(text: &str, needle: &str, mut found: impl FnMut(usize)) {
    let Some(first) = needle.chars().next() else {
        return;
    };
    let mut from = 0;
    // `find(char)` is a memchr; `from` stays on a char boundary.
    while let Some(off) = text[from..].find(first) {
        let s = from + off;
        if text[s..].starts_with(needle) {
            found(s);
            from = s + needle.len();
        } else {
            from = s + first.len_utf8();
        }
    }
}

/// `output` with the escapes of the export formats undone, if it has any: JSON string escapes
/// (`\"`, `\n`, `\u0416`, surrogate pairs), Markdown backslash escapes of punctuation, and CSV
/// doubled quotes. `None` if nothing changes. Lenient: a malformed escape is kept as written.
pub(crate) fn unescape(output: &str) -> Option<String> {
    if !output.contains('\\') && !output.contains("\"\"") {
        return None;
    }
    let mut out = String::with_capacity(output.len());
    let mut rest = output;
    // Both escape characters are ASCII: the text between them is copied whole.
    while let Some(k) = memchr::memchr2(b'\\', b'"', rest.as_bytes()) {
        out.push_str(&rest[..k]);
        let mut chars = rest[k + 1..].chars();
        let next = chars.clone().next();
        if rest.as_bytes()[k] == b'"' {
            if next == Some('"') {
                chars.next();
            }
            out.push('"');
            rest = chars.as_str();
            continue;
        }
        match next {
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some('t') => {
                chars.next();
                out.push('\t');
            }
            Some('r') => {
                chars.next();
                out.push('\r');
            }
            Some('b') | Some('f') => {
                chars.next();
                out.push(' ');
            }
            Some('u') => {
                chars.next();
                let hex: String = chars.clone().take(4).collect();
                match u32::from_str_radix(&hex, 16) {
                    Ok(code) if hex.len() == 4 => {
                        for _ in 0..4 {
                            chars.next();
                        }
                        out.push(decode_utf16(code, &mut chars));
                    }
                    _ => out.push_str("\\u"),
                }
            }
            Some(p) if p.is_ascii_punctuation() => {
                chars.next();
                out.push(p);
            }
            _ => out.push('\\'),
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    (out != output).then_some(out)
}

/// The character of a `\uXXXX` escape, reading the low half of a surrogate pair if one follows.
fn decode_utf16(code: u32, chars: &mut (impl Iterator<Item = char> + Clone)) -> char {
    if (0xD800..0xDC00).contains(&code) {
        let rest: String = chars.clone().take(6).collect();
        if let Some(low) = rest
            .strip_prefix("\\u")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .filter(|l| (0xDC00..0xE000).contains(l))
        {
            for _ in 0..6 {
                chars.next();
            }
            let c = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            return char::from_u32(c).unwrap_or(' ');
        }
    }
    char::from_u32(code).unwrap_or(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of every token, for comparing two tokenisations.
    fn fields(tokens: &[Token]) -> Vec<(usize, usize, usize, String, u8, Gap, usize)> {
        tokens
            .iter()
            .map(|t| {
                let key = t.key.to_string();
                (t.start, t.end, t.word_end, key, t.flags, t.gap, t.gap_len)
            })
            .collect()
    }

    /// `unescape` as it was written first, one character at a time: the reference the copying
    /// version is tested against.
    fn unescape_reference(output: &str) -> Option<String> {
        if !output.contains('\\') && !output.contains("\"\"") {
            return None;
        }
        let mut out = String::with_capacity(output.len());
        let mut chars = output.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '"' && chars.peek() == Some(&'"') {
                chars.next();
                out.push('"');
                continue;
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.peek().copied() {
                Some('n') => {
                    chars.next();
                    out.push('\n');
                }
                Some('t') => {
                    chars.next();
                    out.push('\t');
                }
                Some('r') => {
                    chars.next();
                    out.push('\r');
                }
                Some('b') | Some('f') => {
                    chars.next();
                    out.push(' ');
                }
                Some('u') => {
                    chars.next();
                    let hex: String = chars.clone().take(4).collect();
                    match u32::from_str_radix(&hex, 16) {
                        Ok(code) if hex.len() == 4 => {
                            for _ in 0..4 {
                                chars.next();
                            }
                            out.push(decode_utf16(code, &mut chars));
                        }
                        _ => out.push_str("\\u"),
                    }
                }
                Some(p) if p.is_ascii_punctuation() => {
                    chars.next();
                    out.push(p);
                }
                _ => out.push('\\'),
            }
        }
        (out != output).then_some(out)
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config())]

        /// Entity markers found at the brackets are those a search for each finds.
        #[test]
        fn markers_found_at_brackets_are_those_searched_for(
            text in "([a-z \\[\\]]|\\[PERSON 1\\]|\\[PLACE\\]|\\[x\\[x|Worker B-1){0,30}"
        ) {
            let extra: Vec<String> = ["[PERSON 1]", "[x[x", "[PLACE]", "Worker B-1", "[x", " "]
                .map(String::from)
                .to_vec();
            let mut reference = Vec::new();
            let mut i = 0;
            while let Some(off) = text[i..].find('[') {
                let s = i + off;
                i = known_marker_at(&text, s).unwrap_or(s + 1);
                if i > s + 1 {
                    reference.push((s, i));
                }
            }
            for m in extra.iter().filter(|m| !m.trim().is_empty()) {
                occurrences(&text, m, |s| reference.push((s, s + m.len())));
            }
            proptest::prop_assert_eq!(
                markers(&text, &Extra::new(&extra)),
                merge_ranges(reference)
            );
        }

        /// Unescaping copies the text between escapes whole, and undoes exactly what the
        /// character-by-character reference undoes.
        #[test]
        fn unescaping_is_the_references(
            text in "([a-zА-я \"\\\\*_\n]|\\\\u[0-9a-fA-F+]{0,4}|\\\\u[dD][89abAB][0-9a-f]{2}\\\\u[dD][c-fC-F][0-9a-f]{2}|\"\"){0,40}"
        ) {
            proptest::prop_assert_eq!(unescape(&text), unescape_reference(&text));
        }

        /// The re-scan's tokenising by pieces is exactly the tokenising of the whole text.
        #[test]
        fn tokenising_by_pieces_is_tokenising_the_whole(
            text in "([A-Za-zІіЎўА-Яа-я.,:\"'`\n\u{00AD}\u{200B}\u{0301} -]|\\[PERSON 1\\]|A\\. ){0,60}"
        ) {
            let markers = markers(&text, &Extra::new(&["[PERSON 1]".to_owned()]));
            // Twice: the second time from the cache.
            for _ in 0..2 {
                proptest::prop_assert_eq!(
                    fields(&tokenize_pieces(&text, &markers)),
                    fields(&tokenize(&text, &markers))
                );
                proptest::prop_assert_eq!(
                    fields(&tokenize_text(&text, &markers)),
                    fields(&tokenize(&text, &markers))
                );
            }
        }
    }

    #[test]
    fn glued_words_are_split_and_acronyms_kept() {
        fn parts(w: &str) -> Vec<&str> {
            let mut out = Vec::new();
            word_parts(w, &mut out);
            out
        }
        assert_eq!(parts("FreeDyleuski"), ["Free", "Dyleuski"]);
        assert_eq!(parts("СвабодуДылеўскаму"), ["Свабоду", "Дылеўскаму"]);
        assert_eq!(parts("dyleuski2022"), ["dyleuski", "2022"]);
        assert_eq!(parts("MacDonald"), ["Mac", "Donald"]);
        assert_eq!(parts("Іван'Сяргей"), ["Іван", "Сяргей"]);
        for whole in [
            "McDonald",
            "DeLuca",
            "iPhone",
            "ГУБОПиК",
            "BelAZ",
            "Дар'я",
            "Ivan's",
        ] {
            assert_eq!(parts(whole), [whole]);
        }
    }

    /// `markers` jumps past each known marker: sound only because none holds a `[` (a bracketed
    /// entity marker could otherwise start inside one and be missed).
    #[test]
    fn no_known_marker_holds_a_bracket() {
        for w in MARKER_WORDS {
            assert!(!w.contains('[') && !w.contains(']'), "{w}");
        }
    }

    #[test]
    fn the_quick_case_of_a_char_is_the_standard_librarys() {
        for c in ('\0'..='\u{0800}').chain(['\u{1E9E}', 'ǅ', 'ß', '\u{10400}']) {
            assert_eq!(case_of(c), (c.is_uppercase(), c.is_lowercase()), "{c:?}");
        }
    }

    #[test]
    fn a_full_stop_after_an_initial_with_invisible_characters_still_closes_it() {
        for text in [
            "видел. A. Hrybko",
            "видел. A\u{200B}. Hrybko",
            "видел. A . Hrybko",
        ] {
            let t = tokenize(text, &[]);
            assert!(!t[2].has(SENTENCE), "{text:?}");
        }
        let t = tokenize("A\n[X]. Hrybko", &[(2, 5)]);
        assert!(t[1].has(SENTENCE));
    }

    #[test]
    fn tokens_carry_shape_gaps_and_possessives() {
        let text = "Then A. Dubovik's KGB case, Ткачук-Ладысева.";
        let t = tokenize(text, &[]);
        let words: Vec<&str> = t.iter().map(|t| t.text(text)).collect();
        assert_eq!(
            words,
            ["Then", "A", "Dubovik", "KGB", "case", "Ткачук", "Ладысева"]
        );
        assert!(t[0].has(SENTENCE) && t[0].has(CAP));
        assert!(t[1].has(INITIAL) && t[1].has(DOT));
        assert_eq!(t[2].gap, Gap::Dot);
        assert!(
            !t[2].has(SENTENCE),
            "a full stop after an initial ends no sentence"
        );
        assert_eq!(&*t[2].key, fold::key("Dubovik"));
        assert!(t[3].has(ACRONYM) && !t[3].has(CAP));
        assert_eq!(t[4].gap, Gap::Space);
        assert!(t[4].has(LOWER));
        assert_eq!(t[5].gap, Gap::Other);
        assert_eq!(t[6].gap, Gap::Hyphen);
    }

    #[test]
    fn markers_are_skipped_and_only_known_ones() {
        let text = "[PERSON 2] met [IVANOU] and [PERSON?], Worker B-17 [ID NUMBER]";
        let m = markers(text, &Extra::new(&["Worker B-17".to_owned()]));
        let inside: Vec<&str> = m.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            inside,
            ["[PERSON 2]", "[PERSON?]", "Worker B-17", "[ID NUMBER]"]
        );
        let words: Vec<String> = tokenize(text, &m)
            .iter()
            .map(|t| t.text(text).to_owned())
            .collect();
        assert_eq!(words, ["met", "IVANOU", "and"]);
    }

    #[test]
    fn occurrences_are_those_of_match_indices() {
        for (text, needle) in [
            ("aaaa", "aa"),
            ("Worker B-17 met Worker B-17", "Worker B-17"),
            ("[PERSON 1][PERSON 1] [PERSON 1", "[PERSON 1]"),
            ("Іван Іван", "Іван"),
            ("abc", "abcd"),
            ("", "x"),
        ] {
            let mut found = Vec::new();
            occurrences(text, needle, |s| found.push(s));
            let expected: Vec<usize> = text.match_indices(needle).map(|(s, _)| s).collect();
            assert_eq!(found, expected, "{needle} in {text}");
        }
    }

    #[test]
    fn unescape_json_csv_markdown() {
        assert_eq!(unescape("plain"), None);
        assert_eq!(
            unescape(r#"a\nIvan \"x\" \u0416\ud83d\ude00 \[y\] ""q"""#).as_deref(),
            Some("a\nIvan \"x\" Ж😀 [y] \"q\"")
        );
    }
}
