//! Finding the mentions of what a record lists: personal names (every script, each part alone,
//! initials next to a part, English possessives, Belarusian and Russian inflection) and phrases
//! (places, terms, pseudonyms, contact parts), as runs of tokens of one text.
//!
//! Owns: compiling entities into word needles ([`fold::Needle`], the folding search uses, so
//! that every spelling and case form meets), indexing the needles by first key symbol, matching
//! the tokens of a text, and grouping matched tokens into runs. Must not decide between
//! overlapping runs of different entities or write markers: that is `mod.rs`.
//!
//! Algorithm:
//! - A listed name is split into words; title words (`Investigator`, `судья`, ...) are dropped,
//!   single letters are initials, every other word is a *part* with its own needle. Parts are
//!   shared between entities (a wife and a husband share a surname): one needle, several owners.
//! - `fold::Needle` already folds scripts and transliterations and strips Slavic endings
//!   (`Дубовіка`, `Лукашевичем`, `Заблоцкую`, `Тихановской`, `Tsikhanouskaya` all meet their
//!   base form). What it does not do is added here: the possessive is cut off before keying
//!   (tokens.rs), and short names (keys under 4 symbols, which `Needle` matches only exactly)
//!   also meet their case forms with one vowel more or changed (`Ян`/`Яна`/`Яну`), but only
//!   when capitalised, because such short keys are also ordinary words (`яна`, "she").
//! - Adjacent tokens of one entity (separated by spaces, a hyphen, or the full stop of an
//!   initial) form one run; uppercase initials with a full stop directly before or after a run
//!   are pulled into it (`A. Dubovik`, `Дубовік А.`, `А.К. Дубовік`), so that no initial is left
//!   behind next to a marker. An initial never matches alone; a listed name made only of initials
//!   (`A. K.`) matches that sequence of initials (`A.K.`, `А. К.`).
//! - A phrase matches as a whole, word by word with the same needles, with at most a few
//!   characters of punctuation between its words (`No. 3`); a phrase with commas or semicolons
//!   also matches each of its parts. Single words of a multi-word phrase never match alone.
//!
//! Cost: each long needle keeps the set of first key symbols a text word may start with (one
//! bit test rejects most words before `Needle::matches`), short text keys are compared only
//! with short keys (`Needle` matches those exactly), and short words get no `Needle` at all.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

use super::tokens::{CAP, CAPS, DOT, Gap, INITIAL, LOWER, Token, cached_key};
use super::unlisted;
use crate::search::fold::{self, Needle, SHORT_KEY};

/// A run of tokens (inclusive indices) mentioning one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub lo: usize,
    pub hi: usize,
    pub entity: u32,
    /// Matched words (initials pulled in do not count): a longer mention wins a conflict.
    pub words: usize,
    /// Whether the run ends with an initial's full stop (the span takes it).
    pub dot: bool,
}

struct Phrase {
    entity: u32,
    words: Vec<u32>,
}

/// A word to find: long keys get a `fold::Needle` (fuzzy, inflection-tolerant); short keys
/// (under 4 symbols), which `Needle` matches only exactly anyway, are compared here without
/// building one (building a needle costs a few microseconds; a record has dozens of words).
enum Word {
    /// The needle and the first key bytes a matching text key may start with (bit 127: any
    /// non-ASCII byte).
    Long(Rc<(Needle, u128)>),
    Short(Rc<str>),
}

impl Word {
    fn key(&self) -> &str {
        match self {
            Word::Long(n) => n.0.key(),
            Word::Short(k) => k,
        }
    }
}

/// The compiled needles of one record.
#[derive(Default)]
pub(crate) struct Matcher {
    needles: Vec<Word>,
    by_key: FxHashMap<Rc<str>, u32>,
    /// Entities whose name has this needle as a part.
    owners: Vec<Vec<u32>>,
    /// Phrases whose first word is this needle.
    starts: Vec<Vec<u32>>,
    phrases: Vec<Phrase>,
    /// Names made only of initials: the entity and the initials' keys.
    initials: Vec<(u32, Vec<String>)>,
    /// Whether a needle is a word of some phrase (short phrase words such as `в`, `No`, `3`
    /// match in any case; short name parts only capitalised).
    in_phrase: Vec<bool>,
    /// Needles with short keys.
    short: Vec<u32>,
    /// Needles with long keys.
    long: Vec<u32>,
    /// Listed given names and towns that have forms in other languages (see [`Forms`]): the
    /// table and line of their forms, and the needle of the listed word, which a word of
    /// another form hits.
    form_lines: Vec<(Table, u32, u32)>,
}

impl Matcher {
    fn needle(&mut self, word: &str) -> Option<u32> {
        // The key from the tokenizer's cache: names and phrases repeat words of the texts.
        let (key, _) = cached_key(word);
        if key.is_empty() {
            return None;
        }
        if let Some(&id) = self.by_key.get(&*key) {
            return Some(id);
        }
        let id = self.needles.len() as u32;
        let needle = if key.len() < SHORT_KEY {
            self.short.push(id);
            Word::Short(key.clone())
        } else {
            self.long.push(id);
            Word::Long(long_needle(word, &key))
        };
        self.needles.push(needle);
        self.owners.push(Vec::new());
        self.starts.push(Vec::new());
        self.in_phrase.push(false);
        self.by_key.insert(key, id);
        Some(id)
    }

