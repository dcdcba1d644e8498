//! The US state and territory laws: per-state head counts (three-valued), the law's own zone for
//! day-precision dates, clocks that run from the notice to individuals, the service provider's
//! notice, must-not content, and the "not covered" list.

use breachkit_model::Incident;
use breachkit_rules::{
    Assessment, BUILTIN_RULE_FILES, ContentRule, CoverageBasis, Ruleset, StartBasis, Status, assess,
};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// A retail company in New York; one customer group with the given residence entries.
fn doc(aware: &str, count: Value, residence: Value) -> Value {
    json!({
        "schema_version": "0.1", "id": "us", "time_zone": "America/New_York",
        "organisations": [{"id": "shop", "name": "Shop Inc.", "country": "US", "sectors": ["retail"]}],
        "timeline": [{"kind": "aware", "at": aware}],
        "breach": {"nature": ["confidentiality"], "causes": ["unauthorised_access"], "wrongful_purpose": "yes",
                   "exfiltration": "confirmed", "encryption": {"state": "none"}, "risk": "high"},
        "groups": [{"id": "c", "kind": "customers", "holders": [{"entity": "shop", "role": "controller"}],
                    "count": count, "categories": ["name", "social_security_number"], "residence": residence}]
    })
}

fn run(d: &Value) -> Assessment {
    let inc = Incident::from_json(&d.to_string()).unwrap();
    assess(&inc, at("2026-03-05T12:00:00Z")).unwrap()
}

fn status(a: &Assessment, id: &str) -> Status {
    a.get(id)
        .unwrap_or_else(|| {
            panic!(
                "{id} missing: {:?}",
                a.obligations.iter().map(|o| &o.id).collect::<Vec<_>>()
            )
        })
        .status
}

fn exact(n: u64) -> Value {
    json!({"kind": "exact", "value": n})
}

#[test]
fn every_us_rule_file_is_builtin_and_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/us");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let key = format!("us/{name}");
        assert!(
            BUILTIN_RULE_FILES.iter().any(|(f, _)| *f == key),
            "{key} is not in BUILTIN_RULE_FILES"
        );
        n += 1;
    }
    assert_eq!(n, 58, "54 jurisdictions plus 4 earlier versions");
    let rs = Ruleset::builtin().unwrap();
    let mut jurisdictions: Vec<&str> = rs
        .regimes()
        .iter()
        .map(|r| r.regime.jurisdiction.as_str())
        .filter(|j| j.starts_with("US-"))
        .collect();
    jurisdictions.sort_unstable();
    jurisdictions.dedup();
    // 54 state-level jurisdictions; NYDFS is also US-NY.
    assert_eq!(jurisdictions.len(), 54, "{jurisdictions:?}");
}

#[test]
fn state_thresholds_count_that_states_residents_only() {
    // 501 Californians and 10,000 Texans: California's AG (> 500) is owed, and the Texans do not
    // count towards it.
    let a = run(&doc(
        "2026-03-02",
        exact(10_501),
        json!([{"jurisdiction": "US-CA", "count": exact(501)}, {"jurisdiction": "US-TX", "count": exact(10_000)}]),
    ));
    assert_eq!(status(&a, "shop/us.ca/ag-notice"), Status::Required);
    let summary = a.us_summary();
    assert!(summary.contains("US states summary for shop"), "{summary}");
    assert!(
        summary
            .lines()
            .any(|l| l.trim_start().starts_with("CA") && l.contains("due 2026-04-01")),
        "{summary}"
    );
    assert!(
        summary
            .lines()
            .any(|l| l.trim_start().starts_with("TX") && l.contains("due 2026-05-01")),
        "{summary}"
    );
    let a = run(&doc(
        "2026-03-02",
        exact(10_500),
        json!([{"jurisdiction": "US-CA", "count": exact(500)}, {"jurisdiction": "US-TX", "count": exact(10_000)}]),
    ));
    assert_eq!(status(&a, "shop/us.ca/ag-notice"), Status::NotRequired);
    assert_eq!(status(&a, "shop/us.tx/ag-notice"), Status::Required);
    // Texas CRAs: more than 10,000.
    assert_eq!(status(&a, "shop/us.tx/cra-notice"), Status::NotRequired);
}

