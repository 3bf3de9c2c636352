//! `tvault init`: create a vault and print its public fingerprint.

use crate::tr;
use std::fs;

use super::args::{GlobalArgs, InitArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::crypto::RecoveryRecipient;
use crate::vault::{InitOptions, Vault};

/// The recipients given as arguments and in recipients files (one per line, `#` comments), in
/// order; a malformed one is a usage error naming its position or file and line.
pub(super) fn read_recipients(
    texts: &[String],
    files: &[std::path::PathBuf],
) -> Result<Vec<RecoveryRecipient>, CliError> {
    let mut recipients = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        recipients.push(
            RecoveryRecipient::parse(text)
                .ok_or_else(|| CliError::usage(tr!("err-bad-recipient", number = i + 1)))?,
        );
    }
    for path in files {
        let text = fs::read_to_string(path).map_err(|e| {
            CliError::usage(tr!(
                "err-read-recipients-file",
                path = path.display().to_string(),
                reason = e.to_string()
            ))
        })?;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            recipients.push(RecoveryRecipient::parse(line).ok_or_else(|| {
                CliError::usage(tr!(
                    "err-bad-recipient-line",
                    path = path.display().to_string(),
                    line = number + 1
                ))
            })?);
        }
    }
    Ok(recipients)
}

/// Runs `init`.
pub fn run(global: &GlobalArgs, args: &InitArgs, ui: &mut Ui) -> Result<(), CliError> {
    let dir = match &global.vault {
        Some(dir) => dir.clone(),
        None => std::env::current_dir()
            .map_err(|e| CliError::failure(tr!("err-cwd", reason = e.to_string())))?,
    };
    let mut recipients = read_recipients(&args.recipients, &args.recipients_files)?;
    let passphrase = match (&global.identity, &global.passphrase_file) {
        // An identity given to init becomes a recipient; the vault opens with it.
        (Some(path), file) => {
            let ids = unlock::read_identities(path)?;
            if ids.recipients.is_empty() {
                return Err(CliError::usage(tr!(
                    "err-init-identity-not-age",
                    path = path.display().to_string()
                ))
                .hint(tr!("hint-init-identity-not-age")));
            }
            recipients.extend(ids.recipients.iter().cloned());
            match file {
                Some(file) => Some(unlock::new_passphrase(Some(file), &|m| ui.note(m))?),
                None => None,
            }
        }
        (None, file) => Some(unlock::new_passphrase(file.as_deref(), &|m| ui.note(m))?),
    };
    let mut seen = std::collections::HashSet::new();
    recipients.retain(|r| seen.insert(r.as_str().to_owned()));
    let had_passphrase = passphrase.is_some();
    let vault = Vault::init(
        &dir,
        InitOptions {
            passphrase,
            work_factor: args.work_factor,
            recipients,
        },
    )?;
    if !had_passphrase {
        ui.note(&tr!("note-no-passphrase-set"));
    }
    ui.note(&tr!("note-created-vault", path = dir.display().to_string()));
    ui.line(&vault.fingerprint())
}
