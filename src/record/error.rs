//! The one error type of the record module.
//!
//! Security rule: a `RecordError` never holds a value from the input. It holds the JSON path
//! (built from field names and array indices), the input line for JSON Lines, and a
//! [`ErrorKind`] made of static text. Field names come from the input only for unknown fields,
//! and those are escaped and truncated (see [`ErrorKind::UnknownField`]).

use std::fmt;

use super::date::DateError;
use super::vocab::VocabError;

/// What is wrong, without the offending value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error("the input is empty")]
    EmptyInput,
    #[error("invalid JSON at line {line}, column {column}")]
    Syntax { line: usize, column: usize },
    #[error("the JSON ends unexpectedly at line {line}, column {column}")]
    UnexpectedEnd { line: usize, column: usize },
    /// An object holds the same key twice (reported by position: the key's path is not
    /// known while parsing).
    #[error("a field is given twice in one object at line {line}, column {column}")]
    DuplicateField { line: usize, column: usize },
    #[error("expected a JSON object (one record), an array of objects, or JSON Lines")]
    NotRecords,
    /// A value of the wrong JSON type; `expected` is e.g. `"a string"`,
    /// `"an array of strings"`.
    #[error("expected {expected}")]
    WrongType { expected: &'static str },
    /// `field` is the input's key, escaped (non-alphanumeric characters other than `_`, `-`
    /// and `.` become `\u{..}`) and cut to 64 characters, so it cannot smuggle text or
    /// terminal control sequences into a log.
    #[error("unknown field \"{field}\"; allowed fields: {}", .allowed.join(", "))]
    UnknownField {
        field: String,
        allowed: &'static [&'static str],
    },
    #[error("missing required field \"{field}\"")]
    MissingField { field: &'static str },
    #[error("{0}")]
    Vocabulary(VocabError),
    #[error("invalid date: {0}")]
    Date(DateError),
    #[error(
        "not a BCP-47 language tag (letters and digits in subtags of 1 to 8 separated by \"-\", \
         starting with 2-3 or 5-8 letters, e.g. \"be\" or \"ru-Latn\")"
    )]
    Language,
    #[error("must hold at least one name")]
    NoNames,
    #[error("must be a non-empty string that is not only whitespace")]
    BlankName,
    /// The same consent purpose twice; `first` is the path of the earlier entry.
    #[error("consent purpose given twice (first at {first})")]
    DuplicatePurpose { first: String },
    #[error("string longer than the limit of {limit} bytes")]
    StringTooLong { limit: usize },
    #[error("record larger than the limit of {limit} bytes")]
    RecordTooLarge { limit: usize },
    #[error("malformed CBOR record encoding")]
    Cbor,
    #[error("trailing bytes after the CBOR record")]
    TrailingBytes,
    /// `edit` input whose `id` names another record than the one being edited.
    #[error("names another record than the one being edited")]
    OtherRecord,
    /// The value passed validation but did not convert to a `Record`: a bug in the validator,
    /// reported without serde's message (which can contain values).
    #[error("does not match the record schema")]
    Schema,
}

/// A rejected record or input: one line, `line N: PATH: problem` (each prefix only when
/// known). See the module documentation for what it may contain.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{kind}", Location::new(*.line, .path))]
pub struct RecordError {
    line: Option<usize>,
    path: String,
    kind: ErrorKind,
}

struct Location<'a> {
    line: Option<usize>,
    path: &'a str,
}

impl<'a> Location<'a> {
    fn new(line: Option<usize>, path: &'a str) -> Self {
        Location { line, path }
    }
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        Ok(())
    }
}

impl RecordError {
    pub(crate) fn new(path: impl Into<String>, kind: ErrorKind) -> RecordError {
        RecordError {
            line: None,
            path: path.into(),
            kind,
        }
    }

    pub(crate) fn at_line(mut self, line: usize) -> RecordError {
        self.line = Some(line);
        self
    }

    /// The JSON path of the problem, e.g. `records[3].acts[0].date` or `acts[0].date`; empty
    /// when the problem concerns the input as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The 1-based input line, for JSON Lines input.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

/// Escape and shorten a field name taken from the input before it goes into an error.
pub(crate) fn sanitize_field_name(name: &str) -> String {
    const MAX_CHARS: usize = 64;
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == MAX_CHARS {
            out.push('…');
            break;
        }
        if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line_with_optional_prefixes() {
        let kind = ErrorKind::MissingField { field: "witness" };
        let e = RecordError::new("records[0]", kind.clone());
        assert_eq!(
            e.to_string(),
            "records[0]: missing required field \"witness\""
        );
        assert_eq!(
            e.clone().at_line(4).to_string(),
            "line 4: records[0]: missing required field \"witness\""
        );
        assert_eq!(
            RecordError::new("", kind).to_string(),
            "missing required field \"witness\""
        );
    }

    #[test]
    fn field_names_are_escaped_and_cut() {
        assert_eq!(sanitize_field_name("nick_name"), "nick_name");
        assert_eq!(sanitize_field_name("a\"b\u{202e}"), "a\\u{22}b\\u{202e}");
        assert_eq!(sanitize_field_name(&"x".repeat(100)).chars().count(), 65);
    }
}
