//! Dates in records: the EDTF level-1 subset of SPEC.md ("Dates are ISO 8601 with reduced
//! precision ..."), and calendar days for comparing them.
//!
//! Accepted forms:
//! - `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (proleptic Gregorian calendar, years 0000 to 9999, days
//!   checked against the month including leap years);
//! - each optionally followed by `?` (uncertain), `~` (approximate) or `%` (both);
//! - an interval `FROM/TO` of two such dates, where either side (not both) may be open, written
//!   `..` or left empty; the interval must not start after it ends.
//!
//! No error here ever contains the rejected text: a date can be a quasi-identifier (a birth
//! date), and an error message may end up in a log or on a shared screen.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a date string was rejected. Never carries the string itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date")]
    Empty,
    #[error(
        "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %, \
         or an interval FROM/TO"
    )]
    Syntax,
    #[error("month must be 01 to 12")]
    Month,
    #[error("day does not exist in that month")]
    Day,
    #[error("an interval needs at least one end")]
    BothOpen,
    #[error("the interval starts after it ends")]
    Reversed,
}

/// One calendar day. Ordered chronologically (year, then month, then day).
///
/// `Debug` is redacted like everything derived from testimony; use `Display` (`YYYY-MM-DD`)
/// when the value is meant to be shown.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