    /// Adds one spelling of a personal name of `entity`.
    pub fn add_name(&mut self, entity: u32, name: &str) {
        // Each word, its parts if it has several (`O'Brien`, `MacDonald`: texts are split so),
        // and then the word whole too (`Macdonald`, `OBrien`).
        let mut words = Vec::new();
        for w in fold::words(name) {
            let first = words.len();
            super::tokens::word_parts(w, &mut words);
            if words.len() > first + 1 {
                words.push(w);
            }
        }
        let has_plain = words.iter().any(|w| !is_acronym(w));
        let mut initials = Vec::new();
        // Titles come before a name (`Investigator S. Ivanou`); after it, a word that looks
        // like one is the name's own (`Wei Pan`, `Anna Boss`).
        let mut named = false;
        for w in words {
            if (!named && unlisted::is_title(w)) || w.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            named = true;
            let letters = w.chars().filter(|&c| fold::alpha(c)).count();
            if letters == 1 {
                initials.push(fold::key(w));
                continue;
            }
            // Two-letter initials written with a full stop (`Ya. Huryn`, `Дз. Сідарук`,
            // `Sh.`) are not name parts: as words they would match `a`, `я`, `ш`.
            let offset = w.as_ptr() as usize - name.as_ptr() as usize;
            if letters == 2 && name[offset + w.len()..].starts_with('.') {
                continue;
            }
            // An acronym in a name (`ИК-3`) is not a name part, unless the whole name is in
            // capitals (`IVAN PETRUK`).
            if has_plain && is_acronym(w) {
                continue;
            }
            // The word, and its other forms if it is a given name (`Ганна` is `Анна` in a
            // Russian text, `Hanna` in a passport).
            let Some(listed) = self.needle(w) else {
                continue;
            };
            let (key, _) = cached_key(w);
            if let Some(line) = forms_table(Table::Names).line(&key)
                && !self.form_lines.contains(&(Table::Names, line, listed))
            {
                self.form_lines.push((Table::Names, line, listed));
            }
            // A Lithuanian name also without its nominative ending, which every other case
            // replaces (`Žukauskas`: `Žukausko`, `Žukauskui`, `Žukauską`).
            let bare = lithuanian_base(w).and_then(|b| self.needle(b));
            // And written without its marks, as on a keyboard without them (`Zolkiewicz`, `Zak`
            // for `Żółkiewicz`, `Żak`).
            let plain = without_marks(w).and_then(|p| self.needle(&p));
            for id in std::iter::once(listed).chain(bare).chain(plain) {
                if !self.owners[id as usize].contains(&entity) {
                    self.owners[id as usize].push(entity);
                }
            }
        }
        if initials.len() >= 2 {
            self.initials.push((entity, initials));
        }
    }

    /// Adds a place of `entity` (a phrase, already added with [`Matcher::add_phrase`]): a town
    /// in it, whole or as a comma-separated part, is also found by its other names
    /// (`place_forms.txt`: `Вильнюс`, `Vilnius`, `Wilno` for `Вільня`), by key or stem.
    pub fn add_place(&mut self, place: &str) {
        for part in place.split([',', ';']).map(str::trim) {
            if part.is_empty() || part.contains(char::is_whitespace) {
                continue;
            }
            let (key, _) = cached_key(part);
            if let Some(line) = forms_table(Table::Places).line(&key)
                && let Some(id) = self.needle(part)
                && !self.form_lines.contains(&(Table::Places, line, id))
            {
                self.form_lines.push((Table::Places, line, id));
            }
        }
    }

    /// Adds one phrase of `entity`, and each of its comma- or semicolon-separated parts.
    pub fn add_phrase(&mut self, entity: u32, phrase: &str) {
        let mut variants = vec![phrase];
        variants.extend(phrase_parts(phrase));
        // Each variant split into words as texts are (`ZavodChat` is `Zavod` `Chat` in a text),
        // and with its words whole (`Zavodchat`).
        let mut forms: Vec<Vec<&str>> = Vec::with_capacity(variants.len());
        for v in &variants {
            let whole = fold::words(v);
            let mut split = Vec::with_capacity(whole.len());
            for w in &whole {
                super::tokens::word_parts(w, &mut split);
            }
            // Parts are the words' substrings in order: as many parts as words is no split.
            if split.len() != whole.len() {
                forms.push(whole);
            }
            forms.push(split);
        }
        for words in forms {
            let ids: Vec<u32> = words
                .into_iter()
                .filter_map(|w| self.needle(&w[..super::tokens::name_len(w)]))
                .collect();
            for &id in &ids {
                self.in_phrase[id as usize] = true;
            }
            let Some(&first) = ids.first() else {
                continue;
            };
            if self
                .phrases
                .iter()
                .any(|p| p.entity == entity && p.words == ids)
            {
                continue;
            }
            let pid = self.phrases.len() as u32;
            self.phrases.push(Phrase { entity, words: ids });
            self.starts[first as usize].push(pid);
        }
    }

    /// The needles matching each token (the redactor remembers them per word instead).
    #[cfg(test)]
    pub fn hits(&self, tokens: &[Token]) -> Vec<Vec<u32>> {
        tokens.iter().map(|t| self.token_hits(t, 0)).collect()
    }

    /// The number of needles so far: needles added later get ids from here on.
    pub fn len(&self) -> u32 {
        self.needles.len() as u32
    }

    pub(crate) fn token_hits(&self, tok: &Token, from: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let k = tok.key.as_bytes();
        let Some(&first) = k.first() else {
            return out;
        };
        let capital = capital(tok);
        if k.len() < SHORT_KEY {
            // A short name part (`Ян`, `Лі`, `Ol`) meets only a capitalised word: in lower
            // case it is an ordinary word (`ян`, `a`, `li`).
            for &n in &self.short {
                if n >= from
                    && (capital || self.in_phrase[n as usize])
                    && same_short(self.needles[n as usize].key().as_bytes(), k)
                {
                    out.push(n);
                }
            }
        } else {
            // Non-ASCII first bytes (letters of other scripts) pass every needle, as in
            // `Needle::matches`; bit 127 is DEL, never a key symbol.
            let bit = 1u128 << first.min(127);
            // A family in the plural (`Сцяпанчукоў`, `Степанчуков`, `the Stsiapanchuks`): the
            // surname without the ending, when the word itself meets no needle.
            // (It starts like the word: the first-byte filter holds for both.)
            fn with_info(
                base: std::borrow::Cow<'_, str>,
            ) -> (std::borrow::Cow<'_, str>, fold::KeyInfo) {
                let info = fold::KeyInfo::of(&base);
                (base, info)
            }
            let (bases, made) = if capital {
                let stem_len = tok.info.stem_len();
                let bases: Vec<_> = derived_bases(&tok.key, stem_len).map(with_info).collect();
                (bases, made_from_surname(&tok.key, stem_len).map(with_info))
            } else {
                (Vec::new(), None)
            };
            for &n in &self.long {
                if n >= from
                    && let Word::Long(long) = &self.needles[n as usize]
                    && (first >= 127 || long.1 & bit != 0)
                    // The cheap test first: most words of a testimony are in lower case.
                    && (capital || lowercase_match(&long.0, &tok.key, &tok.info))
                    && (long.0.matches_info(&tok.key, &tok.info)
                        || bases
                            .iter()
                            .any(|(base, info)| long.0.matches_info(base, info))
                        // Only a name's: `Гродзенскі суд` is not the town's.
                        || made.as_ref().is_some_and(|(base, info)| {
                            !self.in_phrase[n as usize] && long.0.matches_info(base, info)
                        }))
                {
                    out.push(n);
                }
            }
        }
        // Another form of a listed given name (`Анну` for `Ганна`) or town (`Вильнюсе` for
        // `Вільня`), capitalised, which hits the listed word's needle: a long form by the same
        // key or stem, a short one by the same key or a case form (not fuzzily: the listed
        // spelling itself is fuzzy).
        if capital && !self.form_lines.is_empty() {
            let stem = tok.key.get(..tok.info.stem_len()).unwrap_or_default();
            for &(table, line, n) in &self.form_lines {
                if n < from || out.contains(&n) {
                    continue;
                }
                let t = forms_table(table);
                let short = || {
                    k.len() <= SHORT_KEY + 3
                        && t.short[line as usize].iter().any(|form| {
                            **form == *tok.key || short_case_form(form, &tok.key, false)
                        })
                };
                let long =
                    || t.lines_of(&tok.key).contains(&line) || t.lines_of(stem).contains(&line);
                if long() || short() {
                    out.push(n);
                }
            }
        }
        if capital && k.len() <= SHORT_KEY + 2 {
            for &n in &self.short {
                if n >= from
                    && !out.contains(&n)
                    && short_inflected(self.needles[n as usize].key(), &tok.key)
                {
                    out.push(n);
                }
            }
        }
        out
    }

