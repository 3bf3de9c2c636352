//! The search grammar of SPEC.md: words are ANDed, `-word` negates, `"a phrase"` matches a
//! phrase, `field:value` restricts to a field, `date:FROM..TO` matches act dates overlapping the
//! interval. Pure parsing: no I/O, no matching.
//!
//! The arguments are joined with spaces and tokenised again, so `tvault search a b`,
//! `tvault search 'a b'` and `tvault search '"a b"'` (a phrase) all work as a user expects.

use std::fmt;
use std::str::FromStr;

use crate::record::{ActType, Day, Purpose, Risk, Status, parse_range};

/// A field a `field:value` term can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Names of persons: the witness's names and pseudonym, third parties, officials.
    Name,
    /// `witness.status` (a V1 code).
    Status,
    /// An act's `type` (a V2 code).
    Act,
    /// Places: of acts, residence, interview, whereabouts.
    Place,
    /// Union names.
    Union,
    /// The witness's employer.
    Employer,
    /// State bodies responsible for acts.
    Perpetrator,
    /// Charges.
    Charge,
    /// Tags.
    Tag,
    /// Consent for this purpose is `anonymous` or higher.
    Purpose,
    /// `risk`.
    Risk,
}

impl Field {
    /// Every field, with the name used in queries.
    pub const ALL: &[(&'static str, Field)] = &[
        ("name", Field::Name),
        ("status", Field::Status),
        ("act", Field::Act),
        ("place", Field::Place),
        ("union", Field::Union),
        ("employer", Field::Employer),
        ("perpetrator", Field::Perpetrator),
        ("charge", Field::Charge),
        ("tag", Field::Tag),
        ("purpose", Field::Purpose),
        ("risk", Field::Risk),
    ];

    /// The field's name in queries.
    pub fn name(self) -> &'static str {
        Field::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }
}

/// What one term asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// One or more words that must all occur, each anywhere in the metadata.
    Words(Vec<String>),
    /// Words that must occur consecutively, in this order, within one field.
    Phrase(Vec<String>),
    /// Words that must occur within one value of a text field (name, place, union, ...).
    Text(Field, Vec<String>),
    /// A vocabulary field: status.
    Status(Status),
    /// A vocabulary field: act type.
    Act(ActType),
    /// A vocabulary field: risk.
    Risk(Risk),
    /// Consent for this purpose is at least `anonymous`.
    Purpose(Purpose),
    /// A tag, compared whole (case- and diacritic-insensitive).
    Tag(String),
    /// A charge: the value's text occurs in a charge, not glued to other letters or digits
    /// (`361-1` finds `CC 361-1 part 2`, `342` does not find `CC 1342`).
    Charge(String),
    /// An act date overlapping `[from, to]` (either side open).
    Date(Option<Day>, Option<Day>),
}

/// A term and whether it is negated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// `-term`: the record must not match.
    pub negated: bool,
    /// The term.
    pub term: Term,
}

/// A parsed query: every clause must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The clauses, ANDed.
    pub clauses: Vec<Clause>,
}

/// A query that cannot be parsed; names the offending token (which the user typed; it is echoed
/// only to the user's own terminal).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// `foo:bar` with an unknown `foo`.
    #[error(
        "unknown search field `{field}` in `{token}`; fields: {}",
        field_list()
    )]
    UnknownField { field: String, token: String },
    /// A field with a value outside its vocabulary.
    #[error("`{token}`: {message}")]
    BadValue { token: String, message: String },
    /// `date:` with a malformed date or range.
    #[error(
        "`{token}`: not a date range (use date:FROM..TO with YYYY, YYYY-MM or YYYY-MM-DD; either side may be empty)"
    )]
    BadDate { token: String },
    /// A quote that is never closed.
    #[error("unclosed quote in the query")]
    UnclosedQuote,
    /// `field:` with nothing after it, or a lone `-`.
    #[error("`{token}` has nothing to search for")]
    Empty { token: String },
}

/// A token as it may appear in a one-line error: control and other invisible characters
/// escaped, so the message stays one line and cannot rewrite a terminal.
fn shown(token: &str) -> String {
    token.escape_debug().to_string()
}

fn field_list() -> String {
    let mut names: Vec<&str> = Field::ALL.iter().map(|(n, _)| *n).collect();
    names.push("date");
    names.join(", ")
}

