//! The redacted summary of one record: the JSON wire type of an exported record (also the
//! source of the CSV row and the Markdown section), and how it is built from a record at one
//! identification level.
//!
//! Every string that reaches a summary either is a vocabulary code, a generalised date, a label
//! tvault made (`Witness 1`, a pseudonym), the witness's primary name at a named level, or has
//! passed through the record's [`Redactor`]. Fields the levels never allow (contact,
//! whereabouts, residence, third parties, interviewer, sensitive terms, title, risk) have no
//! place in the type at all.

use serde::Serialize;

use super::{Generalised, Settings};
use crate::record::{ConsentLevel, EdtfDate, Place, Precision, Purpose, Record};
use crate::redact::{Entity, Kind, Matching, Options, Redactor};

/// One exported record (JSON field names are part of the export format, docs/EXPORT.md).
#[derive(Debug, Serialize)]
pub struct Summary {
    pub id: String,
    /// The consent level applied: `anonymous`, `pseudonym`, `named_limited` or `named_full`.
    pub identification: &'static str,
    pub witness: WitnessOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interview: Option<InterviewOut>,
    pub acts: Vec<ActOut>,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// The witness's conditions on this purpose's consent, redacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent_conditions: Option<String>,
}

/// The witness as exported.
#[derive(Debug, Serialize)]
pub struct WitnessOut {
    /// `Witness N`, the pseudonym, or the primary name (named levels).
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<&'static str>,
    /// The decade below `named_full` (`1970s`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer: Option<String>,
    pub unions: Vec<UnionOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_as_of: Option<String>,
}