    /// Every run of every entity in `tokens` (with their `hits`, one list per token; `hits` may
    /// be empty when no token has any), unresolved: runs of different entities may overlap.
    pub fn runs(&self, text: &str, tokens: &[Token], hits: &[Vec<u32>], out: &mut Vec<Run>) {
        let hits_of = |i: usize| hits.get(i).map_or(&[][..], Vec::as_slice);
        // Name runs: adjacent tokens of one entity.
        let mut open: Vec<(u32, usize)> = Vec::new(); // entity, index into `out`
        let mut next: Vec<(u32, usize)> = Vec::new();
        let first_name_run = out.len();
        for (i, tok) in tokens.iter().enumerate() {
            next.clear();
            let joins = i > 0
                && match tok.gap {
                    Gap::Space | Gap::Hyphen => true,
                    Gap::Dot => tokens[i - 1].has(INITIAL),
                    Gap::Other => false,
                };
            for &n in hits_of(i) {
                if !capital(tok) && matches!(self.needles[n as usize], Word::Short(_)) {
                    // A lowercase short word matched as a phrase word, not as a name part.
                    continue;
                }
                for &e in &self.owners[n as usize] {
                    if next.iter().any(|&(x, _)| x == e) {
                        continue;
                    }
                    let prev = open.iter().find(|&&(x, _)| x == e).map(|&(_, r)| r);
                    match prev {
                        Some(r) if joins && out[r].hi == i - 1 => {
                            out[r].hi = i;
                            out[r].words += 1;
                            next.push((e, r));
                        }
                        _ => {
                            next.push((e, out.len()));
                            out.push(Run {
                                lo: i,
                                hi: i,
                                entity: e,
                                words: 1,
                                dot: false,
                            });
                        }
                    }
                }
            }
            std::mem::swap(&mut open, &mut next);
        }
        self.hyphenated_runs(text, tokens, out);
        for run in &mut out[first_name_run..] {
            pull_initials(tokens, run);
            pull_patronymics(text, tokens, run);
        }
        // Names made only of initials.
        for (entity, keys) in &self.initials {
            for lo in 0..tokens.len() {
                if initials_at(tokens, lo, keys) {
                    let hi = lo + keys.len() - 1;
                    out.push(Run {
                        lo,
                        hi,
                        entity: *entity,
                        words: keys.len(),
                        dot: tokens[hi].has(DOT),
                    });
                }
            }
        }
        // Phrases.
        for (i, h) in hits.iter().enumerate() {
            for &n in h {
                for &pid in &self.starts[n as usize] {
                    let p = &self.phrases[pid as usize];
                    let whole = p.words.iter().enumerate().skip(1).all(|(j, w)| {
                        tokens
                            .get(i + j)
                            .is_some_and(|t| t.gap_len <= 4 && hits_of(i + j).contains(w))
                    });
                    if whole {
                        out.push(Run {
                            lo: i,
                            hi: i + p.words.len() - 1,
                            entity: p.entity,
                            words: p.words.len(),
                            dot: false,
                        });
                    }
                }
            }
        }
    }

    /// Names hyphenated across a line break (`Ярашэ-` at the end of a line and `віча` at the
    /// start of the next, as word processors and scanned pages break words): the two tokens
    /// are one word, matched as such. Runs of one token each are left to `runs`.
    fn hyphenated_runs(&self, text: &str, tokens: &[Token], out: &mut Vec<Run>) {
        for i in 1..tokens.len() {
            let (head, tail) = (&tokens[i - 1], &tokens[i]);
            if !tail.has(LOWER) || !hyphen_at_line_end(&text[head.word_end..tail.start]) {
                continue;
            }
            let word = [&text[head.start..head.word_end], tail.text(text)].concat();
            let (key, info) = cached_key(&word);
            let joined = Token {
                key,
                info,
                ..head.clone()
            };
            for n in self.token_hits(&joined, 0) {
                for &entity in &self.owners[n as usize] {
                    out.push(Run {
                        lo: i - 1,
                        hi: i,
                        entity,
                        words: 1,
                        dot: false,
                    });
                }
            }
        }
    }
}

/// Whether the text between two words is a hyphen ending a line (spaces around it allowed).
fn hyphen_at_line_end(gap: &str) -> bool {
    let gap = gap.trim_start_matches([' ', '\t']);
    let Some(rest) = gap
        .strip_prefix('-')
        .or_else(|| gap.strip_prefix('\u{2010}'))
        .or_else(|| gap.strip_prefix('\u{00AD}'))
    else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t', '\r']);
    rest.starts_with('\n') && rest.trim().is_empty()
}

/// The needle of a long word and the set of first key bytes it may match, from a per-thread
/// cache: building a `Needle` costs a few microseconds and the same words (places, officials,
/// ordinary words of phrases) recur from record to record of one export.
///
/// Why a bounded cache is acceptable here: a needle is a pure function of the word's key, and
/// it holds the key, which is as revealing as the word; the exporting process holds the
/// records' plaintext anyway. The cache is emptied when it reaches `NEEDLE_CACHE` entries.
fn long_needle(word: &str, key: &str) -> Rc<(Needle, u128)> {
    thread_local! {
        static CACHE: RefCell<FxHashMap<String, Rc<(Needle, u128)>>> = RefCell::default();
    }
    CACHE.with_borrow_mut(|cache| {
        super::pieces::remember(cache, NEEDLE_CACHE, key, || {
            let needle = Needle::new(word);
            let mut first = 0u128;
            for b in 0..128u8 {
                if needle.may_start_with(b) {
                    first |= 1 << b;
                }
            }
            Rc::new((needle, first))
        })
    })
}

const NEEDLE_CACHE: usize = 4096;

/// The forms of given names in the languages of the vault (`name_forms.txt`), one name per
/// line.
const NAME_FORMS: &str = include_str!("name_forms.txt");

