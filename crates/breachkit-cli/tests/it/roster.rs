//! `breachkit roster ...` end to end: counts equal the generator's truth, apply makes assess
//! decide thresholds exactly, assign writes mailing lists, and no roster value is ever printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use breachkit::roster::synth;

const SALT: &str = "cli test salt, 16 bytes or more";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_breachkit"))
        .args(args)
        .current_dir(super::root())
        .env("BREACHKIT_ROSTER_SALT", SALT)
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A folder removed when the test ends (it holds generated rosters).
fn tmp(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("bk-roster-{name}-"))
        .tempdir()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A generated roster written to disk, with its truth; `complete`: drop the rows of people in
/// the United States with no State and no ZIP code.
fn generated(dir: &Path, complete: bool) -> (PathBuf, PathBuf, synth::Truth) {
    let mut out = Vec::new();
    let truth = synth::generate(42, 6000, &mut out).unwrap();
    let mut csv = String::from_utf8(out).unwrap();
    if complete {
        csv = csv
            .lines()
            .filter(|l| !l.contains(",,,US,,"))
            .map(|l| format!("{l}\n"))
            .collect();
    }
    let roster = dir.join(if complete {
        "complete.csv"
    } else {
        "roster.csv"
    });
    std::fs::write(&roster, csv).unwrap();
    let mapping = dir.join("mapping.toml");
    std::fs::write(&mapping, synth::MAPPING).unwrap();
    (mapping, roster, truth)
}

#[test]
fn count_equals_the_truth() {
    let guard = tmp("count");
    let dir = guard.path().to_path_buf();
    let (m, r, truth) = generated(&dir, false);
    let o = run(&["roster", "count", s(&m), s(&r)]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.is_empty(),
        "no progress bar when not on a terminal: {err}"
    );
    let c: breachkit::roster::Counts = serde_json::from_str(&out).unwrap();
    assert_eq!(c.persons, truth.persons);
    assert_eq!(c.entities, truth.entities);
    assert_eq!(c.jurisdictions, truth.jurisdictions);
    // Counting the same roster split in two files gives the same counts.
    let whole = std::fs::read_to_string(&r).unwrap();
    let mut lines = whole.lines();
    let header = lines.next().unwrap();
    let rest: Vec<&str> = lines.collect();
    let (a, b) = rest.split_at(rest.len() / 2);
    let pa = dir.join("a.csv");
    let pb = dir.join("b.csv");
    std::fs::write(&pa, format!("{header}\n{}\n", a.join("\n"))).unwrap();
    std::fs::write(&pb, format!("{header}\n{}\n", b.join("\n"))).unwrap();
    let o2 = run(&["roster", "count", s(&m), s(&pa), s(&pb)]);
    let c2: breachkit::roster::Counts = serde_json::from_str(&text(&o2).0).unwrap();
    assert_eq!(c2, c);
}

