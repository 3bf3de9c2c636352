//! Reading, repairing and compacting the metadata index (`index.rs` has the file format).
//!
//! The index is a cache: for every current record the journal vouches for there must be an
//! entry for exactly that version and file. Entries that are missing (a segment lost, damaged,
//! or written by an older tvault) are rebuilt by decrypting just those records.

use std::collections::{BTreeMap, HashMap};

use super::envelope::Envelope;
use super::index::{self, EntryRef, IndexEntry};
use super::{Pending, Problem, Vault, names, store};
use crate::crypto;
use crate::error::Result;
use crate::search::keys;

/// Index segments a writer tolerates before compacting them into one.
const COMPACT_SEGMENTS: usize = if cfg!(test) { 3 } else { 32 };

/// Index segments smaller than this (in bytes) are merged by a compaction; bigger ones are
/// rewritten only when merging the small ones is not enough.
const SMALL_SEGMENT: u64 = 256 * 1024;

/// The index as read: an entry for the current version of every record.
#[derive(Debug, Default)]
pub struct IndexView {
    /// One entry per current record, in no particular order.
    pub entries: Vec<IndexEntry>,
    /// Records that could not be read (their entries were missing and rebuilding failed).
    pub problems: Vec<Problem>,
    /// Index segments that could not be read (missing, damaged): the index needs saving again.
    pub damaged_segments: Vec<Problem>,
    /// Entries that were missing from the index and were rebuilt from the records.
    pub rebuilt: usize,
    /// Index segments read.
    pub segments: usize,
    /// Current records whose entries [`Vault::index_where`] left out of `entries` (their file is
    /// still surveyed).
    pub unkept: Vec<Located>,
    /// The entries of deleted records (tombstones): never in `entries`, kept so that the index
    /// can be saved whole and `show` can say that a record was deleted.
    pub deleted: Vec<IndexEntry>,
    /// The record files, listed while the index was read (`search` does both at once, the
    /// listing on a core that would otherwise wait); [`Vault::survey`] lists them itself when
    /// this is `None`.
    pub record_files: Option<RecordFiles>,
}

/// The record files present in the vault's directories, and what was wrong with the
/// directories themselves (symbolic links, unexpected entries).
#[derive(Debug)]
pub struct RecordFiles {
    files: Vec<std::path::PathBuf>,
    /// `files`, relative to the vault.
    rels: Vec<String>,
    problems: Vec<Problem>,
}

impl IndexView {
    /// Every entry to save when the index is rewritten: the current records' and the
    /// tombstones' (only meaningful for a view that kept every entry).
    pub fn entries_to_save(&self) -> Vec<IndexEntry> {
        self.entries.iter().chain(&self.deleted).cloned().collect()
    }
}

/// A record version and its file, without its metadata.
#[derive(Clone, Debug)]
pub struct Located {
    /// Record id.
    pub id: String,
    /// Record version.
    pub version: u64,
    /// The record file (relative to the vault).
    pub path: String,
}

/// The index entry of a record version stored at `path` (relative) with `size` bytes.
pub(crate) fn entry_for(envelope: &Envelope, path: &str, size: u64) -> IndexEntry {
    let mut record = envelope.record.clone();
    let keys = keys::record_keys(&record);
    let facets = keys::facets(&record);
    record.narrative = None;
    IndexEntry {
        id: envelope.id.clone(),
        version: envelope.version,
        path: path.to_owned(),
        size,
        created_at: envelope.created_at.clone(),
        updated_at: envelope.updated_at.clone(),
        record: record.to_cbor(),
        keys,
        facets,
        deleted: envelope.deleted,
        conflict: envelope.conflict.clone(),
        attachments: envelope
            .attachments
            .iter()
            .map(|a| index::AttachmentRef {
                path: a.path.clone(),
                sha256: a.sha256.clone(),
            })
            .collect(),
    }
}

impl Vault {
    /// The current version of every record, from the journal: id -> (version, file).
    pub(crate) fn current_records(&self) -> BTreeMap<String, (u64, String)> {
        let mut current: BTreeMap<String, (u64, String)> = BTreeMap::new();
        for (rel, exp) in self.journal.expected() {
            if let Some((id, version)) = exp.record.clone() {
                match current.get(&id) {
                    Some((v, _)) if *v >= version => {}
                    _ => {
                        current.insert(id, (version, rel.clone()));
                    }
                }
            }
        }
        current
    }

