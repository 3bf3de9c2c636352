//! Merging another copy of this vault into this one, and importing the records of another
//! vault.
//!
//! Two copies of one vault (a colleague's stick, a Syncthing folder, a git clone) share the
//! vault's secrets and the beginning of their journal. `merge` opens the other copy with this
//! vault's secrets, verifies it (its journal under this vault's MAC key, and every file its
//! journal vouches for), and commits, in one journal file, the other copy's journal entries that
//! this copy lacks (verbatim: their MACs and hashes stay valid, so the history of both copies
//! survives and the journal's DAG joins) followed by one `merge` entry of its own. The files those
//! entries vouch for are copied with them.
//!
//! Where both copies wrote the same version number of the same record with different content
//! (an edit on each side), nothing is dropped: the other copy's versions of that record from the
//! fork on are written again after this copy's last version, each carrying a conflict marker
//! (docs/FORMAT.md, "Merging copies"), and the merge entry removes their original files. Key
//! slots and the config stay this copy's own: a passphrase changed on the other copy does not
//! change this one's, and a recovery key added there is not added here.
//!
//! This module never prints or prompts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::envelope::{Conflict, Envelope};
use super::journal::{Entry, Journal};
use super::keyslot::{VaultConfig, VaultSecrets};
use super::store::{self, VaultLock};
use super::{CommitPlan, Pending, Vault, names, probe};
use crate::crypto::{self, CryptoError};
use crate::error::{Error, Result};

/// What a merge did.
#[derive(Clone, Debug, Default)]
pub struct MergeReport {
    /// Journal entries taken from the other copy.
    pub entries: usize,
    /// Files copied from the other copy.
    pub files: usize,
    /// Records that are new or have new versions.
    pub records: usize,
    /// Conflicts: record id, this copy's version it conflicts with, the new version holding the
    /// other copy's content.
    pub conflicts: Vec<(String, u64, u64)>,
}

impl MergeReport {
    /// Whether the merge found no record or version to take (journal entries that only
    /// record earlier merges may still have been exchanged).
    pub fn up_to_date(&self) -> bool {
        self.records == 0 && self.conflicts.is_empty()
    }
}

/// One record imported from another vault.
#[derive(Clone, Debug)]
pub struct Imported {
    /// Its id in the other vault.
    pub from: String,
    /// Its new id in this vault.
    pub to: String,
    /// Versions imported.
    pub versions: usize,
}

/// What `merge --import` did.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// The records imported under new ids.
    pub imported: Vec<Imported>,
    /// Records of a copy of this same vault from before a rekey that are here already, every
    /// version unchanged: not imported again.
    pub already_here: usize,
}

/// Whether two paths are the same directory.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

impl Vault {
    /// Opens another copy of this vault at `root` with this vault's secrets, for reading. Its key
    /// slots are not read (they may differ: a passphrase changed on one side); its config must
    /// decrypt with this vault's key and name this vault's id.
    fn open_copy(&self, root: &Path) -> Result<Vault> {
        let layout = probe(root)?;
        let lock = VaultLock::acquire(&layout.lock(), false, store::LOCK_WAIT)?;
        let secrets = VaultSecrets::parse_slot_text(self.secrets.to_slot_text().as_bytes(), root)?;
        let path = layout.config();
        let ct = store::read_regular(&path, super::MAX_KEY_FILE)?;
        let plain = match secrets.identity.decrypt(&ct) {
            Ok(plain) => plain,
            Err(CryptoError::NoMatchingKey) => {
                return Err(Error::DifferentVault {
                    path: root.to_path_buf(),
                });
            }
            Err(e) => return Err(Error::corrupt(&path, e.to_string())),
        };
        let config = VaultConfig::from_cbor(&plain, &path)?;
        if config.vault_id != self.config.vault_id {
            return Err(Error::DifferentVault {
                path: root.to_path_buf(),
            });
        }
        let journal = Journal::load(&layout.journal(), &secrets.identity, &secrets.mac_key)?;
        if journal.rekey_committed() {
            // A copy killed in the middle of a rekey: its files are half re-encrypted to a key
            // this copy has no slot for. Opening it once with tvault finishes the rekey; then it
            // is a copy from after a rekey (`merge --import`).
            return Err(Error::corrupt(
                &layout.journal(),
                "this copy is in the middle of a rekey; open it once with tvault (for example `tvault verify`) to finish it, then merge with --import",
            ));
        }
        Ok(Vault {
            layout,
            secrets,
            config,
            journal,
            // Opened with this vault's own secrets, as this vault was.
            unlock: self.unlock,
            _lock: lock,
        })
    }

