//! Checks that every backend must pass.

use breachkit_model::{Incident, IncidentHistory, IncidentId, RiskLevel, Text};
use breachkit_register::{
    Attachment, BreakReason, Decision, Register, RegisterError, ReportMade, export_lines,
    import_line, sha256_hex,
};
use chrono::{DateTime, Utc};

/// A register a test may also tamper with by hand.
pub(crate) trait Raw: Register {
    fn raw(&mut self, sql: &str);
}

pub(crate) fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub(crate) fn seiko() -> IncidentHistory {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/seiko-2023-history.json"
    );
    IncidentHistory::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

pub(crate) fn doc(id: &str, title: &str) -> Incident {
    let mut d = Incident::new(IncidentId::try_new(id).unwrap());
    d.title = Some(Text::new(title));
    d
}

pub(crate) fn decision(revision: u32, author: &str, text: &str) -> Decision {
    Decision {
        number: 0,
        revision,
        decided_at: at("2023-08-11T00:00:00Z"),
        author: Text::new(author),
        subject: "overall".into(),
        risk: RiskLevel::High,
        notify: true,
        justification: Text::new(text),
    }
}

pub(crate) fn report(author: &str, text: &str) -> ReportMade {
    ReportMade {
        number: 0,
        made_at: at("2023-08-12T00:00:00Z"),
        author: Text::new(author),
        report: Some(text.into()),
        recipient: Text::new(text),
        attachments: vec![Attachment {
            name: Text::new(text),
            sha256: sha256_hex(text.as_bytes()),
        }],
        note: Some(Text::new(text)),
    }
}

/// Writes the Seiko history (3 revisions), one decision and one report.
pub(crate) fn fill_seiko(reg: &mut dyn Register) {
    let h = seiko();
    for r in &h.revisions {
        let n = reg
            .write_revision(
                &r.incident,
                r.number - 1,
                r.recorded_at,
                &r.author.to_string(),
                r.note.as_ref().map(|n| n.as_str()),
            )
            .unwrap();
        assert_eq!(n, r.number);
    }
}

pub(crate) fn round_trip(reg: &mut dyn Register) {
    fill_seiko(reg);
    let id = IncidentId::try_new("seiko-2023").unwrap();
    let back = reg.history(&id).unwrap();
    let want = seiko();
    assert_eq!(back.revisions, want.revisions);
    // Known as of each report.
    for (as_of, n) in [
        ("2023-08-01T00:00:00Z", None),
        ("2023-08-10T02:00:00Z", Some(1)),
        ("2023-08-22T03:59:59Z", Some(1)),
        ("2023-09-01T00:00:00Z", Some(2)),
        ("2024-01-01T00:00:00Z", Some(3)),
    ] {
        let cur = reg.current_all(at(as_of)).unwrap();
        assert_eq!(cur.first().map(|r| r.number), n, "{as_of}");
        assert_eq!(
            cur.first().map(|r| r.number),
            want.current_at(at(as_of)).map(|r| r.number)
        );
    }
    assert_eq!(
        reg.record_decision(&id, &decision(3, "dpo", "high risk: contact data leaked"))
            .unwrap(),
        1
    );
    assert_eq!(reg.record_report(&id, &report("dpo", "ppc")).unwrap(), 1);
    assert_eq!(reg.decisions(&id).unwrap()[0].number, 1);
    assert_eq!(reg.reports(&id).unwrap()[0].attachments.len(), 1);
    let list = reg.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].latest, 3);
    let v = reg.verify().unwrap();
    assert!(v.is_valid(), "{v:?}");
    assert_eq!(v.entries, 5);
    assert_eq!(reg.audit_log().unwrap().len(), 5);
    // A decision on a revision that does not exist, a report on an unknown incident.
    assert!(matches!(
        reg.record_decision(&id, &decision(9, "dpo", "x")),
        Err(RegisterError::NotFound { what: "revision" })
    ));
    let nobody = IncidentId::try_new("nobody").unwrap();
    assert!(matches!(
        reg.record_report(&nobody, &report("dpo", "x")),
        Err(RegisterError::NotFound { what: "incident" })
    ));
    assert!(matches!(
        reg.history(&nobody),
        Err(RegisterError::NotFound { .. })
    ));
}

