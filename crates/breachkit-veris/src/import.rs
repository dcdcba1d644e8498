//! VERIS (1.3.x, 1.4.x) → breachkit [`Incident`].

use breachkit_model::{
    AffectedGroup, Cause, Count, CountryCode, DataCategory, EncryptionState, EntityId, Event,
    EventKind, Exfiltration, GroupId, GroupKind, Incident, IncidentId, Jurisdiction, Nature,
    Organisation, PartialTime, Recipient, RecipientKind, ReportId, ReportKind, ReportRecord,
    ReportStatus, Sector, Text,
};
use chrono::{Datelike, Months, NaiveDate};
use serde_json::Value;

use crate::error::VerisError;

/// The note prefix under which the VERIS `discovery_method` object is kept on the `detected`
/// event, so that export can write it back.
pub(crate) const DISCOVERY_NOTE: &str = "VERIS discovery_method ";

/// The id of the victim organisation in imported incidents.
pub(crate) const VICTIM_ID: &str = "victim";

/// A VERIS enumeration value as a code: lower case, runs of other characters as one `-`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The VERIS action categories, in schema order.
pub(crate) const ACTIONS: &[&str] = &[
    "malware",
    "hacking",
    "social",
    "misuse",
    "physical",
    "error",
    "environmental",
    "unknown",
];

/// The cause every record with this action category gets.
pub(crate) fn base_cause(action: &str) -> Option<Cause> {
    Some(match action {
        "malware" => Cause::Malware,
        "hacking" => Cause::UnauthorisedAccess,
        "social" => Cause::SocialEngineering,
        "misuse" => Cause::InsiderMisuse,
        "error" => Cause::EmployeeError,
        "unknown" => Cause::Unknown,
        "physical" | "environmental" => custom(&format!("veris.{action}"))?,
        _ => return None,
    })
}

/// Action varieties that map one to one onto a curated cause.
pub(crate) const SPECIFIC: &[(&str, &str, Cause)] = &[
    ("malware", "Ransomware", Cause::Ransomware),
    ("hacking", "Use of stolen creds", Cause::CredentialAttack),
    ("hacking", "Exploit vuln", Cause::VulnerabilityExploit),
    ("hacking", "DoS", Cause::DenialOfService),
    ("social", "Phishing", Cause::Phishing),
    ("error", "Misdelivery", Cause::Misdelivery),
    ("error", "Loss", Cause::LostDevice),
    ("error", "Misconfiguration", Cause::Misconfiguration),
    ("error", "Disposal error", Cause::ImproperDisposal),
    ("physical", "Theft", Cause::StolenDevice),
];

fn custom<T: std::str::FromStr>(code: &str) -> Option<T> {
    format!("other:{code}").parse().ok()
}

/// VERIS data varieties that map onto a curated data category.
pub(crate) const DATA: &[(&str, DataCategory)] = &[
    ("Medical", DataCategory::HealthMedical),
    ("Payment", DataCategory::PaymentCardNumber),
    ("Bank", DataCategory::FinancialAccountNumber),
    ("Credentials", DataCategory::Credentials),
];

/// VERIS `data_victim` values that map onto a group kind.
pub(crate) const VICTIMS: &[(&str, GroupKind)] = &[
    ("Customer", GroupKind::Customers),
    ("Employee", GroupKind::Employees),
    ("Patient", GroupKind::Patients),
    ("Student", GroupKind::Students),
    ("Partner", GroupKind::BusinessContacts),
];

/// NAICS two-digit sectors (or prefixes) that map onto a breachkit sector.
pub(crate) const NAICS: &[(&str, Sector)] = &[
    ("517", Sector::Telecom),
    ("22", Sector::CriticalInfrastructure),
    ("31", Sector::Manufacturing),
    ("32", Sector::Manufacturing),
    ("33", Sector::Manufacturing),
    ("44", Sector::Retail),
    ("45", Sector::Retail),
    ("52", Sector::Financial),
    ("61", Sector::Education),
    ("62", Sector::Healthcare),
    ("92", Sector::Public),
];

