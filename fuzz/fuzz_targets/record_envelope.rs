//! The plaintext of a record file (`Envelope::from_cbor`): any bytes give an envelope or a clean
//! error naming the file; an accepted envelope re-encodes (padded) to the same envelope, and a
//! record that re-validates round-trips through CBOR and through `add`'s JSON parser.

#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tvault::crypto::padme;
use tvault::record::{Record, SCHEMA_VERSION, parse_records};
use tvault::vault::envelope::{Envelope, MIN_PADDED, RECORD_FORMAT};

fuzz_target!(|data: &[u8]| {
    let path = Path::new(common::PATH);
    let envelope = match Envelope::from_cbor(data, path) {
        Ok(envelope) => envelope,
        Err(e) => return common::check_file_error(&e),
    };
    assert_eq!(envelope.format, "tvault-record");
    assert!(envelope.format_version <= RECORD_FORMAT);
    assert!(envelope.schema_version <= u64::from(SCHEMA_VERSION));

    // Re-encoding pads to a Padmé bucket and decodes to the same envelope.
    let mut unpadded = envelope.clone();
    unpadded.pad.clear();
    let padded = unpadded.clone().to_padded_cbor();
    assert!(padded.len() >= MIN_PADDED);
    assert_eq!(padme(padded.len()), padded.len(), "not a Padmé bucket");
    let mut back = Envelope::from_cbor(&padded, path).expect("a re-encoded envelope decodes");
    assert!(back.pad.iter().all(|&b| b == 0), "padding is not zeros");
    back.pad.clear();
    assert!(back == unpadded, "re-encoded envelope differs");

    match envelope.validate(path) {
        Err(e) => common::check_file_error(&e),
        Ok(()) => {
            let record = &envelope.record;
            let again = Record::from_cbor(&record.to_cbor()).expect("a valid record round-trips");
            assert!(&again == record, "CBOR round trip changed the record");
            let json = serde_json::to_vec(&record.to_json_value()).expect("JSON encodes");
            let parsed = parse_records(&json).expect("a valid record's JSON is accepted by add");
            assert!(
                parsed.len() == 1 && &parsed[0] == record,
                "JSON round trip changed it"
            );
        }
    }
});
