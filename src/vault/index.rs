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

use std::io::Read;

use zeroize::Zeroizing;

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

impl Facets {
    /// The bit of `purpose` in [`Facets::purposes`].
    pub fn purpose_bit(purpose: crate::record::Purpose) -> u32 {
        crate::record::Purpose::ALL
            .iter()
            .position(|p| *p == purpose)
            .map_or(0, |i| 1 << i)
    }
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

    /// The CBOR of one top-level field of the record, borrowed: `Some(None)` if the record has
    /// no such field, `None` if its CBOR is not as tvault writes it.
    pub fn record_field(&self, key: &str) -> Option<Option<&[u8]>> {
        cbor::map_value(&self.record, key)
    }

    /// What a query tests of this entry, borrowed.
    pub fn view(&self) -> EntryRef<'_> {
        let f = &self.facets;
        EntryRef {
            id: &self.id,
            version: self.version,
            path: &self.path,
            keys: &self.keys,
            facets: FacetsRef {
                title: &f.title,
                name: &f.name,
                status: f.status,
                acts: std::borrow::Cow::Borrowed(&f.acts),
                risk: f.risk,
                purposes: f.purposes,
                tags: &f.tags,
                charges: &f.charges,
            },
            deleted: self.deleted,
        }
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

/// A decrypted index segment whose SHA-256 the journal vouched for. Its entries are looked at
/// borrowed ([`Segment::entries`]) and decoded in full only when kept ([`Encoded::decode`]): a
/// search keeps its hits, and so never copies the records of the thousands of entries that do
/// not match.
pub struct Segment {
    plain: Zeroizing<Vec<u8>>,
}

/// Reads an index segment from `file`: decrypts it into one buffer while hashing the
/// ciphertext, and compares the file's SHA-256 with `sha256` (what the journal vouches for).
/// Holds one segment's plaintext (at most [`SEGMENT_ENTRIES`] entries, a few MiB), never its
/// ciphertext.
pub fn read_verified(
    identity: &VaultIdentity,
    file: std::fs::File,
    sha256: &[u8],
) -> std::result::Result<Segment, String> {
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let mut hashing = crypto::HashingReader::new(std::io::BufReader::with_capacity(1 << 16, file));
    // The plaintext is a little shorter than the ciphertext: one allocation, never regrown.
    let mut plain = Zeroizing::new(Vec::with_capacity(
        usize::try_from(size).map_err(|_| "file too large".to_owned())?,
    ));
    identity
        .decrypt_stream(&mut hashing)
        .map_err(|e| e.to_string())?
        // Reads to the end: authenticates the last chunk and hashes every byte of the file.
        .read_to_end(&mut plain)
        .map_err(|_| "index segment is damaged".to_owned())?;
    if hashing.finish()[..] != sha256[..] {
        return Err("altered since it was written (SHA-256 differs from the journal)".to_owned());
    }
    Ok(Segment { plain })
}

impl Segment {
    /// The entries, borrowed: what a query tests, and their encodings. Errors name what is
    /// wrong with the segment (damaged, not an index segment, other folding rules, newer).
    pub fn entries(&self) -> std::result::Result<Vec<Encoded<'_>>, String> {
        let segment = cbor::segment(&self.plain).ok_or("index segment is damaged")?;
        if segment.format != "tvault-index" {
            return Err("not a tvault index segment".to_owned());
        }
        if segment.keys_version != crate::search::fold::FOLD_VERSION {
            return Err("written with other search folding rules (rebuilt)".to_owned());
        }
        if segment.format_version > INDEX_FORMAT {
            return Err(format!(
                "format version {} is newer than this tvault supports ({INDEX_FORMAT})",
                segment.format_version
            ));
        }
        Ok(segment.entries)
    }

    /// Every entry, decoded in full.
    pub fn into_entries(self) -> std::result::Result<Vec<IndexEntry>, String> {
        self.entries()?.iter().map(Encoded::decode).collect()
    }
}

/// An entry as it lies in a segment: what a query tests, borrowed, and its CBOR.
pub struct Encoded<'a> {
    /// What a query tests.
    pub view: EntryRef<'a>,
    raw: &'a [u8],
}

