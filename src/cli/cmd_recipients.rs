//! `tvault recipients list|add|remove`: the organisation recovery keys that can open the vault.
//! Adding or removing rewrites only the recipients key slot; `remove --rekey` then re-encrypts
//! everything (`cmd_rekey`), because a removed key may still hold an old copy of the slot.

use super::args::{GlobalArgs, RecipientsAction, RecipientsArgs};
use super::cmd_init::read_recipients;
use super::cmd_rekey;
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::crypto::RecoveryRecipient;
use crate::tr;
use crate::vault::Access;

/// Runs `recipients`.
pub fn run(global: &GlobalArgs, args: &RecipientsArgs, ui: &mut Ui) -> Result<(), CliError> {
    match &args.action {
        RecipientsAction::List(_) => {
            let vault = unlock::open(global, Access::Read)?;
            for recipient in vault.recipients() {
                if ui.json {
                    ui.line(&serde_json::json!({ "recipient": recipient }).to_string())?;
                } else {
                    ui.line(recipient)?;
                }
            }
            if vault.recipients().is_empty() && !ui.json {
                ui.note(&tr!("note-no-recipients"));
            }
            Ok(())
        }
        RecipientsAction::Add(add) => {
            let new = read_recipients(&add.recipients, &add.recipients_files)?;
            if new.is_empty() {
                return Err(CliError::usage(tr!("err-no-recipient-given")));
            }
            let mut vault = unlock::open(global, Access::Write)?;
            let mut all = current(vault.recipients())?;
            let mut added = 0;
            for recipient in new {
                if all.iter().any(|r| same_key(r.as_str(), recipient.as_str())) {
                    ui.note(&tr!(
                        "note-recipient-present",
                        recipient = recipient.as_str()
                    ));
                } else {
                    all.push(recipient);
                    added += 1;
                }
            }
            if added > 0 {
                vault.set_recipients(all)?;
            }
            ui.note(&tr!("note-recipients-added", count = added));
            Ok(())
        }
        RecipientsAction::Remove(remove) => {
            let (mut vault, passphrase) = unlock::open_keeping_passphrase(global, Access::Write)?;
            let mut all = current(vault.recipients())?;
            for (i, text) in remove.recipients.iter().enumerate() {
                let before = all.len();
                all.retain(|r| !same_key(r.as_str(), text));
                if all.len() == before {
                    return Err(
                        CliError::failure(tr!("err-not-a-recipient", number = i + 1))
                            .hint(tr!("hint-not-a-recipient")),
                    );
                }
            }
            if remove.rekey {
                // One operation: the rekey writes the new recipients slot with the rest, so a
                // refused rekey (no passphrase at hand) changes nothing.
                let fingerprint = cmd_rekey::rekey(global, &mut vault, passphrase, Some(all), ui)?;
                ui.note(&tr!(
                    "note-recipients-removed",
                    count = remove.recipients.len()
                ));
                ui.line(&fingerprint)
            } else {
                vault.set_recipients(all)?;
                ui.note(&tr!(
                    "note-recipients-removed",
                    count = remove.recipients.len()
                ));
                ui.warn(&tr!("warn-removed-key-may-hold-copy"));
                Ok(())
            }
        }
    }
}

/// Whether two recipients are the same key: an SSH key's comment (`user@host`) and the case of
/// an `age1...` key do not matter.
fn same_key(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        let s = s.trim();
        if s.starts_with("ssh-") {
            s.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
        } else {
            s.to_ascii_lowercase()
        }
    };
    key(a) == key(b)
}

/// The vault's recipients, parsed again (they were checked when they were added).
pub(super) fn current(recipients: &[String]) -> Result<Vec<RecoveryRecipient>, CliError> {
    recipients
        .iter()
        .map(|r| {
            RecoveryRecipient::parse(r)
                .ok_or_else(|| CliError::failure(tr!("err-config-recipient")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::same_key;

    #[test]
    fn keys_compare_without_comments_or_case() {
        assert!(same_key(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGWv org@example",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGWv"
        ));
        assert!(!same_key(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGWv",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGWw"
        ));
        assert!(same_key("age1abc", " AGE1ABC "));
    }
}