/// The lines of a table of forms (their forms), and the lines each key and each stem of a long
/// form's key is on.
struct Forms {
    /// The line of each form's key.
    by_key: FxHashMap<String, u32>,
    /// The lines of each key and stem of a long form.
    long: FxHashMap<String, Vec<u32>>,
    /// The keys of each line's short forms.
    short: Vec<Vec<String>>,
}

/// The tables of forms: given names (`name_forms.txt`), towns (`place_forms.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Table {
    Names,
    Places,
}

fn forms_table(table: Table) -> &'static Forms {
    static NAMES: std::sync::OnceLock<Forms> = std::sync::OnceLock::new();
    static PLACES: std::sync::OnceLock<Forms> = std::sync::OnceLock::new();
    match table {
        Table::Names => NAMES.get_or_init(|| Forms::read(NAME_FORMS)),
        Table::Places => PLACES.get_or_init(|| Forms::read(PLACE_FORMS)),
    }
}

impl Forms {
    fn read(text: &'static str) -> Forms {
        let mut t = Forms {
            by_key: FxHashMap::default(),
            long: FxHashMap::default(),
            short: Vec::new(),
        };
        let lines = text.lines().map(str::trim);
        for line in lines.filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let n = t.short.len() as u32;
            let mut short = Vec::new();
            for form in line.split_whitespace() {
                let key = fold::key(form);
                if key.len() <= SHORT_KEY + 1 {
                    short.extend(fleeting_dropped(&key));
                    short.push(key.clone());
                } else {
                    let stem = fold::stem(&key).to_owned();
                    // The stem without a fleeting vowel before its last consonant, as the other
                    // cases drop it (`Tomek`, `Tomkiem`; `Юрок`, `Юрка`).
                    let fleeting = fleeting_dropped(&stem);
                    // A stem shorter than a long key would meet unrelated short words.
                    let stems = [Some(stem), fleeting]
                        .into_iter()
                        .flatten()
                        .filter(|s| s.len() >= SHORT_KEY);
                    for k in std::iter::once(key.clone()).chain(stems) {
                        let on = t.long.entry(k).or_default();
                        if !on.contains(&n) {
                            on.push(n);
                        }
                    }
                }
                t.by_key.entry(key).or_insert(n);
            }
            t.short.push(short);
        }
        t
    }

    /// The line of the form whose key is `key`, if it is one.
    fn line(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }

    /// The lines a word of key (or stem) `key` is a long form on.
    fn lines_of(&self, key: &str) -> &[u32] {
        self.long.get(key).map_or(&[], Vec::as_slice)
    }
}

/// Whether a word (by its key and the length of its stem) is a town of `place_forms.txt`.
pub(crate) fn is_town(key: &str, stem_len: usize) -> bool {
    let t = forms_table(Table::Places);
    t.line(key).is_some() || !t.lines_of(key.get(..stem_len).unwrap_or(key)).is_empty()
}

/// A name without the Lithuanian nominative ending `-as`, `-is`, `-ys`, `-us` (also written in
/// Cyrillic), when at least five letters are left: `Žukauskas` gives `Žukausk`, `Rimantas`
/// gives `Rimant`; `Jonas` and `Тарас` give nothing.
fn lithuanian_base(word: &str) -> Option<&str> {
    let mut chars = word.char_indices().rev();
    let (_, last) = chars.next()?;
    let (at, vowel) = chars.next()?;
    let ending = matches!(last, 's' | 'с')
        && matches!(vowel, 'a' | 'i' | 'y' | 'u' | 'а' | 'і' | 'и' | 'ы' | 'у');
    (ending && word[..at].chars().count() >= 5).then(|| &word[..at])
}

/// A stem of five symbols or more ending in a vowel and `к`, `ц`, `н`, `л` or `р`, without
/// that vowel (the fleeting vowel `fold` knows: `tomek` gives `tomk`).
fn fleeting_dropped(stem: &str) -> Option<String> {
    let b = stem.as_bytes();
    let n = b.len();
    (n >= 5
        && matches!(b[n - 2], b'a' | b'e' | b'o' | b'i' | b'u')
        && matches!(b[n - 1], b'c' | b'k' | b'n' | b'l' | b'r'))
    .then(|| format!("{}{}", &stem[..n - 2], &stem[n - 1..]))
}

/// The names of towns and cities in the languages of the region (`place_forms.txt`).
const PLACE_FORMS: &str = include_str!("place_forms.txt");

/// Whether a word is written as names are: capitalised (`Petruk`), or in capitals, as lists,
/// court documents and headings write surnames (`PETRUK Ivan`, `СЦЯПАНЧУК`).
fn capital(tok: &Token) -> bool {
    tok.has(CAP) || tok.has(CAPS)
}

/// Whether a lowercase word meets a name word closely enough: the same key or the same stem,
/// or, for long words, within the fuzzy budget (`степанчука` in a chat message for a listed
/// `Сцяпанчук`). Names are written with a capital in all three languages; a short lowercase
/// word that only resembles a name is usually an ordinary word (`search` and `Sergei`, whose
/// `ch` may stand for х like the г of Сергей), a long one rarely.
/// (`text_info` is the text key's [`fold::KeyInfo`]: the stems are prefixes of known length.)
fn lowercase_match(needle: &Needle, text: &str, text_info: &fold::KeyInfo) -> bool {
    let n = needle.key();
    n == text
        || needle.stem() == text.get(..text_info.stem_len()).unwrap_or(text)
        || (n.len() >= LOWERCASE_FUZZY && text.len() >= LOWERCASE_FUZZY)
}

/// Keys of at least this many symbols meet lowercase words within the fuzzy budget.
const LOWERCASE_FUZZY: usize = 7;

/// A Latin word with its marks left out (`Żółkiewicz` is `Zolkiewicz`, `Łukašenka` is
/// `Lukasenka`), when it has any; never a Cyrillic word (`й`, `ё`, `ў` are letters of their
/// own).
fn without_marks(word: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let marked = |c: char| matches!(u32::from(c), 0xC0..=0x24F | 0x1E00..=0x1EFF);
    if !word.chars().any(marked) || word.chars().any(|c| matches!(u32::from(c), 0x400..=0x4FF)) {
        return None;
    }
    let plain: String = word
        .nfd()
        .filter(|&c| !matches!(u32::from(c), 0x300..=0x36F))
        .map(|c| match c {
            'ł' => 'l',
            'Ł' => 'L',
            'ø' => 'o',
            'Ø' => 'O',
            'đ' => 'd',
            'Đ' => 'D',
            _ => c,
        })
        .collect();
    (plain != word).then_some(plain)
}

