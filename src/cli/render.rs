//! How records look: the `list` table, `show` text, and the JSON objects of `--json`.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::error::CliError;
use super::ui::Ui;
use crate::record::{Place, Record};
use crate::vault::index::IndexEntry;
use crate::vault::{Problem, StoredRecord};

/// Column headers of the `list` table.
pub const TABLE_HEADER: &[&str] = &["ID", "UPDATED", "STATUS", "WITNESS", "TITLE"];

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
        record
            .witness
            .status
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| "-".into()),
        record.primary_name().to_owned(),
        record.title.clone().unwrap_or_default(),
    ]
}

/// Column headers of the `search` table.
pub const SEARCH_HEADER: &[&str] = &["ID", "LATEST ACT", "STATUS", "WITNESS", "TITLE"];

/// One `search` row.
pub fn search_row(entry: &IndexEntry) -> Vec<String> {
    let f = &entry.facets;
    vec![
        entry.id.clone(),
        entry
            .latest_act()
            .map(|d| format!("{}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100))
            .unwrap_or_else(|| "-".into()),
        f.status
            .and_then(|i| crate::record::Status::ALL.get(usize::from(i)))
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| "-".into()),
        f.name.clone(),
        f.title.clone(),
    ]
}

/// The JSON object of an index entry (as `json`, without the narrative).
pub fn entry_json(entry: &IndexEntry) -> Result<Value, CliError> {
    let record = entry
        .record()
        .map_err(|e| CliError::failure(e.to_string()))?;
    Ok(object(
        &entry.id,
        &record,
        &entry.created_at,
        &entry.updated_at,
        entry.version,
    ))
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
    object(&e.id, &e.record, &e.created_at, &e.updated_at, e.version)
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
    let _ = writeln!(out, "Record {} (version {})", e.id, e.version);
    let _ = writeln!(out, "Created {}, updated {}", e.created_at, e.updated_at);
    field(&mut out, 0, "Title", r.title.as_deref());
    field(&mut out, 0, "Language", r.language.as_deref());
    let w = &r.witness;
    let _ = writeln!(out, "\nWitness");
    list(&mut out, 2, "Names", &w.names);
    field(&mut out, 2, "Pseudonym", w.pseudonym.as_deref());
    field(&mut out, 2, "Sex", w.sex.map(|s| s.as_str()));
    field(
        &mut out,
        2,
        "Born",
        w.birth_date.as_ref().map(|d| d.as_str()),
    );
    field(&mut out, 2, "Occupation", w.occupation.as_deref());
    field(&mut out, 2, "Employer", w.employer.as_deref());
    let unions: Vec<String> = w
        .unions
        .iter()
        .map(|u| match &u.role {
            Some(role) if !role.is_empty() => format!("{} ({role})", u.name),
            _ => u.name.clone(),
        })
        .collect();
    list(&mut out, 2, "Unions", &unions);
    let status = w.status.map(|s| match &w.status_as_of {
        Some(date) => format!("{} (as of {})", s.as_str(), date.as_str()),
        None => s.as_str().to_owned(),
    });
    field(&mut out, 2, "Status", status.as_deref());
    field(&mut out, 2, "Whereabouts", w.whereabouts.as_deref());
    field(
        &mut out,
        2,
        "Residence",
        w.residence.as_ref().map(place).as_deref(),
    );
    field(&mut out, 2, "Contact", w.contact.as_deref());
    if let Some(i) = &r.interview {
        let _ = writeln!(out, "\nInterview");
        field(&mut out, 2, "Date", i.date.as_ref().map(|d| d.as_str()));
        field(&mut out, 2, "Mode", i.mode.as_deref());
        field(&mut out, 2, "Interviewer", i.interviewer.as_deref());
        field(&mut out, 2, "Place", i.place.as_deref());
    }
    if !r.acts.is_empty() {
        let _ = writeln!(out, "\nActs");
        for (n, act) in r.acts.iter().enumerate() {
            let head: Vec<String> = [
                act.act_type.map(|t| t.as_str().to_owned()),
                act.date.as_ref().map(|d| d.as_str().to_owned()),
                act.place.as_ref().map(place).filter(|p| !p.is_empty()),
                act.in_absentia
                    .filter(|b| *b)
                    .map(|_| "in absentia".to_owned()),
            ]
            .into_iter()
            .flatten()
            .collect();
            let _ = writeln!(out, "  {}. {}", n + 1, head.join(", "));
            list(&mut out, 5, "Perpetrators", &act.perpetrators);
            list(&mut out, 5, "Officials", &act.officials);
            list(&mut out, 5, "Charges", &act.charges);
            field(&mut out, 5, "Sentence", act.sentence.as_deref());
            field(&mut out, 5, "Notes", act.notes.as_deref());
        }
    }
    if !r.people.is_empty() {
        let _ = writeln!(out, "\nPeople");
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
        let _ = writeln!(out, "\nConsent");
        for c in &r.consent {
            let conditions = c
                .conditions
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| format!(" ({s})"));
            let _ = writeln!(
                out,
                "  {}: {}{}",
                c.purpose.as_str(),
                c.level.as_str(),
                conditions.unwrap_or_default()
            );
        }
    }
    if r.risk.is_some() || !r.tags.is_empty() || !r.sensitive_terms.is_empty() {
        out.push('\n');
    }
    field(&mut out, 0, "Risk", r.risk.map(|x| x.as_str()));
    list(&mut out, 0, "Tags", &r.tags);
    list(&mut out, 0, "Sensitive terms", &r.sensitive_terms);
    block(&mut out, "Summary", r.summary.as_deref());
    block(&mut out, "Narrative", r.narrative.as_deref());
    out
}

/// Warns about every unreadable file on stderr and fails the command (exit 1) if there was any,
/// after the intact records have been served.
pub fn report_problems(ui: &Ui, problems: &[Problem]) -> Result<(), CliError> {
    if problems.is_empty() {
        return Ok(());
    }
    for p in problems {
        ui.warn(&format!("skipped {}: {}", p.path.display(), p.reason));
    }
    Err(CliError::failure(format!("{} file(s) in the vault could not be read", problems.len()))
        .hint("the vault may be damaged or tampered with: run `tvault verify` for a full report, and keep this copy unchanged"))
}
