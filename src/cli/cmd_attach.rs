//! `tvault attach ID PATH...`: attaches files to a record (a new version of it) and prints the
//! new attachments' 1-based indices, one per line. Also the `--shred-original` step that `add
//! --attach` shares.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use super::args::{AttachArgs, GlobalArgs};
use super::error::CliError;
use super::progress::Progress;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::attach::Source;
use crate::vault::{Access, Vault, names};

/// Runs `attach`.
pub fn run(global: &GlobalArgs, args: &AttachArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = checked_id(&args.id)?;
    let sources = sources(&args.paths)?;
    let mut vault = unlock::open(global, Access::Write)?;
    let bars = bars(&args.paths);
    let (id, indices) = vault.attach(&wanted, &sources, &|i, done| bars[i].set(done))?;
    bars.iter().for_each(Progress::finish);
    for index in &indices {
        ui.line(&index.to_string())?;
    }
    ui.note(&tr!(
        "note-attached",
        count = indices.len(),
        id = id.as_str()
    ));
    if args.shred_original {
        shred_originals(&vault, &id, &indices, &args.paths, ui)?;
    }
    Ok(())
}

/// An id or id prefix as `show` accepts it.
pub(super) fn checked_id(id: &str) -> Result<String, CliError> {
    let wanted = names::normalise_id(id);
    if !names::is_id_text(&wanted) {
        return Err(CliError::usage(tr!("err-id-characters")));
    }
    if wanted.len() < super::cmd_show::MIN_PREFIX {
        return Err(CliError::usage(tr!(
            "err-id-too-short",
            min = super::cmd_show::MIN_PREFIX
        )));
    }
    Ok(wanted)
}

/// The files to attach, checked before the vault is opened. Errors name a file by its position,
/// never by its name (which is testimony).
pub(super) fn sources(paths: &[PathBuf]) -> Result<Vec<Source<'_>>, CliError> {
    let mut seen = std::collections::HashSet::new();
    paths
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let position = i + 1;
            match fs::metadata(path) {
                Ok(meta) if meta.is_file() => {}
                Ok(_) => {
                    return Err(CliError::usage(tr!(
                        "err-attach-not-file",
                        position = position
                    )));
                }
                Err(e) => {
                    return Err(CliError::usage(tr!(
                        "err-attach-unreadable",
                        position = position,
                        reason = e.to_string()
                    )));
                }
            }
            if !seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())) {
                return Err(CliError::usage(tr!(
                    "err-attach-twice",
                    position = position
                )));
            }
            Ok(Source { path, position })
        })
        .collect()
}

/// One progress bar per file (only the big ones, only on a terminal).
pub(super) fn bars(paths: &[PathBuf]) -> Vec<Progress> {
    let count = paths.len();
    paths
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            Progress::new(
                size,
                tr!("progress-attaching", index = i + 1, count = count),
            )
        })
        .collect()
}

/// `--shred-original`: once the write is committed, decrypts each stored attachment and checks
/// its SHA-256; only then overwrites the original with zeros, flushes and removes it.
pub(super) fn shred_originals(
    vault: &Vault,
    id: &str,
    indices: &[usize],
    paths: &[PathBuf],
    ui: &Ui,
) -> Result<(), CliError> {
    let view = vault.index()?;
    let stored = vault.get(&view, id)?;
    for (position, (index, path)) in indices.iter().zip(paths).enumerate() {
        let position = position + 1;
        let attachment = stored.envelope.attachments.get(index - 1).ok_or_else(|| {
            CliError::failure(tr!("err-shred-not-stored", id = id, index = *index))
        })?;
        // Why verify first: the original is the evidence; it goes only when the vault's copy is
        // proven to give it back bit for bit.
        vault
            .extract_to(attachment, &mut std::io::sink(), &|_| {})
            .map_err(|e| {
                CliError::failure(tr!(
                    "err-shred-verify",
                    id = id,
                    index = *index,
                    reason = e.to_string()
                ))
            })?;
        shred(path).map_err(|e| {
            CliError::failure(tr!(
                "err-shred-failed",
                position = position,
                reason = e.to_string()
            ))
        })?;
    }
    ui.warn(&tr!("warn-shred-copies"));
    Ok(())
}

/// Overwrites a file with zeros, flushes it to the device, and removes it.
fn shred(path: &std::path::Path) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    let len = file.metadata()?.len();
    let zeros = vec![0u8; 1 << 20];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()?;
    drop(file);
    fs::remove_file(path)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = fs::File::open(parent)
    {
        let _ = dir.sync_all();
    }
    Ok(())
}
