//! Parsing and validating untrusted record input (`add --from`).
//!
//! Input is first parsed into a `serde_json::Value` (a syntax error reports only its line and
//! column; a key given twice in one object is an error too, not a silent loss of the first
//! value), then walked by the hand-written checks below, which know every field of SPEC.md's
//! schema and report problems by JSON path, and only then converted with serde. serde's own
//! messages are never shown: they quote values (`invalid type: string "Ivan"`), and values
//! here are testimony.

use std::fmt;
use std::io;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::Record;
use super::date::EdtfDate;
use super::error::{ErrorKind, RecordError, sanitize_field_name};
use super::vocab::{ActType, ConsentLevel, Purpose, Risk, Sex, Status, VocabError};

/// The longest accepted string field, in bytes of UTF-8.
pub const MAX_STRING_BYTES: usize = 1 << 20;
/// The largest accepted record, in bytes of its compact JSON form.
pub const MAX_RECORD_BYTES: usize = 8 << 20;

const RECORD_FIELDS: &[&str] = &[
    "title",
    "language",
    "witness",
    "interview",
    "acts",
    "people",
    "consent",
    "risk",
    "tags",
    "sensitive_terms",
    "summary",
    "narrative",
];
const WITNESS_FIELDS: &[&str] = &[
    "names",
    "pseudonym",
    "sex",
    "birth_date",
    "occupation",
    "employer",
    "unions",
    "status",
    "status_as_of",
    "whereabouts",
    "residence",
    "contact",
];
const UNION_FIELDS: &[&str] = &["name", "role"];
const INTERVIEW_FIELDS: &[&str] = &["date", "mode", "interviewer", "place"];
const ACT_FIELDS: &[&str] = &[
    "type",
    "date",
    "place",
    "perpetrators",
    "officials",
    "charges",
    "sentence",
    "in_absentia",
    "notes",
];
const PLACE_FIELDS: &[&str] = &["country", "region", "locality", "site"];
const PERSON_FIELDS: &[&str] = &["name", "relation"];
const CONSENT_FIELDS: &[&str] = &["purpose", "level", "conditions"];

type Result<T = ()> = std::result::Result<T, RecordError>;

/// Parse `add --from` input: one JSON object, a JSON array of objects, or JSON Lines (one
/// object per non-empty line). A UTF-8 byte order mark is tolerated.
///
/// Error paths: `acts[0].date` for a single object; `records[3].acts[0].date` (0-based) for
/// an array; the same plus `line 4: ` for JSON Lines. Errors never contain input values.
pub fn parse_records(input: &[u8]) -> Result<Vec<Record>> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if input.iter().all(|&b| is_json_whitespace(b)) {
        return Err(RecordError::new("", ErrorKind::EmptyInput));
    }
    let mut stream = serde_json::Deserializer::from_slice(input).into_iter::<StrictValue>();
    let first = match stream.next() {
        Some(Ok(StrictValue(value))) => value,
        Some(Err(e)) => return Err(json_error(&e, None)),
        None => return Err(RecordError::new("", ErrorKind::EmptyInput)),
    };
    let rest = input.get(stream.byte_offset()..).unwrap_or_default();
    if !rest.iter().all(|&b| is_json_whitespace(b)) {
        // More than one value: JSON Lines. Parse again line by line, so that errors can
        // name the line.
        return parse_json_lines(input);
    }
    match first {
        Value::Object(_) => Ok(vec![convert(first, "")?]),
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| convert(item, &format!("records[{i}]")))
            .collect(),
        _ => Err(RecordError::new("", ErrorKind::NotRecords)),
    }
}

fn parse_json_lines(input: &[u8]) -> Result<Vec<Record>> {
    let mut records = Vec::new();
    for (i, line) in input.split(|&b| b == b'\n').enumerate() {
        let line_number = i + 1;
        if line.iter().all(|&b| is_json_whitespace(b)) {
            continue;
        }
        let StrictValue(value) =
            serde_json::from_slice(line).map_err(|e| json_error(&e, Some(line_number)))?;
        let path = format!("records[{}]", records.len());
        let record = convert(value, &path).map_err(|e| e.at_line(line_number))?;
        records.push(record);
    }
    Ok(records)
}

