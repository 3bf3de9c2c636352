//! The search grammar (`search::query::parse`) and the scan: any text gives a query or a
//! one-line usage error, never a panic; a parsed query can be compiled and run against an index
//! entry built from a small record.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tvault::record::parse_records;
use tvault::search::query;
use tvault::search::scan::Compiled;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let args: Vec<&str> = text.split('\0').collect();
    match query::parse(&args) {
        Ok(parsed) => {
            let record = &parse_records(
                r#"{"witness": {"names": ["Іван Петрук", "Ivan Petruk"], "status": "serving_sentence"},
                     "acts": [{"type": "arrest", "date": "2022-04/2022-06", "charges": ["CC 361-1"]}],
                     "tags": ["strike"], "summary": "Mine 3"}"#
                    .as_bytes(),
            )
            .expect("the fixture is valid")[0];
            let envelope = tvault::vault::envelope::Envelope::new(
                "0000000000000000".into(),
                1,
                "2026-01-01T00:00:00Z".into(),
                "2026-01-01T00:00:00Z".into(),
                record.clone(),
            );
            let entry = tvault::vault::index_entry(&envelope, "records/00/x.age", 1);
            for narrative in [false, true] {
                let compiled = Compiled::new(&parsed, narrative);
                let _ = compiled.matches(&entry.view(), narrative.then_some("petruk mine"));
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains('\n'), "one line: {message:?}");
        }
    }
});