pub(crate) fn stale_writer_gets_a_conflict(reg: &mut dyn Register) {
    let t = at("2024-01-01T00:00:00Z");
    assert_eq!(
        reg.write_revision(&doc("c", "one"), 0, t, "a", None)
            .unwrap(),
        1
    );
    assert_eq!(
        reg.write_revision(&doc("c", "two"), 1, t, "a", None)
            .unwrap(),
        2
    );
    let e = reg
        .write_revision(&doc("c", "lost"), 1, t, "b", None)
        .unwrap_err();
    assert_eq!(
        e,
        RegisterError::Conflict {
            expected: 1,
            latest: 2
        }
    );
    let e = reg
        .write_revision(&doc("c", "again"), 0, t, "b", None)
        .unwrap_err();
    assert_eq!(
        e,
        RegisterError::Conflict {
            expected: 0,
            latest: 2
        }
    );
    // Out of order: earlier than the latest revision.
    assert_eq!(
        reg.write_revision(&doc("c", "old"), 2, at("2023-01-01T00:00:00Z"), "a", None)
            .unwrap_err(),
        RegisterError::OutOfOrder
    );
    let h = reg.history(&IncidentId::try_new("c").unwrap()).unwrap();
    assert_eq!(h.revisions.len(), 2);
    assert_eq!(
        h.revisions[1].incident.title.as_ref().map(|t| t.as_str()),
        Some("two")
    );
    assert!(reg.verify().unwrap().is_valid());
}

/// Each tampering is done on a fresh register from `make`.
pub(crate) fn tampering_is_found<R: Raw>(make: &mut dyn FnMut() -> R) {
    let fresh = |make: &mut dyn FnMut() -> R| {
        let mut r = make();
        fill_seiko(&mut r);
        let id = IncidentId::try_new("seiko-2023").unwrap();
        r.record_decision(&id, &decision(3, "dpo", "notify"))
            .unwrap();
        r.record_report(&id, &report("dpo", "ppc")).unwrap();
        assert!(r.verify().unwrap().is_valid());
        r
    };
    let cases: &[(&str, u64, BreakReason)] = &[
        (
            "UPDATE revisions SET author = 'mallory' WHERE number = 2",
            2,
            BreakReason::RowAltered,
        ),
        (
            "UPDATE revisions SET document = REPLACE(document, '60000', '600') WHERE number = 3",
            3,
            BreakReason::RowAltered,
        ),
        (
            "DELETE FROM revisions WHERE number = 3",
            3,
            BreakReason::RowMissing,
        ),
        (
            "UPDATE decisions SET body = REPLACE(body, 'true', 'false')",
            4,
            BreakReason::RowAltered,
        ),
        ("DELETE FROM reports_made", 5, BreakReason::RowMissing),
        ("DELETE FROM audit WHERE seq = 2", 2, BreakReason::Gap),
        (
            "UPDATE audit SET at = '2020-01-01T00:00:00.000000Z' WHERE seq = 1",
            1,
            BreakReason::EntryAltered,
        ),
        (
            "UPDATE audit SET prev = hash WHERE seq = 4",
            4,
            BreakReason::PrevMismatch,
        ),
        (
            "DELETE FROM audit WHERE seq = 5",
            5,
            BreakReason::Unrecorded,
        ),
        (
            "DELETE FROM audit WHERE seq = 5; DELETE FROM reports_made",
            5,
            BreakReason::HeadMismatch,
        ),
        (
            "INSERT INTO decisions (incident, number, body) VALUES ('seiko-2023', 2, '{}')",
            6,
            BreakReason::Unrecorded,
        ),
    ];
    for (sql, position, reason) in cases {
        let mut r = fresh(make);
        r.raw(sql);
        let v = r.verify().unwrap();
        let b = v.broken.unwrap_or_else(|| panic!("not found: {sql}"));
        assert_eq!((b.position, b.reason), (*position, *reason), "{sql}");
    }
}

pub(crate) const INJECTIONS: &[&str] = &[
    "'); DROP TABLE revisions; --",
    "\" OR \"1\"=\"1",
    "' OR '1'='1' --",
    "x'; DELETE FROM audit WHERE '1'='1",
    "$1 ?1 :name @p %s",
    "Robert'); DROP TABLE incidents;--",
    "\\'; SELECT pg_sleep(5); --",
    "𝕏 ünïcødé ' \" ` ;",
];

