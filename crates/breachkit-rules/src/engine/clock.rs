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
        provisional: input.start.basis != StartBasis::Aware || input.variant_open,
        guidance: None,
        counting: String::new(),
    };
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
    let start_date = start.with_timezone(&tz).date_naive();
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
    };
    let fmt_local = |t: DateTime<Utc>| {
        t.with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };

    let day_number = |n: u32| -> Option<NaiveDate> {
        match rule.first_day {
            FirstDay::Counts => {
                start_date.checked_add_signed(Duration::days(i64::from(n).saturating_sub(1)))
            }
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
