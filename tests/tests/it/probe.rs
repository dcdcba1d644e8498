//! The reproducers of the 2026-12 reliability probe (`tests/fixtures/probe/`), one regression
//! test per defect D1–D12 that the model, report and CLI layers own (D8 and D10 are rule-file
//! defects, tested in `breachkit-rules`).

use breachkit::model::{Format, Incident, MAX_DOCUMENT_BYTES, ModelError, Severity};
use breachkit::report;
use breachkit_conformance::repo_root;
use chrono::{DateTime, Utc};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("tests/fixtures/probe").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn as_of(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

fn errors(inc: &Incident) -> Vec<(String, String)> {
    inc.validate()
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.code, p.path))
        .collect()
}

#[test]
fn d1_announcement_sequence_is_capped_and_never_overflows() {
    let inc = Incident::from_json(&fixture("announcement-sequence-overflow.json")).unwrap();
    assert_eq!(
        errors(&inc),
        [("sequence_too_large".into(), "/reports/0/sequence".into())]
    );
    let t = as_of("2023-10-26T00:00:00+09:00");
    // The core's `assess` refuses it; a ruleset's (infallible) one still gives an assessment, and
    // drafting refuses the document in its turn.
    assert_eq!(
        breachkit::rules::assess(&inc, t).unwrap_err().path(),
        Some("/reports/0/sequence")
    );
    let a = breachkit::rules::Ruleset::builtin()
        .unwrap()
        .assess(&inc, t);
    let cat = report::Catalogue::builtin(report::Lang::En).unwrap();
    let opts = report::Options::new(report::ReportKind::Announcement, report::Lang::En, t);
    let e = report::draft(&inc, &a, &cat, &opts).unwrap_err();
    assert_eq!(e.code(), "sequence_too_large");
    // At the cap itself the next number is one more, without any overflow.
    let doc = fixture("announcement-sequence-overflow.json").replace("4294967295", "9999");
    let inc = Incident::from_json(&doc).unwrap();
    assert!(errors(&inc).is_empty());
    let d = report::draft(&inc, &a, &cat, &opts).unwrap();
    assert_eq!(d[0].fields["sequence"], 10_000);
}

#[test]
fn d6_endless_input_ends_in_too_large() {
    let e = Incident::read(std::io::repeat(b' '), Format::Json).unwrap_err();
    assert_eq!(
        e,
        ModelError::TooLarge {
            limit: MAX_DOCUMENT_BYTES
        }
    );
    #[cfg(unix)]
    {
        let e = Incident::load(std::path::Path::new("/dev/zero")).unwrap_err();
        assert_eq!(e.code(), "too_large");
    }
}

