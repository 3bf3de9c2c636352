//! `tvault show ID`: one record, as readable text or one JSON object.

use super::args::{GlobalArgs, ShowArgs};
use super::error::CliError;
use super::render;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::{Access, names};

/// Shortest id prefix accepted.
pub const MIN_PREFIX: usize = 6;

/// Runs `show`.
pub fn run(global: &GlobalArgs, args: &ShowArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = names::normalise_id(&args.id);
    if !names::is_id_text(&wanted) {
        return Err(CliError::usage(tr!("err-id-characters")));
    }
    if wanted.len() < MIN_PREFIX {
        return Err(CliError::usage(tr!("err-id-too-short", min = MIN_PREFIX)));
    }
    let vault = unlock::open(global, Access::Read)?;
    let view = vault.index()?;
    let stored = match vault.get(&view, &wanted) {
        Ok(stored) => stored,
        Err(e) => {
            let mut problems = view.problems.clone();
            problems.extend(vault.survey(&view)?);
            render::report_problems(ui, &problems).ok();
            return Err(e.into());
        }
    };
    let stored = &stored;
    if ui.json {
        ui.line(&render::json(stored).to_string())?;
    } else {
        let text = render::text(stored);
        for line in text.lines() {
            let line = ui.text(line).into_owned();
            ui.line(&line)?;
        }
    }
    let mut problems = view.problems.clone();
    problems.extend(vault.survey(&view)?);
    render::report_problems(ui, &problems)
}
