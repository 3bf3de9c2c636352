//! The `Vault` handle: directory layout, creation, unlocking, and reading and writing records.
//!
//! Layout of a vault directory (docs/FORMAT.md has the details):
//!
//! ```text
//! tvault.json            plaintext header: format name and version, nothing else
//! lock                   empty file for the vault lock
//! keys/passphrase.age    key slot, age scrypt (passphrase)
//! keys/recipients.age    key slot, age to the recovery recipients
//! keys/config.age        settings (vault id, recipients), encrypted to the vault's recipient
//! records/XX/NAME.age    one age file per record version; random NAME, XX = its first two chars
//! journal/NAME.age       the integrity journal (journal.rs)
//! index/NAME.age         the encrypted metadata index (index.rs)
//! attachments/XX/NAME.age  attached files, age STREAM, padded (attach.rs)
//! staging/               temporary files of writes in progress
//! ```
//!
//! This module never prints, prompts or reads environment variables.

pub mod attach;
mod destroy;
pub mod envelope;
pub mod index;
mod indexing;
pub mod journal;
pub mod keyslot;
mod merge;
pub mod names;
mod rekey;
pub mod store;
mod verify;
mod versions;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_versions;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::crypto::{self, CryptoError, Identities, RecoveryRecipient};
use crate::error::{Error, Result};
use crate::record::Record;
pub use destroy::{Destroyed, destroy};
use envelope::Envelope;
pub use indexing::{IndexView, RecordFiles};
pub use rekey::RekeyOptions;

/// The index entry of a record version (for tools and fuzzing).
pub fn index_entry(envelope: &Envelope, path: &str, size: u64) -> index::IndexEntry {
    indexing::entry_for(envelope, path, size)
}
use journal::{Entry, Journal, Op};
use keyslot::{VaultConfig, VaultSecrets};
pub use merge::{ImportReport, Imported, MergeReport};
use store::VaultLock;
pub use verify::Report;
pub use versions::{Edited, HistoryEntry, PurgeReport};

/// Version of the vault layout (the header's `version`).
pub const VAULT_FORMAT: u64 = 1;
/// Name of the plaintext header file.
pub const HEADER_FILE: &str = "tvault.json";
/// Largest record file tvault reads.
const MAX_RECORD_FILE: u64 = 16 * 1024 * 1024;
/// Largest key slot or config file tvault reads.
const MAX_KEY_FILE: u64 = 64 * 1024;
/// Largest journal file or index segment tvault reads.
const MAX_BULK_FILE: u64 = crypto::MAX_SMALL_FILE;

/// The size limit for a vault file, by its path relative to the vault.
pub(crate) fn size_limit(rel: &str) -> u64 {
    if rel.starts_with("keys/") {
        MAX_KEY_FILE
    } else if rel.starts_with("records/") {
        MAX_RECORD_FILE
    } else if rel.starts_with("attachments/") {
        // Never read whole: attachment files are streamed (attach.rs).
        u64::MAX
    } else {
        MAX_BULK_FILE
    }
}

/// Paths inside a vault directory.
#[derive(Clone, Debug)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// The layout of the vault at `root`.
    pub fn new(root: &Path) -> Self {
        Layout {
            root: root.to_path_buf(),
        }
    }
    /// The vault directory.
    pub fn root(&self) -> &Path {
        &self.root
    }
    fn header(&self) -> PathBuf {
        self.root.join(HEADER_FILE)
    }
    fn lock(&self) -> PathBuf {
        self.root.join("lock")
    }
    fn keys(&self) -> PathBuf {
        self.root.join("keys")
    }
    /// The passphrase key slot.
    pub fn passphrase_slot(&self) -> PathBuf {
        self.keys().join("passphrase.age")
    }
    /// The recovery recipients key slot.
    pub fn recipients_slot(&self) -> PathBuf {
        self.keys().join("recipients.age")
    }
    fn config(&self) -> PathBuf {
        self.keys().join("config.age")
    }
    /// The records directory.
    pub fn records(&self) -> PathBuf {
        self.root.join("records")
    }
    /// The journal directory.
    pub fn journal(&self) -> PathBuf {
        self.root.join("journal")
    }
    /// The index directory.
    pub fn index(&self) -> PathBuf {
        self.root.join("index")
    }
    /// The attachments directory.
    pub fn attachments(&self) -> PathBuf {
        self.root.join("attachments")
    }
    fn staging(&self) -> PathBuf {
        self.root.join("staging")
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u64,
}

/// Checks that `root` holds a vault this tvault can read.
pub fn probe(root: &Path) -> Result<Layout> {
    let layout = Layout::new(root);
    let path = layout.header();
    let bytes = match store::read_regular(&path, 4096) {
        Ok(bytes) => bytes,
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Err(Error::NotAVault {
                path: root.to_path_buf(),
            });
        }
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::NotADirectory => {
            return Err(Error::NotAVault {
                path: root.to_path_buf(),
            });
        }
        Err(e) => return Err(e),
    };
    let header: Header =
        serde_json::from_slice(&bytes).map_err(|_| Error::corrupt(&path, "not a tvault header"))?;
    if header.format != "tvault" {
        return Err(Error::NotAVault {
            path: root.to_path_buf(),
        });
    }
    if header.version > VAULT_FORMAT {
        return Err(Error::NewerFormat {
            path,
            found: header.version,
            supported: VAULT_FORMAT,
        });
    }
    Ok(layout)
}

