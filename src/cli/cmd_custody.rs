//! `tvault custody ID`: the chain of custody of a record's attachments (intake, extractions,
//! inclusion in exports), from the integrity journal: a table, or JSON Lines with `--json`.

use super::args::{CustodyArgs, GlobalArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::{Access, journal};

/// Runs `custody`.
pub fn run(global: &GlobalArgs, args: &CustodyArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = super::cmd_attach::checked_id(&args.id)?;
    let vault = unlock::open(global, Access::Read)?;
    let view = vault.index()?;
    let stored = vault.get(&view, &wanted)?;
    let id = stored.id().to_owned();
    let attachments = &stored.envelope.attachments;
    let events = vault.custody(&id);
    let which = |path: &str| {
        attachments
            .iter()
            .position(|a| a.path == path)
            .map(|i| (i + 1, attachments[i].name.as_str()))
    };
    if ui.json {
        for e in &events {
            let (index, name) = which(&e.event.attachment).unwrap_or((0, ""));
            let object = serde_json::json!({
                "id": id,
                "time": e.time,
                "event": e.event.event,
                "action": e.action,
                "attachment": index,
                "name": name,
                "file": e.event.attachment,
                "sha256": journal::hex(&e.event.sha256),
                "unlock": e.event.unlock,
            });
            ui.line(&object.to_string())?;
        }
    } else {
        let header = vec![
            tr!("col-time"),
            tr!("col-event"),
            tr!("col-attachment"),
            tr!("col-sha256"),
            tr!("col-unlock"),
            tr!("col-name"),
        ];
        let rows: Vec<Vec<String>> = events
            .iter()
            .map(|e| {
                let (index, name) = which(&e.event.attachment).unwrap_or((0, "-"));
                vec![
                    e.time.clone(),
                    e.event.event.clone(),
                    index.to_string(),
                    journal::hex(&e.event.sha256),
                    e.event.unlock.clone(),
                    name.to_owned(),
                ]
            })
            .collect();
        ui.table(&header, &rows)?;
    }
    ui.note(&tr!("note-custody", count = events.len(), id = id.as_str()));
    Ok(())
}
