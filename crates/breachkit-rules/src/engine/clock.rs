//! Where the clock starts and when an obligation is due.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use breachkit_model::{EntityId, EventKind, Incident, PartialTime, Precision};

use crate::assessment::*;
use crate::calendar::{CalendarId, DayKind};
use crate::ruleset::*;

use super::eval;

/// Where the clock starts for an entity.
#[derive(Clone)]
pub(super) struct Start {
    pub(super) time: Option<PartialTime>,
    pub(super) zone: Option<chrono_tz::Tz>,
    pub(super) basis: StartBasis,
    /// An exact start instant (a recorded report, an earlier deadline), used instead of `time`.
    pub(super) instant: Option<DateTime<Utc>>,
}

/// What an earlier obligation of the same regime left for later clocks: when its report was made
/// (if recorded) and its deadline.
#[derive(Clone, Copy, Default)]
pub(super) struct Prior {
    pub(super) report_at: Option<DateTime<Utc>>,
    pub(super) due: Option<DateTime<Utc>>,
}

/// The start of one obligation's clock: the entity's awareness, its detection, a recorded
/// determination (else the end of the assessment period), or an earlier report (else its
/// deadline). Questions that would fix a provisional start are returned.
pub(super) fn rule_start(
    clock: &ClockRule,
    incident: &Incident,
    entity: &EntityId,
    entity_start: &Start,
    determination: Option<&breachkit_model::Determination>,
    prior: &BTreeMap<String, Prior>,
    question: impl Fn(&str) -> Question,
) -> (Start, Vec<Question>) {
    let exact = |instant: Option<DateTime<Utc>>, basis| Start {
        time: None,
        zone: None,
        basis: if instant.is_some() {
            basis
        } else {
            StartBasis::Unknown
        },
        instant,
    };
    match clock.start {
        // A relative clock (`start = "obligation"`) is computed from its anchor, not a start.
        StartEvent::Aware | StartEvent::Obligation => (entity_start.clone(), Vec::new()),
        StartEvent::MaterialityDetermined | StartEvent::RansomPaid => {
            let kind = if clock.start == StartEvent::MaterialityDetermined {
                EventKind::MaterialityDetermined
            } else {
                EventKind::RansomPaid
            };
            let found = incident
                .events_for(&kind, entity)
                .filter_map(|e| {
                    let t = e.at.or(e.after)?;
                    let zone = incident.zone_for(e.time_zone);
                    Some((t.resolve(zone)?.earliest, t, zone))
                })
                .min_by_key(|x| x.0);
            match found {
                Some((_, t, zone)) => (
                    Start {
                        time: Some(t),
                        zone,
                        basis: StartBasis::Event,
                        instant: None,
                    },
                    Vec::new(),
                ),
                None => (exact(None, StartBasis::Unknown), Vec::new()),
            }
        }
        StartEvent::Detected => {
            let first = incident
                .events_for(&EventKind::Detected, entity)
                .filter_map(|e| {
                    let t = e.at.or(e.after)?;
                    let zone = incident.zone_for(e.time_zone);
                    Some((t.resolve(zone)?.earliest, t, zone))
                })
                .min_by_key(|x| x.0);
            match first {
                Some((_, t, zone)) => (
                    Start {
                        time: Some(t),
                        zone,
                        basis: StartBasis::Detected,
                        instant: None,
                    },
                    Vec::new(),
                ),
                None => (entity_start.clone(), Vec::new()),
            }
        }
        StartEvent::Determined | StartEvent::Classified => {
            let test = clock.determination.as_deref().unwrap_or_default();
            if let Some(t) = determination.and_then(|d| d.at) {
                return (
                    Start {
                        time: Some(t),
                        zone: incident.time_zone.map(|z| z.tz()),
                        basis: StartBasis::Determined,
                        instant: None,
                    },
                    Vec::new(),
                );
            }
            let q = vec![question(test)];
            match clock.until_determined.as_ref().and_then(|a| prior.get(a)) {
                Some(p) => (exact(p.due, StartBasis::AssessmentPeriodEnd), q),
                None => (exact(None, StartBasis::Unknown), q),
            }
        }
        StartEvent::Report => {
            let p = clock
                .after
                .as_ref()
                .and_then(|a| prior.get(a))
                .copied()
                .unwrap_or_default();
            match (p.report_at, p.due) {
                (Some(at), _) => (exact(Some(at), StartBasis::Reported), Vec::new()),
                (None, due) => (exact(due, StartBasis::PriorDeadline), Vec::new()),
            }
        }
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

/// The other notice a relative clock runs from (`start = "obligation"`).
pub(super) struct Anchor {
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
            instant: None,
        };
    }
    if let Some((_, t, zone)) = earliest(EventKind::Detected) {
        return Start {
            time: Some(t),
            zone,
            basis: StartBasis::DetectedAsEarliestAwareness,
            instant: None,
        };
    }
    Start {
        time: None,
        zone: None,
        basis: StartBasis::Unknown,
        instant: None,
    }
}