#[test]
fn d7_duplicate_json_keys_are_errors_with_their_path() {
    let e = Incident::from_json(&fixture("duplicate-key.json")).unwrap_err();
    assert_eq!(e.code(), "duplicate_key");
    assert_eq!(e.path(), Some("/id"));
    // Nested, and a key that is not a field of the format is not echoed.
    let doc = r#"{"schema_version":"0.1","id":"x","organisations":[{"id":"a","name":"A","country":"JP","Taro Yamada":1,"Taro Yamada":2}]}"#;
    let e = Incident::from_json(doc).unwrap_err();
    assert_eq!(e.path(), Some("/organisations/0/?"));
    assert!(!e.to_string().contains("Taro"));
    // Rule and VERIS documents go through the same reader.
    let e = breachkit::model::json_value(r#"{"a":{"b":1,"b":2}}"#).unwrap_err();
    assert_eq!(e.code(), "duplicate_key");
}

#[test]
fn d7_toml_nan_and_inf_are_errors_not_absent() {
    let e = Incident::from_toml(&fixture("toml-nan-dropped.toml")).unwrap_err();
    assert_eq!(e.code(), "shape");
    // The first non-finite value in document order.
    assert!(matches!(e.path(), Some("/title" | "/reports/0/sequence")));
    let e =
        Incident::from_toml("schema_version = \"0.1\"\nid = \"x\"\ntitle = -inf\n").unwrap_err();
    assert_eq!(e.path(), Some("/title"));
}

#[test]
fn d8_toml_depth_is_told_apart_from_syntax() {
    // Brackets and apostrophes in comments do not count.
    let inc = Incident::from_toml(&fixture("toml-bracket-in-comment.toml"));
    assert!(inc.is_ok(), "{inc:?}");
    let e = Incident::from_toml(&fixture("toml-depth-reported-as-syntax.toml")).unwrap_err();
    assert_eq!(e.code(), "too_deep");
    // Deeply dotted keys: the parser's recursion limit is a depth error, not a syntax error.
    let dotted = format!(
        "schema_version = \"0.1\"\nid = \"x\"\n{} = 1\n",
        vec!["a"; 1_000].join(".")
    );
    assert_eq!(Incident::from_toml(&dotted).unwrap_err().code(), "too_deep");
    // Strings of every TOML form may hold brackets and quotes.
    let strings = "schema_version = \"0.1\"\nid = \"x\"\ntitle = '''it's [[[ \"'''\nnotes = \"\"\"a \\\" [[[ ' \"\"\" # [[[\n";
    let inc = Incident::from_toml(strings);
    assert!(inc.is_ok(), "{inc:?}");
}

#[test]
fn d12_bom_and_invalid_utf8() {
    let doc = "\u{feff}{\"schema_version\": \"0.1\", \"id\": \"x\"}";
    assert!(Incident::from_json(doc).is_ok());
    assert!(Incident::from_toml("\u{feff}schema_version = \"0.1\"\nid = \"x\"\n").is_ok());
    let e = Incident::read(&b"{\"id\": \"\xff\"}"[..], Format::Json).unwrap_err();
    assert_eq!(e.code(), "invalid_utf8");
    assert_eq!(e, ModelError::InvalidUtf8 { line: 1, column: 9 });
}

#[test]
fn d4_d5_drafts_of_the_generated_shapes_finish() {
    use breachkit_conformance::probe;
    let t = as_of("2019-01-05T00:00:00+01:00");
    // D4 at the probe's largest size: a valid document, every notice drafted.
    let inc = Incident::from_json(&probe::many_holders(2_000)).unwrap();
    let a = breachkit::rules::assess(&inc, t).unwrap();
    for lang in [report::Lang::En, report::Lang::Ja] {
        let cat = report::Catalogue::builtin(lang).unwrap();
        let opts = report::Options::new(report::ReportKind::IndividualNotice, lang, t);
        let d = report::draft(&inc, &a, &cat, &opts).unwrap();
        assert_eq!(d.len(), 2_000);
        if lang == report::Lang::Ja {
            // Five holders by name, the rest counted.
            assert!(report::render(&d[..1], &cat, report::Format::Markdown).contains("ほか1995社"));
        }
    }
    // D5: refused before any work, with the code and path.
    let inc = Incident::from_json(&probe::duplicate_org_ids(2_000)).unwrap();
    assert_eq!(
        inc.check_consistent().unwrap_err().path(),
        Some("/organisations/1/id")
    );
}

/// Every placeholder syntax breachkit's templates use, and some others, with HTML specials.
const PAYLOAD: &str = "ZQ{value}{kind}{date}{org}{n}{ordinal}{group}{label}{categories}{a}{b}{year}{{x}}${x}%s<b>&\"@ZQ";

fn html_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Puts the payload into every string of a JSON document that still reads and validates with it.
fn fill_text_fields(
    v: &mut serde_json::Value,
    root: &serde_json::Value,
    path: &mut Vec<String>,
    found: &mut Vec<String>,
) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                path.push(k.clone());
                fill_text_fields(x, root, path, found);
                path.pop();
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                path.push(i.to_string());
                fill_text_fields(x, root, path, found);
                path.pop();
            }
        }
        serde_json::Value::String(_) => {
            let pointer = format!("/{}", path.join("/"));
            let mut trial = root.clone();
            if let Some(slot) = trial.pointer_mut(&pointer) {
                *slot = serde_json::Value::String(PAYLOAD.into());
            }
            let ok = Incident::from_json(&trial.to_string()).is_ok_and(|i| {
                i.validate()
                    .iter()
                    .all(|p| p.severity != Severity::Error || p.path != pointer)
            });
            if ok {
                *v = serde_json::Value::String(PAYLOAD.into());
                found.push(pointer);
            }
        }
        _ => {}
    }
}

#[test]
fn d11_incident_text_is_never_expanded_as_a_template() {
    let text = std::fs::read_to_string(repo_root().join("docs/examples/seiko-2023.json")).unwrap();
    let root: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut doc = root.clone();
    let mut found = Vec::new();
    fill_text_fields(&mut doc, &root, &mut Vec::new(), &mut found);
    assert!(found.iter().any(|p| p.ends_with("/name")), "{found:?}");
    assert!(found.len() >= 10, "{found:?}");
    let inc = Incident::from_json(&doc.to_string()).unwrap();
    let t = as_of("2023-10-25T12:00:00+09:00");
    let a = breachkit::rules::assess(&inc, t).unwrap();
    let mut seen = 0;
    for lang in [report::Lang::En, report::Lang::Ja] {
        let cat = report::Catalogue::builtin(lang).unwrap();
        for kind in [
            "ppc-preliminary",
            "ppc-final",
            "gdpr-art33",
            "hhs",
            "individual-notice",
            "announcement",
        ] {
            let opts = report::Options::new(kind.parse().unwrap(), lang, t);
            let Ok(drafts) = report::draft(&inc, &a, &cat, &opts) else {
                continue;
            };
            for (format, expected) in [
                (report::Format::Markdown, PAYLOAD.to_owned()),
                (report::Format::Html, html_escaped(PAYLOAD)),
            ] {
                let out = report::render(&drafts, &cat, format);
                let starts = out.matches("ZQ").count();
                let whole = out.matches(expected.as_str()).count();
                assert_eq!(
                    starts,
                    2 * whole,
                    "{kind} {lang:?} {format:?}: a payload was changed"
                );
                seen += whole;
            }
        }
    }
    assert!(seen > 0, "no payload reached a draft");
}