fn questions(assessment: &serde_json::Value) -> Vec<String> {
    assessment["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["questions"].as_array().unwrap().iter())
        .map(|q| q["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn apply_makes_every_count_threshold_decided() {
    let guard = tmp("apply");
    let dir = guard.path().to_path_buf();
    let incident = "tests/fixtures/roster/incident.json";
    // Before: every head-count threshold is undetermined.
    let before = run(&[
        "assess",
        incident,
        "--as-of",
        "2023-08-01T12:00:00+09:00",
        "--format",
        "json",
    ]);
    let before: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    assert!(questions(&before).iter().any(|q| q.contains(".persons.")));

    for complete in [true, false] {
        let (m, r, _) = generated(&dir, complete);
        let rev = dir.join(format!("rev-{complete}.json"));
        let summary = dir.join(format!("summary-{complete}.md"));
        let o = run(&[
            "roster",
            "apply",
            s(&m),
            s(&r),
            "--incident",
            incident,
            "--out",
            s(&rev),
            "--summary",
            s(&summary),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
        let v = run(&["validate", s(&rev)]);
        assert_eq!(v.status.code(), Some(0), "{}", text(&v).0);
        let a = run(&[
            "assess",
            s(&rev),
            "--as-of",
            "2023-08-01T12:00:00+09:00",
            "--format",
            "json",
        ]);
        let a: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
        let qs = questions(&a);
        assert!(
            !qs.iter()
                .any(|q| q.contains(".persons.") || q.contains(".residents.")),
            "{qs:?}"
        );
        // HIPAA's per-State media notice: decided when every US resident has a State; when some
        // give none, the question of the other States stays open, as it must.
        assert_eq!(qs.iter().any(|q| q == "sii.residence"), !complete, "{qs:?}");
        let media: Vec<(String, String)> = a["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| {
                o["id"]
                    .as_str()
                    .unwrap()
                    .starts_with("sii/us.hipaa/media-notice")
            })
            .map(|o| {
                (
                    o["id"].as_str().unwrap().to_owned(),
                    o["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&rev).unwrap()).unwrap();
        // The most residents of one State in sii's groups (the engine's upper bound).
        let mut by_state = std::collections::BTreeMap::<String, u64>::new();
        for g in doc["groups"].as_array().unwrap() {
            if g["holders"][0]["entity"] != "sii" {
                continue;
            }
            for r in g["residence"].as_array().unwrap() {
                let j = r["jurisdiction"].as_str().unwrap();
                if j.starts_with("US-") {
                    *by_state.entry(j.to_owned()).or_default() +=
                        r["count"]["value"].as_u64().unwrap();
                }
            }
        }
        if complete {
            assert!(
                media.iter().all(|(_, st)| st != "undetermined"),
                "every State decided: {media:?}"
            );
            let over: Vec<&String> = by_state
                .iter()
                .filter(|(_, n)| **n > 500)
                .map(|(j, _)| j)
                .collect();
            assert_eq!(
                media.len(),
                over.len(),
                "one media notice per State over 500: {media:?} {by_state:?}"
            );
        } else {
            assert!(
                media.iter().any(|(_, st)| st == "undetermined"),
                "{media:?}"
            );
        }
        assert!(
            doc["groups"]
                .as_array()
                .unwrap()
                .iter()
                .all(|g| g["count"]["kind"] == "exact")
        );
        assert_eq!(doc["totals"]["persons"]["kind"], "exact");
    }
}

#[test]
fn assign_writes_one_list_per_variant() {
    let guard = tmp("assign");
    let dir = guard.path().to_path_buf();
    let (m, r, truth) = generated(&dir, true);
    let out = dir.join("lists");
    let o = run(&[
        "roster",
        "assign",
        s(&m),
        s(&r),
        "--incident",
        "tests/fixtures/roster/incident.json",
        "--as-of",
        "2023-08-01T12:00:00+09:00",
        "--out-dir",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let files = summary["files"].as_array().unwrap();
    assert!(
        files
            .iter()
            .any(|f| f.as_str().unwrap().starts_with("ja.jp.appi")),
        "{summary}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.as_str().unwrap().contains("us.hipaa")),
        "{summary}"
    );
    // Every list line is one (person, entity); the summary's numbers are the lines written.
    let mut lines = 0u64;
    let mut people = std::collections::BTreeSet::new();
    for f in files {
        let t = std::fs::read_to_string(out.join(f.as_str().unwrap())).unwrap();
        let mut rdr = csv::Reader::from_reader(t.as_bytes());
        for rec in rdr.records() {
            let rec = rec.unwrap();
            lines += 1;
            people.insert(rec[0].to_owned());
            assert!(["mail", "email", "substitute"].contains(&&rec[4]));
        }
    }
    let total: u64 = summary["variants"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|c| c.as_object().unwrap().values())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(lines, total);
    assert!(people.len() as u64 <= truth.persons);
    assert!(out.join("summary.md").is_file());
}

const CANARY_MAPPING: &str = r#"
[key]
columns = ["name"]
[entity]
column = "company"
values = { "Acme" = "acme" }
[group]
constant = "customers"
[residence]
country = "country"
state = "state"
[contact]
postal = ["address"]
email = "email"
"#;

#[test]
fn no_roster_value_in_any_output() {
    let guard = tmp("canary");
    let dir = guard.path().to_path_buf();
    let m = dir.join("m.toml");
    std::fs::write(&m, CANARY_MAPPING).unwrap();
    let r = dir.join("r.csv");
    std::fs::write(
        &r,
        "name,company,country,state,address,email\n\
         CANARY Alice,Acme,US,CA,1 CANARY Road,canary@example.invalid\n\
         CANARY Bob,CANARY Corp,US,CA,,\n\
         CANARY Carol,Acme,CANARYLAND,,,\n\
         CANARY Dan,Acme,US,CANARY State,,\n\
         \"CANARY Eve,Acme\n",
    )
    .unwrap();
    let incident = dir.join("i.json");
    std::fs::write(
        &incident,
        r#"{"schema_version":"0.1","id":"c","organisations":[{"id":"acme","name":"Acme","country":"US"}],
            "groups":[{"id":"customers","kind":"customers","holders":[{"entity":"acme","role":"controller"}]}]}"#,
    )
    .unwrap();
    let lists = dir.join("lists");
    let runs = [
        run(&["roster", "check", s(&m), s(&r), "--max-bad-rows", "10"]),
        run(&["roster", "check", s(&m), s(&r)]),
        run(&["roster", "count", s(&m), s(&r), "--max-bad-rows", "10"]),
        run(&[
            "roster",
            "count",
            s(&m),
            s(&r),
            "--max-bad-rows",
            "10",
            "--format",
            "md",
        ]),
        run(&["roster", "count", s(&m), s(&r), "--max-bad-rows", "1"]),
        run(&[
            "roster",
            "apply",
            s(&m),
            s(&r),
            "--max-bad-rows",
            "10",
            "--incident",
            s(&incident),
            "--summary",
            s(&dir.join("sum.md")),
        ]),
        run(&[
            "roster",
            "assign",
            s(&m),
            s(&r),
            "--max-bad-rows",
            "10",
            "--incident",
            s(&incident),
            "--as-of",
            "2024-01-01T00:00:00Z",
            "--out-dir",
            s(&lists),
        ]),
    ];
    let codes: Vec<Option<i32>> = runs.iter().map(|o| o.status.code()).collect();
    assert_eq!(
        codes,
        [
            Some(1),
            Some(1),
            Some(0),
            Some(0),
            Some(1),
            Some(0),
            Some(0)
        ]
    );
    let (_, err) = text(&runs[0]);
    for want in [
        "row 2, column \"company\"",
        "row 3, column \"country\"",
        "row 4, column \"state\"",
        "row 5, column \"(row)\"",
    ] {
        assert!(err.contains(want), "{want} in {err}");
    }
    for o in &runs {
        let (out, err) = text(o);
        assert!(
            !out.contains("CANARY") && !out.contains("canary@"),
            "stdout leaks: {out}"
        );
        assert!(
            !err.contains("CANARY") && !err.contains("canary@"),
            "stderr leaks: {err}"
        );
    }
    for f in [
        dir.join("sum.md"),
        lists.join("summary.md"),
        lists.join("summary.json"),
    ] {
        let t = std::fs::read_to_string(&f).unwrap();
        assert!(
            !t.contains("CANARY") && !t.contains("canary@"),
            "{} leaks",
            f.display()
        );
    }
    // A bad mapping: problems by path, never the value.
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "[key]\ncolumns=[\"n\"]\n[entity]\nconstant=\"CANARY entity!\"\n[group]\nconstant=\"g\"\n",
    )
    .unwrap();
    let o = run(&["roster", "count", s(&bad), s(&r)]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("/entity/constant") && !err.contains("CANARY"),
        "{err}"
    );
    // No salt: a usage error.
    let o = Command::new(env!("CARGO_BIN_EXE_breachkit"))
        .args(["roster", "count", s(&m), s(&r)])
        .env_remove("BREACHKIT_ROSTER_SALT")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
