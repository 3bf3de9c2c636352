//! The redaction engine: finds what must not leave the vault in one record's text (listed names
//! in every script and grammatical case, identifiers such as phone numbers, unlisted personal
//! names), merges overlapping spans and replaces each with a bracketed marker naming its kind.
//!
//! Pure: no I/O, no printing, no environment. It never returns or reports removed values, their
//! lengths or their positions: only redacted text, counts by kind and, for the final re-scan,
//! the kinds of anything left.
//!
//! CONTRACT (used by `src/export/`; keep these public items and their meaning):
//! - [`Entity`]: something the record lists (a person, a place, a term), with the marker its
//!   mentions get, or `None` to protect it (kept: the witness at a named level, officials for
//!   `accountability`).
//! - [`Redactor::new`] compiles a record's entities and learns unlisted names from all of the
//!   record's texts at once, so that every mention of an unlisted surname is removed in every
//!   field, earlier ones included.
//! - [`Redactor::redact`] redacts one field value; idempotent; counts accumulate.
//! - [`Redactor::leaks`] re-scans finished output for anything that should have been removed.
//!
//! How a text is redacted (each step's details are in its module):
//! 1. `tokens.rs`: the text's words outside existing markers, each with its `fold::key`
//!    (computed once per text of the record: `new` keeps them for `redact`).
//! 2. `names.rs`: every word is compared with the needles of the listed names and phrases;
//!    matched words become runs of one entity (a name's adjacent words and initials, a whole
//!    phrase).
//! 3. Runs of different entities that overlap are resolved word by word: the run with more
//!    matched words wins (a full mention of a protected witness beats a third party who shares
//!    the given name), then, on a tie, a removing entity beats a protected one (an ambiguous
//!    lone given name is removed: safety first), and a protected one beats a learned surname;
//!    then the entity listed first.
//! 4. `unlisted.rs`: names nobody listed (given name + capitalised word, title + surname), and
//!    the surnames `new` learned from all of the record's texts (a pseudo-entity, `[PERSON?]`).
//! 5. `detect.rs`: phones, e-mails, handles, ID numbers, plates, addresses.
//! 6. Spans are merged: overlapping spans become one covering both, with the marker of the
//!    listed entity or detector over an unlisted name, then of the longest, then the earliest;
//!    spans of one marker separated only by spaces become one. Nothing inside a protected
//!    mention or an existing marker is removed. Each span is replaced by its marker, on
//!    character boundaries (spans start and end at words or detector boundaries).
//!
//! `leaks` runs steps 1–3, the learned surnames and the detectors (not the discovery of new
//! unlisted names) on the output as written and with its JSON, CSV and Markdown escapes undone.
//! Because redaction removes every run those steps find, `leaks(redact(x))` is empty. Texts
//! are tokenised piece by piece between `"` and line breaks (`tokens::tokenize_pieces`), pieces
//! seen before coming from a cache: the same tokens as tokenising them whole (a property test
//! checks this), at a fraction of the cost, since a rendering repeats the record's field values
//! and the keys and labels of every record.

pub mod detect;
pub mod names;
mod pieces;
mod tokens;
mod unlisted;

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::collections::hash_map::Entry;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use names::{Matcher, Run};
use tokens::Token;
use unlisted::{Claim, Found};

