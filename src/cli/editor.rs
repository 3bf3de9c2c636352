//! The editor session of `tvault edit` on a terminal: the record, as JSON, in a temporary file
//! in memory-backed storage only, opened in `$VISUAL`/`$EDITOR` (else `vi`), read back, then
//! overwritten and removed, even when something fails.
//!
//! Why memory only: the temporary file holds the testimony in clear. On a tmpfs (`/dev/shm`, or
//! `$XDG_RUNTIME_DIR` where that is a tmpfs) it never reaches a disk or a USB stick (unless the
//! system swaps). Where no such place exists, tvault refuses rather than write plaintext to disk.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use zeroize::Zeroizing;

use super::error::CliError;
use crate::tr;

/// Largest file read back from the editor.
const MAX_EDITED: u64 = 64 << 20;

/// A memory-backed directory this user can write to: `/dev/shm`, else `$XDG_RUNTIME_DIR`, each
/// only if it is a tmpfs (or ramfs).
pub fn memory_dir() -> Option<PathBuf> {
    let candidates = [
        Some(PathBuf::from("/dev/shm")),
        std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|dir| is_memory_backed(dir))
}

/// Whether `dir` is a directory on a tmpfs or ramfs.
pub fn is_memory_backed(dir: &Path) -> bool {
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        const TMPFS_MAGIC: i64 = 0x0102_1994;
        const RAMFS_MAGIC: i64 = 0x8584_58f6;
        rustix::fs::statfs(dir).is_ok_and(|s| {
            #[allow(clippy::unnecessary_cast)]
            let kind = s.f_type as i64;
            kind == TMPFS_MAGIC || kind == RAMFS_MAGIC
        })
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        false
    }
}

/// The temporary file: overwritten with zeros and removed when dropped (also on an error or a
/// panic unwinding through the session).
struct ShmFile {
    path: PathBuf,
}

impl Drop for ShmFile {
    fn drop(&mut self) {
        if let Ok(meta) = fs::symlink_metadata(&self.path)
            && meta.is_file()
            && let Ok(mut file) = fs::OpenOptions::new().write(true).open(&self.path)
        {
            let zeros = vec![0u8; 64 * 1024];
            let mut left = meta.len();
            while left > 0 {
                let n = left.min(zeros.len() as u64) as usize;
                if file.write_all(&zeros[..n]).is_err() {
                    break;
                }
                left -= n as u64;
            }
            let _ = file.sync_all();
        }
        let _ = fs::remove_file(&self.path);
    }
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`, split on whitespace.
pub fn editor_command() -> Vec<String> {
    let chosen = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned());
    chosen.split_whitespace().map(str::to_owned).collect()
}

/// Lets the user edit `text` with `editor` (program and arguments) in a file in `dir`; returns
/// what the file holds afterwards. The file is mode 0600, named at random, and overwritten and
/// removed whatever happens.
pub fn edit(text: &str, editor: &[String], dir: &Path) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let Some((program, extra)) = editor.split_first() else {
        return Err(CliError::usage(tr!("err-editor-failed", reason = "-")));
    };
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let name = format!(".tvault-edit-{}.json", crate::vault::names::new_file_stem());
    let path = dir.join(name);
    let mut file = options.open(&path).map_err(|e| {
        CliError::failure(tr!(
            "err-editor-file",
            path = dir.display().to_string(),
            reason = e.to_string()
        ))
    })?;
    let guard = ShmFile { path: path.clone() };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            CliError::failure(tr!(
                "err-editor-file",
                path = dir.display().to_string(),
                reason = e.to_string()
            ))
        })?;
    drop(file);
    let mut command = Command::new(program);
    command.args(extra);
    // Why: vim and neovim would otherwise write a swap file and remember registers (text of the
    // record) in a viminfo/shada file in the home directory, on disk.
    let base = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if matches!(base.as_str(), "vim" | "nvim" | "gvim" | "vimx") {
        command.args(["-n", "-i", "NONE"]);
    }
    command.arg(&path);
    let status = command
        .status()
        .map_err(|e| CliError::failure(tr!("err-editor-failed", reason = e.to_string())))?;
    if !status.success() {
        return Err(CliError::failure(tr!(
            "err-editor-failed",
            reason = status.to_string()
        )));
    }
    let mut bytes = Zeroizing::new(Vec::new());
    {
        use std::io::Read;
        let file = fs::File::open(&guard.path).map_err(|e| {
            CliError::failure(tr!(
                "err-editor-file",
                path = dir.display().to_string(),
                reason = e.to_string()
            ))
        })?;
        file.take(MAX_EDITED).read_to_end(&mut bytes).map_err(|e| {
            CliError::failure(tr!(
                "err-editor-file",
                path = dir.display().to_string(),
                reason = e.to_string()
            ))
        })?;
    }
    drop(guard);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_temporary_file_is_read_back_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        // A scripted "editor": replaces the title in the file it is given.
        let editor: Vec<String> = [
            "sh",
            "-c",
            r#"sed -i 's/old title/new title/' "$0" && test "$(stat -c %a "$0")" = 600"#,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let out = edit(r#"{"title": "old title"}"#, &editor, dir.path()).unwrap();
        assert_eq!(&out[..], br#"{"title": "new title"}"#);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "file removed");
    }

    #[test]
    fn a_failing_editor_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let editor: Vec<String> = ["sh", "-c", "exit 3"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(edit("{}", &editor, dir.path()).is_err());
        let missing = vec!["/nonexistent/editor".to_owned()];
        assert!(edit("{}", &missing, dir.path()).is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "file removed");
    }

    #[test]
    fn only_memory_backed_directories_qualify() {
        let dir = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap();
        // The source tree is on a disk in every CI setup we know of.
        if !is_memory_backed(Path::new(env!("CARGO_MANIFEST_DIR"))) {
            assert!(!is_memory_backed(dir.path()));
        }
        assert!(!is_memory_backed(Path::new("/nonexistent")));
    }
}
