//! Canary tests: no error message, problem or Debug output may contain a value from the input.

use breachkit::model::Incident;

const CANARY: &str = "JANE-CANARY-7731";

fn base() -> serde_json::Value {
    serde_json::json!({
        "schema_version": "0.1",
        "id": "canary",
        "time_zone": "Asia/Tokyo",
        "organisations": [{"id": "acme", "name": "Acme", "country": "JP",
            "contacts": [{"kind": "email", "value": "privacy@example.com"}]}],
        "groups": [{"id": "g", "kind": "customers", "holders": [{"entity": "acme", "role": "controller"}],
            "count": {"kind": "exact", "value": 3}, "categories": ["name"]}],
        "timeline": [{"kind": "detected", "at": "2024-01-05"}]
    })
}

fn set(v: &mut serde_json::Value, pointer: &str, new: serde_json::Value) {
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = new;
}

/// Each mutation puts the canary where a personal value could end up, in a way that makes the
/// document invalid; the error must name the place and the rule but never echo the value.
#[test]
fn parse_errors_never_echo_values() {
    let c = CANARY;
    let cases: Vec<(&str, serde_json::Value)> = vec![
        ("/organisations/0/country", serde_json::json!(c)),
        (
            "/organisations/0/id",
            serde_json::json!(format!("{c} smith")),
        ),
        ("/groups/0/categories/0", serde_json::json!(c)),
        ("/groups/0/kind", serde_json::json!(c)),
        ("/groups/0/count/value", serde_json::json!(c)),
        ("/groups/0/count/kind", serde_json::json!(c)),
        ("/timeline/0/at", serde_json::json!(c)),
        ("/time_zone", serde_json::json!(c)),
        ("/organisations/0/contacts/0/kind", serde_json::json!(c)),
        ("/organisations/0/name", serde_json::json!({ "first": c })),
        ("/groups/0/holders/0/role", serde_json::json!(c)),
        (
            "/groups/0/categories/0",
            serde_json::json!(format!("other:{c}")),
        ),
    ];
    for (pointer, value) in cases {
        let mut doc = base();
        set(&mut doc, pointer, value);
        let err = Incident::from_json(&doc.to_string()).expect_err(pointer);
        let msg = err.to_string();
        assert!(!msg.to_uppercase().contains("CANARY"), "{pointer}: {msg}");
        assert!(
            !format!("{err:?}").to_uppercase().contains("CANARY"),
            "{pointer}: {err:?}"
        );
        // The path is the field itself, or (for a tagged object such as a count) the object
        // holding it.
        let path = err.path().unwrap_or("/");
        assert!(path != "/" && pointer.starts_with(path), "{pointer}: {msg}");
    }
    // An unknown field whose name is the canary.
    let mut doc = base();
    doc.as_object_mut()
        .map(|o| o.insert(format!("{c}@example.com"), serde_json::json!(1)));
    let msg = Incident::from_json(&doc.to_string())
        .expect_err("unknown field")
        .to_string();
    assert!(!msg.to_uppercase().contains("CANARY"), "{msg}");
    // TOML: a bad value in the authoring format.
    let toml = format!(
        "schema_version = \"0.1\"\nid = \"x\"\n[[organisations]]\nid = \"a\"\nname = \"A\"\ncountry = \"{c}\"\n"
    );
    let msg = Incident::from_toml(&toml).expect_err("toml").to_string();
    assert!(!msg.to_uppercase().contains("CANARY"), "{msg}");
}

#[test]
fn validation_problems_never_echo_values() {
    let mut doc = base();
    set(
        &mut doc,
        "/organisations/0/contacts/0/value",
        serde_json::json!(format!("{CANARY} at home")),
    );
    set(
        &mut doc,
        "/groups/0/holders/0/entity",
        serde_json::json!("jane-canary-7731"),
    );
    let inc = Incident::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let problems = inc.validate();
    assert!(problems.len() >= 2, "{problems:?}");
    for p in &problems {
        assert!(!p.to_string().to_uppercase().contains("CANARY"), "{p}");
    }
}

#[test]
fn debug_output_is_redacted() {
    let mut doc = base();
    set(&mut doc, "/organisations/0/name", serde_json::json!(CANARY));
    set(
        &mut doc,
        "/organisations/0/contacts/0/value",
        serde_json::json!(format!("{CANARY}@example.com")),
    );
    doc["summary"] = serde_json::json!(CANARY);
    doc["groups"][0]["notes"] = serde_json::json!(CANARY);
    let inc = Incident::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let dbg = format!("{inc:?}");
    assert!(!dbg.contains(CANARY), "{dbg}");
    assert!(dbg.contains("redacted"));
}

#[test]
fn huge_and_hostile_inputs_give_errors_not_panics() {
    for text in [
        "".to_owned(),
        "{".to_owned(),
        "null".to_owned(),
        "[]".to_owned(),
        "\"just a string\"".to_owned(),
        r#"{"schema_version": "0.1", "id": "x", "groups": [{"id": "g", "kind": "customers", "count": {"kind": "exact", "value": 1e400}}]}"#.to_owned(),
        r#"{"schema_version": "0.1", "id": "x", "groups": [{"id": "g", "kind": "customers", "count": {"kind": "exact", "value": 18446744073709551616}}]}"#.to_owned(),
        r#"{"schema_version": "0.1", "id": "x", "groups": [{"id": "g", "kind": "customers", "count": {"kind": "exact", "value": -1}}]}"#.to_owned(),
        format!("{}{}", "{\"a\":".repeat(10_000), "}".repeat(10_000)),
        format!("[{}]", "1,".repeat(100_000) + "1"),
    ] {
        assert!(Incident::from_json(&text).is_err());
    }
    let big = format!(
        "{{\"notes\": \"{}\"}}",
        "x".repeat(breachkit::model::MAX_DOCUMENT_BYTES)
    );
    assert!(matches!(
        Incident::from_json(&big),
        Err(breachkit::model::ModelError::TooLarge { .. })
    ));
}