impl Encoded<'_> {
    /// The whole entry (its record's CBOR copied).
    pub fn decode(&self) -> std::result::Result<IndexEntry, String> {
        // The common entry straight from the borrowed reader; anything it does not take (a
        // conflict, attachments, a field it does not know, a repeated field) through ciborium,
        // which gives the same entry or the error.
        if let Some(entry) = cbor::entry_owned(self.raw, &self.view) {
            return Ok(entry);
        }
        self.decode_ciborium()
    }

    fn decode_ciborium(&self) -> std::result::Result<IndexEntry, String> {
        ciborium::from_reader(self.raw).map_err(|_| "index segment is damaged".to_owned())
    }
}

/// What identifies an index entry and what a query tests of it, borrowed from a decrypted
/// segment ([`Segment::entries`]) or from an [`IndexEntry`] ([`IndexEntry::view`]).
#[derive(Debug, PartialEq)]
pub struct EntryRef<'a> {
    /// Record id.
    pub id: &'a str,
    /// Record version.
    pub version: u64,
    /// The record file.
    pub path: &'a str,
    /// Search keys, as [`IndexEntry::keys`].
    pub keys: &'a str,
    /// The facets.
    pub facets: FacetsRef<'a>,
    /// The record was deleted in this version.
    pub deleted: bool,
}

/// [`Facets`], borrowed.
#[derive(Debug, PartialEq)]
pub struct FacetsRef<'a> {
    /// `title`.
    pub title: &'a str,
    /// `witness.names[0]`.
    pub name: &'a str,
    /// `witness.status`.
    pub status: Option<u8>,
    /// Per act: its type and date (decoded from a segment: a few small structs).
    pub acts: std::borrow::Cow<'a, [ActFacet]>,
    /// `risk`.
    pub risk: Option<u8>,
    /// Bit `i` set: consent for purpose `Purpose::ALL[i]` is `anonymous` or higher.
    pub purposes: u32,
    /// Tags, folded, one per line.
    pub tags: &'a str,
    /// Charges, folded, one per line.
    pub charges: &'a str,
}

/// Reading the CBOR of index segments straight from the decrypted plaintext, borrowing its
/// strings: ciborium copies every string and byte string and pulls every byte through its
/// reader, which cost about a fifth of a search. Only definite lengths, as ciborium writes
/// them (segments are only ever written by [`seal`]); anything else is a damaged segment,
/// never a panic. The fields this reads are checked for the types `IndexEntry` declares; the
/// others are skipped here and checked by ciborium when an entry is decoded in full.
mod cbor {
    use std::borrow::Cow;

    use super::{ActFacet, Encoded, EntryRef, FacetsRef};

    /// Deepest nesting of arrays, maps and tags skipped (index entries nest four deep).
    const MAX_DEPTH: u32 = 32;

