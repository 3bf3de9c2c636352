//! Redacted export (SPEC.md, "Redacted export"): decides from each record's consent what may
//! leave the vault and at which identification level, builds the redacted summary of each
//! record through the redaction engine, renders it as JSON, CSV or Markdown, re-scans the
//! finished rendering of every record, and counts what was removed for the report.
//!
//! Pure: the caller hands in decrypted records and gets bytes back; this module does no I/O of
//! its own, never prints and reads no environment. It must never put a removed value, its
//! length or its position into anything it returns other than the export itself: the report
//! and errors carry counts, kinds and record ids only.

mod csv;
mod markdown;
mod report;
mod summary;

#[cfg(test)]
mod tests;

use crate::record::{ConsentLevel, Purpose, Record};
use crate::redact::{self, Kind};

pub use report::Report;
pub use summary::Summary;

/// Version of the redaction rules (the report names it, so a reader can tell which rules
/// produced an export).
pub const RULE_SET: &str = "tvault-redact/1";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Markdown,
}

impl Format {
    /// The `--format` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
        }
    }
}

/// How a vocabulary label agrees with the witness it describes: Belarusian and Russian put a
/// status in the feminine for a woman (`вызваленая`, `освобождена`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// The dictionary form (masculine), and every label that does not describe the witness.
    Default,
    /// A status of a witness whose `sex` is `female`.
    Feminine,
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Settings {
    pub purpose: Purpose,
    pub format: Format,
    pub include_narrative: bool,
    pub keep_unlisted_names: bool,
    /// `YYYY-MM-DDTHH:MM:SSZ`, for the Markdown header and the report.
    pub generated_at: String,
    /// The human label of a vocabulary code (act types, statuses, levels, purposes) for the
    /// Markdown export, in the interface language; JSON and CSV keep the codes.
    pub vocab_label: fn(&str, Agreement) -> String,
    /// The interface text `id` (with named arguments) for the Markdown export, in the interface
    /// language (the CLI's messages `md-*`).
    pub text: Text,
}

/// Looks up an interface text by id with named arguments.
pub type Text = fn(&str, &[(&str, String)]) -> String;

/// One record to export, decrypted (with its narrative when `--include-narrative`).
pub struct Input<'a> {
    pub id: &'a str,
    pub record: &'a Record,
}

/// Why a record was withheld (never which one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Withheld {
    /// No consent entry for the purpose.
    NoConsent,
    NoUse,
    AggregateOnly,
}

impl Withheld {
    /// Stable code for the report.
    pub fn code(self) -> &'static str {
        match self {
            Withheld::NoConsent => "no_consent",
            Withheld::NoUse => "no_use",
            Withheld::AggregateOnly => "aggregate_only",
        }
    }
}

/// The identification level at which a record may be exported for `purpose`, or why not.
pub fn decide(record: &Record, purpose: Purpose) -> Result<ConsentLevel, Withheld> {
    decide_level(record.consent_for(purpose))
}

/// [`decide`] from the consent level the record gives for the purpose (`None`: no entry).
pub fn decide_level(level: Option<ConsentLevel>) -> Result<ConsentLevel, Withheld> {
    match level {
        None => Err(Withheld::NoConsent),
        Some(ConsentLevel::NoUse) => Err(Withheld::NoUse),
        Some(ConsentLevel::AggregateOnly) => Err(Withheld::AggregateOnly),
        Some(level) => Ok(level),
    }
}

/// The export failed its final re-scan: something that should have been removed is still in
/// the rendering of record `id`. Nothing may be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "record {id}: the redacted export still contains {} after redaction; nothing was written",
    kinds_text(.kinds)
)]
pub struct Leak {
    pub id: String,
    pub kinds: Vec<Kind>,
}

