//! `add --from` input (`record::parse_records`): any bytes give records or a one-line error that
//! quotes no value. Every accepted record re-validates, round-trips through CBOR, and its JSON
//! form parses back to the same record with the same JSON (alone, as an array and as JSON Lines).

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use tvault::record::{Record, parse_records};

/// Characters of JSON structure and whitespace: an input without any is a bare word or number.
const STRUCTURE: &[char] = &['{', '}', '[', ']', '"', ':', ',', ' ', '\t', '\n', '\r'];

fn reparse_one(record: &Record) {
    let value = record.to_json_value();
    let json = serde_json::to_vec(&value).expect("JSON encodes");
    let parsed = parse_records(&json).expect("an accepted record's JSON is accepted again");
    assert_eq!(parsed.len(), 1);
    assert!(&parsed[0] == record, "JSON round trip changed the record");
    assert_eq!(
        parsed[0].to_json_value(),
        value,
        "JSON round trip changed the JSON"
    );
}

fuzz_target!(|data: &[u8]| {
    let records = match parse_records(data) {
        Ok(records) => records,
        Err(e) => {
            let text = e.to_string();
            common::check_message(&text);
            assert!(
                e.path()
                    .chars()
                    .all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '.' | '[' | ']')),
                "error path is not made of field names and indices: {:?}",
                e.path()
            );
            if let Ok(input) = std::str::from_utf8(data)
                && input.len() >= 8
                && !input.contains(STRUCTURE)
            {
                assert!(!text.contains(input), "error quotes the input: {text:?}");
            }
            return;
        }
    };
    for record in &records {
        record.validate().expect("an accepted record re-validates");
        let again = Record::from_cbor(&record.to_cbor()).expect("an accepted record round-trips");
        assert!(&again == record, "CBOR round trip changed the record");
        reparse_one(record);
    }
    if records.len() > 1 {
        let values: Vec<_> = records.iter().map(Record::to_json_value).collect();
        let array = serde_json::to_vec(&values).expect("JSON encodes");
        let lines: Vec<u8> = values
            .iter()
            .flat_map(|v| {
                let mut line = serde_json::to_vec(v).expect("JSON encodes");
                line.push(b'\n');
                line
            })
            .collect();
        for input in [array, lines] {
            let parsed = parse_records(&input).expect("accepted records are accepted again");
            assert!(parsed == records, "re-parsed records differ");
        }
    }
});
