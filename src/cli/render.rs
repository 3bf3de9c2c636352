//! How records look: the `list` table, `show` text, and the JSON objects of `--json`.

use crate::tr;
use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::error::CliError;
use super::ui::Ui;
use crate::record::{Place, Record};
use crate::vault::index::IndexEntry;
use crate::vault::{Problem, StoredRecord};

/// Column headers of the `list` table.
pub fn table_header() -> Vec<String> {
    vec![
        tr!("col-id"),
        tr!("col-updated"),
        tr!("col-status"),
        tr!("col-witness"),
        tr!("col-title"),
    ]
}

/// A vocabulary code as people read it: the code itself in English (scripts that read tables
/// and the documentation use the codes), its label in the other languages.
pub fn code(code: &str) -> String {
    if super::i18n::lang() == super::i18n::Lang::En {
        code.to_owned()
    } else {
        super::i18n::vocab_label(code)
    }
}

/// A status as people read it, agreeing with the witness's sex in Belarusian and Russian.
pub fn status(record: &crate::record::Record) -> Option<String> {
    let status = record.witness.status?;
    Some(if super::i18n::lang() == super::i18n::Lang::En {
        status.as_str().to_owned()
    } else {
        let agreement = if record.witness.sex == Some(crate::record::Sex::Female) {
            crate::export::Agreement::Feminine
        } else {
            crate::export::Agreement::Default
        };
        super::i18n::vocab_label_agreeing(status.as_str(), agreement)
    })
}

/// One `list` row.
pub fn table_row(stored: &StoredRecord) -> Vec<String> {
    let record = stored.record();
    vec![
        stored.id().to_owned(),
        stored
            .envelope
            .updated_at
            .get(..10)
            .unwrap_or(&stored.envelope.updated_at)
            .to_owned(),
        status(record).unwrap_or_else(|| "-".into()),
        record.primary_name().to_owned(),
        conflict_mark(stored.envelope.conflict.is_some(), record.title.as_deref()),
    ]
}

/// A title, marked when the current version is a conflict copy written by a merge.
fn conflict_mark(conflict: bool, title: Option<&str>) -> String {
    let title = title.unwrap_or_default();
    if conflict {
        format!("[{}] {title}", tr!("mark-conflict"))
            .trim_end()
            .to_owned()
    } else {
        title.to_owned()
    }
}

/// Column headers of the `search` table.
pub fn search_header() -> Vec<String> {
    vec![
        tr!("col-id"),
        tr!("col-latest-act"),
        tr!("col-status"),
        tr!("col-witness"),
        tr!("col-title"),
    ]
}

/// One `search` row.
pub fn search_row(entry: &IndexEntry) -> Vec<String> {
    let f = &entry.facets;
    vec![
        entry.id.clone(),
        entry
            .latest_act_facet()
            .map(|a| act_date(a.from, a.to))
            .unwrap_or_else(|| "-".into()),
        f.status
            .and_then(|i| crate::record::Status::ALL.get(usize::from(i)))
            .map(|s| code(s.as_str()))
            .unwrap_or_else(|| "-".into()),
        f.name.clone(),
        conflict_mark(entry.conflict.is_some(), Some(&f.title)),
    ]
}

/// An act's date span (`yyyymmdd` days) as precisely as it is known: `2022-04-19`, `2022-04`
/// for a whole month, `2022` for a whole year, else `FROM..TO` (an open side left empty), so
/// that `2022~` is not shown as `2022-12-31`.
fn act_date(from: Option<u32>, to: Option<u32>) -> String {
    let day = |d: u32| format!("{}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100);
    match (from, to) {
        (Some(f), Some(t)) if f == t => day(f),
        (Some(f), Some(t)) if f / 100 == t / 100 && f % 100 == 1 && is_month_end(t) => {
            format!("{}-{:02}", f / 10_000, f / 100 % 100)
        }
        (Some(f), Some(t))
            if f / 10_000 == t / 10_000 && f % 10_000 == 101 && t % 10_000 == 1231 =>
        {
            format!("{}", f / 10_000)
        }
        (f, t) => format!(
            "{}..{}",
            f.map(day).unwrap_or_default(),
            t.map(day).unwrap_or_default()
        ),
    }
}

/// Whether `yyyymmdd` is the last day of its month (the record module knows the calendar).
fn is_month_end(d: u32) -> bool {
    let (year, month, day) = (d / 10_000, d / 100 % 100, d % 100);
    match (
        u16::try_from(year),
        u8::try_from(month),
        u8::try_from(day + 1),
    ) {
        (Ok(y), Ok(m), Ok(next)) => crate::record::Day::new(y, m, next).is_none(),
        _ => false,
    }
}

/// The JSON object of an index entry (as `json`, without the narrative).
pub fn entry_json(entry: &IndexEntry) -> Result<Value, CliError> {
    let record = entry
        .record()
        .map_err(|e| CliError::failure(e.to_string()))?;
    let mut value = object(
        &entry.id,
        &record,
        &entry.created_at,
        &entry.updated_at,
        entry.version,
    );
    add_markers(&mut value, entry.deleted, entry.conflict.as_ref());
    Ok(value)
}

/// Adds `deleted` (a tombstone) and `conflict` (a conflict copy written by a merge) to a
/// record's JSON object, when they apply.
fn add_markers(
    value: &mut Value,
    deleted: bool,
    conflict: Option<&crate::vault::envelope::Conflict>,
) {
    let Value::Object(object) = value else { return };
    if deleted {
        object.insert("deleted".into(), Value::Bool(true));
    }
    if let Some(c) = conflict {
        object.insert(
            "conflict".into(),
            serde_json::json!({
                "version": c.version,
                "original_version": c.original_version,
                "copy": c.copy,
                "head": c.head,
            }),
        );
    }
}

fn object(id: &str, record: &Record, created_at: &str, updated_at: &str, version: u64) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), Value::String(id.to_owned()));
    if let Value::Object(fields) = record.to_json_value() {
        object.extend(fields);
    }
    object.insert("created_at".into(), Value::String(created_at.to_owned()));
    object.insert("updated_at".into(), Value::String(updated_at.to_owned()));
    object.insert("version".into(), Value::from(version));
    Value::Object(object)
}

