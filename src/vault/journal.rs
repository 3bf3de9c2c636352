//! The integrity journal: an append-only, hash-chained, HMAC-authenticated log of every write.
//!
//! Why: age gives confidentiality, not authenticity. Anyone who knows the vault's public
//! recipient can write a record file that decrypts perfectly. Every write therefore also writes a
//! journal entry naming each file it created or replaced with the SHA-256 of its bytes, the
//! hashes of the entries it follows (its parents), and an HMAC-SHA-256 under the vault's MAC key,
//! which only the key slots hold. A forger without the MAC key can neither add an entry nor
//! change one, so a file the journal does not vouch for is never shown as genuine.
//!
//! Layout: `journal/NAME.age` files, each age-encrypted to the vault's recipient (so the journal
//! reveals no ids or counts), each holding a CBOR list of entries. A write adds one file with one
//! entry; compaction rewrites many files as one. Entries form a DAG (a merge of two copies of a
//! vault has two heads until the next write), identified by the SHA-256 of their encoding. The
//! head fingerprint (a hash of the head entries) changes with every write; written down
//! elsewhere, it detects a rollback of the whole vault to an earlier state.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};

use crate::crypto::{self, VaultIdentity};
use crate::error::{Error, Result};
use crate::vault::names;

/// Version of the journal file format.
pub const JOURNAL_FORMAT: u64 = 1;

/// The action of the entry that commits a rekey in the old key's journal.
pub const REKEY_COMMIT: &str = "rekey-commit";

/// The hash of an entry: SHA-256 of its CBOR encoding (MAC included).
pub type EntryHash = [u8; 32];

/// What one write did to one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    /// `put` (created or replaced) or `remove`.
    pub kind: String,
    /// Path relative to the vault root, with `/` separators (`records/3j/3jq7....age`).
    pub path: String,
    /// SHA-256 of the file's bytes (for `put`).
    #[serde(with = "serde_bytes", default)]
    pub sha256: Vec<u8>,
    /// The record id, for record files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The record version, for record files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
}

impl Op {
    /// A file created or replaced with these bytes.
    pub fn put(path: &str, bytes: &[u8]) -> Self {
        Op {
            kind: "put".to_owned(),
            path: path.to_owned(),
            sha256: crypto::sha256(bytes).to_vec(),
            record: None,
            version: None,
        }
    }

    /// A file removed; `sha256` is what the journal had for it.
    pub fn remove(path: &str, sha256: &[u8]) -> Self {
        Op {
            kind: "remove".to_owned(),
            path: path.to_owned(),
            sha256: sha256.to_vec(),
            record: None,
            version: None,
        }
    }

    /// A journal file of the key generation a `rekey` retired (docs/FORMAT.md, "Rekey"): not
    /// part of the state; readers ignore it and the next writer deletes it.
    pub fn retire(path: &str) -> Self {
        Op {
            kind: "retire".to_owned(),
            path: path.to_owned(),
            sha256: Vec::new(),
            record: None,
            version: None,
        }
    }