/// Input to the deadline computation.
pub(super) struct ClockInput<'a> {
    pub(super) rule: &'a ClockRule,
    pub(super) amount: Option<u32>,
    pub(super) tz: chrono_tz::Tz,
    pub(super) start: &'a Start,
    pub(super) variant_open: bool,
    /// For `start = "obligation"`: the other notice, if it applies to the entity.
    pub(super) anchor: Option<&'a Anchor>,
}

pub(super) fn end_of_day(tz: chrono_tz::Tz, d: NaiveDate) -> Option<DateTime<Utc>> {
    let t = d.and_hms_opt(23, 59, 59)?;
    Some(tz.from_local_datetime(&t).latest()?.with_timezone(&Utc))
}

pub(super) fn day_kind_code(k: &DayKind) -> (&'static str, Option<String>) {
    match k {
        DayKind::Open => ("open_day", None),
        DayKind::Weekend => ("weekend", None),
        DayKind::Holiday(n) => ("holiday", Some(n.to_string())),
        DayKind::Closure(n) => ("closure", Some(n.to_string())),
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
        provisional: !matches!(
            input.start.basis,
            StartBasis::Aware
                | StartBasis::Detected
                | StartBasis::Determined
                | StartBasis::Reported
                | StartBasis::Event
        ) || input.variant_open,
        guidance: None,
        counting_steps: Vec::new(),
        counting: String::new(),
    };
    let step = |outcome: Outcome, facts: Vec<Fact>| TraceStep {
        kind: StepKind::Clock,
        clause: None,
        outcome,
        cite: Some(rule.cite.clone()),
        label: None,
        facts,
        detail: String::new(),
    };
    if rule.start == StartEvent::Obligation {
        relative_deadline(input, &mut d);
        let outcome = match &d.due_local {
            Some(l) => Outcome::Due {
                due_local: l.clone(),
            },
            None => Outcome::NoFixedDeadline,
        };
        trace.push(step(outcome, d.counting_steps.clone()));
        return d;
    }
    let (start, start_precision) = match (input.start.instant, input.start.time) {
        (Some(i), _) => (i, Precision::Second),
        (None, Some(start_time)) => {
            let Some(range) = start_time.resolve(input.start.zone) else {
                d.counting_steps.push(Fact::new(FactCode::ClockNoZone));
                trace.push(step(Outcome::UnknownStart, d.counting_steps.clone()));
                return d;
            };
            (range.earliest, start_time.precision())
        }
        (None, None) => {
            let fact = match rule.start {
                StartEvent::Aware | StartEvent::Detected => Fact::new(FactCode::ClockNoStart),
                StartEvent::Determined | StartEvent::Classified => {
                    Fact::new(FactCode::ClockNoDetermination)
                        .arg("test", rule.determination.as_deref().unwrap_or_default())
                }
                StartEvent::Report => Fact::new(FactCode::ClockNoPriorReport)
                    .arg("after", rule.after.as_deref().unwrap_or_default()),
                StartEvent::MaterialityDetermined => {
                    Fact::new(FactCode::ClockNoEvent).arg("event", "materiality_determined")
                }
                StartEvent::RansomPaid => {
                    Fact::new(FactCode::ClockNoEvent).arg("event", "ransom_paid")
                }
                // Handled above; kept for exhaustiveness.
                StartEvent::Obligation => Fact::new(FactCode::ClockNoStart),
            };
            d.counting_steps.push(fact);
            trace.push(step(Outcome::UnknownStart, d.counting_steps.clone()));
            return d;
        }
    };
    d.start = Some(start);
    // A date known only to the day stays that calendar day in the law's zone.
    let start_date = match (input.start.instant, &input.start.time) {
        (None, Some(t)) => civil_date(t, input.start.zone, tz),
        _ => None,
    }
    .unwrap_or_else(|| start.with_timezone(&tz).date_naive());
    let precise_enough = match rule.kind {
        ClockKind::Hours => start_precision >= Precision::Minute,
        _ => start_precision >= Precision::Day,
    };
    if !precise_enough {
        d.provisional = true;
    }
    let basis = input.start.basis.code();
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
    let first_day = match rule.first_day {
        FirstDay::Counts => "counts",
        FirstDay::Excluded => "excluded",
    };
    let with_cite = |f: Fact| match &rule.counting_cite {
        Some(c) => f.arg("counting_cite", c),
        None => f,
    };
    let facts = &mut d.counting_steps;

    let mut last_day: Option<NaiveDate> = None;
    let mut incomplete_calendar = false;
    match (rule.kind, input.amount) {
        (ClockKind::None, _) | (_, None) => {
            facts.push(
                Fact::new(FactCode::PeriodNone)
                    .arg("basis", basis)
                    .arg("start_date", start_date),
            );
            if let Some(g) = &rule.guidance {
                if let (Some(from), Some(to)) = (day_number(g.min_days), day_number(g.max_days)) {
                    d.guidance = Some(GuidanceWindow {
                        from: from.to_string(),
                        to: to.to_string(),
                        text: g.text.clone(),
                        cite: g.cite.clone(),
                    });
                    facts.push(
                        Fact::new(FactCode::GuidanceWindow)
                            .arg("min_days", g.min_days)
                            .arg("max_days", g.max_days)
                            .arg("first_day", first_day)
                            .arg("start_date", start_date)
                            .arg("from", from)
                            .arg("to", to),
                    );
                }
            }
        }
        (ClockKind::Hours, Some(h)) => {
            if let Some(due) = start.checked_add_signed(Duration::hours(i64::from(h))) {
                d.due = Some(due);
                d.due_local = Some(fmt_local(due));
            }
            facts.push(with_cite(
                Fact::new(FactCode::Hours)
                    .arg("amount", h)
                    .arg("basis", basis)
                    .arg("start", fmt_local(start)),
            ));
            if start_precision < Precision::Minute {
                facts.push(Fact::new(FactCode::StartDayOnly));
            }
        }
        (ClockKind::CalendarDays, Some(n)) => {
            last_day = day_number(n);
            facts.push(with_cite(
                Fact::new(FactCode::CalendarDays)
                    .arg("amount", n)
                    .arg("basis", basis)
                    .arg("first_day", first_day)
                    .arg("start_date", start_date),
            ));
        }
        (ClockKind::BusinessDays, Some(n)) => {
            let cal = rule.calendar.unwrap_or(CalendarId::Weekends);
            last_day = cal.add_business_days(start_date, n).ok();
            facts.push(with_cite(
                Fact::new(FactCode::BusinessDays)
                    .arg("amount", n)
                    .arg("calendar", cal.code())
                    .arg("start_date", start_date),
            ));
            if !cal.is_complete() {
                incomplete_calendar = true;
                facts.push(Fact::new(FactCode::CalendarIncomplete).arg("calendar", cal.code()));
            }
        }
        (ClockKind::Months, Some(n)) => {
            last_day = start_date.checked_add_months(chrono::Months::new(n));
            facts.push(with_cite(
                Fact::new(FactCode::Months)
                    .arg("amount", n)
                    .arg("basis", basis)
                    .arg("start_date", start_date),
            ));
        }
        (ClockKind::DaysAfterYearEnd, Some(n)) => {
            use chrono::Datelike;
            last_day = NaiveDate::from_ymd_opt(start_date.year(), 12, 31)
                .and_then(|y| y.checked_add_signed(Duration::days(i64::from(n))));
            facts.push(with_cite(
                Fact::new(FactCode::DaysAfterYearEnd)
                    .arg("amount", n)
                    .arg("year", start_date.year()),
            ));
        }
    }
    if let Some(mut last) = last_day {
        facts.push(Fact::new(FactCode::LastDay).arg("date", last));
        if let Some(cal) = rule.roll_forward {
            match cal.roll_forward(last) {
                Ok((rolled, skipped)) => {
                    if skipped.is_empty() {
                        facts.push(Fact::new(FactCode::OpenDay).arg("calendar", cal.code()));
                    } else {
                        let mut f = Fact::new(FactCode::RolledForward)
                            .arg("calendar", cal.code())
                            .arg("rolled", rolled);
                        let days: Vec<String> = skipped
                            .iter()
                            .map(|(day, k)| match day_kind_code(k) {
                                (code, Some(name)) => format!("{day} {code}:{name}"),
                                (code, None) => format!("{day} {code}"),
                            })
                            .collect();
                        f = f.arg("skipped", days.join("; "));
                        facts.push(f);
                    }
                    last = rolled;
                }
                Err(_) => {
                    facts.push(Fact::new(FactCode::CannotRoll).arg("calendar", cal.code()));
                }
            }
        }
        if let Some(due) = end_of_day(tz, last) {
            d.due = Some(due);
            d.due_local = Some(fmt_local(due));
        }
    }
    if incomplete_calendar {
        d.provisional = true;
    }
    let outcome = match &d.due_local {
        Some(l) => Outcome::Due {
            due_local: l.clone(),
        },
        None => Outcome::NoFixedDeadline,
    };
    trace.push(step(outcome, d.counting_steps.clone()));
    d
}

