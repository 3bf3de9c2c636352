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

/// Shared settings of the unit tests.
#[cfg(test)]
pub(crate) mod testing {
    /// The property tests' configuration: a fixed seed, so that every run (CI included) checks
    /// the same cases and a failure is reproducible; `PROPTEST_RNG_SEED=N` (and
    /// `PROPTEST_CASES=N`) explore other cases, e.g. `PROPTEST_RNG_SEED=$RANDOM PROPTEST_CASES=5000
    /// cargo test --release --lib`.
    pub fn proptest_config() -> proptest::test_runner::Config {
        let mut config = proptest::test_runner::Config::default();
        if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
            config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x7661_756c_7420_7631);
        }
        config
    }
}