#[test]
fn state_thresholds_are_three_valued() {
    let ca = |count: Value, residence: Value| {
        let a = run(&doc("2026-03-02", count, residence));
        let o = a.get("shop/us.ca/ag-notice").unwrap();
        (
            o.status,
            o.questions.iter().any(|q| q.id == "shop.residents.US-CA"),
        )
    };
    // A range across the threshold: undetermined, and the question is asked.
    assert_eq!(
        ca(
            exact(600),
            json!([{"jurisdiction": "US-CA", "count": {"kind": "range", "min": 400, "max": 600}}])
        ),
        (Status::Undetermined, true)
    );
    // Approximate counts are bounds too.
    assert_eq!(
        ca(
            exact(5000),
            json!([{"jurisdiction": "US-CA", "count": {"kind": "approximate", "value": 4000}}])
        )
        .0,
        Status::Required
    );
    // Unknown count of Californians.
    assert_eq!(
        ca(
            exact(600),
            json!([{"jurisdiction": "US-CA", "count": {"kind": "unknown", "reason": "to_be_determined"}}])
        ),
        (Status::Undetermined, true)
    );
    // 400 recorded in California, 600 of the group's 1,000 not recorded anywhere: they may live in
    // California, so the threshold is undetermined.
    assert_eq!(
        ca(
            exact(1000),
            json!([{"jurisdiction": "US-CA", "count": exact(400)}])
        )
        .0,
        Status::Undetermined
    );
    // Residence recorded for everyone: 400 Californians, 600 Oregonians.
    assert_eq!(
        ca(exact(1000), json!([{"jurisdiction": "US-CA", "count": exact(400)}, {"jurisdiction": "US-OR", "count": exact(600)}])).0,
        Status::NotRequired
    );
    // People recorded only as living in the US may live in California.
    assert_eq!(
        ca(exact(1000), json!([{"jurisdiction": "US-CA", "count": exact(400)}, {"jurisdiction": "US", "count": exact(600)}])).0,
        Status::Undetermined
    );
}

#[test]
fn a_date_known_to_the_day_is_that_day_in_every_state() {
    // Recorded as 2 March by a New York company: day 0 of Washington's 30 days is 2 March,
    // although midnight in New York is still 1 March in Seattle.
    let residence = json!([{"jurisdiction": "US-WA", "count": exact(10)}]);
    let a = run(&doc("2026-03-02", exact(10), residence.clone()));
    let o = a.get("shop/us.wa/individual-notice").unwrap();
    assert_eq!(
        o.deadline.due_local.as_deref(),
        Some("2026-04-01T23:59:59-07:00")
    );
    // With a time of day, the instant is converted: 01:00 in New York is 22:00 on 1 March in
    // Seattle, so the 30 days end on 31 March.
    let a = run(&doc("2026-03-02T01:00", exact(10), residence));
    let o = a.get("shop/us.wa/individual-notice").unwrap();
    assert_eq!(
        o.deadline.due_local.as_deref(),
        Some("2026-03-31T23:59:59-07:00")
    );
}

#[test]
fn regulator_clock_runs_from_the_notice_to_individuals() {
    let residence = json!([{"jurisdiction": "US-CA", "count": exact(800)}]);
    // Not made yet: 15 days after the individual deadline (1 April), provisional.
    let a = run(&doc("2026-03-02", exact(800), residence.clone()));
    let o = a.get("shop/us.ca/ag-notice").unwrap();
    assert_eq!(
        o.deadline.due_local.as_deref(),
        Some("2026-04-16T23:59:59-07:00")
    );
    assert!(o.deadline.provisional);
    assert_eq!(o.deadline.start_basis, StartBasis::OtherNotice);
    // Made on 4 March: 15 days after that, firm.
    let mut d = doc("2026-03-02", exact(800), residence);
    d["reports"] = json!([{"id": "letters", "kind": "notice", "recipient": {"kind": "individuals"},
                           "at": "2026-03-04", "by": ["shop"]}]);
    let a = run(&d);
    let o = a.get("shop/us.ca/ag-notice").unwrap();
    assert_eq!(
        o.deadline.due_local.as_deref(),
        Some("2026-03-19T23:59:59-07:00")
    );
    assert!(!o.deadline.provisional);
    // Maryland: the Attorney General before the individuals.
    let a = run(&doc(
        "2026-03-02",
        exact(5),
        json!([{"jurisdiction": "US-MD", "count": exact(5)}]),
    ));
    let o = a.get("shop/us.md/ag-notice").unwrap();
    assert_eq!(o.status, Status::Required);
    assert!(
        o.deadline.counting.starts_with("before "),
        "{}",
        o.deadline.counting
    );
}

