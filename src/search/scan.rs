//! Evaluating a parsed query against index entries: a plain scan over precomputed folded keys
//! and facets, in memory. No I/O.

use crate::record::{ActType, Risk, Status};
use crate::search::fold::{self, Needle};
use crate::search::keys::{self, field};
use crate::search::query::{Field, Query, Term};
use crate::vault::index::{EntryRef, Facets};

/// A query prepared for scanning: every word folded once.
pub struct Compiled {
    clauses: Vec<(bool, Prepared)>,
    /// Whether the narrative is searched (`--narrative`).
    pub narrative: bool,
}

enum Prepared {
    /// Each query word as the sequence of words the folding splits it into (`361-1`, a
    /// hyphenated surname): all must be found, each sequence consecutive within one value.
    Words(Vec<Vec<Needle>>),
    Phrase(Vec<Needle>),
    Text(u8, Vec<Needle>),
    Status(Option<u8>),
    Act(Option<u8>),
    Risk(Option<u8>),
    Purpose(u32),
    Tag(String),
    Charge(String),
    Date(Option<u32>, Option<u32>),
}

/// The needles of query words, split as stored text is split (`fold::words`), so that
/// `Ткачук-Ладысева` or `361-1` meet the words they were stored as.
fn needles(words: &[String]) -> Vec<Needle> {
    words.iter().flat_map(|w| split(w)).collect()
}

fn split(word: &str) -> Vec<Needle> {
    let parts = fold::words(word);
    if parts.is_empty() {
        vec![Needle::new(word)]
    } else {
        parts.into_iter().map(Needle::new).collect()
    }
}

fn position<T: PartialEq>(all: &[T], value: &T) -> Option<u8> {
    all.iter()
        .position(|v| v == value)
        .and_then(|i| u8::try_from(i).ok())
}

fn field_code(field: Field) -> u8 {
    match field {
        Field::Name => field::NAME,
        Field::Place => field::PLACE,
        Field::Union => field::UNION,
        Field::Employer => field::EMPLOYER,
        Field::Perpetrator => field::PERPETRATOR,
        Field::Charge => field::CHARGE,
        Field::Tag => field::TAG,
        Field::Status | Field::Act | Field::Purpose | Field::Risk => field::OTHER,
    }
}

impl Compiled {
    /// Prepares `query`; `narrative` adds the narrative to what bare words and phrases search.
    pub fn new(query: &Query, narrative: bool) -> Self {
        let clauses = query
            .clauses
            .iter()
            .map(|clause| {
                let prepared = match &clause.term {
                    Term::Words(words) => Prepared::Words(words.iter().map(|w| split(w)).collect()),
                    Term::Phrase(words) => Prepared::Phrase(needles(words)),
                    Term::Text(field, words) => Prepared::Text(field_code(*field), needles(words)),
                    Term::Status(s) => Prepared::Status(position(Status::ALL, s)),
                    Term::Act(a) => Prepared::Act(position(ActType::ALL, a)),
                    Term::Risk(r) => Prepared::Risk(position(Risk::ALL, r)),
                    Term::Purpose(p) => Prepared::Purpose(Facets::purpose_bit(*p)),
                    Term::Tag(t) => Prepared::Tag(fold::plain(t)),
                    Term::Charge(c) => Prepared::Charge(fold::plain(c)),
                    Term::Date(from, to) => {
                        Prepared::Date(from.map(|d| d.to_yyyymmdd()), to.map(|d| d.to_yyyymmdd()))
                    }
                };
                (clause.negated, prepared)
            })
            .collect();
        Compiled { clauses, narrative }
    }

    /// Whether the query needs the narrative's keys.
    pub fn needs_narrative(&self) -> bool {
        self.narrative
            && self
                .clauses
                .iter()
                .any(|(_, p)| matches!(p, Prepared::Words(_) | Prepared::Phrase(_)))
    }

    /// Whether an index entry matches. `narrative` holds the keys of its narrative (space
    /// separated) when `--narrative` is on.
    pub fn matches(&self, entry: &EntryRef<'_>, narrative: Option<&str>) -> bool {
        let facets = &entry.facets;
        self.clauses.iter().all(|(negated, prepared)| {
            let hit = match prepared {
                Prepared::Words(words) => words.iter().all(|sequence| {
                    in_values(sequence, entry.keys)
                        || narrative.is_some_and(|n| phrase_in(sequence, n))
                }),
                Prepared::Phrase(needles) => {
                    in_values(needles, entry.keys)
                        || narrative.is_some_and(|n| phrase_in(needles, n))
                }
                Prepared::Text(code, needles) => keys::lines(entry.keys).any(|(c, value)| {
                    c == *code
                        && needles
                            .iter()
                            .all(|needle| words(value).any(|k| needle.matches(k)))
                }),
                Prepared::Status(status) => status.is_some() && facets.status == *status,
                Prepared::Act(kind) => {
                    kind.is_some() && facets.acts.iter().any(|a| a.kind == *kind)
                }
                Prepared::Risk(risk) => risk.is_some() && facets.risk == *risk,
                Prepared::Purpose(bit) => facets.purposes & bit != 0,
                Prepared::Tag(tag) => facets.tags.split('\n').any(|t| t == tag),
                Prepared::Charge(charge) => facets
                    .charges
                    .split('\n')
                    .any(|c| contains_whole(c, charge)),
                Prepared::Date(from, to) => facets.acts.iter().any(|a| a.overlaps(*from, *to)),
            };
            hit != *negated
        })
    }
}