    /// [`Vault::current_records`], borrowed from the journal's state (no copies): id -> (version,
    /// file).
    fn current_refs(&self) -> HashMap<&str, (u64, &str)> {
        let expected = self.journal.expected();
        let mut current: HashMap<&str, (u64, &str)> = HashMap::with_capacity(expected.len());
        for (rel, exp) in expected {
            if let Some((id, version)) = &exp.record {
                match current.get(id.as_str()) {
                    Some((v, _)) if *v >= *version => {}
                    _ => {
                        current.insert(id, (*version, rel));
                    }
                }
            }
        }
        current
    }

    /// Where the file the journal vouches for at `rel` is (in place, or still staged by an
    /// interrupted write), and what the journal says of it.
    pub(crate) fn vouched_path(
        &self,
        rel: &str,
    ) -> std::result::Result<(std::path::PathBuf, &super::journal::Expected), String> {
        let exp = self
            .journal
            .expected()
            .get(rel)
            .ok_or("not in the journal")?;
        let in_place = self.layout.root.join(rel);
        let staged = self.layout.staging().join(super::staged_name(&exp.sha256));
        let path = if in_place.exists() || !staged.exists() {
            in_place
        } else {
            staged
        };
        Ok((path, exp))
    }

    /// Reads `rel` as the journal vouches for it (in place, or staged by an interrupted write),
    /// checking its SHA-256.
    pub(crate) fn read_vouched(&self, rel: &str) -> std::result::Result<Vec<u8>, String> {
        let (path, exp) = self.vouched_path(rel)?;
        let bytes = store::read_regular(&path, super::size_limit(rel))
            .map_err(|e| super::problem_reason(&e))?;
        if crypto::sha256(&bytes)[..] != exp.sha256[..] {
            return Err(
                "altered since it was written (SHA-256 differs from the journal)".to_owned(),
            );
        }
        Ok(bytes)
    }

    /// Reads one index segment as the journal vouches for it, streaming (see
    /// [`index::read_verified`]).
    fn read_segment(&self, rel: &str) -> std::result::Result<index::Segment, String> {
        let (path, exp) = self.vouched_path(rel)?;
        let meta = std::fs::symlink_metadata(&path).map_err(|e| e.to_string())?;
        if meta.file_type().is_symlink() || !meta.is_file() {
            return Err("not a regular file".to_owned());
        }
        if meta.len() > super::size_limit(rel) {
            return Err("file too large".to_owned());
        }
        let file = std::fs::File::open(&path).map_err(|e| e.to_string())?;
        index::read_verified(&self.secrets.identity, file, &exp.sha256)
    }

    /// The index segments the journal vouches for.
    pub(super) fn segments(&self) -> Vec<String> {
        // "index0" is the first path after every "index/..." ('0' follows '/').
        self.journal
            .expected()
            .range::<String, _>(&"index/".to_owned()..&"index0".to_owned())
            .map(|(rel, _)| rel.clone())
            .filter(|rel| rel.starts_with("index/"))
            .collect()
    }

    /// The index entry of version `version` of record `id`, read from its file `rel` (checked
    /// against the journal and decrypted).
    fn entry_from_record(
        &self,
        id: &str,
        version: u64,
        rel: &str,
    ) -> std::result::Result<IndexEntry, String> {
        let path = self.layout.root.join(rel);
        let ct = self.read_vouched(rel)?;
        let plain = self
            .secrets
            .identity
            .decrypt(&ct)
            .map_err(|e| e.to_string())?;
        let envelope = Envelope::from_cbor(&plain, &path).map_err(|e| super::problem_reason(&e))?;
        if envelope.id != id || envelope.version != version {
            return Err(format!(
                "holds record {} version {}, but the journal says record {id} version {version} (swapped or duplicated)",
                envelope.id, envelope.version
            ));
        }
        Ok(entry_for(&envelope, rel, ct.len() as u64))
    }

    /// Reads the index and fills its gaps from the records (in memory; see
    /// [`Vault::save_index`]).
    pub fn index(&self) -> Result<IndexView> {
        self.index_where(&|_| true)
    }

