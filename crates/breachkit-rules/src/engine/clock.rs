//! Where the clock starts and when an obligation is due.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use breachkit_model::{EntityId, EventKind, Incident, PartialTime, Precision};

use crate::assessment::*;
use crate::calendar::{CalendarId, DayKind};
use crate::ruleset::*;

/// Where the clock starts for an entity.
pub(super) struct Start {
    pub(super) time: Option<PartialTime>,
    pub(super) zone: Option<chrono_tz::Tz>,
    pub(super) basis: StartBasis,
}

/// The clock start for a rule's start event (`aware` falls back to detection, flagged).
pub(super) fn start_for_event(incident: &Incident, entity: &EntityId, event: StartEvent) -> Start {
    let kind = match event {
        StartEvent::Aware | StartEvent::Obligation => return start_for(incident, entity),
        StartEvent::MaterialityDetermined => EventKind::MaterialityDetermined,
        StartEvent::RansomPaid => EventKind::RansomPaid,
    };
    let found = incident
        .events_for(&kind, entity)
        .filter_map(|e| {
            let t = e.at.or(e.after)?;
            let zone = incident.zone_for(e.time_zone);
            let r = t.resolve(zone)?;
            Some((r.earliest, t, zone))
        })
        .min_by_key(|x| x.0);
    match found {
        Some((_, t, zone)) => Start {
            time: Some(t),
            zone,
            basis: StartBasis::Event,
        },
        None => Start {
            time: None,
            zone: None,
            basis: StartBasis::Unknown,
        },
    }
}

/// The civil date a time stands for in `tz`: a date known only to the day stays that calendar
/// day wherever the law counts (2 March in New York is day 0 in Seattle too); a time of day is
/// converted.
pub(super) fn civil_date(
    t: &PartialTime,
    zone: Option<chrono_tz::Tz>,
    tz: chrono_tz::Tz,
) -> Option<NaiveDate> {
    if t.precision() == Precision::Day {
        if let Some(d) = t.civil_date_in(tz) {
            return Some(d);
        }
    }
    Some(t.resolve(zone)?.earliest.with_timezone(&tz).date_naive())
}

/// The other notice a relative clock runs from.
pub(super) struct Anchor {
    /// Its name.
    pub(super) name: String,
    /// When it was made, if recorded as made by the as-of time: (first instant, civil date in
    /// the regime's zone, last instant).
    pub(super) made: Option<(DateTime<Utc>, NaiveDate, DateTime<Utc>)>,
    /// Its deadline.
    pub(super) due: Option<DateTime<Utc>>,
    /// Whether its deadline is provisional.
    pub(super) provisional: bool,
}

pub(super) fn start_for(incident: &Incident, entity: &EntityId) -> Start {
    let earliest = |kind: EventKind| {
        incident
            .events_for(&kind, entity)
            .filter_map(|e| {
                let t = e.at.or(e.after)?;
                let zone = incident.zone_for(e.time_zone);
                let r = t.resolve(zone)?;
                Some((r.earliest, t, zone))
            })
            .min_by_key(|x| x.0)
    };
    if let Some((_, t, zone)) = earliest(EventKind::Aware) {
        return Start {
            time: Some(t),
            zone,
            basis: StartBasis::Aware,
        };
    }
    if let Some((_, t, zone)) = earliest(EventKind::Detected) {
        return Start {
            time: Some(t),
            zone,
            basis: StartBasis::DetectedAsEarliestAwareness,
        };
    }
    Start {
        time: None,
        zone: None,
        basis: StartBasis::Unknown,
    }
}

/// Input to the deadline computation.
pub(super) struct ClockInput<'a> {
    pub(super) rule: &'a ClockRule,
    pub(super) amount: Option<u32>,
    pub(super) tz: chrono_tz::Tz,
    pub(super) start: &'a Start,
    pub(super) variant_open: bool,
    pub(super) anchor: Option<&'a Anchor>,
}

pub(super) fn end_of_day(tz: chrono_tz::Tz, d: NaiveDate) -> Option<DateTime<Utc>> {
    let t = d.and_hms_opt(23, 59, 59)?;
    Some(tz.from_local_datetime(&t).latest()?.with_timezone(&Utc))
}

pub(super) fn day_kind_text(k: DayKind) -> String {
    match k {
        DayKind::Open => "open day".into(),
        DayKind::Weekend => "weekend".into(),
        DayKind::Holiday(n) => format!("holiday: {n}"),
        DayKind::Closure(n) => format!("closure: {n}"),
    }
}