fn strings(v: Option<&Value>) -> Vec<&str> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn id_from(s: &str) -> Option<IncidentId> {
    IncidentId::try_new(s.trim()).ok()
}

/// "05:45:00 PM" → (17, 45, 0).
fn clock(t: &str) -> Option<(u32, u32, u32)> {
    let (hms, ampm) = t.trim().split_once(' ')?;
    let mut p = hms.split(':').map(|x| x.parse::<u32>().ok());
    let (h, m, s) = (p.next()??, p.next()??, p.next().unwrap_or(Some(0))?);
    if !(1..=12).contains(&h) {
        return None;
    }
    let h = match ampm {
        "AM" => h.checked_rem(12)?,
        "PM" => h.checked_rem(12)?.checked_add(12)?,
        _ => return None,
    };
    Some((h, m, s))
}

/// The incident's start as a partial time, with its first and last day.
fn occurred(doc: &Value) -> Result<Option<(PartialTime, NaiveDate, NaiveDate)>, VerisError> {
    let Some(inc) = doc.pointer("/timeline/incident") else {
        return Ok(None);
    };
    let bad = |rule| VerisError::Unimportable {
        path: "/timeline/incident".to_owned(),
        rule,
    };
    let Some(year) = inc.get("year").and_then(Value::as_i64) else {
        return Ok(None);
    };
    let month = inc.get("month").and_then(Value::as_i64);
    let day = inc
        .get("day")
        .and_then(Value::as_i64)
        .filter(|_| month.is_some());
    let mut text = match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    if day.is_some() {
        if let Some((h, mi, s)) = inc.get("time").and_then(Value::as_str).and_then(clock) {
            text.push_str(&format!("T{h:02}:{mi:02}:{s:02}"));
        }
    }
    let t: PartialTime = text
        .parse()
        .map_err(|_| bad("the incident date is not a real date between 1900 and 2200"))?;
    let y = i32::try_from(year).map_err(|_| bad("year out of range"))?;
    let (first, last) = match (month, day) {
        (Some(m), Some(d)) => {
            let d0 = NaiveDate::from_ymd_opt(y, m as u32, d as u32)
                .ok_or_else(|| bad("not a real date"))?;
            (d0, d0)
        }
        (Some(m), None) => {
            let d0 =
                NaiveDate::from_ymd_opt(y, m as u32, 1).ok_or_else(|| bad("not a real month"))?;
            let next = d0
                .checked_add_months(Months::new(1))
                .ok_or_else(|| bad("date out of range"))?;
            (d0, next.pred_opt().unwrap_or(d0))
        }
        _ => (
            NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(|| bad("year out of range"))?,
            NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(|| bad("year out of range"))?,
        ),
    };
    Ok(Some((t, first, last)))
}

/// Shifts a [first, last] day window by a VERIS duration; `None` when the duration has no
/// number or its unit is not a length of time.
fn shift(first: NaiveDate, last: NaiveDate, d: &Value) -> Option<(NaiveDate, NaiveDate)> {
    let unit = d.get("unit")?.as_str()?;
    let v = d.get("value")?.as_f64()?;
    if !(0.0..=1.0e6).contains(&v) {
        return None;
    }
    let months = |n: f64, date: NaiveDate| date.checked_add_months(Months::new(n as u32));
    let (lo, hi) = match unit {
        "Months" | "Years" => {
            let k = if unit == "Years" { 12.0 } else { 1.0 };
            (months(v.floor() * k, first)?, months(v.ceil() * k, last)?)
        }
        _ => {
            let per_day = match unit {
                "Seconds" => 86_400.0,
                "Minutes" => 1_440.0,
                "Hours" => 24.0,
                "Days" => 1.0,
                "Weeks" => 1.0 / 7.0,
                _ => return None,
            };
            let days = v / per_day;
            (
                first.checked_add_days(chrono::Days::new(days.floor() as u64))?,
                last.checked_add_days(chrono::Days::new(days.ceil() as u64))?,
            )
        }
    };
    Some((lo, hi))
}

fn day(d: NaiveDate) -> Option<PartialTime> {
    PartialTime::date(d.year(), d.month(), d.day()).ok()
}

