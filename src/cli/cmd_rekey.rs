//! `tvault rekey`: a new vault identity and MAC key, every file re-encrypted (crash-safe; see
//! `vault::rekey`). Prints the vault's new fingerprint.

use std::io::{IsTerminal, Write};

use age::secrecy::SecretString;

use super::args::{GlobalArgs, RekeyArgs};
use super::cmd_recipients::current as cmd_recipients_current;
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::{self, Access, RekeyOptions, Vault};

/// Runs `rekey`.
pub fn run(global: &GlobalArgs, _args: &RekeyArgs, ui: &mut Ui) -> Result<(), CliError> {
    let (mut vault, passphrase) = unlock::open_keeping_passphrase(global, Access::Write)?;
    let fingerprint = rekey(global, &mut vault, passphrase, None, ui)?;
    ui.line(&fingerprint)
}

/// Rekeys an open vault, keeping its passphrase (`passphrase`, if that opened it, else asked
/// for) and its recipients (or giving it `recipients`); returns the new fingerprint.
pub fn rekey(
    global: &GlobalArgs,
    vault: &mut Vault,
    passphrase: Option<SecretString>,
    recipients: Option<Vec<crate::crypto::RecoveryRecipient>>,
    ui: &mut Ui,
) -> Result<String, CliError> {
    let passphrase = match passphrase {
        Some(p) => Some(p),
        None if vault::has_passphrase(vault.layout()) => {
            // Opened with an identity: the new passphrase slot still needs the passphrase.
            let p = match &global.passphrase_file {
                Some(path) => unlock::read_passphrase_file(path)?,
                None if unlock::have_terminal() => {
                    unlock::prompt_secret(&tr!("prompt-rekey-passphrase"))?
                }
                None => {
                    return Err(CliError::usage(tr!("err-rekey-needs-passphrase"))
                        .hint(tr!("hint-rekey-needs-passphrase")));
                }
            };
            vault.check_passphrase(&p)?;
            Some(p)
        }
        None => None,
    };
    let recipients = match recipients {
        Some(recipients) => recipients,
        None => cmd_recipients_current(vault.recipients())?,
    };
    let show = std::io::stderr().is_terminal();
    let mut progress = |done: usize, total: usize| {
        if show {
            let _ = write!(
                std::io::stderr(),
                "\r{}",
                tr!("progress-rekey", done = done, total = total)
            );
        }
    };
    let result = vault.rekey(
        RekeyOptions {
            passphrase,
            recipients,
        },
        &mut progress,
    );
    if show {
        let _ = writeln!(std::io::stderr());
    }
    result?;
    ui.note(&tr!("note-rekeyed"));
    Ok(vault.fingerprint())
}