/// The kind of a removed span; decides the marker of detector spans and the report's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A listed third party, interviewer or official: `[PERSON n]`.
    Person,
    /// The witness: `[WITNESS]` or the pseudonym.
    Witness,
    /// A name nobody listed that looks like one: `[PERSON?]`.
    UnlistedPerson,
    /// `[PHONE]`
    Phone,
    /// `[EMAIL]`
    Email,
    /// Messenger handles and t.me / instagram / vk / ... links: `[HANDLE]`.
    Handle,
    /// Passport and personal identification numbers: `[ID NUMBER]`.
    IdNumber,
    /// Street addresses: `[ADDRESS]`.
    Address,
    /// Vehicle plates: `[PLATE]`.
    Plate,
    /// Whereabouts, residence: `[PLACE]`.
    Place,
    /// `sensitive_terms`, contact parts no detector recognises, a stored pseudonym at
    /// `anonymous`: `[REDACTED]`.
    Term,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 11] = [
        Kind::Witness,
        Kind::Person,
        Kind::UnlistedPerson,
        Kind::Phone,
        Kind::Email,
        Kind::Handle,
        Kind::IdNumber,
        Kind::Address,
        Kind::Plate,
        Kind::Place,
        Kind::Term,
    ];

    /// Stable machine code (report JSON keys).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Witness => "witness",
            Kind::UnlistedPerson => "unlisted_person",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Handle => "handle",
            Kind::IdNumber => "id_number",
            Kind::Address => "address",
            Kind::Plate => "plate",
            Kind::Place => "place",
            Kind::Term => "term",
        }
    }

    /// The marker of a detector span of this kind (entities carry their own).
    pub fn marker(self) -> &'static str {
        match self {
            Kind::Person => "[PERSON]",
            Kind::Witness => "[WITNESS]",
            Kind::UnlistedPerson => "[PERSON?]",
            Kind::Phone => "[PHONE]",
            Kind::Email => "[EMAIL]",
            Kind::Handle => "[HANDLE]",
            Kind::IdNumber => "[ID NUMBER]",
            Kind::Address => "[ADDRESS]",
            Kind::Plate => "[PLATE]",
            Kind::Place => "[PLACE]",
            Kind::Term => "[REDACTED]",
        }
    }
}

/// How an entity's mentions are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// A personal name: every script, each part alone (except initials), initials, possessives,
    /// inflection; titles inside the listed string ("Investigator", "судья") are not parts.
    Name,
    /// A phrase (place, term, pseudonym, contact part): the whole phrase, folded (case,
    /// diacritics, scripts) and tolerant of inflection word by word; a comma-separated phrase
    /// also matches each of its parts.
    Phrase,
}

/// Something the record lists.
#[derive(Clone)]
pub struct Entity {
    /// Every spelling the record gives (e.g. all of `witness.names`).
    pub texts: Vec<String>,
    pub matching: Matching,
    /// The kind counted in the report.
    pub kind: Kind,
    /// The replacement of each mention, e.g. `[PERSON 2]`; `None` protects the mentions (they
    /// are kept, and no other rule may redact inside them).
    pub marker: Option<String>,
}

// Entities hold names: Debug shows only their shape.
impl std::fmt::Debug for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entity")
            .field("texts", &self.texts.len())
            .field("matching", &self.matching)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Options of one export.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--keep-unlisted-names`: do not look for names nobody listed.
    pub keep_unlisted_names: bool,
    /// Redact each text again until the re-scan finds nothing in it (a few rounds at most).
    /// Removing an identifier can bring the next one into a detector's reach: in `Номер +370 6
    /// 123 4567, або 8 612 34567` the phone word is far from the second number until the first
    /// is a short marker. The export asks for this only for a record whose re-scan failed, since
    /// it costs a re-scan of every text.
    pub settle: bool,
}

/// Rounds of [`Options::settle`].
const SETTLE_ROUNDS: usize = 4;

/// Counts of removed spans by kind.
pub type Counts = BTreeMap<Kind, usize>;

/// A byte range of a text and its kind, found by a detector or a name matcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// How an entity takes part in conflicts (lower wins a tie of equally long runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Removed = 0,
    Protected = 1,
    Learned = 2,
}

struct Compiled {
    kind: Kind,
    marker: Option<String>,
    class: Class,
}

