//! Detectors for identifiers in free text (phones, e-mail, handles and profile links, passport
//! and personal ID numbers, vehicle plates, street addresses). Pure, no I/O, no regex: small
//! hand-written scanners over the text's characters. Every span is a byte range on char
//! boundaries; spans may overlap (the caller merges them). Nothing here can panic on any input.
//!
//! The balance: a missed identifier can put a person in prison, so every detector errs on the
//! side of removing; but testimony is full of ordinary numbers (dates, years, times, article
//! numbers of the Criminal Code, sentence lengths, colony numbers, money, case numbers,
//! percentages) that the ILO and the UN need, so each detector also demands a shape that ordinary
//! numbers do not have. Spacing is never trusted: spaces include non-breaking and thin spaces,
//! dashes include the Unicode hyphens and dashes (‐ ‑ ‒ – — ―, minus), and Cyrillic letters that
//! look like Latin ones (А В Е К М Н О Р С Т Х У І) count as those letters wherever letters are
//! part of an identifier's shape.
//!
//! - **Phone** ([`Kind::Phone`]): a run of digit groups separated by at most two spaces, one dash
//!   or one dot, with optional brackets around a group and an optional leading `+` (kept in the
//!   span, as are the brackets). Accepted when the digits have a phone's shape: `+` or `00` and a
//!   country code with its length (+375 and 375…: 12 digits, +7: 11, +48/+370/+1: 11, others
//!   9 to 13); Belarusian and Russian trunk forms `8 0xx …` / `8 (0xx) …` (11 digits starting
//!   with 8); `0xx …` (10 digits); `29 123 45 67` (9 digits after an operator code 25, 29, 33, 44
//!   or 17); `123-45-67` (3-2-2 with dashes); and, after a phone word (тэл., тел., tel., phone,
//!   телефон, моб., mobile, Viber, WhatsApp, контакт…), any 6 to 12 digits whose first group has
//!   at most three digits. Dates (19.04.2022, 2022-04-19) have eight digits and no phone shape,
//!   times use a colon, articles (361-1) and case numbers (1-123/2022) are too short.
//! - **Email** ([`Kind::Email`]): `local@domain.tld`, letters of any script in both parts
//!   (Cyrillic and IDN addresses), and the obfuscations `ivan [at] mail [dot] ru`,
//!   `ivan(at)mail.ru`, `ivan (собака) mail.ru`, `ivan @ tut . by`, `ivan at mail dot ru` (the
//!   spaced and bare-word forms only with a known top-level domain). A `local@word` without a
//!   domain is still removed as e-mail.
//! - **Handle** ([`Kind::Handle`]): `@username` (3+ letters, digits, `_` or `.`, not preceded by
//!   an e-mail local part); profile links on t.me, telegram.me, instagram.com, vk.com,
//!   facebook.com, fb.com, x.com, twitter.com, ok.ru, youtube.com, signal.me, wa.me, tiktok.com,
//!   linkedin.com and a few more, with or without scheme, `www.` or `m.`, also defanged or with
//!   spaced dots and slash (`t[.]me/x`, `t . me / x`), up to the end of the path; and a Latin
//!   username after a messenger word (Telegram, тг, Signal, instagram, VK, ник, username…):
//!   after a colon any username but common words, without one only a username with `_`, `.` or
//!   a digit (so "the Telegram channel" stays).
//! - **IdNumber** ([`Kind::IdNumber`]): Belarusian passports, two capital letters (Latin or
//!   Cyrillic) and seven digits with an optional space or dash (`MP1234567`, `КН 7654321`;
//!   lowercase only when written together); personal identification numbers, 7 digits, a letter,
//!   3 digits, 2 letters, a digit (`3140582A001PB1`, any case, Cyrillic lookalikes); Ukrainian
//!   passport booklets, two Cyrillic capitals and six digits (`КМ 123456`); personal numbers of
//!   the countries exiles live in (`neighbour_id`: PESEL, Lithuanian and Estonian codes by their
//!   check digit, Latvian codes and the Ukrainian register number by their date; not after a
//!   case or protocol word or `№`, unless after the number's own name: `справа № 20211500009`
//!   is a case); and after a
//!   passport word (паспарт, пашпарт, паспорт, passport, identification / ідэнтыфікацыйны /
//!   идентификационный / асабісты / личный номер) the first number within a few words that has
//!   at least six digits, with its series letters.
//! - **Plate** ([`Kind::Plate`]): Belarusian `1234 AB-7` / `1234AB7` / `1234 АВ-7` and
//!   `AB 1234-7`; Russian `А123ВС 77`, `А 123 ВС 777` (with spaces only when the region is
//!   there); Ukrainian `АА 1234 ВВ`; and after a plate or vehicle word (номер машины, нумарны
//!   знак, госномер, plate, registration, car…) any letters-and-digits plate (`ABC 123`, `WA
//!   12345`).
//! - **Address** ([`Kind::Address`]): a street word (вул., вуліца, ул., улица, пр., пр-т,
//!   праспект, пер., завулак, бул., бульвар, пл., плошча, площадь, тракт, шаша, шоссе,
//!   набярэжная, ul., ulica, al., str., prospekt; English street, st., avenue, ave., road, rd.,
//!   lane, blvd after the name) with a capitalised name of up to four words (including numbers
//!   such as "50 лет Октября", initials such as "К. Маркса", "імя"/"имени") before or after it,
//!   and the house number, building and flat that follow (`д. 12`, `12/3`, `12-45`, `12а`,
//!   `к. 2`, `корп. 1`, `кв. 45`, `дом 5`, `flat 3`, `apt. 5`), all in one span; English
//!   `12 Lenin Street` and `14 Nezalezhnasti Ave, apt 5` too. Before the street word a Cyrillic
//!   name must look like an adjective (Кальварыйская вуліца, Лагойскі тракт). Without a house
//!   number the capitalised name is enough. `St.` followed by a capital is a saint, not a street.
//!
//! Digits are digits in any script: the detectors see full-width forms, the decimal digits of
//! other scripts and mathematical digits as ASCII ([`ascii_form`], one char for one).
//!
//! Cost: one pass builds the chars and the folded words (byte offsets only for a non-ASCII text
//! with spans), piece by piece from a cache (see `Text::new`); word-triggered detectors skip at
//! once every word whose first two chars start no trigger word (`trigger_table`), so the whole
//! is linear (roughly 30 to 60 µs for 800 chars).

use rustc_hash::FxHashMap;
use std::cell::{OnceCell, RefCell};

use super::{Kind, Span, pieces};
use crate::search::fold::{alnum, alpha};

/// Appends every identifier found in `text` to `out` (byte ranges on char boundaries; spans may
/// overlap, the caller merges them).
pub fn find(text: &str, out: &mut Vec<Span>) {
    if text.is_empty() {
        return;
    }
    if text.len() > SHORT_TEXT {
        return find_in(text, out);
    }
    // Short field values (agencies, charges, regions, countries, roles, tags) recur from record
    // to record of one export: their spans are remembered, per thread. Why this is acceptable:
    // the spans are a pure function of the text; the cache holds texts the exporting process
    // holds in plaintext anyway, and is emptied when it reaches `SHORT_TEXTS` entries.
    thread_local! {
        static SEEN: RefCell<FxHashMap<String, std::rc::Rc<[Span]>>> = RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        let spans = pieces::remember(seen, SHORT_TEXTS, text, || {
            let mut spans = Vec::new();
            find_in(text, &mut spans);
            std::rc::Rc::from(spans)
        });
        out.extend_from_slice(&spans);
    });
}

/// Texts of at most this many bytes have their spans remembered by [`find`].
const SHORT_TEXT: usize = 64;
const SHORT_TEXTS: usize = 4096;

/// [`find`] without the cache.
fn find_in(text: &str, out: &mut Vec<Span>) {
    let t = Text::new(text);
    phones(&t, out);
    // Detectors that act only at a character or word the text may not have at all skip their
    // pass over it (each skips exactly when its loop would find nothing to start from).
    // The raw text first (cheap); then the chars the detectors see, where a full-width or
    // mathematical form may have become the character looked for.
    let has = |raw: char| text.contains(raw) || (t.mapped && t.c.contains(&raw));
    if has('@') {
        at_signs(&t, out);
    }
    if t.words.iter().any(|w| AT_WORDS.contains(&t.low(w))) {
        obfuscated_emails(&t, out);
    }
    if has('/') {
        links(&t, out);
    }
    messenger_handles(&t, out);
    id_numbers(&t, out);
    id_context(&t, out);
    cards_and_ibans(&t, out);
    plates(&t, out);
    plate_context(&t, out);
    addresses(&t, out);
    if text.bytes().any(|b| b.is_ascii_digit())
        || (t.mapped && t.c.iter().any(char::is_ascii_digit))
    {
        unmarked_streets(&t, out);
    }
}

/// The ASCII character `c` stands for, as the detectors see it: a full-width form (`０`-`９`,
/// `＋`, `＠`, `Ａ`, U+FF01-FF5E, what Chinese and Japanese keyboards type and what some
/// people use to slip a number past filters), a decimal digit of another script
/// (Arabic-Indic, Persian, Devanagari, Bengali, Thai, Myanmar...) or a mathematical digit
/// (`𝟘`, `𝟙`, bold, double-struck, sans-serif, monospace). Every other character is itself. One
/// character for one, so that char positions and byte offsets stay those of the text.
pub(crate) fn ascii_form(c: char) -> char {
    /// The zero of each block of ten decimal digits (Unicode category Nd) mapped here.
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0xFF10, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    ];
    let u = u32::from(c);
    if u < 0x0660 {
        return c;
    }
    if (0xFF01..=0xFF5E).contains(&u) {
        return char::from_u32(u - 0xFF01 + 0x21).unwrap_or(c);
    }
    match ZEROS.iter().find(|&&z| (z..z + 10).contains(&u)) {
        Some(&z) => char::from_u32(u - z + u32::from(b'0')).unwrap_or(c),
        None => c,
    }
}

// ---------------------------------------------------------------------------------------------
// Text access
// ---------------------------------------------------------------------------------------------

/// A word: letters and digits with inner hyphens and apostrophes, `s..e` in chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    s: usize,
    e: usize,
    /// The folded lowercase word in [`Text::lows`].
    ls: usize,
    le: usize,
    /// The trigger lists the word may be in (bits, see [`trigger_table`]).
    hot: u8,
}

/// Trigger list bits.
const MSG: u8 = 1;
const ID: u8 = 2;
const PLATE: u8 = 4;
const STREET: u8 = 8;

/// The trigger lists a folded word may be in, by its first two chars: a word of no list is
/// skipped at once (the lists would otherwise be searched for every word). A word matching a
/// list entry, exactly or by prefix, starts with the entry's first two chars, or, for an entry
/// of one char, with that char. Pairs are hashed to 16 bits: a collision only lets a word
/// through to the exact test. (Keyed by chars, not bytes: the first two bytes of a Cyrillic
/// word are its first letter, which let every word starting with `т`, `н` or `в` through.)
struct Triggers {
    /// By the first two chars of an entry of two or more.
    pairs: Vec<u8>,
    /// By the char of an entry of one char.
    singles: Vec<u8>,
}

fn pair_key(a: char, b: char) -> usize {
    let h = (u32::from(a).wrapping_mul(0x9E37_79B1) ^ u32::from(b)).wrapping_mul(0x85EB_CA6B);
    (h >> 16) as usize
}

fn trigger_table() -> &'static Triggers {
    static TABLE: std::sync::OnceLock<Triggers> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Triggers {
            pairs: vec![0u8; 1 << 16],
            singles: vec![0u8; 1 << 16],
        };
        for (word, bit) in trigger_lists() {
            let mut chars = word.chars();
            match (chars.next(), chars.next()) {
                (None, _) => {}
                (Some(one), None) => t.singles[pair_key(one, '\0')] |= bit,
                (Some(a), Some(b)) => t.pairs[pair_key(a, b)] |= bit,
            }
        }
        t
    })
}

/// Every entry of every trigger list, with its list's bit.
fn trigger_lists() -> impl Iterator<Item = (&'static str, u8)> {
    let street = STREET_PREFIXES.iter().map(|(p, _)| *p);
    let streets = STREET_EXACT
        .iter()
        .chain(STREET_PROEZD)
        .chain(STREET_EN)
        .chain(STREET_ABBR)
        .copied()
        .chain(street);
    MESSENGER_WORDS
        .iter()
        .map(|w| (*w, MSG))
        .chain(ID_WORDS.iter().chain(&["id"]).map(|w| (*w, ID)))
        .chain(PLATE_WORDS.iter().map(|w| (*w, PLATE)))
        .chain(streets.map(|w| (w, STREET)))
}

fn hot_bits(table: &Triggers, low: &str) -> u8 {
    let mut chars = low.chars();
    match (chars.next(), chars.next()) {
        (None, _) => 0,
        (Some(one), None) => table.singles[pair_key(one, '\0')],
        (Some(a), Some(b)) => table.pairs[pair_key(a, b)] | table.singles[pair_key(a, '\0')],
    }
}

/// The text as chars, and its words.
struct Text<'a> {
    s: &'a str,
    c: Vec<char>,
    /// The folded lowercase words, one after another.
    lows: String,
    /// Whether each char is alphanumeric (asked very often, slow for non-ASCII).
    an: Vec<bool>,
    /// Byte offset of each char, and the text's length at the end: made when the first span is
    /// pushed, and only for a text that is not all ASCII (most texts have no span).
    b: OnceCell<Vec<usize>>,
    words: Vec<Word>,
    /// Whether some char is seen as another (see [`ascii_form`]).
    mapped: bool,
}

/// What a [`Text`] holds of one piece of a text between `"` and line breaks.
struct Piece {
    c: Vec<char>,
    an: Vec<bool>,
    lows: String,
    words: Vec<Word>,
    mapped: bool,
}

/// Pieces kept by [`Text::new`], per thread.
const PIECES: usize = 1024;

/// The buffers of a dropped [`Text`], for the next one to fill (a record's texts are scanned one
/// after another, each needing the same four buffers).
#[derive(Default)]
struct Buffers {
    c: Vec<char>,
    an: Vec<bool>,
    lows: String,
    words: Vec<Word>,
}

thread_local! {
    /// At most [`SPARES`] sets of buffers, per thread.
    static SPARE: RefCell<Vec<Buffers>> = const { RefCell::new(Vec::new()) };
}
const SPARES: usize = 4;

impl Drop for Text<'_> {
    fn drop(&mut self) {
        if self.c.capacity() == 0 {
            return; // taken into a piece, or never filled
        }
        let mut buffers = Buffers {
            c: std::mem::take(&mut self.c),
            an: std::mem::take(&mut self.an),
            lows: std::mem::take(&mut self.lows),
            words: std::mem::take(&mut self.words),
        };
        buffers.c.clear();
        buffers.an.clear();
        buffers.lows.clear();
        buffers.words.clear();
        // `try_with`: a Text dropped while the thread's locals are torn down keeps its buffers.
        let _ = SPARE.try_with(|spare| {
            if let Ok(mut spare) = spare.try_borrow_mut()
                && spare.len() < SPARES
            {
                spare.push(buffers);
            }
        });
    }
}

