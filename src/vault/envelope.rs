//! The plaintext of a record file: a CBOR map holding one version of one record, with its id,
//! version number and timestamps, padded to a Padmé bucket.
//!
//! Why padding inside the plaintext: age has none, so without it the size of each file would give
//! away the length of the testimony it holds.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::crypto::padme;
use crate::error::{Error, Result};
use crate::record::{Record, SCHEMA_VERSION};

/// Newest version of the record file envelope this tvault reads. Version 2 adds the optional
/// `deleted`, `conflict` and `attachments` fields; a file is written as version 1 when it uses
/// none of them, so that an older tvault still reads every ordinary record and refuses (as newer)
/// only tombstones, conflict copies and records with attachments, which it would otherwise show
/// as ordinary current records (without their attachments).
pub const RECORD_FORMAT: u64 = 2;
/// The envelope version written for records that use none of version 2's fields.
pub const RECORD_FORMAT_PLAIN: u64 = 1;
/// The smallest padded plaintext: every short record looks the same.
pub const MIN_PADDED: usize = 4096;

/// One version of one record, as stored.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// Always `"tvault-record"`.
    pub format: String,
    /// [`RECORD_FORMAT`].
    pub format_version: u64,
    /// [`SCHEMA_VERSION`] of `record`.
    pub schema_version: u64,
    /// The record id (16 characters of lowercase Crockford base32).
    pub id: String,
    /// Version of this record, from 1.
    pub version: u64,
    /// When version 1 was written (RFC 3339 UTC).
    pub created_at: String,
    /// When this version was written (RFC 3339 UTC).
    pub updated_at: String,
    /// The testimony.
    pub record: Record,
    /// A tombstone: the record was deleted in this version (hidden from list, search and export;
    /// `record` is the last content, kept for `history` until a purge).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// This version came from another copy of the vault, where the same version number held
    /// other content (docs/FORMAT.md, "Merging copies").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Conflict>,
    /// Files attached to this version (docs/FORMAT.md, "Attachments"); left out when empty, so
    /// that envelopes written before attachments existed decode, and encode, unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<super::attach::Attachment>,
    /// Zero bytes that bring the encoding to a Padmé bucket.
    #[serde(with = "serde_bytes")]
    pub pad: Vec<u8>,
}

/// Where a conflicting version came from: written by a merge when the same version of the same
/// record held different content on two copies. Nothing in it is testimony.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The version of this copy that the other copy's content diverged from (the version
    /// number both copies gave to different content).
    pub version: u64,
    /// The version number this content had on the other copy.
    pub original_version: u64,
    /// The other copy, as it was named to `tvault merge` (its directory).
    pub copy: String,
    /// The other copy's journal head fingerprint when it was merged.
    pub head: String,
}

impl std::fmt::Debug for Envelope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Envelope")
            .field("id", &self.id)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// Length of the CBOR header of a byte string of length `n`.
