//! `tvault edit ID`: a new version of a record, from JSON (`--from FILE|-`: a complete record or
//! a JSON merge patch) or, on a terminal, from an editor session in memory-backed storage.

use std::io::IsTerminal;

use super::args::{EditArgs, GlobalArgs};
use super::cmd_show::wanted_id;
use super::error::{CliError, record_error};
use super::ui::Ui;
use super::{editor, unlock};
use crate::record::patch::{self, EditMode};
use crate::tr;
use crate::vault::{Access, Edited};

/// Runs `edit`.
pub fn run(global: &GlobalArgs, args: &EditArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = wanted_id(&args.id)?;
    let mode = if args.patch {
        EditMode::Patch
    } else {
        EditMode::Auto
    };
    let (input, name, mut vault) = match &args.from {
        Some(path) => {
            let (input, name) = super::cmd_add::read_input(path)?;
            (
                zeroize::Zeroizing::new(input),
                name,
                unlock::open(global, Access::Write)?,
            )
        }
        None => {
            if !std::io::stdin().is_terminal() || !unlock::have_terminal() {
                return Err(
                    CliError::usage(tr!("err-edit-no-input")).hint(tr!("hint-edit-no-input"))
                );
            }
            // Why refuse: the editor's file holds the testimony in clear; on a disk it would
            // outlive the session (journaling, wear levelling, backups).
            let Some(dir) = editor::memory_dir() else {
                return Err(
                    CliError::failure(tr!("err-no-memory-dir")).hint(tr!("hint-no-memory-dir"))
                );
            };
            // Read while the user types; write only afterwards.
            let mut vault = unlock::open(global, Access::Read)?;
            let id = vault.resolve_id(&wanted)?;
            let current = vault.current_version(&id)?;
            if current.envelope.deleted {
                return Err(crate::Error::RecordDeleted { id }.into());
            }
            let mut json = super::render::json(&current);
            if let serde_json::Value::Object(map) = &mut json {
                for field in ["created_at", "updated_at", "version", "conflict"] {
                    map.remove(field);
                }
            }
            let text = zeroize::Zeroizing::new(
                serde_json::to_string_pretty(&json).expect("JSON values always serialise"),
            );
            let edited = editor::edit(&text, &editor::editor_command(), &dir)?;
            vault.relock(Access::Write)?;
            if vault.current_version(&id)?.envelope.version != current.envelope.version {
                return Err(CliError::failure(tr!("err-edit-changed", id = id.as_str())));
            }
            (edited, tr!("what-editor"), vault)
        }
    };
    let id = vault.resolve_id(&wanted)?;
    let current = vault.current_version(&id)?;
    if current.envelope.deleted {
        return Err(crate::Error::RecordDeleted { id }.into());
    }
    let record = patch::apply_edit(&input, &id, current.record(), mode).map_err(|e| {
        CliError::failure(tr!(
            "err-edit-invalid",
            input = name.as_str(),
            reason = record_error(&e)
        ))
        .hint(tr!("hint-edit-invalid"))
    })?;
    match vault.edit(&id, record)? {
        Edited::Unchanged => ui.note(&tr!("note-edit-unchanged", id = id.as_str())),
        Edited::Written { version } => {
            ui.note(&tr!("note-edited", id = id.as_str(), version = version));
        }
    }
    Ok(())
}