    /// Reads the index like [`Vault::index`], but keeps in `entries` only the entries `keep`
    /// accepts (a search keeps its hits, and so never holds the whole index); the others are
    /// listed in `unkept`. Segments are decrypted, checked and decoded on all cores.
    /// Only the kept entries are decoded in full: the others are looked at where they lie in
    /// the decrypted segment ([`index::Segment::entries`]).
    pub fn index_where(&self, keep: &(dyn Fn(&EntryRef<'_>) -> bool + Sync)) -> Result<IndexView> {
        let mut view = IndexView::default();
        let current = self.current_refs();
        let is_current = |entry: &EntryRef<'_>| -> bool {
            current
                .get(entry.id)
                .is_some_and(|(v, p)| *v == entry.version && *p == entry.path)
        };
        let segments = self.segments();
        view.segments = segments.len();
        // Segments hold at most `index::SEGMENT_ENTRIES` entries (but those of older vaults):
        // each is filtered as soon as it is read, so that only the kept entries pile up.
        let read = crate::parallel::map_each(segments, |rel| {
            let result = self.read_segment(&rel).and_then(|segment| {
                let mut kept = Vec::new();
                let mut unkept = Vec::new();
                let mut deleted = Vec::new();
                for entry in segment.entries()? {
                    let e = &entry.view;
                    if !is_current(e) {
                        continue;
                    }
                    if e.deleted {
                        deleted.push(entry.decode()?);
                    } else if keep(e) {
                        kept.push(entry.decode()?);
                    } else {
                        unkept.push(Located {
                            id: e.id.to_owned(),
                            version: e.version,
                            path: e.path.to_owned(),
                        });
                    }
                }
                Ok((kept, unkept, deleted))
            });
            (rel, result)
        });
        let mut seen: std::collections::HashSet<String> =
            std::collections::HashSet::with_capacity(current.len());
        for (rel, result) in read {
            match result {
                Ok((kept, unkept, deleted)) => {
                    for entry in deleted {
                        if seen.insert(entry.id.clone()) {
                            view.deleted.push(entry);
                        }
                    }
                    for entry in kept {
                        if seen.insert(entry.id.clone()) {
                            view.entries.push(entry);
                        }
                    }
                    for located in unkept {
                        if seen.insert(located.id.clone()) {
                            view.unkept.push(located);
                        }
                    }
                }
                Err(reason) => view.damaged_segments.push(Problem {
                    path: self.layout.root.join(&rel),
                    reason: format!("index segment: {reason}"),
                }),
            }
        }
        let mut missing: Vec<(String, u64, String)> = current
            .iter()
            .filter(|(id, _)| !seen.contains(**id))
            .map(|(id, (version, rel))| ((*id).to_owned(), *version, (*rel).to_owned()))
            .collect();
        missing.sort();
        let rebuilt = crate::parallel::map(missing, |(id, version, rel)| {
            let result = self.entry_from_record(&id, version, &rel);
            (id, version, rel, result)
        });
        for (id, version, rel, result) in rebuilt {
            match result {
                Ok(entry) => {
                    view.rebuilt += 1;
                    if entry.deleted {
                        view.deleted.push(entry);
                    } else if keep(&entry.view()) {
                        view.entries.push(entry);
                    } else {
                        view.unkept.push(Located {
                            id,
                            version,
                            path: rel,
                        });
                    }
                }
                Err(reason) => view.problems.push(Problem {
                    path: self.layout.root.join(&rel),
                    reason: format!("record {id}: {reason}"),
                }),
            }
        }
        Ok(view)
    }

    /// New index segments holding `entries`, each under a new random name, ready to commit.
    pub(super) fn index_segments(&self, entries: Vec<IndexEntry>) -> Result<Vec<Pending>> {
        Ok(index::seal_segments(&self.secrets.identity, entries)?
            .into_iter()
            .map(|segment| Pending {
                rel: format!("index/{}.age", names::new_file_stem()),
                bytes: segment,
                record: None,
            })
            .collect())
    }

    /// Replaces every index segment with new ones holding `entries` (a writer only).
    pub fn save_index(&mut self, mut entries: Vec<IndexEntry>) -> Result<()> {
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        let old = self.segments();
        let pending = self.index_segments(entries)?;
        self.commit("index", pending, old)
    }

    /// Rebuilds the whole index from the records and saves it. Returns the number of entries.
    pub fn reindex(&mut self) -> Result<(usize, Vec<Problem>)> {
        let current = self.current_records();
        let items: Vec<(String, (u64, String))> = current.into_iter().collect();
        let results = crate::parallel::map(items, |(id, (version, rel))| {
            (
                self.layout.root.join(&rel),
                self.entry_from_record(&id, version, &rel),
            )
        });
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        for (path, result) in results {
            match result {
                Ok(entry) => entries.push(entry),
                Err(reason) => problems.push(Problem { path, reason }),
            }
        }
        let count = entries.len();
        self.save_index(entries)?;
        Ok((count, problems))
    }

    /// Every current record, for `list`: from the index, after checking every file's bytes
    /// against the journal (without decrypting any). Records whose file fails are left out and
    /// reported. The records carry no narrative.
    pub fn list(&self) -> Result<super::Listing> {
        let check = self.check(false, false)?;
        let view = self.index()?;
        let bad: std::collections::HashSet<std::path::PathBuf> =
            check.problems.iter().map(|p| p.path.clone()).collect();
        let mut records: Vec<super::StoredRecord> = view
            .entries
            .into_iter()
            .filter(|e| !bad.contains(&self.layout.root.join(&e.path)))
            .map(|e| stored_from_entry(&self.layout.root, e))
            .collect::<Result<_>>()?;
        records.sort_by(|a, b| {
            (a.envelope.created_at.as_str(), a.id()).cmp(&(b.envelope.created_at.as_str(), b.id()))
        });
        let mut problems = check.problems;
        for p in view.problems.into_iter().chain(view.damaged_segments) {
            if !problems.iter().any(|q| q.path == p.path) {
                problems.push(p);
            }
        }
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(super::Listing { records, problems })
    }

    /// One record in full (narrative included), by id or unambiguous prefix: found through the
    /// index, then read, checked against the journal and decrypted.
    pub fn get(&self, view: &IndexView, prefix: &str) -> Result<super::StoredRecord> {
        let prefix = names::normalise_id(prefix);
        let hits: Vec<&IndexEntry> = match view.entries.iter().find(|e| e.id == prefix) {
            Some(exact) => vec![exact],
            None => view
                .entries
                .iter()
                .filter(|e| e.id.starts_with(&prefix))
                .collect(),
        };
        let entry = match hits.as_slice() {
            [] => {
                let deleted = view.deleted.iter().filter(|e| e.id.starts_with(&prefix));
                return Err(
                    match deleted.map(|e| e.id.clone()).collect::<Vec<_>>().as_slice() {
                        [id] => crate::Error::RecordDeleted { id: id.clone() },
                        _ => crate::Error::RecordNotFound { id: prefix },
                    },
                );
            }
            [one] => *one,
            more => {
                return Err(crate::Error::AmbiguousId {
                    prefix,
                    count: more.len(),
                });
            }
        };
        let path = self.layout.root.join(&entry.path);
        let ct = self
            .read_vouched(&entry.path)
            .map_err(|reason| crate::Error::Corrupt {
                path: path.clone(),
                reason: format!("record {}: {reason}", entry.id),
            })?;
        let plain = self
            .secrets
            .identity
            .decrypt(&ct)
            .map_err(|e| crate::Error::corrupt(&path, format!("record {}: {e}", entry.id)))?;
        let envelope = Envelope::from_cbor(&plain, &path)?;
        if envelope.id != entry.id || envelope.version != entry.version {
            return Err(crate::Error::corrupt(
                &path,
                format!(
                    "holds another record than the journal says for {}",
                    entry.id
                ),
            ));
        }
        Ok(super::StoredRecord {
            envelope,
            file: path,
        })
    }

    /// The record files present, from directory listings only (for [`Vault::survey`]).
    pub fn record_files(&self) -> Result<RecordFiles> {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        super::verify::walk(&self.layout.records(), 2, &mut files, &mut problems)?;
        let rels = files
            .iter()
            .map(|path| super::verify::rel_path(&self.layout.root, path))
            .collect();
        Ok(RecordFiles {
            files,
            rels,
            problems,
        })
    }

    /// A cheap look at the record files, without reading or even stat-ing them (directory
    /// listings only): files the journal does not vouch for (planted), and files of current
    /// records that are missing. `search` and `show` use it; `list` and `verify` check every
    /// byte, and `show` every byte of the record it prints.
    ///
    /// The files are those of `view.record_files` when a listing was taken with the index, else
    /// they are listed now.
    pub fn survey(&self, view: &IndexView) -> Result<Vec<Problem>> {
        let listed;
        let RecordFiles {
            files,
            rels,
            problems,
        } = match &view.record_files {
            Some(files) => files,
            None => {
                listed = self.record_files()?;
                &listed
            }
        };
        let root = &self.layout.root;
        let mut problems = problems.clone();
        let expected = self.journal.expected();
        let present: std::collections::HashSet<&str> = rels.iter().map(String::as_str).collect();
        // When as many of the files the journal vouches for are present as there are files,
        // every file is vouched for: no need to look each one up.
        let vouched_present = expected
            .range::<String, _>(&"records/".to_owned()..&"records0".to_owned())
            .filter(|(rel, _)| present.contains(rel.as_str()))
            .count();
        if vouched_present != present.len() {
            for (path, rel) in files.iter().zip(rels) {
                if !expected.contains_key(rel) && !self.removal_pending(rel) {
                    problems.push(Problem {
                        path: path.clone(),
                        reason: "not in the journal: planted, or not written by this vault".into(),
                    });
                }
            }
        }
        let located = view
            .entries
            .iter()
            .map(|e| (e.id.as_str(), e.version, e.path.as_str()))
            .chain(
                view.unkept
                    .iter()
                    .map(|e| (e.id.as_str(), e.version, e.path.as_str())),
            );
        for (id, version, rel) in located {
            if present.contains(rel) {
                continue;
            }
            let staged = expected.get(rel).is_some_and(|e| {
                self.layout
                    .staging()
                    .join(super::staged_name(&e.sha256))
                    .is_file()
            });
            if !staged {
                problems.push(Problem {
                    path: root.join(rel),
                    reason: format!("record {id} version {version} is missing (file deleted)"),
                });
            }
        }
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(problems)
    }

    /// Decrypts one record's narrative (for `search --narrative`), checked against the journal.
    pub fn narrative(&self, entry: &IndexEntry) -> std::result::Result<Option<String>, String> {
        let ct = self.read_vouched(&entry.path)?;
        let plain = self
            .secrets
            .identity
            .decrypt(&ct)
            .map_err(|e| e.to_string())?;
        let envelope = Envelope::from_cbor(&plain, &self.layout.root.join(&entry.path))
            .map_err(|e| super::problem_reason(&e))?;
        Ok(envelope.record.narrative)
    }

    /// After a write: compacts the index segments into one when there are many, so that a
    /// search decrypts a few files, not one per write.
    pub(crate) fn compact_index_if_needed(&mut self) -> Result<()> {
        let segments = self.segments();
        if segments.len() <= COMPACT_SEGMENTS {
            return Ok(());
        }
        // Big vaults have one full segment per `SEGMENT_ENTRIES` records, and those stay.
        let records = self.current_refs().len();
        if segments.len() <= COMPACT_SEGMENTS + records.div_ceil(index::SEGMENT_ENTRIES) {
            return Ok(());
        }
        // Most segments are small (one per `add`): merging only those costs the same in a vault
        // of any size. When that is not enough, everything is rewritten.
        let small: Vec<String> = segments
            .iter()
            .filter(|rel| {
                self.vouched_path(rel)
                    .ok()
                    .and_then(|(path, _)| std::fs::symlink_metadata(path).ok())
                    .is_some_and(|m| m.len() < SMALL_SEGMENT)
            })
            .cloned()
            .collect();
        if small.len() > COMPACT_SEGMENTS / 2 {
            let current = self.current_refs();
            let mut entries: Vec<IndexEntry> = Vec::new();
            for rel in &small {
                let Ok(read) = self
                    .read_segment(rel)
                    .and_then(index::Segment::into_entries)
                else {
                    // Never compact away evidence: leave a damaged index for verify to report.
                    return Ok(());
                };
                entries.extend(read.into_iter().filter(|e| {
                    current
                        .get(e.id.as_str())
                        .is_some_and(|(v, p)| *v == e.version && *p == e.path)
                }));
            }
            entries.sort_by(|a, b| a.id.cmp(&b.id));
            entries.dedup_by(|a, b| a.id == b.id);
            let pending = self.index_segments(entries)?;
            return self.commit("index", pending, small);
        }
        let view = self.index()?;
        if !view.problems.is_empty() || !view.damaged_segments.is_empty() {
            // Never compact away evidence: leave a damaged index for verify to report.
            return Ok(());
        }
        self.save_index(view.entries_to_save())
    }
}

/// A record as `list` shows it, from its index entry (no narrative).
pub(crate) fn stored_from_entry(
    root: &std::path::Path,
    e: IndexEntry,
) -> Result<super::StoredRecord> {
    let record = e.record()?;
    let mut envelope = Envelope::new(e.id, e.version, e.created_at, e.updated_at, record);
    envelope.deleted = e.deleted;
    envelope.conflict = e.conflict;
    Ok(super::StoredRecord {
        file: root.join(&e.path),
        envelope,
    })
}
