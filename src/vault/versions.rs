//! The versions of a record: edits (a new version), deletes (a tombstone version), purges (every
//! version removed for good), the history, and reading any one version.
//!
//! Records are append-only: an edit or a delete writes a new record file whose `version` is one
//! more than the current one, cloned from the current envelope (so that fields other modules
//! add to it are carried over), and never touches the older files. That is what lets two copies
//! of a vault be synced and merged file by file. Only `purge` removes files, through one journal
//! entry of `remove` ops, overwriting each file before unlinking it.
//!
//! This module never prints or prompts.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::envelope::{Conflict, Envelope};
use super::{CommitPlan, StoredRecord, Vault, names, store};
use crate::error::{Error, Result};
use crate::record::Record;

/// What an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edited {
    /// The edit changed nothing: nothing was written.
    Unchanged,
    /// A new version was written.
    Written {
        /// Its number.
        version: u64,
    },
}

/// One line of a record's history.
#[derive(Clone, Debug)]
pub struct HistoryEntry {
    /// The version number.
    pub version: u64,
    /// When it was written (the envelope's `updated_at`).
    pub time: String,
    /// `created`, `edited`, `deleted` or `conflict`.
    pub action: &'static str,
    /// Fields whose value differs from the previous version (`witness.status`, `acts`, ...).
    pub changed: Vec<String>,
    /// For a conflict copy: where it came from.
    pub conflict: Option<Conflict>,
    /// This is the current version.
    pub current: bool,
}

/// What a purge removed.
#[derive(Clone, Copy, Debug, Default)]
pub struct PurgeReport {
    /// Version files removed.
    pub versions: usize,
    /// Attachment files removed.
    pub attachments: usize,
    /// Index segments rewritten without the record.
    pub segments: usize,
}

impl Vault {
    /// The full id of the record that `prefix` (an id or an unambiguous prefix) names, among
    /// every record the journal vouches for a version of, deleted ones included.
    pub fn resolve_id(&self, prefix: &str) -> Result<String> {
        let prefix = names::normalise_id(prefix);
        let ids: BTreeSet<&str> = self
            .journal
            .expected()
            .values()
            .filter_map(|e| e.record.as_ref().map(|(id, _)| id.as_str()))
            .filter(|id| id.starts_with(&prefix))
            .collect();
        if ids.contains(prefix.as_str()) {
            return Ok(prefix);
        }
        match ids.len() {
            0 => Err(Error::RecordNotFound { id: prefix }),
            1 => Ok(ids.into_iter().next().unwrap_or_default().to_owned()),
            count => Err(Error::AmbiguousId { prefix, count }),
        }
    }