pub(crate) fn injection_strings_are_data(reg: &mut dyn Register) {
    let t = at("2024-01-01T00:00:00Z");
    for (i, s) in INJECTIONS.iter().enumerate() {
        let id = IncidentId::try_new(format!("inj-{i}")).unwrap();
        let mut d = doc(id.as_str(), s);
        d.summary = Some(Text::new(*s));
        d.notes = Some(Text::new(*s));
        assert_eq!(reg.write_revision(&d, 0, t, s, Some(s)).unwrap(), 1);
        let mut dec = decision(1, s, s);
        dec.subject = (*s).to_owned();
        reg.record_decision(&id, &dec).unwrap();
        reg.record_report(&id, &report(s, s)).unwrap();
        let h = reg.history(&id).unwrap();
        assert_eq!(h.revisions[0].incident, d);
        assert_eq!(h.revisions[0].author.as_str(), *s);
        assert_eq!(h.revisions[0].note.as_ref().map(|n| n.as_str()), Some(*s));
        let back = &reg.decisions(&id).unwrap()[0];
        assert_eq!(
            (
                back.subject.as_str(),
                back.author.as_str(),
                back.justification.as_str()
            ),
            (*s, *s, *s)
        );
        let rep = &reg.reports(&id).unwrap()[0];
        assert_eq!(rep.recipient.as_str(), *s);
        assert_eq!(rep.attachments[0].name.as_str(), *s);
    }
    assert_eq!(reg.list().unwrap().len(), INJECTIONS.len());
    let v = reg.verify().unwrap();
    assert!(v.is_valid());
    assert_eq!(v.entries, 3 * INJECTIONS.len() as u64);
}

pub(crate) const CANARY: &str = "CANARY-Taro-Yamada-taro@example.jp";

