//! The core's errors: named after the situation, carrying paths and record ids, never plaintext.
//!
//! The CLI decides how each one is shown and which exit code it gets (`cli::error`).

use std::io;
use std::path::{Path, PathBuf};

use crate::record::RecordError;

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything the vault core can report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The directory does not hold a tvault vault.
    #[error("{} is not a tvault vault", .path.display())]
    NotAVault { path: PathBuf },
    /// `init` was pointed at a directory that already has files in it.
    #[error("{} is not empty; a vault is created in an empty or new directory", .path.display())]
    NotEmpty { path: PathBuf },
    /// The vault (or one of its files) was written by a newer tvault.
    #[error("{} has format version {found}, newer than this tvault supports ({supported})", .path.display())]
    NewerFormat {
        path: PathBuf,
        found: u64,
        supported: u64,
    },
    /// Neither the passphrase nor the identity opens the vault.
    #[error("wrong passphrase or identity")]
    WrongKey,
    /// The vault has no passphrase slot (it was created for identities only).
    #[error("this vault has no passphrase; it opens only with an identity")]
    NoPassphraseSlot,
    /// The vault has no recipients slot, so no identity can open it.
    #[error("this vault has no recovery recipients; it opens only with its passphrase")]
    NoRecipientsSlot,
    /// A change would leave the vault with no passphrase slot and no recipient.
    #[error("the vault would have no passphrase and no recipient left to open it")]
    LastUnlockMethod,
    /// A rekey keeps the passphrase slot, so it needs the passphrase.
    #[error("a rekey needs the vault's passphrase to write the new passphrase slot")]
    RekeyNeedsPassphrase,
    /// The key slot asks for more scrypt work than tvault accepts.
    #[error("{}: scrypt work factor {found} is above the accepted maximum {max}", .path.display())]
    ExcessiveWork { path: PathBuf, found: u8, max: u8 },
    /// Another tvault command holds the vault.
    #[error("the vault is in use by another tvault command ({})", .path.display())]
    Locked { path: PathBuf },
    /// A symlink where tvault expects a regular file or directory.
    #[error("{} is a symbolic link; tvault never follows links inside a vault", .path.display())]
    Symlink { path: PathBuf },
    /// A file that cannot be read as what it should be.
    #[error("{}: {reason}", .path.display())]
    Corrupt { path: PathBuf, reason: String },
    /// Reading or writing a file failed.
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
    /// Input records failed validation.
    #[error("{0}")]
    InvalidRecord(#[from] RecordError),
    /// No record has this id or prefix.
    #[error("no record with id {id}")]
    RecordNotFound { id: String },
    /// More than one record starts with this prefix.
    #[error("id prefix {prefix} matches {count} records")]
    AmbiguousId { prefix: String, count: usize },
    /// The record was deleted (its current version is a tombstone); its history remains.
    #[error("record {id} was deleted")]
    RecordDeleted { id: String },
    /// The record has no such version (never written, or purged).
    #[error("record {id} has no version {version}")]
    VersionNotFound { id: String, version: u64 },
    /// `merge` was given a copy of another vault (or `merge --import` the same vault).
    #[error("{} is another vault, or a copy of this one from before a rekey", .path.display())]
    DifferentVault { path: PathBuf },
    /// `merge --import` was given a copy of this same vault.
    #[error("{} is a copy of this same vault", .path.display())]
    SameVault { path: PathBuf },
    /// The copy to merge does not verify: nothing was taken from it.
    #[error("{} does not verify ({count} problems); nothing was merged", .path.display())]
    MergeSourceDamaged { path: PathBuf, count: usize },
    /// An invalid argument to a core operation (work factor, recipient, ...).
    #[error("{0}")]
    Invalid(String),
    /// age refused an operation that should not fail.
    #[error("encryption failed: {0}")]
    Crypto(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A damaged or unreadable file at `path`.
    pub fn corrupt(path: &Path, reason: impl Into<String>) -> Self {
        Error::Corrupt {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}
