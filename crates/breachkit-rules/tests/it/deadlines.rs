//! Property tests of the deadline arithmetic and of the engine's determinism.

use breachkit_model::Incident;
use breachkit_rules::{CalendarId, Status, assess};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;

fn incident(
    aware: &str,
    cause_wrongful: bool,
    count: u64,
    categories: &[&str],
    encryption: &str,
) -> Incident {
    let doc = serde_json::json!({
        "schema_version": "0.1", "id": "p", "time_zone": "Asia/Tokyo",
        "organisations": [{"id": "acme", "name": "Acme", "country": "JP"}],
        "timeline": [{"kind": "aware", "at": aware}],
        "breach": {"nature": ["confidentiality"], "wrongful_purpose": if cause_wrongful { "yes" } else { "no" },
                   "encryption": serde_json::from_str::<serde_json::Value>(encryption).unwrap_or_default()},
        "groups": [{"id": "g", "kind": "customers", "holders": [{"entity": "acme", "role": "controller"}],
                    "count": {"kind": "exact", "value": count}, "categories": categories}]
    });
    Incident::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn as_of() -> DateTime<Utc> {
    "2099-01-01T00:00:00Z"
        .parse()
        .unwrap_or_else(|_| unreachable!())
}

fn final_due(inc: &Incident) -> Option<DateTime<Utc>> {
    let a = assess(inc, as_of()).unwrap_or_else(|e| panic!("{e}"));
    a.get("acme/jp.appi/ppc-final").and_then(|o| o.deadline.due)
}

fn date(days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 4, 1).unwrap_or(NaiveDate::MIN) + Duration::days(days)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A later awareness never gives an earlier deadline.
    #[test]
    fn later_awareness_never_earlier_deadline(d in 0i64..9000, gap in 0i64..400, wrongful in any::<bool>()) {
        let a = incident(&date(d).to_string(), wrongful, 1, &["health_medical"], r#"{"state": "none"}"#);
        let b = incident(&date(d + gap).to_string(), wrongful, 1, &["health_medical"], r#"{"state": "none"}"#);
        let (da, db) = (final_due(&a), final_due(&b));
        prop_assert!(da.is_some() && db.is_some());
        prop_assert!(da <= db);
    }

    /// A rolled-forward APPI deadline never lands on a closed day of Japan's administrative calendar.
    #[test]
    fn appi_deadline_is_an_open_day(d in 0i64..9000, wrongful in any::<bool>()) {
        let inc = incident(&date(d).to_string(), wrongful, 1, &["health_medical"], r#"{"state": "none"}"#);
        let due = final_due(&inc).unwrap_or_else(|| panic!("no deadline"));
        let local = due.with_timezone(&chrono_tz::Asia::Tokyo).date_naive();
        prop_assert!(CalendarId::JpAdmin.is_open(local).unwrap_or(false), "{local}");
        // And it is the first open day on or after day 30 (or 60).
        let n = if wrongful { 59 } else { 29 };
        let last = date(d) + Duration::days(n);
        prop_assert!(local >= last);
        let mut x = last;
        while x < local {
            prop_assert!(!CalendarId::JpAdmin.is_open(x).unwrap_or(true), "{x} is open but was skipped");
            x = x.succ_opt().unwrap_or(x);
        }
    }

    /// Roll-forward on any calendar gives an open day no earlier than the input.
    #[test]
    fn roll_forward_lands_on_open_day(d in 0i64..25000) {
        let day = NaiveDate::from_ymd_opt(2007, 1, 1).unwrap_or(NaiveDate::MIN) + Duration::days(d);
        for cal in [CalendarId::JpAdmin, CalendarId::UsFederal, CalendarId::Weekends] {
            let rolled = cal.roll_forward(day);
            prop_assert!(rolled.is_ok(), "{day}");
            let (r, _) = rolled.unwrap_or((day, Vec::new()));
            prop_assert!(r >= day);
            prop_assert!(cal.is_open(r).unwrap_or(false));
        }
    }

    /// The head count decides item (iv): more than 1,000 → required, else not (no other trigger).
    #[test]
    fn head_count_decides_item_iv(n in 0u64..5000) {
        let inc = incident("2024-06-03", false, n, &["name"], r#"{"state": "none"}"#);
        let a = assess(&inc, as_of()).unwrap_or_else(|e| panic!("{e}"));
        let status = a.get("acme/jp.appi/ppc-final").map(|o| o.status);
        prop_assert_eq!(status, Some(if n > 1000 { Status::Required } else { Status::NotRequired }));
    }
}

#[test]
fn encryption_and_cause_change_the_result() {
    let clear = incident("2024-06-03", true, 10, &["name"], r#"{"state": "none"}"#);
    let enc = incident(
        "2024-06-03",
        true,
        10,
        &["name"],
        r#"{"state": "full", "high_standard": "yes", "key_compromised": "no"}"#,
    );
    let key = incident(
        "2024-06-03",
        true,
        10,
        &["name"],
        r#"{"state": "full", "high_standard": "yes", "key_compromised": "yes"}"#,
    );
    let not_wrongful = incident("2024-06-03", false, 10, &["name"], r#"{"state": "none"}"#);
    let status = |i: &Incident| {
        assess(i, as_of())
            .ok()
            .and_then(|a| a.get("acme/jp.appi/ppc-final").map(|o| o.status))
    };
    assert_eq!(status(&clear), Some(Status::Required));
    assert_eq!(status(&enc), Some(Status::NotRequired));
    assert_eq!(status(&key), Some(Status::Required));
    assert_eq!(status(&not_wrongful), Some(Status::NotRequired));
    // Wrongful purpose gives 60 days instead of 30.
    let due = |i: &Incident| {
        final_due(i).map(|d| {
            d.with_timezone(&chrono_tz::Asia::Tokyo)
                .date_naive()
                .to_string()
        })
    };
    assert_eq!(due(&clear).as_deref(), Some("2024-08-01"));
    let health = incident(
        "2024-06-03",
        false,
        1,
        &["health_medical"],
        r#"{"state": "none"}"#,
    );
    assert_eq!(due(&health).as_deref(), Some("2024-07-02"));
}

#[test]
fn same_input_same_bytes() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/seiko-2023.json"
    ))
    .unwrap_or_default();
    let inc = Incident::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let t: DateTime<Utc> = "2023-08-01T03:00:00Z"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    let a = assess(&inc, t).unwrap_or_else(|e| panic!("{e}")).to_json();
    let b = assess(&inc.clone(), t)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_json();
    assert_eq!(a, b);
    // Round trip of the assessment through its wire format.
    let back: breachkit_rules::Assessment =
        serde_json::from_str(&a).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.to_json(), a);
}

fn br_incident(aware: NaiveDate, small: bool) -> Incident {
    let doc = serde_json::json!({
        "schema_version": "0.1", "id": "br", "time_zone": "America/Sao_Paulo",
        "organisations": [{"id": "acme", "name": "Acme", "country": "BR",
            "designations": if small { vec!["br.small_agent"] } else { vec!["br.large"] }}],
        "timeline": [{"kind": "aware", "at": aware.to_string()}],
        "breach": {"nature": ["confidentiality"], "determinations": [{"test": "br.lgpd.significant_effect", "result": "yes"}]},
        "groups": [{"id": "g", "kind": "customers", "holders": [{"entity": "acme", "role": "controller"}],
            "count": {"kind": "exact", "value": 10}, "categories": ["health_medical"]}]
    });
    Incident::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn br_due(inc: &Incident) -> Option<NaiveDate> {
    let a = assess(inc, as_of()).unwrap_or_else(|e| panic!("{e}"));
    a.get("acme/br.lgpd/anpd-communication")
        .and_then(|o| o.deadline.due)
        .map(|d| d.with_timezone(&chrono_tz::America::Sao_Paulo).date_naive())
}

proptest! {
    /// Brazil's working-day deadline lands on an open day of the national calendar, is never
    /// earlier for a later awareness, and a small agent's is never earlier than the general one.
    #[test]
    fn brazil_working_days(d in 0i64..3000, gap in 0i64..40, small in any::<bool>()) {
        let a = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap_or_default() + Duration::days(d);
        let b = a + Duration::days(gap);
        let (da, db) = (br_due(&br_incident(a, small)), br_due(&br_incident(b, small)));
        let da = da.unwrap_or_else(|| panic!("no deadline"));
        prop_assert_eq!(CalendarId::BrNational.is_open(da), Ok(true));
        prop_assert!(db.is_some_and(|db| db >= da));
        let general = br_due(&br_incident(a, false)).unwrap_or_else(|| panic!("no deadline"));
        let small_due = br_due(&br_incident(a, true)).unwrap_or_else(|| panic!("no deadline"));
        prop_assert!(small_due > general);
    }
}
