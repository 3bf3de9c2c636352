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
use crate::tr;

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
            .map_err(|e| CliError::failure(tr!("err-terminal-read", reason = e.to_string())))?;
        if n == 0 {
            return Err(CliError {
                code: super::error::EXIT_INTERRUPTED,
                message: tr!("guided-input-ended"),
                hint: None,
            });
        }
        let answer = line.trim().to_owned();
        Ok((!answer.is_empty()).then_some(answer))
    }

    fn ask_list(&mut self, question: &str) -> Result<Vec<String>, CliError> {
        Ok(self
            .ask(&format!("{question} {}", tr!("guided-list-suffix")))?
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
            let Some(answer) = self.ask(&format!("{question} {}", tr!("guided-date-suffix")))?
            else {
                return Ok(None);
            };
            match EdtfDate::parse(&answer) {
                Ok(date) => return Ok(Some(date)),
                Err(_) => eprintln!("  {}", tr!("guided-not-a-date")),
            }
        }
    }

    fn ask_choice<T: Copy>(
        &mut self,
        question: &str,
        all: &[T],
        name: impl Fn(&T) -> &'static str,
    ) -> Result<Option<T>, CliError> {
        // A numbered list with the labels in the interface language; the answer is a number or
        // the code itself.
        eprintln!("{question}:");
        for (i, v) in all.iter().enumerate() {
            let code = name(v);
            let label = super::i18n::vocab_label(code);
            if label == code {
                eprintln!("  {:>2}. {code}", i + 1);
            } else {
                eprintln!("  {:>2}. {label} [{code}]", i + 1);
            }
        }
        loop {
            let Some(answer) = self.ask(&tr!("guided-choice", count = all.len()))? else {
                return Ok(None);
            };
            let by_number = answer
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| all.get(i));
            if let Some(found) = by_number.or_else(|| all.iter().find(|v| name(v) == answer)) {
                return Ok(Some(*found));
            }
            eprintln!("  {}", tr!("guided-choose"));
        }
    }

    fn yes(&mut self, question: &str) -> Result<bool, CliError> {
        Ok(self
            .ask(&format!("{question} [{}]", tr!("confirm-default-no")))?
            .is_some_and(|a| {
                let a = a.to_lowercase();
                a.starts_with('y') || a.starts_with('д') || a.starts_with('т')
            }))
    }

    fn multiline(&mut self, question: &str) -> Result<Option<String>, CliError> {
        eprintln!("{question} {}", tr!("guided-multiline"));
        let mut text = String::new();
        loop {
            let mut line = String::new();
            let n = self
                .input
                .read_line(&mut line)
                .map_err(|e| CliError::failure(tr!("err-terminal-read", reason = e.to_string())))?;
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
            country: self.ask(&tr!("guided-place-country", what = what))?,
            region: self.ask(&tr!("guided-place-region", what = what))?,
            locality: self.ask(&tr!("guided-place-locality", what = what))?,
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
    ui.note(&tr!("guided-intro"));
    let mut names = Vec::new();
    while names.is_empty() {
        names = p.ask_list(&tr!("guided-names"))?;
        if names.is_empty() {
            eprintln!("  {}", tr!("guided-names-needed"));
        }
    }
    let title = p.ask(&tr!("guided-title"))?;
    let language = p.ask(&tr!("guided-language"))?;
    let pseudonym = p.ask(&tr!("guided-pseudonym"))?;
    let sex = p.ask_choice(&tr!("guided-sex"), Sex::ALL, Sex::as_str)?;
    let birth_date = p.ask_date(&tr!("guided-birth-date"))?;
    let occupation = p.ask(&tr!("guided-occupation"))?;
    let employer = p.ask(&tr!("guided-employer"))?;
    let mut unions = Vec::new();
    if let Some(name) = p.ask(&tr!("guided-union"))? {
        unions.push(Union {
            name,
            role: p.ask(&tr!("guided-union-role"))?,
        });
    }
    let status = p.ask_choice(&tr!("guided-status"), Status::ALL, Status::as_str)?;
    let status_as_of = if status.is_some() {
        p.ask_date(&tr!("guided-status-as-of"))?
    } else {
        None
    };
    let whereabouts = p.ask(&tr!("guided-whereabouts"))?;
    let residence = p.place(&tr!("guided-residence"))?;
    let contact = p.ask(&tr!("guided-contact"))?;
    let interview = if p.yes(&tr!("guided-interview"))? {
        Some(Interview {
            date: p.ask_date(&tr!("guided-interview-date"))?,
            mode: p.ask(&tr!("guided-interview-mode"))?,
            interviewer: p.ask(&tr!("guided-interviewer"))?,
            place: p.ask(&tr!("guided-interview-place"))?,
        })
    } else {
        None
    };
    let mut acts = Vec::new();
    while p.yes(&if acts.is_empty() {
        tr!("guided-add-act")
    } else {
        tr!("guided-add-another-act")
    })? {
        acts.push(Act {
            act_type: p.ask_choice(&tr!("guided-act-type"), ActType::ALL, ActType::as_str)?,
            date: p.ask_date(&tr!("guided-act-date"))?,
            place: p.place(&tr!("guided-act-place"))?,
            perpetrators: p.ask_list(&tr!("guided-perpetrators"))?,
            officials: p.ask_list(&tr!("guided-officials"))?,
            charges: p.ask_list(&tr!("guided-charges"))?,
            sentence: p.ask(&tr!("guided-sentence"))?,
            in_absentia: p.yes(&tr!("guided-in-absentia"))?.then_some(true),
            notes: p.ask(&tr!("guided-notes"))?,
        });
    }
    let mut people = Vec::new();
    while p.yes(&if people.is_empty() {
        tr!("guided-add-person")
    } else {
        tr!("guided-add-another-person")
    })? {
        if let Some(name) = p.ask(&tr!("guided-person-name"))? {
            people.push(Person {
                name,
                relation: p.ask(&tr!("guided-person-relation"))?,
            });
        }
    }
    let mut consent: Vec<Consent> = Vec::new();
    while p.yes(&if consent.is_empty() {
        tr!("guided-add-consent")
    } else {
        tr!("guided-add-another-consent")
    })? {
        let Some(purpose) = p.ask_choice(&tr!("guided-purpose"), Purpose::ALL, Purpose::as_str)?
        else {
            continue;
        };
        if consent.iter().any(|c| c.purpose == purpose) {
            eprintln!("  {}", tr!("guided-consent-dup"));
            continue;
        }
        let Some(level) = p.ask_choice(
            &tr!("guided-level"),
            ConsentLevel::ALL,
            ConsentLevel::as_str,
        )?
        else {
            continue;
        };
        consent.push(Consent {
            purpose,
            level,
            conditions: p.ask(&tr!("guided-conditions"))?,
        });
    }
    let risk = p.ask_choice(&tr!("guided-risk"), Risk::ALL, Risk::as_str)?;
    let tags = p.ask_list(&tr!("guided-tags"))?;
    let sensitive_terms = p.ask_list(&tr!("guided-sensitive"))?;
    let summary = p.multiline(&tr!("guided-summary"))?;
    let narrative = p.multiline(&tr!("guided-narrative"))?;
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
        return Err(CliError::failure(tr!(
            "err-invalid-record",
            reason = super::error::record_error(&e)
        )));
    }
    if !p.yes(&tr!("guided-save"))? {
        return Ok(None);
    }
    Ok(Some(record))
}