/// What a capitalised word may be made of, when it is not itself a form of a name that
/// `fold::Needle` recognises: the word without a suffix, if what is left is long enough to be
/// a name's (`stem_len`: the length of the key's stem).
/// - A family in the plural, by the key: genitive `-оў`/`-ов`/`-аў`/`-ев`, English `-s`
///   (`Сцяпанчукоў`, `the Stsiapanchuks`).
/// - The Ukrainian and Polish dative `-ові`/`-еві`/`-owi`/`-ewi`, by the key (`Коваленкові`,
///   `Сергієві`, `Nowakowi`). Four symbols may be left: the ending is never a surname's.
/// - A possessive adjective made from a name, in any case, by the stem: `-ін`/`-ын`/`-ин`
///   (`Тамарын`, `Оленин`, `Тамарынай`), four symbols left or more; `-ов`/`-ев` (`Андрусева`),
///   five or more, as `Іванов` is a surname of its own and not Іван's.
fn derived_bases(key: &str, stem_len: usize) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let stem = key.get(..stem_len).unwrap_or(key);
    let plural = ["ov", "av", "ev", "s"]
        .iter()
        .find_map(|ending| key.strip_suffix(ending))
        .filter(|base| base.len() >= 5);
    let dative = ["ovi", "evi"]
        .iter()
        .find_map(|ending| key.strip_suffix(ending))
        .filter(|base| base.len() >= 4);
    let possessive = stem
        .strip_suffix("in")
        .filter(|base| base.len() >= 4)
        .or_else(|| {
            ["ov", "ev"]
                .iter()
                .find_map(|suffix| stem.strip_suffix(suffix))
                .filter(|base| base.len() >= 5)
        });
    let mut bases = [plural, dative, possessive];
    for i in 1..bases.len() {
        if bases[..i].contains(&bases[i]) {
            bases[i] = None;
        }
    }
    bases.into_iter().flatten().map(Cow::Borrowed)
}

/// What a capitalised word made from a surname is made of (matched against names only, never
/// places: `Гродзенскі суд` is the court of a region), by the stem, five symbols left or more:
/// an adjective `-скі`/`-ская`/`-ский` (`Крываносаўская справа`, `Крывоносовский`), a
/// `-шчына`/`-щина` (`Крываносаўшчына`); a woman called by her husband's surname, `-чка` from
/// `-к` (`Гнацючка` for Гнацюк, `Шевчучка`), four left or more.
fn made_from_surname(key: &str, stem_len: usize) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let stem = key.get(..stem_len).unwrap_or(key);
    ["sk", "SCin"]
        .iter()
        .find_map(|suffix| stem.strip_suffix(suffix))
        .filter(|base| base.len() >= 5)
        .map(Cow::Borrowed)
        .or_else(|| {
            stem.strip_suffix("Ck")
                .filter(|base| base.len() >= 4)
                .map(|base| Cow::Owned(format!("{base}k")))
        })
}

/// The parts of a phrase that are matched on their own: pieces between a comma or semicolon
/// and a space (`Penal colony No. 3, Vitsba`; not the `,` of `1,200 USD`), when a piece has
/// two words or more, or a word of three letters or more (never a lone number or initial).
fn phrase_parts(phrase: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut iter = phrase.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let ends = matches!(c, ',' | ';') && iter.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if ends {
            parts.push(&phrase[start..i]);
            start = i + c.len_utf8();
        }
    }
    if start == 0 {
        return Vec::new();
    }
    parts.push(&phrase[start..]);
    parts.retain(|part| {
        let words = fold::words(part);
        words.len() >= 2
            || words
                .iter()
                .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
    });
    parts
}

/// Extends `run` over a patronymic written directly after it or before it
/// (`[Юлия Марчук] Сергеевна`, `Юлия [Сергеевна] Марчук`): nobody lists every patronymic, and
/// a patronymic next to a name is as identifying as the name.
fn pull_patronymics(text: &str, tokens: &[Token], run: &mut Run) {
    let patronymic =
        |t: &Token| t.has(super::tokens::CAP) && super::unlisted::patronymic_shape(t.text(text));
    while run.hi + 1 < tokens.len()
        && tokens[run.hi + 1].gap == Gap::Space
        && patronymic(&tokens[run.hi + 1])
    {
        run.hi += 1;
        run.dot = false;
    }
    while run.lo > 0 && tokens[run.lo].gap == Gap::Space && patronymic(&tokens[run.lo - 1]) {
        run.lo -= 1;
    }
}

/// Extends `run` over uppercase initials written with a full stop directly before it
/// (`A. Dubovik`, `А.К. Дубовік`) and after it (`Дубовік А.`, `Dubovik A.K.`).
fn pull_initials(tokens: &[Token], run: &mut Run) {
    let is_initial = |t: &Token| t.has(INITIAL) && t.has(DOT);
    while run.lo > 0 {
        let t = &tokens[run.lo];
        if matches!(t.gap, Gap::Space | Gap::Dot) && is_initial(&tokens[run.lo - 1]) {
            run.lo -= 1;
        } else {
            break;
        }
    }
    while run.hi + 1 < tokens.len() {
        let t = &tokens[run.hi + 1];
        let after_initial = run.dot || tokens[run.hi].has(INITIAL);
        let gap_ok = match t.gap {
            Gap::Space => true,
            Gap::Dot => after_initial,
            _ => false,
        };
        if gap_ok && is_initial(t) {
            run.hi += 1;
            run.dot = true;
        } else {
            break;
        }
    }
}

/// Whether the initials `keys` are written at token `lo` (`A. K.`, `А.К.`), each but the last
/// followed by a full stop.
fn initials_at(tokens: &[Token], lo: usize, keys: &[String]) -> bool {
    keys.iter().enumerate().all(|(j, k)| {
        tokens.get(lo + j).is_some_and(|t| {
            t.has(INITIAL)
                && *t.key == **k
                && (j + 1 == keys.len() || t.has(DOT))
                && (j == 0 || t.gap == Gap::Dot)
        })
    })
}

/// Whether two short keys are equal, Latin `ch` (`X`) standing for both ч and х: what
/// `Needle::matches` does for short keys.
fn same_short(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(&x, &y)| x == y || matches!((x, y), (b'X', b'h' | b'C') | (b'h' | b'C', b'X')))
}

/// A case form of a short name: one vowel added (`Ян`/`Яна`), the final vowel changed
/// (`Яна`/`Яну`) or dropped (`Яна`/`Ян`); a two- or three-letter ending added to the name or
/// to its stem (`Бутам`, `Бутом`, `Кімам`, `Бутамі`, `Бутах`, `Бутаў`); `-ем` after a vowel
/// (`Лой`/`Лоем`, whose keys are `lo`/`lom`); the locative's `т`/`ц` (`Бут`/`Буце`).
fn short_inflected(needle: &str, text: &str) -> bool {
    short_case_form(needle, text, true)
}