impl Text<'_> {
    /// The text's chars and words, put together from those of its pieces between `"` and line
    /// breaks, which come from a bounded per-thread cache: the final re-scan reads a rendering
    /// made of the record's field values (seen when they were redacted) and of the keys and
    /// labels of every record. The cache holds pieces of texts the exporting process holds in
    /// plaintext anyway, like the redactor's other caches; they outlive their record until the
    /// process exits or the cache is emptied (at `PIECES` entries), and are never written.
    ///
    /// Why it gives exactly what [`Text::whole`] gives: no word crosses a `"` or a line break
    /// (neither is a letter or digit, nor a joiner inside a word), and what `whole` computes of
    /// a word (its end, its folded form, its trigger bits) depends on the word alone and on the
    /// characters right after it (a joiner continues a word only before a letter or digit),
    /// which a piece ends before. A property test compares the two.
    fn new(s: &str) -> Text<'_> {
        thread_local! {
            static CACHE: RefCell<FxHashMap<String, std::rc::Rc<Piece>>> = RefCell::default();
        }
        let spare = SPARE.with_borrow_mut(Vec::pop).unwrap_or_default();
        let mut t = Text {
            s,
            c: spare.c,
            lows: spare.lows,
            an: spare.an,
            b: OnceCell::new(),
            words: spare.words,
            mapped: false,
        };
        t.c.reserve(s.len());
        t.an.reserve(s.len());
        t.lows.reserve(s.len());
        CACHE.with_borrow_mut(|cache| {
            for (at, piece) in pieces::split(s) {
                if pieces::wordless(piece) {
                    t.c.extend(piece.bytes().map(char::from));
                    t.an.extend(std::iter::repeat_n(false, piece.len()));
                } else {
                    let p = pieces::remember(cache, PIECES, piece, || {
                        let mut w = Text::whole(piece);
                        std::rc::Rc::new(Piece {
                            c: std::mem::take(&mut w.c),
                            an: std::mem::take(&mut w.an),
                            lows: std::mem::take(&mut w.lows),
                            words: std::mem::take(&mut w.words),
                            mapped: w.mapped,
                        })
                    });
                    t.mapped |= p.mapped;
                    let (c0, l0) = (t.c.len(), t.lows.len());
                    t.c.extend_from_slice(&p.c);
                    t.an.extend_from_slice(&p.an);
                    t.lows.push_str(&p.lows);
                    t.words.extend(p.words.iter().map(|w| Word {
                        s: w.s + c0,
                        e: w.e + c0,
                        ls: w.ls + l0,
                        le: w.le + l0,
                        hot: w.hot,
                    }));
                }
                if let Some(&sep) = s.as_bytes().get(at + piece.len()) {
                    t.c.push(char::from(sep));
                    t.an.push(false);
                }
            }
        });
        t
    }

    /// The text's chars and words, computed on the whole text. Digits of other scripts and
    /// full-width forms are seen as their ASCII characters (see [`ascii_form`]).
    fn whole(s: &str) -> Text<'_> {
        let mut mapped = false;
        let c: Vec<char> = s
            .chars()
            .map(|c| {
                let seen = ascii_form(c);
                mapped |= seen != c;
                seen
            })
            .collect();
        let an = c.iter().map(|&c| alnum(c)).collect();
        let mut t = Text {
            s,
            c,
            lows: String::with_capacity(s.len()),
            an,
            b: OnceCell::new(),
            words: Vec::new(),
            mapped,
        };
        let mut i = 0;
        let mut words = Vec::new();
        let table = trigger_table();
        while i < t.len() {
            if t.an[i] {
                let e = t.word_end(i);
                let ls = t.lows.len();
                t.fold_into(i, e);
                let le = t.lows.len();
                words.push(Word {
                    s: i,
                    e,
                    ls,
                    le,
                    hot: hot_bits(table, &t.lows[ls..le]),
                });
                i = e;
            } else {
                i += 1;
            }
        }
        t.words = words;
        t
    }

    fn len(&self) -> usize {
        self.c.len()
    }

    fn at(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    fn prev(&self, i: usize) -> Option<char> {
        if i == 0 { None } else { self.at(i - 1) }
    }

    fn is(&self, i: usize, f: impl Fn(char) -> bool) -> bool {
        self.at(i).is_some_and(f)
    }

    fn is_digit(&self, i: usize) -> bool {
        self.is(i, |c| c.is_ascii_digit())
    }

    /// True when the char before `i` is not part of a word (or there is none).
    fn starts_word(&self, i: usize) -> bool {
        !(i > 0 && i <= self.len() && self.an[i - 1])
    }

    /// True when the char at `i` is not part of a word (or there is none).
    fn ends_word(&self, i: usize) -> bool {
        !self.an.get(i).copied().unwrap_or(false)
    }

    fn push(&self, out: &mut Vec<Span>, s: usize, e: usize, kind: Kind) {
        if s < e && e <= self.len() {
            out.push(Span {
                start: self.byte(s),
                end: self.byte(e),
                kind,
            });
        }
    }

    /// The byte offset of char `i` (`i <= len`).
    fn byte(&self, i: usize) -> usize {
        if self.s.len() == self.c.len() {
            return i; // all ASCII
        }
        let b = self.b.get_or_init(|| {
            let mut b: Vec<usize> = self.s.char_indices().map(|(i, _)| i).collect();
            b.push(self.s.len());
            b
        });
        b[i]
    }

    /// End of the word starting at `i`: letters and digits, with inner hyphens and apostrophes.
    fn word_end(&self, i: usize) -> usize {
        let mut k = i;
        while k < self.len() {
            let inner = matches!(self.c[k], '-' | '\'' | '’' | 'ʼ')
                && k > i
                && self.an.get(k + 1).copied().unwrap_or(false);
            if self.an[k] || inner {
                k += 1;
            } else {
                break;
            }
        }
        k
    }

    /// The folded lowercase form of a word.
    fn low(&self, w: &Word) -> &str {
        &self.lows[w.ls..w.le]
    }

    /// Appends the word `s..e` to `lows`, lowercase, with Latin lookalikes inside a Cyrillic word
    /// made Cyrillic.
    fn fold_into(&mut self, s: usize, e: usize) {
        let cs = &self.c[s..e];
        let cyr = cs.iter().any(|&c| is_cyrillic(c));
        let out = &mut self.lows;
        for &c in cs {
            if c.is_ascii() {
                let l = c.to_ascii_lowercase();
                out.push(if cyr { fold_latin(l) } else { l });
            } else if ('А'..='Я').contains(&c) {
                out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c));
            } else if ('Ѐ'..='Џ').contains(&c) {
                out.push(char::from_u32(u32::from(c) + 0x50).unwrap_or(c));
            } else if ('а'..='џ').contains(&c) {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }

    fn lower(&self, s: usize, e: usize) -> String {
        self.c[s..e].iter().flat_map(|c| c.to_lowercase()).collect()
    }

    /// Skips at most `max` horizontal spaces from `k`.
    fn skip_hspace(&self, k: usize, max: usize) -> usize {
        let mut j = k;
        while j < self.len() && j - k < max && is_hspace(self.c[j]) {
            j += 1;
        }
        j
    }

    /// Skips at most `max` horizontal spaces backwards from `k` (exclusive end).
    fn skip_hspace_back(&self, k: usize, max: usize) -> usize {
        let mut j = k;
        while j > 0 && k - j < max && is_hspace(self.c[j - 1]) {
            j -= 1;
        }
        j
    }

    /// Case-insensitive match of `pat` at `i`.
    fn matches_ci(&self, i: usize, pat: &str) -> bool {
        let mut k = i;
        for p in pat.chars() {
            match self.at(k) {
                Some(ch) if ch.to_lowercase().eq(p.to_lowercase()) => k += 1,
                _ => return false,
            }
        }
        true
    }

    /// Index in `words` of the first word starting at or after `i`.
    fn word_index_from(&self, i: usize) -> usize {
        self.words.partition_point(|w| w.s < i)
    }

    /// The word that ends exactly at `e`, if any.
    fn word_ending_at(&self, e: usize) -> Option<&Word> {
        let idx = self.words.partition_point(|w| w.e < e);
        self.words.get(idx).filter(|w| w.e == e)
    }

    /// Up to `n` words before `i`, nearest first, within `max` chars and the same line.
    fn words_before(&self, i: usize, n: usize, max: usize) -> impl Iterator<Item = &Word> {
        let idx = self.words.partition_point(|w| w.e <= i);
        let lim = i.saturating_sub(max);
        let line = self.c[lim.min(self.len())..i.min(self.len())]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(lim, |p| lim + p + 1);
        self.words[..idx]
            .iter()
            .rev()
            .take(n)
            .take_while(move |w| w.s >= lim && w.s >= line)
    }
}

/// A space within a line: ordinary, non-breaking, thin, zero-width, or a control character (a
/// backspace or bell pasted into a number shows as nothing, or as a box, between its groups).
fn is_hspace(c: char) -> bool {
    (c.is_whitespace() && c != '\n' && c != '\r' && c != '\u{2028}' && c != '\u{2029}')
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
        || (c.is_control() && c != '\n' && c != '\r')
}

/// The Cyrillic letter a lowercase Latin lookalike typed into a Cyrillic word stands for
/// (`вулiца` with a Latin `i`), so that word lists match.
fn fold_latin(c: char) -> char {
    super::tokens::cyrillic_lookalike(c).unwrap_or(c)
}

/// `low.starts_with(p)`, with a cheap first test (these lists are checked for every word).
fn has_prefix(low: &str, p: &str) -> bool {
    let (a, b) = (low.as_bytes(), p.as_bytes());
    a.len() >= b.len()
        && a.first() == b.first()
        && (b.len() < 2 || a[1] == b[1])
        && a.starts_with(b)
}

/// Any hyphen, dash or minus.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The Latin capital a letter stands for: Latin letters themselves and Cyrillic lookalikes.
fn latin(c: char) -> Option<char> {
    Some(match c {
        'A'..='Z' => c,
        'a'..='z' => c.to_ascii_uppercase(),
        'А' | 'а' => 'A',
        'В' | 'в' => 'B',
        'Е' | 'е' => 'E',
        'К' | 'к' => 'K',
        'М' | 'м' => 'M',
        'Н' | 'н' => 'H',
        'О' | 'о' => 'O',
        'Р' | 'р' => 'P',
        'С' | 'с' => 'C',
        'Т' | 'т' => 'T',
        'Х' | 'х' => 'X',
        'У' | 'у' => 'Y',
        'І' | 'і' => 'I',
        _ => return None,
    })
}

/// A capital letter usable in a plate or passport series: Latin, or Cyrillic lookalike.
fn plate_letter(c: char) -> bool {
    c.is_uppercase() && latin(c).is_some()
}

// ---------------------------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    Start,
    Tight,
    Space,
    Dash,
    Dot,
}

/// One group of digits of a phone candidate, `(029)` or `123`.
struct Group {
    /// First char, the `(` of a bracketed group.
    open: usize,
    /// After the last char, the `)` included.
    end: usize,
    /// The digits.
    ds: usize,
    de: usize,
    /// The separator before this group.
    sep: Sep,
}

const PHONE_WORDS: &[&str] = &[
    "тел",
    "тэл",
    "tel",
    "phone",
    "моб",
    "маб",
    "mob",
    "cell",
    "viber",
    "вайбер",
    "вайбэр",
    "whatsapp",
    "ватсап",
    "вацап",
    "вотсап",
    "факс",
    "fax",
    "кантакт",
    "контакт",
    "contact",
    "званіц",
    "звоніц",
    "звонит",
    "звані",
    "звони",
    "call",
    "sms",
    "смс",
    "hotline",
    "нумар тэл",
];

fn phones(t: &Text, out: &mut Vec<Span>) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        let c = t.c[i];
        let begins = c.is_ascii_digit()
            || (c == '+' && (t.is_digit(i + 1) || (t.at(i + 1) == Some('(') && t.is_digit(i + 2))))
            || (c == '(' && t.is_digit(i + 1));
        if !begins || t.prev(i).is_some_and(|p| p.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let plus = c == '+';
        let (groups, end) = phone_groups(t, if plus { i + 1 } else { i });
        if groups.is_empty() {
            i += 1;
            continue;
        }
        phone_spans(t, &groups, plus.then_some(i), out);
        i = end.max(i + 1);
    }
}

/// The digit groups of a candidate starting at `start`, and where the candidate ends.
fn phone_groups(t: &Text, start: usize) -> (Vec<Group>, usize) {
    let n = t.len();
    // After a `+`, a slash separates groups like a dash (`+375/29/7654321`); elsewhere it
    // writes dates and case numbers.
    let international = start > 0 && t.c[start - 1] == '+';
    let mut groups = Vec::new();
    let mut j = start;
    let mut sep = Sep::Start;
    let mut end = start;
    while groups.len() < 16 {
        let open = j;
        let paren = t.at(j) == Some('(');
        let mut k = if paren { j + 1 } else { j };
        let ds = k;
        while k < n && t.c[k].is_ascii_digit() && k - ds <= 16 {
            k += 1;
        }
        let de = k;
        if de == ds {
            break;
        }
        if paren {
            if t.at(k) == Some(')') {
                k += 1;
            } else {
                break;
            }
        }
        groups.push(Group {
            open,
            end: k,
            ds,
            de,
            sep,
        });
        end = k;
        let (mut spaces, mut dashes, mut dots) = (0, 0, 0);
        let mut m = k;
        while m < n && m - k < 4 {
            let ch = t.c[m];
            if is_hspace(ch) {
                spaces += 1;
            } else if is_dash(ch) || (ch == '/' && international) {
                dashes += 1;
            } else if ch == '.' {
                dots += 1;
            } else {
                break;
            }
            m += 1;
        }
        if spaces > 2 || dashes > 1 || dots > 1 || (dots == 1 && spaces + dashes > 0) {
            break;
        }
        let next_paren = t.at(m) == Some('(') && t.is_digit(m + 1);
        if !(t.is_digit(m) || next_paren) || (m == k && !paren && !next_paren) {
            break;
        }
        sep = if dots > 0 {
            Sep::Dot
        } else if dashes > 0 {
            Sep::Dash
        } else if spaces > 0 {
            Sep::Space
        } else {
            Sep::Tight
        };
        j = m;
    }
    (groups, end)
}

/// Emits the phones among a candidate's groups: from each group, the longest valid run.
fn phone_spans(t: &Text, g: &[Group], plus: Option<usize>, out: &mut Vec<Span>) {
    let m = g.len();
    let mut s = 0;
    while s < m {
        let lead_plus = if s == 0 { plus } else { None };
        let start = lead_plus.unwrap_or(g[s].open);
        let ctx = std::cell::OnceCell::new();
        let ctx = || *ctx.get_or_init(|| phone_context(t, start));
        let fits = |e: usize, loose: bool| {
            let digits: usize = g[s..e].iter().map(|x| x.de - x.ds).sum();
            // A letter right after the last digit (`+375291234567мама`, `...45 67viber`)
            // does not make a long or international number anything but a phone.
            let end = g[e - 1].end;
            let after_ok =
                t.ends_word(end) || ((lead_plus.is_some() || digits >= 10) && !t.is_digit(end));
            let before_ok =
                lead_plus.is_some() || !t.prev(start).is_some_and(alpha) || digits >= 10;
            after_ok && before_ok && phone_ok(t, &g[s..e], lead_plus.is_some(), ctx, loose)
        };
        let mut hit = (s + 1..=m.min(s + 8)).rev().find(|&e| fits(e, false));
        if hit.is_none() && lead_plus.is_some() && m <= 8 && fits(m, true) {
            hit = Some(m);
        }
        match hit {
            Some(e) => {
                t.push(out, start, g[e - 1].end, Kind::Phone);
                s = e;
            }
            None => s += 1,
        }
    }
}