fn kinds_text(kinds: &[Kind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    format!("something of kind {}", names.join(", "))
}

/// A finished export: the bytes to write and the report.
pub struct Output {
    pub bytes: Vec<u8>,
    pub report: Report,
    /// The records exported (not withheld, loaded), as indices into what was given, in order.
    pub exported: Vec<usize>,
}

/// Builds the export of `inputs` (in the order given): consent, redaction, rendering, re-scan.
/// `withheld` are the reasons of records the caller withheld already, from their consent alone
/// (counted, like every withheld record, never listed). `pseudonym` gives the stable derived
/// pseudonym of a record's witness (used at level `pseudonym` when the record sets none).
pub fn export(
    inputs: &[Input<'_>],
    withheld: &[Withheld],
    settings: &Settings,
    pseudonym: &(dyn Fn(&Record) -> String + Sync),
) -> Result<Output, Leak> {
    let pending: Vec<Pending<'_>> = withheld
        .iter()
        .map(|&reason| Pending {
            id: "",
            decision: Err(reason),
        })
        .chain(inputs.iter().map(|input| Pending {
            id: input.id,
            decision: decide(input.record, settings.purpose),
        }))
        .collect();
    let first = withheld.len();
    let load =
        |i: usize| -> Result<&Record, std::convert::Infallible> { Ok(inputs[i - first].record) };
    let (mut output, _) = export_each(&pending, settings, &load, pseudonym)?;
    output.exported.iter_mut().for_each(|i| *i -= first);
    Ok(output)
}

/// A record to export, known so far by its id and by what its consent for the purpose decides
/// ([`decide_level`] on its `consent` field alone, which costs little to read).
pub struct Pending<'a> {
    pub id: &'a str,
    pub decision: Result<ConsentLevel, Withheld>,
}

/// [`export`] of records decoded only when their turn comes, each on the thread that redacts and
/// renders it and dropped right after: a big export holds one record per core in memory, not
/// all of them. `load(i)` gives the record of `pending[i]` (asked only for a record the decision
/// exports), or an error that is handed back, in order, with the export; a record that fails to
/// load is left out (counted neither exported nor withheld; an anonymous record's number is not
/// given to another).
///
/// The decision is taken again on the record as loaded. Should it differ (it cannot, both read
/// the same consent), the record is withheld as if it had no consent for the purpose: never
/// exported at a level its consent may not give.
pub fn export_each<R, E>(
    pending: &[Pending<'_>],
    settings: &Settings,
    load: &(dyn Fn(usize) -> Result<R, E> + Sync),
    pseudonym: &(dyn Fn(&Record) -> String + Sync),
) -> Result<(Output, Vec<E>), Leak>
where
    R: std::borrow::Borrow<Record>,
    E: Send,
{
    let mut report = Report::new(settings);
    // First, in order: consent, and the numbers of anonymous witnesses (`Witness N` counts in
    // output order).
    let mut jobs: Vec<Job> = Vec::new();
    let mut anonymous = 0usize;
    for (index, p) in pending.iter().enumerate() {
        match p.decision {
            Err(reason) => report.withhold(reason),
            Ok(level) => {
                let number = (level == ConsentLevel::Anonymous).then(|| {
                    anonymous += 1;
                    anonymous
                });
                jobs.push(Job {
                    index,
                    level,
                    number,
                });
            }
        }
    }
    // Then every record on its own, on every core: loading, a stored pseudonym that would give
    // the witness away, redaction, rendering, re-scan.
    let done = crate::parallel::map(jobs, |job| -> Step<E> {
        let record = match load(job.index) {
            Ok(r) => r,
            Err(e) => return Step::Failed(e),
        };
        let record: &Record = record.borrow();
        if decide(record, settings.purpose) != Ok(job.level) {
            return Step::Withheld(Withheld::NoConsent);
        }
        let label = match job.level {
            ConsentLevel::Anonymous => format!("Witness {}", job.number.unwrap_or_default()),
            ConsentLevel::Pseudonym => match &record.witness.pseudonym {
                Some(p) if !p.trim().is_empty() => p.trim().to_owned(),
                _ => pseudonym(record),
            },
            _ => record.primary_name().to_owned(),
        };
        let id = pending[job.index].id;
        let conditional = record
            .consent
            .iter()
            .any(|c| c.purpose == settings.purpose && c.conditions.is_some());
        match render(id, record, job.level, &label, settings) {
            Ok(rendered) => Step::Done(job.index, rendered, conditional),
            Err(leak) => Step::Leak(leak),
        }
    });
    let mut chunks: Vec<Vec<u8>> = Vec::with_capacity(done.len());
    let mut exported = Vec::with_capacity(done.len());
    let mut failed = Vec::new();
    for step in done {
        let (index, rendered, conditional) = match step {
            Step::Done(index, rendered, conditional) => (index, rendered, conditional),
            Step::Leak(leak) => return Err(leak),
            Step::Withheld(reason) => {
                report.withhold(reason);
                continue;
            }
            Step::Failed(e) => {
                failed.push(e);
                continue;
            }
        };
        report.exported(
            pending[index].id,
            rendered.level,
            &rendered.counts,
            &rendered.generalised,
        );
        report.unlisted(rendered.unlisted);
        if conditional {
            report.conditional();
        }
        exported.push(index);
        chunks.push(rendered.chunk);
    }
    let bytes = assemble(settings, &report, chunks);
    report.rescan_clean();
    Ok((
        Output {
            bytes,
            report,
            exported,
        },
        failed,
    ))
}

/// The export's bytes: the format's head, the records' chunks, the format's tail.
fn assemble(settings: &Settings, report: &Report, chunks: Vec<Vec<u8>>) -> Vec<u8> {
    let size: usize = chunks.iter().map(|c| c.len() + 1).sum();
    match settings.format {
        Format::Json => {
            let mut out = Vec::with_capacity(size + 128);
            out.extend_from_slice(b"{\"format\":\"tvault-export\",\"version\":1,\"purpose\":");
            out.extend_from_slice(
                serde_json::to_string(settings.purpose.as_str())
                    .expect("a string serialises")
                    .as_bytes(),
            );
            out.extend_from_slice(b",\"records\":[");
            for (i, chunk) in chunks.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(chunk);
            }
            out.extend_from_slice(
                format!("],\"withheld\":{}}}\n", report.withheld_total()).as_bytes(),
            );
            out
        }
        Format::Csv => {
            let mut out = csv::header(settings.include_narrative);
            out.reserve(size);
            for chunk in &chunks {
                out.extend_from_slice(chunk);
            }
            out
        }
        Format::Markdown => {
            let mut out = markdown::header(settings, report);
            out.reserve(size);
            for chunk in &chunks {
                out.extend_from_slice(chunk);
            }
            out
        }
    }
}

/// One record to export, with its level decided (and its number, if anonymous).
struct Job {
    index: usize,
    level: ConsentLevel,
    number: Option<usize>,
}

/// What became of one record to export.
enum Step<E> {
    Done(usize, Rendered, bool),
    Leak(Leak),
    Withheld(Withheld),
    Failed(E),
}

/// One record redacted and rendered.
struct Rendered {
    chunk: Vec<u8>,
    level: ConsentLevel,
    counts: redact::Counts,
    generalised: Generalised,
    unlisted: usize,
}

/// Redacts and renders one record, and re-scans the rendering.
fn render(
    id: &str,
    record: &Record,
    level: ConsentLevel,
    label: &str,
    settings: &Settings,
) -> Result<Rendered, Leak> {
    if level == ConsentLevel::Pseudonym && pseudonym_names_the_witness(record, label) {
        return Err(Leak {
            id: id.to_owned(),
            kinds: vec![Kind::Witness],
        });
    }
    // Redaction can bring an identifier into a detector's reach only once the one before it is
    // a marker (see `redact::Options::settle`); the rare record whose re-scan finds such a
    // thing is redacted again, field by field, until nothing is left.
    let job = One {
        id,
        record,
        level,
        label,
    };
    render_as(&job, settings, false).or_else(|_| render_as(&job, settings, true))
}

/// One record to render, with its level and label.
struct One<'a> {
    id: &'a str,
    record: &'a Record,
    level: ConsentLevel,
    label: &'a str,
}