/// A span to replace, before merging.
#[derive(Debug, Clone, Copy)]
struct Cut {
    start: usize,
    end: usize,
    marker: Marker,
    kind: Kind,
    /// 0: a listed entity or a detector; 1: an unlisted name (loses overlaps).
    rank: u8,
    /// The length of the span that decided the marker.
    weight: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Entity(u32),
    Fixed(&'static str),
}

/// One text, prepared: marker regions, tokens, and the needles matching each token (none at all
/// when no token matches; with the number of needles they were computed against: learned
/// surnames are added later).
struct Prepared {
    regions: Vec<(usize, usize)>,
    tokens: tokens::Tokens,
    hits: Vec<Vec<u32>>,
    needles: u32,
    /// Unlisted names found by `new` (reused by `redact`: learned surnames only add runs).
    found: Option<Vec<Found>>,
}

/// What a scan is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `new`: listed runs and the discovery of unlisted names only.
    Learn,
    /// `redact`: everything.
    Redact { discover: bool },
    /// `leaks`: listed and learned runs, detectors; no discovery.
    Leaks,
}

/// Per distinct word (the address of its key, whether capitalised): the key (held, so that the
/// address stays its own), the number of needles its hits were matched against, and the hits.
type HitMemo = FxHashMap<(usize, bool), (Rc<str>, u32, Vec<u32>)>;

/// The redactor of one record; borrows the texts it was built from.
pub struct Redactor<'t> {
    /// The record's entities, then the pseudo-entity of learned surnames.
    entities: Vec<Compiled>,
    matcher: Matcher,
    /// Every entity marker, for finding markers already in a text.
    markers: tokens::Extra,
    /// The texts given to `new`, prepared once.
    cache: FxHashMap<&'t str, Prepared>,
    /// The needles each distinct word matches (see [`Redactor::token_hits`]).
    memo: RefCell<HitMemo>,
    /// What claims each token of the text being scanned (kept between scans to be reused).
    claims: RefCell<Vec<Claim>>,
    options: Options,
    counts: Counts,
    learned: usize,
}

