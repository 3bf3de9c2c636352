//! `tvault extract ID ATTACHMENT --out FILE`: restores an attachment's original exactly. The
//! SHA-256 taken at intake is checked on the way out; a mismatch leaves no output file. The
//! extraction is recorded as a custody event in the journal (so this command takes the write
//! lock).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::args::{ExtractArgs, GlobalArgs};
use super::error::CliError;
use super::progress::Progress;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::Access;
use crate::vault::attach::{Attachment, ReadError, with_early_flush};

/// Runs `extract`.
pub fn run(global: &GlobalArgs, args: &ExtractArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = super::cmd_attach::checked_id(&args.id)?;
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && std::io::stdout().is_terminal() {
        // Why: the original is testimony in clear; a terminal may log or mirror it.
        return Err(CliError::usage(tr!("err-extract-terminal")).hint(tr!("hint-extract-terminal")));
    }
    if !to_stdout {
        check_destination(&args.out, args.force)?;
    }
    let mut vault = unlock::open(global, Access::Write)?;
    if !to_stdout {
        super::cmd_export::refuse_inside_vault(&args.out, vault.layout().root())?;
    }
    let view = vault.index()?;
    let stored = vault.get(&view, &wanted)?;
    let id = stored.id().to_owned();
    let (index, attachment) = select(&stored.envelope.attachments, &args.attachment, &id)?;
    let bar = Progress::new(attachment.size, tr!("progress-extracting", index = index));
    let progress = |done| bar.set(done);
    let failed = |e: ReadError| {
        CliError::failure(tr!(
            "err-extract-failed",
            id = id.as_str(),
            index = index,
            reason = e.to_string()
        ))
        .hint(tr!("hint-extract-failed"))
    };
    if to_stdout {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout());
        vault
            .extract_to(attachment, &mut out, &progress)
            .map_err(failed)?;
    } else {
        write_atomic(&args.out, args.force, |file| {
            with_early_flush(file, |out| {
                vault.extract_to(attachment, out, &progress)?;
                out.flush().map_err(ReadError::Write)
            })
            .map_err(failed)
        })?;
    }
    bar.finish();
    let event = vault.custody_event("extract", &id, attachment);
    vault.record_custody("extract", vec![event])?;
    ui.note(&tr!(
        "note-extracted",
        index = index,
        id = id.as_str(),
        sha256 = attachment.sha256_hex()
    ));
    Ok(())
}

/// The attachment named by `wanted`: a 1-based index, or a file name (which must be unique).
fn select<'a>(
    attachments: &'a [Attachment],
    wanted: &str,
    id: &str,
) -> Result<(usize, &'a Attachment), CliError> {
    let not_found = || {
        CliError::failure(tr!(
            "err-no-such-attachment",
            id = id,
            count = attachments.len()
        ))
        .hint(tr!("hint-no-such-attachment"))
    };
    if let Ok(index) = wanted.parse::<usize>()
        && !attachments.iter().any(|a| a.name == wanted)
    {
        return match attachments.get(index.wrapping_sub(1)) {
            Some(a) => Ok((index, a)),
            None => Err(not_found()),
        };
    }
    let hits: Vec<(usize, &Attachment)> = attachments
        .iter()
        .enumerate()
        .filter(|(_, a)| a.name == wanted)
        .map(|(i, a)| (i + 1, a))
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(not_found()),
        more => Err(CliError::failure(tr!(
            "err-attachment-name-ambiguous",
            id = id,
            count = more.len()
        ))
        .hint(tr!("hint-no-such-attachment"))),
    }
}

/// Refuses a directory, and an existing file without `--force`, before anything is decrypted.
fn check_destination(path: &Path, force: bool) -> Result<(), CliError> {
    if path.is_dir() {
        return Err(CliError::usage(tr!(
            "err-out-is-dir",
            flag = "--out",
            path = path.display().to_string()
        )));
    }
    if !force && path.symlink_metadata().is_ok() {
        return Err(
            CliError::usage(tr!("err-out-exists", path = path.display().to_string()))
                .hint(tr!("hint-out-exists")),
        );
    }
    Ok(())
}

/// Writes through `fill` into an owner-only temporary file next to `path`, flushes it, and only
/// then renames it into place (replacing a file only with `force`). If `fill` fails, the
/// temporary file is removed: a damaged extraction leaves nothing behind.
pub(super) fn write_atomic(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut std::fs::File) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let dir: PathBuf = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |e: std::io::Error| {
        CliError::failure(tr!(
            "err-write-file",
            path = path.display().to_string(),
            reason = e.to_string()
        ))
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tvault-out-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(fail)?;
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all().map_err(fail)?;
    if force {
        tmp.persist(path).map_err(|e| fail(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                CliError::usage(tr!("err-out-exists", path = path.display().to_string()))
                    .hint(tr!("hint-out-exists"))
            } else {
                fail(e.error)
            }
        })?;
    }
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
