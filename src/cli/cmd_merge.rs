//! `tvault merge DIR`: take in what another copy of this vault has and this one lacks; with
//! `--import`, re-encrypt the records of another vault into this one under new ids.

use std::path::Path;

use serde_json::json;

use super::args::{GlobalArgs, MergeArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::{self, Access, Unlock, Vault};

/// Runs `merge`.
pub fn run(global: &GlobalArgs, args: &MergeArgs, ui: &mut Ui) -> Result<(), CliError> {
    let here = unlock::vault_dir(global)?;
    // The other directory must hold a vault before this one is unlocked (one prompt fewer on a
    // typo).
    vault::probe(&args.dir)?;
    let same_dir = match (here.canonicalize(), args.dir.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let label = args.dir.display().to_string();
    if args.import {
        if same_dir {
            return Err(crate::Error::SameVault {
                path: args.dir.clone(),
            }
            .into());
        }
        let mut vault = unlock::open(global, Access::Write)?;
        let other = open_other(global, args, &args.dir)?;
        let report = vault.import_from(&other)?;
        drop(other);
        for record in &report.imported {
            if ui.json {
                let line =
                    json!({"id": record.to, "from": record.from, "versions": record.versions});
                ui.line(&line.to_string())?;
            } else {
                ui.line(&format!("{} -> {}", record.from, record.to))?;
            }
        }
        ui.note(&tr!(
            "note-imported",
            count = report.imported.len(),
            path = label.as_str()
        ));
        if report.already_here > 0 {
            ui.note(&tr!(
                "note-import-already-here",
                count = report.already_here
            ));
        }
        return Ok(());
    }
    let mut vault = unlock::open(global, Access::Write)?;
    let report = vault.merge(&args.dir, &label)?;
    if ui.json {
        let conflicts: Vec<_> = report
            .conflicts
            .iter()
            .map(|(id, version, new)| json!({"id": id, "version": version, "new_version": new}))
            .collect();
        let line = json!({
            "entries": report.entries,
            "files": report.files,
            "records": report.records,
            "conflicts": conflicts,
        });
        ui.line(&line.to_string())?;
    }
    if report.up_to_date() {
        ui.note(&tr!("note-merge-up-to-date", path = label.as_str()));
        return Ok(());
    }
    ui.note(&tr!(
        "note-merged",
        path = label.as_str(),
        records = report.records,
        entries = report.entries,
        files = report.files
    ));
    for (id, version, new) in &report.conflicts {
        ui.note(&tr!(
            "note-merge-conflict",
            id = id.as_str(),
            version = *version,
            new = *new
        ));
    }
    if !report.conflicts.is_empty() {
        ui.note(&format!("hint: {}", tr!("hint-merge-conflicts")));
    }
    Ok(())
}

/// Unlocks the other vault of `merge --import`: `--from-identity`, `--from-passphrase-file`,
/// else the credentials given for this vault, else a prompt.
fn open_other(global: &GlobalArgs, args: &MergeArgs, dir: &Path) -> Result<Vault, CliError> {
    let identity = args
        .from_identity
        .as_ref()
        .or(if args.from_passphrase_file.is_none() {
            global.identity.as_ref()
        } else {
            None
        });
    if let Some(path) = identity {
        let ids = unlock::read_identities(path)?;
        return Ok(Vault::open(dir, Unlock::Identities(&ids), Access::Read)?);
    }
    let passphrase = match args
        .from_passphrase_file
        .as_ref()
        .or(global.passphrase_file.as_ref())
    {
        Some(path) => unlock::read_passphrase_file(path)?,
        None => {
            unlock::prompt_secret(&tr!("prompt-passphrase", vault = dir.display().to_string()))?
        }
    };
    Ok(Vault::open(
        dir,
        Unlock::Passphrase(&passphrase),
        Access::Read,
    )?)
}
