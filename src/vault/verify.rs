//! Checking the vault against its journal: the one checker behind everyday reads (`list`,
//! `show`) and `verify`.
//!
//! Every file the journal vouches for must be present with exactly the SHA-256 the journal holds;
//! every file in the vault's folders must be vouched for. That detects flipped bits, truncation,
//! deleted files, planted files and symlinks, duplicates under another name, swapped records and
//! records replaced by a validly encrypted forgery. A record that fails is reported and never
//! served.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::envelope::Envelope;
use super::journal::{Expected, JournalProblem};
use super::{Problem, StoredRecord, Vault, is_os_litter, store};
use crate::crypto::{self, CryptoError};
use crate::error::{Error, Result};

/// Entries allowed at the top of a vault directory.
const TOP_LEVEL: &[&str] = &[
    "tvault.json",
    "lock",
    "keys",
    "index",
    "records",
    "journal",
    "attachments",
    "staging",
];

/// What a check found.
pub(crate) struct Check {
    /// Record versions that passed (decoded only when decryption was asked for).
    pub records: Vec<StoredRecord>,
    /// Everything wrong.
    pub problems: Vec<Problem>,
    /// Files whose bytes were checked against the journal.
    pub files_checked: usize,
    /// Committed files still in staging (an interrupted write the next writer completes).
    pub pending: usize,
}

/// The result of `verify`.
#[derive(Debug)]
pub struct Report {
    /// Everything wrong; empty means the vault verifies.
    pub problems: Vec<Problem>,
    /// The journal head fingerprint.
    pub fingerprint: String,
    /// Current records.
    pub records: usize,
    /// Files whose bytes were checked.
    pub files_checked: usize,
    /// Journal entries.
    pub journal_entries: usize,
    /// Committed writes that are still staged.
    pub pending: usize,
}

pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // The common case (a path built by joining directory entries, as `walk` does) is already
    // in normal form: no need to split it into components and join them again.
    #[cfg(unix)]
    if let Some(s) = rel.to_str()
        && !s.is_empty()
        && !s.starts_with('/')
        && !s.ends_with('/')
        && !s.contains("//")
        && s.split('/').all(|c| c != "." && c != "..")
    {
        return s.to_owned();
    }
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn problem(path: PathBuf, reason: impl Into<String>) -> Problem {
    Problem {
        path,
        reason: reason.into(),
    }
}

/// Walks `dir` (depth `levels`), returning regular files and problems for symlinks and anything
/// unexpected. OS litter is skipped.
pub(crate) fn walk(
    dir: &Path,
    levels: usize,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            problems.push(problem(
                dir.to_path_buf(),
                "symbolic link planted in the vault (never followed)",
            ));
            return Ok(());
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        _ => {}
    }
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if is_os_litter(&entry.file_name().to_string_lossy()) {
            continue;
        }
        // The directory entry's own type: never follows a link, and needs no stat on most
        // file systems.
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_symlink() {
            problems.push(problem(
                path,
                "symbolic link planted in the vault (never followed)",
            ));
        } else if kind.is_dir() && levels > 1 {
            walk(&path, levels - 1, files, problems)?;
        } else if kind.is_file() && levels == 1 {
            files.push(path);
        } else {
            problems.push(problem(path, "unexpected entry in the vault (planted?)"));
        }
    }
    Ok(())
}

impl Vault {
    /// Whether `rel` is a file a committed write removed, still there because the write was
    /// interrupted (same bytes as when the journal last vouched for it).
    pub(crate) fn removal_pending(&self, rel: &str) -> bool {
        self.journal.removed().iter().any(|(path, sha256)| {
            path == rel && super::file_matches(&self.layout.root.join(rel), rel, sha256)
        })
    }

    fn journal_problems(&self) -> Vec<Problem> {
        self.journal
            .problems
            .iter()
            .map(|JournalProblem { path, reason }| {
                problem(
                    path.clone().unwrap_or_else(|| self.layout.journal()),
                    reason.clone(),
                )
            })
            .collect()
    }

    /// The files under `dir` (a sharded directory: `records/` or `attachments/`), relative to
    /// the vault. One the journal does not vouch for is a problem, unless a committed write is
    /// still to remove it (counted in `pending`).
    pub(crate) fn files_in(
        &self,
        dir: &Path,
        problems: &mut Vec<Problem>,
        pending: &mut usize,
    ) -> Result<BTreeSet<String>> {
        let root = &self.layout.root;
        let expected = self.journal.expected();
        let mut files = Vec::new();
        walk(dir, 2, &mut files, problems)?;
        let on_disk: BTreeSet<String> = files.iter().map(|p| rel_path(root, p)).collect();
        for rel in &on_disk {
            if !expected.contains_key(rel) {
                if self.removal_pending(rel) {
                    *pending += 1;
                } else {
                    problems.push(problem(
                        root.join(rel),
                        "not in the journal: planted, or not written by this vault",
                    ));
                }
            }
        }
        Ok(on_disk)
    }