// Holds names: Debug shows only counts.
impl std::fmt::Debug for Redactor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redactor")
            .field("entities", &self.entities.len())
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl<'t> Redactor<'t> {
    /// Compiles `entities` and learns the record's unlisted names from `texts` (every free-text
    /// and string field of the record that may be exported).
    pub fn new(entities: &[Entity], texts: &[&'t str], options: Options) -> Redactor<'t> {
        let mut matcher = Matcher::default();
        let mut compiled = Vec::with_capacity(entities.len() + 1);
        let mut markers = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let id = i as u32;
            for t in &e.texts {
                match e.matching {
                    Matching::Name => matcher.add_name(id, t),
                    Matching::Phrase => {
                        matcher.add_phrase(id, t);
                        // A town by its other names too (`Вильнюс` for `Вільня`).
                        if e.kind == Kind::Place {
                            matcher.add_place(t);
                        }
                    }
                }
            }
            if let Some(m) = &e.marker
                && !m.trim().is_empty()
                && !markers.contains(m)
            {
                markers.push(m.clone());
            }
            compiled.push(Compiled {
                kind: e.kind,
                marker: e.marker.clone(),
                class: if e.marker.is_some() {
                    Class::Removed
                } else {
                    Class::Protected
                },
            });
        }
        let learned_id = compiled.len() as u32;
        compiled.push(Compiled {
            kind: Kind::UnlistedPerson,
            marker: Some(Kind::UnlistedPerson.marker().to_owned()),
            class: Class::Learned,
        });
        let mut r = Redactor {
            entities: compiled,
            matcher,
            markers: tokens::Extra::new(&markers),
            cache: FxHashMap::with_capacity_and_hasher(texts.len(), Default::default()),
            memo: RefCell::default(),
            claims: RefCell::default(),
            options,
            counts: Counts::new(),
            learned: 0,
        };
        for &t in texts {
            if !t.is_empty() && !r.cache.contains_key(t) {
                let p = r.prepare(t);
                r.cache.insert(t, p);
            }
        }
        if !options.keep_unlisted_names {
            // Learn from every text first, so that every mention is removed in every field,
            // earlier ones included.
            let mut surnames: Vec<String> = Vec::new();
            // Taken out while it is scanned, so that each text keeps what was found in it.
            let mut cache = std::mem::take(&mut r.cache);
            for (text, p) in &mut cache {
                let (_, found) = r.scan(text, p, Mode::Learn);
                for f in &found {
                    for &l in &f.learn {
                        // (Without the spaces of a name written letter by letter.)
                        let word = p.tokens[l].text(text);
                        surnames.push(word.chars().filter(|c| !c.is_whitespace()).collect());
                    }
                }
                p.found = Some(found);
            }
            r.cache = cache;
            let mut stems = FxHashSet::default();
            for s in &surnames {
                r.matcher.add_name(learned_id, s);
                let k = crate::search::fold::key(s);
                stems.insert(crate::search::fold::stem(&k).to_owned());
            }
            r.learned = stems.len();
        }
        r
    }

    fn prepare(&self, text: &str) -> Prepared {
        let regions = tokens::markers(text, &self.markers);
        let tokens = tokens::tokenize_text(text, &regions);
        let hits = self.hits(&tokens);
        Prepared {
            regions,
            tokens,
            hits,
            needles: self.matcher.len(),
            found: None,
        }
    }

    /// The needles each of `tokens` matches, or nothing when none matches any (most field
    /// values name no one; see [`Matcher::runs`]).
    fn hits(&self, tokens: &[Token]) -> Vec<Vec<u32>> {
        let mut hits = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let h = self.token_hits(t);
            if !h.is_empty() {
                if hits.is_empty() {
                    hits.resize(tokens.len(), Vec::new());
                }
                hits[i] = h;
            }
        }
        hits
    }

    /// The needles `token` matches, remembered per distinct word: the words of a record recur
    /// from field to field and again in the rendering the re-scan reads, and matching a word
    /// against every needle is the costliest step of tokenising. Sound because a word's hits
    /// are a function of its key and whether it is capitalised alone (`Matcher::token_hits`),
    /// for a given set of needles; needles added since (learned surnames) are matched on the
    /// next lookup.
    ///
    /// Keyed by the address of the key: tokens of one word share its key (`tokens::cached_key`
    /// hands out one `Rc` per word), and hashing an address costs less than hashing the word.
    /// Sound because the memo holds the `Rc`, so no other key can take its address while it is
    /// there; a word whose key was made twice (the key cache was emptied in between) is only
    /// matched twice.
    fn token_hits(&self, token: &Token) -> Vec<u32> {
        let needles = self.matcher.len();
        let mut memo = self.memo.borrow_mut();
        let address = Rc::as_ptr(&token.key).cast::<u8>() as usize;
        match memo.entry((address, token.has(tokens::CAP))) {
            Entry::Occupied(e) => {
                let (_, from, hits) = e.into_mut();
                if *from != needles {
                    hits.extend(self.matcher.token_hits(token, *from));
                    *from = needles;
                }
                hits.clone()
            }
            Entry::Vacant(e) => {
                let hits = self.matcher.token_hits(token, 0);
                e.insert((token.key.clone(), needles, hits.clone()));
                hits
            }
        }
    }

    /// `text` with every span replaced by its marker. Idempotent; never splits a character.
    pub fn redact(&mut self, text: &str) -> String {
        let mut out = self.redact_once(text);
        if self.options.settle {
            for _ in 0..SETTLE_ROUNDS {
                if self.leaks(&out).is_empty() {
                    break;
                }
                out = self.redact_once(&out);
            }
        }
        out
    }

    fn redact_once(&mut self, text: &str) -> String {
        let out = self.redact_as_is(text);
        // The re-scan reads text with escapes undone (`\.`, `""`): where that reveals an
        // identifier the raw text hid (`@ivan\.petrou`), redact the text as a reader sees it.
        if (text.contains('\\') || text.contains("\"\""))
            && !self.leaks(&out).is_empty()
            && let Some(unescaped) = tokens::unescape(text)
        {
            return self.redact_as_is(&unescaped);
        }
        out
    }

    fn redact_as_is(&mut self, text: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        let needles = self.matcher.len();
        if let Some(p) = self.cache.get(text)
            && p.needles != needles
        {
            // Computed before the learned surnames were added: the memo matches each distinct
            // word against them once.
            let hits = self.hits(&p.tokens);
            if let Some(p) = self.cache.get_mut(text) {
                (p.hits, p.needles) = (hits, needles);
            }
        }
        let fresh;
        let p = match self.cache.get(text) {
            Some(p) => p,
            None => {
                fresh = self.prepare(text);
                &fresh
            }
        };
        let discover = !self.options.keep_unlisted_names;
        let (cuts, _) = self.scan(text, p, Mode::Redact { discover });
        let cuts = merge(text, cuts);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for c in &cuts {
            out.push_str(&text[at..c.start]);
            out.push_str(self.marker(c.marker));
            at = c.end;
        }
        out.push_str(&text[at..]);
        for c in &cuts {
            *self.counts.entry(c.kind).or_default() += 1;
        }
        out
    }

    fn marker(&self, m: Marker) -> &str {
        match m {
            Marker::Fixed(s) => s,
            Marker::Entity(e) => self.entities[e as usize]
                .marker
                .as_deref()
                .unwrap_or(Kind::Person.marker()),
        }
    }

    /// Spans removed so far, by kind.
    pub fn counts(&self) -> Counts {
        self.counts.clone()
    }

    /// Unlisted surnames learned by `new` (for the report's count; never their values).
    pub fn unlisted_names(&self) -> usize {
        self.learned
    }

    /// The final re-scan: the kinds of anything in `output` that should have been removed
    /// (markers and protected mentions excepted). Empty when clean.
    pub fn leaks(&self, output: &str) -> Vec<Kind> {
        // The text a reader sees: with the escapes of the format undone (JSON `\"` and `\n`,
        // CSV `""`, Markdown `\*`). Escapes only separate words, never join them, so scanning
        // the raw bytes as well would find nothing more.
        let unescaped = tokens::unescape(output);
        let text = unescaped.as_deref().unwrap_or(output);
        let p = self.prepare(text);
        let (cuts, _) = self.scan(text, &p, Mode::Leaks);
        let mut kinds: Vec<Kind> = cuts.iter().map(|c| c.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }

    /// Every span of `text` to remove (unmerged), and the unlisted names found (`mode` decides
    /// what is looked for).
    fn scan(&self, text: &str, p: &Prepared, mode: Mode) -> (Vec<Cut>, Vec<Found>) {
        let tokens = &p.tokens;
        let mut runs = Vec::new();
        self.matcher.runs(text, tokens, &p.hits, &mut runs);
        let mut claims = self.claims.borrow_mut();
        let runs = self.resolve(runs, &mut claims, tokens.len());
        let mut cuts = Vec::new();
        let mut protected = Vec::new();
        for r in &runs {
            let start = tokens[r.lo].start;
            let end = tokens[r.hi].end + usize::from(r.dot);
            let e = &self.entities[r.entity as usize];
            if e.class == Class::Protected {
                protected.push((start, end));
            } else {
                cuts.push(Cut {
                    start,
                    end,
                    marker: Marker::Entity(r.entity),
                    kind: e.kind,
                    rank: 0,
                    weight: end - start,
                });
            }
        }
        let mut found = Vec::new();
        let discover = match mode {
            Mode::Learn => true,
            Mode::Redact { discover } => discover,
            Mode::Leaks => false,
        };
        if discover {
            match (&p.found, mode) {
                (Some(f), Mode::Redact { .. }) => found.clone_from(f),
                _ => unlisted::discover(text, tokens, &claims, &mut found),
            }
            for f in &found {
                let start = tokens[f.lo].start;
                let end = tokens[f.hi].end + usize::from(f.dot);
                if overlaps(&protected, start, end) {
                    continue;
                }
                cuts.push(Cut {
                    start,
                    end,
                    marker: Marker::Fixed(Kind::UnlistedPerson.marker()),
                    kind: Kind::UnlistedPerson,
                    rank: 1,
                    weight: end - start,
                });
            }
        }
        if mode == Mode::Learn {
            return (cuts, found);
        }
        let mut spans = Vec::new();
        detect::find(text, &mut spans);
        for s in spans {
            let valid = s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end);
            // Identifiers are removed whatever the consent level, also where they contain a
            // protected name (`ivan.petruk@example.org` of a witness named in the export).
            if !valid {
                continue;
            }
            for (start, end) in outside(&p.regions, s.start, s.end) {
                cuts.push(Cut {
                    start,
                    end,
                    marker: Marker::Fixed(s.kind.marker()),
                    kind: s.kind,
                    rank: 0,
                    weight: end - start,
                });
            }
        }
        (cuts, found)
    }

    /// Resolves overlapping runs word by word (see the module header): returns the winning runs
    /// and sets `claims` to what claims each of the `n` tokens.
    fn resolve(&self, mut runs: Vec<Run>, claims: &mut Vec<Claim>, n: usize) -> Vec<Run> {
        let class = |r: &Run| self.entities[r.entity as usize].class;
        runs.sort_by_key(|r| (Reverse(r.words), class(r), r.entity, r.lo));
        claims.clear();
        claims.resize(n, Claim::Free);
        let mut out = Vec::with_capacity(runs.len());
        for r in runs {
            let claim = if class(&r) == Class::Protected {
                Claim::Protected
            } else {
                Claim::Redacted
            };
            let mut i = r.lo;
            while i <= r.hi {
                if claims[i] != Claim::Free {
                    i += 1;
                    continue;
                }
                let lo = i;
                while i < r.hi && claims[i + 1] == Claim::Free {
                    i += 1;
                }
                let hi = i;
                i += 1;
                out.push(Run {
                    lo,
                    hi,
                    entity: r.entity,
                    words: r.words,
                    dot: r.dot && hi == r.hi,
                });
                claims[lo..=hi].fill(claim);
            }
        }
        out
    }
}

