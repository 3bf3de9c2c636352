//! CSV rendering (RFC 4180, UTF-8, CRLF line ends): one row per exported record, stable
//! columns. Several values in one cell (acts, charges, tags) are joined with ` | `; the n-th
//! value of each act column belongs to the n-th act.
//!
//! Why cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`:
//! spreadsheet programs run such cells as formulas, and an export is opened by people who did
//! not write its text (CSV injection). The apostrophe is the convention spreadsheets hide.

use super::summary::Summary;

/// The columns, in order (docs/EXPORT.md). `narrative` only with `--include-narrative`.
const COLUMNS: &[&str] = &[
    "id",
    "identification",
    "witness",
    "sex",
    "birth_date",
    "occupation",
    "employer",
    "unions",
    "status",
    "status_as_of",
    "language",
    "interview_date",
    "interview_mode",
    "act_types",
    "act_dates",
    "act_places",
    "perpetrators",
    "officials",
    "charges",
    "sentences",
    "in_absentia",
    "act_notes",
    "tags",
    "summary",
    "consent_conditions",
];

/// The header row.
pub fn header(include_narrative: bool) -> Vec<u8> {
    let mut cells: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    if include_narrative {
        cells.push("narrative".to_owned());
    }
    line(&cells).into_bytes()
}

/// The row of one record.
pub fn row(s: &Summary, include_narrative: bool) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let join = |v: Vec<String>| v.join(" | ");
    let acts = &s.acts;
    let mut cells = vec![
        s.id.clone(),
        s.identification.to_owned(),
        s.witness.name.clone(),
        s.witness.sex.unwrap_or_default().to_owned(),
        opt(&s.witness.birth_date),
        opt(&s.witness.occupation),
        opt(&s.witness.employer),
        join(
            s.witness
                .unions
                .iter()
                .map(|u| match &u.role {
                    Some(role) => format!("{} ({role})", u.name),
                    None => u.name.clone(),
                })
                .collect(),
        ),
        s.witness.status.unwrap_or_default().to_owned(),
        opt(&s.witness.status_as_of),
        opt(&s.language),
        s.interview
            .as_ref()
            .map(|i| opt(&i.date))
            .unwrap_or_default(),
        s.interview
            .as_ref()
            .map(|i| opt(&i.mode))
            .unwrap_or_default(),
        join(
            acts.iter()
                .map(|a| a.act_type.unwrap_or_default().to_owned())
                .collect(),
        ),
        join(acts.iter().map(|a| opt(&a.date)).collect()),
        join(
            acts.iter()
                .map(|a| {
                    a.place
                        .as_ref()
                        .map(|p| {
                            [&p.site, &p.locality, &p.region, &p.country]
                                .into_iter()
                                .flatten()
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default()
                })
                .collect(),
        ),
        join(acts.iter().map(|a| a.perpetrators.join("; ")).collect()),
        join(acts.iter().map(|a| a.officials.join("; ")).collect()),
        join(acts.iter().map(|a| a.charges.join("; ")).collect()),
        join(acts.iter().map(|a| opt(&a.sentence)).collect()),
        join(
            acts.iter()
                .map(|a| a.in_absentia.map(|b| b.to_string()).unwrap_or_default())
                .collect(),
        ),
        join(acts.iter().map(|a| opt(&a.notes)).collect()),
        s.tags.join("; "),
        opt(&s.summary),
        opt(&s.consent_conditions),
    ];
    if include_narrative {
        cells.push(opt(&s.narrative));
    }
    line(&cells)
}

/// One CSV line: every cell quoted when it needs it, CRLF at the end.
fn line(cells: &[String]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell_text(cell));
    }
    out.push_str("\r\n");
    out
}

fn cell_text(cell: &str) -> String {
    let guarded;
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{cell}");
        guarded.as_str()
    } else {
        cell
    };
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(cell_text("plain"), "plain");
        assert_eq!(cell_text("a, b"), "\"a, b\"");
        assert_eq!(cell_text("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(cell_text("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell_text(""), "");
    }

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(cell_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell_text("+1"), "'+1");
        assert_eq!(cell_text("@cmd"), "'@cmd");
        assert_eq!(cell_text("-2"), "'-2");
    }

    #[test]
    fn header_has_stable_columns() {
        let h = String::from_utf8(header(true)).unwrap();
        assert!(h.starts_with("id,identification,witness,"));
        assert!(h.ends_with(",consent_conditions,narrative\r\n"));
        let h = String::from_utf8(header(false)).unwrap();
        assert!(h.ends_with(",consent_conditions\r\n"));
    }
}