/// [`render`], with redaction settled or not.
fn render_as(job: &One<'_>, settings: &Settings, settle: bool) -> Result<Rendered, Leak> {
    let (summary, redactor, generalised) =
        summary::build(job.id, job.record, job.level, job.label, settings, settle);
    let chunk = match settings.format {
        Format::Json => serde_json::to_string(&summary)
            .expect("a Summary always serialises to JSON (strings and lists only)"),
        Format::Csv => csv::row(&summary, settings.include_narrative),
        Format::Markdown => markdown::section(&summary, settings),
    };
    // The final re-scan, on the bytes that will be written, escapes included. In Markdown the
    // labels tvault itself writes ("Witness", "Search", in the interface language) are left out
    // of the scanned rendering: they are not the record's, and a label that resembles a name
    // ("Search" and "Sergei") would refuse a clean export.
    let unlabelled;
    let scanned = match settings.format {
        Format::Markdown => {
            unlabelled = markdown::section(
                &summary,
                &Settings {
                    text: |_, _| String::new(),
                    vocab_label: |_, _| String::new(),
                    ..settings.clone()
                },
            );
            &unlabelled
        }
        _ => &chunk,
    };
    // The record id is tvault's random name for the record, not the witness's: a run of digits
    // in it ("jbcx6p0493561028") must not pass for a phone number.
    let scanned = scanned.replace(job.id, "");
    let kinds = redactor.leaks(&scanned);
    if !kinds.is_empty() {
        return Err(Leak {
            id: job.id.to_owned(),
            kinds,
        });
    }
    // Kept until the whole export is assembled: without the spare capacity of its growth
    // (a third of the rendering, on average), which would be held for every record.
    let mut chunk = chunk.into_bytes();
    chunk.shrink_to_fit();
    Ok(Rendered {
        chunk,
        level: job.level,
        counts: redactor.counts(),
        generalised,
        unlisted: redactor.unlisted_names(),
    })
}

/// Whether a stored pseudonym gives the witness away (it contains one of their names in any
/// spelling or case): it is printed as the witness's name and used as their marker, so the
/// re-scan, which trusts markers, would not see it.
fn pseudonym_names_the_witness(record: &Record, pseudonym: &str) -> bool {
    let witness = redact::Entity {
        texts: record.witness.names.clone(),
        matching: redact::Matching::Name,
        kind: Kind::Witness,
        marker: Some(Kind::Witness.marker().to_owned()),
    };
    let redactor = redact::Redactor::new(
        &[witness],
        &[],
        redact::Options {
            keep_unlisted_names: true,
            settle: false,
        },
    );
    !redactor.leaks(pseudonym).is_empty()
}

/// Counts of what was generalised in one record (for the report).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generalised {
    pub dates_to_month: usize,
    pub places_to_region: usize,
    pub birth_dates_to_decade: usize,
    pub employer_dropped: usize,
    pub occupation_dropped: usize,
}

impl Generalised {
    fn pairs(&self) -> [(&'static str, usize); 5] {
        [
            ("dates_to_month", self.dates_to_month),
            ("places_to_region", self.places_to_region),
            ("birth_dates_to_decade", self.birth_dates_to_decade),
            ("employer_dropped", self.employer_dropped),
            ("occupation_dropped", self.occupation_dropped),
        ]
    }
}
