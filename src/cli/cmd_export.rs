//! `tvault export [QUERY...] --purpose P --format json|csv|md`: redacted summaries of the
//! matching records, as their consent for P allows (the rules are in `crate::export` and
//! docs/EXPORT.md).
//!
//! The export is plaintext by design, so this command is careful about where it goes: never to
//! a terminal unless asked with `--out -`, never over an existing file without `--force`, never
//! into the vault directory, and nothing at all when the final re-scan finds a leak. Files are
//! written whole (temporary file, fsync, rename) and readable by the owner only.

use crate::tr;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::{ExportArgs, GlobalArgs};
use super::cmd_search::{matching_index, select};
use super::error::CliError;
use super::render;
use super::ui::Ui;
use super::unlock;
use crate::export::{self, Format, Pending, Settings};
use crate::record::{Purpose, Record};
use crate::search::query;
use crate::search::scan::Compiled;
use crate::vault::{Access, Problem, names};

/// Runs `export`.
pub fn run(global: &GlobalArgs, args: &ExportArgs, ui: &mut Ui) -> Result<(), CliError> {
    let query = query::parse(&args.query).map_err(|e| CliError::usage(e.to_string()))?;
    let purpose: Purpose = args
        .purpose
        .parse()
        .map_err(|e: crate::record::VocabError| CliError::usage(format!("--purpose: {e}")))?;
    let format = match args.format.as_str() {
        "csv" => Format::Csv,
        "md" => Format::Markdown,
        _ => Format::Json,
    };
    let out = destination(args.out.as_deref(), args.force, ui, "--out")?;
    let report_path = match &args.report {
        Some(p) if p.as_os_str() == "-" => {
            return Err(CliError::usage(tr!("err-report-stdout")));
        }
        Some(p) => match destination(Some(p), args.force, ui, "--report")? {
            Destination::File(p) => Some(p),
            Destination::Stdout => None,
        },
        None => None,
    };
    if let (Destination::File(a), Some(b)) = (&out, &report_path)
        && a == b
    {
        return Err(CliError::usage(tr!("err-out-report-same")));
    }

    let compiled = Compiled::new(&query, args.narrative);
    let mut vault = unlock::open(global, Access::Read)?;
    for path in [out.file(), report_path.as_deref()].into_iter().flatten() {
        refuse_inside_vault(path, vault.layout().root())?;
    }
    let view = matching_index(&mut vault, ui, &compiled)?;
    let (hits, mut problems) = select(&vault, &view, &compiled)?;

    // What each record's consent decides, from its `consent` field alone (cheap to read, on
    // every core); the record itself is decoded (and its narrative decrypted) only if it is
    // exported, by the export, on the thread that redacts it. A record whose consent does not
    // read is decided by decoding it whole, which reports what is wrong with it.
    let settings = Settings {
        purpose,
        format,
        include_narrative: args.include_narrative,
        keep_unlisted_names: args.keep_unlisted_names,
        generated_at: names::now_utc(),
        vocab_label: super::i18n::vocab_label_agreeing,
        text: super::i18n::text,
    };
    let problem = |entry: &crate::vault::index::IndexEntry, reason: String| Problem {
        path: vault.layout().root().join(&entry.path),
        reason: format!("record {}: {reason}", entry.id),
    };
    let decisions = crate::parallel::map(hits.clone(), |entry| {
        let level = match entry.record_field("consent") {
            Some(Some(consent)) => Record::consent_level_from_cbor(consent, purpose).ok(),
            Some(None) => Some(None),
            None => None,
        };
        match level {
            Some(level) => Ok(export::decide_level(level)),
            None => entry
                .record_vouched()
                .map(|record| export::decide(&record, purpose))
                .map_err(|e| problem(entry, e.to_string())),
        }
    });
    let mut pending = Vec::with_capacity(hits.len());
    let mut entries = Vec::with_capacity(hits.len());
    for (entry, decision) in hits.iter().zip(decisions) {
        match decision {
            Ok(decision) => {
                pending.push(Pending {
                    id: &entry.id,
                    decision,
                });
                entries.push(*entry);
            }
            Err(p) => problems.push(p),
        }
    }
    let include_narrative = args.include_narrative;
    let load = |i: usize| -> Result<Record, Problem> {
        let entry = entries[i];
        let mut record = entry
            .record_vouched()
            .map_err(|e| problem(entry, e.to_string()))?;
        if include_narrative {
            record.narrative = vault.narrative(entry).map_err(|e| problem(entry, e))?;
        }
        Ok(record)
    };
    let pseudonym = |r: &Record| vault.pseudonym(r.primary_name());
    let (output, failed) =
        export::export_each(&pending, &settings, &load, &pseudonym).map_err(|leak| {
            let kinds: Vec<&str> = leak.kinds.iter().map(|k| k.code()).collect();
            CliError::failure(tr!(
                "err-export-leak",
                id = leak.id.as_str(),
                kinds = kinds.join(", ")
            ))
            .hint(tr!("hint-export-leak"))
        })?;
    problems.extend(failed);

    match &out {
        Destination::Stdout => {
            ui.raw(&output.bytes)?;
            ui.flush()?;
        }
        Destination::File(path) => write_file(path, &output.bytes, args.force)?,
    }
    if let Some(path) = &report_path {
        write_file(path, &output.report.to_json(), args.force)?;
    }
    // Chain of custody: every attachment of an exported (not withheld) record is recorded as
    // included in this export, in a journal entry of its own (hence the write lock).
    let unlock_method = vault.unlock_method().as_str();
    let events: Vec<crate::vault::journal::Custody> = output
        .exported
        .iter()
        .map(|&i| entries[i])
        .flat_map(|entry| {
            entry
                .attachments
                .iter()
                .map(move |a| crate::vault::journal::Custody {
                    event: "export".into(),
                    record: entry.id.clone(),
                    attachment: a.path.clone(),
                    sha256: a.sha256.clone(),
                    unlock: unlock_method.into(),
                })
        })
        .collect();
    if !events.is_empty() {
        drop(pending);
        drop(entries);
        drop(view);
        vault.relock(Access::Write)?;
        vault.record_custody("export", events)?;
    }
    let report = &output.report;
    ui.note(&tr!(
        "note-exported",
        count = report.exported_total(),
        purpose = purpose.as_str(),
        withheld = report.withheld_total()
    ));
    if report.conditional_total() > 0 {
        ui.note(&tr!(
            "note-export-conditions",
            count = report.conditional_total()
        ));
    }
    render::report_problems(ui, &problems)
}

