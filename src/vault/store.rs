//! Crash-safe file operations: atomic replace, batched commits, directory sync, the vault lock
//! and safe reading that refuses symlinks.
//!
//! Why: a USB stick can be pulled out at any moment. Every file is written to a temporary name in
//! a staging directory on the same file system, flushed, and only then renamed into place, so a
//! half-written file can never shadow a good one; the directory is flushed after the rename so
//! the new name survives a power cut.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Simulated crashes for the crash-safety tests: every durable step of a write calls
/// [`crash_point`], and a test arms a countdown so that the Nth step fails as if the process had
/// been killed there. Compiled only into the unit tests; a no-op otherwise.
#[cfg(test)]
pub(crate) mod failpoints {
    use std::cell::Cell;

    thread_local! {
        static COUNTDOWN: Cell<Option<u32>> = const { Cell::new(None) };
        static HIT: Cell<bool> = const { Cell::new(false) };
    }

    /// Makes the `n`th crash point from now (0-based) fail.
    pub fn arm(n: u32) {
        COUNTDOWN.with(|c| c.set(Some(n)));
        HIT.with(|h| h.set(false));
    }

    /// Disarms; returns whether the armed crash point was reached.
    pub fn disarm() -> bool {
        COUNTDOWN.with(|c| c.set(None));
        HIT.with(|h| h.replace(false))
    }

    pub(super) fn hit() -> bool {
        COUNTDOWN.with(|c| match c.get() {
            Some(0) => {
                c.set(None);
                HIT.with(|h| h.set(true));
                true
            }
            Some(n) => {
                c.set(Some(n - 1));
                false
            }
            None => false,
        })
    }
}

/// A durable step of a write (see [`failpoints`]).
pub(crate) fn crash_point(path: &Path) -> Result<()> {
    #[cfg(test)]
    if failpoints::hit() {
        return Err(Error::io(path, io::Error::other("simulated crash")));
    }
    let _ = path;
    Ok(())
}

/// Refuses to write into a directory that is a symbolic link (a planted shard link would send
/// files outside the vault).
fn refuse_linked_parent(target: &Path) -> Result<()> {
    let parent = target.parent().unwrap_or(Path::new("."));
    if fs::symlink_metadata(parent).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Symlink {
            path: parent.to_path_buf(),
        });
    }
    Ok(())
}

/// Creates a directory (and parents) with mode 0700 where the file system has modes.
pub fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path).map_err(|e| Error::io(path, e))
}

/// Flushes a directory so that renames into it are durable. File systems that cannot sync a
/// directory (some FAT drivers, network shares) are tolerated: they give no stronger guarantee.
pub fn sync_dir(path: &Path) -> Result<()> {
    match File::open(path).and_then(|d| d.sync_all()) {
        Ok(()) => Ok(()),
        Err(e) if matches!(e.raw_os_error(), Some(22) | Some(95) | Some(9)) => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Flushes the whole file system that holds `path` in one call (Linux `syncfs`), or returns
/// false where that is not available, so that the caller syncs file by file.
fn sync_filesystem(path: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        if let Ok(dir) = File::open(path) {
            return rustix::fs::syncfs(&dir).is_ok();
        }
    }
    let _ = path;
    false
}

pub(crate) fn private_temp_in(dir: &Path) -> Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tmp-").suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// Atomically replaces (or creates) `target` with `bytes`: temp file in `staging`, fsync, rename,
/// fsync the target's directory. `staging` must be on the same file system as `target`.
pub fn write_atomic(staging: &Path, target: &Path, bytes: &[u8]) -> Result<()> {
    refuse_linked_parent(target)?;
    crash_point(target)?;
    let mut tmp = private_temp_in(staging)?;
    tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
    crash_point(target)?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(tmp.path(), e))?;
    crash_point(target)?;
    tmp.persist(target)
        .map_err(|e| Error::io(target, e.error))?;
    crash_point(target)?;
    sync_dir(target.parent().unwrap_or(Path::new(".")))
}