    /// Whether the op's path is one of the vault's own files (docs/FORMAT.md, "Directory
    /// layout"): a key file, `records/XX/NAME.age`, `attachments/XX/NAME.age` or
    /// `index/NAME.age`, and `journal/NAME.age` only for a rekey's `put` and `retire` (NAME of
    /// lowercase letters and digits, XX its first two characters). Nothing else, so no `..`, no
    /// absolute path, no other directory.
    pub fn path_is_valid(&self) -> bool {
        let name_ok = |name: &str| {
            name.strip_suffix(".age").is_some_and(|stem| {
                !stem.is_empty()
                    && stem.len() <= 64
                    && stem
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
        };
        let parts: Vec<&str> = self.path.split('/').collect();
        if self.kind == "retire" {
            return matches!(parts.as_slice(), ["journal", name] if name_ok(name));
        }
        match parts.as_slice() {
            ["keys", "passphrase.age" | "recipients.age" | "config.age"] => true,
            ["records" | "attachments", shard, name] => {
                name_ok(name) && shard.len() == 2 && name.starts_with(shard)
            }
            ["index", name] => name_ok(name),
            ["journal", name] => name_ok(name) && self.kind == "put",
            _ => false,
        }
    }

    /// A record file: version `version` of record `id`.
    pub fn put_record(path: &str, bytes: &[u8], id: &str, version: u64) -> Self {
        Op {
            record: Some(id.to_owned()),
            version: Some(version),
            ..Op::put(path, bytes)
        }
    }
}

/// One journal entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Hashes of the entries this one follows (none for the first entry, written by `init`).
    pub parents: Vec<serde_bytes::ByteBuf>,
    /// One more than the largest `seq` of the parents (0 for the first entry).
    pub seq: u64,
    /// When the write happened (RFC 3339 UTC).
    pub time: String,
    /// The command that wrote it (`init`, `add`, `passwd`, ...).
    pub action: String,
    /// The files it wrote.
    pub ops: Vec<Op>,
    /// Chain-of-custody events of attachments (intake, extraction, export); left out when empty,
    /// so that entries written before attachments existed encode (and authenticate) unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custody: Vec<Custody>,
    /// HMAC-SHA-256 under the vault's MAC key of this entry encoded with an empty `mac`.
    #[serde(with = "serde_bytes")]
    pub mac: Vec<u8>,
}

/// One handling of one attachment, recorded in the journal entry of the command that did it
/// (docs/FORMAT.md, "Custody events").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Custody {
    /// `intake`, `extract` or `export`.
    pub event: String,
    /// The record the attachment belongs to.
    pub record: String,
    /// The attachment file, relative to the vault (`attachments/XX/NAME.age`).
    pub attachment: String,
    /// SHA-256 of the original file (not of the ciphertext).
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
    /// How the vault was unlocked: `passphrase`, `identity` or `recovery_key`.
    pub unlock: String,
}

#[derive(Serialize, Deserialize)]
struct JournalFile {
    format: String,
    format_version: u64,
    entries: Vec<Entry>,
    #[serde(with = "serde_bytes")]
    pad: Vec<u8>,
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).expect("writing CBOR to memory cannot fail");
    out
}

/// An entry with an empty `mac`, borrowed: encodes exactly as `Entry { mac: vec![], .. }`
/// (same fields, same order) without cloning the entry's ops.
#[derive(Serialize)]
struct Unsigned<'a> {
    parents: &'a [serde_bytes::ByteBuf],
    seq: u64,
    time: &'a str,
    action: &'a str,
    ops: &'a [Op],
    #[serde(skip_serializing_if = "<[Custody]>::is_empty")]
    custody: &'a [Custody],
    #[serde(with = "serde_bytes")]
    mac: &'a [u8],
}

impl<'a> Unsigned<'a> {
    fn of(entry: &'a Entry) -> Self {
        Unsigned {
            parents: &entry.parents,
            seq: entry.seq,
            time: &entry.time,
            action: &entry.action,
            ops: &entry.ops,
            custody: &entry.custody,
            mac: &[],
        }
    }
}

/// Feeds CBOR straight into a hash or MAC, without building the encoding in memory (a compacted
/// journal entry can be megabytes long).
struct DigestWriter<D>(D);

impl<D: hmac::digest::Update> std::io::Write for DigestWriter<D> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The HMAC of an entry's unsigned encoding (see docs/FORMAT.md).
fn unsigned_mac(mac_key: &[u8; 32], entry: &Entry) -> Hmac<sha2::Sha256> {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(mac_key)
        .expect("HMAC takes any key length");
    mac.update(b"tvault journal entry v1\0");
    let mut writer = DigestWriter(mac);
    ciborium::into_writer(&Unsigned::of(entry), &mut writer).expect("hashing CBOR cannot fail");
    writer.0
}

fn entry_mac(mac_key: &[u8; 32], entry: &Entry) -> Vec<u8> {
    unsigned_mac(mac_key, entry)
        .finalize()
        .into_bytes()
        .to_vec()
}

impl Entry {
    /// A new signed entry following `parents`.
    pub fn new(
        mac_key: &[u8; 32],
        parents: &[(EntryHash, u64)],
        action: &str,
        ops: Vec<Op>,
    ) -> Self {
        Self::with_custody(mac_key, parents, action, ops, Vec::new())
    }