fn bstr_header_len(n: usize) -> usize {
    match n {
        0..=23 => 1,
        24..=0xff => 2,
        0x100..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

impl Envelope {
    /// A new envelope for version `version` of record `id`.
    pub fn new(
        id: String,
        version: u64,
        created_at: String,
        updated_at: String,
        record: Record,
    ) -> Self {
        Envelope {
            format: "tvault-record".to_owned(),
            format_version: RECORD_FORMAT_PLAIN,
            schema_version: u64::from(SCHEMA_VERSION),
            id,
            version,
            created_at,
            updated_at,
            record,
            deleted: false,
            conflict: None,
            attachments: Vec::new(),
            pad: Vec::new(),
        }
    }

    /// The next version of this record, cloned from this one (so that fields other modules add
    /// to the envelope are carried over), written now: no tombstone, no conflict marker.
    pub fn next_version(&self, record: Record) -> Envelope {
        Envelope {
            version: self.version + 1,
            updated_at: crate::vault::names::now_utc(),
            record,
            deleted: false,
            conflict: None,
            pad: Vec::new(),
            ..self.clone()
        }
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        ciborium::into_writer(self, &mut out).expect("writing CBOR to memory cannot fail");
        out
    }

    /// The padded CBOR encoding: its length is always a Padmé bucket of at least [`MIN_PADDED`].
    pub fn to_padded_cbor(mut self) -> Vec<u8> {
        self.pad.clear();
        // Version 2 only where its fields are used (see [`RECORD_FORMAT`]).
        self.format_version =
            if self.deleted || self.conflict.is_some() || !self.attachments.is_empty() {
                RECORD_FORMAT
            } else {
                RECORD_FORMAT_PLAIN
            };
        let unpadded = self.encode().len(); // includes the 1-byte empty pad
        let mut target = padme(unpadded.max(MIN_PADDED));
        loop {
            let fit = [1usize, 2, 3, 5, 9].into_iter().find_map(|header| {
                let n = (target + 1).checked_sub(unpadded + header)?;
                (bstr_header_len(n) == header).then_some(n)
            });
            if let Some(n) = fit {
                self.pad = vec![0; n];
                let out = self.encode();
                debug_assert_eq!(out.len(), target);
                return out;
            }
            target = padme(target + 1);
        }
    }

    /// Decodes a record file's plaintext; `path` names the file in errors. The schema is not
    /// re-validated here (it was at write time, and the journal vouches for the bytes since):
    /// [`Envelope::validate`] does that for `verify --deep`.
    pub fn from_cbor(bytes: &[u8], path: &Path) -> Result<Self> {
        let envelope: Envelope = match ciborium::from_reader(bytes) {
            Ok(envelope) => envelope,
            // Why no serde error text: it can quote a field's value, which is testimony.
            Err(_) => return Err(Self::diagnose(bytes, path)),
        };
        if envelope.format != "tvault-record" {
            return Err(Error::corrupt(path, "not a tvault record"));
        }
        Self::check_versions(envelope.format_version, envelope.schema_version, path)?;
        if !envelope.attachments.is_empty() && envelope.format_version < RECORD_FORMAT {
            return Err(Error::corrupt(
                path,
                "record lists attachments but has envelope version 1",
            ));
        }
        Ok(envelope)
    }

    /// Re-validates the record against the schema.
    pub fn validate(&self, path: &Path) -> Result<()> {
        self.record
            .validate()
            .map_err(|e| Error::corrupt(path, format!("stored record is invalid at {}", e.path())))
    }

    fn check_versions(format: u64, schema: u64, path: &Path) -> Result<()> {
        if format > RECORD_FORMAT {
            return Err(Error::NewerFormat {
                path: path.to_path_buf(),
                found: format,
                supported: RECORD_FORMAT,
            });
        }
        if schema > u64::from(SCHEMA_VERSION) {
            return Err(Error::NewerFormat {
                path: path.to_path_buf(),
                found: schema,
                supported: u64::from(SCHEMA_VERSION),
            });
        }
        Ok(())
    }

    /// Why a plaintext does not decode as a version-1 envelope: a newer version, or damage.
    fn diagnose(bytes: &[u8], path: &Path) -> Error {
        let Ok(value) = ciborium::from_reader::<ciborium::Value, _>(bytes) else {
            return Error::corrupt(path, "record is not valid CBOR");
        };
        let field = |name: &str| {
            value.as_map().and_then(|m| {
                m.iter()
                    .find(|(k, _)| k.as_text() == Some(name))
                    .map(|(_, v)| v)
            })
        };
        if field("format").and_then(|v| v.as_text()) != Some("tvault-record") {
            return Error::corrupt(path, "not a tvault record");
        }
        let version = |name: &str| {
            field(name)
                .and_then(|v| v.as_integer())
                .and_then(|i| u64::try_from(i).ok())
                .unwrap_or(0)
        };
        match Self::check_versions(version("format_version"), version("schema_version"), path) {
            Err(e) => e,
            Ok(()) => Error::corrupt(path, "record does not match schema version 1"),
        }
    }
}
