//! `tvault verify`: every file against the integrity journal; the report goes to stdout.

use super::args::{GlobalArgs, VerifyArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::Access;

/// Runs `verify`.
pub fn run(global: &GlobalArgs, args: &VerifyArgs, ui: &mut Ui) -> Result<(), CliError> {
    let vault = unlock::open(global, Access::Read)?;
    let mut report = vault.verify(args.deep, args.expect.as_deref())?;
    // Two copies' edits of one record synced into one folder: a version would be hidden.
    report.problems.extend(vault.forks());
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
            let line = tr!(
                "verify-problem",
                path = p.path.display().to_string(),
                reason = super::reasons::reason(&p.reason)
            );
            let line = ui.text(&line).into_owned();
            ui.line(&line)?;
        }
        ui.line(&tr!("verify-head", head = report.fingerprint.as_str()))?;
        ui.line(&tr!(
            "verify-counts",
            records = report.records,
            files = report.files_checked,
            deep = if args.deep { "yes" } else { "no" },
            entries = report.journal_entries
        ))?;
        if report.pending > 0 {
            ui.line(&tr!("verify-pending", count = report.pending))?;
        }
        if report.problems.is_empty() {
            ui.line(&tr!("verify-ok"))?;
        } else {
            ui.line(&tr!("verify-problems-found", count = report.problems.len()))?;
        }
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(
            CliError::failure(tr!("err-verify-found", count = report.problems.len()))
                .hint(tr!("hint-verify-found")),
        )
    }
}
