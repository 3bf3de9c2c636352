//! `tvault man`: the roff man page, generated from the clap definitions (the one source of the
//! command line, with `--help` and the shell completions). Subcommands get their own sections.

use clap::CommandFactory;

use super::args::{Cli, ManArgs};
use super::error::CliError;
use super::ui::Ui;
use crate::tr;

/// Runs `man`.
pub fn run(_args: &ManArgs, ui: &mut Ui) -> Result<(), CliError> {
    // In the interface language, like `--help` (the section names clap_mangen writes itself
    // stay English, as man pages' usually do).
    let command = super::i18n::localize(Cli::command());
    let mut page = Vec::new();
    let fail = |e: std::io::Error| CliError::failure(format!("cannot render the man page: {e}"));
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page).map_err(fail)?;
    man.render_name_section(&mut page).map_err(fail)?;
    man.render_synopsis_section(&mut page).map_err(fail)?;
    man.render_description_section(&mut page).map_err(fail)?;
    man.render_options_section(&mut page).map_err(fail)?;
    page.extend_from_slice(format!(".SH {}\n", roff_text(&tr!("man-commands")).trim()).as_bytes());
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        section(&mut page, sub, &format!("tvault {}", sub.get_name()));
    }
    page.extend_from_slice(
        format!(
            ".SH \"{}\"\n{}",
            tr!("man-exit-status"),
            roff_text(&tr!("man-exit-codes"))
        )
        .as_bytes(),
    );
    man.render_version_section(&mut page).map_err(fail)?;
    ui.raw(&page)
}

/// The section of one command (`tvault recipients add` too: nested commands get their own).
fn section(page: &mut Vec<u8>, sub: &clap::Command, name: &str) {
    page.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
    if let Some(about) = sub.get_long_about().or(sub.get_about()) {
        page.extend_from_slice(roff_text(&about.to_string()).as_bytes());
    }
    let usage = sub.clone().bin_name(name).render_usage().to_string();
    let usage = usage.split_once(' ').map_or(usage.as_str(), |(_, u)| u);
    page.extend_from_slice(format!(".PP\n.B {}\n", roff_text(usage.trim())).as_bytes());
    for arg in sub
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
    {
        let mut spec = Vec::new();
        if let Some(long) = arg.get_long() {
            spec.push(format!("--{long}"));
        }
        if let Some(short) = arg.get_short() {
            spec.push(format!("-{short}"));
        }
        if spec.is_empty() {
            spec.push(arg.get_id().as_str().to_uppercase());
        }
        page.extend_from_slice(
            format!(".TP\n\\fB{}\\fR\n", roff_text(&spec.join(", "))).as_bytes(),
        );
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            page.extend_from_slice(format!("{}\n", roff_text(&help.to_string())).as_bytes());
        }
    }
    if let Some(after) = sub.get_after_long_help().or(sub.get_after_help()) {
        page.extend_from_slice(format!(".PP\n{}\n", roff_text(&after.to_string())).as_bytes());
    }
    for child in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
        section(page, child, &format!("{name} {}", child.get_name()));
    }
}

/// Text safe inside a roff paragraph: backslashes escaped, and no line may start with a `.` or
/// `'` (a roff request).
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else if l.trim().is_empty() {
                ".PP".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
