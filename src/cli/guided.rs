//! The guided `add`: asks for a record field by field on a terminal, checks each answer as it is
//! typed (dates, vocabularies), and builds a record that passes the same validation as JSON
//! input. Questions go to stderr; answers come from stdin.

use std::io::{self, BufRead, Write};

use super::error::CliError;
use super::ui::Ui;
use crate::record::{
    Act, ActType, Consent, ConsentLevel, EdtfDate, Interview, Person, Place, Purpose, Record, Risk,
    Sex, Status, Union, Witness,
};

struct Prompter {
    input: io::StdinLock<'static>,
}

impl Prompter {
    fn ask(&mut self, question: &str) -> Result<Option<String>, CliError> {
        eprint!("{question}: ");
        io::stderr().flush().ok();
        let mut line = String::new();
        let n = self
            .input
            .read_line(&mut line)
            .map_err(|e| CliError::failure(format!("cannot read the terminal: {e}")))?;
        if n == 0 {
            return Err(CliError {
                code: super::error::EXIT_INTERRUPTED,
                message: "input ended; nothing added".into(),
                hint: None,
            });
        }
        let answer = line.trim().to_owned();
        Ok((!answer.is_empty()).then_some(answer))
    }

    fn ask_list(&mut self, question: &str) -> Result<Vec<String>, CliError> {
        Ok(self
            .ask(&format!("{question} (separate with ;)"))?
            .map(|a| {
                a.split(';')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default())
    }

    fn ask_date(&mut self, question: &str) -> Result<Option<EdtfDate>, CliError> {
        loop {
            let Some(answer) = self.ask(&format!(
                "{question} (YYYY, YYYY-MM or YYYY-MM-DD; ? or ~ if unsure)"
            ))?
            else {
                return Ok(None);
            };
            match EdtfDate::parse(&answer) {
                Ok(date) => return Ok(Some(date)),
                Err(_) => eprintln!("  not a date of that form; try again, or leave empty"),
            }
        }
    }

    fn ask_choice<T: Copy>(
        &mut self,
        question: &str,
        all: &[T],
        name: impl Fn(&T) -> &'static str,
    ) -> Result<Option<T>, CliError> {
        let names: Vec<&str> = all.iter().map(&name).collect();
        loop {
            let Some(answer) = self.ask(&format!("{question} [{}]", names.join(", ")))? else {
                return Ok(None);
            };
            if let Some(found) = all.iter().find(|v| name(v) == answer) {
                return Ok(Some(*found));
            }
            eprintln!("  choose one of the listed values, or leave empty");
        }
    }

    fn yes(&mut self, question: &str) -> Result<bool, CliError> {
        Ok(self
            .ask(&format!("{question} [y/N]"))?
            .is_some_and(|a| a.to_lowercase().starts_with('y')))
    }

    fn multiline(&mut self, question: &str) -> Result<Option<String>, CliError> {
        eprintln!("{question} (several lines; a line with a single . ends it):");
        let mut text = String::new();
        loop {
            let mut line = String::new();
            let n = self
                .input
                .read_line(&mut line)
                .map_err(|e| CliError::failure(format!("cannot read the terminal: {e}")))?;
            if n == 0 || line.trim_end() == "." {
                break;
            }
            text.push_str(&line);
        }
        let text = text.trim_end().to_owned();
        Ok((!text.is_empty()).then_some(text))
    }

    fn place(&mut self, what: &str) -> Result<Option<Place>, CliError> {
        let place = Place {
            country: self.ask(&format!("{what}: country code (e.g. BY)"))?,
            region: self.ask(&format!("{what}: region"))?,
            locality: self.ask(&format!("{what}: town or village"))?,
            site: None,
        };
        Ok(
            (place.country.is_some() || place.region.is_some() || place.locality.is_some())
                .then_some(place),
        )
    }
}

/// Asks for one record. `None` if the user declines to save it.
pub fn prompt_record(ui: &Ui) -> Result<Option<Record>, CliError> {
    let mut p = Prompter {
        input: io::stdin().lock(),
    };
    ui.note("New testimony. Leave a field empty to skip it. Everything stays in memory until saved encrypted.");
    let mut names = Vec::new();
    while names.is_empty() {
        names = p.ask_list("Witness names, in every spelling used")?;
        if names.is_empty() {
            eprintln!("  at least one name is needed (it is never exported without consent)");
        }
    }
    let title = p.ask("Working title")?;
    let language = p.ask("Language of the testimony (be, ru, en, ...)")?;
    let pseudonym = p.ask("Pseudonym for exports (e.g. Worker B-17)")?;
    let sex = p.ask_choice("Sex", Sex::ALL, Sex::as_str)?;
    let birth_date = p.ask_date("Birth date")?;
    let occupation = p.ask("Occupation")?;
    let employer = p.ask("Employer")?;
    let mut unions = Vec::new();
    if let Some(name) = p.ask("Union")? {
        unions.push(Union {
            name,
            role: p.ask("Role in the union")?,
        });
    }
    let status = p.ask_choice("Current status", Status::ALL, Status::as_str)?;
    let status_as_of = if status.is_some() {
        p.ask_date("Status as of")?
    } else {
        None
    };
    let whereabouts = p.ask("Whereabouts (e.g. penal colony)")?;
    let residence = p.place("Residence")?;
    let contact = p.ask("Contact (phone, messenger)")?;
    let interview = if p.yes("Record interview details?")? {
        Some(Interview {
            date: p.ask_date("Interview date")?,
            mode: p.ask("Interview mode (in_person, video_call, ...)")?,
            interviewer: p.ask("Interviewer (initials)")?,
            place: p.ask("Interview place")?,
        })
    } else {
        None
    };
    let mut acts = Vec::new();
    while p.yes(if acts.is_empty() {
        "Add an act of persecution?"
    } else {
        "Add another act?"
    })? {
        acts.push(Act {
            act_type: p.ask_choice("Act type", ActType::ALL, ActType::as_str)?,
            date: p.ask_date("Date of the act")?,
            place: p.place("Place of the act")?,
            perpetrators: p.ask_list("State bodies responsible (e.g. KGB)")?,
            officials: p.ask_list("Officials involved, by name")?,
            charges: p.ask_list("Charges (e.g. CC 361-1)")?,
            sentence: p.ask("Sentence")?,
            in_absentia: p.yes("In absentia?")?.then_some(true),
            notes: p.ask("Notes")?,
        });
    }
    let mut people = Vec::new();
    while p.yes(if people.is_empty() {
        "Add a third person named in the testimony?"
    } else {
        "Add another person?"
    })? {
        if let Some(name) = p.ask("Name")? {
            people.push(Person {
                name,
                relation: p.ask("Relation (co-defendant, relative, ...)")?,
            });
        }
    }
    let mut consent: Vec<Consent> = Vec::new();
    while p.yes(if consent.is_empty() {
        "Record consent for a purpose?"
    } else {
        "Consent for another purpose?"
    })? {
        let Some(purpose) = p.ask_choice("Purpose", Purpose::ALL, Purpose::as_str)? else {
            continue;
        };
        if consent.iter().any(|c| c.purpose == purpose) {
            eprintln!("  consent for this purpose is already recorded");
            continue;
        }
        let Some(level) = p.ask_choice("Level", ConsentLevel::ALL, ConsentLevel::as_str)? else {
            continue;
        };
        consent.push(Consent {
            purpose,
            level,
            conditions: p.ask("Conditions")?,
        });
    }
    let risk = p.ask_choice("Risk to the witness", Risk::ALL, Risk::as_str)?;
    let tags = p.ask_list("Tags")?;
    let sensitive_terms = p.ask_list("Terms that must never appear in an export")?;
    let summary = p.multiline("Summary")?;
    let narrative = p.multiline("Testimony")?;
    let record = Record {
        title,
        language,
        witness: Witness {
            names,
            pseudonym,
            sex,
            birth_date,
            occupation,
            employer,
            unions,
            status,
            status_as_of,
            whereabouts,
            residence,
            contact,
        },
        interview,
        acts,
        people,
        consent,
        risk,
        tags,
        sensitive_terms,
        summary,
        narrative,
    };
    if let Err(e) = record.validate() {
        return Err(CliError::failure(format!("invalid record: {e}")));
    }
    if !p.yes("Save this testimony, encrypted, in the vault?")? {
        return Ok(None);
    }
    Ok(Some(record))
}
