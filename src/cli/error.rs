//! Command errors: one line for the user, an optional `hint:` line, and the exit code. The one
//! place that decides, for each core error, whether it is the user's mistake (2) or a failed
//! operation (1).

use crate::error::Error;
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
            // The reasons and system messages stay as the core and the OS word them.
            e @ (Error::Corrupt { .. } | Error::Io { .. }) => CliError::failure(e.to_string()),
            Error::InvalidRecord(e) => {
                CliError::failure(tr!("err-invalid-record", reason = e.to_string()))
            }
            Error::RecordNotFound { id } => CliError::failure(tr!("err-record-not-found", id = id))
                .hint(tr!("hint-record-not-found")),
            Error::AmbiguousId { prefix, count } => {
                CliError::failure(tr!("err-ambiguous-id", prefix = prefix, count = count))
                    .hint(tr!("hint-ambiguous-id"))
            }
            e @ Error::Invalid(_) => CliError::usage(e.to_string()),
            e @ Error::Crypto(_) => CliError::failure(e.to_string()),
        }
    }
}

impl From<crate::crypto::IdentityFileError> for CliError {
    fn from(e: crate::crypto::IdentityFileError) -> Self {
        CliError::failure(tr!("err-identity-file", reason = e.to_string()))
    }
}