    /// Merges the copy of this vault at `other` into this one (see the module documentation).
    /// `label` names the other copy in conflict markers. The other copy is only read. Merging
    /// twice is a no-op; merging back the other way brings both copies to the same records.
    pub fn merge(&mut self, other: &Path, label: &str) -> Result<MergeReport> {
        // The same directory (two copies synced into one folder): nothing to copy, but versions
        // written twice still need sorting out.
        if same_dir(other, &self.layout.root) {
            return self.merge_entries(None, label, String::new());
        }
        let copy = self.open_copy(other)?;
        let verified = copy.verify(false, None)?;
        if !verified.problems.is_empty() {
            return Err(Error::MergeSourceDamaged {
                path: other.to_path_buf(),
                count: verified.problems.len(),
            });
        }
        let head = copy.head_fingerprint();
        self.merge_entries(Some(&copy), label, head)
    }

    fn merge_entries(
        &mut self,
        copy: Option<&Vault>,
        label: &str,
        head: String,
    ) -> Result<MergeReport> {
        let mut report = MergeReport::default();
        let mut imported: Vec<Entry> = copy
            .map(|c| {
                c.journal
                    .entries
                    .iter()
                    .filter(|(hash, _)| !self.journal.entries.contains_key(*hash))
                    .map(|(_, e)| e.clone())
                    .collect()
            })
            .unwrap_or_default();
        imported.sort_by_key(|e| (e.seq, e.hash()));
        report.entries = imported.len();
        let ours = self.journal.expected().clone();
        let mut joined = Journal::default();
        joined.entries = self.journal.entries.clone();
        for entry in &imported {
            joined.entries.insert(entry.hash(), entry.clone());
        }
        let state = joined.expected();

        // Record files by id and version, in the joined state.
        let mut by_id: BTreeMap<&str, BTreeMap<u64, Vec<&str>>> = BTreeMap::new();
        for (rel, exp) in state {
            if let Some((id, version)) = &exp.record {
                by_id
                    .entry(id.as_str())
                    .or_default()
                    .entry(*version)
                    .or_default()
                    .push(rel.as_str());
            }
        }
        let mut pending: Vec<Pending> = Vec::new();
        let mut removals: Vec<String> = Vec::new();
        let mut index_entries = Vec::new();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for (id, versions) in &by_id {
            let Some(fork) = versions
                .iter()
                .find(|(_, paths)| paths.len() > 1)
                .map(|(v, _)| *v)
            else {
                continue;
            };
            // Which file is this copy's: the one this copy had; in one folder holding both
            // copies' files, the first by path.
            let is_ours = |rel: &str| match copy {
                Some(_) => ours.contains_key(rel),
                None => versions.values().any(|paths| paths.first() == Some(&rel)),
            };
            let our_max = versions
                .iter()
                .filter(|(_, paths)| paths.iter().any(|p| is_ours(p)))
                .map(|(v, _)| *v)
                .max()
                .unwrap_or(0);
            // The other copy's versions from the fork on all follow this copy's last one (their
            // original files are removed), so the numbers stay contiguous.
            let mut next = our_max;
            let mut ours_at: BTreeMap<u64, Envelope> = BTreeMap::new();
            for (version, paths) in versions.range(fork..) {
                for rel in paths.iter().filter(|p| !is_ours(p)) {
                    let theirs = self.read_other(copy, id, *version, rel)?;
                    removals.push((*rel).to_owned());
                    touched.insert((*id).to_owned());
                    // The same content written on both sides is not a conflict.
                    if let Some(mine) = paths.iter().find(|p| is_ours(p)) {
                        if !ours_at.contains_key(version) {
                            let envelope = self.read_other(None, id, *version, mine)?;
                            ours_at.insert(*version, envelope);
                        }
                        let same = ours_at.get(version).is_some_and(|m| {
                            m.record == theirs.record && m.deleted == theirs.deleted
                        });
                        if same {
                            continue;
                        }
                    }
                    next += 1;
                    let against = (*version).min(our_max);
                    let mut copy_of = theirs.clone();
                    copy_of.version = next;
                    copy_of.conflict = Some(Conflict {
                        version: against,
                        original_version: *version,
                        copy: label.to_owned(),
                        head: head.clone(),
                    });
                    copy_of.pad = Vec::new();
                    let (file, entry) = self.seal_record(&copy_of)?;
                    index_entries.push(entry);
                    report.conflicts.push(((*id).to_owned(), against, next));
                    pending.push(file);
                }
            }
        }
        // Keep only the index entry of each record's newest conflict copy.
        index_entries.sort_by(|a, b| (&a.id, b.version).cmp(&(&b.id, a.version)));
        index_entries.dedup_by(|a, b| a.id == b.id);

        // Files to copy: everything the joined state vouches for that this copy lacks, except
        // key files (each copy keeps its own) and the files of versions written again above.
        let mut carried = Vec::new();
        let mut streamed = Vec::new();
        if let Some(copy) = copy {
            for (rel, exp) in state {
                if rel.starts_with("keys/") || removals.contains(rel) {
                    continue;
                }
                if ours.get(rel).is_some_and(|o| o.sha256 == exp.sha256) {
                    continue;
                }
                if rel.starts_with("attachments/") {
                    // Streamed into staging, never held in memory (they may be gigabytes).
                    let (path, _) = copy
                        .vouched_path(rel)
                        .map_err(|reason| Error::corrupt(&copy.layout.root.join(rel), reason))?;
                    let file = stream_copy(&path, &self.layout.staging(), &exp.sha256)?;
                    streamed.push((file, rel.clone()));
                    continue;
                }
                let bytes = copy
                    .read_vouched(rel)
                    .map_err(|reason| Error::corrupt(&copy.layout.root.join(rel), reason))?;
                if crypto::sha256(&bytes)[..] != exp.sha256[..] {
                    return Err(Error::corrupt(
                        &copy.layout.root.join(rel),
                        "differs from what the journals vouch for",
                    ));
                }
                if let Some((id, _)) = &exp.record {
                    touched.insert(id.clone());
                }
                carried.push((rel.clone(), bytes));
            }
        }
        report.files = carried.len() + streamed.len();
        // Key slots and config stay this copy's: put back what the other copy's entries
        // replaced, forget what they added.
        let keys: BTreeSet<&String> = state
            .keys()
            .chain(ours.keys())
            .filter(|rel| rel.starts_with("keys/"))
            .collect();
        for rel in keys {
            match (ours.get(rel), state.get(rel)) {
                (Some(mine), Some(now)) if mine.sha256 == now.sha256 => {}
                (Some(_), _) => {
                    let bytes = self
                        .read_vouched(rel)
                        .map_err(|reason| Error::corrupt(&self.layout.root.join(rel), reason))?;
                    pending.push(Pending {
                        rel: rel.clone(),
                        bytes,
                        record: None,
                    });
                }
                (None, _) => removals.push(rel.clone()),
            }
        }
        // Versions of this copy that the other copy's entries removed (a purge there).
        for exp in ours.values().filter(|e| e.record.is_some()) {
            if let Some((id, _)) = &exp.record
                && !by_id.contains_key(id.as_str())
            {
                touched.insert(id.clone());
            }
        }
        report.records = touched.len();
        if imported.is_empty() && report.conflicts.is_empty() && removals.is_empty() {
            return Ok(report);
        }
        if !index_entries.is_empty() {
            pending.extend(self.index_segments(index_entries)?);
        }
        // Files of this copy that the other copy's entries removed (a purge there, or a version
        // of this copy that the other copy re-wrote after a conflict): gone after the commit.
        let dropped: Vec<(String, Vec<u8>)> = ours
            .iter()
            .filter(|(rel, _)| {
                // Key files are this copy's own: the merge entry puts them back.
                !rel.starts_with("keys/") && !state.contains_key(*rel) && !removals.contains(rel)
            })
            .map(|(rel, exp)| (rel.clone(), exp.sha256.clone()))
            .collect();
        // When this copy had nothing the other lacks, its journal simply catches up: no entry
        // of its own, so that both copies end with the same journal (and merging back is a
        // no-op).
        let fast_forward = pending.is_empty()
            && removals.is_empty()
            && !imported.is_empty()
            && joined.heads().len() == 1;
        self.commit_plan(
            "merge",
            pending,
            removals,
            CommitPlan {
                imported,
                carried,
                fast_forward,
                carried_staged: streamed,
                ..CommitPlan::default()
            },
        )?;
        let staging = self.layout.staging();
        for (rel, sha256) in dropped {
            let path = self.layout.root.join(&rel);
            // Only the bytes the journal vouched for (anything else is evidence for verify).
            if store::read_regular(&path, super::size_limit(&rel))
                .is_ok_and(|b| crypto::sha256(&b)[..] == sha256[..])
            {
                super::versions::shred_remove(&staging, &path)?;
            }
        }
        self.compact_index_if_needed()?;
        // The other copy's index segments came along; whatever they lack is rebuilt and saved.
        let view = self.index()?;
        if view.rebuilt > 0 && view.problems.is_empty() && view.damaged_segments.is_empty() {
            self.save_index(view.entries_to_save())?;
        }
        Ok(report)
    }