/// Whether the vault at `layout` has a passphrase slot.
pub fn has_passphrase(layout: &Layout) -> bool {
    layout.passphrase_slot().exists()
}

/// How to open a vault.
pub enum Unlock<'a> {
    /// The passphrase (one scrypt).
    Passphrase(&'a SecretString),
    /// Identities from an `--identity` file.
    Identities(&'a Identities),
}

/// Whether a command only reads or also writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Shared lock: many readers at once.
    Read,
    /// Exclusive lock: one writer, no readers.
    Write,
}

/// Settings for a new vault.
pub struct InitOptions {
    /// The passphrase for the passphrase slot; `None` makes an identity-only vault.
    pub passphrase: Option<SecretString>,
    /// scrypt work factor (log2 N) of the passphrase slot.
    pub work_factor: u8,
    /// Recovery recipients for the recipients slot.
    pub recipients: Vec<RecoveryRecipient>,
}

/// One stored version of a record.
#[derive(Clone, Debug)]
pub struct StoredRecord {
    /// The decoded envelope (id, version, timestamps, record).
    pub envelope: Envelope,
    /// The file it came from.
    pub file: PathBuf,
}

impl StoredRecord {
    /// The record id.
    pub fn id(&self) -> &str {
        &self.envelope.id
    }
    /// The testimony.
    pub fn record(&self) -> &Record {
        &self.envelope.record
    }
}

/// A problem found while reading the vault: a file that could not be used, named by path.
#[derive(Clone, Debug)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// What is wrong (never content).
    pub reason: String,
}

/// The current version of every readable record, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    /// Current versions, oldest record first.
    pub records: Vec<StoredRecord>,
    /// Files that could not be read or decoded.
    pub problems: Vec<Problem>,
}

impl Listing {
    /// Finds a record by id or unambiguous id prefix.
    pub fn find(&self, prefix: &str) -> Result<&StoredRecord> {
        let prefix = names::normalise_id(prefix);
        if let Some(exact) = self.records.iter().find(|r| r.id() == prefix) {
            return Ok(exact);
        }
        let hits: Vec<_> = self
            .records
            .iter()
            .filter(|r| r.id().starts_with(&prefix))
            .collect();
        match hits.len() {
            0 => Err(Error::RecordNotFound { id: prefix }),
            1 => Ok(hits[0]),
            count => Err(Error::AmbiguousId { prefix, count }),
        }
    }
}

/// What one attempt to open a vault found.
enum Opened {
    /// The vault, open.
    Vault(Box<Vault>),
    /// An interrupted rekey, now finished: open again. `through_slot`: the key opened a key
    /// slot file in place (not a decrypted slot given as the identity).
    RolledForward { through_slot: bool },
}

/// An open, unlocked vault. Holds the vault lock until dropped.
pub struct Vault {
    layout: Layout,
    secrets: VaultSecrets,
    config: VaultConfig,
    journal: Journal,
    unlock: attach::UnlockMethod,
    _lock: VaultLock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("root", &self.layout.root)
            .finish_non_exhaustive()
    }
}

fn is_empty_dir(path: &Path) -> Result<bool> {
    Ok(fs::read_dir(path)
        .map_err(|e| Error::io(path, e))?
        .next()
        .is_none())
}

/// A file a write will create or replace, before the commit.
struct Pending {
    rel: String,
    bytes: Vec<u8>,
    record: Option<(String, u64)>,
}

/// What a commit writes besides its own files (see [`Vault::commit_plan`]).
#[derive(Default)]
struct CommitPlan {
    /// Journal entries of another copy of this vault, sealed verbatim into the same journal
    /// file as the new entry (a merge), so that both commit at once.
    imported: Vec<Entry>,
    /// Files those entries vouch for, copied with them: path relative to the vault, bytes.
    carried: Vec<(String, Vec<u8>)>,
    /// Overwrite each removed file before unlinking it (purge).
    shred: bool,
    /// Write no entry of its own: the imported entries are the whole commit (a merge that only
    /// catches up with the other copy, so that both copies end with the same journal).
    fast_forward: bool,
    /// Files already written to `staging/` (attachments): staged path, final path relative to
    /// the vault, SHA-256 of the bytes.
    staged: Vec<(PathBuf, String, [u8; 32])>,
    /// Custody events recorded in the entry.
    custody: Vec<journal::Custody>,
    /// Files already staged that the imported entries vouch for (a merge's attachments, streamed
    /// there): staged path, final path relative to the vault. No op of their own.
    carried_staged: Vec<(PathBuf, String)>,
}

/// A record version ready to commit: its file under a new random name, and its index entry.
fn record_file(envelope: &Envelope, ct: Vec<u8>) -> (Pending, index::IndexEntry) {
    let stem = names::new_file_stem();
    let rel = format!("records/{}/{stem}.age", &stem[..2]);
    let entry = indexing::entry_for(envelope, &rel, ct.len() as u64);
    let pending = Pending {
        rel,
        bytes: ct,
        record: Some((envelope.id.clone(), envelope.version)),
    };
    (pending, entry)
}

