//! Output discipline: stdout carries only the product (ids, tables, JSON), stderr everything
//! else. Untrusted text (testimony, names, file names) is sanitised only when it goes to a
//! terminal; a pipe gets the exact bytes.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};

use unicode_width::UnicodeWidthStr;

use super::error::CliError;

/// Where output goes and how it should look.
pub struct Ui {
    stdout: RefCell<io::BufWriter<io::Stdout>>,
    stdout_is_terminal: bool,
    stderr_is_terminal: bool,
    /// `--json` was given.
    pub json: bool,
}

impl Ui {
    /// A Ui on the process's stdout and stderr.
    pub fn new(json: bool) -> Self {
        Ui {
            stdout: RefCell::new(io::BufWriter::new(io::stdout())),
            stdout_is_terminal: io::stdout().is_terminal(),
            stderr_is_terminal: io::stderr().is_terminal(),
            json,
        }
    }

    /// Whether stdout is a terminal.
    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_is_terminal
    }

    /// Untrusted text made safe for stdout.
    pub fn text<'a>(&self, untrusted: &'a str) -> Cow<'a, str> {
        if self.stdout_is_terminal {
            sanitize(untrusted)
        } else {
            Cow::Borrowed(untrusted)
        }
    }

    /// Writes one line of product to stdout.
    pub fn line(&mut self, line: &str) -> Result<(), CliError> {
        writeln!(self.stdout.borrow_mut(), "{line}").map_err(output_error)
    }

    /// Flushes stdout.
    pub fn flush(&mut self) -> Result<(), CliError> {
        self.stdout.borrow_mut().flush().map_err(output_error)
    }

    /// A status or warning line on stderr (sanitised if stderr is a terminal).
    pub fn note(&self, message: &str) {
        // Product lines already written go out first, so a terminal shows them in order.
        let _ = self.stdout.borrow_mut().flush();
        let message = if self.stderr_is_terminal {
            sanitize(message)
        } else {
            Cow::Borrowed(message)
        };
        eprintln!("{message}");
    }

    /// A warning on stderr.
    pub fn warn(&self, message: &str) {
        self.note(&format!("warning: {message}"));
    }

    /// Prints rows as a table with aligned columns (widths in terminal cells, so Cyrillic and
    /// wide scripts line up). Cells are sanitised on a terminal; newlines become spaces.
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>]) -> Result<(), CliError> {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| self.text(&c.replace(['\n', '\r', '\t'], " ")).into_owned())
                    .collect()
            })
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
        for row in &cells {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let last = header.len() - 1;
        let format_row = |row: &[String]| {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if i < last {
                    line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
                }
            }
            line
        };
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        self.line(format_row(&header).trim_end())?;
        for row in &cells {
            self.line(format_row(row).trim_end())?;
        }
        Ok(())
    }
}

/// A broken pipe (`tvault list | head`) ends the command quietly; other write errors fail it.
fn output_error(e: io::Error) -> CliError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        CliError {
            code: 0,
            message: String::new(),
            hint: None,
        }
    } else {
        CliError::failure(format!("cannot write output: {e}"))
    }
}

/// Replaces control, bidi-override and zero-width characters with visible escapes, so that
/// testimony text cannot rewrite the terminal or disguise itself (as fd does for file names).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    fn is_unsafe(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}')
    }
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_dangerous_characters_only() {
        assert_eq!(sanitize("Пятрук"), "Пятрук");
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(sanitize("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(sanitize("line\nnext"), "line\nnext");
    }
}
