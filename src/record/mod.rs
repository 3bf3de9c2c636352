//! The testimony record: schema version 1 of SPEC.md ("Record schema"), its vocabularies and
//! dates, validation of `add --from` input, and the CBOR encoding of one record.
//!
//! This module owns the record's shape and nothing else: it does no I/O, never prints, and
//! never puts record content into an error or a `Debug` string (records are testimony
//! plaintext; errors and debug output end up in logs and terminals). The file envelope around
//! the CBOR, ids and timestamps belong to the vault.

mod date;
mod error;
pub mod patch;
mod validate;
mod vocab;

#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

pub use date::{DateError, Day, EdtfDate, Precision, parse_bound, parse_range};
pub use error::{ErrorKind, RecordError};
pub use validate::{MAX_RECORD_BYTES, MAX_STRING_BYTES, parse_records};
pub use vocab::{ActType, ConsentLevel, Purpose, Risk, Sex, Status, VocabError};

/// The version of the record schema this module reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A testimony record, version 1 of the schema (SPEC.md). Serialises with exactly SPEC.md's
/// field names; absent optional fields and empty lists are left out, and default when missing.
///
/// Build one from untrusted input with [`parse_records`] (which validates with paths in its
/// errors), not with `serde_json::from_*` directly, whose errors can contain values.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// BCP-47 tag of the narrative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub witness: Witness,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview: Option<Interview>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acts: Vec<Act>,
    /// Third parties (DIRECT identifiers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// At most one entry per purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent: Vec<Consent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Risk>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Strings that must never leave in an export.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sensitive_terms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The testimony itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
}

/// The person giving the testimony.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Witness {
    /// DIRECT identifier, any scripts; never empty after validation, `names[0]` is the
    /// primary name.
    pub names: Vec<String>,
    /// Used by exports instead of a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// QUASI identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<EdtfDate>,
    /// QUASI identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// QUASI identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unions: Vec<Union>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_as_of: Option<EdtfDate>,
    /// DIRECT identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whereabouts: Option<String>,
    /// QUASI identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence: Option<Place>,
    /// DIRECT identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// A union the witness belongs to.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Union {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// How the testimony was taken.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EdtfDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// DIRECT identifier of the interviewer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interviewer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// One act of persecution.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub act_type: Option<ActType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EdtfDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// State bodies (kept in exports).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub perpetrators: Vec<String>,
    /// Individuals (kept only for purpose `accountability`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub officials: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_absentia: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A place; every part optional, and an empty `region` (`""`) is allowed and kept.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

/// A third party named in the testimony (DIRECT identifier).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
}

/// The witness's consent for one purpose.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub purpose: Purpose,
    pub level: ConsentLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
}

impl Record {
    /// Check everything the types cannot: non-empty names, dates, language tag, one consent
    /// per purpose, size limits. Paths in errors are relative to the record (`acts[0].date`).
    pub fn validate(&self) -> Result<(), RecordError> {
        validate::validate_value(&self.to_json_value(), "")
    }

    /// The witness's primary name, `witness.names[0]` (empty only for a record that has not
    /// been validated).
    pub fn primary_name(&self) -> &str {
        self.witness.names.first().map_or("", String::as_str)
    }

    /// The consent level given for `purpose`, if any.
    pub fn consent_for(&self, purpose: Purpose) -> Option<ConsentLevel> {
        consent_level(&self.consent, purpose)
    }

    /// The record as JSON with SPEC.md's field names (what `show --json` prints, minus `id`
    /// and timestamps).
    pub fn to_json_value(&self) -> serde_json::Value {
        // Every field serialises to JSON (strings, booleans, maps with string keys).
        serde_json::to_value(self).expect("a Record always serialises to JSON")
    }

    /// The record as one CBOR map (same field names as the JSON form).
    pub fn to_cbor(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail and every field is CBOR-encodable.
        ciborium::into_writer(self, &mut out).expect("a Record always encodes to CBOR");
        out
    }

    /// Decode a record written by [`Record::to_cbor`] and validate it. Errors say only that
    /// the encoding is malformed (ciborium's messages can contain values) or which field is
    /// invalid.
    pub fn from_cbor(bytes: &[u8]) -> Result<Record, RecordError> {
        let record = Record::from_cbor_vouched(bytes)?;
        record.validate()?;
        Ok(record)
    }

