//! The redaction report (`--report FILE`): what was removed, by kind and count, per record and
//! in total; records withheld, by reason; generalisations applied; the rule-set version; the
//! result of the final re-scan.
//!
//! It must never carry a removed value, its length or its position, and never list a withheld
//! record: only counts, kinds, levels and the ids of exported records.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Generalised, RULE_SET, Settings, Withheld};
use crate::record::ConsentLevel;
use crate::redact::{Counts, Kind};

/// The report of one export (JSON, docs/EXPORT.md).
#[derive(Debug, Serialize)]
pub struct Report {
    format: &'static str,
    version: u32,
    purpose: &'static str,
    export_format: &'static str,
    generated_at: String,
    rule_set: &'static str,
    include_narrative: bool,
    unlisted_names_removed: bool,
    exported: usize,
    by_level: BTreeMap<&'static str, usize>,
    withheld: WithheldCounts,
    removed: BTreeMap<&'static str, usize>,
    unlisted_surnames_learned: usize,
    generalised: BTreeMap<&'static str, usize>,
    consent_with_conditions: usize,
    records: Vec<RecordReport>,
    rescan: &'static str,
}

#[derive(Debug, Default, Serialize)]
struct WithheldCounts {
    total: usize,
    by_reason: BTreeMap<&'static str, usize>,
}

#[derive(Debug, Serialize)]
struct RecordReport {
    id: String,
    identification: &'static str,
    removed: BTreeMap<&'static str, usize>,
    generalised: BTreeMap<&'static str, usize>,
}

impl Report {
    pub(super) fn new(settings: &Settings) -> Report {
        Report {
            format: "tvault-export-report",
            version: 1,
            purpose: settings.purpose.as_str(),
            export_format: settings.format.as_str(),
            generated_at: settings.generated_at.clone(),
            rule_set: RULE_SET,
            include_narrative: settings.include_narrative,
            unlisted_names_removed: !settings.keep_unlisted_names,
            exported: 0,
            by_level: BTreeMap::new(),
            withheld: WithheldCounts::default(),
            removed: Kind::ALL.iter().map(|k| (k.code(), 0)).collect(),
            unlisted_surnames_learned: 0,
            generalised: Generalised::default().pairs().into_iter().collect(),
            consent_with_conditions: 0,
            records: Vec::new(),
            rescan: "not run",
        }
    }

    pub(super) fn withhold(&mut self, reason: Withheld) {
        self.withheld.total += 1;
        *self.withheld.by_reason.entry(reason.code()).or_default() += 1;
    }

    pub(super) fn exported(
        &mut self,
        id: &str,
        level: ConsentLevel,
        counts: &Counts,
        generalised: &Generalised,
    ) {
        self.exported += 1;
        *self.by_level.entry(level.as_str()).or_default() += 1;
        for (kind, n) in counts {
            *self.removed.entry(kind.code()).or_default() += n;
        }
        for (name, n) in generalised.pairs() {
            *self.generalised.entry(name).or_default() += n;
        }
        self.records.push(RecordReport {
            id: id.to_owned(),
            identification: level.as_str(),
            removed: counts
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(k, n)| (k.code(), *n))
                .collect(),
            generalised: generalised
                .pairs()
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .collect(),
        });
    }

    pub(super) fn unlisted(&mut self, surnames: usize) {
        self.unlisted_surnames_learned += surnames;
    }

    pub(super) fn conditional(&mut self) {
        self.consent_with_conditions += 1;
    }

    pub(super) fn rescan_clean(&mut self) {
        self.rescan = "clean";
    }

    /// Records exported.
    pub fn exported_total(&self) -> usize {
        self.exported
    }

    /// Records withheld.
    pub fn withheld_total(&self) -> usize {
        self.withheld.total
    }

    /// Exported records whose consent for the purpose carries conditions.
    pub fn conditional_total(&self) -> usize {
        self.consent_with_conditions
    }

    /// The report as pretty JSON with a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("a Report always serialises to JSON");
        out.push(b'\n');
        out
    }
}
