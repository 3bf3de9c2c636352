//! Edits of a stored record (`tvault edit --from`): what the new version's record is, given the
//! current one and the user's JSON.
//!
//! A complete record (one that names `witness.names`) replaces the current one; anything else is
//! a JSON merge patch (RFC 7386) applied onto the current record (`null` removes a field). The
//! fields that `show --json` adds around a record (`id`, `version`, `created_at`,
//! `updated_at`, `conflict`, `attachments`, `deleted`) are accepted and ignored, so that
//! `show --json > f; edit --from f` round-trips; an `id` that names another record is an error.
//! The result is validated like `add` input, with paths in errors and never a value.

use serde_json::{Map, Value};

use super::Record;
use super::error::{ErrorKind, RecordError};
use super::validate::{parse_object, record_from_value};

/// Fields of `show --json` output that are not part of the record schema.
pub const ENVELOPE_FIELDS: &[&str] = &[
    "id",
    "version",
    "created_at",
    "updated_at",
    "conflict",
    "attachments",
    "deleted",
];

/// How `edit` input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditMode {
    /// A complete record replaces; a partial one is a merge patch.
    Auto,
    /// Always a merge patch (even when it names `witness.names`).
    Patch,
}

/// The record after applying `input` (JSON) to `current`, for record `id`.
pub fn apply_edit(
    input: &[u8],
    id: &str,
    current: &Record,
    mode: EditMode,
) -> Result<Record, RecordError> {
    let mut object = parse_object(input)?;
    match object.get("id") {
        None => {}
        Some(Value::String(given)) if given.trim().eq_ignore_ascii_case(id) => {}
        Some(Value::String(_)) => return Err(RecordError::new("id", ErrorKind::OtherRecord)),
        Some(_) => {
            return Err(RecordError::new(
                "id",
                ErrorKind::WrongType {
                    expected: "a string",
                },
            ));
        }
    }
    for field in ENVELOPE_FIELDS {
        object.remove(*field);
    }
    let complete = mode == EditMode::Auto
        && object
            .get("witness")
            .and_then(Value::as_object)
            .is_some_and(|w| w.contains_key("names"));
    let value = if complete {
        Value::Object(object)
    } else {
        let mut target = current.to_json_value();
        merge_patch(&mut target, &Value::Object(object));
        target
    };
    record_from_value(value)
}

/// RFC 7386 JSON merge patch: objects merge member by member, `null` removes a member, any
/// other value replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(members) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(fields) = target else {
        return;
    };
    for (key, value) in members {
        if value.is_null() {
            fields.remove(key);
        } else {
            merge_patch(fields.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn current() -> Record {
        super::super::parse_records(
            br#"{"title": "t", "witness": {"names": ["A B"], "status": "detained_pretrial"},
                 "tags": ["x"]}"#,
        )
        .unwrap()
        .remove(0)
    }

    #[test]
    fn merge_patch_follows_rfc_7386() {
        // The examples of RFC 7386, section 3.
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch(&mut target, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}}));
        let mut target = json!({"a": [{"b": "c"}]});
        merge_patch(&mut target, &json!({"a": [1]}));
        assert_eq!(target, json!({"a": [1]}));
        let mut target = json!(["a", "b"]);
        merge_patch(&mut target, &json!({"a": "b"}));
        assert_eq!(target, json!({"a": "b"}));
    }

    #[test]
    fn partial_input_patches_and_complete_input_replaces() {
        let id = "0123456789abcdef";
        let patched = apply_edit(
            br#"{"witness": {"status": "released"}, "tags": null}"#,
            id,
            &current(),
            EditMode::Auto,
        )
        .unwrap();
        let value = patched.to_json_value();
        assert_eq!(value["witness"]["status"], "released");
        assert_eq!(value["witness"]["names"][0], "A B");
        assert_eq!(value["title"], "t");
        assert!(value.get("tags").is_none());

        let replaced = apply_edit(
            br#"{"id": "0123456789ABCDEF", "version": 3, "created_at": "x", "updated_at": "y",
                 "witness": {"names": ["C D"]}}"#,
            id,
            &current(),
            EditMode::Auto,
        )
        .unwrap();
        assert_eq!(
            replaced.to_json_value(),
            json!({"witness": {"names": ["C D"]}})
        );
        let forced = apply_edit(
            br#"{"witness": {"names": ["C D"]}}"#,
            id,
            &current(),
            EditMode::Patch,
        )
        .unwrap();
        assert_eq!(forced.to_json_value()["title"], "t");
    }

    #[test]
    fn errors_name_the_field_and_never_the_value() {
        let id = "0123456789abcdef";
        let err = |input: &[u8]| apply_edit(input, id, &current(), EditMode::Auto).unwrap_err();
        let e = err(br#"{"witness": {"status": "Secret Value"}}"#);
        assert_eq!(e.path(), "witness.status");
        assert!(!e.to_string().contains("Secret Value"));
        assert_eq!(err(br#"{"id": "zzzzzzzzzzzzzzzz"}"#).path(), "id");
        assert_eq!(err(br#"{"witness": {"names": null}}"#).path(), "witness");
        assert!(matches!(err(b"[1]").kind(), ErrorKind::WrongType { .. }));
        assert!(matches!(err(b"  ").kind(), ErrorKind::EmptyInput));
        assert!(matches!(
            err(br#"{"title": "a", "title": "b"}"#).kind(),
            ErrorKind::DuplicateField { .. }
        ));
        assert!(matches!(
            err(br#"{"nonsense": 1}"#).kind(),
            ErrorKind::UnknownField { .. }
        ));
    }
}
