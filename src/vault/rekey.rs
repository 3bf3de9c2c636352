//! Changing who can open the vault: the recovery recipients (`recipients add|remove`) and a full
//! rekey (a new vault identity and MAC key, every file re-encrypted).
//!
//! Why a rekey at all: a key slot, once decrypted, gives the vault identity, and that identity
//! opens every record. Removing a recipient from the slot does not take back what its holder may
//! already have (an old copy of the slot, the identity itself). Only re-encrypting everything to a
//! new identity does.
//!
//! Crash safety (docs/FORMAT.md, "Rekey"): every new file is staged first, including a new
//! journal that carries the whole history over, signed with the new MAC key. The commit point is
//! one entry, `rekey-commit`, appended to the OLD journal and naming every new file. Killed
//! before it, nothing happened (the staged files are leftovers). Killed after it, whoever opens
//! the vault next, with either the old or the new key slot, finishes the moves in a fixed order
//! (data, then the new journal, then the config, then the key slots) and the new journal retires
//! the old journal files. The vault is never half old, half new to a reader.

use std::path::Path;

use age::secrecy::SecretString;

use super::journal::{self, Entry, EntryHash, Journal, Op, REKEY_COMMIT};
use super::keyslot::VaultSecrets;
use super::{Layout, Pending, Vault, names, size_limit, staged_name, store};
use crate::crypto::{self, RecoveryRecipient, VaultIdentity};
use crate::error::{Error, Result};

/// How many files a rekey holds in memory at once.
const REKEY_CHUNK: usize = 256;

/// What the vault is rekeyed to.
pub struct RekeyOptions {
    /// The passphrase of the new passphrase slot. Required when the vault has one: a rekey
    /// keeps every way of opening the vault (`passwd` changes it).
    pub passphrase: Option<SecretString>,
    /// The recovery recipients of the new recipients slot (none: no recipients slot).
    pub recipients: Vec<RecoveryRecipient>,
}

impl Vault {
    /// The recovery recipients (public keys) that can open the vault.
    pub fn recipients(&self) -> &[String] {
        &self.config.recipients
    }

    /// Replaces the recovery recipients: rewrites only `keys/recipients.age` (removed when the
    /// list is empty) and `keys/config.age`; no record is touched. Refuses to leave the vault
    /// with no way to open it.
    pub fn set_recipients(&mut self, recipients: Vec<RecoveryRecipient>) -> Result<()> {
        let has_passphrase = super::has_passphrase(&self.layout);
        if recipients.is_empty() && !has_passphrase {
            return Err(Error::LastUnlockMethod);
        }
        let mut config = self.config.clone();
        config.recipients = recipients.iter().map(|r| r.as_str().to_owned()).collect();
        let mut pending = Vec::new();
        let mut removals = Vec::new();
        if recipients.is_empty() {
            removals.push("keys/recipients.age".to_owned());
        } else {
            let slot = self.secrets.to_slot_text();
            pending.push(Pending {
                rel: "keys/recipients.age".into(),
                bytes: crypto::encrypt_to_recipients(&recipients, slot.as_bytes())
                    .map_err(|e| Error::Crypto(e.to_string()))?,
                record: None,
            });
        }
        pending.push(Pending {
            rel: "keys/config.age".into(),
            bytes: self
                .secrets
                .identity
                .encrypt(&config.to_cbor())
                .map_err(|e| Error::Crypto(e.to_string()))?,
            record: None,
        });
        self.commit("recipients", pending, removals)?;
        self.config = config;
        Ok(())
    }

    /// Checks that `passphrase` opens this vault's passphrase slot (one scrypt), for a rekey
    /// of a vault opened with an identity.
    pub fn check_passphrase(&self, passphrase: &SecretString) -> Result<()> {
        let path = self.layout.passphrase_slot();
        let ct = store::read_regular(&path, super::MAX_KEY_FILE)?;
        let text = crypto::decrypt_with_passphrase(passphrase, &ct)
            .map_err(|e| super::slot_error(e, &path))?;
        let secrets = VaultSecrets::parse_slot_text(&text, &path)?;
        if secrets.fingerprint() == self.secrets.fingerprint()
            && secrets.mac_key[..] == self.secrets.mac_key[..]
        {
            Ok(())
        } else {
            Err(Error::WrongKey)
        }
    }