impl Vault {
    /// Encrypts one record version to the vault's recipient: its file and index entry.
    fn seal_record(&self, envelope: &Envelope) -> Result<(Pending, index::IndexEntry)> {
        let ct = self
            .secrets
            .identity
            .encrypt(&envelope.clone().to_padded_cbor())
            .map_err(|e| Error::Crypto(e.to_string()))?;
        Ok(record_file(envelope, ct))
    }
}

/// How many journal files may pile up before a writer compacts them into one (few in the unit
/// tests, so that the crash tests reach compaction).
const COMPACT_AFTER: usize = if cfg!(test) { 3 } else { 64 };

/// The staging name of a file with these bytes: content-addressed, so that an interrupted commit
/// can be rolled forward by matching the journal's hashes.
fn staged_name(sha256: &[u8]) -> String {
    format!("{}.age", journal::hex(sha256))
}

/// Whether a name is operating-system metadata that file managers drop on removable media
/// (macOS `._*` and `.DS_Store`, Windows `Thumbs.db`/`desktop.ini`): never read, never reported.
pub(crate) fn is_os_litter(name: &str) -> bool {
    name.starts_with("._")
        || matches!(
            name,
            ".DS_Store" | "Thumbs.db" | "desktop.ini" | ".Trashes" | ".fseventsd"
        )
}

