//! `breachkit register`, run as a user would: the Seiko history through the CLI, conflicts,
//! tampering found by `verify`, and processes killed in the middle of writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_breachkit"));
    c.env_remove("BREACHKIT_REGISTER");
    c
}

fn reg(db: &Path, args: &[&str]) -> Output {
    bin()
        .arg("register")
        .arg("--register")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The three revisions of the Seiko history as separate files.
fn seiko_files(dir: &Path) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let h: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("docs/examples/seiko-2023-history.json")).unwrap(),
    )
    .unwrap();
    h["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let p = dir.join(format!("rev{}.json", r["number"]));
            std::fs::write(&p, r["incident"].to_string()).unwrap();
            p
        })
        .collect()
}

fn load_seiko(db: &Path, dir: &Path) {
    let files = seiko_files(dir);
    let at = [
        "2023-08-10T11:00:00+09:00",
        "2023-08-22T13:00:00+09:00",
        "2023-10-25T00:00:00+09:00",
    ];
    let o = reg(
        db,
        &[
            "add",
            files[0].to_str().unwrap(),
            "--recorded-at",
            at[0],
            "--author",
            "press",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    for i in 1..3 {
        let parent = i.to_string();
        let o = reg(
            db,
            &[
                "update",
                files[i].to_str().unwrap(),
                "--parent",
                &parent,
                "--recorded-at",
                at[i],
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    }
}

#[test]
fn seiko_history_through_the_cli() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("r.db");
    load_seiko(&db, d.path());
    // A stale writer: exit 3, nothing written.
    let files = seiko_files(d.path());
    let o = reg(
        &db,
        &["update", files[2].to_str().unwrap(), "--parent", "2"],
    );
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("conflict"));
    let hist = reg(&db, &["history", "seiko-2023", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&hist.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);

    // Due as of each report: different obligations, each on the revision current then.
    let due = |as_of: &str| -> Vec<serde_json::Value> {
        let o = reg(&db, &["due", "--as-of", as_of, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        serde_json::from_slice::<serde_json::Value>(&o.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(
        due("2023-08-01T12:00:00+09:00").is_empty(),
        "nothing was recorded yet"
    );
    assert!(
        due("2023-08-10T12:00:00+09:00").is_empty(),
        "no personal data known yet"
    );
    let second = due("2023-08-22T14:00:00+09:00");
    assert!(!second.is_empty());
    assert!(
        second
            .iter()
            .all(|i| i["revision"] == 2 && i["obligor"] == "sgc")
    );
    let third = due("2023-10-25T12:00:00+09:00");
    assert!(third.iter().all(|i| i["revision"] == 3));
    assert!(third.iter().any(|i| i["obligor"] == "swc"));
    // Sorted by deadline: dated ones first, in order.
    let dues: Vec<&str> = third.iter().filter_map(|i| i["due"].as_str()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    assert!(
        third
            .iter()
            .position(|i| i["due"].is_null())
            .is_none_or(|p| p >= dues.len())
    );

    // The ICS feed has one event per dated obligation, CRLF lines of at most 75 octets.
    let ics = reg(
        &db,
        &[
            "due",
            "--as-of",
            "2023-10-25T12:00:00+09:00",
            "--format",
            "ics",
        ],
    );
    let ics = String::from_utf8(ics.stdout).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), dues.len());
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    assert!(ics.contains("DTSTAMP:20231025T030000Z"));

    // The record in both languages; JSON names the revision it rests on.
    let md = reg(
        &db,
        &[
            "record",
            "seiko-2023",
            "--as-of",
            "2023-09-01T00:00:00+09:00",
            "--lang",
            "ja",
        ],
    );
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# 個人データ侵害の記録"));
    assert!(md.contains("第2版"));
    assert!(!md.contains('⟦'), "a catalogue key is missing: {md}");
    let en = reg(
        &db,
        &[
            "record",
            "seiko-2023",
            "--as-of",
            "2023-11-01T00:00:00Z",
            "--format",
            "json",
        ],
    );
    let en: serde_json::Value = serde_json::from_slice(&en.stdout).unwrap();
    assert_eq!(en["revision"], 3);
    assert!(!en.to_string().contains('⟦'));

    // Assessments and announcements as of each report differ, each from the revision known then;
    // before the first revision there is nothing to draft from.
    let mut seen = Vec::new();
    for t in [
        "2023-08-10T12:00:00+09:00",
        "2023-08-22T14:00:00+09:00",
        "2023-10-25T12:00:00+09:00",
    ] {
        let a = reg(
            &db,
            &["assess", "seiko-2023", "--as-of", t, "--format", "json"],
        );
        assert_eq!(a.status.code(), Some(0), "{}", text(&a));
        let d = reg(
            &db,
            &[
                "report",
                "seiko-2023",
                "--kind",
                "announcement",
                "--as-of",
                t,
            ],
        );
        assert_eq!(d.status.code(), Some(0), "{}", text(&d));
        let pair = (a.stdout, d.stdout);
        assert!(!seen.contains(&pair), "{t} repeats an earlier answer");
        seen.push(pair);
    }
    assert!(String::from_utf8_lossy(&seen[0].1).contains("Notice of a Data Breach"));
    assert!(!String::from_utf8_lossy(&seen[1].1).contains("60,000"));
    assert!(String::from_utf8_lossy(&seen[2].1).contains("60,000"));
    // The third announcement's "what changed" comes from the diff with the revision current at
    // the second: the total and the groups found since are listed there.
    let third = String::from_utf8_lossy(&seen[2].1).into_owned();
    let changes = third
        .split("What has changed since")
        .nth(1)
        .unwrap_or_else(|| panic!("no changes section: {third}"));
    assert!(changes.contains("Items of personal data affected: approximately 60,000"));
    assert!(changes.contains("Also found to be affected: SWC customers"));
    let early = reg(
        &db,
        &[
            "report",
            "seiko-2023",
            "--kind",
            "ppc-preliminary",
            "--as-of",
            "2023-08-01T12:00:00+09:00",
            "--lang",
            "ja",
        ],
    );
    assert_eq!(early.status.code(), Some(1));
    assert!(early.stdout.is_empty());

    // Diff: the typed changes from the first to the second report.
    let diff = reg(&db, &["diff", "seiko-2023", "1", "2", "--format", "json"]);
    let diff: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    assert!(
        diff.as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "group_added")
    );

    // Show as of a day gives that day's document.
    let show = reg(
        &db,
        &["show", "seiko-2023", "--as-of", "2023-08-15T00:00:00Z"],
    );
    assert!(!String::from_utf8_lossy(&show.stdout).contains("60000"));

    // Export, then import into a fresh register: the same export.
    let export = reg(&db, &["export"]);
    let lines = d.path().join("all.jsonl");
    std::fs::write(&lines, &export.stdout).unwrap();
    let db2 = d.path().join("r2.db");
    let o = reg(&db2, &["add", lines.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(reg(&db2, &["export"]).stdout, export.stdout);
    assert_eq!(reg(&db2, &["verify"]).status.code(), Some(0));
}

#[test]
fn verify_finds_a_row_edited_by_hand() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("r.db");
    load_seiko(&db, d.path());
    let ok = reg(&db, &["verify"]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    breachkit::register::SqliteRegister::open(&db)
        .unwrap()
        .raw_sql("UPDATE revisions SET document = REPLACE(document, 'ransomware', 'malware') WHERE number = 2")
        .unwrap();
    let bad = reg(&db, &["verify", "--format", "json"]);
    assert_eq!(bad.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(v["broken"]["position"], 2);
    assert_eq!(v["broken"]["reason"], "row_altered");
}

/// A tiny deterministic generator (no clock, no extra crate): the same kill points every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Writers are killed at many points of their run (start-up, opening, migrating, writing,
/// committing); after each kill the register opens, reads and verifies, and every write that
/// reported success is there.
#[test]
fn killed_writers_lose_nothing_and_break_nothing() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("k.db");
    let files = seiko_files(d.path());
    let mut rng = Lcg(0x5eed);
    let mut confirmed: Vec<u32> = Vec::new();
    let mut killed = 0;
    // Kill points spread over the time one write really takes on this machine. The first run of
    // the binary is cold and can take many times longer than the next, so the span starts from
    // the fastest of three warm writes and then adapts: a writer that finished before its kill
    // point shrinks the span, a killed one widens it. Most kill points then land inside a running
    // writer however fast or loaded the machine is, and some writers still finish.
    let mut span_us: u64 = {
        let scratch = d.path().join("timing.db");
        let mut fastest = u64::MAX;
        for i in 0..4u32 {
            let t = std::time::Instant::now();
            let st = bin()
                .arg("register")
                .arg("--register")
                .arg(&scratch)
                .arg(if i == 0 { "add" } else { "update" })
                .arg(&files[0])
                .args(if i == 0 {
                    vec![]
                } else {
                    vec!["--parent".to_string(), i.to_string()]
                })
                .args(["--recorded-at", "2024-01-01T00:00:00Z"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(st.success());
            let us = u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX);
            if i > 0 {
                fastest = fastest.min(us);
            }
        }
        fastest.max(1_000)
    };
    for round in 0..40u32 {
        // The latest revision, read by the library (the register must open after any kill).
        let latest = {
            let mut r = breachkit::register::SqliteRegister::open(&db).unwrap();
            let v = breachkit::register::Register::verify(&mut r).unwrap();
            assert!(v.is_valid(), "round {round}: {v:?}");
            breachkit::register::Register::list(&mut r)
                .unwrap()
                .first()
                .map_or(0, |e| e.latest)
        };
        let file = &files[(round % 3) as usize];
        let mut cmd = bin();
        cmd.arg("register").arg("--register").arg(&db);
        if latest == 0 {
            cmd.arg("add").arg(file);
        } else {
            cmd.arg("update")
                .arg(file)
                .arg("--parent")
                .arg(latest.to_string());
        }
        let note = format!("round-{round}");
        let mut child = cmd
            .args([
                "--note",
                &note,
                "--recorded-at",
                &format!("2024-01-01T00:00:{:02}Z", round % 60),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next(span_us)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            confirmed.push(latest + 1);
            span_us = (span_us.saturating_mul(3) / 4).max(500);
        } else {
            killed += 1;
            span_us = span_us.saturating_mul(11) / 10;
        }
        let mut r = breachkit::register::SqliteRegister::open(&db).unwrap();
        assert!(
            breachkit::register::Register::verify(&mut r)
                .unwrap()
                .is_valid()
        );
        if let Some(id) = breachkit::register::Register::list(&mut r).unwrap().first() {
            let id = breachkit::model::IncidentId::try_new(&id.id).unwrap();
            let h = breachkit::register::Register::history(&mut r, &id).unwrap();
            for n in &confirmed {
                assert!(h.revision(*n).is_some(), "confirmed revision {n} lost");
            }
            assert!(h.validate().iter().all(|p| p.code != "revision_number"));
        }
    }
    println!("killed {killed}, finished {}", confirmed.len());
    assert!(
        killed > 5,
        "the kill points never hit a running writer ({killed})"
    );
    assert!(
        !confirmed.is_empty(),
        "no writer ever finished ({})",
        confirmed.len()
    );
}

/// `register erase`: the documents go, the chain holds, the incident stays listed as erased, and
/// reading it afterwards is a clear error (exit 1) that holds no document value.
#[test]
fn erase_through_the_cli() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("e.db");
    load_seiko(&db, d.path());
    let o = reg(
        &db,
        &[
            "erase",
            "seiko-2023",
            "--by",
            "dpo",
            "--reason",
            "retention ended",
            "--requested-at",
            "2030-11-01T00:00:00Z",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("deletion request 1"));
    let v = reg(&db, &["verify"]);
    assert_eq!(v.status.code(), Some(0), "{}", text(&v));
    let l = reg(&db, &["list"]);
    assert!(
        text(&l).contains("(erased: deletion request 1)"),
        "{}",
        text(&l)
    );
    let s = reg(&db, &["show", "seiko-2023"]);
    assert_eq!(s.status.code(), Some(1));
    assert!(text(&s).contains("erased"), "{}", text(&s));
    assert!(!text(&s).contains("Seiko"));
    let again = reg(
        &db,
        &["erase", "seiko-2023", "--by", "dpo", "--reason", "x"],
    );
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    // `due` no longer assesses it.
    let due = reg(
        &db,
        &["due", "--as-of", "2031-01-01T00:00:00Z", "--format", "json"],
    );
    assert_eq!(String::from_utf8_lossy(&due.stdout).trim(), "[]");
}
