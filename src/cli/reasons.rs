//! The core's reasons for a damaged file (`Error::Corrupt`, `verify` problems), in the interface
//! language.
//!
//! The core words its reasons in English and never prints (STYLE.md); this table recognises
//! each wording and gives the message id that says the same in every language. A reason the
//! table does not know is shown as the core wrote it. `{}` in a template is a variable part (an
//! id, a version, a fingerprint), passed to the message as `$a`, `$b`, ... unchanged; a template
//! ending in `{reason}` translates the rest as a reason in turn. Reasons never hold testimony
//! (the core's rule), so no translation can leak any.

/// Core wordings and their message ids, most specific first.
const REASONS: &[(&str, &str)] = &[
    (
        "not in the journal: planted, or not written by this vault",
        "reason-not-in-journal",
    ),
    ("not in the journal: planted file", "reason-planted-file"),
    (
        "unexpected entry in the vault (planted?)",
        "reason-unexpected-entry",
    ),
    (
        "unexpected entry in journal/ (planted file, directory or symbolic link)",
        "reason-unexpected-in-journal",
    ),
    (
        "symbolic link planted in the vault (never followed)",
        "reason-symlink",
    ),
    (
        "record {} version {} is missing (file deleted)",
        "reason-record-missing",
    ),
    ("file is missing (deleted)", "reason-file-missing"),
    (
        "record {} version {}: altered since it was written (SHA-256 differs from the journal)",
        "reason-record-altered",
    ),
    (
        "altered since it was written (SHA-256 differs from the journal)",
        "reason-altered",
    ),
    (
        "holds record {} version {}, but the journal says record {} version {} (swapped or duplicated)",
        "reason-swapped",
    ),
    (
        "record {}: not encrypted to this vault",
        "reason-record-foreign",
    ),
    (
        "not encrypted to this vault's key (replaced?)",
        "reason-config-foreign",
    ),
    ("belongs to another vault", "reason-other-vault"),
    (
        "a rekey was committed but cannot be finished: its new files are missing from staging/ (copied or cleaned without them?); use a copy of the vault made before the rekey, or recover by hand (docs/FORMAT.md, \"Rekey\")",
        "reason-rekey-unfinishable",
    ),
    (
        "key slot is not in the integrity journal",
        "reason-slot-unvouched",
    ),
    (
        "key slot does not match the integrity journal (altered?)",
        "reason-slot-altered",
    ),
    (
        "the integrity journal is missing or incomplete; refusing to write (run `tvault verify`)",
        "reason-journal-broken",
    ),
    (
        "journal entry fails its HMAC (forged or altered)",
        "reason-journal-forged",
    ),
    (
        "journal entry {} is missing (history deleted or truncated)",
        "reason-journal-entry-missing",
    ),
    (
        "the journal directory is missing",
        "reason-journal-dir-missing",
    ),
    (
        "the journal has no initial entry",
        "reason-journal-no-initial",
    ),
    (
        "the journal holds no entry (deleted?)",
        "reason-journal-empty",
    ),
    (
        "journal head is {}, not the expected {}: the vault was rolled back or changed since",
        "reason-rollback",
    ),
    ("index segment is damaged", "reason-index-damaged"),
    ("file too large", "reason-too-large"),
    ("not a regular file", "reason-not-regular"),
    (
        "does not match the integrity journal; refusing to rekey a damaged vault (run `tvault verify`)",
        "reason-rekey-damaged",
    ),
    ("record {}: {reason}", "reason-record"),
    ("index segment: {reason}", "reason-index-segment"),
];

/// `reason` in the interface language (as it is where no translation is known).
pub fn reason(reason: &str) -> String {
    for (template, id) in REASONS {
        let Some(parts) = parse(template, reason) else {
            continue;
        };
        let args: Vec<(&str, String)> = parts
            .into_iter()
            .zip(["a", "b", "c", "d"])
            .map(|((part, nested), name)| {
                (
                    name,
                    if nested {
                        self::reason(part)
                    } else {
                        part.to_owned()
                    },
                )
            })
            .collect();
        return super::i18n::text(id, &args);
    }
    reason.to_owned()
}

/// Matches `text` against `template`; the variable parts, each with whether it is a nested
/// reason (`{reason}`, always last).
fn parse<'t>(template: &str, text: &'t str) -> Option<Vec<(&'t str, bool)>> {
    let pieces: Vec<&str> = template.split('{').collect();
    let mut rest = text.strip_prefix(pieces[0])?;
    let mut out = Vec::new();
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        let (name, literal) = piece.split_once('}')?;
        let last = i == pieces.len() - 1;
        if last && literal.is_empty() {
            out.push((rest, name == "reason"));
            return Some(out);
        }
        // A variable part ends at the first occurrence of the literal that follows it.
        let end = rest.find(literal)?;
        out.push((&rest[..end], false));
        rest = &rest[end + literal.len()..];
    }
    rest.is_empty().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_with_their_parts() {
        assert_eq!(
            parse(
                "record {} version {} is missing (file deleted)",
                "record abc version 2 is missing (file deleted)"
            ),
            Some(vec![("abc", false), ("2", false)])
        );
        assert_eq!(
            parse("record {}: {reason}", "record abc: file too large"),
            Some(vec![("abc", false), ("file too large", true)])
        );
        assert_eq!(parse("file too large", "file too large!"), None);
        assert_eq!(parse("record {}: {reason}", "journal"), None);
    }

    #[test]
    fn every_reason_has_a_message_in_english_that_reads_the_same() {
        // In English the translation must give back the core's own words.
        for (template, _) in REASONS {
            let sample = template
                .replace("{reason}", "file too large")
                .replace("{}", "X1");
            assert_eq!(reason(&sample), sample, "{template}");
        }
        assert_eq!(reason("something new"), "something new");
    }
}