/// A union membership as exported.
#[derive(Debug, Serialize)]
pub struct UnionOut {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The interview as exported (never the interviewer).
#[derive(Debug, Serialize)]
pub struct InterviewOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Only at `named_full`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// One act as exported.
#[derive(Debug, Serialize)]
pub struct ActOut {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub act_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceOut>,
    pub perpetrators: Vec<String>,
    /// Only for purpose `accountability`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub officials: Vec<String>,
    pub charges: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_absentia: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A place as exported: country and region, plus locality and site at `named_full`.
#[derive(Debug, Serialize)]
pub struct PlaceOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

/// The entities of `record` whose mentions the export removes or protects at `level`, with
/// their markers: the witness (`[WITNESS]`, the pseudonym, or protected at a named level),
/// third parties, the interviewer and officials (`[PERSON n]`, one number per person, officials
/// protected for `accountability`), whereabouts and residence (`[PLACE]`), contact parts and
/// sensitive terms (`[REDACTED]`).
pub fn entities(
    record: &Record,
    level: ConsentLevel,
    label: &str,
    purpose: Purpose,
) -> Vec<Entity> {
    let mut out = Vec::new();
    let named = level >= ConsentLevel::NamedLimited;
    out.push(Entity {
        texts: record.witness.names.clone(),
        matching: Matching::Name,
        kind: Kind::Witness,
        marker: match level {
            _ if named => None,
            ConsentLevel::Pseudonym => Some(label.to_owned()),
            _ => Some(Kind::Witness.marker().to_owned()),
        },
    });
    if let Some(pseudonym) = &record.witness.pseudonym
        && level == ConsentLevel::Anonymous
        && !pseudonym.trim().is_empty()
    {
        out.push(Entity {
            texts: vec![pseudonym.clone()],
            matching: Matching::Phrase,
            kind: Kind::Witness,
            marker: Some(Kind::Witness.marker().to_owned()),
        });
    }
    let mut n = 0;
    let mut person = |texts: Vec<String>, protect: bool| {
        let marker = if protect {
            None
        } else {
            n += 1;
            Some(format!("[PERSON {n}]"))
        };
        Entity {
            texts,
            matching: Matching::Name,
            kind: Kind::Person,
            marker,
        }
    };
    for p in &record.people {
        out.push(person(vec![p.name.clone()], false));
    }
    if let Some(interviewer) = record
        .interview
        .as_ref()
        .and_then(|i| i.interviewer.clone())
    {
        out.push(person(vec![interviewer], false));
    }
    let accountability = purpose == Purpose::Accountability;
    for act in &record.acts {
        for official in &act.officials {
            out.push(person(vec![official.clone()], accountability));
        }
    }
    let mut phrase = |text: &str, kind: Kind| {
        if !text.trim().is_empty() {
            out.push(Entity {
                texts: vec![text.to_owned()],
                matching: Matching::Phrase,
                kind,
                marker: Some(kind.marker().to_owned()),
            });
        }
    };
    if let Some(w) = &record.witness.whereabouts {
        phrase(w, Kind::Place);
    }
    if let Some(r) = &record.witness.residence {
        // The residence's locality and site: the region and country alone identify no one and
        // are how acts' places are generalised.
        for part in [&r.locality, &r.site].into_iter().flatten() {
            phrase(part, Kind::Place);
        }
    }
    if let Some(c) = &record.witness.contact {
        phrase(c, Kind::Term);
    }
    for term in &record.sensitive_terms {
        phrase(term, Kind::Term);
    }
    out
}

/// Every string of `record` that an export may carry, for the redactor to learn unlisted names
/// from (the whole record, so that a surname learned anywhere is removed everywhere).
fn texts(record: &Record) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let w = &record.witness;
    out.extend(w.occupation.as_deref());
    out.extend(w.employer.as_deref());
    for u in &w.unions {
        out.push(&u.name);
        out.extend(u.role.as_deref());
    }
    if let Some(i) = &record.interview {
        out.extend(i.mode.as_deref());
        out.extend(i.place.as_deref());
    }
    for act in &record.acts {
        if let Some(p) = &act.place {
            out.extend(place_parts(p));
        }
        out.extend(act.perpetrators.iter().map(String::as_str));
        out.extend(act.charges.iter().map(String::as_str));
        out.extend(act.sentence.as_deref());
        out.extend(act.notes.as_deref());
    }
    out.extend(record.tags.iter().map(String::as_str));
    out.extend(record.summary.as_deref());
    out.extend(record.narrative.as_deref());
    out.extend(
        record
            .consent
            .iter()
            .filter_map(|c| c.conditions.as_deref()),
    );
    out
}

fn place_parts(p: &Place) -> impl Iterator<Item = &str> {
    [&p.country, &p.region, &p.locality, &p.site]
        .into_iter()
        .filter_map(|s| s.as_deref())
}

/// Builds the summary of `record` at `level`; returns it with the redactor (for the re-scan of
/// the rendering) and what was generalised. `settle`: see [`Options::settle`].
pub fn build<'r>(
    id: &str,
    record: &'r Record,
    level: ConsentLevel,
    label: &str,
    settings: &Settings,
    settle: bool,
) -> (Summary, Redactor<'r>, Generalised) {
    let entities = entities(record, level, label, settings.purpose);
    let options = Options {
        keep_unlisted_names: settings.keep_unlisted_names,
        settle,
    };
    let mut r = Redactor::new(&entities, &texts(record), options);
    let mut g = Generalised::default();
    let full = level == ConsentLevel::NamedFull;
    let date = |d: &EdtfDate, g: &mut Generalised| -> String {
        if full {
            return d.as_str().to_owned();
        }
        let cut = d.truncate(Precision::Month);
        if cut.as_str() != d.as_str() {
            g.dates_to_month += 1;
        }
        cut.as_str().to_owned()
    };
    let red = |r: &mut Redactor<'_>, s: &str| r.redact(s);

    let w = &record.witness;
    let birth_date = w.birth_date.as_ref().map(|d| {
        if full {
            d.as_str().to_owned()
        } else {
            g.birth_dates_to_decade += 1;
            decade(d)
        }
    });
    if !full && w.employer.is_some() {
        g.employer_dropped += 1;
    }
    if !full && w.occupation.is_some() {
        g.occupation_dropped += 1;
    }
    let witness = WitnessOut {
        name: label.to_owned(),
        sex: w.sex.map(|s| s.as_str()),
        birth_date,
        occupation: w
            .occupation
            .as_deref()
            .filter(|_| full)
            .map(|s| red(&mut r, s)),
        employer: w
            .employer
            .as_deref()
            .filter(|_| full)
            .map(|s| red(&mut r, s)),
        unions: w
            .unions
            .iter()
            .map(|u| UnionOut {
                name: red(&mut r, &u.name),
                role: u.role.as_deref().map(|s| red(&mut r, s)),
            })
            .collect(),
        status: w.status.map(|s| s.as_str()),
        status_as_of: w.status_as_of.as_ref().map(|d| date(d, &mut g)),
    };
    let interview = record.interview.as_ref().and_then(|i| {
        let out = InterviewOut {
            date: i.date.as_ref().map(|d| date(d, &mut g)),
            mode: i.mode.as_deref().map(|s| red(&mut r, s)),
            place: i.place.as_deref().filter(|_| full).map(|s| red(&mut r, s)),
        };
        (out.date.is_some() || out.mode.is_some() || out.place.is_some()).then_some(out)
    });
    let accountability = settings.purpose == Purpose::Accountability;
    let mut acts = Vec::with_capacity(record.acts.len());
    for act in &record.acts {
        let place = act.place.as_ref().map(|p| {
            if !full && (p.locality.is_some() || p.site.is_some()) {
                g.places_to_region += 1;
            }
            PlaceOut {
                country: p.country.as_deref().map(|s| red(&mut r, s)),
                region: p
                    .region
                    .as_deref()
                    .filter(|s| !s.is_empty())
                    .map(|s| red(&mut r, s)),
                locality: p
                    .locality
                    .as_deref()
                    .filter(|_| full)
                    .map(|s| red(&mut r, s)),
                site: p.site.as_deref().filter(|_| full).map(|s| red(&mut r, s)),
            }
        });
        acts.push(ActOut {
            act_type: act.act_type.map(|t| t.as_str()),
            date: act.date.as_ref().map(|d| date(d, &mut g)),
            place: place
                .filter(|p| p.country.is_some() || p.region.is_some() || p.locality.is_some()),
            perpetrators: act.perpetrators.iter().map(|s| red(&mut r, s)).collect(),
            officials: if accountability {
                act.officials.iter().map(|s| red(&mut r, s)).collect()
            } else {
                Vec::new()
            },
            charges: act.charges.iter().map(|s| red(&mut r, s)).collect(),
            sentence: act.sentence.as_deref().map(|s| red(&mut r, s)),
            in_absentia: act.in_absentia,
            notes: act.notes.as_deref().map(|s| red(&mut r, s)),
        });
    }
    let summary = Summary {
        id: id.to_owned(),
        identification: level.as_str(),
        witness,
        language: record.language.clone(),
        interview,
        acts,
        tags: record.tags.iter().map(|s| red(&mut r, s)).collect(),
        summary: record.summary.as_deref().map(|s| red(&mut r, s)),
        narrative: record
            .narrative
            .as_deref()
            .filter(|_| settings.include_narrative)
            .map(|s| red(&mut r, s)),
        consent_conditions: record
            .consent
            .iter()
            .find(|c| c.purpose == settings.purpose)
            .and_then(|c| c.conditions.as_deref())
            .map(|s| red(&mut r, s)),
    };
    (summary, r, g)
}

/// A birth date cut to its decade: `1975-03-02` gives `1970s`; a date whose span crosses a
/// decade gives both (`1970s-1980s`); an open end keeps only the known side.
fn decade(d: &EdtfDate) -> String {
    let (from, to) = d.bounds();
    let dec = |y: u16| format!("{}0s", y / 10);
    match (from, to) {
        (Some(a), Some(b)) if a.year() / 10 == b.year() / 10 => dec(a.year()),
        (Some(a), Some(b)) => format!("{}-{}", dec(a.year()), dec(b.year())),
        (Some(a), None) => format!("{}-", dec(a.year())),
        (None, Some(b)) => format!("-{}", dec(b.year())),
        (None, None) => String::new(),
    }
}