    /// A new signed entry following `parents` that also records custody events.
    pub fn with_custody(
        mac_key: &[u8; 32],
        parents: &[(EntryHash, u64)],
        action: &str,
        ops: Vec<Op>,
        custody: Vec<Custody>,
    ) -> Self {
        let mut entry = Entry {
            parents: parents
                .iter()
                .map(|(h, _)| serde_bytes::ByteBuf::from(h.to_vec()))
                .collect(),
            seq: parents.iter().map(|(_, seq)| seq + 1).max().unwrap_or(0),
            time: names::now_utc(),
            action: action.to_owned(),
            ops,
            custody,
            mac: Vec::new(),
        };
        entry.mac = entry_mac(mac_key, &entry);
        entry
    }

    /// The entry's hash.
    pub fn hash(&self) -> EntryHash {
        use sha2::Digest;
        let mut writer = DigestWriter(sha2::Sha256::new());
        ciborium::into_writer(self, &mut writer).expect("hashing CBOR cannot fail");
        writer.0.finalize().into()
    }

    /// Signs the entry again under `mac_key` (a rekey carries the history over to the new MAC
    /// key; the caller has already set the new parents).
    pub fn resign(&mut self, mac_key: &[u8; 32]) {
        self.mac = entry_mac(mac_key, self);
    }

    /// Whether the MAC is right (constant-time comparison).
    pub fn authentic(&self, mac_key: &[u8; 32]) -> bool {
        unsigned_mac(mac_key, self).verify_slice(&self.mac).is_ok()
    }
}

/// Encrypts entries as one journal file (padded like records, so its size reveals little).
pub fn seal(identity: &VaultIdentity, entries: Vec<Entry>) -> Result<Vec<u8>> {
    let mut file = JournalFile {
        format: "tvault-journal".to_owned(),
        format_version: JOURNAL_FORMAT,
        entries,
        pad: Vec::new(),
    };
    let unpadded = encode(&file).len();
    let target = crypto::padme(unpadded.max(1024));
    // The pad's own CBOR header grows with its length; a few bytes over the bucket are harmless.
    file.pad = vec![0; target.saturating_sub(unpadded + 4)];
    identity
        .encrypt(&encode(&file))
        .map_err(|e| Error::Crypto(e.to_string()))
}

/// Decrypts and decodes one journal file; `path` names it in errors.
pub fn open(identity: &VaultIdentity, ciphertext: &[u8], path: &Path) -> Result<Vec<Entry>> {
    let plain = identity.decrypt(ciphertext).map_err(|e| {
        Error::corrupt(
            path,
            format!("journal file does not decrypt with the vault key ({e})"),
        )
    })?;
    decode(&plain, path)
}

/// The version of a journal file, read when the file does not decode as this version, so that a
/// file from a newer tvault is reported as newer, not as damaged. serde skips the other fields
/// without building them.
#[derive(Deserialize)]
struct JournalVersion {
    format_version: u64,
}

/// Decodes the plaintext of a journal file (no MAC check; see [`Entry::authentic`]).
///
/// Why no `ciborium::Value`: it takes some 30 bytes of memory for each byte of CBOR, and a
/// journal file may be up to [`crypto::MAX_SMALL_FILE`] long. Why one pass in the common case:
/// every write reads the whole journal (megabytes once compacted), and a first pass only for the
/// version number cost as much as decoding the entries.
pub fn decode(plain: &[u8], path: &Path) -> Result<Vec<Entry>> {
    if let Ok(file) = ciborium::from_reader::<JournalFile, _>(plain)
        && file.format_version <= JOURNAL_FORMAT
    {
        if file.format != "tvault-journal" {
            return Err(Error::corrupt(path, "not a tvault journal file"));
        }
        return Ok(file.entries);
    }
    let version: JournalVersion = ciborium::from_reader(plain).map_err(|e| match e {
        ciborium::de::Error::Semantic(..) => Error::corrupt(path, "not a tvault journal file"),
        _ => Error::corrupt(path, "journal file is not valid CBOR"),
    })?;
    if version.format_version > JOURNAL_FORMAT {
        return Err(Error::NewerFormat {
            path: path.to_path_buf(),
            found: version.format_version,
            supported: JOURNAL_FORMAT,
        });
    }
    Err(Error::corrupt(
        path,
        "journal file does not match format version 1",
    ))
}

/// What the journal says a file should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// SHA-256 of its bytes.
    pub sha256: Vec<u8>,
    /// Record id and version, for record files.
    pub record: Option<(String, u64)>,
    /// `seq` of the entry that wrote it.
    pub seq: u64,
}