#[test]
fn a_service_provider_tells_the_owner() {
    let d = json!({
        "schema_version": "0.1", "id": "sp", "time_zone": "America/New_York",
        "organisations": [
            {"id": "owner", "name": "Owner Inc.", "country": "US", "sectors": ["retail"]},
            {"id": "host", "name": "Host LLC", "country": "US"}
        ],
        "timeline": [{"kind": "aware", "at": "2026-03-02T10:00-05:00", "entities": ["host"]}],
        "breach": {"nature": ["confidentiality"], "causes": ["misconfiguration"], "wrongful_purpose": "no",
                   "exfiltration": "suspected", "encryption": {"state": "none"}},
        "groups": [{"id": "c", "kind": "customers",
                    "holders": [{"entity": "owner", "role": "controller"}, {"entity": "host", "role": "processor", "on_behalf_of": "owner"}],
                    "count": exact(20), "categories": ["name", "social_security_number"],
                    "residence": [{"jurisdiction": "US-GA", "count": exact(20)}]}]
    });
    let a = run(&d);
    let o = a.get("host/us.ga/service-provider-to-owner/owner").unwrap();
    assert_eq!(o.status, Status::Required);
    // Georgia: within 24 hours of discovery.
    assert_eq!(
        o.deadline.due_local.as_deref(),
        Some("2026-03-03T10:00:00-05:00")
    );
    assert!(a.get("host/us.ga/individual-notice").is_none());
}

#[test]
fn must_not_content_is_carried() {
    let a = run(&doc(
        "2026-03-02",
        exact(5),
        json!([{"jurisdiction": "US-MA", "count": exact(5)}]),
    ));
    let o = a.get("shop/us.ma/individual-notice").unwrap();
    assert!(
        o.content
            .iter()
            .any(|c| c.rule == ContentRule::MustNot && c.id == "no_number")
    );
    assert!(
        o.content
            .iter()
            .any(|c| c.rule == ContentRule::Must && c.id == "police_report")
    );
    let json = a.to_json();
    assert!(json.contains("\"rule\": \"must_not\""));
}

#[test]
fn residents_without_rules_are_not_covered() {
    let a = run(&doc(
        "2026-03-02",
        exact(1580),
        json!([
            {"jurisdiction": "US-CA", "count": exact(10)},
            {"jurisdiction": "KR", "count": exact(1200)},
            {"jurisdiction": "BR", "count": {"kind": "range", "min": 100, "max": 300}},
            {"jurisdiction": "MX", "count": exact(50)},
            {"jurisdiction": "NG", "count": {"kind": "range", "min": 10, "max": 20}}
        ]),
    ));
    let mx = a
        .not_covered
        .iter()
        .find(|n| n.jurisdiction == "MX")
        .unwrap();
    assert_eq!(mx.basis, CoverageBasis::Residents);
    assert_eq!((mx.persons_min, mx.persons_max), (Some(50), Some(50)));
    let ng = a
        .not_covered
        .iter()
        .find(|n| n.jurisdiction == "NG")
        .unwrap();
    assert_eq!((ng.persons_min, ng.persons_max), (Some(10), Some(20)));
    // Korea and Brazil have rules now (issue 13): they are not listed.
    let listed: Vec<&str> = a
        .not_covered
        .iter()
        .map(|n| n.jurisdiction.as_str())
        .collect();
    assert_eq!(listed, ["MX", "NG"]);
    assert!(a.get("shop/us.ca/individual-notice").is_some());
    let text = a.to_text();
    assert!(text.contains("Not covered (2)"), "{text}");
    assert!(
        text.contains("MX — 50 affected people live in MX"),
        "{text}"
    );
    assert!(
        text.contains("NG — between 10 and 20 affected people live in NG"),
        "{text}"
    );
    // People recorded only as "US": no state law can be chosen for them.
    let a = run(&doc(
        "2026-03-02",
        exact(50),
        json!([{"jurisdiction": "US", "count": exact(50)}]),
    ));
    let us = a
        .not_covered
        .iter()
        .find(|n| n.jurisdiction == "US")
        .unwrap();
    assert!(
        us.statement.contains("record the state"),
        "{}",
        us.statement
    );
}