/// Whether groups `g` make a phone number. `loose`: a `+` number of unknown length.
fn phone_ok(t: &Text, g: &[Group], plus: bool, ctx: impl Fn() -> bool, loose: bool) -> bool {
    // Most candidates are dates and article numbers: counted first, and the digits (ASCII)
    // gathered without allocating.
    let n: usize = g.iter().map(|x| x.de - x.ds).sum();
    if !(5..=15).contains(&n) {
        return false;
    }
    let mut buf = [0u8; 15];
    for (slot, c) in buf.iter_mut().zip(g.iter().flat_map(|x| &t.c[x.ds..x.de])) {
        *slot = *c as u8;
    }
    let Ok(digits) = std::str::from_utf8(&buf[..n]) else {
        return false;
    };
    if plus {
        return if loose {
            (8..=15).contains(&n)
        } else {
            intl_ok(digits)
        };
    }
    let len = |x: &Group| x.de - x.ds;
    let dots = g[1..].iter().any(|x| x.sep == Sep::Dot);
    if let Some(rest) = digits.strip_prefix("00")
        && len(&g[0]) <= 5
        && intl_ok(rest)
    {
        return true;
    }
    if digits.starts_with("375") && n == 12 {
        return true;
    }
    if dots {
        return false;
    }
    if digits.starts_with('8') && n == 11 {
        return true;
    }
    if digits.starts_with('0') && !digits.starts_with("00") && n == 10 {
        return true;
    }
    let operator = ["25", "29", "33", "44", "17"].contains(&&digits[..2]);
    if n == 9 && operator && (g.len() == 1 || len(&g[0]) == 2) {
        return true;
    }
    if g.iter().map(len).eq([3, 2, 2]) && g[1..].iter().all(|x| x.sep == Sep::Dash) {
        return true;
    }
    if (6..=12).contains(&n) && (g.len() == 1 || len(&g[0]) <= 3) {
        return ctx();
    }
    false
}

/// Whether `d` (digits after `+` or `00`) has the length its country code calls for.
fn intl_ok(d: &str) -> bool {
    let n = d.len();
    let p = |s: &str| d.starts_with(s);
    if p("375") || p("380") || p("420") || p("44") || p("995") || p("994") || p("374") {
        n == 12
    } else if p("7") || p("370") || p("371") || p("48") || p("1") || p("33") {
        n == 11
    } else if p("372") {
        n == 10 || n == 11
    } else if p("49") {
        (11..=13).contains(&n)
    } else if p("0") {
        false
    } else {
        (9..=13).contains(&n)
    }
}

/// A phone word among the three words before `i`.
fn phone_context(t: &Text, i: usize) -> bool {
    t.words_before(i, 3, 40).enumerate().any(|(k, w)| {
        PHONE_WORDS.iter().any(|p| has_prefix(t.low(w), p))
            || (k == 0 && (t.low(w) == "т" || t.low(w) == "t") && t.at(w.e) == Some('.'))
    })
}

// ---------------------------------------------------------------------------------------------
// E-mail and @handles
// ---------------------------------------------------------------------------------------------

/// A character of an e-mail address's local part. Apostrophes are valid there (RFC 5322), and a
/// local part cut at one would leave the name before it behind (`Іван'Сяргей@...`).
fn is_local(c: char) -> bool {
    alnum(c)
        || matches!(
            c,
            '.' | '_' | '%' | '+' | '-' | '\'' | '\u{2019}' | '\u{02BC}'
        )
}

/// End of a domain (two or more labels, an alphabetic or punycode top-level domain) at `j`.
fn domain_end(t: &Text, j: usize) -> Option<usize> {
    let n = t.len();
    let mut k = j;
    let mut labels = 0;
    let mut last = (j, j);
    while k < n {
        let ls = k;
        while k < n && (alnum(t.c[k]) || (t.c[k] == '-' && k > ls)) {
            k += 1;
        }
        while k > ls && t.c[k - 1] == '-' {
            k -= 1;
        }
        if k == ls {
            break;
        }
        labels += 1;
        last = (ls, k);
        if t.at(k) == Some('.') && t.is(k + 1, alnum) {
            k += 1;
        } else {
            break;
        }
    }
    let tld = &t.c[last.0..last.1];
    let tld_ok = (tld.len() >= 2 && tld.iter().all(|&c| alpha(c)))
        || (tld.len() > 4 && t.lower(last.0, last.1).starts_with("xn--"));
    (labels >= 2 && tld_ok).then_some(last.1)
}

/// End of an @username at `j`: letters, digits, `_` and inner dots, 3 or more, with a letter.
fn username_end(t: &Text, j: usize, ascii: bool) -> Option<usize> {
    let mut k = j;
    while k < t.len() && k - j < 64 {
        let c = t.c[k];
        let ok = if ascii {
            c.is_ascii_alphanumeric()
        } else {
            alnum(c)
        };
        if ok || c == '_' || (c == '.' && k > j && t.is(k + 1, alnum)) {
            k += 1;
        } else {
            break;
        }
    }
    let letters = t.c[j..k].iter().any(|&c| alpha(c));
    (k - j >= 3 && letters).then_some(k)
}

fn at_signs(t: &Text, out: &mut Vec<Span>) {
    for i in 0..t.len() {
        if !matches!(t.c[i], '@' | '＠') {
            continue;
        }
        if let Some((s, e)) = spaced_email(t, i) {
            t.push(out, s, e, Kind::Email);
            continue;
        }
        let mut s = i;
        while s > 0 && is_local(t.c[s - 1]) && i - s < 64 {
            s -= 1;
        }
        while s < i && matches!(t.c[s], '.' | '-' | '+' | '\'' | '\u{2019}' | '\u{02BC}') {
            s += 1;
        }
        if s < i {
            if let Some(e) = domain_end(t, i + 1) {
                t.push(out, s, e, Kind::Email);
            } else if let Some(e) = username_end(t, i + 1, false) {
                t.push(out, s, e, Kind::Email);
            }
        } else if let Some(e) = username_end(t, i + 1, false) {
            t.push(out, i, e, Kind::Handle);
        }
    }
}

/// An address written around the at sign at `i` with spaces or brackets (`ivan @ gmail.com`,
/// `ivan [@] mail.ru`, `ivan (@) tut.by`): its span. Only with an ASCII local part with a letter
/// and a dotted domain with a letter, ending in a known top-level domain, so that `meet @ 5`,
/// `@ home` or `5 @ 10.by` stay.
fn spaced_email(t: &Text, i: usize) -> Option<(usize, usize)> {
    let (mut at_s, mut at_e) = (i, i + 1);
    if let (Some(open), Some(close)) = (t.prev(i), t.at(i + 1))
        && closing(open) == Some(close)
    {
        (at_s, at_e) = (i - 1, i + 2);
    }
    let le = t.skip_hspace_back(at_s, 2);
    let ds = t.skip_hspace(at_e, 2);
    if le == i && ds == i + 1 {
        return None; // written tight: the plain rules below
    }
    let mut ls = le;
    while ls > 0 && t.c[ls - 1].is_ascii() && is_local(t.c[ls - 1]) && le - ls < 64 {
        ls -= 1;
    }
    while ls < le && matches!(t.c[ls], '.' | '-' | '+') {
        ls += 1;
    }
    if ls == le || !t.starts_word(ls) || !t.c[ls..le].iter().any(|&c| alpha(c)) {
        return None;
    }
    let known = |de: usize| {
        let domain: String = t.lower(ds, de).chars().filter(|&c| !is_hspace(c)).collect();
        domain
            .rsplit_once('.')
            .is_some_and(|(name, tld)| name.chars().any(alpha) && KNOWN_TLD.contains(&tld))
    };
    if let Some(de) = domain_end(t, ds)
        && known(de)
    {
        return Some((ls, de));
    }
    // The dots spaced too (`ales @ tut . by`).
    let de = spaced_domain_end(t, ds)?;
    known(de).then_some((ls, de))
}

/// End of a domain at `j` whose dots may have up to two spaces on each side (`tut . by`): two
/// labels at least.
fn spaced_domain_end(t: &Text, j: usize) -> Option<usize> {
    let label = |k: usize| {
        let mut e = k;
        while e < t.len() && (alnum(t.c[e]) || (t.c[e] == '-' && e > k)) {
            e += 1;
        }
        e
    };
    let mut end = label(j);
    if end == j {
        return None;
    }
    let mut labels = 1;
    loop {
        let dot = t.skip_hspace(end, 2);
        if t.at(dot) != Some('.') {
            break;
        }
        let next = t.skip_hspace(dot + 1, 2);
        let e = label(next);
        if e == next {
            break;
        }
        (end, labels) = (e, labels + 1);
    }
    (labels >= 2).then_some(end)
}

const AT_WORDS: &[&str] = &[
    "at",
    "собака",
    "sobaka",
    "сабака",
    "собачка",
    "сабачка",
    "гаў",
    "гау",
];
const DOT_WORDS: &[&str] = &["dot", "точка", "кропка", "tochka"];
const KNOWN_TLD: &[&str] = &[
    "ru", "by", "com", "net", "org", "ua", "pl", "lt", "lv", "ee", "de", "eu", "info", "me", "io",
    "uk", "su", "рф", "бел", "gov", "edu", "biz", "cz", "fr", "se", "no", "fi", "ch", "nl", "us",
    "ca", "kz", "ge", "am", "it", "es", "online", "pro",
];

fn closing(c: char) -> Option<char> {
    match c {
        '[' => Some(']'),
        '(' => Some(')'),
        '{' => Some('}'),
        '<' => Some('>'),
        _ => None,
    }
}

/// A bracketed word from `words` at `i` (`[at]`, `( dot )`): its end.
fn bracketed(t: &Text, i: usize, words: &[&str]) -> Option<usize> {
    let close = closing(t.at(i)?)?;
    let k = t.skip_hspace(i + 1, 2);
    let we = t.word_end(k);
    if we == k || !words.contains(&t.lower(k, we).as_str()) {
        return None;
    }
    let k2 = t.skip_hspace(we, 2);
    (t.at(k2) == Some(close)).then_some(k2 + 1)
}

/// A bare word from `words` at `i`, between spaces: its end.
fn bare(t: &Text, i: usize, words: &[&str]) -> Option<usize> {
    if !t.prev(i).is_some_and(is_hspace) || !t.an.get(i).copied().unwrap_or(false) {
        return None;
    }
    let w = word_at(t, i)?;
    (words.contains(&t.low(w)) && t.is(w.e, is_hspace)).then_some(w.e)
}

/// An obfuscated domain at `j`: its end, whether a bare "dot" was used, its top-level domain.
fn obfuscated_domain(t: &Text, j: usize) -> Option<(usize, bool, String)> {
    let n = t.len();
    let mut k = j;
    let mut labels = 0;
    let mut last = (j, j);
    let mut bare_dot = false;
    while k < n && labels < 8 {
        let ls = k;
        while k < n && (alnum(t.c[k]) || (t.c[k] == '-' && k > ls)) {
            k += 1;
        }
        if k == ls {
            break;
        }
        labels += 1;
        last = (ls, k);
        if t.at(k) == Some('.') && t.is(k + 1, alnum) {
            k += 1;
            continue;
        }
        let k2 = t.skip_hspace(k, 2);
        if let Some(be) = bracketed(t, k2, DOT_WORDS) {
            k = t.skip_hspace(be, 2);
            continue;
        }
        if k2 > k
            && let Some(we) = bare(t, k2, DOT_WORDS)
        {
            k = t.skip_hspace(we, 2);
            bare_dot = true;
            continue;
        }
        break;
    }
    let tld: String = t.lower(last.0, last.1);
    let tld_ok = tld.chars().count() >= 2 && tld.chars().all(alpha);
    (labels >= 2 && tld_ok).then_some((last.1, bare_dot, tld))
}

fn obfuscated_emails(t: &Text, out: &mut Vec<Span>) {
    for i in 0..t.len() {
        if !matches!(
            t.c[i],
            '[' | '(' | '{' | '<' | 'a' | 'A' | 's' | 'S' | 'с' | 'С' | 'г' | 'Г'
        ) {
            continue;
        }
        let (ae, bare_at) = if let Some(e) = bracketed(t, i, AT_WORDS) {
            (e, false)
        } else if let Some(e) = bare(t, i, AT_WORDS) {
            (e, true)
        } else {
            continue;
        };
        let le = t.skip_hspace_back(i, 2);
        let mut ls = le;
        while ls > 0 && is_local(t.c[ls - 1]) && le - ls < 64 {
            ls -= 1;
        }
        while ls < le && matches!(t.c[ls], '.' | '-' | '+') {
            ls += 1;
        }
        if ls == le {
            continue;
        }
        let ds = t.skip_hspace(ae, 2);
        let Some((de, bare_dot, tld)) = obfuscated_domain(t, ds) else {
            continue;
        };
        if bare_at || bare_dot {
            let ascii_local = t.c[ls..le].iter().all(|c| c.is_ascii() && is_local(*c));
            if !ascii_local || !KNOWN_TLD.contains(&tld.as_str()) {
                continue;
            }
        }
        t.push(out, ls, de, Kind::Email);
    }
}

// ---------------------------------------------------------------------------------------------
// Profile links and messenger handles
// ---------------------------------------------------------------------------------------------

const SOCIAL: &[&str] = &[
    // Telegram's own links (`tg://resolve?domain=name`).
    "tg:",
    "t.me",
    "telegram.me",
    "telegram.dog",
    "telesco.pe",
    "instagram.com",
    "instagr.am",
    "vk.com",
    "vk.ru",
    "vkontakte.ru",
    "facebook.com",
    "fb.com",
    "fb.me",
    "x.com",
    "twitter.com",
    "ok.ru",
    "odnoklassniki.ru",
    "youtube.com",
    "youtu.be",
    "signal.me",
    "signal.group",
    "wa.me",
    "tiktok.com",
    "linkedin.com",
    "threads.net",
    "threads.com",
    "bsky.app",
    "snapchat.com",
    "invite.viber.com",
];

fn links(t: &Text, out: &mut Vec<Span>) {
    for slash in 0..t.len() {
        if t.c[slash] != '/' {
            continue;
        }
        // Spaces around the slash (`t . me / name`, written so that a chat does not make a link
        // of it) only before a path that starts like a name.
        let before = t.skip_hspace_back(slash, 2);
        let after = t.skip_hspace(slash + 1, 2);
        let spaced = before < slash || after > slash + 1;
        if spaced && !t.is(after, |c| alnum(c) || matches!(c, '_' | '@')) {
            continue;
        }
        let Some(i) = SOCIAL.iter().find_map(|d| {
            let i = domain_before(t, before, d)?;
            let boundary = !t.prev(i).is_some_and(|p| alnum(p) || p == '-');
            boundary.then_some(i)
        }) else {
            continue;
        };
        // The path, to a space or a quote, without trailing punctuation.
        let mut e = after;
        while e < t.len()
            && !t.c[e].is_whitespace()
            && !matches!(t.c[e], '<' | '>' | '"' | '«' | '»' | '“' | '”' | '[' | ']')
        {
            e += 1;
        }
        while e > after
            && matches!(
                t.c[e - 1],
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | '}' | '\'' | '’' | '…'
            )
        {
            e -= 1;
        }
        if !t.c[after..e].iter().any(|&c| alnum(c)) {
            continue;
        }
        // www. / m. and the scheme.
        let mut s = i;
        if t.prev(s) == Some('.') {
            let mut ls = s - 1;
            while ls > 0 && t.c[ls - 1].is_ascii_alphabetic() {
                ls -= 1;
            }
            let label = t.lower(ls, s - 1);
            if !["www", "m", "mobile", "web", "mbasic", "ru", "by"].contains(&label.as_str()) {
                continue;
            }
            s = ls;
        }
        if s >= 3 && t.c[s - 3..s] == [':', '/', '/'] {
            let mut ss = s - 3;
            while ss > 0 && t.c[ss - 1].is_ascii_alphabetic() && s - ss < 12 {
                ss -= 1;
            }
            s = ss;
        }
        t.push(out, s, e, Kind::Handle);
    }
}