pub(super) fn compute_deadline(input: &ClockInput<'_>, trace: &mut Vec<TraceStep>) -> Deadline {
    let rule = input.rule;
    let tz = input.tz;
    let mut d = Deadline {
        standard: rule.standard.clone(),
        due: None,
        due_local: None,
        time_zone: tz.name().to_owned(),
        start: None,
        start_basis: input.start.basis,
        provisional: matches!(
            input.start.basis,
            StartBasis::DetectedAsEarliestAwareness | StartBasis::Unknown
        ) || input.variant_open,
        guidance: None,
        counting: String::new(),
    };
    if rule.start == StartEvent::Obligation {
        relative_deadline(input, &mut d);
        trace.push(TraceStep {
            step: "clock".into(),
            outcome: d
                .due_local
                .clone()
                .unwrap_or_else(|| "no fixed deadline".into()),
            detail: format!("{} ({})", d.counting, rule.cite),
        });
        return d;
    }
    let Some(start_time) = input.start.time else {
        d.counting =
            "no awareness or detection time recorded: the deadline cannot be computed".into();
        trace.push(TraceStep {
            step: "clock".into(),
            outcome: "unknown start".into(),
            detail: d.counting.clone(),
        });
        return d;
    };
    let Some(range) = start_time.resolve(input.start.zone) else {
        d.counting = "the start time has no time zone: set /time_zone".into();
        trace.push(TraceStep {
            step: "clock".into(),
            outcome: "unknown start".into(),
            detail: d.counting.clone(),
        });
        return d;
    };
    let start = range.earliest;
    d.start = Some(start);
    let start_date = civil_date(&start_time, input.start.zone, tz)
        .unwrap_or_else(|| start.with_timezone(&tz).date_naive());
    let precise_enough = match rule.kind {
        ClockKind::Hours => start_time.precision() >= Precision::Minute,
        _ => start_time.precision() >= Precision::Day,
    };
    if !precise_enough {
        d.provisional = true;
    }
    let basis = match input.start.basis {
        StartBasis::Aware => "awareness".to_owned(),
        StartBasis::DetectedAsEarliestAwareness => {
            "first detection (no awareness recorded; the earliest possible awareness)".to_owned()
        }
        StartBasis::Unknown => "unknown".to_owned(),
        StartBasis::Event => match rule.start {
            StartEvent::MaterialityDetermined => "the materiality determination".to_owned(),
            StartEvent::RansomPaid => "the ransom payment".to_owned(),
            _ => "the recorded event".to_owned(),
        },
        StartBasis::OtherNotice => "the other notice".to_owned(),
    };
    let fmt_local = |t: DateTime<Utc>| {
        t.with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };

    let day_number = |n: u32| -> Option<NaiveDate> {
        match rule.first_day {
            FirstDay::Counts => start_date.checked_add_signed(Duration::days(i64::from(n) - 1)),
            FirstDay::Excluded => start_date.checked_add_signed(Duration::days(i64::from(n))),
        }
    };
    let first_day_text = match rule.first_day {
        FirstDay::Counts => format!("the start day {start_date} counts as day 1"),
        FirstDay::Excluded => format!("counting starts the day after {start_date}"),
    };
    let counting_cite = rule
        .counting_cite
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();

    let mut last_day: Option<NaiveDate> = None;
    match (rule.kind, input.amount) {
        (ClockKind::None, _) | (_, None) => {
            d.counting = format!("no fixed period; the clock starts at {basis} on {start_date}");
            if let Some(g) = &rule.guidance {
                if let (Some(from), Some(to)) = (day_number(g.min_days), day_number(g.max_days)) {
                    d.guidance = Some(GuidanceWindow {
                        from: from.to_string(),
                        to: to.to_string(),
                        text: g.text.clone(),
                        cite: g.cite.clone(),
                    });
                    d.counting.push_str(&format!(
                        "; guidance window day {} to day {} ({first_day_text}): {from} to {to}",
                        g.min_days, g.max_days
                    ));
                }
            }
        }
        (ClockKind::Hours, Some(h)) => {
            if let Some(due) = start.checked_add_signed(Duration::hours(i64::from(h))) {
                d.due = Some(due);
                d.due_local = Some(fmt_local(due));
            }
            d.counting = format!(
                "{h} consecutive hours from {basis} at {}; no extension for weekends or holidays{counting_cite}",
                fmt_local(start)
            );
            if start_time.precision() < Precision::Minute {
                d.counting
                    .push_str("; the start is known only to the day, so its first instant is used");
            }
        }
        (ClockKind::CalendarDays, Some(n)) => {
            last_day = day_number(n);
            d.counting = format!("{n} calendar days from {basis}; {first_day_text}{counting_cite}");
        }
        (ClockKind::BusinessDays, Some(n)) => {
            let cal = rule.calendar.unwrap_or(CalendarId::Weekends);
            last_day = cal.add_business_days(start_date, n).ok();
            d.counting = format!(
                "{n} business days of calendar {} after {start_date}{counting_cite}",
                cal.code()
            );
        }
        (ClockKind::DaysAfterYearEnd, Some(n)) => {
            use chrono::Datelike;
            last_day = NaiveDate::from_ymd_opt(start_date.year(), 12, 31)
                .and_then(|y| y.checked_add_signed(Duration::days(i64::from(n))));
            d.counting = format!(
                "{n} days after the end of calendar year {}{counting_cite}",
                start_date.year()
            );
        }
    }
    if let Some(mut last) = last_day {
        d.counting.push_str(&format!("; last day {last}"));
        if let Some(cal) = rule.roll_forward {
            match cal.roll_forward(last) {
                Ok((rolled, skipped)) => {
                    if !skipped.is_empty() {
                        let why: Vec<String> = skipped
                            .iter()
                            .map(|(day, k)| format!("{day} {}", day_kind_text(*k)))
                            .collect();
                        d.counting.push_str(&format!(
                            "; closed days in calendar {} roll it forward ({}) to {rolled}",
                            cal.code(),
                            why.join("; ")
                        ));
                    } else {
                        d.counting
                            .push_str(&format!(", an open day in calendar {}", cal.code()));
                    }
                    last = rolled;
                }
                Err(e) => {
                    d.counting.push_str(&format!("; cannot roll forward: {e}"));
                }
            }
        }
        if let Some(due) = end_of_day(tz, last) {
            d.due = Some(due);
            d.due_local = Some(fmt_local(due));
        }
    }
    trace.push(TraceStep {
        step: "clock".into(),
        outcome: d
            .due_local
            .clone()
            .unwrap_or_else(|| "no fixed deadline".into()),
        detail: format!("{} ({})", d.counting, rule.cite),
    });
    d
}

