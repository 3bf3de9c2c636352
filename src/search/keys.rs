//! The search keys of a record: every metadata value, split into words and folded
//! (`fold::key`), tagged with the field it came from. Computed once at write time and kept in the
//! encrypted index, so that a search only compares short strings.

use crate::record::{ActType, ConsentLevel, Day, Place, Record, Risk, Status};
use crate::search::fold;
use crate::vault::index::{ActFacet, Facets};

/// Field codes of the index keys (stored in the index: never renumber).
pub mod field {
    /// `title`.
    pub const TITLE: u8 = 0;
    /// Names of persons: witness names, pseudonym, people, officials, interviewer.
    pub const NAME: u8 = 1;
    /// Places: act places, residence, interview place, whereabouts.
    pub const PLACE: u8 = 2;
    /// Union names.
    pub const UNION: u8 = 3;
    /// Employer.
    pub const EMPLOYER: u8 = 4;
    /// Perpetrator bodies.
    pub const PERPETRATOR: u8 = 5;
    /// Charges.
    pub const CHARGE: u8 = 6;
    /// Tags.
    pub const TAG: u8 = 7;
    /// Every other metadata value: summary, notes, occupation, sentence, relations, contact,
    /// sensitive terms, vocabulary codes and dates.
    pub const OTHER: u8 = 8;
    /// The narrative (never stored in the index; computed when `--narrative` asks for it).
    pub const NARRATIVE: u8 = 9;
}

/// The folded keys of one value's words, space-separated (empty if it has no words).
pub fn value_keys(value: &str) -> String {
    let mut out = String::new();
    for word in fold::words(value) {
        let key = fold::key(word);
        if key.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&key);
    }
    out
}

/// One line per value: the field code as a digit, then the value's keys.
struct Collector(String);

impl Collector {
    fn add(&mut self, field: u8, value: &str) {
        let keys = value_keys(value);
        if !keys.is_empty() {
            if !self.0.is_empty() {
                self.0.push('\n');
            }
            self.0.push(char::from(b'0' + field));
            self.0.push_str(&keys);
        }
    }

    fn opt(&mut self, field: u8, value: Option<&str>) {
        if let Some(value) = value {
            self.add(field, value);
        }
    }

    fn place(&mut self, place: &Place) {
        for part in [&place.site, &place.locality, &place.region, &place.country]
            .into_iter()
            .flatten()
        {
            self.add(field::PLACE, part);
        }
    }
}

/// The search keys of a record's metadata (everything but the narrative): one line per value,
/// a field code digit followed by the value's folded keys separated by spaces.
pub fn record_keys(record: &Record) -> String {
    let mut c = Collector(String::new());
    c.opt(field::TITLE, record.title.as_deref());
    let w = &record.witness;
    for name in &w.names {
        c.add(field::NAME, name);
    }
    c.opt(field::NAME, w.pseudonym.as_deref());
    c.opt(field::OTHER, w.sex.map(|s| s.as_str()));
    c.opt(field::OTHER, w.birth_date.as_ref().map(|d| d.as_str()));
    c.opt(field::OTHER, w.occupation.as_deref());
    c.opt(field::EMPLOYER, w.employer.as_deref());
    for union in &w.unions {
        c.add(field::UNION, &union.name);
        c.opt(field::OTHER, union.role.as_deref());
    }
    c.opt(field::OTHER, w.status.map(|s| s.as_str()));
    c.opt(field::OTHER, w.status_as_of.as_ref().map(|d| d.as_str()));
    c.opt(field::PLACE, w.whereabouts.as_deref());
    if let Some(residence) = &w.residence {
        c.place(residence);
    }
    c.opt(field::OTHER, w.contact.as_deref());
    if let Some(i) = &record.interview {
        c.opt(field::OTHER, i.date.as_ref().map(|d| d.as_str()));
        c.opt(field::OTHER, i.mode.as_deref());
        c.opt(field::NAME, i.interviewer.as_deref());
        c.opt(field::PLACE, i.place.as_deref());
    }
    for act in &record.acts {
        c.opt(field::OTHER, act.act_type.map(|t| t.as_str()));
        c.opt(field::OTHER, act.date.as_ref().map(|d| d.as_str()));
        if let Some(place) = &act.place {
            c.place(place);
        }
        for p in &act.perpetrators {
            c.add(field::PERPETRATOR, p);
        }
        for o in &act.officials {
            c.add(field::NAME, o);
        }
        for charge in &act.charges {
            c.add(field::CHARGE, charge);
        }
        c.opt(field::OTHER, act.sentence.as_deref());
        c.opt(field::OTHER, act.notes.as_deref());
    }
    for person in &record.people {
        c.add(field::NAME, &person.name);
        c.opt(field::OTHER, person.relation.as_deref());
    }
    for consent in &record.consent {
        c.opt(field::OTHER, consent.conditions.as_deref());
    }
    c.opt(field::OTHER, record.risk.map(|r| r.as_str()));
    for tag in &record.tags {
        c.add(field::TAG, tag);
    }
    for term in &record.sensitive_terms {
        c.add(field::OTHER, term);
    }
    c.opt(field::OTHER, record.summary.as_deref());
    c.opt(field::OTHER, record.language.as_deref());
    c.0
}

/// The lines of a keys string: (field code, keys separated by spaces).
pub fn lines(keys: &str) -> impl Iterator<Item = (u8, &str)> {
    keys.split('\n').filter_map(|line| {
        let code = line
            .as_bytes()
            .first()?
            .checked_sub(b'0')
            .filter(|c| *c <= 9)?;
        Some((code, line.get(1..)?))
    })
}

fn position<T: PartialEq>(all: &[T], value: &T) -> Option<u8> {
    all.iter()
        .position(|v| v == value)
        .and_then(|i| u8::try_from(i).ok())
}

fn day(d: Option<Day>) -> Option<u32> {
    d.map(Day::to_yyyymmdd)
}

/// The facets of a record (see [`Facets`]).
pub fn facets(record: &Record) -> Facets {
    let mut purposes = 0u32;
    for consent in &record.consent {
        if consent.level >= ConsentLevel::Anonymous {
            purposes |= Facets::purpose_bit(consent.purpose);
        }
    }
    Facets {
        title: record.title.clone().unwrap_or_default(),
        name: record.primary_name().to_owned(),
        status: record
            .witness
            .status
            .and_then(|s| position(Status::ALL, &s)),
        acts: record
            .acts
            .iter()
            .map(|a| {
                let (from, to) = a.date.as_ref().map(|d| d.bounds()).unwrap_or((None, None));
                ActFacet {
                    kind: a.act_type.and_then(|t| position(ActType::ALL, &t)),
                    dated: a.date.is_some(),
                    from: day(from),
                    to: day(to),
                }
            })
            .collect(),
        risk: record.risk.and_then(|r| position(Risk::ALL, &r)),
        purposes,
        tags: record
            .tags
            .iter()
            .map(|t| fold::plain(t))
            .collect::<Vec<_>>()
            .join("\n"),
        charges: record
            .acts
            .iter()
            .flat_map(|a| &a.charges)
            .map(|c| fold::plain(c))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