impl Vault {
    /// Creates a new vault in `root` (absent or empty) and returns it unlocked.
    pub fn init(root: &Path, options: InitOptions) -> Result<Vault> {
        check_work_factor(options.work_factor)?;
        // Before anything is created: a recipient that cannot be encrypted to (an age plugin
        // that is not installed) must not leave a half-made vault directory behind.
        if !options.recipients.is_empty() {
            crypto::encrypt_to_recipients(&options.recipients, b"tvault")
                .map_err(|e| Error::Crypto(e.to_string()))?;
        }
        if options.passphrase.is_none() && options.recipients.is_empty() {
            return Err(Error::Invalid(
                "a vault needs a passphrase or at least one recipient".into(),
            ));
        }
        match fs::symlink_metadata(root) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Error::Symlink {
                    path: root.to_path_buf(),
                });
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(Error::NotEmpty {
                    path: root.to_path_buf(),
                });
            }
            Ok(_) if !is_empty_dir(root)? => {
                return Err(Error::NotEmpty {
                    path: root.to_path_buf(),
                });
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => store::create_private_dir(root)?,
            Err(e) => return Err(Error::io(root, e)),
        }
        let layout = Layout::new(root);
        for dir in [
            layout.keys(),
            layout.records(),
            layout.journal(),
            layout.staging(),
        ] {
            store::create_private_dir(&dir)?;
        }
        let lock = VaultLock::acquire(&layout.lock(), true, store::LOCK_WAIT)?;
        let secrets = VaultSecrets::generate();
        let config = VaultConfig::new(&secrets.vault_id, &options.recipients);
        let slot = secrets.to_slot_text();
        let mut pending = Vec::new();
        if let Some(passphrase) = &options.passphrase {
            let ct =
                crypto::encrypt_with_passphrase(passphrase, options.work_factor, slot.as_bytes())
                    .map_err(|e| Error::Crypto(e.to_string()))?;
            pending.push(Pending {
                rel: "keys/passphrase.age".into(),
                bytes: ct,
                record: None,
            });
        }
        if !options.recipients.is_empty() {
            let ct = crypto::encrypt_to_recipients(&options.recipients, slot.as_bytes())
                .map_err(|e| Error::Crypto(e.to_string()))?;
            pending.push(Pending {
                rel: "keys/recipients.age".into(),
                bytes: ct,
                record: None,
            });
        }
        let ct = secrets
            .identity
            .encrypt(&config.to_cbor())
            .map_err(|e| Error::Crypto(e.to_string()))?;
        pending.push(Pending {
            rel: "keys/config.age".into(),
            bytes: ct,
            record: None,
        });
        let mut vault = Vault {
            layout,
            secrets,
            config,
            journal: Journal::default(),
            unlock: if options.passphrase.is_some() {
                attach::UnlockMethod::Passphrase
            } else {
                attach::UnlockMethod::RecoveryKey
            },
            _lock: lock,
        };
        vault.commit("init", pending, Vec::new())?;
        // The header goes last: a directory without it is not a vault, so an interrupted init
        // never looks like a working vault with missing keys.
        let header = serde_json::to_vec(&Header {
            format: "tvault".into(),
            version: VAULT_FORMAT,
        })
        .expect("serialising a fixed struct cannot fail");
        store::write_atomic(&vault.layout.staging(), &vault.layout.header(), &header)?;
        store::sync_dir(root)?;
        Ok(vault)
    }

    /// Opens and unlocks the vault at `root`: exactly one scrypt with a passphrase, none with an
    /// identity. A writer first completes any write that was committed but interrupted.
    pub fn open(root: &Path, unlock: Unlock<'_>, access: Access) -> Result<Vault> {
        match Self::open_once(root, &unlock, access)? {
            Opened::Vault(vault) => Ok(*vault),
            // A rekey was committed and has now been finished: the key slot that opened the
            // vault a moment ago may be the new one now.
            Opened::RolledForward { .. } => match Self::open_once(root, &unlock, access)? {
                Opened::Vault(vault) => Ok(*vault),
                // Still the old generation through a slot file in place: the rekey's new files
                // are gone from staging/, so it cannot be finished. Not a wrong passphrase.
                Opened::RolledForward { through_slot: true } => Err(Error::corrupt(
                    &root.join("staging"),
                    "a rekey was committed but cannot be finished: its new files are missing \
                     from staging/ (copied or cleaned without them?); use a copy of the vault \
                     made before the rekey, or recover by hand (docs/FORMAT.md, \"Rekey\")",
                )),
                // A decrypted slot of the old generation: the rekey retired this key.
                Opened::RolledForward {
                    through_slot: false,
                } => Err(Error::WrongKey),
            },
        }
    }

    fn open_once(root: &Path, unlock: &Unlock<'_>, access: Access) -> Result<Opened> {
        let layout = probe(root)?;
        // Why: a directory of the vault replaced by a symbolic link would make a writer write,
        // or worse delete, files outside the vault. Readers go on, so that `verify` can report
        // it; they never list a linked directory's content (`verify::walk`).
        if access == Access::Write {
            refuse_linked_dirs(&layout)?;
        }
        let lock = VaultLock::acquire(&layout.lock(), access == Access::Write, store::LOCK_WAIT)?;
        // The slot that opened the vault: its path relative to the vault and its bytes, checked
        // against the journal below.
        let (secrets, slot) = match unlock {
            Unlock::Passphrase(passphrase) => {
                let path = layout.passphrase_slot();
                if !path.exists() {
                    return Err(Error::NoPassphraseSlot);
                }
                let ct = store::read_regular(&path, MAX_KEY_FILE)?;
                match crypto::decrypt_with_passphrase(passphrase, &ct)
                    .map_err(|e| slot_error(e, &path))
                {
                    Ok(text) => (
                        VaultSecrets::parse_slot_text(&text, &path)?,
                        Some((ct, false)),
                    ),
                    // A `passwd` killed after its commit leaves the new slot staged: the new
                    // passphrase must open the vault then too (one more scrypt, only here).
                    Err(Error::WrongKey) => {
                        let (secrets, staged) =
                            staged_passphrase_slot(&layout, passphrase)?.ok_or(Error::WrongKey)?;
                        (secrets, Some((staged, true)))
                    }
                    Err(e) => return Err(e),
                }
            }
            Unlock::Identities(ids) => match ids.slot_text() {
                // The identity file is itself a decrypted key slot (docs/FORMAT.md, recovery).
                Some(text) => (
                    VaultSecrets::parse_slot_text(text.as_bytes(), Path::new("--identity"))?,
                    None,
                ),
                None => {
                    let path = layout.recipients_slot();
                    if !path.exists() {
                        return Err(Error::NoRecipientsSlot);
                    }
                    let ct = store::read_regular(&path, MAX_KEY_FILE)?;
                    let text = ids.decrypt(&ct).map_err(|e| slot_error(e, &path))?;
                    (
                        VaultSecrets::parse_slot_text(&text, &path)?,
                        Some((ct, false)),
                    )
                }
            },
        };
        let journal = Journal::load(&layout.journal(), &secrets.identity, &secrets.mac_key)?;
        if journal.rekey_committed() {
            // The old key's journal holds a committed rekey that was interrupted: finish it (a
            // writer's job, so take the write lock), then open again with whatever slot is now
            // in place (docs/FORMAT.md, "Rekey").
            drop(lock);
            refuse_linked_dirs(&layout)?;
            let _write = VaultLock::acquire(&layout.lock(), true, store::LOCK_WAIT)?;
            rekey::roll_forward(&layout, &journal)?;
            return Ok(Opened::RolledForward {
                through_slot: slot.is_some(),
            });
        }
        // For custody events: a decrypted slot given as --identity is the vault's own identity;
        // an identity that opened the recipients slot is a recovery key.
        let method = match (&unlock, &slot) {
            (Unlock::Passphrase(_), _) => attach::UnlockMethod::Passphrase,
            (Unlock::Identities(_), None) => attach::UnlockMethod::Identity,
            (Unlock::Identities(_), Some(_)) => attach::UnlockMethod::RecoveryKey,
        };
        let path = layout.config();
        let ct = store::read_regular(&path, MAX_KEY_FILE)?;
        let plain = secrets.identity.decrypt(&ct).map_err(|e| match e {
            // A decrypted key slot given as the identity that does not open the config: a key
            // this vault no longer has (a rekey retired it), or another vault's.
            CryptoError::NoMatchingKey if slot.is_none() => Error::WrongKey,
            // A slot of this vault opened, so the config is not this vault's: replaced or
            // damaged.
            CryptoError::NoMatchingKey => {
                Error::corrupt(&path, "not encrypted to this vault's key (replaced?)")
            }
            other => slot_error(other, &path),
        })?;
        let config = VaultConfig::from_cbor(&plain, &path)?;
        if config.vault_id != secrets.vault_id {
            return Err(Error::corrupt(&path, "belongs to another vault"));
        }
        // (An unreadable journal vouches for nothing; `verify` reports it.)
        if let Some((bytes, staged)) = slot.filter(|_| !journal.entries.is_empty()) {
            let rel = match unlock {
                Unlock::Passphrase(_) => "keys/passphrase.age",
                Unlock::Identities(_) => "keys/recipients.age",
            };
            check_slot(&layout, &journal, rel, &bytes, staged)?;
        }
        if access == Access::Write {
            refuse_broken_journal(&layout, &journal)?;
        }
        let mut vault = Vault {
            layout,
            secrets,
            config,
            journal,
            unlock: method,
            _lock: lock,
        };
        if access == Access::Write {
            vault.recover()?;
        }
        Ok(Opened::Vault(Box::new(vault)))
    }

    /// Changes the lock to `access` (a guided `add` reads with a shared lock while the user
    /// types, and takes the exclusive lock only to write). The journal is re-read, since another
    /// command may have written in between.
    pub fn relock(&mut self, access: Access) -> Result<()> {
        if access == Access::Write {
            refuse_linked_dirs(&self.layout)?;
        }
        // Release first: flock conflicts with itself across two open files of one process.
        self._lock = VaultLock::released();
        self._lock = VaultLock::acquire(
            &self.layout.lock(),
            access == Access::Write,
            store::LOCK_WAIT,
        )?;
        self.journal = Journal::load(
            &self.layout.journal(),
            &self.secrets.identity,
            &self.secrets.mac_key,
        )?;
        if self.journal.rekey_committed() {
            // Another command's rekey was interrupted after its commit while this one waited:
            // writing now would write under the old key.
            return Err(Error::corrupt(
                &self.layout.journal(),
                "a rekey was interrupted while this command waited; run the command again",
            ));
        }
        if access == Access::Write {
            refuse_broken_journal(&self.layout, &self.journal)?;
            self.recover()?;
        }
        Ok(())
    }

    /// Completes committed writes whose files are still staged (the process was killed between
    /// the journal entry and the renames), then removes every other leftover from staging.
    fn recover(&mut self) -> Result<()> {
        let staging = self.layout.staging();
        store::create_private_dir(&staging)?;
        let mut by_hash: HashMap<String, Vec<String>> = HashMap::new();
        // Nothing staged (the common case): no need to index the journal's state by hash.
        let staged_any = fs::read_dir(&staging)
            .map_err(|e| Error::io(&staging, e))?
            .next()
            .is_some();
        if staged_any {
            for (rel, expected) in self.journal.expected() {
                by_hash
                    .entry(staged_name(&expected.sha256))
                    .or_default()
                    .push(rel.clone());
            }
        }
        let mut moved = false;
        for entry in fs::read_dir(&staging).map_err(|e| Error::io(&staging, e))? {
            let entry = entry.map_err(|e| Error::io(&staging, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(targets) = by_hash.get(&name) else {
                continue;
            };
            let path = entry.path();
            if targets.iter().any(|rel| rel.starts_with("attachments/")) {
                // An attachment file: streamed, never read whole, and moved, not copied.
                if attach::sha256_file(&path)
                    .is_ok_and(|h| format!("{}.age", journal::hex(&h)) == name)
                    && let Some(rel) = targets.first()
                {
                    let target = self.layout.root.join(rel);
                    if let Some(parent) = target.parent() {
                        store::create_private_dir(parent)?;
                    }
                    store::crash_point(&target)?;
                    fs::rename(&path, &target).map_err(|e| Error::io(&target, e))?;
                    moved = true;
                }
                continue;
            }
            let Ok(bytes) = store::read_regular(&path, MAX_BULK_FILE) else {
                continue;
            };
            if format!("{}.age", journal::hex(&crypto::sha256(&bytes))) != name {
                continue; // a torn staged file: the journal never vouched for these bytes
            }
            for rel in targets {
                let target = self.layout.root.join(rel);
                let current = store::read_regular(&target, MAX_BULK_FILE).ok();
                if current.as_deref() != Some(&bytes[..]) {
                    if let Some(parent) = target.parent() {
                        store::create_private_dir(parent)?;
                    }
                    store::write_atomic(&staging, &target, &bytes)?;
                    moved = true;
                }
            }
        }
        // Files a committed write removed, still there because it was interrupted.
        for (rel, sha256) in self.journal.removed() {
            let path = self.layout.root.join(&rel);
            if file_matches(&path, &rel, &sha256) {
                // Overwritten as a purge would have (the write may have been one): costs
                // nothing for the few files an interrupted write leaves.
                versions::shred_remove(&staging, &path)?;
                moved = true;
            }
        }
        rekey::finish(&self.layout, &mut self.journal)?;
        store::clean_staging(&staging)?;
        if moved {
            store::sync_dir(&self.layout.root)?;
        }
        Ok(())
    }

    /// Writes files with the vault's commit protocol: stage and flush the files, append the
    /// journal entry that names them (the commit point), then move them into place and delete
    /// the files in `removals` (paths relative to the vault). Killed before the entry, nothing
    /// happened; killed after it, the next writer completes the moves and removals.
    fn commit(&mut self, action: &str, pending: Vec<Pending>, removals: Vec<String>) -> Result<()> {
        self.commit_plan(action, pending, removals, CommitPlan::default())
    }

    /// [`Vault::commit`], also publishing files already written to `staging/` under their
    /// staged names (`staged`: staged path, final path relative to the vault, SHA-256 of the
    /// bytes; attachments are streamed there, never held in memory) and recording `custody`
    /// events in the entry.
    fn commit_with(
        &mut self,
        action: &str,
        pending: Vec<Pending>,
        staged: Vec<(PathBuf, String, [u8; 32])>,
        removals: Vec<String>,
        custody: Vec<journal::Custody>,
    ) -> Result<()> {
        self.commit_plan(
            action,
            pending,
            removals,
            CommitPlan {
                staged,
                custody,
                ..CommitPlan::default()
            },
        )
    }

    /// [`Vault::commit`], with the extras of `plan`: files already staged and custody events
    /// (attachments), another copy's journal entries and their files (merge; removals may then
    /// name files those entries vouch for), and shredding (purge).
    fn commit_plan(
        &mut self,
        action: &str,
        pending: Vec<Pending>,
        removals: Vec<String>,
        plan: CommitPlan,
    ) -> Result<()> {
        let staging = self.layout.staging();
        let mut batch = store::Batch::new(&staging);
        let mut ops = Vec::with_capacity(pending.len() + plan.staged.len() + removals.len());
        for (path, rel, sha256) in plan.staged {
            batch.adopt(path, self.layout.root.join(&rel));
            ops.push(attach::attachment_op(&rel, &sha256));
        }
        for file in &pending {
            let op = match &file.record {
                Some((id, version)) => Op::put_record(&file.rel, &file.bytes, id, *version),
                None => Op::put(&file.rel, &file.bytes),
            };
            batch.stage(
                staging.join(staged_name(&op.sha256)),
                self.layout.root.join(&file.rel),
                &file.bytes,
            )?;
            ops.push(op);
        }
        for (path, rel) in plan.carried_staged {
            batch.adopt(path, self.layout.root.join(&rel));
        }
        for (rel, bytes) in &plan.carried {
            batch.stage(
                staging.join(staged_name(&crypto::sha256(bytes))),
                self.layout.root.join(rel),
                bytes,
            )?;
        }
        // With imported entries, the state they lead to (and the heads) count: this copy's
        // heads come first among the parents, then the other copy's (docs/FORMAT.md, merge).
        let mut combined = None;
        let mut parents = self.journal.heads();
        if !plan.imported.is_empty() {
            let mut joined = Journal::default();
            joined.entries = self.journal.entries.clone();
            for entry in &plan.imported {
                joined.entries.insert(entry.hash(), entry.clone());
            }
            for head in joined.heads() {
                if !parents.contains(&head) {
                    parents.push(head);
                }
            }
            combined = Some(joined);
        }
        // Only files the journal vouches for are removed (and so named in the entry).
        let expected = match &combined {
            Some(joined) => joined.expected(),
            None => self.journal.expected(),
        };
        let removals: Vec<(String, Vec<u8>)> = removals
            .into_iter()
            .filter_map(|rel| expected.get(&rel).map(|e| (rel, e.sha256.clone())))
            .collect();
        for (rel, sha256) in &removals {
            ops.push(Op::remove(rel, sha256));
        }
        // Nothing staged (removals, custody events): no flush of the whole file system.
        if !batch.is_empty() {
            batch.flush()?;
        }
        let entry = Entry::with_custody(&self.secrets.mac_key, &parents, action, ops, plan.custody);
        let mut sealed_entries = plan.imported.clone();
        if !plan.fast_forward {
            sealed_entries.push(entry.clone());
        }
        let sealed = journal::seal(&self.secrets.identity, sealed_entries)?;
        let journal_file = self
            .layout
            .journal()
            .join(format!("{}.age", names::new_file_stem()));
        store::write_atomic(&staging, &journal_file, &sealed)?; // the commit point
        for imported in plan.imported {
            self.journal.insert(imported, journal_file.clone());
        }
        if !plan.fast_forward {
            self.journal.insert(entry, journal_file);
        }
        self.journal.file_paths.dedup();
        batch.publish()?;
        for (rel, sha256) in &removals {
            // Only the bytes the journal vouched for: a file planted in their place is evidence
            // for `verify`, not ours to delete. (Index segments are a cache: a damaged one that a
            // rebuilt index supersedes goes too.)
            let path = self.layout.root.join(rel);
            let vouched = rel.starts_with("index/") || file_matches(&path, rel, sha256);
            if vouched && plan.shred {
                versions::shred_remove(&staging, &path)?;
            } else if vouched {
                store::crash_point(&path)?;
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(&path, e)),
                }
            }
        }
        if self.journal.file_paths.len() > COMPACT_AFTER {
            self.compact()?;
        }
        Ok(())
    }

    /// Rewrites every journal file as one (same entries, same hashes), so that opening the vault
    /// decrypts one file instead of one per write. Killed half-way, the entries are merely
    /// present twice, which is harmless.
    fn compact(&mut self) -> Result<()> {
        let mut entries: Vec<Entry> = self.journal.entries.values().cloned().collect();
        entries.sort_by_key(|e| (e.seq, e.hash()));
        let sealed = journal::seal(&self.secrets.identity, entries)?;
        let target = self
            .layout
            .journal()
            .join(format!("{}.age", names::new_file_stem()));
        store::write_atomic(&self.layout.staging(), &target, &sealed)?;
        for old in std::mem::take(&mut self.journal.file_paths) {
            store::crash_point(&old)?;
            fs::remove_file(&old).map_err(|e| Error::io(&old, e))?;
        }
        store::sync_dir(&self.layout.journal())?;
        for path in self.journal.files.values_mut() {
            *path = target.clone();
        }
        self.journal.file_paths = vec![target];
        Ok(())
    }

    /// The vault's public fingerprint.
    pub fn fingerprint(&self) -> String {
        self.secrets.fingerprint()
    }

    /// The journal head fingerprint (changes with every write).
    pub fn head_fingerprint(&self) -> String {
        self.journal.fingerprint()
    }

    /// The stable pseudonym of a witness in exports of this vault (SPEC.md, level `pseudonym`,
    /// when the record sets none): `Witness` and 6 Crockford base32 characters of an HMAC of the
    /// name (case and diacritics folded) under a key derived from the vault's MAC key. The same primary name gives the same pseudonym in every export of this vault;
    /// without the vault's secret it reveals nothing, and no dictionary of names can reverse it.
    /// A rekey changes it.
    pub fn pseudonym(&self, name: &str) -> String {
        use hmac::{Hmac, KeyInit, Mac};
        type HmacSha256 = Hmac<sha2::Sha256>;
        let key = self.pseudonym_key();
        let mut mac = <HmacSha256 as KeyInit>::new_from_slice(&key)
            .expect("HMAC accepts a key of any length");
        // Case, diacritics and spacing do not change the pseudonym; nothing that may change
        // between tvault versions (cross-script keys) goes into it.
        let folded: Vec<String> = crate::search::fold::words(name)
            .into_iter()
            .map(crate::search::fold::plain)
            .collect();
        mac.update(folded.join(" ").as_bytes());
        let tag = mac.finalize().into_bytes();
        format!("Witness {}", names::base32(&tag[..4])[..6].to_uppercase())
    }

    /// The key of the export pseudonyms: kept in the config by a rekey, else derived from the
    /// MAC key (so that a rekey, which changes the MAC key, keeps every pseudonym).
    pub(crate) fn pseudonym_key(&self) -> zeroize::Zeroizing<Vec<u8>> {
        use hmac::{Hmac, KeyInit, Mac};
        if let Some(key) = &self.config.pseudonym_key {
            return zeroize::Zeroizing::new(key.clone());
        }
        let mut derive = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&self.secrets.mac_key[..])
            .expect("HMAC accepts a key of any length");
        derive.update(b"tvault pseudonym key v1");
        zeroize::Zeroizing::new(derive.finalize().into_bytes().to_vec())
    }

    /// The vault's settings.
    pub fn config(&self) -> &VaultConfig {
        &self.config
    }

    /// The vault's layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Adds new records (validated again here), all or nothing: one journal entry commits the
    /// whole batch. Returns their new ids in input order.
    pub fn add(&mut self, records: Vec<Record>) -> Result<Vec<String>> {
        for record in &records {
            record.validate()?;
        }
        let now = names::now_utc();
        let envelopes: Vec<Envelope> = records
            .into_iter()
            .map(|record| {
                Envelope::new(names::new_record_id(), 1, now.clone(), now.clone(), record)
            })
            .collect();
        let ids: Vec<String> = envelopes.iter().map(|e| e.id.clone()).collect();
        let identity = &self.secrets.identity;
        let ciphertexts = crate::parallel::map(envelopes, |envelope| {
            identity
                .encrypt(&envelope.clone().to_padded_cbor())
                .map(|ct| (envelope, ct))
        });
        let mut pending = Vec::with_capacity(ids.len() + 1);
        let mut entries = Vec::with_capacity(ids.len());
        for result in ciphertexts {
            let (envelope, ct) = result.map_err(|e| Error::Crypto(e.to_string()))?;
            let (file, entry) = record_file(&envelope, ct);
            entries.push(entry);
            pending.push(file);
        }
        // The records' index segments commit with them: the index never lags the records.
        pending.extend(self.index_segments(entries)?);
        self.commit("add", pending, Vec::new())?;
        self.compact_index_if_needed()?;
        Ok(ids)
    }

    /// Reads every record the journal vouches for and returns the current version of each. A
    /// file that is missing, altered, planted or unreadable is reported in
    /// [`Listing::problems`] and never served, and the journal's own problems are reported too.
    pub fn load(&self) -> Result<Listing> {
        let check = self.check(true, false)?;
        let mut current: HashMap<String, StoredRecord> = HashMap::new();
        for stored in check.records {
            match current.get(stored.id()) {
                Some(existing) if existing.envelope.version >= stored.envelope.version => {}
                _ => {
                    current.insert(stored.id().to_owned(), stored);
                }
            }
        }
        let mut records: Vec<StoredRecord> = current
            .into_values()
            .filter(|r| !r.envelope.deleted)
            .collect();
        records.sort_by(|a, b| {
            (a.envelope.created_at.as_str(), a.id()).cmp(&(b.envelope.created_at.as_str(), b.id()))
        });
        Ok(Listing {
            records,
            problems: check.problems,
        })
    }

    /// Replaces the passphrase slot (and only it); records are not touched. Returns the work
    /// factor used.
    pub fn set_passphrase(
        &mut self,
        passphrase: &SecretString,
        work_factor: Option<u8>,
    ) -> Result<u8> {
        let work_factor = match work_factor {
            Some(wf) => wf,
            None => self
                .passphrase_work_factor()
                .unwrap_or(crypto::DEFAULT_WORK_FACTOR),
        };
        check_work_factor(work_factor)?;
        let slot = self.secrets.to_slot_text();
        let ct = crypto::encrypt_with_passphrase(passphrase, work_factor, slot.as_bytes())
            .map_err(|e| Error::Crypto(e.to_string()))?;
        self.commit(
            "passwd",
            vec![Pending {
                rel: "keys/passphrase.age".into(),
                bytes: ct,
                record: None,
            }],
            Vec::new(),
        )?;
        Ok(work_factor)
    }

    /// The scrypt work factor of the passphrase slot, read from its public age header.
    pub fn passphrase_work_factor(&self) -> Option<u8> {
        let ct = store::read_regular(&self.layout.passphrase_slot(), MAX_KEY_FILE).ok()?;
        crypto::scrypt_work_factor(&ct)
    }
}

