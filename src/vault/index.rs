//! The encrypted metadata index: what `search` and `list` read instead of decrypting one file per
//! record.
//!
//! Why: opening a record costs an X25519 operation (about 50-100 us) plus a file read, which on a
//! USB stick makes a 10,000-record vault take seconds. The index holds, for the current version
//! of every record, its metadata (everything but the narrative) and the folded search keys
//! computed at write time, in a few age-encrypted segments (`index/NAME.age`). A write appends
//! one small segment; a writer compacts them when there are many. The journal vouches for every
//! segment like any other file. The records stay the source of truth: the index is rebuilt from
//! them (`tvault reindex`, or automatically) whenever it is missing, damaged or stale.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::crypto::{self, VaultIdentity};
use crate::error::{Error, Result};
use crate::record::Record;

/// Newest version of the index segment format this tvault reads. Version 2 adds the optional
/// `deleted` and `conflict` fields of entries; a segment is written as version 1 when none of its
/// entries uses them, so that an older tvault rebuilds (and never misreads) only those segments.
pub const INDEX_FORMAT: u64 = 2;

/// The index entry of one record version. Built for a fast scan: the search keys and the
/// facets that queries test are plain fields; the record itself (without its narrative) is kept
/// as its CBOR bytes and decoded only for the records a command prints.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Record id.
    pub id: String,
    /// Record version.
    pub version: u64,
    /// The record file (relative to the vault, `/`-separated).
    pub path: String,
    /// The record file's size in bytes (a cheap check that it is still there, whole).
    pub size: u64,
    /// When version 1 was written.
    pub created_at: String,
    /// When this version was written.
    pub updated_at: String,
    /// The record without its narrative, as CBOR (`Record::to_cbor`).
    #[serde(with = "serde_bytes")]
    pub record: Vec<u8>,
    /// Search keys: one line per metadata value, a field code digit then the folded keys of
    /// the value's words separated by spaces (`search::keys`).
    pub keys: String,
    /// What the structured query terms test, and what the tables show.
    pub facets: Facets,
    /// The record was deleted in this version (a tombstone): never listed, searched or exported.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// This version is a conflict copy written by a merge (see the record envelope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<crate::vault::envelope::Conflict>,
    /// The record's attachment files and the SHA-256 of their originals (for the custody
    /// events of an export, without decrypting the records); left out when empty, so that
    /// segments written before attachments existed decode unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRef>,
}

/// An attachment as the index knows it: its file and the SHA-256 of its original.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRef {
    /// The attachment file, relative to the vault.
    pub path: String,
    /// SHA-256 of the original.
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
}

/// The structured part of an index entry. Vocabulary values are positions in the vocabulary's
/// `ALL` list; dates are `yyyymmdd` numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// `title`.
    pub title: String,
    /// `witness.names[0]`.
    pub name: String,
    /// `witness.status`.
    pub status: Option<u8>,
    /// Per act: its type and date.
    pub acts: Vec<ActFacet>,
    /// `risk`.
    pub risk: Option<u8>,
    /// Bit `i` set: consent for purpose `Purpose::ALL[i]` is `anonymous` or higher.
    pub purposes: u32,
    /// Tags, folded with `fold::plain`, one per line.
    pub tags: String,
    /// Charges, folded with `fold::plain`, one per line.
    pub charges: String,
}

/// An act's type and date, for search.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActFacet {
    /// Position of the act type in `ActType::ALL`.
    pub kind: Option<u8>,
    /// Whether the act has a date at all.
    pub dated: bool,
    /// First day the date may mean (`yyyymmdd`; none: open interval).
    pub from: Option<u32>,
    /// Last day the date may mean (`yyyymmdd`; none: open interval).
    pub to: Option<u32>,
}

impl ActFacet {
    /// Whether the act's date overlaps `[from, to]` (`yyyymmdd`, either side open).
    pub fn overlaps(&self, from: Option<u32>, to: Option<u32>) -> bool {
        self.dated
            && match (self.to, from) {
                (Some(end), Some(from)) => end >= from,
                _ => true,
            }
            && match (self.from, to) {
                (Some(start), Some(to)) => start <= to,
                _ => true,
            }
    }
}

impl IndexEntry {
    /// The record (without its narrative).
    pub fn record(&self) -> Result<Record> {
        Record::from_cbor(&self.record)
            .map_err(|e| Error::Invalid(format!("index entry of record {}: {e}", self.id)))
    }

    /// The record (without its narrative), decoded without validating it again: index entries
    /// are vouched for by the journal and were validated when written.
    pub fn record_vouched(&self) -> Result<Record> {
        Record::from_cbor_vouched(&self.record)
            .map_err(|e| Error::Invalid(format!("index entry of record {}: {e}", self.id)))
    }

    /// The latest day any act may have happened (`yyyymmdd`), for "most recent act first".
    pub fn latest_act(&self) -> Option<u32> {
        self.latest_act_facet().and_then(|a| a.to.or(a.from))
    }

    /// The act whose date may be the latest (for showing that date as precisely as it is known).
    pub fn latest_act_facet(&self) -> Option<&ActFacet> {
        self.facets
            .acts
            .iter()
            .filter(|a| a.dated && a.to.or(a.from).is_some())
            .max_by_key(|a| a.to.or(a.from))
    }
}

impl std::fmt::Debug for IndexEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexEntry")
            .field("id", &self.id)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize, Deserialize)]
struct IndexFile {
    format: String,
    format_version: u64,
    /// `search::fold::FOLD_VERSION` of the keys (a segment with other keys is rebuilt).
    #[serde(default)]
    keys_version: u64,
    entries: Vec<IndexEntry>,
    #[serde(with = "serde_bytes")]
    pad: Vec<u8>,
}