/// A set of files written together under the vault's commit protocol: staged under their
/// staging names and flushed ([`Batch::flush`]), then, after the caller has committed the
/// journal entry naming them, moved to their final names ([`Batch::publish`]). Staged files are
/// never removed here: before the commit they are leftovers the next writer cleans, after it they
/// are what the next writer rolls forward.
pub struct Batch<'a> {
    staging: &'a Path,
    files: Vec<(PathBuf, PathBuf)>,
}

impl<'a> Batch<'a> {
    /// Starts a batch staged in `staging`.
    pub fn new(staging: &'a Path) -> Self {
        Batch {
            staging,
            files: Vec::new(),
        }
    }

    /// Writes `bytes` to `staged` (in the staging directory), to become `target` at publish.
    pub fn stage(&mut self, staged: PathBuf, target: PathBuf, bytes: &[u8]) -> Result<()> {
        crash_point(&staged)?;
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&staged).map_err(|e| Error::io(&staged, e))?;
        file.write_all(bytes).map_err(|e| Error::io(&staged, e))?;
        self.files.push((staged, target));
        Ok(())
    }

    /// Adds a file already written to `staged` (an attachment streamed there), to become
    /// `target` at publish.
    pub fn adopt(&mut self, staged: PathBuf, target: PathBuf) {
        self.files.push((staged, target));
    }

    /// Whether the batch has no file (a commit that only removes files or records custody
    /// events has nothing to flush before its journal entry).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Flushes every staged file to stable storage (one `syncfs` on Linux: syncing file by file
    /// would make a batch of 10,000 records take minutes on a USB stick).
    pub fn flush(&self) -> Result<()> {
        crash_point(self.staging)?;
        if !sync_filesystem(self.staging) {
            for (staged, _) in &self.files {
                File::open(staged)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| Error::io(staged, e))?;
            }
            sync_dir(self.staging)?;
        }
        Ok(())
    }

    /// Moves every staged file to its final name (replacing what is there) and flushes.
    pub fn publish(self) -> Result<()> {
        let mut dirs: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
        for (staged, target) in &self.files {
            let parent = target.parent().unwrap_or(Path::new(".")).to_path_buf();
            if !dirs.contains(&parent) {
                create_private_dir(&parent)?;
                dirs.insert(parent);
            }
            refuse_linked_parent(target)?;
            crash_point(target)?;
            fs::rename(staged, target).map_err(|e| Error::io(target, e))?;
        }
        if !sync_filesystem(self.staging) {
            for dir in &dirs {
                sync_dir(dir)?;
            }
        }
        Ok(())
    }
}

/// The metadata of a regular file, refusing a symbolic link (never followed: a planted one could
/// make tvault read or overwrite a file outside the vault) and anything else that is not a file.
pub(crate) fn regular_file_metadata(path: &Path) -> Result<fs::Metadata> {
    let meta = fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.file_type().is_symlink() {
        return Err(Error::Symlink {
            path: path.to_path_buf(),
        });
    }
    if !meta.is_file() {
        return Err(Error::corrupt(path, "not a regular file"));
    }
    Ok(meta)
}

/// Reads a regular file of at most `limit` bytes, refusing symlinks (a planted symlink could make
/// tvault read or overwrite a file outside the vault).
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let meta = regular_file_metadata(path)?;
    if meta.len() > limit {
        return Err(Error::corrupt(path, "file too large"));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut buf))
        .map_err(|e| Error::io(path, e))?;
    if buf.len() as u64 > limit {
        return Err(Error::corrupt(path, "file too large"));
    }
    Ok(buf)
}

/// The name prefix of a file moved into `staging/` to be overwritten and removed (a purge).
pub(crate) const SHRED_PREFIX: &str = ".shred-";

/// Overwrites a regular file's bytes with random ones, flushes, and unlinks it: what a purge
/// does to every file it removes, so that the bytes do not linger in free space of media that
/// overwrite in place. A symbolic link is removed, never followed.
pub(crate) fn overwrite_and_remove(path: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_file() {
        let noise = crate::crypto::random_bytes::<65536>();
        let mut left = meta.len();
        let mut file = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        while left > 0 {
            let n = left.min(noise.len() as u64) as usize;
            file.write_all(&noise[..n])
                .map_err(|e| Error::io(path, e))?;
            left -= n as u64;
        }
        file.sync_all().map_err(|e| Error::io(path, e))?;
    }
    crash_point(path)?;
    fs::remove_file(path).map_err(|e| Error::io(path, e))
}