fn is_json_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// A JSON syntax error, reduced to its position (serde_json's message is dropped: for some
/// errors it quotes input). `line` overrides the line for JSON Lines, where serde_json only
/// saw one line.
fn json_error(e: &serde_json::Error, line: Option<usize>) -> RecordError {
    let line = line.unwrap_or(e.line());
    let column = e.column();
    let kind = match e.classify() {
        serde_json::error::Category::Eof => ErrorKind::UnexpectedEnd { line, column },
        // The only data error `StrictValue` raises.
        serde_json::error::Category::Data => ErrorKind::DuplicateField { line, column },
        _ => ErrorKind::Syntax { line, column },
    };
    RecordError::new("", kind)
}

/// A JSON value parsed like `serde_json::Value`, except that an object holding the same key
/// twice is rejected: `Value` would silently keep only the last one, losing testimony text.
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        StrictValue::deserialize(d).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                // The message is dropped by `json_error`; only the position is reported.
                return Err(de::Error::custom("duplicate key"));
            }
            let StrictValue(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Parses input that must hold exactly one JSON object (`edit --from`), strictly: a key given
/// twice is an error, and errors carry only positions.
pub(crate) fn parse_object(input: &[u8]) -> Result<Map<String, Value>> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if input.iter().all(|&b| is_json_whitespace(b)) {
        return Err(RecordError::new("", ErrorKind::EmptyInput));
    }
    let StrictValue(value) = serde_json::from_slice(input).map_err(|e| json_error(&e, None))?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(RecordError::new(
            "",
            ErrorKind::WrongType {
                expected: "an object",
            },
        )),
    }
}

/// Validates one record given as a JSON value (paths relative to the record) and converts it.
pub(crate) fn record_from_value(value: Value) -> Result<Record> {
    convert(value, "")
}

/// Validate one record value, then convert it.
fn convert(mut value: Value, path: &str) -> Result<Record> {
    validate_value(&value, path)?;
    // `null` means "absent" for optional fields; serde would refuse it for list fields.
    strip_nulls(&mut value);
    serde_json::from_value(value).map_err(|_| RecordError::new(path, ErrorKind::Schema))
}

/// Remove `null` members of objects. Only called on validated records, whose depth is
/// bounded by the schema.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// Check one record given as JSON. `path` is the record's own path (`""` or `records[3]`).
pub(crate) fn validate_value(value: &Value, path: &str) -> Result {
    let map = object(value, path, RECORD_FIELDS, &["witness"])?;
    for (key, v) in present(map) {
        let p = &join(path, key);
        match key {
            "title" | "summary" | "narrative" => string(v, p).map(drop)?,
            "language" => language(v, p)?,
            "witness" => witness(v, p)?,
            "interview" => interview(v, p)?,
            "acts" => objects(v, p, act)?,
            "people" => objects(v, p, person)?,
            "consent" => consents(v, p)?,
            "risk" => vocabulary::<Risk>(v, p)?,
            "tags" | "sensitive_terms" => strings(v, p)?,
            _ => {} // `object` rejected every other key
        }
    }
    if json_len_exceeds(value, MAX_RECORD_BYTES) {
        return Err(RecordError::new(
            path,
            ErrorKind::RecordTooLarge {
                limit: MAX_RECORD_BYTES,
            },
        ));
    }
    Ok(())
}

fn witness(value: &Value, path: &str) -> Result {
    let map = object(value, path, WITNESS_FIELDS, &["names"])?;
    for (key, v) in present(map) {
        let p = &join(path, key);
        match key {
            "names" => names(v, p)?,
            "pseudonym" | "occupation" | "employer" | "whereabouts" | "contact" => {
                string(v, p).map(drop)?
            }
            "sex" => vocabulary::<Sex>(v, p)?,
            "birth_date" | "status_as_of" => date(v, p)?,
            "unions" => objects(v, p, union)?,
            "status" => vocabulary::<Status>(v, p)?,
            "residence" => place(v, p)?,
            _ => {}
        }
    }
    Ok(())
}

