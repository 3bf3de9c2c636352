//! Command errors: one line for the user, an optional `hint:` line, and the exit code. The one
//! place that decides, for each core error, whether it is the user's mistake (2) or a failed
//! operation (1).

use crate::error::Error;

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
        let message = e.to_string();
        match e {
            Error::NotAVault { .. } => CliError::usage(message).hint(
                "pass --vault DIR (or set TVAULT_VAULT), or create a vault with `tvault init`",
            ),
            Error::NotEmpty { .. } => CliError::usage(message)
                .hint("choose a new directory, e.g. --vault /media/usb/vault"),
            Error::NewerFormat { .. } => {
                CliError::failure(message).hint("upgrade tvault to open this vault")
            }
            Error::WrongKey => CliError::failure(message),
            Error::NoPassphraseSlot => CliError::usage(message).hint("pass --identity FILE"),
            Error::NoRecipientsSlot => {
                CliError::usage(message).hint("pass --passphrase-file FILE or type the passphrase")
            }
            Error::ExcessiveWork { .. } => CliError::failure(message).hint(
                "the key slot may have been tampered with; run `tvault verify` on a trusted copy",
            ),
            Error::Locked { .. } => CliError::failure(message)
                .hint("wait for the other command to finish, then try again"),
            Error::Symlink { .. } | Error::Corrupt { .. } => CliError::failure(message),
            Error::Io { .. } => CliError::failure(message),
            Error::InvalidRecord(_) => CliError::failure(format!("invalid record: {message}")),
            Error::RecordNotFound { .. } => {
                CliError::failure(message).hint("`tvault list` shows every record id")
            }
            Error::AmbiguousId { .. } => {
                CliError::failure(message).hint("type more characters of the id")
            }
            Error::Invalid(_) => CliError::usage(message),
            Error::Crypto(_) => CliError::failure(message),
        }
    }
}

impl From<crate::crypto::IdentityFileError> for CliError {
    fn from(e: crate::crypto::IdentityFileError) -> Self {
        CliError::failure(format!("identity file: {e}"))
    }
}
