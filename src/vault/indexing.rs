//! Reading, repairing and compacting the metadata index (`index.rs` has the file format).
//!
//! The index is a cache: for every current record the journal vouches for there must be an
//! entry for exactly that version and file. Entries that are missing (a segment lost, damaged,
//! or written by an older tvault) are rebuilt by decrypting just those records.

use std::collections::{BTreeMap, HashMap};

use super::envelope::Envelope;
use super::index::{self, IndexEntry};
use super::{Pending, Problem, Vault, names, parallel_map, store};
use crate::crypto;
use crate::error::Result;
use crate::search::keys;

/// Index segments a writer tolerates before compacting them into one.
const COMPACT_SEGMENTS: usize = if cfg!(test) { 3 } else { 32 };

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

    /// Where the file the journal vouches for at `rel` is (in place, or still staged by an
    /// interrupted write), and what the journal says of it.
    fn vouched_path(
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
    fn read_segment(&self, rel: &str) -> std::result::Result<Vec<IndexEntry>, String> {
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
    fn segments(&self) -> Vec<String> {
        self.journal
            .expected()
            .keys()
            .filter(|rel| rel.starts_with("index/"))
            .cloned()
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
        let mut view = IndexView::default();
        let current = self.current_records();
        let mut by_id: HashMap<String, IndexEntry> = HashMap::new();
        let segments = self.segments();
        for rel in &segments {
            view.segments += 1;
            let path = self.layout.root.join(rel);
            let entries = self.read_segment(rel);
            match entries {
                Ok(entries) => {
                    for entry in entries {
                        if current
                            .get(&entry.id)
                            .is_some_and(|(v, p)| *v == entry.version && *p == entry.path)
                        {
                            by_id.insert(entry.id.clone(), entry);
                        }
                    }
                }
                Err(reason) => view.damaged_segments.push(Problem {
                    path,
                    reason: format!("index segment: {reason}"),
                }),
            }
        }
        let missing: Vec<(String, u64, String)> = current
            .iter()
            .filter(|(id, _)| !by_id.contains_key(*id))
            .map(|(id, (version, rel))| (id.clone(), *version, rel.clone()))
            .collect();
        let rebuilt = parallel_map(missing, |(id, version, rel)| {
            let result = self.entry_from_record(&id, version, &rel);
            (id, self.layout.root.join(&rel), result)
        });
        for (id, path, result) in rebuilt {
            match result {
                Ok(entry) => {
                    view.rebuilt += 1;
                    by_id.insert(id, entry);
                }
                Err(reason) => view.problems.push(Problem {
                    path,
                    reason: format!("record {id}: {reason}"),
                }),
            }
        }
        view.entries = by_id.into_values().collect();
        Ok(view)
    }

    /// Replaces every index segment with one holding `entries` (a writer only).
    pub fn save_index(&mut self, mut entries: Vec<IndexEntry>) -> Result<()> {
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        let segment = index::seal(&self.secrets.identity, entries)?;
        let old = self.segments();
        let stem = names::new_file_stem();
        let pending = vec![Pending {
            rel: format!("index/{stem}.age"),
            bytes: segment,
            record: None,
        }];
        self.commit("index", pending, old)
    }

    /// Rebuilds the whole index from the records and saves it. Returns the number of entries.
    pub fn reindex(&mut self) -> Result<(usize, Vec<Problem>)> {
        let current = self.current_records();
        let items: Vec<(String, (u64, String))> = current.into_iter().collect();
        let results = parallel_map(items, |(id, (version, rel))| {
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
            [] => return Err(crate::Error::RecordNotFound { id: prefix }),
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

    /// A cheap look at the record files, without reading or even stat-ing them (directory
    /// listings only): files the journal does not vouch for (planted), and files of current
    /// records that are missing. `search` and `show` use it; `list` and `verify` check every
    /// byte, and `show` every byte of the record it prints.
    pub fn survey(&self, view: &IndexView) -> Result<Vec<Problem>> {
        let root = &self.layout.root;
        let mut problems = Vec::new();
        let mut files = Vec::new();
        super::verify::walk(&self.layout.records(), 2, &mut files, &mut problems)?;
        let expected = self.journal.expected();
        let mut present = std::collections::HashSet::with_capacity(files.len());
        for path in files {
            let rel = super::verify::rel_path(root, &path);
            if !expected.contains_key(&rel) && !self.removal_pending(&rel) {
                problems.push(Problem {
                    path: path.clone(),
                    reason: "not in the journal: planted, or not written by this vault".into(),
                });
            }
            present.insert(rel);
        }
        for entry in &view.entries {
            if present.contains(&entry.path) {
                continue;
            }
            let staged = expected.get(&entry.path).is_some_and(|e| {
                self.layout
                    .staging()
                    .join(super::staged_name(&e.sha256))
                    .is_file()
            });
            if !staged {
                problems.push(Problem {
                    path: root.join(&entry.path),
                    reason: format!(
                        "record {} version {} is missing (file deleted)",
                        entry.id, entry.version
                    ),
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
        let segments = self
            .journal
            .expected()
            .keys()
            .filter(|rel| rel.starts_with("index/"))
            .count();
        if segments <= COMPACT_SEGMENTS {
            return Ok(());
        }
        let view = self.index()?;
        if !view.problems.is_empty() || !view.damaged_segments.is_empty() {
            // Never compact away evidence: leave a damaged index for verify to report.
            return Ok(());
        }
        self.save_index(view.entries)
    }
}

/// A record as `list` shows it, from its index entry (no narrative).
pub(crate) fn stored_from_entry(
    root: &std::path::Path,
    e: IndexEntry,
) -> Result<super::StoredRecord> {
    let record = e.record()?;
    Ok(super::StoredRecord {
        file: root.join(&e.path),
        envelope: Envelope::new(e.id, e.version, e.created_at, e.updated_at, record),
    })
}