/// A clock that runs from another notice of the same regime.
fn relative_deadline(input: &ClockInput<'_>, d: &mut Deadline) {
    let rule = input.rule;
    let tz = input.tz;
    d.start_basis = StartBasis::OtherNotice;
    let fmt_local = |t: DateTime<Utc>| {
        t.with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    let Some(a) = input.anchor else {
        d.counting = "the notice this clock runs from does not apply to this entity".into();
        return;
    };
    let counting_cite = rule
        .counting_cite
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    match rule.relation.unwrap_or(Relation::NoLaterThan) {
        rel @ (Relation::NoLaterThan | Relation::Before) => {
            let word = if rel == Relation::Before {
                "before"
            } else {
                "no later than"
            };
            match (a.made, a.due) {
                (Some((first, _, last)), _) => {
                    let due = if rel == Relation::Before { first } else { last };
                    d.start = Some(first);
                    d.due = Some(due);
                    d.due_local = Some(fmt_local(due));
                    d.counting =
                        format!("{word} {}, recorded as made {}", a.name, fmt_local(first));
                }
                (None, Some(due)) => {
                    d.due = Some(due);
                    d.due_local = Some(fmt_local(due));
                    d.provisional = true;
                    d.counting = format!(
                        "{word} {}, not recorded yet: its own deadline {} is the latest date{}",
                        a.name,
                        fmt_local(due),
                        if rel == Relation::Before {
                            ", and this notice must come first"
                        } else {
                            ""
                        }
                    );
                }
                (None, None) => {
                    d.counting = format!(
                        "{word} {}, which has no fixed deadline and is not recorded as made",
                        a.name
                    );
                }
            }
            d.provisional |= a.provisional && a.made.is_none();
        }
        Relation::After => {
            let Some(n) = rule.amount else {
                d.counting = "no period given".into();
                return;
            };
            let (base, from_what) = match (a.made, a.due) {
                (Some((first, date, _)), _) => {
                    d.start = Some(first);
                    (Some(date), format!("{} made on {date}", a.name))
                }
                (None, Some(due)) => {
                    d.provisional = true;
                    let date = due.with_timezone(&tz).date_naive();
                    (
                        Some(date),
                        format!(
                            "{} not recorded yet: counted from its own deadline {date}, so this date moves earlier when that notice is made earlier",
                            a.name
                        ),
                    )
                }
                (None, None) => (None, String::new()),
            };
            let Some(base) = base else {
                d.counting = format!(
                    "within {n} days after {}, which has no fixed deadline and is not recorded as made",
                    a.name
                );
                return;
            };
            let last = match rule.kind {
                ClockKind::BusinessDays => rule
                    .calendar
                    .unwrap_or(CalendarId::Weekends)
                    .add_business_days(base, n)
                    .ok(),
                _ => base.checked_add_signed(Duration::days(i64::from(n))),
            };
            let unit = if rule.kind == ClockKind::BusinessDays {
                format!(
                    "business days of calendar {}",
                    rule.calendar.unwrap_or(CalendarId::Weekends).code()
                )
            } else {
                "calendar days".to_owned()
            };
            d.counting = format!(
                "{n} {unit} after {from_what}; counting starts the day after{counting_cite}"
            );
            if let Some(last) = last {
                d.counting.push_str(&format!("; last day {last}"));
                if let Some(due) = end_of_day(tz, last) {
                    d.due = Some(due);
                    d.due_local = Some(fmt_local(due));
                }
            }
        }
    }
}
