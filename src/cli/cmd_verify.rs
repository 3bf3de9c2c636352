//! `tvault verify`: every file against the integrity journal; the report goes to stdout.

use super::args::{GlobalArgs, VerifyArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::vault::Access;

/// Runs `verify`.
pub fn run(global: &GlobalArgs, args: &VerifyArgs, ui: &mut Ui) -> Result<(), CliError> {
    let vault = unlock::open(global, Access::Read)?;
    let report = vault.verify(args.deep, args.expect.as_deref())?;
    if ui.json {
        let problems: Vec<serde_json::Value> = report
            .problems
            .iter()
            .map(|p| serde_json::json!({"path": p.path.display().to_string(), "problem": p.reason}))
            .collect();
        let object = serde_json::json!({
            "ok": report.problems.is_empty(),
            "journal_head": report.fingerprint,
            "records": report.records,
            "files_checked": report.files_checked,
            "journal_entries": report.journal_entries,
            "pending": report.pending,
            "deep": args.deep,
            "problems": problems,
        });
        ui.line(&object.to_string())?;
    } else {
        for p in &report.problems {
            let line = format!("PROBLEM {}: {}", p.path.display(), p.reason);
            let line = ui.text(&line).into_owned();
            ui.line(&line)?;
        }
        ui.line(&format!("journal head: {}", report.fingerprint))?;
        ui.line(&format!(
            "{} records, {} files checked{}, {} journal entries",
            report.records,
            report.files_checked,
            if args.deep { " and decrypted" } else { "" },
            report.journal_entries
        ))?;
        if report.pending > 0 {
            ui.line(&format!(
                "{} file(s) of an interrupted write are committed and will be moved into place by the next writing command",
                report.pending
            ))?;
        }
        if report.problems.is_empty() {
            ui.line("ok: every file matches the integrity journal")?;
        } else {
            ui.line(&format!("{} problem(s) found", report.problems.len()))?;
        }
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(
            CliError::failure(format!("verify found {} problem(s)", report.problems.len()))
                .hint("keep this copy unchanged as evidence and compare it with a trusted copy"),
        )
    }
}
