//! `tvault add`: records from JSON (`--from FILE|-`) or the guided prompt; prints the new ids.

use crate::tr;
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
    let sources = super::cmd_attach::sources(&args.attach)?;
    let ids = match &args.from {
        Some(path) => {
            let (input, name) = read_input(path)?;
            let records = record::parse_records(&input).map_err(|e| {
                CliError::failure(tr!(
                    "err-input-invalid",
                    input = name.as_str(),
                    reason = super::error::record_error(&e)
                ))
                .hint(tr!("hint-input-invalid"))
            })?;
            if records.is_empty() {
                return Err(CliError::failure(tr!(
                    "err-input-empty",
                    input = name.as_str()
                )));
            }
            if !sources.is_empty() && records.len() != 1 {
                return Err(CliError::usage(tr!(
                    "err-attach-one-record",
                    count = records.len()
                )));
            }
            let mut vault = unlock::open(global, Access::Write)?;
            if sources.is_empty() {
                vault.add(records)?
            } else {
                let record = records.into_iter().next().expect("exactly one record");
                return add_attached(&mut vault, record, &sources, args, ui);
            }
        }
        None => {
            if !std::io::stdin().is_terminal() {
                return Err(CliError::usage(tr!("err-no-input")).hint(tr!("hint-no-input")));
            }
            let mut vault = unlock::open(global, Access::Read)?;
            let Some(record) = guided::prompt_record(ui)? else {
                ui.note(&tr!("note-nothing-added"));
                return Ok(());
            };
            vault.relock(Access::Write)?;
            if !sources.is_empty() {
                return add_attached(&mut vault, record, &sources, args, ui);
            }
            vault.add(vec![record])?
        }
    };
    for id in &ids {
        ui.line(id)?;
    }
    ui.note(&tr!("note-added", count = ids.len()));
    Ok(())
}

/// `add --attach`: one record and its files in one commit; prints the new id.
fn add_attached(
    vault: &mut crate::vault::Vault,
    record: crate::record::Record,
    sources: &[crate::vault::attach::Source<'_>],
    args: &AddArgs,
    ui: &mut Ui,
) -> Result<(), CliError> {
    let bars = super::cmd_attach::bars(&args.attach);
    let (id, attachments) = vault.add_attached(record, sources, &|i, done| bars[i].set(done))?;
    bars.iter().for_each(super::progress::Progress::finish);
    ui.line(&id)?;
    ui.note(&tr!("note-added", count = 1));
    ui.note(&tr!(
        "note-attached",
        count = attachments.len(),
        id = id.as_str()
    ));
    if args.shred_original {
        let indices: Vec<usize> = (1..=attachments.len()).collect();
        super::cmd_attach::shred_originals(vault, &id, &indices, &args.attach, ui)?;
    }
    Ok(())
}

pub(super) fn read_input(path: &Path) -> Result<(Vec<u8>, String), CliError> {
    let mut input = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut input)
            .map_err(|e| CliError::failure(tr!("err-read-stdin", reason = e.to_string())))?;
        check_size(&input, "stdin")?;
        return Ok((input, "stdin".to_owned()));
    }
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| {
        CliError::usage(tr!(
            "err-read-input",
            input = name.as_str(),
            reason = e.to_string()
        ))
    })?;
    file.take(MAX_INPUT + 1)
        .read_to_end(&mut input)
        .map_err(|e| {
            CliError::usage(tr!(
                "err-read-input",
                input = name.as_str(),
                reason = e.to_string()
            ))
        })?;
    check_size(&input, &name)?;
    Ok((input, name))
}

fn check_size(input: &[u8], name: &str) -> Result<(), CliError> {
    if input.len() as u64 > MAX_INPUT {
        return Err(CliError::failure(tr!(
            "err-input-too-large",
            input = name,
            max = MAX_INPUT >> 20,
            record_max = MAX_RECORD_BYTES >> 20
        )));
    }
    Ok(())
}