    /// Re-encrypts the whole vault to a new identity and MAC key (the vault id stays), with new
    /// key slots for `options`. `progress` is told (files done, files in all) as it goes. After
    /// it returns, no old key slot, identity or MAC key opens or vouches for anything here.
    pub fn rekey(
        &mut self,
        options: RekeyOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        let has_passphrase = super::has_passphrase(&self.layout);
        if has_passphrase && options.passphrase.is_none() {
            return Err(Error::RekeyNeedsPassphrase);
        }
        if options.passphrase.is_none() && options.recipients.is_empty() {
            return Err(Error::LastUnlockMethod);
        }
        if let Some(problem) = self.journal.problems.first() {
            let path = problem
                .path
                .clone()
                .unwrap_or_else(|| self.layout.journal());
            return Err(Error::corrupt(
                &path,
                format!(
                    "{}; refusing to rekey a damaged vault (run `tvault verify`)",
                    problem.reason
                ),
            ));
        }
        let work_factor = self
            .passphrase_work_factor()
            .unwrap_or(crypto::DEFAULT_WORK_FACTOR);
        let new = VaultSecrets {
            vault_id: self.secrets.vault_id.clone(),
            identity: VaultIdentity::generate(),
            mac_key: crypto::random_bytes::<32>(),
        };
        let root = self.layout.root.clone();
        let staging = self.layout.staging();
        // Published in stages, each flushed before the next (a pulled stick may keep a later
        // rename and lose an earlier one): the data, then the new journal, then the config,
        // then each key slot. Whichever slot survives finds everything it needs.
        let mut batch = store::Batch::new(&staging);
        let mut journal_batch = store::Batch::new(&staging);

        // Every file the journal vouches for, except the key files, re-encrypted as it is (same
        // path, same plaintext), after checking it is the one the journal vouches for.
        let files: Vec<(String, journal::Expected)> = self
            .journal
            .expected()
            .iter()
            .filter(|(rel, _)| !rel.starts_with("keys/"))
            .map(|(rel, exp)| (rel.clone(), exp.clone()))
            .collect();
        let total = files.len();
        let mut ops = Vec::with_capacity(total + 3);
        let old = &self.secrets.identity;
        // Attachments are streamed, one at a time (they may be gigabytes); the rest in chunks.
        let (attachments, files): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(rel, _)| rel.starts_with("attachments/"));
        for (done, (rel, exp)) in attachments.iter().enumerate() {
            let (staged, sha256) = reencrypt_stream(&root, rel, exp, old, &new.identity, &staging)?;
            batch.adopt(staged, root.join(rel));
            ops.push(super::attach::attachment_op(rel, &sha256));
            progress(done + 1, total);
        }
        let streamed = attachments.len();
        for (done, chunk) in files.chunks(REKEY_CHUNK).enumerate() {
            let results = crate::parallel::map(chunk.to_vec(), |(rel, exp)| {
                reencrypt(&root, &rel, &exp, old, &new.identity).map(|ct| (rel, exp, ct))
            });
            for result in results {
                let (rel, exp, ct) = result?;
                let op = match &exp.record {
                    Some((id, version)) => Op::put_record(&rel, &ct, id, *version),
                    None => Op::put(&rel, &ct),
                };
                batch.stage(staging.join(staged_name(&op.sha256)), root.join(&rel), &ct)?;
                ops.push(op);
            }
            progress(
                (streamed + done * REKEY_CHUNK + chunk.len()).min(total),
                total,
            );
        }

        // The new key files, in the order they must be published: config, then the slots.
        let mut config = self.config.clone();
        // Export pseudonyms stay what they were (they are keyed on the old MAC key otherwise).
        config.pseudonym_key = Some(self.pseudonym_key().to_vec());
        config.recipients = options
            .recipients
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect();
        let slot = new.to_slot_text();
        let mut keys: Vec<(&str, Vec<u8>)> = vec![(
            "keys/config.age",
            new.identity
                .encrypt(&config.to_cbor())
                .map_err(|e| Error::Crypto(e.to_string()))?,
        )];
        if !options.recipients.is_empty() {
            keys.push((
                "keys/recipients.age",
                crypto::encrypt_to_recipients(&options.recipients, slot.as_bytes())
                    .map_err(|e| Error::Crypto(e.to_string()))?,
            ));
        }
        if let Some(passphrase) = &options.passphrase {
            keys.push((
                "keys/passphrase.age",
                crypto::encrypt_with_passphrase(passphrase, work_factor, slot.as_bytes())
                    .map_err(|e| Error::Crypto(e.to_string()))?,
            ));
        }
        ops.extend(keys.iter().map(|(rel, ct)| Op::put(rel, ct)));
        let expected = self.journal.expected();
        for rel in ["keys/recipients.age", "keys/passphrase.age"] {
            if let Some(exp) = expected.get(rel)
                && !keys.iter().any(|(k, _)| *k == rel)
            {
                ops.push(Op::remove(rel, &exp.sha256));
            }
        }