    /// Reads version `version` of record `id` at `rel`: from the other copy, or (`None`) from
    /// this vault, checked against the journal that vouches for it.
    fn read_other(
        &self,
        copy: Option<&Vault>,
        id: &str,
        version: u64,
        rel: &str,
    ) -> Result<Envelope> {
        match copy {
            Some(copy) => copy.read_envelope(id, version, rel),
            None => self.read_envelope(id, version, rel),
        }
    }

    /// Imports the current records of another vault (`other`, unlocked with its own
    /// credentials) as new records of this one, each with every version it has, re-encrypted
    /// to this vault, under new ids. Deleted records are left out, and so are the records of a
    /// copy of this vault from before a rekey that are here unchanged. One journal entry commits
    /// them all.
    pub fn import_from(&mut self, other: &Vault) -> Result<ImportReport> {
        // The same vault under the same key is `merge`'s job. The same vault id under another
        // key is a copy from the other side of a rekey: `merge` cannot read it with this key,
        // so its records come in here, except those the copies share unchanged; a record
        // changed on either side comes in under a new id (twice rather than lost).
        let same_vault = other.config.vault_id == self.config.vault_id;
        if same_vault && other.fingerprint() == self.fingerprint() {
            return Err(Error::SameVault {
                path: other.layout.root.clone(),
            });
        }
        let verified = other.verify(false, None)?;
        if !verified.problems.is_empty() {
            return Err(Error::MergeSourceDamaged {
                path: other.layout.root.clone(),
                count: verified.problems.len(),
            });
        }
        let mut report = ImportReport::default();
        let mut pending = Vec::new();
        let mut entries = Vec::new();
        // Attachments are re-encrypted too, streamed (each file once, under a new name, however
        // many versions list it): attachment path in the other vault -> path here.
        let mut moved: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut staged = Vec::new();
        let staging = self.layout.staging();
        store::create_private_dir(&staging)?;
        for id in other.current_records().into_keys() {
            let versions = other.version_paths(&id);
            let mut envelopes = Vec::with_capacity(versions.len());
            for (version, rel) in &versions {
                envelopes.push(other.read_envelope(&id, *version, rel)?);
            }
            if envelopes.last().is_none_or(|e| e.deleted) {
                continue;
            }
            if same_vault && self.holds_unchanged(&id, &envelopes) {
                report.already_here += 1;
                continue;
            }
            let new_id = names::new_record_id();
            let count = envelopes.len();
            for (i, mut envelope) in envelopes.into_iter().enumerate() {
                envelope.id = new_id.clone();
                envelope.pad = Vec::new();
                for attachment in &mut envelope.attachments {
                    if let Some(path) = moved.get(&attachment.path) {
                        attachment.path = path.clone();
                        continue;
                    }
                    let expected = other
                        .journal
                        .expected()
                        .get(&attachment.path)
                        .cloned()
                        .ok_or_else(|| {
                            Error::corrupt(
                                &other.layout.root.join(&attachment.path),
                                "attachment file is not in the integrity journal",
                            )
                        })?;
                    let (file, sha256) = super::rekey::reencrypt_stream(
                        &other.layout.root,
                        &attachment.path,
                        &expected,
                        &other.secrets.identity,
                        &self.secrets.identity,
                        &staging,
                    )?;
                    let stem = names::new_file_stem();
                    let rel = format!("attachments/{}/{stem}.age", &stem[..2]);
                    staged.push((file, rel.clone(), sha256));
                    moved.insert(attachment.path.clone(), rel.clone());
                    attachment.path = rel;
                }
                let (file, entry) = self.seal_record(&envelope)?;
                if i + 1 == count {
                    entries.push(entry);
                }
                pending.push(file);
            }
            report.imported.push(Imported {
                from: id,
                to: new_id,
                versions: count,
            });
        }
        if report.imported.is_empty() {
            return Ok(report);
        }
        pending.extend(self.index_segments(entries)?);
        self.commit_with("import", pending, staged, Vec::new(), Vec::new())?;
        self.compact_index_if_needed()?;
        Ok(report)
    }