/// [`short_inflected`], with the plural's `-оў`/`-ов` (`Бутоў`) or not (`Іваноў` is a surname
/// made from `Іван`, not a case of it).
fn short_case_form(needle: &str, text: &str, plural: bool) -> bool {
    let (n, t) = (needle.as_bytes(), text.as_bytes());
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'o' | b'i' | b'u');
    // Every form below keeps the needle's first letter (checked first: most words fail it).
    if n.len() < 2 || t.len() < 2 || n[0] != t[0] || t.len() > n.len() + 3 {
        return false;
    }
    let last = n[n.len() - 1];
    let simple = match t.len() as isize - n.len() as isize {
        1 => t.starts_with(n) && (vowel(t[t.len() - 1]) || (vowel(last) && t.ends_with(b"m"))),
        0 => n[..n.len() - 1] == t[..t.len() - 1] && vowel(last) && vowel(t[t.len() - 1]),
        -1 => n.starts_with(t) && vowel(last),
        _ => false,
    };
    if simple {
        return true;
    }
    // The locative after a final т: `Бут`/`Буце`.
    if last == b't'
        && t.len() == n.len() + 1
        && t[..n.len() - 1] == n[..n.len() - 1]
        && t[n.len() - 1] == b'c'
        && vowel(t[n.len()])
    {
        return true;
    }
    const ENDINGS: &[&[u8]] = &[b"am", b"om", b"em", b"im", b"ah", b"ami", b"ov", b"av"];
    let endings = if plural { ENDINGS } else { &ENDINGS[..6] };
    let stem = if vowel(last) { &n[..n.len() - 1] } else { n };
    [n, stem]
        .iter()
        .any(|base| base.len() >= 2 && t.starts_with(base) && endings.contains(&&t[base.len()..]))
}