/// Splits the query text into raw tokens: whitespace separates, double quotes group (the
/// quotes are kept so that a phrase can be told from a word).
fn tokenize(text: &str) -> Result<Vec<String>, QueryError> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut in_quote = false;
    for c in text.chars() {
        match c {
            '"' | '“' | '”' | '«' | '»' | '„' => {
                in_quote = !in_quote;
                current.push('"');
            }
            c if c.is_whitespace() && !in_quote => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if in_quote {
        return Err(QueryError::UnclosedQuote);
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    Ok(tokens)
}

fn unquote(s: &str) -> (String, bool) {
    let quoted = s.contains('"');
    (s.replace('"', "").trim().to_owned(), quoted)
}

fn words_of(value: &str) -> Vec<String> {
    value.split_whitespace().map(str::to_owned).collect()
}

fn vocabulary<T: FromStr>(token: &str, value: &str) -> Result<T, QueryError>
where
    T::Err: fmt::Display,
{
    let code = value.trim().to_lowercase().replace([' ', '-'], "_");
    code.parse::<T>().map_err(|e| QueryError::BadValue {
        token: shown(token),
        message: e.to_string(),
    })
}

/// Parses the arguments of `tvault search`.
pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Query, QueryError> {
    let text: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    let mut clauses = Vec::new();
    for token in tokenize(&text.join(" "))? {
        let (negated, body) = match token.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            Some(_) => {
                return Err(QueryError::Empty {
                    token: shown(&token),
                });
            }
            None => (false, token.as_str()),
        };
        let field_split = body.split_once(':').filter(|(name, _)| {
            !name.is_empty()
                && !name.contains('"')
                && name.chars().all(|c| c.is_alphabetic() || c == '_')
        });
        let term = match field_split {
            None => {
                let (value, quoted) = unquote(body);
                let words = words_of(&value);
                if words.is_empty() {
                    return Err(QueryError::Empty {
                        token: shown(&token),
                    });
                }
                if quoted && words.len() > 1 {
                    Term::Phrase(words)
                } else {
                    Term::Words(words)
                }
            }
            Some((name, value)) => {
                let name_lower = name.to_lowercase();
                let (value, _) = unquote(value);
                if value.is_empty() {
                    return Err(QueryError::Empty {
                        token: shown(&token),
                    });
                }
                if name_lower == "date" {
                    let (from, to) = parse_range(&value).map_err(|_| QueryError::BadDate {
                        token: shown(&token),
                    })?;
                    Term::Date(from, to)
                } else {
                    let Some((_, field)) = Field::ALL.iter().find(|(n, _)| *n == name_lower) else {
                        return Err(QueryError::UnknownField {
                            field: shown(name),
                            token: shown(&token),
                        });
                    };
                    match field {
                        Field::Status => Term::Status(vocabulary(&token, &value)?),
                        Field::Act => Term::Act(vocabulary(&token, &value)?),
                        Field::Risk => Term::Risk(vocabulary(&token, &value)?),
                        Field::Purpose => Term::Purpose(vocabulary(&token, &value)?),
                        Field::Tag => Term::Tag(value),
                        Field::Charge => Term::Charge(value),
                        text_field => Term::Text(*text_field, words_of(&value)),
                    }
                }
            }
        };
        clauses.push(Clause { negated, term });
    }
    Ok(Query { clauses })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(q: &str) -> Clause {
        let query = parse(&[q]).unwrap();
        assert_eq!(query.clauses.len(), 1, "{q}");
        query.clauses[0].clone()
    }

    #[test]
    fn words_negation_and_phrases() {
        let q = parse(&["Петрук", "-strike", "\"Mine 3\""]).unwrap();
        assert_eq!(q.clauses.len(), 3);
        assert_eq!(q.clauses[0].term, Term::Words(vec!["Петрук".into()]));
        assert!(q.clauses[1].negated);
        assert_eq!(
            q.clauses[2].term,
            Term::Phrase(vec!["Mine".into(), "3".into()])
        );
        // One argument holding several words is the same as several arguments.
        assert_eq!(parse(&["a b"]).unwrap().clauses.len(), 2);
        assert_eq!(
            one("«Мая 3»").term,
            Term::Phrase(vec!["Мая".into(), "3".into()])
        );
    }

    #[test]
    fn fields() {
        assert_eq!(
            one("status:serving_sentence").term,
            Term::Status(Status::ServingSentence)
        );
        assert_eq!(
            one("STATUS:Serving-Sentence").term,
            Term::Status(Status::ServingSentence)
        );
        assert_eq!(one("act:arrest").term, Term::Act(ActType::Arrest));
        assert_eq!(
            one("place:\"Minsk Region\"").term,
            Term::Text(Field::Place, vec!["Minsk".into(), "Region".into()])
        );
        assert_eq!(one("purpose:ilo_cfa").term, Term::Purpose(Purpose::IloCfa));
        assert_eq!(one("charge:361-1").term, Term::Charge("361-1".into()));
        let negated = one("-tag:strike");
        assert!(negated.negated);
        assert_eq!(negated.term, Term::Tag("strike".into()));
    }

    #[test]
    fn dates() {
        let Term::Date(from, to) = one("date:2022..2023-06").term else {
            panic!()
        };
        assert_eq!(from, Day::new(2022, 1, 1));
        assert_eq!(to, Day::new(2023, 6, 30));
        assert_eq!(
            one("date:..2022").term,
            Term::Date(None, Day::new(2022, 12, 31))
        );
        assert_eq!(
            one("date:2022-04..").term,
            Term::Date(Day::new(2022, 4, 1), None)
        );
        assert_eq!(
            one("date:2022").term,
            Term::Date(Day::new(2022, 1, 1), Day::new(2022, 12, 31))
        );
    }

    #[test]
    fn errors_name_the_token() {
        let err = parse(&["colour:red"]).unwrap_err();
        assert!(err.to_string().contains("`colour:red`"), "{err}");
        assert!(err.to_string().contains("perpetrator"), "{err}");
        assert!(matches!(
            parse(&["date:2022-13"]),
            Err(QueryError::BadDate { .. })
        ));
        assert!(matches!(
            parse(&["date:2023..2022"]),
            Err(QueryError::BadDate { .. })
        ));
        let err = parse(&["status:jailed"]).unwrap_err();
        assert!(
            err.to_string().contains("serving_sentence"),
            "allowed values listed: {err}"
        );
        assert!(matches!(parse(&["\"open"]), Err(QueryError::UnclosedQuote)));
        assert!(matches!(parse(&["name:"]), Err(QueryError::Empty { .. })));
        assert!(matches!(parse(&["-"]), Err(QueryError::Empty { .. })));
        // Found by the query fuzz target: a quoted newline made a two-line error.
        let err = parse(&["\"\n\""]).unwrap_err().to_string();
        assert!(!err.contains('\n'), "{err:?}");
        // Times and codes with colons are words, not fields.
        assert_eq!(one("10:30").term, Term::Words(vec!["10:30".into()]));
    }
}
