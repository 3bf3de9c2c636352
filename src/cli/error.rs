//! Command errors: one line for the user, an optional `hint:` line, and the exit code. The one
//! place that decides, for each core error, whether it is the user's mistake (2) or a failed
//! operation (1).

use crate::error::Error;
use crate::record::{DateError, ErrorKind, RecordError};
use crate::tr;

/// Exit code of a failed operation (wrong key, damaged vault, record not found).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code of a usage error.
pub const EXIT_USAGE: u8 = 2;
/// Exit code after an interrupt.
pub const EXIT_INTERRUPTED: u8 = 130;

/// An error as the user sees it.
#[derive(Debug)]
pub struct CliError {
    /// Exit code.
    pub code: u8,
    /// One line, never plaintext.
    pub message: String,
    /// What to do next.
    pub hint: Option<String>,
}

impl CliError {
    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            code: EXIT_USAGE,
            message: message.into(),
            hint: None,
        }
    }

    /// A failed operation (exit 1).
    pub fn failure(message: impl Into<String>) -> Self {
        CliError {
            code: EXIT_FAILURE,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        let path = |p: &std::path::Path| p.display().to_string();
        match e {
            Error::NotAVault { path: p } => {
                CliError::usage(tr!("err-not-a-vault", path = path(&p)))
                    .hint(tr!("hint-not-a-vault"))
            }
            Error::NotEmpty { path: p } => {
                CliError::usage(tr!("err-not-empty", path = path(&p))).hint(tr!("hint-not-empty"))
            }
            Error::NewerFormat {
                path: p,
                found,
                supported,
            } => CliError::failure(tr!(
                "err-newer-format",
                path = path(&p),
                found = found,
                supported = supported
            ))
            .hint(tr!("hint-newer-format")),
            Error::WrongKey => CliError::failure(tr!("err-wrong-key")),
            Error::NoPassphraseSlot => {
                CliError::usage(tr!("err-no-passphrase-slot")).hint(tr!("hint-pass-identity"))
            }
            Error::NoRecipientsSlot => {
                CliError::usage(tr!("err-no-recipients-slot")).hint(tr!("hint-pass-passphrase"))
            }
            Error::LastUnlockMethod => CliError::failure(tr!("err-last-unlock-method"))
                .hint(tr!("hint-last-unlock-method")),
            Error::RekeyNeedsPassphrase => CliError::usage(tr!("err-rekey-needs-passphrase"))
                .hint(tr!("hint-rekey-needs-passphrase")),
            Error::ExcessiveWork {
                path: p,
                found,
                max,
            } => CliError::failure(tr!(
                "err-excessive-work",
                path = path(&p),
                found = found,
                max = max
            ))
            .hint(tr!("hint-excessive-work")),
            Error::Locked { path: p } => {
                CliError::failure(tr!("err-locked", path = path(&p))).hint(tr!("hint-locked"))
            }
            Error::Symlink { path: p } => CliError::failure(tr!("err-symlink", path = path(&p))),
            // The core's reasons in the interface language (cli/reasons.rs); system messages as
            // the OS words them.
            Error::Corrupt { path: p, reason } => {
                CliError::failure(format!("{}: {}", path(&p), super::reasons::reason(&reason)))
            }
            e @ Error::Io { .. } => CliError::failure(e.to_string()),
            Error::InvalidRecord(e) => {
                CliError::failure(tr!("err-invalid-record", reason = record_error(&e)))
            }
            Error::RecordNotFound { id } => CliError::failure(tr!("err-record-not-found", id = id))
                .hint(tr!("hint-record-not-found")),
            Error::AmbiguousId { prefix, count } => {
                CliError::failure(tr!("err-ambiguous-id", prefix = prefix, count = count))
                    .hint(tr!("hint-ambiguous-id"))
            }
            Error::RecordDeleted { id } => {
                CliError::failure(tr!("err-record-deleted", id = id.as_str()))
                    .hint(tr!("hint-record-deleted", id = id))
            }
            Error::VersionNotFound { id, version } => CliError::failure(tr!(
                "err-version-not-found",
                id = id.as_str(),
                version = version
            ))
            .hint(tr!("hint-record-deleted", id = id)),
            Error::DifferentVault { path: p } => {
                CliError::failure(tr!("err-different-vault", path = path(&p)))
                    .hint(tr!("hint-different-vault"))
            }
            Error::SameVault { path: p } => {
                CliError::failure(tr!("err-same-vault", path = path(&p)))
                    .hint(tr!("hint-same-vault"))
            }
            Error::MergeSourceDamaged { path: p, count } => CliError::failure(tr!(
                "err-merge-source-damaged",
                path = path(&p),
                count = count
            ))
            .hint(tr!("hint-merge-source-damaged", path = path(&p))),
            e @ Error::Invalid(_) => CliError::usage(e.to_string()),
            e @ Error::Crypto(_) => CliError::failure(e.to_string()),
        }
    }
}