/// A clock that runs from another notice of the same regime: no later than it, before it, or
/// within a number of days after it. The other notice counts from when it was recorded as made;
/// until then from its own deadline, provisionally (the date moves earlier when that notice is
/// made earlier).
fn relative_deadline(input: &ClockInput<'_>, d: &mut Deadline) {
    let rule = input.rule;
    let tz = input.tz;
    d.start_basis = StartBasis::OtherNotice;
    let fmt_local = |t: DateTime<Utc>| {
        t.with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    let other = rule.relative_to.clone().unwrap_or_default();
    let Some(a) = input.anchor else {
        d.counting_steps
            .push(Fact::new(FactCode::RelativeNotApplicable).arg("other", &other));
        return;
    };
    let relation = rule.relation.unwrap_or(Relation::NoLaterThan);
    let rel_code = match relation {
        Relation::NoLaterThan => "no_later_than",
        Relation::Before => "before",
        Relation::After => "after",
    };
    match relation {
        Relation::NoLaterThan | Relation::Before => {
            match (a.made, a.due) {
                (Some((first, _, last)), _) => {
                    let due = if relation == Relation::Before {
                        first
                    } else {
                        last
                    };
                    d.start = Some(first);
                    d.due = Some(due);
                    d.due_local = Some(fmt_local(due));
                    d.counting_steps.push(
                        Fact::new(FactCode::RelativeMade)
                            .arg("relation", rel_code)
                            .arg("other", &other)
                            .arg("made", fmt_local(first)),
                    );
                }
                (None, Some(due)) => {
                    d.due = Some(due);
                    d.due_local = Some(fmt_local(due));
                    d.provisional = true;
                    d.counting_steps.push(
                        Fact::new(FactCode::RelativeNotMade)
                            .arg("relation", rel_code)
                            .arg("other", &other)
                            .arg("due", fmt_local(due)),
                    );
                    if relation == Relation::Before {
                        d.counting_steps
                            .push(Fact::new(FactCode::RelativeMustPrecede).arg("other", &other));
                    }
                }
                (None, None) => {
                    d.counting_steps.push(
                        Fact::new(FactCode::RelativeOpen)
                            .arg("relation", rel_code)
                            .arg("other", &other),
                    );
                }
            }
            d.provisional |= a.provisional && a.made.is_none();
        }
        Relation::After => {
            let Some(n) = rule.amount else {
                d.counting_steps.push(
                    Fact::new(FactCode::RelativeOpen)
                        .arg("relation", rel_code)
                        .arg("other", &other),
                );
                return;
            };
            let unit = eval::code_of(&rule.kind);
            let base = match (a.made, a.due) {
                (Some((first, date, _)), _) => {
                    d.start = Some(first);
                    d.counting_steps.push(
                        Fact::new(FactCode::AfterNoticeMade)
                            .arg("amount", n)
                            .arg("unit", &unit)
                            .arg("other", &other)
                            .arg("date", date),
                    );
                    Some(date)
                }
                (None, Some(due)) => {
                    d.provisional = true;
                    let date = due.with_timezone(&tz).date_naive();
                    d.counting_steps.push(
                        Fact::new(FactCode::AfterNoticeDeadline)
                            .arg("amount", n)
                            .arg("unit", &unit)
                            .arg("other", &other)
                            .arg("date", date),
                    );
                    Some(date)
                }
                (None, None) => {
                    d.counting_steps.push(
                        Fact::new(FactCode::RelativeOpen)
                            .arg("relation", rel_code)
                            .arg("other", &other),
                    );
                    None
                }
            };
            d.provisional |= a.provisional && a.made.is_none();
            let Some(base) = base else {
                return;
            };
            let cal = rule.calendar.unwrap_or(CalendarId::Weekends);
            let last = match rule.kind {
                ClockKind::BusinessDays => cal.add_business_days(base, n).ok(),
                _ => base.checked_add_signed(Duration::days(i64::from(n))),
            };
            if rule.kind == ClockKind::BusinessDays && !cal.is_complete() {
                d.provisional = true;
                d.counting_steps
                    .push(Fact::new(FactCode::CalendarIncomplete).arg("calendar", cal.code()));
            }
            if let Some(last) = last {
                let mut f = Fact::new(FactCode::LastDay).arg("date", last);
                if let Some(c) = &rule.counting_cite {
                    f = f.arg("counting_cite", c);
                }
                d.counting_steps.push(f);
                if let Some(due) = end_of_day(tz, last) {
                    d.due = Some(due);
                    d.due_local = Some(fmt_local(due));
                }
            }
        }
    }
}