/// No error from the register, in Display or Debug, holds a value from the data.
pub(crate) fn errors_hold_no_personal_value(reg: &mut dyn Register) {
    let t = at("2024-01-01T00:00:00Z");
    let d = doc("canary", CANARY);
    reg.write_revision(&d, 0, t, CANARY, Some(CANARY)).unwrap();
    let id = IncidentId::try_new("canary").unwrap();
    let mut errors = vec![
        reg.write_revision(&d, 0, t, CANARY, Some(CANARY))
            .unwrap_err(),
        reg.write_revision(&d, 1, at("2000-01-01T00:00:00Z"), CANARY, Some(CANARY))
            .unwrap_err(),
        reg.record_decision(&id, &decision(7, CANARY, CANARY))
            .unwrap_err(),
        reg.history(&IncidentId::try_new("nope").unwrap())
            .unwrap_err(),
    ];
    for bad in [
        format!(
            r#"{{"kind": "revision", "number": 1, "recorded_at": "{CANARY}", "author": "a", "document": {{}}}}"#
        ),
        format!(r#"{{"kind": "{CANARY}"}}"#),
        format!(r#"{{"kind": "decision", "incident": "{CANARY}", "decision": {{}}}}"#),
        format!("{CANARY} not json"),
    ] {
        errors.push(import_line(reg, &bad).unwrap_err());
    }
    for e in &errors {
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains("CANARY"), "{shown}");
        assert!(!shown.contains("Yamada"), "{shown}");
    }
    // The history's Debug hides free text too.
    let h = reg.history(&id).unwrap();
    assert!(!format!("{h:?}").contains("CANARY"));
}

pub(crate) fn export_then_import(from: &mut dyn Register, to: &mut dyn Register) {
    fill_seiko(from);
    let id = IncidentId::try_new("seiko-2023").unwrap();
    from.record_decision(&id, &decision(2, "dpo", "notify the PPC"))
        .unwrap();
    from.record_report(&id, &report("dpo", "ppc")).unwrap();
    let lines = export_lines(from).unwrap();
    assert_eq!(lines.len(), 5);
    for l in &lines {
        import_line(to, l).unwrap();
    }
    assert_eq!(from.history(&id).unwrap(), to.history(&id).unwrap());
    assert_eq!(from.decisions(&id).unwrap(), to.decisions(&id).unwrap());
    assert_eq!(from.reports(&id).unwrap(), to.reports(&id).unwrap());
    assert_eq!(export_lines(to).unwrap(), lines);
    assert!(to.verify().unwrap().is_valid());
    // Importing again never overwrites: the first revision line conflicts.
    assert!(import_line(to, &lines[0]).unwrap_err().is_conflict());
}

pub(crate) fn erase_request() -> breachkit_register::DeletionRequest {
    breachkit_register::DeletionRequest::new(
        at("2030-11-01T00:00:00Z"),
        Text::new("dpo"),
        Text::new("retention period of 7 years ended"),
    )
}

/// A deletion request erases every revision's document and note, keeps the incident listed with
/// its decisions and reports, and leaves a chain that still verifies; reads and writes of the
/// erased documents are refused. Erasing by hand, or editing an erased row or the request, is
/// found by `verify`.
pub(crate) fn erasure_keeps_the_chain<R: Raw>(make: &mut dyn FnMut() -> R) {
    let id = IncidentId::try_new("seiko-2023").unwrap();
    let fresh = |make: &mut dyn FnMut() -> R| {
        let mut r = make();
        fill_seiko(&mut r);
        r.record_decision(&id, &decision(3, "dpo", "notify"))
            .unwrap();
        r.record_report(&id, &report("dpo", "ppc")).unwrap();
        r
    };
    let mut r = fresh(make);
    r.write_revision(
        &doc("other", "kept"),
        0,
        at("2023-09-01T00:00:00Z"),
        "a",
        None,
    )
    .unwrap();
    assert_eq!(r.erase(&id, &erase_request()).unwrap(), 1);
    let v = r.verify().unwrap();
    assert!(v.is_valid(), "{v:?}");
    assert_eq!(v.entries, 7);
    assert_eq!(
        r.audit_log().unwrap().last().map(|e| (e.kind, e.number)),
        Some((breachkit_register::EntryKind::Deletion, 1))
    );
    let d = r.deletions(&id).unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].revisions, vec![1, 2, 3]);
    assert!(matches!(
        r.history(&id),
        Err(RegisterError::Erased { deletion: 1 })
    ));
    let list = r.list().unwrap();
    assert_eq!(
        list.iter()
            .map(|e| (e.id.as_str(), e.erased_by))
            .collect::<Vec<_>>(),
        vec![("other", None), ("seiko-2023", Some(1))]
    );
    // Gone from `due`'s input and from exports; decisions and reports stay.
    let current = r.current_all(at("2031-01-01T00:00:00Z")).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].incident.id.as_str(), "other");
    assert!(
        export_lines(&mut r)
            .unwrap()
            .iter()
            .all(|l| !l.contains("seiko-2023"))
    );
    assert_eq!(r.decisions(&id).unwrap().len(), 1);
    assert_eq!(r.reports(&id).unwrap().len(), 1);
    // No writing on top of an erased incident, no second erasure.
    let latest = seiko().revisions[2].incident.clone();
    assert!(matches!(
        r.write_revision(&latest, 3, at("2031-01-01T00:00:00Z"), "a", None),
        Err(RegisterError::Erased { deletion: 1 })
    ));
    assert!(matches!(
        r.erase(&id, &erase_request()),
        Err(RegisterError::Erased { deletion: 1 })
    ));
    let missing = IncidentId::try_new("nope").unwrap();
    assert!(matches!(
        r.erase(&missing, &erase_request()),
        Err(RegisterError::NotFound { .. })
    ));
    assert!(r.verify().unwrap().is_valid());

    // Tampering around erasure. Entries: revisions 1–3, decision 4, report 5, deletion 6.
    let erased_cases: &[(&str, u64, BreakReason)] = &[
        (
            "UPDATE revisions SET document = '{}' WHERE number = 2",
            2,
            BreakReason::RowAltered,
        ),
        (
            "UPDATE deletions SET body = REPLACE(body, '[1,2,3]', '[1,2]')",
            6,
            BreakReason::RowAltered,
        ),
        ("DELETE FROM deletions", 6, BreakReason::RowMissing),
    ];
    for (sql, position, reason) in erased_cases {
        let mut r = fresh(make);
        r.erase(&id, &erase_request()).unwrap();
        assert!(r.verify().unwrap().is_valid());
        r.raw(sql);
        let b = r
            .verify()
            .unwrap()
            .broken
            .unwrap_or_else(|| panic!("not found: {sql}"));
        assert_eq!((b.position, b.reason), (*position, *reason), "{sql}");
    }
    // Erasing by hand, without a deletion request in the chain, is an edit.
    let mut r = fresh(make);
    r.raw("UPDATE revisions SET document = '', note = NULL, erased_by = 1 WHERE number = 3");
    let b = r
        .verify()
        .unwrap()
        .broken
        .unwrap_or_else(|| panic!("hand erasure not found"));
    assert_eq!((b.position, b.reason), (3, BreakReason::RowAltered));
}