/// The JSON object of a record: `id`, the schema's fields, `created_at`, `updated_at`.
pub fn json(stored: &StoredRecord) -> Value {
    let e = &stored.envelope;
    let mut value = object(&e.id, &e.record, &e.created_at, &e.updated_at, e.version);
    add_markers(&mut value, e.deleted, e.conflict.as_ref());
    // Only when there are attachments: the object stays exactly as before otherwise.
    if !e.attachments.is_empty()
        && let Value::Object(map) = &mut value
    {
        let list = e
            .attachments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                serde_json::json!({
                    "index": i + 1,
                    "name": a.name,
                    "media_type": a.media_type,
                    "size": a.size,
                    "sha256": a.sha256_hex(),
                    "added_at": a.added_at,
                })
            })
            .collect();
        map.insert("attachments".into(), Value::Array(list));
    }
    value
}

fn place(place: &Place) -> String {
    [&place.site, &place.locality, &place.region, &place.country]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

fn field(out: &mut String, indent: usize, label: &str, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        let _ = writeln!(out, "{:indent$}{label}: {value}", "");
    }
}

fn list(out: &mut String, indent: usize, label: &str, values: &[String]) {
    if !values.is_empty() {
        field(out, indent, label, Some(&values.join("; ")));
    }
}

fn block(out: &mut String, label: &str, text: Option<&str>) {
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        let _ = writeln!(out, "\n{label}:");
        for line in text.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// Readable text of a record for `show`.
pub fn text(stored: &StoredRecord) -> String {
    let r: &Record = stored.record();
    let e = &stored.envelope;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tr!("show-record", id = e.id.as_str(), version = e.version)
    );
    let _ = writeln!(
        out,
        "{}",
        tr!(
            "show-created",
            created = e.created_at.as_str(),
            updated = e.updated_at.as_str()
        )
    );
    if e.deleted {
        let _ = writeln!(out, "{}", tr!("show-deleted"));
    }
    if let Some(c) = &e.conflict {
        let _ = writeln!(
            out,
            "{}",
            tr!(
                "show-conflict",
                version = c.version,
                original = c.original_version,
                copy = c.copy.as_str()
            )
        );
    }
    field(&mut out, 0, &tr!("show-title"), r.title.as_deref());
    field(&mut out, 0, &tr!("show-language"), r.language.as_deref());
    let w = &r.witness;
    let _ = writeln!(out, "\n{}", tr!("show-witness"));
    list(&mut out, 2, &tr!("show-names"), &w.names);
    field(&mut out, 2, &tr!("show-pseudonym"), w.pseudonym.as_deref());
    field(
        &mut out,
        2,
        &tr!("show-sex"),
        w.sex.map(|s| code(s.as_str())).as_deref(),
    );
    field(
        &mut out,
        2,
        &tr!("show-born"),
        w.birth_date.as_ref().map(|d| d.as_str()),
    );
    field(
        &mut out,
        2,
        &tr!("show-occupation"),
        w.occupation.as_deref(),
    );
    field(&mut out, 2, &tr!("show-employer"), w.employer.as_deref());
    let unions: Vec<String> = w
        .unions
        .iter()
        .map(|u| match &u.role {
            Some(role) if !role.is_empty() => format!("{} ({role})", u.name),
            _ => u.name.clone(),
        })
        .collect();
    list(&mut out, 2, &tr!("show-unions"), &unions);
    let status = status(r).map(|s| match &w.status_as_of {
        Some(date) => tr!("show-status-as-of", status = s, date = date.as_str()),
        None => s,
    });
    field(&mut out, 2, &tr!("show-status"), status.as_deref());
    field(
        &mut out,
        2,
        &tr!("show-whereabouts"),
        w.whereabouts.as_deref(),
    );
    field(
        &mut out,
        2,
        &tr!("show-residence"),
        w.residence.as_ref().map(place).as_deref(),
    );
    field(&mut out, 2, &tr!("show-contact"), w.contact.as_deref());
    if let Some(i) = &r.interview {
        let _ = writeln!(out, "\n{}", tr!("show-interview"));
        field(
            &mut out,
            2,
            &tr!("show-date"),
            i.date.as_ref().map(|d| d.as_str()),
        );
        field(&mut out, 2, &tr!("show-mode"), i.mode.as_deref());
        field(
            &mut out,
            2,
            &tr!("show-interviewer"),
            i.interviewer.as_deref(),
        );
        field(&mut out, 2, &tr!("show-place"), i.place.as_deref());
    }
    if !r.acts.is_empty() {
        let _ = writeln!(out, "\n{}", tr!("show-acts"));
        for (n, act) in r.acts.iter().enumerate() {
            let head: Vec<String> = [
                act.act_type.map(|t| code(t.as_str())),
                act.date.as_ref().map(|d| d.as_str().to_owned()),
                act.place.as_ref().map(place).filter(|p| !p.is_empty()),
                act.in_absentia
                    .filter(|b| *b)
                    .map(|_| tr!("show-in-absentia")),
            ]
            .into_iter()
            .flatten()
            .collect();
            let _ = writeln!(out, "  {}. {}", n + 1, head.join(", "));
            list(&mut out, 5, &tr!("show-perpetrators"), &act.perpetrators);
            list(&mut out, 5, &tr!("show-officials"), &act.officials);
            list(&mut out, 5, &tr!("show-charges"), &act.charges);
            field(&mut out, 5, &tr!("show-sentence"), act.sentence.as_deref());
            field(&mut out, 5, &tr!("show-notes"), act.notes.as_deref());
        }
    }
    if !r.people.is_empty() {
        let _ = writeln!(out, "\n{}", tr!("show-people"));
        for person in &r.people {
            match &person.relation {
                Some(relation) if !relation.is_empty() => {
                    let _ = writeln!(out, "  {} ({relation})", person.name);
                }
                _ => {
                    let _ = writeln!(out, "  {}", person.name);
                }
            }
        }
    }
    if !r.consent.is_empty() {
        let _ = writeln!(out, "\n{}", tr!("show-consent"));
        for c in &r.consent {
            let conditions = c
                .conditions
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| format!(" ({s})"));
            let _ = writeln!(
                out,
                "  {}: {}{}",
                code(c.purpose.as_str()),
                code(c.level.as_str()),
                conditions.unwrap_or_default()
            );
        }
    }
    if r.risk.is_some() || !r.tags.is_empty() || !r.sensitive_terms.is_empty() {
        out.push('\n');
    }
    field(
        &mut out,
        0,
        &tr!("show-risk"),
        r.risk.map(|x| code(x.as_str())).as_deref(),
    );
    list(&mut out, 0, &tr!("show-tags"), &r.tags);
    list(
        &mut out,
        0,
        &tr!("show-sensitive-terms"),
        &r.sensitive_terms,
    );
    block(&mut out, &tr!("show-summary"), r.summary.as_deref());
    block(&mut out, &tr!("show-narrative"), r.narrative.as_deref());
    if !e.attachments.is_empty() {
        let _ = writeln!(out, "{}", tr!("show-attachments"));
        for (i, a) in e.attachments.iter().enumerate() {
            // One line per attachment: the name is untrusted and goes through the caller's
            // terminal sanitising like every other line.
            let _ = writeln!(
                out,
                "  {}. {}  ({}, {})  sha256:{}",
                i + 1,
                a.name.replace(['\n', '\r'], " "),
                tr!("show-attachment-size", bytes = a.size),
                a.media_type,
                a.sha256_hex()
            );
        }
    }
    out
}

