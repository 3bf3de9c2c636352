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

    /// Writes bytes of product to stdout exactly as they are (an export, a generated script).
    pub fn raw(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        self.stdout
            .borrow_mut()
            .write_all(bytes)
            .map_err(output_error)
    }

    /// Flushes stdout.
    pub fn flush(&mut self) -> Result<(), CliError> {
        self.stdout.borrow_mut().flush().map_err(output_error)
    }

    /// A status or warning line on stderr (sanitised if stderr is a terminal, where the
    /// `error:`, `warning:` and `hint:` prefixes are coloured unless `NO_COLOR` is set).
    pub fn note(&self, message: &str) {
        // Product lines already written go out first, so a terminal shows them in order.
        let _ = self.stdout.borrow_mut().flush();
        if !self.stderr_is_terminal {
            eprintln!("{message}");
            return;
        }
        let message = sanitize(message);
        let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let prefixes = [("error:", "1;31"), ("warning:", "1;33"), ("hint:", "36")];
        match prefixes.iter().find(|(p, _)| message.starts_with(p)) {
            Some((prefix, code)) if colour => {
                eprintln!("\x1b[{code}m{prefix}\x1b[0m{}", &message[prefix.len()..]);
            }
            _ => eprintln!("{message}"),
        }
    }

    /// A warning on stderr.
    pub fn warn(&self, message: &str) {
        self.note(&format!("warning: {message}"));
    }

    /// Prints rows as a table with aligned columns (widths in terminal cells, so Cyrillic and
    /// wide scripts line up). Cells are sanitised on a terminal; newlines become spaces.
    pub fn table(&mut self, header: &[String], rows: &[Vec<String>]) -> Result<(), CliError> {
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
        // On a terminal, the table fits its width: the widest columns after the first (the
        // id, never cut) are shortened, with an ellipsis. A pipe gets whole cells.
        if let Some(limit) = self.terminal_width() {
            fit_widths(&mut widths, limit);
        }
        let cells: Vec<Vec<String>> = cells
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(i, c)| truncate(c, widths[i]))
                    .collect()
            })
            .collect();
        let header: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| truncate(h, widths[i]))
            .collect();
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
        self.line(format_row(&header).trim_end())?;
        for row in &cells {
            self.line(format_row(row).trim_end())?;
        }
        Ok(())
    }
}

impl Ui {
    /// The width of the terminal stdout is, if it is one.
    fn terminal_width(&self) -> Option<usize> {
        if !self.stdout_is_terminal {
            return None;
        }
        #[cfg(unix)]
        {
            let size = rustix::termios::tcgetwinsize(io::stdout()).ok()?;
            (size.ws_col > 0).then_some(usize::from(size.ws_col))
        }
        #[cfg(not(unix))]
        {
            None
        }
    }
}

/// Shrinks column widths (two spaces between columns) until the row fits in `limit` cells:
/// always the widest column other than the first, never below 8 cells.
fn fit_widths(widths: &mut [usize], limit: usize) {
    const MIN: usize = 8;
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    while total(widths) > limit {
        let Some((i, _)) = widths
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, w)| **w > MIN)
            .max_by_key(|(_, w)| **w)
        else {
            break;
        };
        widths[i] -= 1;
    }
}

/// `text` cut to `width` terminal cells, with `…` when cut.
fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
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
        CliError::failure(crate::tr!("err-write-output", reason = e.to_string()))
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

    #[test]
    fn tables_fit_the_terminal() {
        let mut widths = vec![16, 10, 20, 40, 30];
        fit_widths(&mut widths, 80);
        assert!(widths.iter().sum::<usize>() + 8 <= 80, "{widths:?}");
        assert_eq!(widths[0], 16, "the id is never cut");
        assert_eq!(truncate("Лукашэнка Аляксандр", 10), "Лукашэнка…");
        assert_eq!(truncate("short", 10), "short");
        // Wide characters count double.
        assert_eq!(truncate("漢字漢字漢字", 5), "漢字…");
    }
}