/// Where the domain `d` starts if it ends right before `end` (case-insensitive), also written
/// defanged, with each dot as `[.]`, `(.)`, `{.}`, `[dot]` or `(dot)`, or with spaces around it
/// (`t[.]me/name`, `t . me`, as links are written to keep chats from opening them).
fn domain_before(t: &Text, end: usize, d: &str) -> Option<usize> {
    const DOTS: &[&str] = &[".", "[.]", "(.)", "{.}", "[dot]", "(dot)"];
    let mut k = end;
    for p in d.chars().rev() {
        if p == '.' {
            k = t.skip_hspace_back(k, 2);
            let dot = DOTS.iter().find(|dot| {
                let n = dot.chars().count();
                k >= n && t.matches_ci(k - n, dot)
            })?;
            k = t.skip_hspace_back(k - dot.chars().count(), 2);
        } else {
            k = k.checked_sub(1)?;
            if !t
                .at(k)
                .is_some_and(|c| c.to_lowercase().eq(p.to_lowercase()))
            {
                return None;
            }
        }
    }
    Some(k)
}

const MESSENGER_WORDS: &[&str] = &[
    "telegram",
    "телеграм",
    "тэлеграм",
    "тг",
    "tg",
    "signal",
    "сігнал",
    "сигнал",
    "instagram",
    "инстаграм",
    "інстаграм",
    "insta",
    "инста",
    "інста",
    "ig",
    "vk",
    "вк",
    "vkontakte",
    "вконтакте",
    "facebook",
    "фейсбук",
    "фэйсбук",
    "fb",
    "twitter",
    "твиттер",
    "твітэр",
    "tiktok",
    "тикток",
    "цікток",
    "skype",
    "скайп",
    "viber",
    "вайбер",
    "вайбэр",
    "whatsapp",
    "ватсап",
    "threads",
    "mastodon",
    "bluesky",
    "nick",
    "nickname",
    "ник",
    "нік",
    "никнейм",
    "нікнэйм",
    "username",
    "юзернейм",
    "login",
    "логин",
    "логін",
    "handle",
    "account",
    "аккаунт",
    "акаўнт",
    "акаунт",
    "профиль",
    "профіль",
    "profile",
    "x",
    // Colloquial: Telegram is "the cart" (тэлега, телега).
    "тэлег",
    "телег",
];

const HANDLE_STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "to", "in", "on", "at", "of", "for", "with", "from", "by", "is",
    "was", "were", "he", "she", "they", "we", "it", "you", "my", "his", "her", "their", "our",
    "channel", "chat", "group", "account", "message", "messages", "post", "posts", "app", "bot",
    "yes", "no", "not", "none", "unknown", "deleted", "private", "closed", "blocked", "this",
    "that", "there", "here", "has", "had", "have", "been", "also", "only", "name",
];

fn messenger_word(low: &str) -> bool {
    MESSENGER_WORDS.iter().any(|m| {
        low == *m
            || (has_prefix(low, m)
                && m.chars().count() >= 5
                && low.chars().count() - m.chars().count() <= 3)
    })
}

fn messenger_handles(t: &Text, out: &mut Vec<Span>) {
    for w in &t.words {
        if w.hot & MSG == 0 || !messenger_word(t.low(w)) {
            continue;
        }
        let mut k = t.skip_hspace(w.e, 2);
        // "username is ivanp89", "нік гэта ivan_p"
        if let Some(f) = word_at(t, k)
            && ["is", "was", "это", "гэта", "был", "быў"].contains(&t.low(f))
        {
            k = t.skip_hspace(f.e, 2);
        }
        let mut colon = false;
        if matches!(t.at(k), Some(':')) || t.is(k, is_dash) {
            colon = true;
            k = t.skip_hspace(k + 1, 2);
        }
        let at = t.at(k) == Some('@');
        let s = k;
        if at {
            k += 1;
        }
        let Some(e) = username_end(t, k, true).filter(|&e| t.ends_word(e)) else {
            // Not right after it: a username marked as one (an underscore or a digit) a few
            // words on, on the same line (`пиши в телегу на mikola_zhd`, `нік у тэлезе —
            // mikola_zhd`).
            if let Some((s, e)) = marked_username_near(t, w) {
                t.push(out, s, e, Kind::Handle);
            }
            continue;
        };
        let token = t.lower(k, e);
        let marked =
            token.contains('_') || token.contains('.') || token.chars().any(|c| c.is_ascii_digit());
        let ok = if at {
            true
        } else if colon {
            !HANDLE_STOP.contains(&token.as_str()) && (marked || t.low(w) != "x")
        } else {
            marked && t.low(w) != "x"
        };
        if ok {
            t.push(out, s, e, Kind::Handle);
        }
    }
}

