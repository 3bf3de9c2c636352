//! tvault: an encrypted, portable vault for testimonies of persecuted trade unionists.
//!
//! The library holds every capability and never touches the terminal; `src/cli/` is the only
//! module that prints, prompts or reads the environment. Architecture:
//!
//! - [`crypto`]: the only module that names `age`.
//! - [`record`]: the record schema (SPEC.md, version 1), strict validation, CBOR.
//! - [`vault`]: layout, key slots, atomic storage, the lock, reading and writing records.
//! - [`cli`]: argument parsing, prompts, output, exit codes.
//!
//! The on-disk format is documented in `docs/FORMAT.md`.

#![forbid(unsafe_code)]

pub mod cli;
pub mod crypto;
pub mod demo;
pub mod error;
pub mod export;
pub(crate) mod parallel;
pub mod record;
pub mod redact;
pub mod search;
pub mod vault;

pub use error::{Error, Result};