#[test]
fn an_entity_established_where_there_are_no_rules_is_not_covered() {
    let mut d = doc(
        "2026-03-02",
        exact(5),
        json!([{"jurisdiction": "US-NY", "count": exact(5)}]),
    );
    d["organisations"][0]["country"] = json!("MX");
    let a = run(&d);
    let mx = a
        .not_covered
        .iter()
        .find(|n| n.jurisdiction == "MX")
        .unwrap();
    assert_eq!(mx.basis, CoverageBasis::Establishment);
    assert_eq!(mx.persons_min, None);
    assert!(
        mx.statement.contains("established in MX"),
        "{}",
        mx.statement
    );
}

#[test]
fn the_retail_anthem_variant() {
    // The Anthem example with its sectors changed to retail: with the incident's own 2015 dates no
    // version of Arizona's law is encoded (breachkit vouches for its reading from 2024), so
    // Arizona is listed as not covered — not silence. Moved to 2026, Arizona's obligations apply.
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs/examples/anthem-2015-hipaa.json"),
    )
    .unwrap();
    let mut d: Value = serde_json::from_str(&text).unwrap();
    for o in d["organisations"].as_array_mut().unwrap() {
        o["sectors"] = json!(["retail"]);
    }
    let inc = Incident::from_json(&d.to_string()).unwrap();
    let a = assess(&inc, at("2015-03-01T00:00:00Z")).unwrap();
    assert!(a.obligations.is_empty());
    let az = a
        .not_covered
        .iter()
        .find(|n| n.jurisdiction == "US-AZ")
        .unwrap();
    assert_eq!(az.persons_min, Some(400_000));
    let moved = d
        .to_string()
        .replace("\"2015-", "\"2026-")
        .replace("\"2014-", "\"2025-");
    let inc = Incident::from_json(&moved).unwrap();
    let a = assess(&inc, at("2026-03-01T00:00:00Z")).unwrap();
    assert_eq!(
        status(&a, "anthem-ace/us.az/individual-notice"),
        Status::Required
    );
    assert_eq!(status(&a, "anthem-ace/us.az/ag-notice"), Status::Required);
    assert!(
        a.not_covered
            .iter()
            .all(|n| !n.jurisdiction.starts_with("US")),
        "{:?}",
        a.not_covered
    );
}

#[test]
fn federal_sector_rules_follow_their_trigger_facts() {
    let mut d = doc(
        "2026-03-02T09:00",
        exact(600),
        json!([{"jurisdiction": "US-NY", "count": exact(600)}]),
    );
    d["organisations"][0]["sectors"] = json!([
        "glba_ftc_financial_institution",
        "nydfs_covered_entity",
        "listed"
    ]);
    let a = run(&d);
    assert_eq!(
        status(&a, "shop/us.ftc.safeguards/ftc-notice"),
        Status::Required
    );
    let nydfs = a.get("shop/us.nydfs.500/incident-notice").unwrap();
    assert_eq!(
        nydfs.deadline.due_local.as_deref(),
        Some("2026-03-05T09:00:00-05:00")
    );
    // SEC 8-K: undetermined until a materiality determination is recorded.
    assert_eq!(
        status(&a, "shop/us.sec.8k/form-8k-item-105"),
        Status::Undetermined
    );
    d["timeline"] = json!([{"kind": "aware", "at": "2026-03-02T09:00"}, {"kind": "materiality_determined", "at": "2026-03-06T16:00"}]);
    let a = run(&d);
    let sec = a.get("shop/us.sec.8k/form-8k-item-105").unwrap();
    assert_eq!(sec.status, Status::Required);
    // Friday 6 March + 4 business days = Thursday 12 March.
    assert_eq!(
        sec.deadline.due_local.as_deref(),
        Some("2026-03-12T23:59:59-04:00")
    );
}

/// Residents of Mexico (no rules) beside Californians: one not-covered jurisdiction.
fn mexico() -> Assessment {
    run(&doc(
        "2026-03-02",
        exact(60),
        json!([
            {"jurisdiction": "US-CA", "count": exact(10)},
            {"jurisdiction": "MX", "count": exact(50)}
        ]),
    ))
}