    /// The consent level given for `purpose` by a record's `consent` field alone, as CBOR
    /// (what an export needs of a record it withholds, without decoding the rest). Vouched
    /// bytes only, like [`Record::from_cbor_vouched`].
    pub fn consent_level_from_cbor(
        consent: &[u8],
        purpose: Purpose,
    ) -> Result<Option<ConsentLevel>, RecordError> {
        let mut entries: Vec<Consent> =
            decode_whole(consent).map_err(|kind| RecordError::new("consent", kind))?;
        let level = consent_level(&entries, purpose);
        entries.iter_mut().for_each(|c| c.conditions.zeroize());
        Ok(level)
    }

    /// Decodes a record without validating it again: for bytes the vault's integrity journal
    /// vouches for, which were validated when they were written (the index entries an export
    /// reads by the ten thousand). Decoding still checks every type, vocabulary and date.
    pub fn from_cbor_vouched(bytes: &[u8]) -> Result<Record, RecordError> {
        decode_whole(bytes).map_err(|kind| RecordError::new("", kind))
    }
}

/// One CBOR item that must be all of `bytes`, decoded from the slice with cbor4ii (which
/// decodes index entries about twice as fast as ciborium's reader; both are plain CBOR).
/// Errors carry no decoder message: it can quote a value, which is testimony.
fn decode_whole<'a, T: serde::Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, ErrorKind> {
    let mut de = cbor4ii::serde::Deserializer::new(cbor4ii::core::utils::SliceReader::new(bytes));
    let value = T::deserialize(&mut de).map_err(|_| ErrorKind::Cbor)?;
    let mut rest = de.into_inner();
    match cbor4ii::core::dec::Read::fill(&mut rest, 1) {
        Ok(next) if next.as_ref().is_empty() => Ok(value),
        _ => Err(ErrorKind::TrailingBytes),
    }
}

/// The level of the first consent entry for `purpose` (validation allows only one).
pub fn consent_level(consent: &[Consent], purpose: Purpose) -> Option<ConsentLevel> {
    consent
        .iter()
        .find(|c| c.purpose == purpose)
        .map(|c| c.level)
}

// Debug never shows content: a record is testimony plaintext, and debug output goes to logs.
macro_rules! redacted_debug {
    ($($name:ident),+) => {
        $(
            impl fmt::Debug for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.debug_struct(stringify!($name)).finish_non_exhaustive()
                }
            }
        )+
    };
}

redacted_debug!(
    Record, Witness, Union, Interview, Act, Place, Person, Consent
);

// Zeroize lets the vault wipe decrypted records it no longer needs.
impl Zeroize for Record {
    fn zeroize(&mut self) {
        self.title.zeroize();
        self.language.zeroize();
        self.witness.zeroize();
        if let Some(interview) = &mut self.interview {
            interview.zeroize();
        }
        self.interview = None;
        self.acts.iter_mut().for_each(Zeroize::zeroize);
        self.acts.clear();
        self.people.iter_mut().for_each(Zeroize::zeroize);
        self.people.clear();
        self.consent.iter_mut().for_each(|c| c.conditions.zeroize());
        self.consent.clear();
        self.risk = None;
        self.tags.zeroize();
        self.sensitive_terms.zeroize();
        self.summary.zeroize();
        self.narrative.zeroize();
    }
}

impl Zeroize for Witness {
    fn zeroize(&mut self) {
        self.names.zeroize();
        self.pseudonym.zeroize();
        self.sex = None;
        self.birth_date.zeroize();
        self.occupation.zeroize();
        self.employer.zeroize();
        self.unions.iter_mut().for_each(|u| {
            u.name.zeroize();
            u.role.zeroize();
        });
        self.unions.clear();
        self.status = None;
        self.status_as_of.zeroize();
        self.whereabouts.zeroize();
        if let Some(place) = &mut self.residence {
            place.zeroize();
        }
        self.residence = None;
        self.contact.zeroize();
    }
}

impl Zeroize for Interview {
    fn zeroize(&mut self) {
        self.date.zeroize();
        self.mode.zeroize();
        self.interviewer.zeroize();
        self.place.zeroize();
    }
}

impl Zeroize for Act {
    fn zeroize(&mut self) {
        self.act_type = None;
        self.date.zeroize();
        if let Some(place) = &mut self.place {
            place.zeroize();
        }
        self.place = None;
        self.perpetrators.zeroize();
        self.officials.zeroize();
        self.charges.zeroize();
        self.sentence.zeroize();
        self.in_absentia = None;
        self.notes.zeroize();
    }
}

impl Zeroize for Place {
    fn zeroize(&mut self) {
        self.country.zeroize();
        self.region.zeroize();
        self.locality.zeroize();
        self.site.zeroize();
    }
}

impl Zeroize for Person {
    fn zeroize(&mut self) {
        self.name.zeroize();
        self.relation.zeroize();
    }
}