fn names(value: &Value, path: &str) -> Result {
    let Value::Array(items) = value else {
        return Err(wrong_type(path, "an array of strings"));
    };
    if items.is_empty() {
        return Err(RecordError::new(path, ErrorKind::NoNames));
    }
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        if string(item, &p)?.trim().is_empty() {
            return Err(RecordError::new(p, ErrorKind::BlankName));
        }
    }
    Ok(())
}

fn union(value: &Value, path: &str) -> Result {
    let map = object(value, path, UNION_FIELDS, &["name"])?;
    present(map).try_for_each(|(key, v)| string(v, &join(path, key)).map(drop))
}

fn interview(value: &Value, path: &str) -> Result {
    let map = object(value, path, INTERVIEW_FIELDS, &[])?;
    for (key, v) in present(map) {
        let p = &join(path, key);
        match key {
            "date" => date(v, p)?,
            _ => string(v, p).map(drop)?,
        }
    }
    Ok(())
}

fn act(value: &Value, path: &str) -> Result {
    let map = object(value, path, ACT_FIELDS, &[])?;
    for (key, v) in present(map) {
        let p = &join(path, key);
        match key {
            "type" => vocabulary::<ActType>(v, p)?,
            "date" => date(v, p)?,
            "place" => place(v, p)?,
            "perpetrators" | "officials" | "charges" => strings(v, p)?,
            "in_absentia" if !v.is_boolean() => return Err(wrong_type(p, "a boolean")),
            "in_absentia" => {}
            _ => string(v, p).map(drop)?,
        }
    }
    Ok(())
}

fn place(value: &Value, path: &str) -> Result {
    let map = object(value, path, PLACE_FIELDS, &[])?;
    // Every part is free text; an empty region ("") is allowed.
    present(map).try_for_each(|(key, v)| string(v, &join(path, key)).map(drop))
}

fn person(value: &Value, path: &str) -> Result {
    let map = object(value, path, PERSON_FIELDS, &["name"])?;
    present(map).try_for_each(|(key, v)| string(v, &join(path, key)).map(drop))
}

fn consents(value: &Value, path: &str) -> Result {
    let Value::Array(items) = value else {
        return Err(wrong_type(path, "an array of objects"));
    };
    let mut seen: Vec<(Purpose, String)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let map = object(item, &p, CONSENT_FIELDS, &["purpose", "level"])?;
        for (key, v) in present(map) {
            let field_path = &join(&p, key);
            match key {
                "purpose" => vocabulary::<Purpose>(v, field_path)?,
                "level" => vocabulary::<ConsentLevel>(v, field_path)?,
                _ => string(v, field_path).map(drop)?,
            }
        }
        // Both checked just above, so this parse succeeds; a failure would only skip the
        // duplicate check, never accept a bad value.
        if let Some(purpose) = map.get("purpose").and_then(Value::as_str)
            && let Ok(purpose) = purpose.parse::<Purpose>()
        {
            if let Some((_, first)) = seen.iter().find(|(seen, _)| *seen == purpose) {
                return Err(RecordError::new(
                    join(&p, "purpose"),
                    ErrorKind::DuplicatePurpose {
                        first: first.clone(),
                    },
                ));
            }
            seen.push((purpose, p));
        }
    }
    Ok(())
}

// ---- leaf checks -----------------------------------------------------------------------

/// `value` as an object whose keys are all in `allowed` and which has every `required` key
/// (a `null` counts as missing).
fn object<'a>(
    value: &'a Value,
    path: &str,
    allowed: &'static [&'static str],
    required: &[&'static str],
) -> Result<&'a Map<String, Value>> {
    let Value::Object(map) = value else {
        return Err(wrong_type(path, "an object"));
    };
    if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(RecordError::new(
            path,
            ErrorKind::UnknownField {
                field: sanitize_field_name(unknown),
                allowed,
            },
        ));
    }
    if let Some(&missing) = required
        .iter()
        .find(|&&field| map.get(field).is_none_or(Value::is_null))
    {
        return Err(RecordError::new(
            path,
            ErrorKind::MissingField { field: missing },
        ));
    }
    Ok(map)
}