impl Day {
    /// A real calendar day, or `None` (month 1-12, day valid for the month, year 0-9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Day> {
        (year <= 9999 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Day { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The day as the number `yyyymmdd` (e.g. 20220419), which orders like the day.
    pub fn to_yyyymmdd(self) -> u32 {
        u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Day(<redacted>)")
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How much of a date to keep, for [`EdtfDate::truncate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// One side of a date: the span of days a reduced-precision date covers.
#[derive(Clone, Copy)]
struct Single {
    earliest: Day,
    latest: Day,
}

/// Parse `YYYY[-MM[-DD]]` optionally followed by one of `?`, `~`, `%`.
fn parse_single(s: &str) -> Result<Single, DateError> {
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let core = s.strip_suffix(['?', '~', '%']).unwrap_or(s);
    let bytes = core.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Result<u16, DateError> {
        let part = bytes.get(range).ok_or(DateError::Syntax)?;
        part.iter().try_fold(0u16, |acc, &b| {
            if b.is_ascii_digit() {
                Ok(acc * 10 + u16::from(b - b'0'))
            } else {
                Err(DateError::Syntax)
            }
        })
    };
    let dash = |at: usize| -> Result<(), DateError> {
        (bytes.get(at) == Some(&b'-'))
            .then_some(())
            .ok_or(DateError::Syntax)
    };
    let year = digits(0..4)?;
    let (month, day) = match bytes.len() {
        4 => (None, None),
        7 => {
            dash(4)?;
            (Some(digits(5..7)?), None)
        }
        10 => {
            dash(4)?;
            dash(7)?;
            (Some(digits(5..7)?), Some(digits(8..10)?))
        }
        _ => return Err(DateError::Syntax),
    };
    // Both fit in u8: they are two decimal digits.
    let month = month.map(|m| m as u8);
    let day = day.map(|d| d as u8);
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(DateError::Month);
    }
    let (first_month, last_month) = month.map_or((1, 12), |m| (m, m));
    let earliest = Day::new(year, first_month, day.unwrap_or(1));
    let latest = Day::new(
        year,
        last_month,
        day.unwrap_or_else(|| days_in_month(year, last_month)),
    );
    match (earliest, latest) {
        (Some(earliest), Some(latest)) => Ok(Single { earliest, latest }),
        _ => Err(DateError::Day),
    }
}

/// The side of an interval: `None` when open (`..` or empty).
fn parse_side(s: &str) -> Result<Option<Single>, DateError> {
    if s.is_empty() || s == ".." {
        Ok(None)
    } else {
        parse_single(s).map(Some)
    }
}

/// A validated EDTF date or interval (see the module documentation), keeping the original
/// text: it serialises as exactly that string and deserialises with validation.
///
/// `Debug` is redacted (a birth date is a quasi-identifier); use [`EdtfDate::as_str`] or
/// `Display` where the value is meant to be shown.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EdtfDate {
    text: String,
    earliest: Option<Day>,
    latest: Option<Day>,
}

impl EdtfDate {
    /// Validate `s` as a date or interval.
    pub fn parse(s: &str) -> Result<EdtfDate, DateError> {
        let (earliest, latest) = if let Some((from, to)) = s.split_once('/') {
            let from = parse_side(from)?;
            let to = parse_side(to)?;
            if let (Some(from), Some(to)) = (from, to)
                && from.earliest > to.latest
            {
                return Err(DateError::Reversed);
            }
            if from.is_none() && to.is_none() {
                return Err(DateError::BothOpen);
            }
            (from.map(|d| d.earliest), to.map(|d| d.latest))
        } else {
            let single = parse_single(s)?;
            (Some(single.earliest), Some(single.latest))
        };
        Ok(EdtfDate {
            text: s.to_owned(),
            earliest,
            latest,
        })
    }

    /// The original text, e.g. `2022-04-19?` or `2022-04/2022-06`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The inclusive earliest and latest calendar day this date covers: `2022` gives
    /// 2022-01-01 and 2022-12-31, `2022-02` gives 2022-02-01 and 2022-02-28, an interval gives
    /// the earliest day of its start and the latest day of its end. An open end is `None`.
    /// Qualifiers (`?`, `~`, `%`) do not widen the bounds.
    pub fn bounds(&self) -> (Option<Day>, Option<Day>) {
        (self.earliest, self.latest)
    }

    /// Whether this date's span shares at least one day with the inclusive range
    /// `from..=to` (`None` = unbounded), as `search date:FROM..TO` needs.
    pub fn overlaps(&self, from: Option<Day>, to: Option<Day>) -> bool {
        let ends_after_from = match (self.latest, from) {
            (Some(latest), Some(from)) => latest >= from,
            _ => true,
        };
        let starts_before_to = match (self.earliest, to) {
            (Some(earliest), Some(to)) => earliest <= to,
            _ => true,
        };
        ends_after_from && starts_before_to
    }

    /// The same date with every side cut to at most `precision`, qualifiers kept:
    /// `2022-04-19?` at [`Precision::Month`] is `2022-04?`. Used by redacted exports.
    pub fn truncate(&self, precision: Precision) -> EdtfDate {
        let keep = match precision {
            Precision::Year => 4,
            Precision::Month => 7,
            Precision::Day => 10,
        };
        let cut = |side: &str| -> String {
            let core = side.strip_suffix(['?', '~', '%']).unwrap_or(side);
            let qualifier = &side[core.len()..];
            match core.get(..keep) {
                Some(kept) if core != ".." => format!("{kept}{qualifier}"),
                _ => side.to_owned(),
            }
        };
        let text = match self.text.split_once('/') {
            Some((from, to)) => format!("{}/{}", cut(from), cut(to)),
            None => cut(&self.text),
        };
        // Cutting a valid date keeps it valid (bounds only widen, order is kept); fall back to
        // the untouched date rather than panic if that reasoning were ever wrong.
        EdtfDate::parse(&text).unwrap_or_else(|_| self.clone())
    }
}

/// Parse one end of a search range (`2022`, `2022-06`, `2022-06-15`, qualifiers tolerated):
/// the inclusive earliest and latest day it covers. Intervals are not accepted here.
pub fn parse_bound(s: &str) -> Result<(Day, Day), DateError> {
    let single = parse_single(s.trim())?;
    Ok((single.earliest, single.latest))
}

/// Parse a search range `FROM..TO` (either side may be empty; a lone date `D` means `D..D`)
/// into the inclusive first and last day, `None` for an open side. `..` alone is accepted and
/// is unbounded on both sides. A range that starts after it ends is rejected.
pub fn parse_range(s: &str) -> Result<(Option<Day>, Option<Day>), DateError> {
    let s = s.trim();
    let (from, to) = match s.split_once("..") {
        Some((from, to)) => {
            let from = (!from.is_empty()).then(|| parse_bound(from)).transpose()?;
            let to = (!to.is_empty()).then(|| parse_bound(to)).transpose()?;
            (from.map(|(first, _)| first), to.map(|(_, last)| last))
        }
        None => {
            let (first, last) = parse_bound(s)?;
            (Some(first), Some(last))
        }
    };
    match (from, to) {
        (Some(from), Some(to)) if from > to => Err(DateError::Reversed),
        _ => Ok((from, to)),
    }
}

impl FromStr for EdtfDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EdtfDate::parse(s)
    }
}

impl fmt::Display for EdtfDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for EdtfDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EdtfDate(<redacted>)")
    }
}

impl Serialize for EdtfDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for EdtfDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        // The error names the problem only, never the text (see the module docs).
        EdtfDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl zeroize::Zeroize for EdtfDate {
    fn zeroize(&mut self) {
        self.text.zeroize();
        self.earliest = None;
        self.latest = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Option<Day> {
        Some(Day::new(y, m, d).unwrap())
    }

    #[test]
    fn valid_dates() {
        for s in [
            "2022",
            "2022-04",
            "2022-04-19",
            "2024-02-29",
            "2000-02-29",
            "0000",
            "9999-12-31",
            "2022?",
            "2022-04~",
            "2022-04-19%",
            "2022-04/2022-06",
            "../2022",
            "/2022",
            "2022/..",
            "2022/",
            "2022?/2023~",
            "2022-06/2022",
            "2022-04-19/2022-04-19",
        ] {
            let date = EdtfDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(date.as_str(), s);
        }
    }

    #[test]
    fn invalid_dates() {
        use DateError::*;
        for (s, why) in [
            ("", Empty),
            ("2023-02-29", Day),
            ("1900-02-29", Day),
            ("2022-04-31", Day),
            ("2022-04-00", Day),
            ("2022-13", Month),
            ("2022-00", Month),
            ("2022-06/2022-04", Reversed),
            ("2022-04-20/2022-04-19", Reversed),
            ("../..", BothOpen),
            ("/", BothOpen),
            ("22", Syntax),
            ("2022-4", Syntax),
            ("2022-04-1", Syntax),
            ("20220419", Syntax),
            ("2022/04/19", Syntax),
            ("2022??", Syntax),
            ("?", Syntax),
            (" 2022", Syntax),
            ("2022 ", Syntax),
            ("-2022", Syntax),
            ("+2022", Syntax),
            ("２０２２", Syntax),
            ("2022-04-19T10:00", Syntax),
            ("2022/2023/2024", Syntax),
            ("2022-04-19/...", Syntax),
        ] {
            assert_eq!(EdtfDate::parse(s), Err(why), "{s:?}");
        }
    }

    #[test]
    fn bounds_cover_the_whole_period() {
        let b = |s: &str| EdtfDate::parse(s).unwrap().bounds();
        assert_eq!(b("2022"), (day(2022, 1, 1), day(2022, 12, 31)));
        assert_eq!(b("2022-02"), (day(2022, 2, 1), day(2022, 2, 28)));
        assert_eq!(b("2024-02"), (day(2024, 2, 1), day(2024, 2, 29)));
        assert_eq!(b("2022-04-19~"), (day(2022, 4, 19), day(2022, 4, 19)));
        assert_eq!(b("2022-04/2022-06"), (day(2022, 4, 1), day(2022, 6, 30)));
        assert_eq!(b("../2022"), (None, day(2022, 12, 31)));
        assert_eq!(b("2022/"), (day(2022, 1, 1), None));
    }

    #[test]
    fn ranges_and_overlap() {
        let (from, to) = parse_range("2022..2023-06").unwrap();
        assert_eq!((from, to), (day(2022, 1, 1), day(2023, 6, 30)));
        assert_eq!(parse_range("..2022").unwrap(), (None, day(2022, 12, 31)));
        assert_eq!(parse_range("2022-05..").unwrap(), (day(2022, 5, 1), None));
        assert_eq!(
            parse_range("2022").unwrap(),
            (day(2022, 1, 1), day(2022, 12, 31))
        );
        assert_eq!(parse_range("..").unwrap(), (None, None));
        assert_eq!(parse_range("2023..2022"), Err(DateError::Reversed));
        assert_eq!(parse_range("2022-13.."), Err(DateError::Month));
        assert_eq!(
            parse_bound("2022-04~").unwrap().1,
            Day::new(2022, 4, 30).unwrap()
        );

        let date = EdtfDate::parse("2022-04/2022-06").unwrap();
        assert!(date.overlaps(from, to));
        assert!(date.overlaps(day(2022, 6, 30), None));
        assert!(!date.overlaps(day(2022, 7, 1), None));
        assert!(!date.overlaps(None, day(2022, 3, 31)));
        assert!(
            EdtfDate::parse("../2020")
                .unwrap()
                .overlaps(None, day(1900, 1, 1))
        );
    }

    #[test]
    fn truncation_keeps_qualifiers_and_validity() {
        let t = |s: &str, p| EdtfDate::parse(s).unwrap().truncate(p).as_str().to_owned();
        assert_eq!(t("2022-04-19?", Precision::Month), "2022-04?");
        assert_eq!(t("2022-04-19", Precision::Year), "2022");
        assert_eq!(t("2022", Precision::Month), "2022");
        assert_eq!(t("2022-04-19/..", Precision::Month), "2022-04/..");
        assert_eq!(t("/2022-04-19~", Precision::Month), "/2022-04~");
    }

    #[test]
    fn serde_keeps_the_exact_text_and_validates() {
        let date: EdtfDate = serde_json::from_str("\"2022-04~\"").unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2022-04~\"");
        let err = serde_json::from_str::<EdtfDate>("\"1975-02-30\"").unwrap_err();
        assert!(!err.to_string().contains("1975"), "{err}");
        assert_eq!(format!("{date:?}"), "EdtfDate(<redacted>)");
    }
}
