//! Search: the query grammar, text folding shared with redaction, the keys kept in the encrypted
//! index, and the in-memory scan. No I/O.

pub mod fold;
pub mod keys;
pub mod query;
pub mod scan;
