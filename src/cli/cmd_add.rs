//! `tvault add`: records from JSON (`--from FILE|-`) or the guided prompt; prints the new ids.

use std::io::{IsTerminal, Read};
use std::path::Path;

use super::args::{AddArgs, GlobalArgs};
use super::error::CliError;
use super::ui::Ui;
use super::{guided, unlock};
use crate::record::{self, MAX_RECORD_BYTES};
use crate::vault::Access;

/// Largest `--from` input accepted.
const MAX_INPUT: u64 = 1 << 30;

/// Runs `add`.
pub fn run(global: &GlobalArgs, args: &AddArgs, ui: &mut Ui) -> Result<(), CliError> {
    if !args.attach.is_empty() {
        return Err(CliError::usage(
            "attachments (--attach) are not supported by this version of tvault",
        )
        .hint("add the record without --attach; attachments come in a later version"));
    }
    let ids = match &args.from {
        Some(path) => {
            let (input, name) = read_input(path)?;
            let records = record::parse_records(&input).map_err(|e| {
                CliError::failure(format!("{name}: invalid record: {e}"))
                    .hint("nothing was added; fix the record and run the same command again")
            })?;
            if records.is_empty() {
                return Err(CliError::failure(format!(
                    "{name}: no records in the input"
                )));
            }
            let mut vault = unlock::open(global, Access::Write)?;
            vault.add(records)?
        }
        None => {
            if !std::io::stdin().is_terminal() {
                return Err(CliError::usage(
                    "no input: pass --from FILE, or --from - to read stdin",
                )
                .hint("without --from, add asks field by field on a terminal"));
            }
            let mut vault = unlock::open(global, Access::Read)?;
            let Some(record) = guided::prompt_record(ui)? else {
                ui.note("nothing added");
                return Ok(());
            };
            vault.relock(Access::Write)?;
            vault.add(vec![record])?
        }
    };
    for id in &ids {
        ui.line(id)?;
    }
    ui.note(&format!(
        "added {} record{}",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}

fn read_input(path: &Path) -> Result<(Vec<u8>, String), CliError> {
    let mut input = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut input)
            .map_err(|e| CliError::failure(format!("cannot read stdin: {e}")))?;
        check_size(&input, "stdin")?;
        return Ok((input, "stdin".to_owned()));
    }
    let name = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| CliError::usage(format!("cannot read {name}: {e}")))?;
    file.take(MAX_INPUT + 1)
        .read_to_end(&mut input)
        .map_err(|e| CliError::usage(format!("cannot read {name}: {e}")))?;
    check_size(&input, &name)?;
    Ok((input, name))
}

fn check_size(input: &[u8], name: &str) -> Result<(), CliError> {
    if input.len() as u64 > MAX_INPUT {
        return Err(CliError::failure(format!(
            "{name}: input larger than {} MiB (each record may be at most {} MiB)",
            MAX_INPUT >> 20,
            MAX_RECORD_BYTES >> 20
        )));
    }
    Ok(())
}