/// Two or more letters, all uppercase.
fn is_acronym(w: &str) -> bool {
    let mut letters = w.chars().filter(|&c| fold::alpha(c));
    letters.clone().count() >= 2 && letters.all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    /// The texts of the runs of `names` (entity 0) in `text`.
    fn found(names: &[&str], text: &str) -> Vec<String> {
        let mut m = Matcher::default();
        for n in names {
            m.add_name(0, n);
        }
        run_texts(&m, text)
    }

    /// The texts of the runs `m` finds in `text`.
    fn run_texts(m: &Matcher, text: &str) -> Vec<String> {
        let tokens = tokenize(text, &[]);
        let hits = m.hits(&tokens);
        let mut runs = Vec::new();
        m.runs(text, &tokens, &hits, &mut runs);
        runs.iter()
            .map(|r| {
                let end = tokens[r.hi].end + usize::from(r.dot);
                text[tokens[r.lo].start..end].to_owned()
            })
            .collect()
    }

    #[test]
    fn names_in_capitals_and_long_names_in_lowercase_in_another_spelling() {
        let names = ["Мікола Сцяпанчук"];
        for (text, want) in [
            // Lists and court documents: SURNAME Given, in the other script or language.
            (
                "Co-defendants: STSIAPANCHUK Mikola, born",
                "STSIAPANCHUK Mikola",
            ),
            ("Абвінавачаны: СТЕПАНЧУК Николай.", "СТЕПАНЧУК"),
            ("осуждён СЦЯПАНЧУК", "СЦЯПАНЧУК"),
            // Chat messages: a long surname in lowercase, in the other language.
            ("вчера забрали степанчука, держат", "степанчука"),
        ] {
            assert!(
                found(&names, text).iter().any(|f| f.contains(want)),
                "{text}"
            );
        }
        // A short word in lowercase stays an ordinary word.
        assert!(found(&["Ян Бут"], "бут і ян").is_empty());
    }

    #[test]
    fn families_in_the_plural() {
        let names = ["Мікола Сцяпанчук"];
        for w in [
            "Сцяпанчукоў",
            "Степанчуков",
            "Stsiapanchuks",
            "STSIAPANCHUKS",
        ] {
            assert_eq!(found(&names, &format!("у {w} правялі")), [w], "{w}");
        }
        assert_eq!(
            found(&["Alena Zavadski"], "the Zavadskis were"),
            ["Zavadskis"]
        );
        assert_eq!(found(&["Вольга Ляўковіч"], "у Ляўковічаў"), ["Ляўковічаў"]);
    }

    /// Each form of each name, alone between two words, is found whole.
    #[track_caller]
    fn finds_forms(cases: &[(&str, &[&str])]) {
        for &(name, forms) in cases {
            for w in forms {
                assert_eq!(found(&[name], &format!("a {w} b")), [*w], "{name}: {w}");
            }
        }
    }

    #[test]
    fn datives_of_ukrainian_and_polish_and_possessive_adjectives() {
        finds_forms(&[
            ("Олександр Коваленко", &["Олександрові", "Коваленкові"][..]),
            ("Сергій Ковальов", &["Сергієві"][..]),
            ("Aleksander Nowak", &["Nowakowi", "Aleksandrowi"][..]),
            ("Тамара Ярашэвіч", &["Тамарын", "Тамарыну"][..]),
            ("Олена Шевченко", &["Оленин", "Олениного"][..]),
            ("Андрусь Лапцёнак", &["Андрусева"][..]),
        ]);
        // A surname made from a given name is another person's; a lowercase word is no name.
        assert!(found(&["Іван Тэставы"], "з Івановым і Іванова").is_empty());
        assert!(found(&["Тамара Ярашэвіч"], "тамарын").is_empty());
    }

    #[test]
    fn latin_names_written_without_their_marks() {
        finds_forms(&[
            (
                "Jan Żółkiewicz",
                &["Zolkiewicz", "Zolkiewicza", "Żolkiewicza"][..],
            ),
            ("Adam Żak", &["Zak", "Zaka"][..]),
            ("Łucja Świątek", &["Lucja", "Swiatek", "Swiatka"][..]),
            ("Rūta Šimkutė", &["Simkute", "Ruta"][..]),
        ]);
        assert_eq!(without_marks("Żółkiewicz").as_deref(), Some("Zolkiewicz"));
        assert_eq!(without_marks("Łukašenka").as_deref(), Some("Lukasenka"));
        assert_eq!(without_marks("Kowalski"), None);
        assert_eq!(without_marks("Дылеўскі"), None);
        assert_eq!(without_marks("Ёлкин"), None);
    }

    #[test]
    fn words_made_from_a_surname() {
        finds_forms(&[
            (
                "Юзаф Крываносаў",
                &["Крываносаўская", "Крываносаўскай", "Крываносаўшчына"][..],
            ),
            ("Іван Крывоносов", &["Крывоносовский", "Крывоносовщина"][..]),
            ("Уладзімір Гнацюк", &["Гнацючка", "Гнацючку"][..]),
            ("Іван Шаўчук", &["Шаўчучка"][..]),
        ]);
        // Adjectives of towns are not anyone's, nor is a short surname's adjective.
        assert!(found(&["Юзаф Крываносаў"], "Минская и Бабруйская").is_empty());
        assert!(found(&["Сяргей Мін"], "Минская область").is_empty());
        assert!(found(&["Сяргей Бабрук"], "Бабруйская калонія").is_empty());
        // Nor is a town's adjective the town's (the court of a region is not a whereabouts).
        assert!(places("Гродна", "Гродзенскі абласны суд").is_empty());
        assert!(places("Hrodna", "Гродненский областной суд").is_empty());
    }

    #[test]
    fn names_hyphenated_across_a_line_break() {
        let names = ["Тамара Ярашэвіч"];
        for text in [
            "у Ярашэ-\nвіча дома",
            "у Ярашэ -\r\n  віча",
            "у Яра\u{AD}\nшэвіча",
        ] {
            let runs = found(&names, text);
            assert_eq!(runs.len(), 1, "{text:?}: {runs:?}");
            assert!(
                runs[0].starts_with("Яра") && runs[0].ends_with("віча"),
                "{runs:?}"
            );
        }
        // A hyphen inside a line, or a capitalised second word, is not a broken word.
        assert!(found(&names, "у Ярашэ- віча").is_empty());
        assert!(found(&names, "Ярашэ-\nВіча").is_empty());
    }

    #[test]
    fn lithuanian_names_in_their_other_cases() {
        for w in [
            "Žukausko",
            "Žukauskui",
            "Žukauską",
            "Zukauskas",
            "Жукаускаса",
            "Rimantą",
        ] {
            assert_eq!(
                found(&["Rimantas Žukauskas"], &format!("a {w} b")),
                [w],
                "{w}"
            );
        }
        assert_eq!(lithuanian_base("Тарас"), None);
        assert_eq!(lithuanian_base("Jonas"), None);
    }

    #[test]
    fn short_surnames_in_every_case_and_in_capitals() {
        for (name, forms) in [
            (
                "Ян Бут",
                &["Бутам", "Буце", "Бутом", "Бутамі", "Бутах", "БУТ", "Бута"][..],
            ),
            ("Ганна Лой", &["Лоем", "Лоя", "ЛОЙ"][..]),
            ("Ілья Кім", &["Кімам", "Кимом", "Кіму", "КІМ"][..]),
        ] {
            for w in forms {
                assert_eq!(
                    found(&[name], &format!("разам з {w} былі")),
                    [*w],
                    "{name}: {w}"
                );
            }
        }
    }

    #[test]
    fn latin_lookalikes_inside_cyrillic_names() {
        let names = ["Пётр Навумчык", "Рыгор Сакалоў"];
        // H, C, P and y typed on the wrong keyboard layout, or read so by OCR.
        for w in ["Hавумчыка", "Cакалова", "Pыгора", "Сакалоy"] {
            assert_eq!(found(&names, &format!("затрымалі {w} учора")), [w], "{w}");
        }
    }

    #[test]
    fn given_names_in_their_other_languages() {
        for (name, forms) in [
            ("Ганна Тарасевіч", &["Анну", "Анне", "Hanna", "Anna"][..]),
            ("Надзея Кулік", &["Надежду", "Nadzeya"][..]),
            ("Рыгор Шыла", &["Григория", "Ryhor"][..]),
            ("Зміцер Бандарэнка", &["Дмитрия", "Dzmitry", "Дзмітрыя"][..]),
            ("Anna Tarasevich", &["Ганну", "Анной"][..]),
            // Diminutives, with the fleeting vowel of their other cases.
            ("Tomasz Kowalski", &["Tomek", "Tomkiem", "Tomka"][..]),
            ("Юрый Чарнышоў", &["Юрко", "Jurek", "Jurka"][..]),
            ("Аляксандр Лапко", &["Сашко", "Сашку", "Olek"][..]),
            ("Юзаф Крываносаў", &["Юзік", "Юзіка", "Józek"][..]),
            ("Уладзімір Гнацюк", &["Уладзік", "Włodka"][..]),
            ("Bohdan Kovalenko", &["Богданчик", "Бодю", "Bodzio"][..]),
            ("Przemysław Nowak", &["Przemek", "Przemka"][..]),
            ("Małgorzata Kowalska", &["Gosię", "Gośkę", "Małgosi"][..]),
            ("Сергей Петров", &["Серёжку"][..]),
        ] {
            for w in forms {
                assert_eq!(
                    found(&[name], &format!("сустрэлі {w} учора")),
                    [*w],
                    "{name}: {w}"
                );
            }
        }
        // A name is not another name because both are names.
        assert!(found(&["Ганна Тарасевіч"], "сустрэлі Вольгу").is_empty());
        // Nor a country (`Франц` is not on Францішак's line for this reason), nor earrings
        // in lowercase.
        let francis = "Францішак Вялічка";
        for text in ["у Францыю", "во Франции", "to France", "do Francji"] {
            assert!(found(&[francis], text).is_empty(), "{text}");
        }
        assert!(found(&["Сергей Петров"], "носила серёжки").is_empty());
    }

    /// The runs of a place (entity 0) in `text`.
    fn places(place: &str, text: &str) -> Vec<String> {
        let mut m = Matcher::default();
        m.add_phrase(0, place);
        m.add_place(place);
        run_texts(&m, text)
    }

    #[test]
    fn towns_by_their_other_names() {
        for place in ["Вільня", "Vilnius, Lithuania", "Вильнюс"] {
            for w in [
                "Вільні",
                "Вильнюсе",
                "Vilnius",
                "Wilno",
                "Wilnie",
                "Vilniuje",
            ] {
                assert!(
                    places(place, &format!("жыве ў {w} з 2021")).contains(&w.to_owned()),
                    "{place}: {w}"
                );
            }
        }
        assert!(places("Вільня", "жыве ў Варшаве").is_empty());
        assert!(places("вул. Леніна, 5", "у Мінску").is_empty());
    }

    /// No form of `name_forms.txt` is on two lines: a name would pull in another's forms.
    #[test]
    fn name_forms_are_one_name_per_line() {
        let mut seen: FxHashMap<String, &str> = FxHashMap::default();
        for line in NAME_FORMS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            for form in line.split_whitespace() {
                if let Some(other) = seen.insert(fold::key(form), line)
                    && other != line
                {
                    panic!("{form} is on two lines:\n{other}\n{line}");
                }
            }
        }
    }

    #[test]
    fn masculine_uk_in_every_case_and_script() {
        let names = ["Аляксандр Дубовік"];
        for w in [
            "Дубовік",
            "Дубовіка",
            "Дубовіку",
            "Дубовікам",
            "Дубовике",
            "Дубовиком",
            "Dubovik",
            "DUBOVIK",
            "дубовік",
        ] {
            assert_eq!(found(&names, &format!("бачылі {w} учора")), [w], "{w}");
        }
    }

    #[test]
    fn possessives_and_initials_are_inside_the_run() {
        let names = ["Аляксандр Дубовік"];
        assert_eq!(found(&names, "Dubovik's wife"), ["Dubovik"]);
        assert_eq!(found(&names, "Dubovik’s wife"), ["Dubovik"]);
        assert_eq!(found(&names, "said A. Dubovik."), ["A. Dubovik"]);
        assert_eq!(found(&names, "сказаў Дубовік А. учора"), ["Дубовік А."]);
        assert_eq!(found(&names, "сказаў А.К. Дубовік"), ["А.К. Дубовік"]);
        assert_eq!(found(&names, "Aliaksandr Dubovik"), ["Aliaksandr Dubovik"]);
        // A sentence ending with the name does not pull in the next sentence's first letter.
        assert_eq!(found(&names, "бачыў Дубовіка. А потым"), ["Дубовіка"]);
    }

    #[test]
    fn vich_family() {
        let names = ["Уладзімір Лукашэвіч"];
        for w in [
            "Лукашэвіч",
            "Лукашэвіча",
            "Лукашэвічам",
            "Лукашевичем",
            "Lukashevich",
            "Lukashevicha",
            "Łukaszewicz",
        ] {
            assert_eq!(found(&names, &format!("a {w} b")), [w], "{w}");
        }
    }

    #[test]
    fn feminine_aya_ava_enka_and_indeclinable_uk() {
        for (name, forms) in [
            (
                "Марына Заблоцкая",
                &[
                    "Заблоцкая",
                    "Заблоцкую",
                    "Заблоцкай",
                    "Заблоцкой",
                    "Zablotskaya",
                ][..],
            ),
            (
                "Святлана Ціханоўская",
                &[
                    "Ціханоўская",
                    "Тихановской",
                    "Tsikhanouskaya",
                    "Tikhanovskaya",
                    "Ціханоўскай",
                ][..],
            ),
            (
                "Марыя Калеснікава",
                &[
                    "Калеснікава",
                    "Калеснікавай",
                    "Калеснікаву",
                    "Колесниковой",
                    "Kalesnikava",
                ][..],
            ),
            (
                "Аляксандр Лукашэнка",
                &[
                    "Лукашэнкі",
                    "Лукашэнку",
                    "Лукашенко",
                    "Lukashenka",
                    "Lukashenko",
                ][..],
            ),
            (
                "Алена Касцюк",
                &["Касцюк", "Костюк", "Kastsiuk", "Kostiuk"][..],
            ),
        ] {
            for w in forms {
                assert_eq!(found(&[name], &format!("з {w} разам")), [*w], "{name}: {w}");
            }
        }
    }

    #[test]
    fn every_part_alone_in_every_script() {
        let names = ["Іван Пятровіч Петрук", "Ivan Petruk"];
        for w in [
            "Іван",
            "Івана",
            "Ivan",
            "Иван",
            "Пятровіч",
            "Piatrovič",
            "Петрович",
            "Петрук",
            "Петрука",
            "Pietruk",
            "Petruk",
            "Петруком",
        ] {
            assert_eq!(found(&names, &format!("x {w} y")), [w], "{w}");
        }
        assert_eq!(
            found(&names, "Ivan Piatrovič Pietruk прыйшоў"),
            ["Ivan Piatrovič Pietruk"]
        );
        let names = ["Сяргей Ціханоўскі"];
        for w in [
            "Сергей Тихановский",
            "Siarhei Tsikhanouski",
            "Сяргея Ціханоўскага",
        ] {
            assert_eq!(found(&names, &format!("x {w} y")), [w], "{w}");
        }
        let names = ["Алена Касцюк"];
        for w in ["Алёна Костюк", "Alena Kastsiuk", "Алены Касцюк"] {
            assert_eq!(found(&names, &format!("x {w} y")), [w], "{w}");
        }
    }

    #[test]
    fn titles_are_not_parts_and_initials_never_match_alone() {
        let names = ["Investigator S. Kavalchuk", "следователь С. Ковальчук"];
        assert!(found(&names, "The investigator said S. was there").is_empty());
        assert_eq!(found(&names, "следчы С. Кавальчук"), ["С. Кавальчук"]);
        assert_eq!(found(&names, "Kavalchuk's"), ["Kavalchuk"]);
        let names = ["суддзя Т. Мароз"];
        assert!(found(&names, "суддзя вынес прысуд").is_empty());
        assert_eq!(found(&names, "Марозу"), ["Марозу"]);
    }

    #[test]
    fn a_name_of_initials_matches_the_sequence() {
        let names = ["A. K."];
        assert_eq!(found(&names, "interviewed by A.K. in May"), ["A.K."]);
        assert_eq!(found(&names, "запісала А. К. у траўні"), ["А. К."]);
        assert!(found(&names, "A. said K. was").is_empty());
        assert!(found(&names, "A. Kowalski").is_empty());
    }

    #[test]
    fn short_names_meet_their_case_forms_only_capitalised() {
        let names = ["Ян Сабалеўскі"];
        assert_eq!(found(&names, "сустрэлі Яна"), ["Яна"]);
        assert_eq!(found(&names, "сказалі Яну"), ["Яну"]);
        assert!(found(&names, "яна сказала").is_empty());
    }

    #[test]
    fn phrases_whole_and_by_comma_parts() {
        let mut m = Matcher::default();
        m.add_phrase(0, "Penal colony No. 3, Vitsba");
        let runs = |text: &str| {
            let tokens = tokenize(text, &[]);
            let hits = m.hits(&tokens);
            let mut runs = Vec::new();
            m.runs(text, &tokens, &hits, &mut runs);
            runs.iter()
                .map(|r| text[tokens[r.lo].start..tokens[r.hi].end].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            runs("held in penal colony No. 3 now"),
            ["penal colony No. 3"]
        );
        assert_eq!(runs("у Віцьбе"), ["Віцьбе"]);
        assert!(runs("the colony was cold").is_empty());
        assert!(runs("penal code").is_empty());
    }
}