fn overlaps(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    ranges.iter().any(|&(s, e)| s < end && start < e)
}

/// The parts of `start..end` outside `regions` (sorted, disjoint).
fn outside(regions: &[(usize, usize)], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    for &(s, e) in regions {
        if e <= at || s >= end {
            continue;
        }
        if s > at {
            out.push((at, s));
        }
        at = at.max(e);
    }
    if at < end {
        out.push((at, end));
    }
    out
}

/// Merges overlapping cuts into one (the marker of the better: a listed entity or a detector
/// over an unlisted name, then the longest, then the earliest), and cuts of one marker
/// separated only by spaces or a hyphen.
fn merge(text: &str, mut cuts: Vec<Cut>) -> Vec<Cut> {
    cuts.sort_by_key(|c| (c.start, Reverse(c.end)));
    let mut out: Vec<Cut> = Vec::with_capacity(cuts.len());
    for c in cuts {
        if let Some(last) = out.last_mut() {
            if c.start < last.end {
                let better = (c.rank, Reverse(c.weight)) < (last.rank, Reverse(last.weight));
                if better {
                    last.marker = c.marker;
                    last.kind = c.kind;
                    last.rank = c.rank;
                    last.weight = c.weight;
                }
                last.end = last.end.max(c.end);
                continue;
            }
            let gap = &text[last.end..c.start];
            let joined = c.marker == last.marker
                && !gap.contains('\n')
                && gap
                    .chars()
                    .all(|ch| ch.is_whitespace() || matches!(ch, '-' | '\u{2010}' | '\u{2011}'));
            if joined {
                last.end = c.end;
                last.weight = last.weight.max(c.weight);
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