/// A problem in the journal itself.
#[derive(Clone, Debug)]
pub struct JournalProblem {
    /// The journal file, if one is to blame.
    pub path: Option<PathBuf>,
    /// What is wrong (never content).
    pub reason: String,
}

/// The whole journal, checked: the authentic entries, the state they describe, and problems.
#[derive(Debug, Default)]
pub struct Journal {
    /// Authentic entries by hash.
    pub entries: HashMap<EntryHash, Entry>,
    /// Which journal file holds each entry (first seen).
    pub files: HashMap<EntryHash, PathBuf>,
    /// Every journal file read.
    pub file_paths: Vec<PathBuf>,
    /// Problems found: unreadable files, bad MACs, missing parents.
    pub problems: Vec<JournalProblem>,
    /// [`Journal::expected`], computed once per change.
    expected: std::sync::OnceLock<BTreeMap<String, Expected>>,
}

impl Journal {
    /// Reads every `journal/*.age` file under `dir`.
    pub fn load(dir: &Path, identity: &VaultIdentity, mac_key: &[u8; 32]) -> Result<Journal> {
        let mut journal = Journal::default();
        let mut paths = Vec::new();
        if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
            journal.problems.push(JournalProblem {
                path: Some(dir.to_path_buf()),
                reason: "symbolic link planted in the vault (never followed)".into(),
            });
            return Ok(journal);
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                journal.problems.push(JournalProblem {
                    path: None,
                    reason: "the journal directory is missing".into(),
                });
                return Ok(journal);
            }
            Err(e) => return Err(Error::io(dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            paths.push(entry.path());
        }
        paths.sort();
        for path in paths {
            if path
                .file_name()
                .is_some_and(|n| super::is_os_litter(&n.to_string_lossy()))
            {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
            if meta.file_type().is_symlink()
                || !meta.is_file()
                || path.extension().and_then(|e| e.to_str()) != Some("age")
            {
                journal.problems.push(JournalProblem {
                    path: Some(path),
                    reason:
                        "unexpected entry in journal/ (planted file, directory or symbolic link)"
                            .into(),
                });
                continue;
            }
            let read = super::store::read_regular(&path, super::size_limit("journal/"))
                .and_then(|ct| open(identity, &ct, &path));
            let entries = match read {
                Ok(entries) => entries,
                Err(e @ Error::NewerFormat { .. }) => return Err(e),
                Err(e) => {
                    journal.problems.push(JournalProblem {
                        path: Some(path),
                        reason: super::problem_reason(&e),
                    });
                    continue;
                }
            };
            journal.file_paths.push(path.clone());
            // The MACs and the hashes each take a pass over every entry's encoding (megabytes
            // in a compacted journal): two threads when that is worth a thread.
            let check = || -> Vec<bool> { entries.iter().map(|e| e.authentic(mac_key)).collect() };
            let hash = || -> Vec<EntryHash> { entries.iter().map(Entry::hash).collect() };
            let (authentic, hashes) = if entries.iter().map(|e| e.ops.len()).sum::<usize>() > 1024 {
                std::thread::scope(|scope| {
                    let hashes = scope.spawn(hash);
                    let authentic = check();
                    (
                        authentic,
                        hashes.join().expect("the hashing thread panicked"),
                    )
                })
            } else {
                (check(), hash())
            };
            for ((entry, authentic), hash) in entries.into_iter().zip(authentic).zip(hashes) {
                if !authentic {
                    journal.problems.push(JournalProblem {
                        path: Some(path.clone()),
                        reason: "journal entry fails its HMAC (forged or altered)".into(),
                    });
                    continue;
                }
                if !entry.ops.iter().all(Op::path_is_valid) {
                    // Why: every op path becomes a file tvault writes, renames or deletes. An
                    // entry signed by someone holding a MAC key (a vault crafted around a public
                    // recovery key) must never reach outside the vault's own layout.
                    journal.problems.push(JournalProblem {
                        path: Some(path.clone()),
                        reason: "journal entry names a path outside the vault's layout (forged?)"
                            .into(),
                    });
                    continue;
                }
                journal.files.entry(hash).or_insert_with(|| path.clone());
                journal.entries.insert(hash, entry);
            }
        }
        let missing: BTreeSet<String> = journal
            .entries
            .values()
            .flat_map(|e| e.parents.iter())
            .filter(|p| {
                <[u8; 32]>::try_from(p.as_slice())
                    .map_or(true, |h| !journal.entries.contains_key(&h))
            })
            .map(|p| hex(p))
            .collect();
        for parent in missing {
            journal.problems.push(JournalProblem {
                path: None,
                reason: format!(
                    "journal entry {} is missing (history deleted or truncated)",
                    parent.get(..16).unwrap_or(&parent)
                ),
            });
        }
        journal.excuse_other_generation(dir);
        if journal.entries.is_empty() {
            journal.problems.push(JournalProblem {
                path: None,
                reason: "the journal holds no entry (deleted?)".into(),
            });
        } else if !journal.entries.values().any(|e| e.parents.is_empty()) {
            journal.problems.push(JournalProblem {
                path: None,
                reason: "the journal has no initial entry".into(),
            });
        }
        Ok(journal)
    }

    /// Drops the problems of journal files that belong to the other side of a rekey: the new
    /// generation's journal file that a committed, unfinished rekey put (it does not decrypt with
    /// the old key), and the old generation's files that a finished rekey retired. Neither is
    /// read as entries; the next writer finishes the move or deletes them.
    fn excuse_other_generation(&mut self, dir: &Path) {
        let excused: BTreeSet<&str> = self
            .entries
            .values()
            .flat_map(|e| e.ops.iter())
            .filter(|op| {
                op.kind == "retire" || (op.kind == "put" && op.path.starts_with("journal/"))
            })
            .map(|op| op.path.as_str())
            .collect();
        if excused.is_empty() {
            return;
        }
        self.problems.retain(|p| {
            // Only "does not decrypt" (the other generation's key): a link, a directory or a
            // forged entry planted under an old name stays a problem.
            if !p.reason.starts_with("journal file does not decrypt") {
                return true;
            }
            let rel = p
                .path
                .as_deref()
                .filter(|path| path.parent() == Some(dir))
                .and_then(|path| path.file_name())
                .map(|name| format!("journal/{}", name.to_string_lossy()));
            !rel.is_some_and(|rel| excused.contains(rel.as_str()))
        });
    }

    /// Journal files a finished rekey retired (paths relative to the vault).
    pub fn retired(&self) -> BTreeSet<String> {
        self.entries
            .values()
            .flat_map(|e| e.ops.iter())
            .filter(|op| op.kind == "retire")
            .map(|op| op.path.clone())
            .collect()
    }

    /// Whether this journal holds the commit of a rekey (it is then the old key's journal, and
    /// the rekey has still to be rolled forward; docs/FORMAT.md, "Rekey").
    pub fn rekey_committed(&self) -> bool {
        self.entries.values().any(|e| e.action == REKEY_COMMIT)
    }

    /// The head entries (not the parent of any other) with their `seq`, sorted by hash.
    pub fn heads(&self) -> Vec<(EntryHash, u64)> {
        let referenced: BTreeSet<Vec<u8>> = self
            .entries
            .values()
            .flat_map(|e| e.parents.iter().map(|p| p.to_vec()))
            .collect();
        let mut heads: Vec<(EntryHash, u64)> = self
            .entries
            .iter()
            .filter(|(h, _)| !referenced.contains(h.as_slice()))
            .map(|(h, e)| (*h, e.seq))
            .collect();
        heads.sort();
        heads
    }

    /// The head fingerprint: changes with every write; write it down elsewhere to detect a
    /// rollback (`verify --expect`).
    pub fn fingerprint(&self) -> String {
        let mut input = b"tvault journal head v1\0".to_vec();
        for (hash, _) in self.heads() {
            input.extend_from_slice(&hash);
        }
        let code = names::base32(&crypto::sha256(&input)[..13]);
        format!(
            "j1-{}-{}-{}-{}",
            &code[0..5],
            &code[5..10],
            &code[10..15],
            &code[15..20]
        )
    }

    /// The state the journal vouches for: every live file with its expected hash. For a path
    /// written more than once, the entry with the highest `seq` wins (ties: the larger hash, so
    /// every copy of a vault agrees).
    pub fn expected(&self) -> &BTreeMap<String, Expected> {
        self.expected.get_or_init(|| self.compute_expected())
    }

    /// Adds an entry just written, held in journal file `path`.
    pub fn insert(&mut self, entry: Entry, path: PathBuf) {
        let hash = entry.hash();
        // An entry written now follows every head, so its `seq` is above every other entry's
        // and it comes last in the state's order: apply it to the state already computed
        // instead of recomputing the state of the whole vault.
        let last = self.entries.values().all(|e| e.seq < entry.seq);
        match self.expected.get_mut() {
            Some(state) if last => apply(state, &entry),
            _ => self.expected = std::sync::OnceLock::new(),
        }
        self.entries.insert(hash, entry);
        self.files.insert(hash, path.clone());
        self.file_paths.push(path);
    }

    fn compute_expected(&self) -> BTreeMap<String, Expected> {
        let mut ordered: Vec<(&EntryHash, &Entry)> = self.entries.iter().collect();
        ordered.sort_by(|a, b| (a.1.seq, a.0).cmp(&(b.1.seq, b.0)));
        // The last op on each path wins: sort the ops by path (stable, so each path's ops stay
        // in journal order) and keep the last of each run if it is a `put`. The result comes out
        // sorted, which lets the map be built in one pass.
        let mut ops: Vec<(&Op, u64)> = ordered
            .iter()
            .flat_map(|(_, entry)| entry.ops.iter().map(|op| (op, entry.seq)))
            .filter(|(op, _)| matches!(op.kind.as_str(), "put" | "remove"))
            .collect();
        ops.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        let mut live: Vec<(String, Expected)> = Vec::with_capacity(ops.len());
        for (i, (op, seq)) in ops.iter().enumerate() {
            let last_of_path = ops.get(i + 1).is_none_or(|(next, _)| next.path != op.path);
            if last_of_path && op.kind == "put" {
                live.push((op.path.clone(), expected_of(op, *seq)));
            }
        }
        live.into_iter().collect()
    }
}

/// What the journal expects of the file a `put` op wrote.
fn expected_of(op: &Op, seq: u64) -> Expected {
    Expected {
        sha256: op.sha256.clone(),
        record: op.record.clone().zip(op.version),
        seq,
    }
}

/// Applies one entry's ops to a state, in order.
fn apply(state: &mut BTreeMap<String, Expected>, entry: &Entry) {
    for op in &entry.ops {
        match op.kind.as_str() {
            "put" => {
                state.insert(op.path.clone(), expected_of(op, entry.seq));
            }
            "remove" => {
                state.remove(&op.path);
            }
            _ => {}
        }
    }
}

impl Journal {
    /// Files removed by some write and not written again since: path and the SHA-256 they had.
    pub fn removed(&self) -> Vec<(String, Vec<u8>)> {
        let live = self.expected();
        let mut out: Vec<(String, Vec<u8>)> = self
            .entries
            .values()
            .flat_map(|e| e.ops.iter())
            .filter(|op| op.kind == "remove" && !live.contains_key(&op.path))
            .map(|op| (op.path.clone(), op.sha256.clone()))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_vaults_own_paths_are_valid() {
        let op = |kind: &str, path: &str| Op {
            kind: kind.into(),
            path: path.into(),
            sha256: vec![0; 32],
            record: None,
            version: None,
        };
        for path in [
            "keys/config.age",
            "records/3j/3jq7abc.age",
            "attachments/ab/abcdef.age",
            "index/x9y8.age",
        ] {
            assert!(op("put", path).path_is_valid(), "{path}");
            assert!(op("remove", path).path_is_valid(), "{path}");
            assert!(!op("retire", path).path_is_valid(), "{path}");
        }
        assert!(op("retire", "journal/abc.age").path_is_valid());
        assert!(op("put", "journal/abc.age").path_is_valid());
        assert!(!op("remove", "journal/abc.age").path_is_valid());
        for path in [
            "../../.ssh/authorized_keys",
            "/etc/passwd",
            "records/3j/../../x.age",
            "records/zz/3jq7.age",
            "keys/other.age",
            "tvault.json",
            "records/3j/3JQ7.age",
            "index/a/b.age",
            "journal/../x.age",
            "",
        ] {
            assert!(!op("put", path).path_is_valid(), "{path}");
        }
    }

    fn key() -> [u8; 32] {
        [7; 32]
    }

    #[test]
    fn entries_chain_and_authenticate() {
        let genesis = Entry::new(&key(), &[], "init", vec![Op::put("keys/config.age", b"c")]);
        assert!(genesis.authentic(&key()));
        assert!(!genesis.authentic(&[8; 32]));
        let next = Entry::new(
            &key(),
            &[(genesis.hash(), genesis.seq)],
            "add",
            vec![Op::put_record("records/ab/ab.age", b"r", "id", 1)],
        );
        assert_eq!(next.seq, 1);
        let mut forged = next.clone();
        forged.ops[0].sha256 = crypto::sha256(b"other").to_vec();
        assert!(!forged.authentic(&key()), "changing an op breaks the MAC");
        assert_ne!(forged.hash(), next.hash());
    }

    #[test]
    fn sealed_files_round_trip_and_state_follows_seq() {
        let id = VaultIdentity::generate();
        let a = Entry::new(
            &key(),
            &[],
            "init",
            vec![Op::put("keys/passphrase.age", b"1")],
        );
        let b = Entry::new(
            &key(),
            &[(a.hash(), 0)],
            "passwd",
            vec![Op::put("keys/passphrase.age", b"2")],
        );
        let ct = seal(&id, vec![a.clone(), b.clone()]).unwrap();
        let back = open(&id, &ct, Path::new("j")).unwrap();
        assert_eq!(back, vec![a.clone(), b.clone()]);

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("x.age"),
            seal(&id, vec![b.clone()]).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("y.age"),
            seal(&id, vec![a.clone()]).unwrap(),
        )
        .unwrap();
        let journal = Journal::load(dir.path(), &id, &key()).unwrap();
        assert!(journal.problems.is_empty(), "{:?}", journal.problems);
        let state = journal.expected();
        assert_eq!(
            state["keys/passphrase.age"].sha256,
            crypto::sha256(b"2").to_vec()
        );
        assert_eq!(journal.heads(), vec![(b.hash(), 1)]);
    }