/// Warns about every unreadable file on stderr and fails the command (exit 1) if there was any,
/// after the intact records have been served.
pub fn report_problems(ui: &Ui, problems: &[Problem]) -> Result<(), CliError> {
    if problems.is_empty() {
        return Ok(());
    }
    for p in problems {
        ui.warn(&tr!(
            "warn-skipped",
            path = p.path.display().to_string(),
            reason = super::reasons::reason(&p.reason)
        ));
    }
    Err(
        CliError::failure(tr!("err-unreadable-files", count = problems.len()))
            .hint(tr!("hint-unreadable-files")),
    )
}

#[cfg(test)]
mod tests {
    use super::act_date;

    #[test]
    fn act_dates_show_only_the_precision_they_have() {
        assert_eq!(act_date(Some(20220419), Some(20220419)), "2022-04-19");
        assert_eq!(act_date(Some(20220401), Some(20220430)), "2022-04");
        assert_eq!(act_date(Some(20240201), Some(20240229)), "2024-02");
        assert_eq!(act_date(Some(20220101), Some(20221231)), "2022");
        assert_eq!(
            act_date(Some(20220401), Some(20220630)),
            "2022-04-01..2022-06-30"
        );
        assert_eq!(act_date(None, Some(20201231)), "..2020-12-31");
    }
}