        // The new journal: the whole history, signed again with the new MAC key, then the
        // rekey entry, which puts every new file and retires the old journal files (the one
        // that will hold the commit included: its name is chosen now).
        let commit_file = format!("journal/{}.age", names::new_file_stem());
        let new_journal_file = format!("journal/{}.age", names::new_file_stem());
        let (mut entries, heads) = rechain(&self.journal, &new.mac_key);
        let mut final_ops = ops.clone();
        for path in &self.journal.file_paths {
            final_ops.push(Op::retire(&super::verify::rel_path(&root, path)));
        }
        final_ops.push(Op::retire(&commit_file));
        entries.push(Entry::new(&new.mac_key, &heads, "rekey", final_ops));
        let sealed = journal::seal(&new.identity, entries)?;
        let journal_op = Op::put(&new_journal_file, &sealed);
        journal_batch.stage(
            staging.join(staged_name(&journal_op.sha256)),
            root.join(&new_journal_file),
            &sealed,
        )?;
        let mut key_batches = Vec::with_capacity(keys.len());
        for (rel, ct) in &keys {
            let mut key_batch = store::Batch::new(&staging);
            key_batch.stage(
                staging.join(staged_name(&crypto::sha256(ct))),
                root.join(rel),
                ct,
            )?;
            key_batches.push(key_batch);
        }
        batch.flush()?;
        journal_batch.flush()?;
        for key_batch in &key_batches {
            key_batch.flush()?;
        }

        // The commit point: the old journal names every new file.
        ops.push(journal_op);
        let commit = Entry::new(
            &self.secrets.mac_key,
            &self.journal.heads(),
            REKEY_COMMIT,
            ops,
        );
        let sealed_commit = journal::seal(&self.secrets.identity, vec![commit])?;
        store::write_atomic(&staging, &root.join(&commit_file), &sealed_commit)?;

        batch.publish()?;
        journal_batch.publish()?;
        for key_batch in key_batches {
            key_batch.publish()?;
        }
        let mut reopened = Journal::load(&self.layout.journal(), &new.identity, &new.mac_key)?;
        finish(&self.layout, &mut reopened)?;
        self.secrets = new;
        self.config = config;
        self.journal = reopened;
        Ok(())
    }
}

/// Decrypts one vouched-for file with the old identity and encrypts its plaintext, unchanged, to
/// the new one.
fn reencrypt(
    root: &Path,
    rel: &str,
    exp: &journal::Expected,
    old: &VaultIdentity,
    new: &VaultIdentity,
) -> Result<Vec<u8>> {
    let path = root.join(rel);
    let bytes = store::read_regular(&path, size_limit(rel))?;
    if crypto::sha256(&bytes)[..] != exp.sha256[..] {
        return Err(Error::corrupt(
            &path,
            "does not match the integrity journal; refusing to rekey a damaged vault (run `tvault verify`)",
        ));
    }
    let plain = old
        .decrypt(&bytes)
        .map_err(|e| Error::corrupt(&path, e.to_string()))?;
    new.encrypt(&plain)
        .map_err(|e| Error::Crypto(e.to_string()))
}

/// [`reencrypt`] for an attachment, in bounded memory: streams the file through the old
/// identity's decryption and the new identity's encryption into a file in `staging` (named by the
/// SHA-256 of what it wrote, like every staged file), hashing what it reads to check it against
/// the journal. Returns the staged file and its SHA-256.
pub(super) fn reencrypt_stream(
    root: &Path,
    rel: &str,
    exp: &journal::Expected,
    old: &VaultIdentity,
    new: &VaultIdentity,
    staging: &Path,
) -> Result<(std::path::PathBuf, [u8; 32])> {
    use std::io::{BufReader, BufWriter, Write};
    let path = root.join(rel);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
    if !meta.is_file() {
        return Err(Error::corrupt(&path, "not a regular file"));
    }
    let file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
    let mut read = crypto::HashingReader::new(BufReader::with_capacity(1 << 20, file));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .suffix(".part")
        .tempfile_in(staging)
        .map_err(|e| Error::io(staging, e))?;
    let damaged = |e: &dyn std::fmt::Display| Error::corrupt(&path, e.to_string());
    let written = {
        let mut plain = old.decrypt_stream(&mut read).map_err(|e| damaged(&e))?;
        let out = HashingWriter::new(BufWriter::with_capacity(1 << 20, tmp.as_file_mut()));
        let mut encrypt = new
            .encrypt_writer(out)
            .map_err(|e| Error::Crypto(e.to_string()))?;
        std::io::copy(&mut plain, &mut encrypt).map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidData {
                damaged(&e)
            } else {
                Error::io(&path, e)
            }
        })?;
        let mut out = encrypt.finish().map_err(|e| Error::io(staging, e))?;
        out.flush().map_err(|e| Error::io(staging, e))?;
        out.finish()
    };
    // Everything read: the bytes the journal vouches for, or a damaged vault.
    let read_hash = {
        std::io::copy(&mut read, &mut std::io::sink()).map_err(|e| Error::io(&path, e))?;
        read.finish()
    };
    if read_hash[..] != exp.sha256[..] {
        return Err(Error::corrupt(
            &path,
            "does not match the integrity journal; refusing to rekey a damaged vault (run `tvault verify`)",
        ));
    }
    let staged = staging.join(staged_name(&written));
    store::crash_point(&staged)?;
    tmp.persist(&staged)
        .map_err(|e| Error::io(&staged, e.error))?;
    Ok((staged, written))
}