    #[test]
    fn missing_history_and_forgeries_are_reported() {
        let id = VaultIdentity::generate();
        let a = Entry::new(&key(), &[], "init", vec![]);
        let b = Entry::new(&key(), &[(a.hash(), 0)], "add", vec![]);
        let forged = Entry::new(&[9; 32], &[(b.hash(), 1)], "add", vec![]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.age"), seal(&id, vec![b]).unwrap()).unwrap();
        std::fs::write(dir.path().join("f.age"), seal(&id, vec![forged]).unwrap()).unwrap();
        let journal = Journal::load(dir.path(), &id, &key()).unwrap();
        let reasons: Vec<&str> = journal.problems.iter().map(|p| p.reason.as_str()).collect();
        assert!(reasons.iter().any(|r| r.contains("HMAC")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("missing")), "{reasons:?}");
        assert!(
            reasons.iter().any(|r| r.contains("no initial entry")),
            "{reasons:?}"
        );
    }

    #[test]
    fn damaged_newer_and_oversized_plaintexts_are_clean_errors() {
        let path = Path::new("journal/x.age");
        let reason = |plain: &[u8]| match decode(plain, path) {
            Err(Error::Corrupt { path: p, reason }) if p == path => reason,
            other => panic!("{other:?}"),
        };
        let file = |version: u64, entries: Vec<Entry>| {
            encode(&JournalFile {
                format: "tvault-journal".to_owned(),
                format_version: version,
                entries,
                pad: vec![0; 4],
            })
        };
        let good = file(1, vec![Entry::new(&key(), &[], "init", vec![])]);
        assert_eq!(decode(&good, path).unwrap().len(), 1);
        assert_eq!(
            reason(&good[..good.len() - 1]),
            "journal file is not valid CBOR"
        );
        assert_eq!(reason(b""), "journal file is not valid CBOR");
        assert_eq!(reason(&encode(&[1u64, 2])), "not a tvault journal file");
        assert!(matches!(
            decode(&file(7, vec![]), path),
            Err(Error::NewerFormat { found: 7, .. })
        ));
        // A declared 4 GiB byte string and 2^64 array elements: nothing is allocated for them.
        let mut huge = good[..good.len() - 5].to_vec();
        huge.extend_from_slice(&[0x5a, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(reason(&huge), "journal file is not valid CBOR");
        let entries = |header: &[u8]| {
            let mut plain = vec![0xa2, 0x6e];
            plain.extend_from_slice(b"format_version");
            plain.extend_from_slice(&[0x01, 0x67]);
            plain.extend_from_slice(b"entries");
            plain.extend_from_slice(header);
            plain.extend(std::iter::repeat_n(0x80, 1 << 16));
            plain
        };
        assert_eq!(
            reason(&entries(&[
                0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
            ])),
            "journal file is not valid CBOR"
        );
        assert_eq!(
            reason(&entries(&[0x9a, 0x00, 0x01, 0x00, 0x00])),
            "journal file does not match format version 1"
        );
    }

    #[test]
    fn a_short_parent_hash_is_reported_not_a_panic() {
        // Regression: an authentic entry naming a parent shorter than 8 bytes made `load` cut
        // its hex at 16 characters and panic.
        let id = VaultIdentity::generate();
        let mut entry = Entry::new(&key(), &[], "add", vec![]);
        entry.parents = vec![serde_bytes::ByteBuf::from(vec![1, 2, 3])];
        entry.mac = entry_mac(&key(), &entry);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.age"), seal(&id, vec![entry]).unwrap()).unwrap();
        let journal = Journal::load(dir.path(), &id, &key()).unwrap();
        let reasons: Vec<&str> = journal.problems.iter().map(|p| p.reason.as_str()).collect();
        assert!(
            reasons.contains(&"journal entry 010203 is missing (history deleted or truncated)"),
            "{reasons:?}"
        );
    }

    #[test]
    fn the_mac_covers_the_same_bytes_as_before() {
        // Journals written by earlier versions, which encoded a clone of the entry with an
        // empty `mac`, must still authenticate: the borrowed form encodes to the same bytes.
        let entry = Entry::new(
            &key(),
            &[([3; 32], 4)],
            "add",
            vec![
                Op::put_record("records/ab/ab.age", b"r", "id", 1),
                Op::remove("index/x.age", &[1; 32]),
            ],
        );
        let cloned = Entry {
            mac: Vec::new(),
            ..entry.clone()
        };
        assert_eq!(encode(&Unsigned::of(&entry)), encode(&cloned));
        let mut old_mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&key()).unwrap();
        old_mac.update(b"tvault journal entry v1\0");
        old_mac.update(&encode(&cloned));
        assert_eq!(old_mac.finalize().into_bytes().to_vec(), entry.mac);
        assert_eq!(entry.hash(), crypto::sha256(&encode(&entry)));
    }

    #[test]
    fn custody_events_are_covered_by_the_mac_and_absent_when_empty() {
        let event = Custody {
            event: "extract".into(),
            record: "id".into(),
            attachment: "attachments/ab/ab.age".into(),
            sha256: vec![5; 32],
            unlock: "passphrase".into(),
        };
        let entry = Entry::with_custody(&key(), &[], "extract", vec![], vec![event]);
        assert!(entry.authentic(&key()));
        let mut forged = entry.clone();
        forged.custody[0].sha256 = vec![6; 32];
        assert!(
            !forged.authentic(&key()),
            "changing a custody event breaks the MAC"
        );
        let mut dropped = entry.clone();
        dropped.custody.clear();
        assert!(!dropped.authentic(&key()), "removing it too");
        // Without events, the encoding has no `custody` key at all (old entries unchanged).
        let plain = Entry::new(&key(), &[], "add", vec![]);
        let bytes = encode(&plain);
        assert!(!bytes.windows(7).any(|w| w == b"custody"));
        assert!(encode(&entry).windows(7).any(|w| w == b"custody"));
    }

    #[test]
    fn fingerprint_changes_with_every_write() {
        let mut journal = Journal::default();
        let a = Entry::new(&key(), &[], "init", vec![]);
        journal.entries.insert(a.hash(), a.clone());
        let first = journal.fingerprint();
        let b = Entry::new(&key(), &[(a.hash(), 0)], "add", vec![]);
        journal.entries.insert(b.hash(), b);
        assert_ne!(first, journal.fingerprint());
        assert!(first.starts_with("j1-") && first.len() == 26, "{first}");
    }
}
