//! Built-in demo data: twenty clearly fictional testimonies in Belarusian, Russian and English,
//! used by `tvault demo`, by the benchmark and by tests. No real person is described.

/// The demo testimonies, a JSON array in the record schema of SPEC.md.
pub const TESTIMONIES: &str = include_str!("testimonies.json");
