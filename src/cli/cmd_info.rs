//! `tvault info`: what a defender (or a script) needs to know about a vault at a glance: its id
//! and fingerprint, the format versions, how many records it holds, who else can open it
//! (public keys only), how strong the passphrase slot is, and the state of the index and the
//! journal. Decrypts the key slot, config, journal and index, never a record (unless the index
//! is missing entries, which it then reports).

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::args::{GlobalArgs, InfoArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::crypto::DEFAULT_WORK_FACTOR;
use crate::tr;
use crate::vault::{Access, VAULT_FORMAT};

/// Runs `info`.
pub fn run(global: &GlobalArgs, _args: &InfoArgs, ui: &mut Ui) -> Result<(), CliError> {
    let vault = unlock::open(global, Access::Read)?;
    let config = vault.config().clone();
    let view = vault.index()?;
    let work_factor = vault.passphrase_work_factor();
    let root = vault.layout().root().to_path_buf();
    let journal_files = count_files(&vault.layout().journal());
    let index_state = if view.rebuilt == 0 && view.damaged_segments.is_empty() {
        tr!("info-index-ok")
    } else {
        tr!(
            "info-index-stale",
            missing = view.rebuilt,
            damaged = view.damaged_segments.len()
        )
    };
    if ui.json {
        let value = json!({
            "vault": root.display().to_string(),
            "vault_id": config.vault_id,
            "fingerprint": vault.fingerprint(),
            "created_at": config.created_at,
            "format_version": VAULT_FORMAT,
            "records": view.entries.len(),
            "recipients": config.recipients,
            "passphrase": work_factor.map(|wf| json!({"work_factor": wf})),
            "index": {"segments": view.segments, "up_to_date": view.rebuilt == 0 && view.damaged_segments.is_empty()},
            "journal": {"head": vault.head_fingerprint(), "files": journal_files},
        });
        ui.line(&value.to_string())?;
    } else {
        let rows: Vec<(String, String)> = vec![
            (
                tr!("info-vault"),
                ui.text(&root.display().to_string()).into_owned(),
            ),
            (tr!("info-vault-id"), config.vault_id.clone()),
            (tr!("info-fingerprint"), vault.fingerprint()),
            (tr!("info-created"), config.created_at.clone()),
            (tr!("info-format"), VAULT_FORMAT.to_string()),
            (tr!("info-records"), view.entries.len().to_string()),
            (
                tr!("info-passphrase"),
                match work_factor {
                    Some(wf) => tr!("info-passphrase-yes", work_factor = wf),
                    None => tr!("info-passphrase-none"),
                },
            ),
            (
                tr!("info-recipients"),
                if config.recipients.is_empty() {
                    tr!("info-recipients-none")
                } else {
                    config.recipients.len().to_string()
                },
            ),
            (
                tr!("info-index"),
                tr!(
                    "info-index-value",
                    segments = view.segments,
                    state = index_state
                ),
            ),
            (
                tr!("info-journal"),
                tr!(
                    "info-journal-value",
                    files = journal_files,
                    head = vault.head_fingerprint()
                ),
            ),
        ];
        let width = rows.iter().map(|(n, _)| n.width()).max().unwrap_or(0);
        let recipients_row = tr!("info-recipients");
        for (name, value) in rows {
            let pad = " ".repeat(width - name.width());
            ui.line(&format!("{name}{pad}  {value}"))?;
            if name == recipients_row {
                // The public keys, under their count (never a secret key).
                for r in &config.recipients {
                    ui.line(&format!("{}  {}", " ".repeat(width), ui.text(r)))?;
                }
            }
        }
    }
    if let Some(wf) = work_factor
        && wf < DEFAULT_WORK_FACTOR
    {
        ui.warn(&tr!(
            "warn-low-work-factor",
            work_factor = wf,
            default = DEFAULT_WORK_FACTOR
        ));
    }
    Ok(())
}

fn count_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .count()
        })
        .unwrap_or(0)
}