    /// Checks every record file (and the key files) against the journal. With `decrypt`, also
    /// decrypts and validates each record and returns it.
    pub(crate) fn check(&self, decrypt: bool, deep: bool) -> Result<Check> {
        let root = &self.layout.root;
        let mut problems = self.journal_problems();
        let expected = self.journal.expected();
        let staging = self.layout.staging();

        let mut pending = 0;
        let on_disk = self.files_in(&self.layout.records(), &mut problems, &mut pending)?;

        // Where each vouched-for file is: in place, or still staged after an interrupted commit.
        let mut to_read: Vec<(String, Expected, PathBuf)> = Vec::new();
        for (rel, exp) in expected {
            // Attachment files are big: everyday reads never hash them; `verify` streams them
            // (`Vault::check_attachments`).
            if rel.starts_with("attachments/") {
                continue;
            }
            let in_place = root.join(rel);
            let staged = staging.join(super::staged_name(&exp.sha256));
            let is_record = rel.starts_with("records/");
            // A key file replaced by an interrupted commit is still staged, next to the old one.
            if (is_record && on_disk.contains(rel))
                || (!is_record && in_place.exists() && !staged.is_file())
            {
                to_read.push((rel.clone(), exp.clone(), in_place));
            } else if staged.is_file() {
                pending += 1;
                to_read.push((rel.clone(), exp.clone(), staged));
            } else {
                let what = match &exp.record {
                    Some((id, version)) => {
                        format!("record {id} version {version} is missing (file deleted)")
                    }
                    None => "file is missing (deleted)".to_owned(),
                };
                problems.push(problem(in_place, what));
            }
        }

        let identity = &self.secrets.identity;
        let files_checked = to_read.len();
        let results = crate::parallel::map(to_read, |(rel, exp, path)| {
            let limit = super::size_limit(&rel);
            let outcome = (|| -> std::result::Result<Option<StoredRecord>, String> {
                let bytes =
                    store::read_regular(&path, limit).map_err(|e| super::problem_reason(&e))?;
                if crypto::sha256(&bytes)[..] != exp.sha256[..] {
                    return Err(match &exp.record {
                        Some((id, version)) => format!(
                            "record {id} version {version}: altered since it was written (SHA-256 differs from the journal)"
                        ),
                        None => "altered since it was written (SHA-256 differs from the journal)"
                            .to_owned(),
                    });
                }
                let Some((id, version)) = &exp.record else {
                    return Ok(None);
                };
                if !decrypt {
                    return Ok(None);
                }
                let plain = identity.decrypt(&bytes).map_err(|e| match e {
                    CryptoError::NoMatchingKey => {
                        format!("record {id}: not encrypted to this vault")
                    }
                    other => format!("record {id}: {other}"),
                })?;
                let envelope = Envelope::from_cbor(&plain, &path)
                    .map_err(|e| format!("record {id}: {}", super::problem_reason(&e)))?;
                if deep {
                    envelope
                        .validate(&path)
                        .map_err(|e| format!("record {id}: {}", super::problem_reason(&e)))?;
                }
                if &envelope.id != id || envelope.version != *version {
                    return Err(format!(
                        "holds record {} version {}, but the journal says record {id} version {version} (swapped or duplicated)",
                        envelope.id, envelope.version
                    ));
                }
                Ok(Some(StoredRecord {
                    envelope,
                    file: path.clone(),
                }))
            })();
            (rel, path, outcome)
        });
        let mut records = Vec::new();
        for (_, path, outcome) in results {
            match outcome {
                Ok(Some(stored)) => records.push(stored),
                Ok(None) => {}
                Err(reason) => problems.push(problem(path, reason)),
            }
        }
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Check {
            records,
            problems,
            files_checked,
            pending,
        })
    }

    /// Checks every byte of every file in the vault against the journal; with `deep`, also
    /// decrypts and re-validates every record. With `expect`, also checks the journal head
    /// fingerprint (a rollback of the whole vault to an earlier state).
    pub fn verify(&self, deep: bool, expect: Option<&str>) -> Result<Report> {
        let check = self.check(deep, deep)?;
        let (attachment_problems, attachment_files, attachment_pending) =
            self.check_attachments(deep.then_some(check.records.as_slice()))?;
        let mut problems = check.problems;
        problems.extend(attachment_problems);
        let root = &self.layout.root;
        // Anything else in the vault's own folders is planted.
        let expected = self.journal.expected();
        let mut files = Vec::new();
        walk(&self.layout.keys(), 1, &mut files, &mut problems)?;
        walk(&self.layout.index(), 1, &mut files, &mut problems)?;
        let mut pending = check.pending + attachment_pending;
        for path in files {
            let rel = rel_path(root, &path);
            if expected.contains_key(&rel) {
                continue;
            }
            if self.removal_pending(&rel) {
                pending += 1;
            } else {
                problems.push(problem(path, "not in the journal: planted file"));
            }
        }
        for entry in fs::read_dir(root).map_err(|e| Error::io(root, e))? {
            let entry = entry.map_err(|e| Error::io(root, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let linked =
                fs::symlink_metadata(entry.path()).is_ok_and(|m| m.file_type().is_symlink());
            if linked {
                problems.push(problem(
                    entry.path(),
                    "symbolic link planted in the vault (never followed)",
                ));
            } else if !TOP_LEVEL.contains(&name.as_str()) && !is_os_litter(&name) {
                problems.push(problem(
                    entry.path(),
                    "unexpected entry in the vault (planted?)",
                ));
            }
        }
        let fingerprint = self.journal.fingerprint();
        if let Some(expect) = expect
            && expect.trim() != fingerprint
        {
            problems.push(problem(
                self.layout.journal(),
                format!(
                    "journal head is {fingerprint}, not the expected {}: the vault was rolled back or changed since",
                    expect.trim()
                ),
            ));
        }
        problems.sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
        problems.dedup_by(|a, b| a.path == b.path && a.reason == b.reason);
        let records: BTreeMap<&str, ()> = expected
            .values()
            .filter_map(|e| e.record.as_ref())
            .map(|(id, _)| (id.as_str(), ()))
            .collect();
        Ok(Report {
            problems,
            fingerprint,
            records: records.len(),
            files_checked: check.files_checked + attachment_files,
            journal_entries: self.journal.entries.len(),
            pending,
        })
    }
}