/// Whether the file at `path` (vault path `rel`) has exactly this SHA-256; attachment files are
/// stream-hashed, never read whole.
pub(crate) fn file_matches(path: &Path, rel: &str, sha256: &[u8]) -> bool {
    if rel.starts_with("attachments/") {
        attach::sha256_file(path).is_ok_and(|h| h[..] == sha256[..])
    } else {
        store::read_regular(path, size_limit(rel))
            .is_ok_and(|b| crypto::sha256(&b)[..] == sha256[..])
    }
}

/// Refuses a vault whose directories are symbolic links (or not directories): a writer would
/// write, move or delete files outside the vault.
fn refuse_linked_dirs(layout: &Layout) -> Result<()> {
    for dir in [
        layout.keys(),
        layout.records(),
        layout.journal(),
        layout.index(),
        layout.attachments(),
        layout.staging(),
    ] {
        if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink() || !m.is_dir()) {
            return Err(Error::Symlink { path: dir });
        }
    }
    Ok(())
}

/// Refuses to write on a vault whose journal is missing, empty or cut: the next entry would
/// vouch for whatever files are there now (a replaced key slot included).
fn refuse_broken_journal(layout: &Layout, journal: &Journal) -> Result<()> {
    let cut = journal.problems.iter().any(|p| {
        p.reason.contains("is missing")
            || p.reason.contains("no entry")
            || p.reason.contains("no initial entry")
    });
    if journal.entries.is_empty() || cut {
        return Err(Error::corrupt(
            &layout.journal(),
            "the integrity journal is missing or incomplete; refusing to write (run `tvault verify`)",
        ));
    }
    Ok(())
}