/// The members of an object that are not `null` (`null` means absent).
fn present(map: &Map<String, Value>) -> impl Iterator<Item = (&str, &Value)> {
    map.iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.as_str(), v))
}

fn string<'a>(value: &'a Value, path: &str) -> Result<&'a str> {
    let Value::String(s) = value else {
        return Err(wrong_type(path, "a string"));
    };
    if s.len() > MAX_STRING_BYTES {
        return Err(RecordError::new(
            path,
            ErrorKind::StringTooLong {
                limit: MAX_STRING_BYTES,
            },
        ));
    }
    Ok(s)
}

fn strings(value: &Value, path: &str) -> Result {
    let Value::Array(items) = value else {
        return Err(wrong_type(path, "an array of strings"));
    };
    for (i, item) in items.iter().enumerate() {
        string(item, &index(path, i))?;
    }
    Ok(())
}

fn objects(value: &Value, path: &str, check: fn(&Value, &str) -> Result) -> Result {
    let Value::Array(items) = value else {
        return Err(wrong_type(path, "an array of objects"));
    };
    for (i, item) in items.iter().enumerate() {
        check(item, &index(path, i))?;
    }
    Ok(())
}

fn vocabulary<T: FromStr<Err = VocabError>>(value: &Value, path: &str) -> Result {
    string(value, path)?
        .parse::<T>()
        .map(drop)
        .map_err(|e| RecordError::new(path, ErrorKind::Vocabulary(e)))
}

fn date(value: &Value, path: &str) -> Result {
    EdtfDate::parse(string(value, path)?)
        .map(drop)
        .map_err(|e| RecordError::new(path, ErrorKind::Date(e)))
}

fn language(value: &Value, path: &str) -> Result {
    if is_language_tag(string(value, path)?) {
        Ok(())
    } else {
        Err(RecordError::new(path, ErrorKind::Language))
    }
}

/// A plausible BCP-47 tag: subtags of 1-8 ASCII letters or digits separated by `-`, the
/// first one 2-3 or 5-8 letters. (Not a registry check: `xx` passes.)
fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary_ok = subtags.next().is_some_and(|first| {
        matches!(first.len(), 2 | 3 | 5..=8) && first.bytes().all(|b| b.is_ascii_alphabetic())
    });
    primary_ok
        && subtags.all(|sub| {
            (1..=8).contains(&sub.len()) && sub.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Whether the compact JSON form of `value` is longer than `limit` bytes; stops counting as
/// soon as it is.
fn json_len_exceeds(value: &Value, limit: usize) -> bool {
    struct Counter {
        written: usize,
        limit: usize,
    }
    impl io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.written += buf.len();
            if self.written > self.limit {
                Err(io::Error::other("limit exceeded"))
            } else {
                Ok(buf.len())
            }
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter { written: 0, limit };
    serde_json::to_writer(&mut counter, value).is_err()
}

fn wrong_type(path: &str, expected: &'static str) -> RecordError {
    RecordError::new(path, ErrorKind::WrongType { expected })
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for ok in [
            "be",
            "ru",
            "bel",
            "ru-Latn",
            "be-BY",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "en-US-x-twain",
            "de-CH-1996",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "b",
            "belarus1",
            "abcd",
            "be-",
            "-be",
            "be--BY",
            "be_BY",
            "бе",
            "be-toolongsubtag",
            "12",
            "be BY",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn size_counter_stops_at_the_limit() {
        let v = Value::String("x".repeat(100));
        assert!(!json_len_exceeds(&v, 102));
        assert!(json_len_exceeds(&v, 101));
    }
}