    /// Every stored version of record `id`: (version, file relative to the vault), oldest first.
    pub(super) fn version_paths(&self, id: &str) -> Vec<(u64, String)> {
        let mut out: Vec<(u64, String)> = self
            .journal
            .expected()
            .iter()
            .filter_map(|(rel, e)| match &e.record {
                Some((rid, version)) if rid == id => Some((*version, rel.clone())),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    /// Reads, checks against the journal and decrypts version `version` of `id` at `rel`.
    pub(super) fn read_envelope(&self, id: &str, version: u64, rel: &str) -> Result<Envelope> {
        let path = self.layout.root.join(rel);
        let ct = self
            .read_vouched(rel)
            .map_err(|reason| Error::corrupt(&path, format!("record {id}: {reason}")))?;
        let plain = self
            .secrets
            .identity
            .decrypt(&ct)
            .map_err(|e| Error::corrupt(&path, format!("record {id}: {e}")))?;
        let envelope = Envelope::from_cbor(&plain, &path)?;
        if envelope.id != id || envelope.version != version {
            return Err(Error::corrupt(
                &path,
                format!("holds another record than the journal says for {id}"),
            ));
        }
        Ok(envelope)
    }

    /// Version `version` of record `id` (tombstones included).
    pub fn version(&self, id: &str, version: u64) -> Result<StoredRecord> {
        let Some((_, rel)) = self
            .version_paths(id)
            .into_iter()
            .find(|(v, _)| *v == version)
        else {
            return Err(Error::VersionNotFound {
                id: id.to_owned(),
                version,
            });
        };
        let envelope = self.read_envelope(id, version, &rel)?;
        Ok(StoredRecord {
            envelope,
            file: self.layout.root.join(rel),
        })
    }

    /// The current (highest) version of record `id`, which may be a tombstone.
    pub fn current_version(&self, id: &str) -> Result<StoredRecord> {
        let Some((version, _)) = self.version_paths(id).pop() else {
            return Err(Error::RecordNotFound { id: id.to_owned() });
        };
        self.version(id, version)
    }

    /// Writes `envelope` (a new version of its record) with its index entry, in one commit.
    fn write_version(&mut self, action: &str, envelope: Envelope) -> Result<u64> {
        let version = envelope.version;
        let (file, entry) = self.seal_record(&envelope)?;
        let mut pending = vec![file];
        pending.extend(self.index_segments(vec![entry])?);
        self.commit(action, pending, Vec::new())?;
        self.compact_index_if_needed()?;
        Ok(version)
    }

    /// Writes `record` (validated again here) as the next version of record `id`. An edit that
    /// changes nothing writes nothing, unless the current version carries a conflict marker:
    /// then the new version, without the marker, is how the conflict is resolved.
    pub fn edit(&mut self, id: &str, record: Record) -> Result<Edited> {
        record.validate()?;
        let current = self.current_version(id)?;
        if current.envelope.deleted {
            return Err(Error::RecordDeleted { id: id.to_owned() });
        }
        if current.envelope.record == record && current.envelope.conflict.is_none() {
            return Ok(Edited::Unchanged);
        }
        let next = current.envelope.next_version(record);
        let version = self.write_version("edit", next)?;
        Ok(Edited::Written { version })
    }

    /// Deletes record `id`: writes a tombstone version (hidden from list, search and export;
    /// the older versions stay, for `history`, until a purge). Returns its version.
    pub fn delete(&mut self, id: &str) -> Result<u64> {
        let current = self.current_version(id)?;
        if current.envelope.deleted {
            return Err(Error::RecordDeleted { id: id.to_owned() });
        }
        let mut tombstone = current
            .envelope
            .next_version(current.envelope.record.clone());
        tombstone.deleted = true;
        self.write_version("delete", tombstone)
    }

    /// Removes every version of record `id` and its attachments for good, in one journal entry
    /// of `remove` ops, and rewrites the index without it (its segments held its metadata).
    /// Each removed file is overwritten before it is unlinked; what that cannot reach (flash
    /// wear levelling, copies, backups) only a rekey makes unreadable (docs/FORMAT.md).
    pub fn purge(&mut self, id: &str) -> Result<PurgeReport> {
        let versions = self.version_paths(id);
        if versions.is_empty() {
            return Err(Error::RecordNotFound { id: id.to_owned() });
        }
        let attachments = self.attachment_files(id)?;
        let view = self.index()?;
        let entries: Vec<_> = view
            .entries_to_save()
            .into_iter()
            .filter(|e| e.id != id)
            .collect();
        let old_segments = self.segments();
        let report = PurgeReport {
            versions: versions.len(),
            attachments: attachments.len(),
            segments: old_segments.len(),
        };
        let pending = self.index_segments(entries)?;
        let removals: Vec<String> = versions
            .into_iter()
            .map(|(_, rel)| rel)
            .chain(attachments)
            .chain(old_segments)
            .collect();
        self.commit_plan(
            "purge",
            pending,
            removals,
            CommitPlan {
                shred: true,
                ..CommitPlan::default()
            },
        )?;
        Ok(report)
    }

    /// Versions held by more than one file: two copies of the vault that both changed a record
    /// were synced into one folder. Only the file with the first path counts until `merge`
    /// (with this vault's own directory) keeps the others as new versions, so each is reported.
    pub fn forks(&self) -> Vec<super::Problem> {
        let mut files: std::collections::BTreeMap<(&str, u64), Vec<&str>> =
            std::collections::BTreeMap::new();
        for (rel, exp) in self.journal.expected() {
            if let Some((id, version)) = &exp.record {
                files.entry((id, *version)).or_default().push(rel);
            }
        }
        files
            .into_iter()
            .filter(|(_, paths)| paths.len() > 1)
            .map(|((id, version), paths)| super::Problem {
                path: self.layout.root.join(paths[1]),
                reason: format!(
                    "record {id} has {} different files for version {version} (copies synced into one folder?): run `tvault merge` with this vault's own directory to keep each as a version",
                    paths.len()
                ),
            })
            .collect()
    }

    /// The history of record `id`, oldest version first: what each version did and which fields
    /// it changed. Works for deleted records; purged versions are gone from it.
    pub fn history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        let versions = self.version_paths(id);
        if versions.is_empty() {
            return Err(Error::RecordNotFound { id: id.to_owned() });
        }
        let last = versions.last().map(|(v, _)| *v);
        let mut out = Vec::with_capacity(versions.len());
        let mut previous: Option<Value> = None;
        for (i, (version, rel)) in versions.iter().enumerate() {
            let envelope = self.read_envelope(id, *version, rel)?;
            let value = envelope.record.to_json_value();
            let mut changed = Vec::new();
            if let Some(previous) = &previous {
                diff(previous, &value, "", 0, &mut changed);
            }
            let action = if envelope.deleted {
                "deleted"
            } else if envelope.conflict.is_some() {
                "conflict"
            } else if i == 0 && *version == 1 {
                "created"
            } else {
                "edited"
            };
            out.push(HistoryEntry {
                version: *version,
                time: envelope.updated_at.clone(),
                action,
                changed,
                conflict: envelope.conflict.clone(),
                current: Some(*version) == last,
            });
            previous = Some(value);
        }
        Ok(out)
    }
}

/// The fields that differ between two records (as JSON): paths two levels deep at most
/// (`witness.status`), lists as a whole (`acts`).
fn diff(a: &Value, b: &Value, prefix: &str, depth: usize, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) if depth < 2 => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                match (x.get(key), y.get(key)) {
                    (Some(p), Some(q)) if p == q => {}
                    (Some(p), Some(q)) => diff(p, q, &path, depth + 1, out),
                    _ => out.push(path),
                }
            }
        }
        _ if a != b => out.push(prefix.to_owned()),
        _ => {}
    }
}