/// A username with an underscore or a digit in it (`mikola_zhd`, `ivan1984`) among the four
/// words after messenger word `w`, or the two before it (`mikola_zhd (ник)`), in its clause:
/// never across a line break, a comma, a semicolon, a `"` or a `|`, which separate the fields of
/// a rendering (the vocabulary codes of JSON, CSV and Markdown, `ill_treatment`, are not
/// usernames).
fn marked_username_near(t: &Text, w: &Word) -> Option<(usize, usize)> {
    let marked = |s: usize| {
        let e = username_end(t, s, true)?;
        let word = &t.c[s..e];
        (t.starts_word(s)
            && t.ends_word(e)
            && t.prev(s) != Some('@')
            && t.prev(s) != Some('/')
            && word.iter().any(|&c| c == '_' || c.is_ascii_digit())
            && word.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
            .then_some((s, e))
    };
    let same_line = |a: usize, b: usize| {
        !t.c[a.min(b)..a.max(b)]
            .iter()
            .any(|c| matches!(c, '\n' | ',' | ';' | '"' | '|'))
    };
    let i = t.word_index_from(w.s);
    let after = t.words[i + 1..].iter().take(4);
    let before = t.words[..i].iter().rev().take(2);
    after
        .chain(before)
        .filter(|x| same_line(w.s, x.s))
        .find_map(|x| marked(x.s))
}

// ---------------------------------------------------------------------------------------------
// Passport and personal identification numbers
// ---------------------------------------------------------------------------------------------

fn digits_at(t: &Text, i: usize, n: usize) -> bool {
    (i..i + n).all(|k| t.is_digit(k))
}

fn id_numbers(t: &Text, out: &mut Vec<Span>) {
    for w in &t.words {
        let i = w.s;
        let c = t.c[i];
        // Passport: two capital letters (or two lowercase written together), 7 digits.
        if alpha(c)
            && let Some(d) = t.at(i + 1)
            && alpha(d)
        {
            let upper = c.is_uppercase()
                && d.is_uppercase()
                && (c.is_ascii() || is_cyrillic(c))
                && (d.is_ascii() || is_cyrillic(d));
            let lower =
                c.is_lowercase() && d.is_lowercase() && latin(c).is_some() && latin(d).is_some();
            if upper || lower {
                let mut k = i + 2;
                if upper {
                    let k1 = t.skip_hspace(k, 2);
                    if t.is(k1, |x| is_dash(x) || x == '№') {
                        k = t.skip_hspace(k1 + 1, 2);
                    } else {
                        k = k1;
                    }
                }
                if digits_at(t, k, 7) && t.ends_word(k + 7) {
                    t.push(out, i, k + 7, Kind::IdNumber);
                }
                // A Ukrainian passport booklet: two Cyrillic capitals and six digits
                // (`КМ 123456`).
                if upper && is_cyrillic(c) && is_cyrillic(d) {
                    let k = t.skip_hspace(i + 2, 1);
                    if digits_at(t, k, 6) && t.ends_word(k + 6) {
                        t.push(out, i, k + 6, Kind::IdNumber);
                    }
                }
            }
        }
        // Personal identification number: 7 digits, letter, 3 digits, 2 letters, digit.
        if c.is_ascii_digit()
            && let Some(end) = personal_id(t, i).or_else(|| neighbour_id(t, i))
        {
            t.push(out, i, end, Kind::IdNumber);
        }
    }
}

/// The end of a personal number of a country where exiles live, starting at `i`, each by a
/// shape ordinary numbers do not have: a Polish PESEL or a Lithuanian or Estonian personal code
/// (11 digits with a valid check digit), a Latvian personal code (`DDMMYY-NNNNN`, a valid date),
/// a Ukrainian record number of the population register (`YYYYMMDD-NNNNN`, a valid date).
fn neighbour_id(t: &Text, i: usize) -> Option<usize> {
    let end = neighbour_id_shape(t, i)?;
    (!reference_number(t, i)).then_some(end)
}

/// [`neighbour_id`] by the number's shape alone.
fn neighbour_id_shape(t: &Text, i: usize) -> Option<usize> {
    if !t.starts_word(i) {
        return None;
    }
    let run = |from: usize| (from..t.len()).take_while(|&k| t.is_digit(k)).count();
    let digits = |from: usize, n: usize| -> Vec<u32> {
        t.c[from..from + n]
            .iter()
            .filter_map(|c| c.to_digit(10))
            .collect()
    };
    let first = run(i);
    let end = i + first;
    if first == 11 && t.ends_word(end) {
        let d = digits(i, 11);
        return (pesel_ok(&d) || baltic_code_ok(&d)).then_some(end);
    }
    // Eleven digits in groups with one space between (`440514 01359`, `440 514 013 59`).
    if (2..11).contains(&first) {
        let (mut count, mut k) = (first, end);
        while count < 11 && t.is(k, is_hspace) && t.is_digit(k + 1) && t.starts_word(k + 1) {
            let group = run(k + 1);
            count += group;
            k += 1 + group;
        }
        if count == 11 && t.ends_word(k) {
            let d: Vec<u32> = t.c[i..k].iter().filter_map(|c| c.to_digit(10)).collect();
            return (pesel_ok(&d) || baltic_code_ok(&d)).then_some(k);
        }
    }
    if (first == 6 || first == 8) && t.at(end) == Some('-') && run(end + 1) == 5 {
        let after = end + 6;
        let d = digits(i, first);
        let date = if first == 6 {
            // DDMMYY
            valid_day(d[0] * 10 + d[1], d[2] * 10 + d[3])
        } else {
            // YYYYMMDD
            let year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
            (1900..=2099).contains(&year) && valid_day(d[6] * 10 + d[7], d[4] * 10 + d[5])
        };
        return (date && t.ends_word(after)).then_some(after);
    }
    None
}

/// Whether the number at `i` is named as a reference by the words before it (`справа №
/// 20211500009`, `пратакол 150322-00001`: Belarusian case numbers have eleven digits and begin
/// with the year, and one in ten passes a PESEL's check), and not as a personal number
/// (`PESEL`, `asmens kodas`, which win).
fn reference_number(t: &Text, i: usize) -> bool {
    /// Names of personal numbers that are not passport words (`ID_WORDS`).
    const PERSONAL: &[&str] = &[
        "pesel",
        "asmens",
        "isikukood",
        "personas",
        "personal",
        "ідентиф",
        "идентиф",
        "ідэнтыф",
        "асабіст",
        "особист",
    ];
    const REFERENCE: &[&str] = &[
        "справ",
        "дел",
        "case",
        "file",
        "протокол",
        "пратакол",
        "sygn",
        "spraw",
        "byl",
        "дата",
        "date",
        "рашэнн",
        "решени",
        "пастанов",
        "постанов",
        "приговор",
        "прыгавор",
        "вырок",
        "ухвал",
        "рішенн",
        "провадж",
    ];
    /// Short words, whole (`акт`, not `актывіст`).
    const REFERENCE_WORDS: &[&str] = &["no", "nr", "n", "акт", "акта", "акце", "акту", "act"];
    let wi = t.word_index_from(i);
    let before = &t.words[wi.saturating_sub(3)..wi];
    let personal = |low: &str| {
        ID_WORDS.iter().any(|p| has_prefix(low, p)) || PERSONAL.iter().any(|p| low.starts_with(p))
    };
    if before.iter().any(|w| personal(t.low(w))) {
        return false;
    }
    let sign = t.skip_hspace_back(i, 2);
    t.prev(sign) == Some('№')
        || before.iter().any(|w| {
            let low = t.low(w);
            REFERENCE.iter().any(|p| low.starts_with(p)) || REFERENCE_WORDS.contains(&low)
        })
}

fn valid_day(day: u32, month: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// A Polish PESEL: `YYMMDDZZZXQ`, the month carrying the century (+20 for 2000-2099...), and
/// the check digit of weights 1 3 7 9.
fn pesel_ok(d: &[u32]) -> bool {
    const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = d.iter().zip(WEIGHTS).map(|(a, w)| a * w).sum();
    let month = (d[2] * 10 + d[3]) % 20;
    valid_day(d[4] * 10 + d[5], month) && (10 - sum % 10) % 10 == d[10]
}

/// A Lithuanian or Estonian personal code: `GYYMMDDNNNC`, G from 1 to 6 (sex and century),
/// and the check digit of the two rounds of weights the two countries share.
fn baltic_code_ok(d: &[u32]) -> bool {
    let round = |weights: [u32; 10]| d.iter().zip(weights).map(|(a, w)| a * w).sum::<u32>() % 11;
    let mut check = round([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
    if check == 10 {
        check = round([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 10;
    }
    (1..=6).contains(&d[0]) && valid_day(d[5] * 10 + d[6], d[3] * 10 + d[4]) && check == d[10]
}

/// The end of a personal identification number starting at `i`: 7 digits, a letter, 3 digits,
/// 2 letters and a digit (`3140285A001PB2`), also with a space or a hyphen between any of its
/// characters, as people copy it from a passport page or split it to read it out (`3140285
/// A001PB2`, `3 140285 A 001 PB 2`, `3140285-A-001-PB-2`). The shape is specific enough that no
/// trigger word is needed.
fn personal_id(t: &Text, i: usize) -> Option<usize> {
    const SHAPE: &[u8; 14] = b"dddddddLdddLLd";
    let mut k = i;
    for (n, &want) in SHAPE.iter().enumerate() {
        if n > 0 && t.at(k).is_some_and(|c| is_hspace(c) || is_dash(c)) {
            k += 1;
        }
        let ok = match want {
            b'd' => t.is_digit(k),
            _ => t.is(k, |x| latin(x).is_some()),
        };
        if !ok {
            return None;
        }
        k += 1;
    }
    t.ends_word(k).then_some(k)
}

const ID_WORDS: &[&str] = &[
    "унзр",
    "рнокпп",
    "паспарт",
    "пашпарт",
    "паспорт",
    "passport",
    "пасп",
    "ідэнтыфікацыйн",
    "идентификацион",
    "identification",
    "асабісты",
    "асабістага",
    "личный",
    "личного",
    "личн",
    "серыя",
    "серыі",
    "серия",
    "серии",
    "series",
];

/// Words after which a passport word's number is something else (a case, a file).
const ID_BREAK: &[&str] = &[
    "справа",
    "справы",
    "справе",
    "дело",
    "дела",
    "деле",
    "case",
    "file",
    "артыкул",
    "статья",
    "article",
    "ст",
    "ч",
    "part",
];

/// Abbreviations whose dot does not end the passport phrase.
const ID_ABBR: &[&str] = &["no", "nr", "n", "ser", "сер", "пасп", "ном", "нум", "num"];

/// After a passport word: the first number within a few words with at least six digits.
fn id_context(t: &Text, out: &mut Vec<Span>) {
    for (wi, w) in t.words.iter().enumerate() {
        if w.hot & ID == 0 {
            continue;
        }
        let id_word = t.low(w) == "id"
            && t.words.get(wi + 1).is_some_and(|x| {
                [
                    "number",
                    "no",
                    "nr",
                    "card",
                    "номер",
                    "нумар",
                    "карта",
                    "картка",
                ]
                .contains(&t.low(x))
            });
        if !id_word && !ID_WORDS.iter().any(|p| has_prefix(t.low(w), p)) {
            continue;
        }
        for (k, x) in t.words[wi + 1..].iter().enumerate().take(7) {
            let before = &t.words[wi + k];
            let gap = &t.c[before.e..x.s];
            let stop = gap
                .iter()
                .any(|c| matches!(c, ',' | ';' | '(' | ')' | '\n'))
                || (gap.contains(&'.') && !ID_ABBR.contains(&t.low(before)))
                || ID_BREAK.contains(&t.low(x));
            if x.s > w.e + 60 || stop {
                break;
            }
            let digits = t.c[x.s..x.e].iter().filter(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                continue;
            }
            if digits < 6 {
                // A number in groups (a Russian passport's `45 12 345678`, `4512 № 345678`).
                if let Some(end) = digit_groups_end(t, wi + k + 1, digits) {
                    t.push(out, x.s, end, Kind::IdNumber);
                }
                break;
            }
            if digits >= 6 {
                let mut s = x.s;
                // Series letters just before: "МР № 1234567", "MP 1234567".
                if k > 0 {
                    let p = &t.words[wi + k];
                    let gap_ok = t.c[p.e..x.s]
                        .iter()
                        .all(|&c| is_hspace(c) || matches!(c, '№' | '#' | ':' | '-'))
                        && x.s - p.e <= 5;
                    let series = p.e - p.s <= 3 && t.c[p.s..p.e].iter().all(|c| c.is_uppercase());
                    if gap_ok && series {
                        s = p.s;
                    }
                }
                t.push(out, s, x.e, Kind::IdNumber);
            }
            break;
        }
    }
}

/// The end of a number in groups of digits that starts with word `first` (of `digits` digits):
/// up to three more words of digits only, each after spaces, a `№` or a hyphen, six digits or
/// more in all; `None` if they are fewer.
fn digit_groups_end(t: &Text, first: usize, digits: usize) -> Option<usize> {
    let mut total = digits;
    let mut end = t.words[first].e;
    for y in t.words[first + 1..].iter().take(3) {
        let gap_ok = t.c[end..y.s]
            .iter()
            .all(|&c| is_hspace(c) || c == '№' || is_dash(c))
            && y.s - end <= 4;
        if !gap_ok || !t.c[y.s..y.e].iter().all(char::is_ascii_digit) {
            break;
        }
        total += y.e - y.s;
        end = y.e;
    }
    (total >= 6).then_some(end)
}

// ---------------------------------------------------------------------------------------------
// Bank cards and IBANs
// ---------------------------------------------------------------------------------------------

/// Payment card numbers (13 to 19 digits, whole or in groups of 4 with spaces or hyphens, with a
/// valid Luhn check digit) and IBANs (`BY20 ALFA 3014 2000 0000 0000 0001`, with a valid mod-97
/// check): a bank account names its holder.
fn cards_and_ibans(t: &Text, out: &mut Vec<Span>) {
    for w in &t.words {
        let i = w.s;
        if !t.starts_word(i) {
            continue;
        }
        // The first group: four digits (a card as printed), or all of them together.
        let first = (i..t.len()).take_while(|&k| t.is_digit(k)).count();
        if first >= 13 || (first == 4 && t.is(i + 4, |c| is_hspace(c) || is_dash(c))) {
            // Digits, in groups separated by one space or hyphen.
            let digit = |c: char| c.is_ascii_digit();
            let (digits, groups, end) = grouped(t, i, digit, |c| is_hspace(c) || is_dash(c), 19);
            // Four groups of four (a card as printed) is a card even mistyped; other shapes
            // need the check digit (a case number is not a card).
            let printed = groups.len() >= 4 && groups[..4].iter().all(|&g| g == 4);
            if (13..=19).contains(&digits.len()) && t.ends_word(end) && (printed || luhn(&digits)) {
                t.push(out, i, end, Kind::IdNumber);
            }
        } else if t.is(i, |c| c.is_ascii_uppercase())
            && t.is(i + 1, |c| c.is_ascii_uppercase())
            && t.is_digit(i + 2)
            && t.is_digit(i + 3)
        {
            let part = |c: char| c.is_ascii_digit() || c.is_ascii_uppercase();
            let (chars, groups, end) = grouped(t, i, part, is_hspace, 34);
            // Printed in groups of four (a mistyped IBAN is still one), or with its check.
            let printed = groups.len() >= 4 && groups[..groups.len() - 1].iter().all(|&g| g == 4);
            if chars.len() >= 15 && t.ends_word(end) && (printed || iban_ok(&chars)) {
                t.push(out, i, end, Kind::IdNumber);
            }
        }
    }
}

/// The characters (ASCII) of a number written in groups from `i`: at most `max` characters
/// that are `part`, in groups separated by one `sep` character; with the length of each group
/// and where the last one ends.
fn grouped(
    t: &Text,
    i: usize,
    part: impl Fn(char) -> bool,
    sep: impl Fn(char) -> bool,
    max: usize,
) -> (Vec<u8>, Vec<usize>, usize) {
    let (mut chars, mut groups, mut end) = (Vec::new(), vec![0usize], i);
    let mut k = i;
    while k < t.len() && chars.len() < max {
        if part(t.c[k]) {
            chars.push(t.c[k] as u8);
            if let Some(g) = groups.last_mut() {
                *g += 1;
            }
            k += 1;
            end = k;
        } else if sep(t.c[k]) && t.is(k + 1, &part) {
            groups.push(0);
            k += 1;
        } else {
            break;
        }
    }
    (chars, groups, end)
}

/// The Luhn check of a card number (ASCII digits).
fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(n, &d)| {
            let d = u32::from(d - b'0');
            if n % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The ISO 13616 check of an IBAN (uppercase letters and digits): the first four characters
/// moved to the end, letters read as 10 to 35, the number modulo 97 is 1.
fn iban_ok(chars: &[u8]) -> bool {
    let mut rest = 0u32;
    for &c in chars[4..].iter().chain(&chars[..4]) {
        let v = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A') + 10
        };
        rest = if v >= 10 {
            (rest * 100 + v) % 97
        } else {
            (rest * 10 + v) % 97
        };
    }
    rest == 1
}

// ---------------------------------------------------------------------------------------------
// Vehicle plates
// ---------------------------------------------------------------------------------------------

const RU_PLATE: &[char] = &['A', 'B', 'E', 'K', 'M', 'H', 'O', 'P', 'C', 'T', 'Y', 'X'];

fn ru_letter(c: char) -> bool {
    c.is_uppercase() && latin(c).is_some_and(|l| RU_PLATE.contains(&l))
}

fn plates(t: &Text, out: &mut Vec<Span>) {
    for w in &t.words {
        let i = w.s;
        let c = t.c[i];
        if c.is_ascii_digit() {
            // Belarusian 1234 AB-7.
            if !digits_at(t, i, 4) || t.is_digit(i + 4) {
                continue;
            }
            let k = t.skip_hspace(i + 4, 1);
            if !(t.is(k, plate_letter) && t.is(k + 1, plate_letter)) {
                continue;
            }
            let mut r = k + 2;
            if t.is(r, |x| is_dash(x) || is_hspace(x)) {
                r += 1;
            }
            if t.is_digit(r) && t.ends_word(r + 1) {
                t.push(out, i, r + 1, Kind::Plate);
            }
        } else if plate_letter(c) {
            // Belarusian AB 1234-7.
            if t.is(i + 1, plate_letter) {
                let k = t.skip_hspace(i + 2, 1);
                if digits_at(t, k, 4)
                    && t.is(k + 4, is_dash)
                    && t.is_digit(k + 5)
                    && t.ends_word(k + 6)
                {
                    t.push(out, i, k + 6, Kind::Plate);
                }
                // Ukrainian AA 1234 BB.
                let l = t.skip_hspace(k + 4, 1);
                if digits_at(t, k, 4)
                    && t.is(l, plate_letter)
                    && t.is(l + 1, plate_letter)
                    && t.ends_word(l + 2)
                {
                    t.push(out, i, l + 2, Kind::Plate);
                }
            }
            // Russian А123ВС 77 / А 123 ВС 777.
            if ru_letter(c) {
                let k = t.skip_hspace(i + 1, 1);
                let spaced = k > i + 1;
                if !digits_at(t, k, 3) || t.is_digit(k + 3) {
                    continue;
                }
                let l = t.skip_hspace(k + 3, 1);
                let spaced = spaced || l > k + 3;
                if !(t.is(l, ru_letter) && t.is(l + 1, ru_letter)) {
                    continue;
                }
                let after = l + 2;
                let r = t.skip_hspace(after, 1);
                let rd = (r..r + 3).take_while(|&x| t.is_digit(x)).count();
                if (2..=3).contains(&rd) && t.ends_word(r + rd) {
                    t.push(out, i, r + rd, Kind::Plate);
                } else if !spaced && t.ends_word(after) {
                    t.push(out, i, after, Kind::Plate);
                }
            }
        }
    }
}

const PLATE_WORDS: &[&str] = &[
    "plate",
    "госномер",
    "номерн",
    "нумарн",
    "регистрац",
    "рэгістрац",
    "registration",
    "rejestr",
    "tablic",
    "numery",
    "машин",
    "машын",
    "автомоб",
    "аўтамаб",
    "аўто",
    "авто",
    "car",
    "vehicle",
    "мікрааўтобус",
    "микроавтобус",
    "фургон",
    "van",
    "samoch",
];

/// After a plate or vehicle word: letters and digits that look like any plate.
fn plate_context(t: &Text, out: &mut Vec<Span>) {
    for (wi, w) in t.words.iter().enumerate() {
        let trigger = w.hot & PLATE != 0
            && PLATE_WORDS.iter().any(|p| {
                has_prefix(t.low(w), p) && (p.chars().count() > 3 || t.low(w).chars().count() <= 4)
            });
        if !trigger {
            continue;
        }
        let mut skipped = 0;
        let mut idx = wi + 1;
        while let Some(x) = t.words.get(idx) {
            if x.s > w.e + 50 || t.c[w.e..x.s].contains(&'\n') {
                break;
            }
            let has_digit = t.c[x.s..x.e].iter().any(|c| c.is_ascii_digit());
            if !has_digit {
                skipped += 1;
                if skipped > 3 {
                    break;
                }
                // A letters part followed by a digits part: "ABC 123", "WA 12345".
                if let Some(y) = t.words.get(idx + 1)
                    && x.e - x.s <= 3
                    && t.c[x.s..x.e].iter().all(|c| plate_letter(*c))
                    && y.s - x.e == 1
                    && t.is(x.e, |c| is_hspace(c) || is_dash(c))
                    && plate_token(t, y.s, y.e, true)
                {
                    t.push(out, x.s, y.e, Kind::Plate);
                    break;
                }
                idx += 1;
                continue;
            }
            if plate_token(t, x.s, x.e, false) {
                let mut e = x.e;
                // "1234 AB": a digits part followed by letters.
                if let Some(y) = t.words.get(idx + 1)
                    && y.s - x.e == 1
                    && t.is(x.e, |c| is_hspace(c) || is_dash(c))
                    && y.e - y.s <= 3
                    && t.c[y.s..y.e]
                        .iter()
                        .all(|c| plate_letter(*c) || c.is_ascii_digit())
                {
                    e = y.e;
                }
                t.push(out, x.s, e, Kind::Plate);
            } else if t.c[x.s..x.e].iter().all(|c| c.is_ascii_digit())
                && (2..=5).contains(&(x.e - x.s))
                && let Some(y) = t.words.get(idx + 1)
                && y.s - x.e == 1
                && t.is(x.e, |c| is_hspace(c) || is_dash(c))
                && (1..=3).contains(&(y.e - y.s))
                && t.c[y.s..y.e].iter().all(|c| plate_letter(*c))
            {
                t.push(out, x.s, y.e, Kind::Plate);
            }
            break;
        }
    }
}

/// Letters and digits that can be (part of) a plate: 2+ digits, 4 to 9 chars, capitals only;
/// `digits_part`: the digits half after a letters half (2 to 5 digits, maybe a letter).
fn plate_token(t: &Text, s: usize, e: usize, digits_part: bool) -> bool {
    let cs = &t.c[s..e];
    let digits = cs.iter().filter(|c| c.is_ascii_digit()).count();
    let letters = cs.iter().filter(|c| plate_letter(**c)).count();
    let clean = cs
        .iter()
        .all(|c| c.is_ascii_digit() || plate_letter(*c) || *c == '-');
    if !clean || digits < 2 {
        return false;
    }
    if digits_part {
        (2..=6).contains(&cs.len())
    } else {
        letters >= 1 && (4..=9).contains(&(digits + letters))
    }
}

// ---------------------------------------------------------------------------------------------
// Street addresses
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The name follows (ул. Ленина).
    Pre,
    /// The name precedes (Lenin Street).
    Post,
    /// Either (вуліца Леніна, Кальварыйская вуліца).
    Both,
}

struct Street {
    /// End, the abbreviation's dot included.
    end: usize,
    mode: Mode,
    /// Ambiguous abbreviation (пр., пл., al.): needs a name after it.
    strict: bool,
    /// Needs a house number (Lithuanian g.).
    house: bool,
    /// "St." (a saint when a capital follows).
    saint: bool,
}

const HOUSE_KW: &[&str] = &[
    "д",
    "дом",
    "дома",
    "house",
    "корп",
    "корпус",
    "к",
    "кв",
    "кват",
    "кватэра",
    "квартира",
    "flat",
    "apt",
    "apartment",
    "app",
    "bldg",
    "building",
    "block",
    "бл",
    "оф",
    "офис",
    "офіс",
    "office",
    "room",
    "пом",
    "no",
    "nr",
    "стр",
    "буд",
    "будынак",
    "ap",
    "m",
];

const YEAR_WORDS: &[&str] = &[
    "г",
    "год",
    "года",
    "году",
    "годзе",
    "гады",
    "гадоў",
    "гадах",
    "годы",
    "лет",
    "year",
    "years",
    "гг",
    "р",
    "рок",
    "roku",
    "rok",
];

const ADJ_ENDINGS: &[&str] = &[
    "ая", "яя", "ый", "ий", "ой", "ы", "і", "и", "ай", "яй", "ую", "юю", "ым", "ім", "им", "ом",
    "ем", "ого", "ага", "аго", "ей", "ам", "ому", "аму", "ае", "ое", "ее", "ых", "іх", "их",
];

const BACK_STOP: &[&str] = &[
    "the", "a", "an", "on", "in", "at", "of", "to", "from", "and", "my", "his", "her", "our",
    "their", "this", "that", "i", "we", "he", "she", "they", "near", "by", "along", "down", "up",
    "off", "via", "main", "high",
];

/// Full street words matched by prefix, with how many more chars an inflection may add.
const STREET_PREFIXES: &[(&str, usize)] = &[
    ("вуліц", 3),
    ("улиц", 3),
    // Ukrainian
    ("вулиц", 3),
    ("провул", 3),
    ("праспек", 4),
    ("проспек", 4),
    ("завул", 3),
    ("пераўл", 3),
    ("переул", 3),
    ("пераул", 3),
    ("бульвар", 3),
    ("плошч", 3),
    ("площад", 3),
    ("набярэжн", 4),
    ("набережн", 4),
    ("мікрараён", 3),
    ("микрорайон", 3),
    ("ulic", 2),
    ("vulic", 3),
    ("vulits", 3),
    ("ulits", 3),
    ("prospekt", 3),
    ("praspekt", 3),
    ("praspiekt", 3),
];
/// Full street words matched exactly (their prefixes are other words: трактар, шашкі).
const STREET_EXACT: &[&str] = &[
    "тракт",
    "тракта",
    "тракту",
    "тракце",
    "тракте",
    "трактам",
    "трактом",
    "шаша",
    "шашы",
    "шашу",
    "шашой",
    "шоссе",
    "aleja",
    "alei",
    "aleje",
    "тупік",
    "тупик",
    "тупіку",
    "тупике",
];

const STREET_PROEZD: &[&str] = &[
    "праезд",
    "праезда",
    "праездзе",
    "проезд",
    "проезда",
    "проезде",
];
const STREET_EN: &[&str] = &["street", "avenue", "road", "lane", "boulevard", "prospect"];
/// The abbreviations `street_word` matches (for the quick filter of words).
const STREET_ABBR: &[&str] = &[
    "вул",
    "ул",
    "vul",
    "ul",
    "пр-т",
    "пр-кт",
    "пр-д",
    "просп",
    "бульв",
    "пр",
    "пер",
    "бул",
    "пл",
    "наб",
    "мкр",
    "туп",
    "pr",
    "al",
    "pl",
    "str",
    "ш",
    "st",
    "ave",
    "rd",
    "blvd",
    "ln",
    "av",
    "g",
];

fn street_word(t: &Text, w: &Word) -> Option<Street> {
    if w.hot & STREET == 0 {
        return None;
    }
    let dot = t.at(w.e) == Some('.');
    let end = if dot { w.e + 1 } else { w.e };
    let low = t.low(w);
    let st = |mode, strict, house, saint| {
        Some(Street {
            end,
            mode,
            strict,
            house,
            saint,
        })
    };
    let full = |end: usize, mode| {
        Some(Street {
            end,
            mode,
            strict: false,
            house: false,
            saint: false,
        })
    };
    match low {
        "вул" | "ул" | "vul" | "ul" | "пр-т" | "пр-кт" | "пр-д" | "просп" | "бульв" =>
        {
            return st(Mode::Both, false, false, false);
        }
        "пр" | "пер" | "бул" | "пл" | "наб" | "мкр" | "туп" | "pr" | "al" | "pl" | "str" | "ш"
            if dot =>
        {
            let mode = if low == "str" || low == "pr" {
                Mode::Both
            } else {
                Mode::Pre
            };
            let strict = !matches!(low, "пер" | "бул" | "str");
            return st(mode, strict, low == "ш", false);
        }
        "st" | "ave" | "rd" | "blvd" | "ln" | "av" => {
            return st(Mode::Post, false, false, low == "st");
        }
        "g" if dot => return st(Mode::Post, false, true, false),
        _ => {}
    }
    if STREET_PREFIXES
        .iter()
        .any(|(p, extra)| has_prefix(low, p) && low.chars().count() - p.chars().count() <= *extra)
        || STREET_EXACT.contains(&low)
    {
        return full(w.e, Mode::Both);
    }
    if STREET_PROEZD.contains(&low) {
        return Some(Street {
            end: w.e,
            mode: Mode::Pre,
            strict: true,
            house: false,
            saint: false,
        });
    }
    if STREET_EN.contains(&low) {
        return full(w.e, Mode::Post);
    }
    None
}

/// A house number at `j`: 1 to `max` digits, a letter, `/` or dash parts; its end.
fn house_token(t: &Text, j: usize, max: usize) -> Option<usize> {
    let num = |k: usize, max: usize| -> Option<usize> {
        let d = (k..k + max + 1).take_while(|&x| t.is_digit(x)).count();
        if d == 0 || d > max {
            return None;
        }
        let mut e = k + d;
        if t.is(e, alpha) && !t.is(e + 1, alpha) {
            e += 1;
            // "8к2": a building number glued on.
            let b = (e..e + 4).take_while(|&x| t.is_digit(x)).count();
            if (1..=3).contains(&b) {
                e += b;
            }
        }
        Some(e)
    };
    let mut k = num(j, max)?;
    while t.is(k, |c| c == '/' || is_dash(c)) && t.is_digit(k + 1) {
        k = num(k + 1, 4)?;
    }
    let boundary = match t.at(k) {
        None => true,
        Some(c) if c.is_whitespace() || ",;)»\"!?".contains(c) => true,
        Some('.') => t.at(k + 1).is_none_or(char::is_whitespace),
        _ => false,
    };
    boundary.then_some(k)
}

/// The first word starting at `j` (after up to one space), lowercase.
fn word_at<'t>(t: &'t Text<'_>, j: usize) -> Option<&'t Word> {
    let idx = t.word_index_from(j);
    t.words.get(idx).filter(|w| w.s == j)
}

/// "50 лет", "8", "1-го" followed by a capitalised word: the end of the numeric part.
fn numeric_name(t: &Text, j: usize) -> Option<usize> {
    let d = (j..j + 4).take_while(|&x| t.is_digit(x)).count();
    if d == 0 || d > 3 {
        return None;
    }
    let mut k = j + d;
    if t.is(k, is_dash) && t.is(k + 1, char::is_lowercase) {
        let l = (k + 1..k + 5)
            .take_while(|&x| t.is(x, char::is_lowercase))
            .count();
        if l > 3 {
            return None;
        }
        k += 1 + l;
    }
    let m = t.skip_hspace(k, 1);
    if m == k {
        return None;
    }
    let w = word_at(t, m)?;
    if ["лет", "гадоў", "годдзя", "years", "year", "гадоу"].contains(&t.low(w)) {
        let m2 = t.skip_hspace(w.e, 1);
        return (m2 > w.e && t.is(m2, char::is_uppercase)).then_some(w.e);
    }
    t.is(m, char::is_uppercase).then_some(k)
}

/// Parses what follows a street word: the name (when `names_ok`) and the house, flat etc.
/// Returns the end of the last part taken and the number of name words.
fn addr_forward(t: &Text, k0: usize, names_ok: bool) -> (Option<usize>, usize, bool) {
    let mut k = k0;
    let mut end = None;
    let mut names = 0;
    let mut house = false;
    let mut after_comma = false;
    for round in 0..10 {
        let mut j = t.skip_hspace(k, 2);
        if t.at(j) == Some(',') {
            after_comma = true;
            j = t.skip_hspace(j + 1, 2);
        }
        if round > 0 && j == k {
            break;
        }
        let Some(c) = t.at(j) else { break };
        if c.is_uppercase() && names_ok && !house && !after_comma && names < 4 {
            let we = t.word_end(j);
            if we == j + 1 && t.at(we) == Some('.') {
                k = we + 1;
            } else {
                k = we;
            }
            names += 1;
            end = Some(k);
            continue;
        }
        if c.is_ascii_digit() {
            if names_ok
                && names == 0
                && !house
                && !after_comma
                && let Some(ne) = numeric_name(t, j)
            {
                k = ne;
                continue;
            }
            if let Some(he) = house_token(t, j, 3) {
                let m = t.skip_hspace(he, 1);
                if word_at(t, m).is_some_and(|w| YEAR_WORDS.contains(&t.low(w))) {
                    break;
                }
                k = he;
                end = Some(he);
                house = true;
                continue;
            }
            break;
        }
        if c == '№' {
            let m = t.skip_hspace(j + 1, 2);
            if let Some(he) = house_token(t, m, 4) {
                k = he;
                end = Some(he);
                house = true;
                continue;
            }
            break;
        }
        if let Some(w) = word_at(t, j) {
            if names_ok && names == 0 && (t.low(w) == "імя" || t.low(w) == "имени") {
                k = w.e;
                continue;
            }
            if HOUSE_KW.contains(&t.low(w)) {
                let mut m = w.e;
                if t.at(m) == Some('.') {
                    m += 1;
                }
                m = t.skip_hspace(m, 2);
                if t.at(m) == Some('№') {
                    m = t.skip_hspace(m + 1, 2);
                }
                if let Some(he) = house_token(t, m, 4) {
                    k = he;
                    end = Some(he);
                    house = true;
                    continue;
                }
            }
        }
        break;
    }
    (end, names, house)
}

/// Capitalised name words before a street word at `ws` (and an English house number before
/// them): the start and the number of name words.
fn addr_backward(t: &Text, ws: usize) -> (usize, usize) {
    let mut start = ws;
    let mut names = 0;
    let mut k = ws;
    while names < 3 {
        let j = t.skip_hspace_back(k, 2);
        if j == k {
            break;
        }
        let Some(w) = t.word_ending_at(j) else { break };
        let first = t.c[w.s];
        if !first.is_uppercase() {
            break;
        }
        let ok = if is_cyrillic(first) {
            ADJ_ENDINGS.iter().any(|e| t.low(w).ends_with(e)) && t.low(w).chars().count() > 3
        } else {
            !BACK_STOP.contains(&t.low(w))
        };
        if !ok {
            break;
        }
        names += 1;
        start = w.s;
        k = w.s;
    }
    if names > 0 {
        let j = t.skip_hspace_back(start, 2);
        if j < start {
            let mut s = j;
            while s > 0 && j - s < 12 && (alnum(t.c[s - 1]) || t.c[s - 1] == '/') {
                s -= 1;
            }
            if t.is_digit(s) && t.starts_word(s) && house_token(t, s, 4) == Some(j) {
                start = s;
            }
        }
    }
    (start, names)
}

fn addresses(t: &Text, out: &mut Vec<Span>) {
    for (wi, w) in t.words.iter().enumerate() {
        let Some(st) = street_word(t, w) else {
            continue;
        };
        if st.strict && wi > 0 && ["и", "і", "etc", "т", "et"].contains(&t.low(&t.words[wi - 1]))
        {
            continue;
        }
        let (fwd_end, fwd_names, house) = addr_forward(t, st.end, st.mode != Mode::Post);
        let (back_start, back_names) = if st.mode == Mode::Pre {
            (w.s, 0)
        } else {
            addr_backward(t, w.s)
        };
        let ok = match st.mode {
            Mode::Pre => fwd_names > 0,
            Mode::Post => back_names > 0,
            Mode::Both => fwd_names > 0 || (back_names > 0 && (!st.strict || house)),
        } && (!st.house || house);
        if !ok {
            continue;
        }
        if st.saint {
            let m = t.skip_hspace(st.end, 2);
            if t.is(m, char::is_uppercase) {
                continue;
            }
        }
        let start = if back_names > 0 { back_start } else { w.s };
        let end = fwd_end.map_or(st.end, |e| e.max(st.end));
        t.push(out, start, end, Kind::Address);
    }
}

/// Words that put a street after them without naming it a street: `жыў на Сурганова, 28-14`,
/// `мешкав на Шевченка 5/12`, `mieszkał na Kościuszki 12-4`, `lived at Surhanava 28-14`.
const PLACE_PREPOSITIONS: &[&str] = &[
    "на",
    "по",
    "na",
    "at",
    "on",
    "адрес",
    "адресу",
    "адрас",
    "адрасе",
    "адреса",
    "адресою",
    "address",
    "adres",
    "adresem",
];

/// Words that announce a flat after a house number: `Сурганова 28 кв 14`, `Kościuszki 7 m. 3`.
const FLAT_WORDS: &[&str] = &[
    "кв",
    "kv",
    "apt",
    "flat",
    "m",
    "mieszk",
    "кварт",
    "квартира",
];

/// Words after a number that make it a count or a date, not a house: `на Беларуськаліі 3-4
/// гады`, `на Каляды 24-25 снежня`.
const COUNT_WORDS: &[&str] = &[
    "студзеня",
    "лютага",
    "сакавіка",
    "красавіка",
    "мая",
    "чэрвеня",
    "ліпеня",
    "жніўня",
    "жніуня",
    "верасня",
    "кастрычніка",
    "лістапада",
    "снежня",
    "января",
    "февраля",
    "марта",
    "апреля",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
    "чалавек",
    "чалавекі",
    "людзей",
    "людей",
    "человека",
    "гады",
    "гадоў",
    "год",
    "года",
    "гадоу",
    "лет",
    "дні",
    "дзён",
    "дзен",
    "дня",
    "дней",
    "днів",
    "тыдні",
    "тыдняў",
    "недели",
    "недель",
    "месяцы",
    "месяцаў",
    "месяца",
    "месяцев",
    "місяці",
    "сутак",
    "суток",
    "разы",
    "раза",
    "разів",
    "чалавек",
    "человек",
    "осіб",
    "чел",
    "мин",
    "хвілін",
    "минут",
    "гадзіны",
    "часа",
    "часов",
    "годин",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "times",
    "people",
    "lat",
    "dni",
    "razy",
    "osób",
    "godzin",
    "miesięcy",
];

/// A street named without a street word, after a preposition of place: the preposition, one or
/// two capitalised words, an optional comma, and a house with its flat or building (`28-14`,
/// `5/12`, `12а-3`: two numbers, so that a count such as `3-4 гады` or `Part 2` is no address),
/// not followed by a word that makes the numbers a count. The span is the name and the house.
fn unmarked_streets(t: &Text, out: &mut Vec<Span>) {
    for (wi, w) in t.words.iter().enumerate() {
        if w.e - w.s > 7 || !PLACE_PREPOSITIONS.contains(&t.low(w)) {
            continue;
        }
        let mut k = wi + 1;
        let mut last = None;
        while k < t.words.len() && k <= wi + 2 {
            let n = &t.words[k];
            let mut gap = &t.c[last.map_or(w.e, |l: Word| l.e)..n.s];
            // `Адрес: Сурганова 28-14`.
            if last.is_none() && gap.first() == Some(&':') {
                gap = &gap[1..];
            }
            let capitalised = t.c[n.s].is_uppercase()
                && t.c[n.s + 1..n.e].iter().any(|c| c.is_lowercase())
                && t.c[n.s..n.e]
                    .iter()
                    .all(|&c| alpha(c) || matches!(c, '-' | '\'' | '’'));
            // (A month is no street: `on March 3-4`.)
            if !capitalised
                || gap.is_empty()
                || !gap.iter().all(|&c| is_hspace(c))
                || COUNT_WORDS.contains(&t.low(n))
            {
                break;
            }
            last = Some(*n);
            k += 1;
        }
        let Some(name) = last else {
            continue;
        };
        let mut j = name.e;
        if t.at(j) == Some(',') {
            j += 1;
        }
        let h = t.skip_hspace(j, 2);
        if h == j && t.at(name.e) != Some(',') {
            continue;
        }
        let Some(mut end) = house_token(t, h, 3) else {
            continue;
        };
        let mut two_numbers = t.c[h..end].iter().any(|&c| c == '/' || is_dash(c));
        if !two_numbers && let Some(flat) = flat_after(t, end) {
            (end, two_numbers) = (flat, true);
        }
        let count = t
            .words
            .get(t.word_index_from(end))
            .filter(|next| t.c[end..next.s].iter().all(|&c| is_hspace(c)))
            .is_some_and(|next| COUNT_WORDS.contains(&t.low(next)));
        if two_numbers && !count {
            t.push(out, t.words[wi + 1].s, end, Kind::Address);
        }
    }
}

/// The end of a flat written after a house number ending at `k`: `, кв. 14`, ` кв 8`, ` m. 3`.
fn flat_after(t: &Text, k: usize) -> Option<usize> {
    let mut j = k;
    if t.at(j) == Some(',') {
        j += 1;
    }
    let j = t.skip_hspace(j, 2);
    let w = word_at(t, j)?;
    if !FLAT_WORDS.contains(&t.low(w)) {
        return None;
    }
    let mut m = w.e;
    if t.at(m) == Some('.') {
        m += 1;
    }
    let m = t.skip_hspace(m, 2);
    house_token(t, m, 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spans(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        find(text, &mut out);
        out
    }

    fn show(text: &str) -> Vec<(Kind, &str)> {
        spans(text)
            .into_iter()
            .map(|s| (s.kind, &text[s.start..s.end]))
            .collect()
    }

    /// `want` occurs in `text` and a span of `kind` covers exactly it.
    #[track_caller]
    fn exact(text: &str, kind: Kind, want: &str) {
        let at = text.find(want).expect("fixture contains the value");
        let found = spans(text)
            .iter()
            .any(|s| s.kind == kind && s.start == at && s.end == at + want.len());
        assert!(
            found,
            "{kind:?} {want:?} not found exactly in {text:?}: {:?}",
            show(text)
        );
    }

    #[track_caller]
    fn none(text: &str) {
        let got = show(text);
        assert!(got.is_empty(), "false positives in {text:?}: {got:?}");
    }

    /// A control character between the groups of a number (a review found `+370\u{8}61234567`
    /// in a narrative: JSON writes it `\b`, which a reader's tools show as a space) separates
    /// them like a space.
    #[test]
    fn control_characters_between_digit_groups_are_spaces() {
        for c in ['\u{7}', '\u{8}', '\u{1b}', '\u{7f}', '\u{9b}'] {
            let number = format!("+370{c}61234567");
            exact(&format!("Мой нумар {number}."), Kind::Phone, &number);
            let card = format!("4255{c}1901{c}2345{c}6789");
            exact(&format!("картка {card}"), Kind::IdNumber, &card);
        }
    }

    /// Digits of other scripts, full-width and mathematical forms are digits to every detector
    /// (the review found `＋３７５ ２９ …` in a narrative, typed on a Chinese keyboard), and the
    /// span still covers exactly the characters written.
    #[test]
    fn digits_of_other_scripts_and_full_width_forms_are_digits() {
        for (text, kind, want) in [
            (
                "Звані на ＋３７５ ２９ １２３ ４５ ６７ вечарам.",
                Kind::Phone,
                "＋３７５ ２９ １２３ ４５ ６７",
            ),
            (
                "Номер: +٣٧٥٢٩١٢٣٤٥٦٧, пишите.",
                Kind::Phone,
                "+٣٧٥٢٩١٢٣٤٥٦٧",
            ),
            (
                "Тэлефон +۳۷۵ ۲۹ ۷۶۵ ۴۳ ۲۱.",
                Kind::Phone,
                "+۳۷۵ ۲۹ ۷۶۵ ۴۳ ۲۱",
            ),
            ("Пашпарт MP𝟏𝟐𝟑𝟒𝟓𝟔𝟕 забралі.", Kind::IdNumber, "MP𝟏𝟐𝟑𝟒𝟓𝟔𝟕"),
            (
                "Паспорт ＭＰ１２３４５６７ изъяли.",
                Kind::IdNumber,
                "ＭＰ１２３４５６７",
            ),
            (
                "Пішыце на ales＠tut．by калі ласка.",
                Kind::Email,
                "ales＠tut．by",
            ),
            ("Машына १२३४ AB-७ стаяла ля дома.", Kind::Plate, "१२३४ AB-७"),
        ] {
            exact(text, kind, want);
        }
        // Ordinary numbers stay ordinary in any script.
        none("Суд адбыўся ２０２２ года, артыкул ３４２.");
        none("Ён атрымаў ٣ гады калоніі.");
    }

    /// Personal numbers of the countries exiles live in (Poland, Lithuania, Latvia, Estonia,
    /// Ukraine) and Ukrainian passport booklets, each by its check digit or its date.
    #[test]
    fn personal_numbers_of_neighbouring_countries() {
        for (text, want) in [
            ("PESEL: 44051401359, wydany w Warszawie.", "44051401359"),
            ("Jego PESEL 02270803624 znaleźli w aktach.", "02270803624"),
            ("Asmens kodas 38703181745, gyvena Vilniuje.", "38703181745"),
            ("Isikukood 49403136515.", "49403136515"),
            ("Personas kods 120389-12345 tika atrasts.", "120389-12345"),
            ("УНЗР 19900101-00009 у картці.", "19900101-00009"),
            ("Паспорт КМ 123456 забрали на кордоні.", "КМ 123456"),
            ("Паспорт СН123456.", "СН123456"),
        ] {
            exact(text, Kind::IdNumber, want);
        }
        // After its keyword, also in groups.
        exact(
            "Mój PESEL to 440514 01359, a jej 440 514 013 59.",
            Kind::IdNumber,
            "440514 01359",
        );
        exact("a jej 440 514 013 59.", Kind::IdNumber, "440 514 013 59");
        none("Было 12 345 678 901 рублёў і 440 514 013 58.");
        // A case number or a protocol's is a reference, even when it passes a check; not after
        // a personal number's keyword.
        none("Крымінальная справа № 20211500009 была ўзбуджана.");
        none("Уголовное дело 20211500009, протокол 150322-00001, дата 20220315-12345.");
        exact(
            "Справа супраць яго, PESEL 44051401359.",
            Kind::IdNumber,
            "44051401359",
        );
        exact(
            "Актывіст 44051401359 быў там.",
            Kind::IdNumber,
            "44051401359",
        );
        // The same shapes with a wrong check digit, an impossible date, or one digit more or
        // less, are ordinary numbers.
        none("Номер справы 44051401358 у судзе.");
        none("Account 12345678901 closed.");
        none("Case 123456-12345 and 20221340-12345.");
        none("Справа 1990010-00009, том 4.");
        none("ИК 12345 и ИК-15 в Шклове.");
    }

    #[test]
    fn ukrainian_plates() {
        for (text, want) in [
            ("Бус АА 1234 ВВ стояв біля під'їзду.", "АА 1234 ВВ"),
            ("The van KA1234HX followed us.", "KA1234HX"),
            ("Машина ВН 0007 ТІ, сіра.", "ВН 0007 ТІ"),
        ] {
            exact(text, Kind::Plate, want);
        }
        none("Article CC 1234 of the code.");
    }

    /// Addresses and links written with spaces around their dots and slashes, so that a chat
    /// does not make links of them.
    #[test]
    fn spaced_addresses_and_links() {
        exact(
            "Пішыце на ales @ tut . by калі ласка.",
            Kind::Email,
            "ales @ tut . by",
        );
        exact(
            "Его почта ivan.petrov @ gmail . com, пишите.",
            Kind::Email,
            "ivan.petrov @ gmail . com",
        );
        exact(
            "Канал t . me / zabastovka_by закрылі.",
            Kind::Handle,
            "t . me / zabastovka_by",
        );
        exact(
            "Профиль vk . com/id12345 удалён.",
            Kind::Handle,
            "vk . com/id12345",
        );
        none("Meet me @ 5 . Then go.");
        none("Разделы 3 . 4 / 5 и далее.");
        none("Написал t . me / ? и всё.");
    }

    #[test]
    fn ascii_form_is_one_char_for_one() {
        assert_eq!(ascii_form('５'), '5');
        assert_eq!(ascii_form('٥'), '5');
        assert_eq!(ascii_form('𝟝'), '5');
        assert_eq!(ascii_form('＠'), '@');
        assert_eq!(ascii_form('Ｚ'), 'Z');
        for c in [
            'a',
            'Я',
            'ў',
            'ł',
            '½',
            '²',
            '①',
            'Ⅳ',
            '\u{FF5F}',
            '\u{1D7CD}',
        ] {
            assert_eq!(ascii_form(c), c, "{c:?}");
        }
    }

    #[test]
    fn streets_named_without_a_street_word() {
        for (text, want) in [
            ("Он жил на Сурганова, 28-14 до ареста.", "Сурганова, 28-14"),
            ("Мешкав на Шевченка 5/12, потім виїхав.", "Шевченка 5/12"),
            (
                "Mieszkał na Kościuszki 12-4 w Białymstoku.",
                "Kościuszki 12-4",
            ),
            (
                "Кватэра на Якуба Коласа 12а-3 была апячатана.",
                "Якуба Коласа 12а-3",
            ),
            ("He lived at Surhanava 28-14.", "Surhanava 28-14"),
            (
                "Обыск был по адресу Сурганова 28 кв 14",
                "Сурганова 28 кв 14",
            ),
            ("Адрес: Сурганова 28-14.", "Сурганова 28-14"),
            ("Адрас: Кульман 14, кв. 8, паверх", "Кульман 14, кв. 8"),
        ] {
            exact(text, Kind::Address, want);
        }
        for text in [
            "Працаваў на Беларуськаліі 3-4 гады, на Азоце 2-3 месяцы.",
            "Звольнілі на CC 361-1 і на KGB 1-2.",
            "Сход быў на Кастрычніцкай 5 у 2020 годзе.",
            "на Каляды 24-25 снежня",
            "On March 3-4 we met.",
            "на Гродна Азоце 2 чалавекі",
        ] {
            none(text);
        }
    }

    #[test]
    fn phones_belarusian() {
        for (text, want) in [
            ("Номер +375/29/7654321 и", "+375/29/7654321"),
            ("Номер +375 / 29 / 765 43 21 и", "+375 / 29 / 765 43 21"),
            ("Мой тэл.: +375 29 123-45-67, пішыце.", "+375 29 123-45-67"),
            ("звоните +375(29)1234567 вечером", "+375(29)1234567"),
            ("офис: +375 (17) 222 33 44.", "+375 (17) 222 33 44"),
            ("нумар 8 029 123 45 67 быў адключаны", "8 029 123 45 67"),
            ("яго нумар 8029 1234567", "8029 1234567"),
            ("пазваніў з 80291234567 учора", "80291234567"),
            ("Тел. 8 (029) 123-45-67", "8 (029) 123-45-67"),
            ("WhatsApp 375291234567", "375291234567"),
            ("a number 00375 29 123 45 67 abroad", "00375 29 123 45 67"),
            (
                "+375\u{a0}29\u{a0}123\u{2013}45\u{2013}67",
                "+375\u{a0}29\u{a0}123\u{2013}45\u{2013}67",
            ),
            ("нумар (029) 123‑45‑67 адключаны", "(029) 123‑45‑67"),
            ("мабільны 29 123 45 67", "29 123 45 67"),
            ("+375 29 1234567; +375 33 7654321", "+375 33 7654321"),
            ("+375.29.123.45.67", "+375.29.123.45.67"),
            ("8 017 222-33-44", "8 017 222-33-44"),
            // Letters glued to the last digit.
            ("Маці: +375291234567мама.", "+375291234567"),
            ("80291234567тата", "80291234567"),
            ("+375 29 123 45 67viber", "+375 29 123 45 67"),
            ("+48 512 345 678PL", "+48 512 345 678"),
        ] {
            exact(text, Kind::Phone, want);
        }
    }

    #[test]
    fn phones_international_and_local() {
        for (text, want) in [
            ("Lithuanian number +370 612 34567.", "+370 612 34567"),
            ("in Warsaw: +48 600 123 456", "+48 600 123 456"),
            ("в Москве +7 (495) 123-45-67", "+7 (495) 123-45-67"),
            ("call +1 202-555-0143 now", "+1 202-555-0143"),
            ("+380 67 123 4567", "+380 67 123 4567"),
            ("Телефон 8 (495) 123-45-67", "8 (495) 123-45-67"),
            ("тэл. 123-45-67", "123-45-67"),
            ("тел. 222 33 44", "222 33 44"),
            ("phone: 2223344", "2223344"),
            ("home phone 22-33-44", "22-33-44"),
            ("моб. 123 45 67", "123 45 67"),
            ("ён даў нумар 123-45-67 і пайшоў", "123-45-67"),
            ("+375 29 123 45 67 2022", "+375 29 123 45 67"),
            ("+48 600 123 456 2022", "+48 600 123 456"),
            ("+995 555 123 456", "+995 555 123 456"),
        ] {
            exact(text, Kind::Phone, want);
        }
    }

    #[test]
    fn phones_not_ordinary_numbers() {
        for text in [
            "19.04.2022",
            "2022-04-19",
            "14:30",
            "ст. 361-1",
            "CC 342",
            "Article 130 part 3",
            "№ 1-123/2022",
            "5000 BYN",
            "1 500 000 рублей",
            "в 2020 2021 и 2022 годах",
            "ПК-3",
            "в 2021 8 человек",
            "телефон изъяли 12.03.2021",
            "телефон забрали в 2021-2022",
            "уголовное дело № 20211500123",
            "+5 %",
            "25 000 000",
        ] {
            none(text);
        }
    }

    #[test]
    fn emails() {
        for (text, want) in [
            ("пішыце на ivan.petrov@gmail.com.", "ivan.petrov@gmail.com"),
            ("e-mail: i_p-2+tag@mail.ru", "i_p-2+tag@mail.ru"),
            ("пошта іван@пошта.бел", "іван@пошта.бел"),
            ("почта иван@почта.рф, пишите", "иван@почта.рф"),
            (
                "mail ivan [at] mail [dot] ru please",
                "ivan [at] mail [dot] ru",
            ),
            ("mail ivan(at)mail.ru please", "ivan(at)mail.ru"),
            ("ivan (собака) tut.by", "ivan (собака) tut.by"),
            ("write ivan at mail dot ru", "ivan at mail dot ru"),
            ("write ivan at gmail.com", "ivan at gmail.com"),
            ("ivan{at}mail{dot}ru", "ivan{at}mail{dot}ru"),
            ("user@xn--90ais.xn--p1ai", "user@xn--90ais.xn--p1ai"),
            ("ivan@mail", "ivan@mail"),
            ("пішыце zubr1987 @gmail.com сёння", "zubr1987 @gmail.com"),
            ("пішыце zubr1988 @ gmail.com сёння", "zubr1988 @ gmail.com"),
            ("пішыце zubr1989@ gmail.com сёння", "zubr1989@ gmail.com"),
            ("пішыце zubr1991 [@] mail.ru сёння", "zubr1991 [@] mail.ru"),
            ("пішыце zubr1992(@)tut.by сёння", "zubr1992(@)tut.by"),
            (
                "zubr1990 гаў gmail кропка com",
                "zubr1990 гаў gmail кропка com",
            ),
        ] {
            exact(text, Kind::Email, want);
        }
        none("I was at home. Then at work.");
        none("meet at mail office at 5");
        none("Meet @ 5pm, at home @ Minsk, price 5 @ 10.by.");
    }

    #[test]
    fn handles_and_links() {
        for (text, want) in [
            ("пісаў мне @ivan_p ноччу", "@ivan_p"),
            ("канал @belsat.tv", "@belsat.tv"),
            ("see https://t.me/ivan_p.", "https://t.me/ivan_p"),
            ("telegram.me/joinchat/AbCd", "telegram.me/joinchat/AbCd"),
            ("(www.instagram.com/ivan.p)", "www.instagram.com/ivan.p"),
            ("vk.com/id12345, ok.ru/profile/1", "vk.com/id12345"),
            ("vk.com/id12345, ok.ru/profile/1", "ok.ru/profile/1"),
            (
                "https://m.facebook.com/ivan.petrov",
                "https://m.facebook.com/ivan.petrov",
            ),
            ("fb.com/ivan x.com/ivan", "x.com/ivan"),
            ("twitter.com/ivan_p!", "twitter.com/ivan_p"),
            ("youtube.com/@ivanp", "youtube.com/@ivanp"),
            ("signal.me/#eu/abc", "signal.me/#eu/abc"),
            ("wa.me/375291234567", "wa.me/375291234567"),
            (
                "чат tg://resolve?domain=zavod_chat_by сёння",
                "tg://resolve?domain=zavod_chat_by",
            ),
            ("Telegram: ivan_p", "ivan_p"),
            ("Signal: ivanp", "ivanp"),
            ("тг: @ivan_p", "@ivan_p"),
            ("instagram ivan.p", "ivan.p"),
            ("у тэлеграме ivan_p2", "ivan_p2"),
            ("ник — petrov1990", "petrov1990"),
            ("пiшыце ў тг freeunion_by", "freeunion_by"),
            ("My Telegram username is ivanp89", "ivanp89"),
            ("Instagram: free.union, tiktok @freeunion", "free.union"),
            // A few words away from the messenger word, in the same clause.
            ("Пиши в телегу на mikola_zhd (ник).", "mikola_zhd"),
            ("ник в телеге — mikola_zhd", "mikola_zhd"),
            ("пісаў з mikola_zhd (нік)", "mikola_zhd"),
            // Defanged, as links are written so that chats do not open them.
            ("канал t[.]me/zavod_chat сёння", "t[.]me/zavod_chat"),
            ("hxxps://t(.)me/ivan_p", "hxxps://t(.)me/ivan_p"),
            ("старонка VK{.}com/id12345.", "VK{.}com/id12345"),
            ("instagram[dot]com/ivan.p", "instagram[dot]com/ivan.p"),
            (
                "(facebook(dot)com/ivan.petrov)",
                "facebook(dot)com/ivan.petrov",
            ),
        ] {
            exact(text, Kind::Handle, want);
        }
        for text in [
            // Vocabulary codes of a rendering are in other fields.
            "\"notes\":\"via Telegram\"},{\"type\":\"ill_treatment\"",
            "via Telegram,ill_treatment,2021-05",
            "In Telegram he was active in 2021 and 2022.",
            "Telegram: the channel",
            "в телеграме написали",
            "fox.com/news",
            "bigbook.ok.ru/x",
            "vk.com",
            "vk[.]com",
            "fox[.]com/news",
            "t[.]me/",
        ] {
            none(text);
        }
    }

    #[test]
    fn id_numbers_found() {
        for (text, want) in [
            ("пашпарт MP1234567 забралі", "MP1234567"),
            ("серыя MP 1234567", "MP 1234567"),
            ("КН 7654321", "КН 7654321"),
            ("НВ\u{a0}1234567,", "НВ\u{a0}1234567"),
            ("AB-1234567", "AB-1234567"),
            ("mp1234567", "mp1234567"),
            ("ідэнтыфікацыйны нумар 3140582A001PB1", "3140582A001PB1"),
            ("личный номер 3140582а001рв1.", "3140582а001рв1"),
            ("ID 3140582A001PB1", "3140582A001PB1"),
            ("паспарт № 1234567", "1234567"),
            ("паспорт серии МР № 2345678", "МР № 2345678"),
            ("passport no. 123456789", "123456789"),
            ("паспорт гражданина РБ серии BM 3456789", "BM 3456789"),
            ("passport number: AB123456", "AB123456"),
            ("серыя НВ нумар 1234567", "1234567"),
            ("ID number 7654321", "7654321"),
            // Split to be read out or copied from a passport page; no trigger word needed.
            ("нумар 3 140285 A001 PB2.", "3 140285 A001 PB2"),
            ("Личный номер 3140285 A001PB2.", "3140285 A001PB2"),
            ("у жонкі 3140285-A-001-PB-2, у мужа", "3140285-A-001-PB-2"),
            ("3140285 A 001 PB 2", "3140285 A 001 PB 2"),
            // Passports of other countries, in groups.
            ("российский паспорт 45 12 345678", "45 12 345678"),
            ("паспорт РФ серия 4512 № 345678", "4512 № 345678"),
            // Bank cards and accounts.
            ("карта 4255 1901 2345 6789, перевели", "4255 1901 2345 6789"),
            ("з карты 4111111111111111 ", "4111111111111111"),
            (
                "IBAN BY20 ALFA 3014 2000 0000 0000 0001",
                "BY20 ALFA 3014 2000 0000 0000 0001",
            ),
            (
                "рахунак BY20OLMP31350000001000000933 у банку",
                "BY20OLMP31350000001000000933",
            ),
        ] {
            exact(text, Kind::IdNumber, want);
        }
        for text in [
            "паспорт забралі 12.03.2021",
            "passport confiscated in 2021",
            "на 1234567",
            "паспорт изъяли, дело № 20211500123",
            "паспарт забралі. Справа 123456789",
            "дело № 20211500123456 возбуждено",
            "passport confiscated in 2021, 15 days",
            "at 4111111111111112 metres",
        ] {
            assert!(
                !spans(text).iter().any(|s| s.kind == Kind::IdNumber),
                "{text:?}: {:?}",
                show(text)
            );
        }
    }

    #[test]
    fn plates_found() {
        for (text, want) in [
            ("машына 1234 AB-7 стаяла", "1234 AB-7"),
            ("бус 1234 АВ-7", "1234 АВ-7"),
            ("1234AB7", "1234AB7"),
            ("1234 IX–5", "1234 IX–5"),
            ("AB 1234-7", "AB 1234-7"),
            ("МР 1234-7", "МР 1234-7"),
            ("автомобиль А123ВС 77", "А123ВС 77"),
            ("А 123 ВС 777", "А 123 ВС 777"),
            ("К777ОР199", "К777ОР199"),
            ("номер машины ABC 123", "ABC 123"),
            ("plate WA 12345", "WA 12345"),
            ("нумарны знак — KLM 456", "KLM 456"),
            ("a car with plates WX 1234A", "WX 1234A"),
            ("госномер LT-4567", "LT-4567"),
        ] {
            exact(text, Kind::Plate, want);
        }
        for text in [
            "машына 2020 года",
            "ПК-3",
            "ч. 1 ст. 342 КК",
            "В 2021 году",
            "машина BMW X5",
            "аўто з 2019",
        ] {
            none(text);
        }
    }

    #[test]
    fn addresses_found() {
        for (text, want) in [
            (
                "жыве на вул. Леніна, д. 12, кв. 45.",
                "вул. Леніна, д. 12, кв. 45",
            ),
            (
                "живе на вулиця Городоцька, 15, кв. 4.",
                "вулиця Городоцька, 15, кв. 4",
            ),
            ("вуліца Янкі Купалы 12/3 — там", "вуліца Янкі Купалы 12/3"),
            ("па вуліцы Кастрычніцкай 5а", "вуліцы Кастрычніцкай 5а"),
            ("ул. 50 лет Октября, 12-45", "ул. 50 лет Октября, 12-45"),
            (
                "пр-т Независимости, д. 4, корп. 1, кв. 7",
                "пр-т Независимости, д. 4, корп. 1, кв. 7",
            ),
            ("пр. Пераможцаў 12", "пр. Пераможцаў 12"),
            ("пер. Кальварыйскі, 3", "пер. Кальварыйскі, 3"),
            ("на плошчы Незалежнасці", "плошчы Незалежнасці"),
            ("улица Карла Маркса дом 5", "улица Карла Маркса дом 5"),
            ("ул.К. Маркса 7", "ул.К. Маркса 7"),
            ("на Кальварыйскай вуліцы 21", "Кальварыйскай вуліцы 21"),
            ("Лагойскі тракт 50", "Лагойскі тракт 50"),
            ("Минское шоссе, 12", "Минское шоссе, 12"),
            ("бул. Шевченко 8к2", "бул. Шевченко 8к2"),
            ("вуліца Леніна", "вуліца Леніна"),
            ("ул. имени Ленина 5", "ул. имени Ленина 5"),
            ("He lived at 12 Lenin Street.", "12 Lenin Street"),
            ("14 Nezalezhnasti Ave, apt 5", "14 Nezalezhnasti Ave, apt 5"),
            ("Lenin St. 12, flat 3", "Lenin St. 12, flat 3"),
            ("on Kalvaryjskaja Street", "Kalvaryjskaja Street"),
            ("ul. Marszałkowska 10/12", "ul. Marszałkowska 10/12"),
            ("Gedimino pr. 9", "Gedimino pr. 9"),
            ("Lenina str. 5", "Lenina str. 5"),
            ("ul. Lenina 5", "ul. Lenina 5"),
            ("Partyzanski prospekt 12", "Partyzanski prospekt 12"),
            ("вул.\u{a0}Леніна,\u{a0}12", "вул.\u{a0}Леніна,\u{a0}12"),
            ("вулiца Карла Маркса 38", "вулiца Карла Маркса 38"),
            ("на праспекце Незалежнасці каля", "праспекце Незалежнасці"),
            (
                "на Партызанскім праспекце, 19 каля",
                "Партызанскім праспекце, 19",
            ),
            ("пр. Дзержинского 104-1203.", "пр. Дзержинского 104-1203"),
            (
                "г. Гомель, вул. Савецкая, 102, кв. 17.",
                "вул. Савецкая, 102, кв. 17",
            ),
        ] {
            exact(text, Kind::Address, want);
        }
        for text in [
            "We went to St. Petersburg.",
            "Visited St. Petersburg",
            "на вуліцы было холадна",
            "Сёння вуліца была пустая",
            "the road to Minsk",
            "Smith et al. 2020",
            "пл. 50 кв. м",
            "и пр. Потом",
            "Street protests began",
        ] {
            none(text);
        }
    }

    #[test]
    fn ordinary_testimony_survives() {
        let be = "19.04.2022 а 14:30 мяне затрымалі супрацоўнікі ГУБАЗіК. Справа № 1-123/2022 \
            разглядалася ў судзе Цэнтральнага раёна з 3 па 17 мая 2022 года. Мне прад'явілі \
            абвінавачанне па ч. 1 ст. 342 КК і ст. 361-1 КК, і суд прызначыў 3 гады \
            пазбаўлення волі ў калоніі агульнага рэжыму (ПК-3, Віцебск). Штраф склаў 5000 BYN, \
            што каля 40% майго заробку за 2021 год. У 2020–2021 гадах я быў старшынёй \
            першаснай арганізацыі, у якой было 120 сяброў. Пасля 15 сутак у ІЧУ на \
            Акрэсціна мяне перавялі ў СІЗА-1. Тэлефон забралі 19.04.2022 і не вярнулі. \
            Я адбыў 2 гады і 6 месяцаў, вызвалены 01.11.2024 у 09:00.";
        let ru = "С 2020 по 2022 год я был председателем первичной профсоюзной организации на \
            заводе. 12.03.2021 в 06:15 ко мне пришли с обыском, изъяли 2 телефона и ноутбук. \
            Уголовное дело № 20211500123 возбуждено по ч. 2 ст. 342 УК и ст. 130 УК. \
            4 октября 2021 года суд приговорил меня к 4 годам лишения свободы, я отбывал \
            их в ИК-15 (Новополоцк), затем в ПК № 3. Штраф 10 000 рублей, ущерб 1 500 000 \
            руб., удержания 30% заработка. На суде было 25 человек, заседание длилось 3 часа, \
            с 10:00 до 13:00. Освобождён 2024-06-19, под надзором до 2026 г.";
        let en = "On 19 April 2022 at 14:30 I was detained by GUBOPiK officers. Case No. \
            1-123/2022 was heard by the Minsk City Court. I was charged under Article 342 \
            part 1 of the Criminal Code (CC 342) and CC 361-1, and under Article 130 part 3; \
            on 2022-09-15 the judge sentenced me to 4 years in a penal colony, which I served \
            in Penal colony No. 3 and IK-15. The fine was 5000 BYN (about 1,200 USD), \
            roughly 35% of my annual salary in 2021. My phone was seized on 19.04.2022. Of \
            the 1,500 members of the union, 300 were questioned between 2020 and 2023. I spent \
            15 days in the Akrestsina detention centre and was released on 01.11.2024 after \
            2 years and 6 months, at 9.30 am.";
        for text in [be, ru, en] {
            none(text);
        }
    }

    #[test]
    fn mixed_record() {
        let text = "Сведка (тэл. +375 29 123-45-67, ivan@mail.ru, @ivan_p) жыве на вул. \
            Леніна, 12-45; пашпарт MP1234567; машына 1234 AB-7. Суд па ст. 342 КК, 3 гады.";
        let kinds: Vec<Kind> = show(text).into_iter().map(|(k, _)| k).collect();
        for k in [
            Kind::Phone,
            Kind::Email,
            Kind::Handle,
            Kind::Address,
            Kind::IdNumber,
            Kind::Plate,
        ] {
            assert!(kinds.contains(&k), "{k:?} missing: {:?}", show(text));
        }
        assert!(
            !show(text)
                .iter()
                .any(|(_, s)| s.contains("342") || s.contains("гады"))
        );
    }

    #[test]
    fn markers_are_not_identifiers() {
        none("[PHONE] [EMAIL] [HANDLE] [ID NUMBER] [ADDRESS] [PLATE] [PERSON 1] [PERSON?]");
        none("тэл. [PHONE], Telegram: [HANDLE], пашпарт [ID NUMBER], вул. [REDACTED]");
    }

    fn check(text: &str) {
        for s in spans(text) {
            assert!(s.start < s.end, "empty span");
            assert!(s.end <= text.len(), "out of bounds");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }

    /// Every entry of every trigger list lets through itself and the longer words it is a
    /// prefix of, in its own list.
    #[test]
    fn the_trigger_table_lets_every_entry_through() {
        let t = trigger_table();
        for (word, bit) in trigger_lists() {
            for w in [word.to_owned(), format!("{word}ая"), format!("{word}s")] {
                assert_ne!(hot_bits(t, &w) & bit, 0, "{w:?}");
            }
        }
        // The words street_word matches by name, whichever lists they are in.
        let by_name = "вул ул vul ul пр-т пр-кт пр-д просп бульв пр пер бул пл наб мкр туп pr al pl \
                       str ш st ave rd blvd ln av g";
        for w in by_name.split_whitespace() {
            assert_ne!(hot_bits(t, w) & STREET, 0, "{w:?}");
        }
        // And it is a filter: ordinary words of both scripts mostly do not pass.
        let ordinary = "суд court meeting колонія допыт камера адвакат приговор lawyer сход detained \
                        colony strike";
        let passing: Vec<&str> = ordinary
            .split_whitespace()
            .filter(|w| hot_bits(t, w) != 0)
            .collect();
        assert!(passing.len() <= 3, "{passing:?}");
    }

    proptest! {
        #![proptest_config(crate::testing::proptest_config())]

        #[test]
        fn never_panics_on_any_string(text in any::<String>()) {
            check(&text);
        }

        #[test]
        fn never_panics_on_identifier_like_text(
            text in "[0-9 +()\\-–—.,:@/№\u{a0}a-zA-Zа-яА-ЯіІўЎ\\[\\]_]{0,80}"
        ) {
            check(&text);
        }

        #[test]
        fn never_panics_on_fragments(parts in proptest::collection::vec(prop_oneof![
            Just("+375"), Just("8"), Just("029"), Just("(29)"), Just(" "), Just("-"),
            Just("\u{a0}"), Just("–"), Just("@"), Just("[at]"), Just(" dot "), Just("."),
            Just("вул."), Just("Леніна"), Just("д."), Just("12"), Just("кв."), Just("MP"),
            Just("1234567"), Just("AB"), Just("t.me/"), Just("ivan"), Just("Street"),
            Just("тэл."), Just("паспарт"), Just("машына"), Just("ABC"), Just("ул"),
            Just("ё"), Just("😀"), Just(","), Just("St."), Just("\n"),
        ], 0..24)) {
            check(&parts.concat());
        }

        /// A text put together from its pieces is the text computed whole: the same chars,
        /// folded words, word bounds and trigger bits (twice: the second time from the cache).
        #[test]
        fn a_text_by_pieces_is_the_text_whole(
            text in "([A-Za-zА-Яа-яІіЎўЁё0-9 .,:\"'’ʼ\\-\n\u{00AD}\u{200B}\u{0301}]|вул|тэл|MP){0,60}"
        ) {
            let whole = Text::whole(&text);
            for _ in 0..2 {
                let pieces = Text::new(&text);
                prop_assert_eq!(&pieces.c, &whole.c);
                prop_assert_eq!(&pieces.an, &whole.an);
                prop_assert_eq!(&pieces.lows, &whole.lows);
                prop_assert_eq!(&pieces.words, &whole.words);
            }
        }
    }
}
