//! Checks shared by the fuzz targets.

#![allow(dead_code)]

use tvault::Error;

/// The file name the decoders are given; every error about the input must name it.
pub const PATH: &str = "fuzzed/input-file.age";

/// ASCII characters that appear in no static error text of tvault, in no path a decoder is
/// given here, and never unescaped in a field name quoted by an error (`sanitize_field_name`
/// escapes all ASCII punctuation but `_`, `-` and `.`). An error holding one of them can only
/// have copied it from the input: a leak of content.
pub const MARKERS: &[char] = &[
    '#', '$', '&', '*', '+', '!', '@', '^', '|', '<', '>', '=', '\'', '`',
];

/// An error message shown to a person: one non-empty line, no control characters, no content
/// from the input.
pub fn check_message(text: &str) {
    assert!(!text.trim().is_empty(), "empty error message");
    assert!(
        !text.chars().any(char::is_control),
        "error message is not one plain line: {text:?}"
    );
    assert!(
        !text.contains(MARKERS),
        "error message quotes the input: {text:?}"
    );
}

/// An error from decoding a file's bytes: corrupt or newer, naming the file, one line.
pub fn check_file_error(e: &Error) {
    let text = e.to_string();
    check_message(&text);
    assert!(
        matches!(e, Error::Corrupt { .. } | Error::NewerFormat { .. }),
        "a decoder returned an unexpected error kind: {e:?}"
    );
    assert!(
        text.starts_with(PATH),
        "error does not name the file first: {text:?}"
    );
}
