//! `tvault history ID`: every stored version of a record (deleted records too), as a table or
//! JSON Lines.

use serde_json::{Value, json};

use super::args::{GlobalArgs, HistoryArgs};
use super::cmd_show::wanted_id;
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::{Access, HistoryEntry};

/// The action as people read it: the code in English, a label in the other languages.
fn action_label(entry: &HistoryEntry) -> String {
    let mut label = if super::i18n::lang() == super::i18n::Lang::En {
        entry.action.to_owned()
    } else {
        match entry.action {
            "created" => tr!("history-created"),
            "edited" => tr!("history-edited"),
            "deleted" => tr!("history-deleted"),
            "conflict" => tr!("history-conflict"),
            other => other.to_owned(),
        }
    };
    if entry.current {
        label.push_str(" *");
    }
    label
}

fn entry_json(id: &str, entry: &HistoryEntry) -> Value {
    let mut value = json!({
        "id": id,
        "version": entry.version,
        "time": entry.time,
        "action": entry.action,
        "current": entry.current,
        "changed": entry.changed,
    });
    if let (Some(c), Value::Object(map)) = (&entry.conflict, &mut value) {
        map.insert(
            "conflict".into(),
            json!({"version": c.version, "original_version": c.original_version,
                   "copy": c.copy, "head": c.head}),
        );
    }
    value
}

/// Runs `history`.
pub fn run(global: &GlobalArgs, args: &HistoryArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = wanted_id(&args.id)?;
    let vault = unlock::open(global, Access::Read)?;
    let id = vault.resolve_id(&wanted)?;
    let history = vault.history(&id)?;
    if ui.json {
        for entry in &history {
            ui.line(&entry_json(&id, entry).to_string())?;
        }
        return Ok(());
    }
    let rows: Vec<Vec<String>> = history
        .iter()
        .map(|e| {
            let mut changed = e.changed.join(", ");
            if let Some(c) = &e.conflict {
                let note = tr!(
                    "history-conflict-note",
                    version = c.version,
                    original = c.original_version,
                    copy = c.copy.as_str()
                );
                changed = if changed.is_empty() {
                    note
                } else {
                    format!("{note}; {changed}")
                };
            }
            vec![
                e.version.to_string(),
                e.time.clone(),
                action_label(e),
                changed,
            ]
        })
        .collect();
    ui.table(
        &[
            tr!("col-version"),
            tr!("col-time"),
            tr!("col-action"),
            tr!("col-changed"),
        ],
        &rows,
    )
}