    /// Whether this vault holds record `id` with every one of `theirs` (the versions of the
    /// same record in another copy of this vault), each exactly (padding aside). A version
    /// this vault cannot read counts as missing: the other copy's comes in.
    fn holds_unchanged(&self, id: &str, theirs: &[Envelope]) -> bool {
        let unpadded = |envelope: Envelope| Envelope {
            pad: Vec::new(),
            ..envelope
        };
        let ours = self.version_paths(id);
        theirs.iter().all(|envelope| {
            let wanted = unpadded(envelope.clone());
            ours.iter()
                .filter(|(version, _)| *version == envelope.version)
                .any(|(_, rel)| {
                    self.read_envelope(id, envelope.version, rel)
                        .is_ok_and(|mine| unpadded(mine) == wanted)
                })
        })
    }
}

/// Copies the file at `from` into `staging` (named by its SHA-256, like every staged file),
/// streaming, and checks it is the `sha256` the journals vouch for.
fn stream_copy(from: &Path, staging: &Path, sha256: &[u8]) -> Result<std::path::PathBuf> {
    store::create_private_dir(staging)?;
    let file = std::fs::File::open(from).map_err(|e| Error::io(from, e))?;
    let mut read = crypto::HashingReader::new(std::io::BufReader::with_capacity(1 << 20, file));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".part")
        .tempfile_in(staging)
        .map_err(|e| Error::io(staging, e))?;
    std::io::copy(&mut read, tmp.as_file_mut()).map_err(|e| Error::io(from, e))?;
    let hash = read.finish();
    if hash[..] != sha256[..] {
        return Err(Error::corrupt(
            from,
            "differs from what the journals vouch for",
        ));
    }
    let staged = staging.join(super::staged_name(&hash));
    tmp.persist(&staged)
        .map_err(|e| Error::io(&staged, e.error))?;
    Ok(staged)
}