/// A writer that hashes what passes through it.
struct HashingWriter<W> {
    inner: W,
    hasher: sha2::Sha256,
}

impl<W: std::io::Write> HashingWriter<W> {
    fn new(inner: W) -> Self {
        use sha2::Digest;
        HashingWriter {
            inner,
            hasher: sha2::Sha256::new(),
        }
    }

    fn finish(self) -> [u8; 32] {
        use sha2::Digest;
        self.hasher.finalize().into()
    }
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Every entry of `journal`, in order, with its parents pointing at the re-signed entries and a
/// MAC under `mac_key`; and the heads of the re-signed graph.
fn rechain(journal: &Journal, mac_key: &[u8; 32]) -> (Vec<Entry>, Vec<(EntryHash, u64)>) {
    let mut ordered: Vec<(&EntryHash, &Entry)> = journal.entries.iter().collect();
    ordered.sort_by(|a, b| (a.1.seq, a.0).cmp(&(b.1.seq, b.0)));
    let mut renamed: std::collections::HashMap<EntryHash, EntryHash> =
        std::collections::HashMap::new();
    let mut out = Vec::with_capacity(ordered.len());
    for (hash, entry) in ordered {
        let mut entry = entry.clone();
        // Parents come before their children in (seq, hash) order, so each is renamed already.
        entry.parents = entry
            .parents
            .iter()
            .map(|p| {
                let new = <[u8; 32]>::try_from(p.as_slice())
                    .ok()
                    .and_then(|h| renamed.get(&h).copied())
                    .expect("a checked journal has every parent");
                serde_bytes::ByteBuf::from(new.to_vec())
            })
            .collect();
        entry.resign(mac_key);
        renamed.insert(*hash, entry.hash());
        out.push(entry);
    }
    let heads = journal
        .heads()
        .into_iter()
        .map(|(hash, seq)| (renamed[&hash], seq))
        .collect();
    (out, heads)
}

/// Deletes what a finished rekey left behind: the retired journal files and a removed key slot.
pub(super) fn finish(layout: &Layout, journal: &mut Journal) -> Result<()> {
    let mut removed = false;
    for rel in journal.retired() {
        let path = layout.root.join(&rel);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            store::crash_point(&path)?;
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            removed = true;
        }
    }
    for (rel, sha256) in journal.removed() {
        let path = layout.root.join(&rel);
        if rel.starts_with("keys/")
            && store::read_regular(&path, size_limit(&rel))
                .is_ok_and(|b| crypto::sha256(&b)[..] == sha256[..])
        {
            store::crash_point(&path)?;
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            removed = true;
        }
    }
    if removed {
        store::sync_dir(&layout.journal())?;
        store::sync_dir(&layout.keys())?;
    }
    Ok(())
}

/// Finishes a rekey that was committed in `journal` (the old key's journal) and interrupted:
/// moves every staged file the commit names into place, key files last (config, recipients,
/// passphrase), so that whichever key slot opens the vault next finds a complete journal for it.
pub(super) fn roll_forward(layout: &Layout, journal: &Journal) -> Result<()> {
    let staging = layout.staging();
    let rank = |rel: &str| match rel {
        "keys/config.age" => 2,
        "keys/recipients.age" => 3,
        "keys/passphrase.age" => 4,
        rel if rel.starts_with("journal/") => 1,
        _ => 0,
    };
    let mut targets: Vec<(&String, &journal::Expected)> = journal.expected().iter().collect();
    targets.sort_by_key(|(rel, _)| rank(rel));
    for (rel, exp) in targets {
        let staged = staging.join(staged_name(&exp.sha256));
        // Already in place (or never staged: verify will say), or torn: not what the journal
        // vouches for. Hashed as a stream: an attachment may be gigabytes.
        if !super::file_matches(&staged, rel, &exp.sha256) {
            continue;
        }
        let target = layout.root.join(rel);
        if let Some(parent) = target.parent() {
            store::create_private_dir(parent)?;
        }
        store::crash_point(&target)?;
        std::fs::rename(&staged, &target).map_err(|e| Error::io(&target, e))?;
        if let Some(parent) = target.parent() {
            store::sync_dir(parent)?;
        }
    }
    store::sync_dir(&layout.root)
}
