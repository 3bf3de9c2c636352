//! Crash-safety of edits, deletes, purges and merges: every durable step interrupted in turn
//! (`store::failpoints`), after which the vault verifies, and the write is either entirely there
//! or entirely absent.

use std::fs;

use super::store::failpoints;
use super::tests::{Fixture, copy_dir, crash_everywhere, records};
use super::{Access, Edited, Vault};

fn first_id(vault: &Vault) -> String {
    vault.load().unwrap().records[0].id().to_owned()
}

fn edited(vault: &Vault) -> crate::record::Record {
    let mut record = vault.load().unwrap().records[0].record().clone();
    record.title = Some("edited".to_owned());
    record
}

#[test]
fn edit_is_all_or_nothing_at_every_crash_point() {
    let steps = crash_everywhere(
        2,
        |vault| {
            let id = first_id(vault);
            let record = edited(vault);
            matches!(vault.edit(&id, record), Ok(Edited::Written { version: 2 }))
        },
        |fixture, completed| {
            assert_eq!(fixture.consistent(), 2);
            let vault = fixture.open(Access::Read);
            let listing = vault.load().unwrap();
            let versions: Vec<u64> = listing.records.iter().map(|r| r.envelope.version).collect();
            assert!(versions.contains(&1));
            if completed {
                assert!(versions.contains(&2), "{versions:?}");
            }
            // The index agrees with the records whatever happened.
            let view = vault.index().unwrap();
            assert_eq!(view.entries.len(), 2);
            for entry in &view.entries {
                let stored = listing.find(&entry.id).unwrap();
                assert_eq!(entry.version, stored.envelope.version);
            }
        },
    );
    assert!(steps > 6, "only {steps} crash points");
}

#[test]
fn delete_and_purge_are_all_or_nothing_at_every_crash_point() {
    crash_everywhere(
        2,
        |vault| {
            let id = first_id(vault);
            vault.delete(&id).is_ok()
        },
        |fixture, completed| {
            // Killed after its journal entry, the delete happened; before it, it did not.
            let count = fixture.consistent();
            assert!(count == 1 || count == 2);
            if completed {
                assert_eq!(count, 1);
            }
        },
    );
    let steps = crash_everywhere(
        2,
        |vault| {
            let id = first_id(vault);
            vault.purge(&id).is_ok()
        },
        |fixture, completed| {
            let count = fixture.consistent();
            assert!(count == 1 || count == 2);
            if completed {
                assert_eq!(count, 1);
            }
            let mut files = Vec::new();
            let mut problems = Vec::new();
            super::verify::walk(
                &fixture.root().join("records"),
                2,
                &mut files,
                &mut problems,
            )
            .unwrap();
            let files = files.len();
            assert_eq!(files, count, "a record file was left behind or lost");
        },
    );
    assert!(steps > 6, "only {steps} crash points");
}

/// A purge overwrites the bytes of what it removes before unlinking them, also when it was
/// killed after its commit and the next writer finishes it. A hard link made beforehand shares
/// the record file's bytes, so it shows whether they were overwritten or merely unlinked.
#[test]
fn a_purge_overwrites_what_it_removes_even_when_the_next_writer_finishes_it() {
    for n in 0.. {
        let fixture = Fixture::new(1);
        let mut files = Vec::new();
        super::verify::walk(
            &fixture.root().join("records"),
            2,
            &mut files,
            &mut Vec::new(),
        )
        .unwrap();
        let [record_file] = files.as_slice() else {
            panic!("one record file expected: {files:?}");
        };
        let original = fs::read(record_file).unwrap();
        let twin = fixture.dir.path().join("twin");
        fs::hard_link(record_file, &twin).unwrap();
        let mut vault = fixture.open(Access::Write);
        let id = first_id(&vault);
        failpoints::arm(n);
        let purged = vault.purge(&id).is_ok();
        let crashed = failpoints::disarm();
        drop(vault);
        // Opens as a writer too, which finishes a committed purge.
        let count = fixture.consistent();
        if count == 0 {
            assert_ne!(
                fs::read(&twin).unwrap(),
                original,
                "crash point {n}: the purged record's bytes were unlinked, not overwritten"
            );
        } else {
            assert_eq!(fs::read(&twin).unwrap(), original, "crash point {n}");
        }
        if !crashed {
            assert!(purged && count == 0);
            assert!(n > 6, "only {n} crash points");
            return;
        }
    }
}