/// Most entries in one segment. A big batch or a compaction writes several segments, so that a
/// reader decrypts and scans them on all cores at once.
pub const SEGMENT_ENTRIES: usize = if cfg!(test) { 3 } else { 1024 };

/// Encrypts entries as index segments of at most [`SEGMENT_ENTRIES`] entries each, of nearly
/// equal sizes (at least one segment, possibly empty), in parallel.
pub fn seal_segments(identity: &VaultIdentity, entries: Vec<IndexEntry>) -> Result<Vec<Vec<u8>>> {
    let count = entries.len().div_ceil(SEGMENT_ENTRIES).max(1);
    let per = entries.len().div_ceil(count).max(1);
    let mut chunks: Vec<Vec<IndexEntry>> = Vec::with_capacity(count);
    let mut rest = entries.into_iter().peekable();
    while rest.peek().is_some() {
        chunks.push(rest.by_ref().take(per).collect());
    }
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    crate::parallel::map_each(chunks, |chunk| seal(identity, chunk))
        .into_iter()
        .collect()
}

/// Encrypts entries as one index segment, padded like records.
pub fn seal(identity: &VaultIdentity, entries: Vec<IndexEntry>) -> Result<Vec<u8>> {
    let version = if entries.iter().any(|e| e.deleted || e.conflict.is_some()) {
        INDEX_FORMAT
    } else {
        1
    };
    let mut file = IndexFile {
        format: "tvault-index".to_owned(),
        format_version: version,
        keys_version: crate::search::fold::FOLD_VERSION,
        entries,
        pad: Vec::new(),
    };
    let mut plain = Vec::new();
    ciborium::into_writer(&file, &mut plain).expect("writing CBOR to memory cannot fail");
    let target = crypto::padme(plain.len().max(1024));
    if target > plain.len() + 9 {
        file.pad = vec![0; target - plain.len() - 9];
        plain.clear();
        ciborium::into_writer(&file, &mut plain).expect("writing CBOR to memory cannot fail");
    }
    identity
        .encrypt(&plain)
        .map_err(|e| Error::Crypto(e.to_string()))
}

/// Decrypts and decodes one index segment; `path` names it in errors.
pub fn open(identity: &VaultIdentity, ciphertext: &[u8], path: &Path) -> Result<Vec<IndexEntry>> {
    let plain = identity.decrypt(ciphertext).map_err(|e| {
        Error::corrupt(
            path,
            format!("index segment does not decrypt with the vault key ({e})"),
        )
    })?;
    decode(&plain, path)
}

/// Reads an index segment from `file` in bounded memory: decrypts while hashing the ciphertext,
/// decodes the entries from the decrypting stream, and only then compares the file's SHA-256
/// with `sha256` (what the journal vouches for). Never holds the ciphertext or the plaintext
/// whole.
pub fn read_verified(
    identity: &VaultIdentity,
    file: std::fs::File,
    sha256: &[u8],
) -> std::result::Result<Vec<IndexEntry>, String> {
    let mut hashing = crypto::HashingReader::new(std::io::BufReader::with_capacity(1 << 16, file));
    let entries = {
        let mut plain = std::io::BufReader::with_capacity(
            1 << 16,
            identity
                .decrypt_stream(&mut hashing)
                .map_err(|e| e.to_string())?,
        );
        let file: IndexFile =
            ciborium::from_reader(&mut plain).map_err(|_| "index segment is damaged".to_owned())?;
        if file.format != "tvault-index" {
            return Err("not a tvault index segment".to_owned());
        }
        if file.keys_version != crate::search::fold::FOLD_VERSION {
            return Err("written with other search folding rules (rebuilt)".to_owned());
        }
        if file.format_version > INDEX_FORMAT {
            return Err(format!(
                "format version {} is newer than this tvault supports ({INDEX_FORMAT})",
                file.format_version
            ));
        }
        // Read to the end: authenticates the last chunk and hashes every byte of the file.
        std::io::copy(&mut plain, &mut std::io::sink())
            .map_err(|_| "index segment is damaged".to_owned())?;
        file.entries
    };
    if hashing.finish()[..] != sha256[..] {
        return Err("altered since it was written (SHA-256 differs from the journal)".to_owned());
    }
    Ok(entries)
}

/// Decodes the plaintext of an index segment.
pub fn decode(plain: &[u8], path: &Path) -> Result<Vec<IndexEntry>> {
    match ciborium::from_reader::<IndexFile, _>(plain) {
        Ok(file) if file.format == "tvault-index" && file.format_version <= INDEX_FORMAT => {
            Ok(file.entries)
        }
        Ok(file) if file.format == "tvault-index" => Err(Error::NewerFormat {
            path: path.to_path_buf(),
            found: file.format_version,
            supported: INDEX_FORMAT,
        }),
        Ok(_) => Err(Error::corrupt(path, "not a tvault index segment")),
        // A newer segment may not even decode as version 1: look for its version number.
        Err(_) => {
            let version = ciborium::from_reader::<ciborium::Value, _>(plain)
                .ok()
                .and_then(|v| {
                    v.as_map()?
                        .iter()
                        .find(|(k, _)| k.as_text() == Some("format_version"))
                        .and_then(|(_, v)| v.as_integer())
                        .and_then(|i| u64::try_from(i).ok())
                })
                .unwrap_or(0);
            if version > INDEX_FORMAT {
                Err(Error::NewerFormat {
                    path: path.to_path_buf(),
                    found: version,
                    supported: INDEX_FORMAT,
                })
            } else {
                Err(Error::corrupt(path, "index segment is damaged"))
            }
        }
    }
}