fn window_event(kind: EventKind, lo: NaiveDate, hi: NaiveDate) -> Event {
    let mut e = Event {
        kind,
        at: None,
        after: None,
        before: None,
        time_zone: None,
        entities: Vec::new(),
        note: None,
    };
    if lo == hi {
        e.at = day(lo);
    } else {
        e.after = day(lo);
        e.before = day(hi);
    }
    e
}

fn causes(doc: &Value) -> Vec<Cause> {
    let mut out = Vec::new();
    let Some(action) = doc.get("action").and_then(Value::as_object) else {
        return out;
    };
    for a in ACTIONS {
        let Some(body) = action.get(*a).or_else(|| {
            // 1.3 records wrote `Unknown`.
            (*a == "unknown").then(|| action.get("Unknown")).flatten()
        }) else {
            continue;
        };
        if let Some(c) = base_cause(a) {
            push_unique(&mut out, c);
        }
        for v in strings(body.get("variety")) {
            if v == "Unknown" || v == "Other" {
                continue;
            }
            let specific = SPECIFIC.iter().find(|(x, y, _)| x == a && *y == v);
            match specific {
                Some((_, _, c)) => push_unique(&mut out, c.clone()),
                None => {
                    if let Some(c) = custom(&format!("veris.{a}.{}", slug(v))) {
                        push_unique(&mut out, c);
                    }
                }
            }
        }
    }
    out
}

fn organisation(doc: &Value) -> Option<Organisation> {
    let victim = doc.get("victim")?;
    let countries: Vec<CountryCode> = match victim.get("country") {
        Some(Value::String(s)) => vec![s.as_str()],
        other => strings(other),
    }
    .into_iter()
    .filter_map(|c| CountryCode::try_new(c).ok())
    .collect();
    let country = *countries.first()?;
    let name = victim
        .get("victim_id")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("Victim (unnamed in the VERIS record)");
    let subdivision = victim.get("state").and_then(Value::as_str).and_then(|s| {
        let s = s.trim();
        let code = if s.len() == 2 {
            format!("{}-{s}", country.as_str())
        } else {
            s.to_owned()
        };
        Jurisdiction::try_new(&code)
            .ok()
            .filter(|j| j.country() == country && j.subdivision().is_some())
    });
    let mut sectors = Vec::new();
    if let Some(ind) = victim.get("industry").and_then(Value::as_str) {
        let ind = ind.trim();
        if let Some((_, s)) = NAICS.iter().find(|(p, _)| ind.starts_with(p)) {
            push_unique(&mut sectors, s.clone());
        }
        if !ind.is_empty() {
            if let Some(c) = custom(&format!("naics-{}", slug(ind))) {
                push_unique(&mut sectors, c);
            }
        }
    }
    let establishments = countries
        .iter()
        .skip(1)
        .map(|c| breachkit_model::Establishment {
            jurisdiction: Jurisdiction::from_country(*c),
            name: None,
            main_eu_establishment: false,
        })
        .collect();
    Some(Organisation {
        id: EntityId::try_new(VICTIM_ID).ok()?,
        name: Text::new(name),
        local_name: None,
        short_name: None,
        country,
        subdivision,
        parent: None,
        sectors,
        size_class: None,
        designations: Vec::new(),
        establishments,
        markets: Vec::new(),
        contacts: Vec::new(),
        notes: victim.get("notes").and_then(Value::as_str).map(Text::new),
    })
}