/// Whether `needle` occurs in `haystack` not glued to letters or digits on either side, so that
/// `361` finds `CC 361-1` but `342` does not find `CC 1342`, nor `361-1` find `CC 361-11`.
fn contains_whole(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(start, _)| {
        let before = haystack[..start].chars().next_back();
        let after = haystack[start + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The words of a value: exactly `value.split(' ')`, but with a plain byte loop, which is much
/// faster than the general splitter on keys a few bytes long (the scan's inner loop).
fn words(value: &str) -> Words<'_> {
    Words { rest: Some(value) }
}

#[derive(Clone)]
struct Words<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == b' ') {
            // Splitting at an ASCII space always leaves whole characters on both sides.
            Some(i) => {
                self.rest = Some(&rest[i + 1..]);
                Some(&rest[..i])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Whether the words of `needles` occur consecutively within one value of `keys` (the lines
/// of [`keys::lines`]).
fn in_values(needles: &[Needle], keys: &str) -> bool {
    match needles {
        // The common case: any word of any value, in one pass over the keys.
        [one] => KeyWords::new(keys).any(|k| one.matches(k)),
        _ => keys::lines(keys).any(|(_, value)| phrase_in(needles, value)),
    }
}

/// The words of every value of a keys string, exactly as `keys::lines(keys).flat_map(|(_,
/// value)| words(value))` gives them, but in one pass over the bytes: a search does this for
/// every entry, and looking for each line's end first costs a memchr per line.
struct KeyWords<'a> {
    /// What is left; `None` when done.
    rest: Option<&'a str>,
    /// `rest` starts a line (with its field code, if it is a valid line).
    line_start: bool,
}

impl<'a> KeyWords<'a> {
    fn new(keys: &'a str) -> Self {
        KeyWords {
            rest: Some(keys),
            line_start: true,
        }
    }
}

impl<'a> Iterator for KeyWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let mut rest = self.rest?;
            if self.line_start {
                // As `keys::lines`: a line that does not start with a field digit is skipped.
                if rest.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                    rest = &rest[1..];
                    self.line_start = false;
                } else {
                    self.rest = rest.find('\n').map(|i| &rest[i + 1..]);
                    continue;
                }
            }
            // Splitting at ASCII bytes always leaves whole characters on both sides.
            return match rest.bytes().position(|b| b == b' ' || b == b'\n') {
                Some(i) => {
                    self.line_start = rest.as_bytes()[i] == b'\n';
                    self.rest = Some(&rest[i + 1..]);
                    Some(&rest[..i])
                }
                None => {
                    self.rest = None;
                    Some(rest)
                }
            };
        }
    }
}

fn phrase_in(needles: &[Needle], value: &str) -> bool {
    match needles {
        [] => false,
        // The common case, without allocating.
        [one] => words(value).any(|k| one.matches(k)),
        [first, rest @ ..] => {
            let mut words = words(value);
            while words.clone().next().is_some() {
                let mut window = words.clone();
                if window.next().is_some_and(|k| first.matches(k))
                    && rest
                        .iter()
                        .all(|n| window.next().is_some_and(|k| n.matches(k)))
                {
                    return true;
                }
                words.next();
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::contains_whole;

    #[test]
    fn words_split_like_str_split() {
        for value in ["", " ", "a", "a b", " a  b ", "ab cd ef", "жук  ъ", "x "] {
            let ours: Vec<&str> = super::words(value).collect();
            let std: Vec<&str> = value.split(' ').collect();
            assert_eq!(ours, std, "{value:?}");
        }
    }

    #[test]
    fn key_words_are_the_words_of_the_lines() {
        for keys in [
            "",
            "\n",
            "0",
            "1a b\n2c",
            "1a  b\n\nx skipped\n3\n4d e ",
            "9ж ъ\n",
            "no code\n5last",
        ] {
            let ours: Vec<&str> = super::KeyWords::new(keys).collect();
            let lines: Vec<&str> = crate::search::keys::lines(keys)
                .flat_map(|(_, value)| super::words(value))
                .collect();
            assert_eq!(ours, lines, "{keys:?}");
        }
    }

    #[test]
    fn charges_match_whole_numbers() {
        assert!(contains_whole("cc 361-1 part 2", "361-1"));
        assert!(contains_whole("cc 361-1", "361"));
        assert!(!contains_whole("cc 1342", "342"));
        assert!(!contains_whole("cc 361-11", "361-1"));
        assert!(!contains_whole("cc 361-1", "61"));
        assert!(contains_whole("ст. 342", "342"));
    }
}
