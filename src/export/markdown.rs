//! Markdown rendering: a report a rapporteur can read and paste, with a header stating the
//! purpose, the date, the counts and that the content is redacted, then one section per record.
//!
//! Untrusted text is escaped so that it stays text: no HTML (`<`, `>`), no emphasis, code, table
//! or heading syntax, no links (`](`). Redaction markers (`[PERSON 1]`) are left as they are:
//! brackets alone are not Markdown syntax.

use super::report::Report;
use super::summary::Summary;
use super::{Agreement, RULE_SET, Settings};

/// The document header (after the counts are known).
pub fn header(settings: &Settings, report: &Report) -> Vec<u8> {
    let t = settings.text;
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", t("md-title", &[])));
    let purpose = settings.purpose.as_str();
    let lines = [
        t(
            "md-purpose",
            &[
                ("purpose", purpose.to_owned()),
                ("label", (settings.vocab_label)(purpose, Agreement::Default)),
            ],
        ),
        t(
            "md-generated",
            &[
                ("time", settings.generated_at.clone()),
                ("version", env!("CARGO_PKG_VERSION").to_owned()),
                ("rules", RULE_SET.to_owned()),
            ],
        ),
        t(
            "md-records",
            &[
                ("exported", report.exported_total().to_string()),
                ("withheld", report.withheld_total().to_string()),
            ],
        ),
        t("md-redacted", &[]),
    ];
    for line in lines {
        out.push_str(&format!("- {line}\n"));
    }
    if purpose != "accountability" {
        out.push_str(&format!("- {}\n", t("md-officials-removed", &[])));
    }
    out.push_str("\n---\n\n");
    out.into_bytes()
}

/// The section of one record.
pub fn section(s: &Summary, settings: &Settings) -> String {
    let t = settings.text;
    let label = |code: &str| (settings.vocab_label)(code, Agreement::Default);
    let field = |id: &str, value: String| format!("- **{}:** {value}\n", t(id, &[]));
    let mut out = String::new();
    out.push_str(&format!("## {}\n\n", esc(&s.witness.name)));
    out.push_str(&field("md-record", s.id.clone()));
    out.push_str(&field("md-identification", label(s.identification)));
    let w = &s.witness;
    let mut person = Vec::new();
    if let Some(sex) = w.sex {
        person.push(label(sex));
    }
    if let Some(b) = &w.birth_date {
        person.push(t("md-born", &[("date", esc(b))]));
    }
    if let Some(o) = &w.occupation {
        person.push(esc(o));
    }
    if let Some(e) = &w.employer {
        person.push(t("md-employer", &[("employer", esc(e))]));
    }
    if !person.is_empty() {
        out.push_str(&field("md-witness", person.join(", ")));
    }
    for u in &w.unions {
        let value = match &u.role {
            Some(role) => format!("{} ({})", esc(&u.name), esc(role)),
            None => esc(&u.name),
        };
        out.push_str(&field("md-union", value));
    }
    if let Some(status) = w.status {
        let agreement = if w.sex == Some("female") {
            Agreement::Feminine
        } else {
            Agreement::Default
        };
        let status = (settings.vocab_label)(status, agreement);
        let value = match &w.status_as_of {
            Some(d) => t("md-status-as-of", &[("status", status), ("date", esc(d))]),
            None => status,
        };
        out.push_str(&field("md-status", value));
    }
    if let Some(i) = &s.interview {
        let parts: Vec<String> = [&i.date, &i.mode, &i.place]
            .into_iter()
            .flatten()
            .map(|p| esc(&p.replace('_', " ")))
            .collect();
        out.push_str(&field("md-interview", parts.join(", ")));
    }
    if let Some(l) = &s.language {
        out.push_str(&field("md-language", esc(l)));
    }
    if !s.tags.is_empty() {
        let tags: Vec<String> = s.tags.iter().map(|t| esc(t)).collect();
        out.push_str(&field("md-tags", tags.join(", ")));
    }
    if let Some(c) = &s.consent_conditions {
        out.push_str(&field("md-conditions", esc(c)));
    }
    if !s.acts.is_empty() {
        out.push_str(&format!("\n### {}\n\n", t("md-acts", &[])));
        for (n, a) in s.acts.iter().enumerate() {
            let kind = a
                .act_type
                .map_or_else(|| t("md-act", &[]), |code| capital(&label(code)));
            let mut line = format!("{}. **{kind}**", n + 1);
            if let Some(d) = &a.date {
                line.push_str(&format!(", {}", esc(d)));
            }
            if let Some(p) = &a.place {
                let parts: Vec<String> = [&p.site, &p.locality, &p.region, &p.country]
                    .into_iter()
                    .flatten()
                    .map(|s| esc(s))
                    .collect();
                line.push_str(&format!(", {}", parts.join(", ")));
            }
            line.push('.');
            let list = |v: &[String]| v.iter().map(|s| esc(s)).collect::<Vec<_>>().join("; ");
            let mut part = |id: &str, value: String| {
                line.push_str(&format!(" {}", t(id, &[("value", value)])));
            };
            if !a.perpetrators.is_empty() {
                part("md-by", list(&a.perpetrators));
            }
            if !a.officials.is_empty() {
                part("md-officials", list(&a.officials));
            }
            if !a.charges.is_empty() {
                part("md-charges", list(&a.charges));
            }
            if let Some(s) = &a.sentence {
                part("md-sentence", esc(s));
            }
            if a.in_absentia == Some(true) {
                part("md-in-absentia", String::new());
            }
            if let Some(notes) = &a.notes {
                part("md-notes", esc(notes));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    if let Some(text) = &s.summary {
        out.push_str(&format!(
            "\n### {}\n\n{}\n",
            t("md-summary", &[]),
            esc(text)
        ));
    }
    if let Some(text) = &s.narrative {
        out.push_str(&format!(
            "\n### {}\n\n{}\n",
            t("md-testimony", &[]),
            esc(text)
        ));
    }
    out.push_str("\n---\n\n");
    out
}

/// `text` with its first letter in upper case (labels start lower case to fit mid-sentence).
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Untrusted text as literal Markdown text.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '=' | '+' | '-' if line_start => {
                out.push('\\');
                out.push(c);
            }
            ']' if chars.peek() == Some(&'(') => out.push_str("]\\"),
            '\r' => {}
            _ => out.push(c),
        }
        line_start = c == '\n' || (line_start && c == ' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_stays_text() {
        assert_eq!(esc("<script>"), "&lt;script&gt;");
        assert_eq!(esc("[x](http://e)"), "[x]\\(http://e)");
        assert_eq!(esc("# head\n- item"), "\\# head\n\\- item");
        assert_eq!(esc("a_b*c"), "a_b\\*c");
        assert_eq!(esc("[PERSON 1] met [PHONE]"), "[PERSON 1] met [PHONE]");
    }
}