#[test]
fn not_covered_is_in_the_json_even_when_empty() {
    let a = mexico();
    let v: Value = serde_json::from_str(&a.to_json()).unwrap();
    assert_eq!(v["not_covered"][0]["jurisdiction"], "MX");
    assert_eq!(v["not_covered"][0]["basis"], "residents");
    assert_eq!(v["not_covered"][0]["persons_min"], 50);
    assert_eq!(
        v["not_covered"][0]["facts"][0]["code"],
        "not_covered_residents"
    );
    // Covered everywhere: the key is still there, as an empty list.
    let covered = run(&doc(
        "2026-03-02",
        exact(10),
        json!([{"jurisdiction": "US-CA", "count": exact(10)}]),
    ));
    assert!(covered.not_covered.is_empty());
    let v: Value = serde_json::from_str(&covered.to_json()).unwrap();
    assert_eq!(v["not_covered"], json!([]));
    // And it reads back.
    let back: Assessment = serde_json::from_str(&a.to_json()).unwrap();
    assert_eq!(back.not_covered, a.not_covered);
}

#[test]
fn not_covered_is_in_the_text_and_says_so_when_empty() {
    let text = mexico().to_text();
    assert!(text.contains("Not covered (1)"), "{text}");
    assert!(
        text.contains("MX — 50 affected people live in MX")
            && text.contains("cannot say what is owed"),
        "{text}"
    );
    let covered = run(&doc(
        "2026-03-02",
        exact(10),
        json!([{"jurisdiction": "US-CA", "count": exact(10)}]),
    ))
    .to_text();
    assert!(covered.contains("Not covered (0)"), "{covered}");
    assert!(covered.contains("has a regime above"), "{covered}");
}

#[test]
fn not_covered_is_in_the_markdown() {
    let md = mexico().to_markdown();
    let at = md
        .find("## Not covered (1)")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        md[at..].contains("- `MX`: 50 affected people live in MX"),
        "{md}"
    );
}

#[test]
fn not_covered_is_a_csv_row_and_a_record() {
    let a = mexico();
    let records = a.records();
    assert_eq!(records.len(), a.obligations.len() + 1);
    let last = records.last().unwrap();
    assert_eq!(last.status, breachkit_rules::NOT_COVERED);
    assert_eq!(last.id, "not_covered/residents/MX");
    assert_eq!(last.obligor, "shop");
    assert!(
        last.name.contains("cannot say what is owed"),
        "{}",
        last.name
    );
    let csv = a.to_csv();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    let row = rows.last().unwrap();
    assert_eq!(row.get(0), Some("not_covered/residents/MX"));
    assert_eq!(row.get(8), Some("not_covered"));
}

#[test]
fn not_covered_is_an_ics_todo() {
    let ics = mexico().to_ics();
    let start = ics.find("BEGIN:VTODO").unwrap_or_else(|| panic!("{ics}"));
    let end = ics.find("END:VTODO").unwrap();
    let todo = ics[start..end].replace("\r\n ", "");
    assert!(
        todo.contains("UID:not_covered.residents.MX@breachkit"),
        "{todo}"
    );
    assert!(todo.contains("SUMMARY:[Not covered (1)] MX"), "{todo}");
    assert!(todo.contains("cannot say what is owed"), "{todo}");
    assert!(todo.contains("STATUS:NEEDS-ACTION"), "{todo}");
    assert_eq!(ics.matches("BEGIN:VTODO").count(), 1);
}

#[test]
fn not_covered_reads_in_japanese() {
    let inc = Incident::from_json(
        &doc(
            "2026-03-02",
            exact(60),
            json!([
                {"jurisdiction": "US-CA", "count": exact(10)},
                {"jurisdiction": "MX", "count": exact(50)}
            ]),
        )
        .to_string(),
    )
    .unwrap();
    let a = Ruleset::builtin().unwrap().assess_in(
        &inc,
        at("2026-03-05T12:00:00Z"),
        breachkit_rules::Lang::Ja,
    );
    let text = a.to_text();
    assert!(text.contains("対象外の法域（1件）"), "{text}");
    assert!(a.not_covered[0].statement.contains("判断できない"));
}