/// A rejected record in the interface language: `line N: PATH: problem`, each prefix only when
/// known. Like the core's own text, it never holds a value from the input (field names of
/// unknown fields come escaped and cut by the record module).
pub fn record_error(e: &RecordError) -> String {
    let mut out = String::new();
    if let Some(line) = e.line() {
        out.push_str(&tr!("rec-line", line = line));
        out.push_str(": ");
    }
    if !e.path().is_empty() {
        out.push_str(e.path());
        out.push_str(": ");
    }
    let kind = match e.kind() {
        ErrorKind::EmptyInput => tr!("rec-empty-input"),
        ErrorKind::Syntax { line, column } => tr!("rec-syntax", line = *line, column = *column),
        ErrorKind::UnexpectedEnd { line, column } => {
            tr!("rec-unexpected-end", line = *line, column = *column)
        }
        ErrorKind::DuplicateField { line, column } => {
            tr!("rec-duplicate-field", line = *line, column = *column)
        }
        ErrorKind::NotRecords => tr!("rec-not-records"),
        ErrorKind::WrongType { expected } => {
            let id = match *expected {
                "a string" => "rec-type-string",
                "a boolean" => "rec-type-boolean",
                "an object" => "rec-type-object",
                "an array of strings" => "rec-type-strings",
                "an array of objects" => "rec-type-objects",
                _ => return format!("{out}{}", e.kind()),
            };
            tr!("rec-wrong-type", expected = super::i18n::message(id, None))
        }
        ErrorKind::UnknownField { field, allowed } => tr!(
            "rec-unknown-field",
            field = field.as_str(),
            allowed = allowed.join(", ")
        ),
        ErrorKind::MissingField { field } => tr!("rec-missing-field", field = *field),
        ErrorKind::Vocabulary(v) => tr!(
            "rec-vocabulary",
            vocabulary = v.vocabulary,
            allowed = v.allowed.join(", ")
        ),
        ErrorKind::Date(d) => {
            let id = match d {
                DateError::Empty => "rec-date-empty",
                DateError::Syntax => "rec-date-syntax",
                DateError::Month => "rec-date-month",
                DateError::Day => "rec-date-day",
                DateError::BothOpen => "rec-date-both-open",
                DateError::Reversed => "rec-date-reversed",
            };
            tr!("rec-date", reason = super::i18n::message(id, None))
        }
        ErrorKind::Language => tr!("rec-language"),
        ErrorKind::NoNames => tr!("rec-no-names"),
        ErrorKind::BlankName => tr!("rec-blank-name"),
        ErrorKind::DuplicatePurpose { first } => {
            tr!("rec-duplicate-purpose", first = first.as_str())
        }
        ErrorKind::StringTooLong { limit } => tr!("rec-string-too-long", limit = *limit),
        ErrorKind::RecordTooLarge { limit } => tr!("rec-record-too-large", limit = *limit),
        ErrorKind::Cbor => tr!("rec-cbor"),
        ErrorKind::TrailingBytes => tr!("rec-trailing-bytes"),
        ErrorKind::Schema => tr!("rec-schema"),
        ErrorKind::OtherRecord => tr!("rec-other-record"),
    };
    out.push_str(&kind);
    out
}

impl From<crate::crypto::IdentityFileError> for CliError {
    fn from(e: crate::crypto::IdentityFileError) -> Self {
        CliError::failure(tr!("err-identity-file", reason = e.to_string()))
    }
}