/// Where the export goes.
enum Destination {
    Stdout,
    File(PathBuf),
}

impl Destination {
    fn file(&self) -> Option<&Path> {
        match self {
            Destination::Stdout => None,
            Destination::File(p) => Some(p),
        }
    }
}

/// Checks a destination before anything is decrypted: plaintext never goes to a terminal by
/// accident, and an existing file is replaced only with `--force`.
fn destination(
    path: Option<&Path>,
    force: bool,
    ui: &Ui,
    flag: &str,
) -> Result<Destination, CliError> {
    match path {
        Some(p) if p.as_os_str() == "-" => Ok(Destination::Stdout),
        None if ui.stdout_is_terminal() => {
            Err(CliError::usage(tr!("err-export-terminal")).hint(tr!("hint-export-terminal")))
        }
        None => Ok(Destination::Stdout),
        Some(p) => {
            if p.is_dir() {
                return Err(CliError::usage(tr!(
                    "err-out-is-dir",
                    flag = flag,
                    path = p.display().to_string()
                )));
            }
            if !force && (p.exists() || p.symlink_metadata().is_ok()) {
                return Err(
                    CliError::usage(tr!("err-out-exists", path = p.display().to_string()))
                        .hint(tr!("hint-out-exists")),
                );
            }
            Ok(Destination::File(p.to_path_buf()))
        }
    }
}

/// Refuses an output inside the vault directory: plaintext must never land on the vault's
/// medium next to the ciphertext (and verify would report it as planted).
pub(super) fn refuse_inside_vault(path: &Path, root: &Path) -> Result<(), CliError> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (Ok(parent), Ok(root)) = (parent.canonicalize(), root.canonicalize()) else {
        return Ok(()); // a missing parent fails when writing, with its own message
    };
    if parent.starts_with(&root) {
        return Err(CliError::usage(tr!(
            "err-out-inside-vault",
            path = path.display().to_string()
        ))
        .hint(tr!("hint-out-inside-vault")));
    }
    Ok(())
}

/// Writes `bytes` to `path` whole: a temporary file (owner-only) next to it, fsync, then a rename
/// that replaces an existing file only with `force` (checked again here, atomically).
fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    super::cmd_extract::write_atomic(path, force, |file| {
        file.write_all(bytes).map_err(|e| {
            CliError::failure(tr!(
                "err-write-file",
                path = path.display().to_string(),
                reason = e.to_string()
            ))
        })
    })
}