#[test]
fn merge_is_all_or_nothing_at_every_crash_point() {
    for n in 0.. {
        let fixture = Fixture::new(1);
        let other = fixture.dir.path().join("w");
        copy_dir(&fixture.root(), &other);
        // Diverge: an edit of the same record on both copies, and an add on the other.
        {
            let mut theirs = Vault::open(
                &other,
                super::Unlock::Identities(&fixture.ids),
                Access::Write,
            )
            .unwrap();
            let id = first_id(&theirs);
            let mut record = edited(&theirs);
            record.title = Some("theirs".to_owned());
            theirs.edit(&id, record).unwrap();
            theirs.add(records(1, "w")).unwrap();
        }
        let mut vault = fixture.open(Access::Write);
        let id = first_id(&vault);
        let record = edited(&vault);
        vault.edit(&id, record).unwrap();
        failpoints::arm(n);
        let result = vault.merge(&other, "w");
        let crashed = failpoints::disarm();
        drop(vault);
        let count = fixture.consistent();
        let vault = fixture.open(Access::Read);
        let versions = vault.history(&id).unwrap().len();
        if crashed {
            assert!(result.is_err());
            assert!(
                (count == 1 && versions == 2) || (count == 2 && versions == 3),
                "partial merge: {count} records, {versions} versions"
            );
        } else {
            let report = result.unwrap();
            assert_eq!(report.conflicts.len(), 1);
            assert_eq!((count, versions), (2, 3));
            assert!(n > 6, "only {n} crash points");
            return;
        }
    }
}

#[test]
fn merge_keeps_this_copys_key_slots_when_the_other_copy_removed_one() {
    let fixture = Fixture::new(1);
    let other = fixture.dir.path().join("w");
    copy_dir(&fixture.root(), &other);
    {
        // The other copy drops its recipients slot (as a `recipients remove` of the last
        // recovery key would) and adds a record.
        let pass = age::secrecy::SecretString::from("old passphrase 123".to_owned());
        let mut theirs =
            Vault::open(&other, super::Unlock::Passphrase(&pass), Access::Write).unwrap();
        theirs
            .commit(
                "recipients",
                Vec::new(),
                vec!["keys/recipients.age".to_owned()],
            )
            .unwrap();
        theirs.add(records(1, "w")).unwrap();
        assert!(!other.join("keys/recipients.age").exists());
    }
    let mut vault = fixture.open(Access::Write);
    let report = vault.merge(&other, "w").unwrap();
    assert_eq!(report.records, 1);
    drop(vault);
    assert!(fixture.root().join("keys/recipients.age").exists());
    // Still opens with the recovery identity, and verifies.
    assert_eq!(fixture.consistent(), 2);
}

#[test]
fn a_longer_chain_on_the_other_copy_follows_this_copys_last_version() {
    let fixture = Fixture::new(1);
    let other = fixture.dir.path().join("w");
    copy_dir(&fixture.root(), &other);
    let id;
    {
        let mut theirs = Vault::open(
            &other,
            super::Unlock::Identities(&fixture.ids),
            Access::Write,
        )
        .unwrap();
        id = first_id(&theirs);
        for title in ["theirs 2", "theirs 3"] {
            let mut record = edited(&theirs);
            record.title = Some(title.to_owned());
            theirs.edit(&id, record).unwrap();
        }
    }
    let mut vault = fixture.open(Access::Write);
    let record = edited(&vault);
    vault.edit(&id, record).unwrap();
    let report = vault.merge(&other, "w").unwrap();
    assert_eq!(
        report.conflicts,
        vec![(id.clone(), 2, 3), (id.clone(), 2, 4)]
    );
    let versions: Vec<(u64, Option<String>)> = vault
        .history(&id)
        .unwrap()
        .iter()
        .map(|h| (h.version, h.conflict.as_ref().map(|c| c.copy.clone())))
        .collect();
    assert_eq!(
        versions,
        vec![
            (1, None),
            (2, None),
            (3, Some("w".to_owned())),
            (4, Some("w".to_owned()))
        ]
    );
    let current = vault.current_version(&id).unwrap();
    assert_eq!(current.record().title.as_deref(), Some("theirs 3"));
    assert_eq!(
        current.envelope.conflict.as_ref().unwrap().original_version,
        3
    );
    drop(vault);
    fixture.consistent();
    // Merging back: the other copy ends with the same versions.
    let mut theirs = Vault::open(
        &other,
        super::Unlock::Identities(&fixture.ids),
        Access::Write,
    )
    .unwrap();
    let back = theirs.merge(&fixture.root(), "v").unwrap();
    assert!(back.conflicts.is_empty(), "{back:?}");
    assert_eq!(theirs.history(&id).unwrap().len(), 4);
    assert!(theirs.verify(true, None).unwrap().problems.is_empty());
}