    /// The fields of a segment, its entries borrowed.
    pub(super) struct Fields<'a> {
        pub format: &'a str,
        pub format_version: u64,
        pub keys_version: u64,
        pub entries: Vec<Encoded<'a>>,
    }

    /// The fields of a segment, in one pass; `None` if it is not CBOR as [`super::seal`]
    /// writes it.
    pub(super) fn segment(plain: &[u8]) -> Option<Fields<'_>> {
        let mut r = Reader {
            data: plain,
            pos: 0,
        };
        let (mut format, mut format_version, mut keys_version) = (None, None, 0);
        let mut entries = None;
        for _ in 0..r.len(MAP)? {
            match r.text()? {
                "format" => format = Some(r.text()?),
                "format_version" => format_version = Some(r.uint()?),
                "keys_version" => keys_version = r.uint()?,
                "entries" => {
                    let count = r.len(ARRAY)?;
                    let mut found = Vec::with_capacity(count.min(super::SEGMENT_ENTRIES));
                    for _ in 0..count {
                        let start = r.pos;
                        let view = r.entry()?;
                        let raw = &r.data[start..r.pos];
                        found.push(Encoded { view, raw });
                    }
                    entries = Some(found);
                }
                _ => r.skip(0)?,
            }
        }
        Some(Fields {
            format: format?,
            format_version: format_version?,
            keys_version,
            entries: entries?,
        })
    }

    /// The CBOR of the value of `key` in the map `data`, borrowed: `Some(None)` if the map has
    /// no such key, `None` if `data` is not a map with definite lengths or has the key twice.
    pub(super) fn map_value<'a>(data: &'a [u8], key: &str) -> Option<Option<&'a [u8]>> {
        let mut r = Reader { data, pos: 0 };
        let mut found = None;
        for _ in 0..r.len(MAP)? {
            let name = r.text()?;
            let start = r.pos;
            r.skip(0)?;
            if name == key {
                // A repeated field is not a record tvault wrote (serde refuses it).
                if found.is_some() {
                    return None;
                }
                found = Some(r.data.get(start..r.pos)?);
            }
        }
        (r.pos == data.len()).then_some(found)
    }

    /// An entry without conflict or attachments, decoded in full from its CBOR `raw` and the
    /// fields `Reader::entry` already read from it (`view`: not read, nor checked, twice);
    /// `None` for anything else, which ciborium then decodes.
    pub(super) fn entry_owned(raw: &[u8], view: &EntryRef<'_>) -> Option<super::IndexEntry> {
        let mut r = Reader { data: raw, pos: 0 };
        let (mut size, mut created_at, mut updated_at, mut record) = (None, None, None, None);
        // The fields of `view`, each to be present once (`deleted` at most once).
        let mut viewed = [None::<()>; 6];
        for _ in 0..r.len(MAP)? {
            let slot = match r.text()? {
                "size" => once(&mut size, r.uint()),
                "created_at" => once(&mut created_at, r.text()),
                "updated_at" => once(&mut updated_at, r.text()),
                "record" => once(&mut record, r.take(BYTES)),
                name => {
                    let i = ["id", "version", "path", "keys", "facets", "deleted"]
                        .iter()
                        .position(|f| *f == name)?;
                    r.skip(0)?;
                    once(&mut viewed[i], Some(()))
                }
            };
            slot?;
        }
        if r.pos != raw.len() || viewed[..5].iter().any(Option::is_none) {
            return None;
        }
        let f = &view.facets;
        Some(super::IndexEntry {
            id: view.id.to_owned(),
            version: view.version,
            path: view.path.to_owned(),
            size: size?,
            created_at: created_at?.to_owned(),
            updated_at: updated_at?.to_owned(),
            record: record?.to_vec(),
            keys: view.keys.to_owned(),
            facets: super::Facets {
                title: f.title.to_owned(),
                name: f.name.to_owned(),
                status: f.status,
                acts: f.acts.to_vec(),
                risk: f.risk,
                purposes: f.purposes,
                tags: f.tags.to_owned(),
                charges: f.charges.to_owned(),
            },
            deleted: view.deleted,
            conflict: None,
            attachments: Vec::new(),
        })
    }

    /// Fills `slot` with `value`: `None` if the value did not read, or if the slot was filled
    /// already (a field given twice, which serde refuses).
    fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
        match slot {
            Some(_) => None,
            None => {
                *slot = Some(value?);
                Some(())
            }
        }
    }

    const UINT: u8 = 0;
    const BYTES: u8 = 2;
    const TEXT: u8 = 3;
    const ARRAY: u8 = 4;
    const MAP: u8 = 5;
    const TAG: u8 = 6;
    const FALSE: u8 = 0xf4;
    const TRUE: u8 = 0xf5;
    const NULL: u8 = 0xf6;

    struct Reader<'a> {
        data: &'a [u8],
        pos: usize,
    }

    impl<'a> Reader<'a> {
        /// The next item's major type and argument (a length, a value, or a simple value's
        /// code); `None` for an indefinite length or the end of the data.
        fn head(&mut self) -> Option<(u8, u64)> {
            let initial = *self.data.get(self.pos)?;
            self.pos += 1;
            let (major, info) = (initial >> 5, initial & 0x1f);
            let width = match info {
                0..=23 => return Some((major, u64::from(info))),
                24 => 1,
                25 => 2,
                26 => 4,
                27 => 8,
                _ => return None,
            };
            let bytes = self.data.get(self.pos..self.pos + width)?;
            self.pos += width;
            Some((major, bytes.iter().fold(0, |n, &b| n << 8 | u64::from(b))))
        }

        fn len(&mut self, major: u8) -> Option<usize> {
            match self.head()? {
                (m, n) if m == major => usize::try_from(n).ok(),
                _ => None,
            }
        }

        fn uint(&mut self) -> Option<u64> {
            match self.head()? {
                (UINT, n) => Some(n),
                _ => None,
            }
        }

        /// The next `n` bytes.
        fn advance(&mut self, n: u64) -> Option<&'a [u8]> {
            let end = self.pos.checked_add(usize::try_from(n).ok()?)?;
            let bytes = self.data.get(self.pos..end)?;
            self.pos = end;
            Some(bytes)
        }

        /// The contents of a byte or text string (`major`).
        fn take(&mut self, major: u8) -> Option<&'a [u8]> {
            match self.head()? {
                (m, n) if m == major => self.advance(n),
                _ => None,
            }
        }

        fn text(&mut self) -> Option<&'a str> {
            std::str::from_utf8(self.take(TEXT)?).ok()
        }

        fn bool(&mut self) -> Option<bool> {
            let value = match *self.data.get(self.pos)? {
                FALSE => false,
                TRUE => true,
                _ => return None,
            };
            self.pos += 1;
            Some(value)
        }

        /// An optional unsigned integer that fits `T` (as serde decodes `Option<T>`).
        fn opt<T: TryFrom<u64>>(&mut self) -> Option<Option<T>> {
            if self.data.get(self.pos) == Some(&NULL) {
                self.pos += 1;
                return Some(None);
            }
            T::try_from(self.uint()?).ok().map(Some)
        }

        /// Skips one item, whatever it is.
        fn skip(&mut self, depth: u32) -> Option<()> {
            if depth > MAX_DEPTH {
                return None;
            }
            match self.head()? {
                (BYTES | TEXT, n) => {
                    self.advance(n)?;
                }
                (ARRAY, n) => (0..n).try_for_each(|_| self.skip(depth + 1))?,
                (MAP, n) => (0..n.checked_mul(2)?).try_for_each(|_| self.skip(depth + 1))?,
                (TAG, _) => self.skip(depth + 1)?,
                // Integers, simple values and floats: the head was all of it.
                _ => {}
            }
            Some(())
        }

        /// The searched fields of one entry; the others are skipped.
        fn entry(&mut self) -> Option<EntryRef<'a>> {
            let (mut id, mut version, mut path, mut keys, mut facets) =
                (None, None, None, None, None);
            let mut deleted = false;
            for _ in 0..self.len(MAP)? {
                match self.text()? {
                    "id" => id = Some(self.text()?),
                    "version" => version = Some(self.uint()?),
                    "path" => path = Some(self.text()?),
                    "keys" => keys = Some(self.text()?),
                    "facets" => facets = Some(self.facets()?),
                    "deleted" => deleted = self.bool()?,
                    _ => self.skip(0)?,
                }
            }
            Some(EntryRef {
                id: id?,
                version: version?,
                path: path?,
                keys: keys?,
                facets: facets?,
                deleted,
            })
        }

        fn facets(&mut self) -> Option<FacetsRef<'a>> {
            // Every field but the optional ones must be there, and none twice, as serde
            // requires.
            let (mut title, mut name, mut status, mut acts) = (None, None, None, None);
            let (mut risk, mut purposes, mut tags, mut charges) = (None, None, None, None);
            for _ in 0..self.len(MAP)? {
                match self.text()? {
                    "title" => once(&mut title, self.text())?,
                    "name" => once(&mut name, self.text())?,
                    "status" => once(&mut status, self.opt())?,
                    "acts" => {
                        let count = self.len(ARRAY)?;
                        let list = (0..count).map(|_| self.act()).collect::<Option<Vec<_>>>();
                        once(&mut acts, list)?;
                    }
                    "risk" => once(&mut risk, self.opt())?,
                    "purposes" => {
                        once(
                            &mut purposes,
                            self.uint().and_then(|n| u32::try_from(n).ok()),
                        )?;
                    }
                    "tags" => once(&mut tags, self.text())?,
                    "charges" => once(&mut charges, self.text())?,
                    _ => self.skip(0)?,
                }
            }
            Some(FacetsRef {
                title: title?,
                name: name?,
                status: status.flatten(),
                acts: Cow::Owned(acts?),
                risk: risk.flatten(),
                purposes: purposes?,
                tags: tags?,
                charges: charges?,
            })
        }

        fn act(&mut self) -> Option<ActFacet> {
            // `dated` must be there, and no field twice, as serde requires.
            let (mut kind, mut dated, mut from, mut to) = (None, None, None, None);
            for _ in 0..self.len(MAP)? {
                match self.text()? {
                    "kind" => once(&mut kind, self.opt())?,
                    "dated" => once(&mut dated, self.bool())?,
                    "from" => once(&mut from, self.opt())?,
                    "to" => once(&mut to, self.opt())?,
                    _ => self.skip(0)?,
                }
            }
            Some(ActFacet {
                kind: kind.flatten(),
                dated: dated?,
                from: from.flatten(),
                to: to.flatten(),
            })
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::envelope::{Conflict, Envelope};

    /// Index entries of the demo testimonies, one a tombstone and one a conflict copy, so
    /// that every optional field is written.
    fn entries() -> Vec<IndexEntry> {
        let records = crate::record::parse_records(crate::demo::TESTIMONIES.as_bytes()).unwrap();
        records
            .into_iter()
            .enumerate()
            .map(|(i, record)| {
                let mut envelope = Envelope::new(
                    format!("{i:016}"),
                    1,
                    "2026-01-01T00:00:00Z".into(),
                    "2026-01-02T00:00:00Z".into(),
                    record,
                );
                envelope.deleted = i == 1;
                envelope.conflict = (i == 2).then(|| Conflict {
                    version: 1,
                    original_version: 2,
                    copy: "../other".into(),
                    head: "j1-aaaaa".into(),
                });
                let mut entry =
                    crate::vault::index_entry(&envelope, &format!("records/00/{i}.age"), 4096);
                if i == 3 {
                    entry.attachments.push(AttachmentRef {
                        path: "attachments/00/a.age".into(),
                        sha256: vec![7; 32],
                    });
                }
                entry
            })
            .collect()
    }

    fn read(identity: &VaultIdentity, ciphertext: &[u8]) -> std::result::Result<Segment, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("segment.age");
        std::fs::write(&path, ciphertext).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        read_verified(identity, file, &crypto::sha256(ciphertext))
    }

    #[test]
    fn borrowed_entries_are_what_serde_decodes() {
        let identity = VaultIdentity::generate();
        let written = entries();
        assert!(written.len() > 3);
        let segment = read(&identity, &seal(&identity, written.clone()).unwrap()).unwrap();
        let found = segment.entries().unwrap();
        assert_eq!(found.len(), written.len());
        for (encoded, entry) in found.iter().zip(&written) {
            assert_eq!(encoded.view, entry.view());
            assert_eq!(&encoded.decode().unwrap(), entry);
        }
        assert_eq!(segment.into_entries().unwrap(), written);
    }

    #[test]
    fn the_fast_decoding_is_ciboriums_or_nothing() {
        let identity = VaultIdentity::generate();
        let written = entries();
        let plain = identity
            .decrypt(&seal(&identity, written.clone()).unwrap())
            .unwrap();
        let segment = Segment {
            plain: plain.clone(),
        };
        // The common entries take the fast path; a conflict and attachments do not.
        for (encoded, entry) in segment.entries().unwrap().iter().zip(&written) {
            let fast = cbor::entry_owned(encoded.raw, &encoded.view);
            let plain_entry = entry.conflict.is_none() && entry.attachments.is_empty();
            assert_eq!(fast.as_ref(), plain_entry.then_some(entry));
        }
        // On damaged entries, whatever the fast path accepts, ciborium decodes the same.
        let mut accepted = 0;
        for cut in 0..plain.len() {
            let mut garbled = plain.clone();
            garbled[cut] ^= 0x21;
            let Some(fields) = cbor::segment(&garbled) else {
                continue;
            };
            for encoded in &fields.entries {
                if let Some(fast) = cbor::entry_owned(encoded.raw, &encoded.view) {
                    accepted += 1;
                    assert_eq!(encoded.decode_ciborium().as_ref(), Ok(&fast));
                }
            }
        }
        assert!(accepted > 0);
    }

    #[test]
    fn consent_is_read_without_decoding_the_record() {
        use crate::record::{Purpose, Record};
        for entry in entries() {
            let record = entry.record().unwrap();
            for &purpose in Purpose::ALL {
                let level = match entry.record_field("consent").unwrap() {
                    Some(consent) => Record::consent_level_from_cbor(consent, purpose).unwrap(),
                    None => None,
                };
                assert_eq!(level, record.consent_for(purpose));
            }
        }
        let mut bare = entries().remove(0).record().unwrap();
        bare.consent.clear();
        let entry = IndexEntry {
            record: bare.to_cbor(),
            ..entries().remove(0)
        };
        assert_eq!(entry.record_field("consent"), Some(None));
        assert_eq!(entry.record_field("title").map(|t| t.is_some()), Some(true));
        assert_eq!(cbor::map_value(b"\x81\x00", "consent"), None);
        // A field twice is not a record tvault wrote: no shortcut (serde refuses it).
        let twice = b"\xa2\x67consent\x80\x67consent\x80";
        assert_eq!(cbor::map_value(twice, "consent"), None);
    }

    #[test]
    fn a_facet_twice_is_refused_as_ciborium_refuses_it() {
        use ciborium::Value;
        let entry = entries().remove(0);
        let mut value = Value::serialized(&entry).unwrap();
        let Value::Map(fields) = &mut value else {
            panic!("an entry is a map")
        };
        for (k, v) in fields.iter_mut() {
            if k.as_text() == Some("facets")
                && let Value::Map(facets) = v
            {
                let title = facets[0].clone();
                facets.push(title);
            }
        }
        let segment = Value::Map(vec![
            (Value::from("format"), Value::from("tvault-index")),
            (Value::from("format_version"), Value::from(1)),
            (
                Value::from("keys_version"),
                Value::from(crate::search::fold::FOLD_VERSION),
            ),
            (Value::from("entries"), Value::Array(vec![value.clone()])),
        ]);
        let mut bytes = Vec::new();
        ciborium::into_writer(&segment, &mut bytes).unwrap();
        assert!(cbor::segment(&bytes).is_none());
        let mut raw = Vec::new();
        ciborium::into_writer(&value, &mut raw).unwrap();
        assert!(ciborium::from_reader::<IndexEntry, _>(&raw[..]).is_err());
    }

    #[test]
    fn damaged_segments_are_errors_not_panics() {
        let identity = VaultIdentity::generate();
        let sealed = seal(&identity, entries()).unwrap();
        let mut altered = sealed.clone();
        let last = altered.len() - 1;
        altered[last] ^= 1;
        assert!(read(&identity, &altered).is_err());
        // Plaintext cut or garbled anywhere (as a buggy writer might leave it): never a panic.
        let plain = identity.decrypt(&sealed).unwrap();
        for cut in (0..plain.len()).step_by(plain.len() / 64 + 1) {
            let mut garbled = plain[..cut].to_vec();
            garbled.extend(plain[cut..].iter().map(|b| b ^ 0x5a));
            for bytes in [&plain[..cut], &garbled[..]] {
                let sealed = identity.encrypt(bytes).unwrap();
                if let Ok(segment) = read(&identity, &sealed) {
                    let _ = segment.into_entries();
                }
            }
        }
    }
}
