//! Emergency destruction of a vault: the key slots first (without them no record opens, even
//! with the passphrase), then every other file, each overwritten and flushed before it is
//! unlinked, then the directories.
//!
//! Why the key slots first: a defender may have seconds. Once the slots are gone, what is left is
//! ciphertext to a key that exists nowhere, except in a copy of the vault or in a recovery key's
//! hands. Overwriting in place is a best effort: flash media (USB sticks, SSDs, SD cards) remap
//! writes and may keep the old blocks, and journaling or copy-on-write file systems may keep
//! copies; the CLI says so.
//!
//! No key is needed: anyone holding the stick can delete it anyway.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{HEADER_FILE, is_os_litter, probe, store};
use crate::error::{Error, Result};

/// What `destroy` did.
#[derive(Debug, Default)]
pub struct Destroyed {
    /// Files overwritten and removed.
    pub files: usize,
    /// Bytes overwritten.
    pub bytes: u64,
    /// Whether the vault directory itself was removed (it is kept when it holds files that are
    /// not the vault's).
    pub removed_dir: bool,
}

/// Directories of a vault, in the order they are destroyed.
const DIRS: [&str; 6] = [
    "keys",
    "journal",
    "index",
    "records",
    "attachments",
    "staging",
];

/// Destroys the vault at `root` (see the module docs). Holds the vault lock, so that no other
/// tvault command writes meanwhile.
pub fn destroy(root: &Path) -> Result<Destroyed> {
    let layout = probe(root)?;
    // A planted link would make destroy delete files outside the vault.
    for dir in DIRS {
        let path = root.join(dir);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Symlink { path });
        }
    }
    // Why not wait long: in an emergency, a command left waiting at a prompt (holding a shared
    // lock) must not stop the destruction. Without the lock, a concurrent writer may recreate a
    // file; the key slots are gone first all the same.
    let _lock = match store::VaultLock::acquire(&layout.lock(), true, Duration::from_secs(2)) {
        Ok(lock) => lock,
        Err(Error::Locked { .. }) => store::VaultLock::released(),
        Err(e) => return Err(e),
    };
    let mut done = Destroyed::default();
    for slot in [
        layout.passphrase_slot(),
        layout.recipients_slot(),
        layout.config(),
    ] {
        if fs::symlink_metadata(&slot).is_ok() {
            shred(&slot, &mut done)?;
        }
    }
    store::sync_dir(&layout.keys())?;
    for dir in DIRS {
        shred_tree(&root.join(dir), &mut done)?;
    }
    for name in [HEADER_FILE, "lock"] {
        let path = root.join(name);
        if fs::symlink_metadata(&path).is_ok() {
            shred(&path, &mut done)?;
        }
    }
    // Litter that file managers left in the vault directory goes too; anything else is not
    // ours, and the directory stays for it.
    let mut others = 0;
    for entry in fs::read_dir(root).map_err(|e| Error::io(root, e))? {
        let entry = entry.map_err(|e| Error::io(root, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let is_file = fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir());
        if is_os_litter(&name) && is_file {
            fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        } else {
            others += 1;
        }
    }
    if others == 0 {
        fs::remove_dir(root).map_err(|e| Error::io(root, e))?;
        done.removed_dir = true;
        if let Some(parent) = root.parent().filter(|p| !p.as_os_str().is_empty()) {
            store::sync_dir(parent)?;
        }
    } else {
        store::sync_dir(root)?;
    }
    Ok(done)
}

/// Overwrites every file under `dir` (never following links) and removes it, then the
/// directories.
fn shred_tree(dir: &Path, done: &mut Destroyed) -> Result<()> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !meta.is_dir() {
        return shred(dir, done);
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| e.map(|e| e.path()).map_err(|err| Error::io(dir, err)))
        .collect::<Result<_>>()?;
    entries.sort();
    for path in entries {
        let meta = fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
        if meta.is_dir() {
            shred_tree(&path, done)?;
        } else {
            shred(&path, done)?;
        }
    }
    fs::remove_dir(dir).map_err(|e| Error::io(dir, e))
}

/// Overwrites a regular file with random bytes, flushes it, and removes it; a link is only
/// removed.
fn shred(path: &Path, done: &mut Destroyed) -> Result<()> {
    let meta = fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    store::overwrite_and_remove(path)?;
    if meta.is_file() {
        done.bytes += meta.len();
    }
    done.files += 1;
    Ok(())
}