/// The secrets in a passphrase slot waiting in `staging/` that this passphrase opens, with its
/// bytes (whether a committed write put it there is checked against the journal by the caller).
fn staged_passphrase_slot(
    layout: &Layout,
    passphrase: &SecretString,
) -> Result<Option<(VaultSecrets, Vec<u8>)>> {
    if fs::symlink_metadata(layout.staging()).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(None);
    }
    let Ok(entries) = fs::read_dir(layout.staging()) else {
        return Ok(None);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(ct) = store::read_regular(&path, MAX_KEY_FILE) else {
            continue;
        };
        if !ct.starts_with(b"age-encryption.org/v1\n-> scrypt ") {
            continue;
        }
        if let Ok(text) = crypto::decrypt_with_passphrase(passphrase, &ct) {
            return VaultSecrets::parse_slot_text(&text, &path).map(|s| Some((s, ct)));
        }
    }
    Ok(None)
}

/// Checks that the key slot that opened the vault is the one the journal vouches for. A slot
/// replaced by a committed `passwd` that was interrupted before the rename (the new slot still
/// staged) no longer opens the vault; a staged slot that no committed write names never does.
fn check_slot(
    layout: &Layout,
    journal: &Journal,
    rel: &str,
    bytes: &[u8],
    staged: bool,
) -> Result<()> {
    let path = layout.root.join(rel);
    let Some(expected) = journal.expected().get(rel) else {
        return Err(Error::corrupt(
            &path,
            "key slot is not in the integrity journal",
        ));
    };
    if crypto::sha256(bytes)[..] == expected.sha256[..] {
        return Ok(());
    }
    if staged
        || layout
            .staging()
            .join(staged_name(&expected.sha256))
            .is_file()
    {
        // A staged slot no committed write names (passwd killed before its commit), or the old
        // slot after a committed change: this passphrase no longer (or never did) open it.
        return Err(Error::WrongKey);
    }
    Err(Error::corrupt(
        &path,
        "key slot does not match the integrity journal (altered?)",
    ))
}

fn check_work_factor(work_factor: u8) -> Result<()> {
    if (crypto::MIN_WORK_FACTOR..=crypto::MAX_WORK_FACTOR).contains(&work_factor) {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "work factor must be between {} and {}",
            crypto::MIN_WORK_FACTOR,
            crypto::MAX_WORK_FACTOR
        )))
    }
}

fn slot_error(e: CryptoError, path: &Path) -> Error {
    match e {
        CryptoError::NoMatchingKey => Error::WrongKey,
        CryptoError::ExcessiveWork(found) => Error::ExcessiveWork {
            path: path.to_path_buf(),
            found,
            max: crypto::MAX_WORK_FACTOR,
        },
        CryptoError::Io(source) => Error::io(path, source),
        other => Error::corrupt(path, other.to_string()),
    }
}

pub(crate) fn problem_reason(e: &Error) -> String {
    match e {
        Error::Corrupt { reason, .. } => reason.clone(),
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}