/// Removes leftovers of interrupted writes from the staging directory. They were never renamed
/// into place, so nothing committed is lost.
pub fn clean_staging(staging: &Path) -> Result<usize> {
    let mut removed = 0;
    // Never follow a planted link: cleaning would delete files outside the vault.
    match fs::symlink_metadata(staging) {
        Ok(meta) if meta.file_type().is_symlink() || !meta.is_dir() => {
            return Err(Error::Symlink {
                path: staging.to_path_buf(),
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(staging, e)),
    }
    let entries = fs::read_dir(staging).map_err(|e| Error::io(staging, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(staging, e))?;
        let path = entry.path();
        let meta = fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
        let shredding = entry
            .file_name()
            .to_string_lossy()
            .starts_with(SHRED_PREFIX);
        if meta.is_file() && shredding {
            // A purge killed between moving a file here and overwriting it.
            overwrite_and_remove(&path)?;
            removed += 1;
        } else if meta.is_file() || meta.file_type().is_symlink() {
            crash_point(&path)?;
            fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Exclusive (writers) or shared (readers) lock on the vault, held until dropped.
#[derive(Debug)]
pub struct VaultLock {
    _file: Option<File>,
}

/// How long a command waits for another tvault command to release the vault.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

impl VaultLock {
    /// No lock (the state between releasing one lock and taking another).
    pub fn released() -> Self {
        VaultLock { _file: None }
    }

    /// Takes the lock in `path`, waiting up to `wait` for another command to finish.
    pub fn acquire(path: &Path, exclusive: bool, wait: Duration) -> Result<Self> {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = match options.open(path) {
            Ok(file) => file,
            // A reader on write-protected media cannot create the lock file; nobody can write
            // there either, so reading unlocked is safe.
            Err(e)
                if !exclusive
                    && matches!(
                        e.kind(),
                        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                    ) =>
            {
                return Ok(VaultLock { _file: None });
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let start = Instant::now();
        loop {
            let attempt = if exclusive {
                file.try_lock()
            } else {
                file.try_lock_shared()
            };
            match attempt {
                Ok(()) => return Ok(VaultLock { _file: Some(file) }),
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(Error::Locked {
                        path: path.to_path_buf(),
                    });
                }
                // File systems without locks (some network shares): proceed, as git does.
                Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(VaultLock { _file: Some(file) });
                }
                Err(fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join("staging");
        create_private_dir(&staging).unwrap();
        let target = dir.path().join("file");
        write_atomic(&staging, &target, b"one").unwrap();
        write_atomic(&staging, &target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(fs::read_dir(&staging).unwrap().count(), 0);
    }

    #[test]
    fn batch_publishes_all_files() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join("staging");
        create_private_dir(&staging).unwrap();
        let mut batch = Batch::new(&staging);
        for i in 0..5 {
            let target = dir.path().join(format!("d{i}")).join("f");
            batch
                .stage(staging.join(format!("s{i}")), target, b"x")
                .unwrap();
        }
        batch.flush().unwrap();
        batch.publish().unwrap();
        for i in 0..5 {
            assert_eq!(
                fs::read(dir.path().join(format!("d{i}")).join("f")).unwrap(),
                b"x"
            );
        }
        assert_eq!(fs::read_dir(&staging).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::write(&real, b"x").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(matches!(
            read_regular(&link, 10),
            Err(Error::Symlink { .. })
        ));
        assert!(matches!(read_regular(&real, 0), Err(Error::Corrupt { .. })));
    }

    #[test]
    fn second_writer_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        let _held = VaultLock::acquire(&path, true, LOCK_WAIT).unwrap();
        let err = VaultLock::acquire(&path, true, Duration::from_millis(100)).unwrap_err();
        assert!(matches!(err, Error::Locked { .. }));
        let err = VaultLock::acquire(&path, false, Duration::from_millis(100)).unwrap_err();
        assert!(matches!(err, Error::Locked { .. }));
    }
}