/// Imports a parsed VERIS record. The record is upgraded to the 1.4.1 shape first; it need not
/// validate (VCDB records rarely do against 1.4.1), but it must be an object.
///
/// # Errors
/// [`VerisError::NotVeris`] when it is not an incident object; [`VerisError::Unimportable`]
/// when no usable id or the incident date cannot be read.
pub fn import_value(mut doc: Value) -> Result<Incident, VerisError> {
    if !doc.is_object() {
        return Err(VerisError::NotVeris {
            path: "/".to_owned(),
            rule: "a VERIS incident is a JSON object",
        });
    }
    crate::upgrade::upgrade(&mut doc);
    let id = doc
        .pointer("/plus/master_id")
        .and_then(Value::as_str)
        .and_then(id_from)
        .or_else(|| doc.get("incident_id").and_then(Value::as_str).and_then(id_from))
        .ok_or(VerisError::Unimportable {
            path: "/incident_id".to_owned(),
            rule: "neither plus.master_id nor incident_id is a usable identifier (1 to 64 of A-Z a-z 0-9 _ . -)",
        })?;
    let mut inc = Incident::new(id);
    inc.summary = doc
        .get("summary")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(Text::new);
    inc.notes = doc.get("notes").and_then(Value::as_str).map(Text::new);
    let org = organisation(&doc);
    inc.organisations.extend(org);

    // Timeline.
    let occ = occurred(&doc)?;
    let mut detected_window = None;
    if let Some((t, first, last)) = occ {
        inc.timeline.push(Event {
            kind: EventKind::Occurred,
            at: Some(t),
            after: None,
            before: None,
            time_zone: None,
            entities: Vec::new(),
            note: None,
        });
        if let Some(w) = doc
            .pointer("/timeline/discovery")
            .and_then(|d| shift(first, last, d))
        {
            detected_window = Some(w);
        }
    }
    let method = doc
        .get("discovery_method")
        .filter(|m| m.as_object().is_some_and(|o| !o.is_empty()));
    if detected_window.is_some() || method.is_some() {
        let mut e = match detected_window {
            Some((lo, hi)) => window_event(EventKind::Detected, lo, hi),
            None => window_event(EventKind::Detected, NaiveDate::MIN, NaiveDate::MAX),
        };
        if detected_window.is_none() {
            e.after = None;
            e.before = None;
        }
        if let Some(m) = method {
            e.note = Some(Text::new(format!("{DISCOVERY_NOTE}{m}")));
        }
        inc.timeline.push(e);
    }
    if let Some((lo, hi)) = detected_window {
        if let Some((clo, chi)) = doc.pointer("/timeline/containment").and_then(|d| {
            let (a, _) = shift(lo, lo, d)?;
            let (_, b) = shift(hi, hi, d)?;
            Some((a, b))
        }) {
            inc.timeline
                .push(window_event(EventKind::Contained, clo, chi));
        }
    }

    // Breach.
    let attr = doc.get("attribute");
    let conf = attr.and_then(|a| a.get("confidentiality"));
    for (k, n) in [
        ("confidentiality", Nature::Confidentiality),
        ("integrity", Nature::Integrity),
        ("availability", Nature::Availability),
    ] {
        if attr.and_then(|a| a.get(k)).is_some() {
            inc.breach.nature.push(n);
        }
    }
    inc.breach.causes = causes(&doc);
    inc.breach.exfiltration = match conf
        .and_then(|c| c.get("data_disclosure"))
        .and_then(Value::as_str)
    {
        Some("Yes") => Exfiltration::Confirmed,
        Some("Potentially") => Exfiltration::Suspected,
        Some("No") => Exfiltration::NoneFound,
        _ => Exfiltration::Unknown,
    };
    let states = strings(conf.and_then(|c| c.get("state")));
    let enc = states.iter().any(|s| s.ends_with(" encrypted"));
    let unenc = states.iter().any(|s| s.ends_with(" unencrypted"));
    inc.breach.encryption.state = match (enc, unenc) {
        (true, false) => EncryptionState::Full,
        (false, true) => EncryptionState::None,
        (true, true) => EncryptionState::Partial,
        (false, false) => EncryptionState::Unknown,
    };

    // Groups and counts.
    let mut categories = Vec::new();
    for d in conf
        .and_then(|c| c.get("data"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(v) = d.get("variety").and_then(Value::as_str) else {
            continue;
        };
        if v == "Unknown" {
            continue;
        }
        match DATA.iter().find(|(x, _)| *x == v) {
            Some((_, c)) => push_unique(&mut categories, c.clone()),
            None => {
                if let Some(c) = custom(&format!("veris.{}", slug(v))) {
                    push_unique(&mut categories, c);
                }
            }
        }
    }
    let total = conf
        .and_then(|c| c.get("data_total"))
        .and_then(Value::as_u64);
    if let Some(t) = total {
        inc.totals.records = Some(Count::exact(t));
    }
    let mut kinds: Vec<GroupKind> = Vec::new();
    for v in strings(conf.and_then(|c| c.get("data_victim"))) {
        let k = VICTIMS
            .iter()
            .find(|(x, _)| *x == v)
            .map(|(_, k)| k.clone())
            .or_else(|| custom(&format!("veris.{}", slug(v))));
        if let Some(k) = k {
            push_unique(&mut kinds, k);
        }
    }
    // Data varieties without any data_victim: keep them on a group of unknown people.
    if kinds.is_empty() && !categories.is_empty() {
        kinds.extend(custom::<GroupKind>("veris.unknown"));
    }
    let single = kinds.len() == 1;
    for k in kinds {
        let Ok(gid) = GroupId::try_new(k.code().replace([':', '.'], "-")) else {
            continue;
        };
        inc.groups.push(AffectedGroup {
            id: gid,
            kind: k,
            label: None,
            holders: Vec::new(),
            count: Count::default(),
            records: if single {
                total.map(Count::exact)
            } else {
                None
            },
            residence: Vec::new(),
            categories: categories.clone(),
            not_affected: Vec::new(),
            contact_details_available: Default::default(),
            includes_children: Default::default(),
            vulnerable: Default::default(),
            vulnerabilities: Vec::new(),
            identifiability: Default::default(),
            volume_per_person: Default::default(),
            notes: None,
            categories_vary: Default::default(),
            known_since: None,
        });
    }

    // plus.timeline.notification → a notice to individuals.
    if let Some(n) = doc.pointer("/plus/timeline/notification") {
        let y = n.get("year").and_then(Value::as_i64);
        let m = n.get("month").and_then(Value::as_i64);
        let d = n.get("day").and_then(Value::as_i64).filter(|_| m.is_some());
        let text = match (y, m, d) {
            (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
            (Some(y), None, _) => Some(format!("{y:04}")),
            _ => None,
        };
        if let Some(at) = text.and_then(|t| t.parse::<PartialTime>().ok()) {
            if let Ok(id) = ReportId::try_new("veris-notification") {
                inc.reports.push(ReportRecord {
                    id,
                    by: Vec::new(),
                    recipient: Recipient {
                        kind: RecipientKind::Individuals,
                        body: None,
                        name: None,
                    },
                    kind: ReportKind::Notice,
                    sequence: None,
                    at: Some(at),
                    before: None,
                    status: ReportStatus::Done,
                    groups: Vec::new(),
                    title: None,
                    reference: None,
                    url: None,
                    language: None,
                    note: None,
                });
            }
        }
    }
    Ok(inc)
}

/// Parses and imports VERIS JSON text (1.3.x or 1.4.x).
///
/// # Errors
/// As [`crate::parse`] and [`import_value`].
///
/// ```
/// let doc = r#"{"incident_id": "demo-1", "timeline": {"incident": {"year": 2019, "month": 1}},
///   "action": {"error": {"variety": ["Misdelivery"], "vector": ["Carelessness"]}}}"#;
/// let incident = breachkit_veris::import(doc)?;
/// assert_eq!(incident.timeline[0].at.map(|t| t.to_string()).as_deref(), Some("2019-01"));
/// # Ok::<(), breachkit_veris::VerisError>(())
/// ```
pub fn import(text: &str) -> Result<Incident, VerisError> {
    import_value(crate::parse(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Use of stolen creds"), "use-of-stolen-creds");
        assert_eq!(slug("Sensitive Personal"), "sensitive-personal");
        assert_eq!(slug("Backdoor or C2"), "backdoor-or-c2");
    }

    #[test]
    fn clocks() {
        assert_eq!(clock("05:45:00 PM"), Some((17, 45, 0)));
        assert_eq!(clock("12:10:00 AM"), Some((0, 10, 0)));
    }
}
