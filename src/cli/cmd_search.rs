//! `tvault search QUERY...`: matching records, most recent act first, from the encrypted index
//! decrypted in memory.

use crate::tr;
use std::cmp::Reverse;

use super::args::{GlobalArgs, SearchArgs};
use super::error::CliError;
use super::render;
use super::ui::Ui;
use super::unlock;
use crate::search::keys::value_keys;
use crate::search::query;
use crate::search::scan::Compiled;
use crate::vault::index::IndexEntry;
use crate::vault::{Access, IndexView, Problem, Vault};

/// Runs `search`.
pub fn run(global: &GlobalArgs, args: &SearchArgs, ui: &mut Ui) -> Result<(), CliError> {
    let query = query::parse(&args.query).map_err(|e| CliError::usage(e.to_string()))?;
    let compiled = Compiled::new(&query, args.narrative);
    let mut vault = unlock::open(global, Access::Read)?;
    let view = matching_index(&mut vault, ui, &compiled)?;
    let (mut hits, problems) = select(&vault, &view, &compiled)?;
    if let Some(limit) = args.limit {
        hits.truncate(limit);
    }
    if ui.json {
        for entry in &hits {
            ui.line(&render::entry_json(entry)?.to_string())?;
        }
    } else if !hits.is_empty() {
        let rows: Vec<Vec<String>> = hits.iter().map(|e| render::search_row(e)).collect();
        ui.table(&render::search_header(), &rows)?;
    }
    render::report_problems(ui, &problems)
}

/// The index entries that may match `compiled`. Without `--narrative` they are matched as the
/// segments are decoded and only the hits are kept (memory in the size of the result, not of
/// the vault); otherwise, or when the index is missing or damaged, the whole index is read
/// (and rebuilt and saved). [`select`] makes the final choice either way.
pub(super) fn matching_index(
    vault: &mut Vault,
    ui: &Ui,
    compiled: &Compiled,
) -> Result<IndexView, CliError> {
    if compiled.needs_narrative() {
        return fresh_index(vault, ui);
    }
    // The record directories are listed (for `select`'s survey) while the segments are read.
    let shared: &Vault = vault;
    let (view, record_files) = std::thread::scope(|scope| {
        let listing = scope.spawn(|| shared.record_files());
        let view = shared.index_where(&|entry| compiled.matches(entry, None));
        // A failed listing is listed again, and its error reported, by the survey.
        (view, listing.join().ok().and_then(Result::ok))
    });
    let mut view = view?;
    view.record_files = record_files;
    if view.rebuilt > 0 || !view.damaged_segments.is_empty() {
        drop(view);
        return fresh_index(vault, ui);
    }
    Ok(view)
}

/// The index of an open vault, rebuilt and saved first when it was missing, damaged or behind
/// (on read-only media it is rebuilt in memory only).
pub(super) fn fresh_index(vault: &mut Vault, ui: &Ui) -> Result<IndexView, CliError> {
    let mut view = vault.index()?;
    if view.rebuilt > 0 || !view.damaged_segments.is_empty() {
        // The index was missing, damaged or behind: save what was rebuilt from the records, so
        // the next search is fast again. On read-only media, search from memory.
        match vault.relock(Access::Write).and_then(|()| vault.index()) {
            Ok(fresh) => {
                view = fresh;
                if view.rebuilt > 0 || !view.damaged_segments.is_empty() {
                    vault.save_index(view.entries_to_save())?;
                    ui.note(&tr!("note-index-saved", count = view.rebuilt));
                }
            }
            Err(e) => ui.warn(&tr!(
                "warn-index-not-saved",
                reason = CliError::from(e).message
            )),
        }
    }
    Ok(view)
}

/// The entries matching `compiled`, most recent act first, and the problems met on the way:
/// records that could not be read, planted files, and hits whose file is gone (left out).
pub(super) fn select<'v>(
    vault: &Vault,
    view: &'v IndexView,
    compiled: &Compiled,
) -> Result<(Vec<&'v IndexEntry>, Vec<Problem>), CliError> {
    let mut problems: Vec<Problem> = view.problems.clone();
    let mut hits: Vec<&IndexEntry> = Vec::new();
    for entry in &view.entries {
        let narrative = if compiled.needs_narrative() {
            match vault.narrative(entry) {
                Ok(text) => text.map(|t| value_keys(&t)),
                Err(reason) => {
                    problems.push(Problem {
                        path: vault.layout().root().join(&entry.path),
                        reason: format!("record {}: {reason}", entry.id),
                    });
                    continue;
                }
            }
        } else {
            None
        };
        if compiled.matches(&entry.view(), narrative.as_deref()) {
            hits.push(entry);
        }
    }
    // A hit whose file is gone is not served, and planted record files are reported; the hits'
    // metadata comes from the index the journal vouches for (show, list and verify check every
    // byte of the record files).
    let damaged = vault.survey(view)?;
    if !damaged.is_empty() {
        hits.retain(|entry| {
            let path = vault.layout().root().join(&entry.path);
            !damaged.iter().any(|p| p.path == path)
        });
    }
    for p in damaged {
        if !problems.iter().any(|q| q.path == p.path) {
            problems.push(p);
        }
    }
    // Each entry's key computed once (finding the latest act walks the acts).
    hits.sort_by_cached_key(|&e| {
        (
            Reverse(e.latest_act()),
            Reverse(e.updated_at.as_str()),
            e.id.as_str(),
        )
    });
    Ok((hits, problems))
}
