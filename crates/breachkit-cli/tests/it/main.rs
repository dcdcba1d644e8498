//! The `breachkit` binary, run as a user would.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::process::{Command, Output};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_breachkit"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn validate_exit_codes() {
    let ok = run(&[
        "validate",
        "docs/examples/seiko-2023.json",
        "docs/examples/seiko-2023.toml",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let missing = run(&["validate", "no-such-file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    let dir = std::env::temp_dir().join(format!("bk-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"schema_version": "0.1", "id": "x", "organisations": [{"id": "a", "name": "A", "country": "Jane Doe"}]}"#).unwrap_or_else(|e| panic!("{e}"));
    let out = run(&[
        "validate",
        "--format",
        "json",
        bad.to_str().unwrap_or_default(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v[0]["path"], "/organisations/0/country");
    assert_eq!(v[0]["severity"], "error");
    assert!(!stdout(&out).contains("Jane"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn assess_requires_a_valid_as_of() {
    let out = run(&[
        "assess",
        "docs/examples/seiko-2023.json",
        "--as-of",
        "yesterday",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[
        "assess",
        "docs/examples/seiko-2023.json",
        "--as-of",
        "2023-08-01T12:00:00+09:00",
        "--entity",
        "nobody",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn assess_seiko_json_snapshot() {
    let out = run(&[
        "assess",
        "docs/examples/seiko-2023.json",
        "--as-of",
        "2023-08-01T12:00:00+09:00",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_json_snapshot!(v);
}

#[test]
fn assess_seiko_text_snapshot() {
    let out = run(&[
        "assess",
        "docs/examples/seiko-2023.json",
        "--as-of",
        "2023-08-01T12:00:00+09:00",
        "--entity",
        "swc",
    ]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn show_and_schema_and_convert() {
    let out = run(&["show", "docs/examples/seiko-2023.toml"]);
    assert_eq!(out.status.code(), Some(0));
    let s = stdout(&out);
    for fact in [
        "Seiko Watch Corporation",
        "2023-07-28",
        "swc-customers",
        "not affected: payment_card_number",
    ] {
        assert!(s.contains(fact), "{fact}");
    }
    let out = run(&["schema"]);
    let committed = std::fs::read_to_string(root().join("docs/schema/incident.schema.json"))
        .unwrap_or_default();
    assert_eq!(stdout(&out), committed);
    let out = run(&["convert", "docs/examples/seiko-2023.toml", "--to", "json"]);
    let back =
        breachkit::model::Incident::from_json(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.id.as_str(), "seiko-2023");
}

#[test]
fn report_command() {
    let out = run(&[
        "report",
        "docs/examples/seiko-2023.json",
        "--kind",
        "announcement",
        "--lang",
        "en",
        "--as-of",
        "2023-10-25T12:00:00+09:00",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("# Regarding Our Recent Data Breach (Third Report)"));
    let out = run(&[
        "report",
        "docs/examples/seiko-2023.json",
        "--kind",
        "ppc-final",
        "--lang",
        "ja",
        "--format",
        "json",
        "--entity",
        "sii",
        "--as-of",
        "2023-10-25T12:00:00+09:00",
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v[0]["entity"], "sii");
    assert_eq!(v[0]["must_be_complete"], true);
    for bad in [
        ["--kind", "tax-return"],
        ["--lang", "fr"],
        ["--format", "pdf"],
        ["--entity", "nobody"],
    ] {
        let mut args = vec![
            "report",
            "docs/examples/seiko-2023.json",
            "--kind",
            "announcement",
            "--as-of",
            "2023-10-25T12:00:00+09:00",
        ];
        args.extend_from_slice(&bad);
        assert_eq!(run(&args).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn veris_validate_import_export() {
    let f = root().join("tests/fixtures/veris");
    let good = f.join("vcdb-sample/validated/00163384-B4D7-46D5-9E6F-543DFB00F598.json");
    let bad = f.join("upstream-tests/action.error.variety_invalid.json");
    let good = good.to_str().unwrap_or_default();
    let bad = bad.to_str().unwrap_or_default();
    assert_eq!(run(&["veris", "validate", good]).status.code(), Some(0));
    let o = run(&["veris", "validate", "--format", "json", good, bad]);
    assert_eq!(o.status.code(), Some(1));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
    let first = &list[0];
    for k in ["file", "code", "path", "severity", "message"] {
        assert!(first.get(k).is_some(), "missing {k}");
    }
    assert_eq!(
        run(&["veris", "validate", "/nonexistent.json"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["veris", "validate"]).status.code(), Some(2));
    let o = run(&["veris", "import", good]);
    assert_eq!(o.status.code(), Some(0));
    let dir = std::env::temp_dir().join(format!("bk-veris-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let inc = dir.join("inc.json");
    let _ = std::fs::write(&inc, stdout(&o));
    let o = run(&["veris", "export", inc.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0));
    let exported = dir.join("veris.json");
    let _ = std::fs::write(&exported, stdout(&o));
    assert_eq!(
        run(&["veris", "validate", exported.to_str().unwrap_or_default()])
            .status
            .code(),
        Some(0)
    );
    // An upstream test case wraps the incident: not importable as it is (no incident_id at the top).
    assert_eq!(run(&["veris", "import", bad]).status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn assess_lists_what_is_not_covered() {
    // A scenario of the corpus: residents of Korea and Brazil besides California.
    let text = std::fs::read_to_string(
        root().join("tests/fixtures/scenarios/not-covered-korea-brazil.json"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let scenario: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("bk-cli-nc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("kr-br.json");
    std::fs::write(&file, scenario["incident"].to_string()).unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_str().unwrap_or_default();
    let human = run(&["assess", path, "--as-of", "2026-03-05T12:00:00Z"]);
    assert_eq!(human.status.code(), Some(0));
    let out = stdout(&human);
    assert!(out.contains("Not covered (2)"), "{out}");
    assert!(
        out.contains("KR — 1200 affected people live in KR"),
        "{out}"
    );
    assert!(
        out.contains("BR — 100 to 300 affected people live in BR"),
        "{out}"
    );
    let json = run(&[
        "assess",
        path,
        "--as-of",
        "2026-03-05T12:00:00Z",
        "--format",
        "json",
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&json)).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<&str> = v["not_covered"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|n| n["jurisdiction"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(got, ["BR", "KR"]);
    assert_eq!(v["not_covered"][1]["persons_min"], 1200);
    let _ = std::fs::remove_dir_all(&dir);
}