/// Removes a file for good, as far as software can: moves it into `staging` (so that a crash
/// leaves a leftover the next writer cleans, never a damaged file where a record was), overwrites
/// its bytes with random ones, flushes, and unlinks it. A symbolic link is never followed.
pub(super) fn shred_remove(staging: &Path, path: &Path) -> Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    store::crash_point(path)?;
    if !meta.is_file() {
        return fs::remove_file(path).map_err(|e| Error::io(path, e));
    }
    let moved = staging.join(format!(
        "{}{}.part",
        store::SHRED_PREFIX,
        names::new_file_stem()
    ));
    fs::rename(path, &moved).map_err(|e| Error::io(path, e))?;
    store::crash_point(&moved)?;
    store::overwrite_and_remove(&moved)
}

#[cfg(test)]
mod tests {
    use super::diff;
    use serde_json::json;

    #[test]
    fn diff_names_changed_fields() {
        let mut out = Vec::new();
        diff(
            &json!({"title": "a", "witness": {"names": ["x"], "status": "wanted"}, "acts": [1]}),
            &json!({"title": "a", "witness": {"names": ["x"], "status": "released"}, "tags": ["t"]}),
            "",
            0,
            &mut out,
        );
        assert_eq!(out, vec!["acts", "tags", "witness.status"]);
    }
}
