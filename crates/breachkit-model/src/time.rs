//! Times whose precision may be partial, and time-zone names.
//!
//! Incident facts are often known only to the day or the month ("on July 28, 2023"; "in August").
//! A [`PartialTime`] keeps exactly what is known. To turn it into instants it needs a time zone,
//! which comes from the time itself (an offset), the event, or the incident.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::error::{ModelError, safe_message};

/// An IANA time-zone name known to the bundled tz database (`Asia/Tokyo`, `Europe/Berlin`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct TimeZoneName(chrono_tz::Tz);

impl TimeZoneName {
    /// Checks and wraps a zone name.
    ///
    /// # Errors
    /// [`ModelError::InvalidTimeZone`] when the name is not in the tz database.
    pub fn try_new(s: &str) -> Result<Self, ModelError> {
        s.parse::<chrono_tz::Tz>()
            .map(TimeZoneName)
            .map_err(|_| ModelError::InvalidTimeZone)
    }
    /// The zone.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.0
    }
    /// The zone name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

impl From<chrono_tz::Tz> for TimeZoneName {
    fn from(tz: chrono_tz::Tz) -> Self {
        TimeZoneName(tz)
    }
}

impl std::fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name())
    }
}

impl serde::Serialize for TimeZoneName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name())
    }
}

impl<'de> serde::Deserialize<'de> for TimeZoneName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        TimeZoneName::try_new(&s).map_err(|e| serde::de::Error::custom(safe_message(&e)))
    }
}

impl schemars::JsonSchema for TimeZoneName {
    fn schema_name() -> Cow<'static, str> {
        "TimeZoneName".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "description": "IANA time-zone name" })
    }
}

/// How precisely a [`PartialTime`] is known.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// A calendar day.
    Day,
    /// Day, hour and minute.
    Minute,
    /// Down to the second.
    Second,
}

/// A time known to year, month, day, minute or second precision, with an optional UTC offset.
///
/// Wire form (a string): `2023`, `2023-07`, `2023-07-28`, `2023-07-28T09:30`,
/// `2023-07-28T09:30:15`, each time form optionally followed by `Z` or `+09:00`. A time without an
/// offset, and every date, is read in the zone of its event or incident.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct PartialTime {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    hms: Option<(u32, u32, Option<u32>)>,
    offset_seconds: Option<i32>,
}

/// The earliest and latest instants a partial time can stand for (both inclusive).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct InstantRange {
    /// The first instant the time can mean.
    pub earliest: DateTime<Utc>,
    /// The last instant the time can mean (end of the day, month or year; inclusive).
    pub latest: DateTime<Utc>,
}

const RULE_FORM: &str =
    "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with optional Z or +HH:MM";

fn num(s: &str, len: usize) -> Result<u32, ModelError> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse()
            .map_err(|_| ModelError::InvalidTime { rule: RULE_FORM })
    } else {
        Err(ModelError::InvalidTime { rule: RULE_FORM })
    }
}

impl PartialTime {
    /// A time known to the day.
    ///
    /// # Errors
    /// [`ModelError::InvalidTime`] when the date does not exist.
    pub fn date(year: i32, month: u32, day: u32) -> Result<Self, ModelError> {
        let t = PartialTime {
            year,
            month: Some(month),
            day: Some(day),
            hms: None,
            offset_seconds: None,
        };
        t.check()?;
        Ok(t)
    }

    /// An exact instant (second precision, UTC).
    pub fn instant(at: DateTime<Utc>) -> Self {
        PartialTime {
            year: at.year(),
            month: Some(at.month()),
            day: Some(at.day()),
            hms: Some((
                chrono::Timelike::hour(&at),
                chrono::Timelike::minute(&at),
                Some(chrono::Timelike::second(&at)),
            )),
            offset_seconds: Some(0),
        }
    }

    fn check(&self) -> Result<(), ModelError> {
        if !(1900..=2200).contains(&self.year) {
            return Err(ModelError::InvalidTime {
                rule: "year must be between 1900 and 2200",
            });
        }
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return Err(ModelError::InvalidTime {
                    rule: "month must be 01 to 12",
                });
            }
        }
        if let (Some(m), Some(d)) = (self.month, self.day) {
            if NaiveDate::from_ymd_opt(self.year, m, d).is_none() {
                return Err(ModelError::InvalidTime {
                    rule: "not a real calendar date",
                });
            }
        }
        if let Some((h, mi, s)) = self.hms {
            if h > 23 || mi > 59 || s.is_some_and(|s| s > 59) {
                return Err(ModelError::InvalidTime {
                    rule: "not a real time of day",
                });
            }
        }
        if let Some(o) = self.offset_seconds {
            if o.abs() > 18 * 3600 {
                return Err(ModelError::InvalidTime {
                    rule: "UTC offset out of range",
                });
            }
        }
        Ok(())
    }

    /// How precisely the time is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day, self.hms) {
            (None, _, _) => Precision::Year,
            (Some(_), None, _) => Precision::Month,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), Some(_), Some((_, _, None))) => Precision::Minute,
            (Some(_), Some(_), Some((_, _, Some(_)))) => Precision::Second,
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month (1–12), when known.
    pub fn month(&self) -> Option<u32> {
        self.month
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    /// The time of day as (hour, minute, second if written), when known.
    pub fn time_of_day(&self) -> Option<(u32, u32, Option<u32>)> {
        self.hms
    }

    /// The calendar date as written: the first day of the month or year when only those are
    /// known (no zone is applied; see [`PartialTime::civil_date_in`] for a date in a zone).
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The UTC offset written with the time, if any.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset_seconds.and_then(FixedOffset::east_opt)
    }

    /// True when turning this time into instants needs a time zone from its context.
    pub fn needs_zone(&self) -> bool {
        self.offset_seconds.is_none()
    }

    fn local_bounds(&self) -> (NaiveDateTime, NaiveDateTime) {
        let first = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        let start_of = |d: NaiveDate| d.and_time(NaiveTime::MIN);
        let end_of = |d: NaiveDate| {
            d.and_hms_opt(23, 59, 59)
                .unwrap_or_else(|| d.and_time(NaiveTime::MIN))
        };
        match (self.month, self.day, self.hms) {
            (None, _, _) => (
                start_of(first(self.year, 1, 1)),
                end_of(first(self.year, 12, 31)),
            ),
            (Some(m), None, _) => {
                let start = first(self.year, m, 1);
                // Years are checked to 1900..=2200 on reading, so these cannot overflow.
                let next = if m == 12 {
                    first(self.year.saturating_add(1), 1, 1)
                } else {
                    first(self.year, m.saturating_add(1), 1)
                };
                (start_of(start), end_of(next.pred_opt().unwrap_or(start)))
            }
            (Some(m), Some(d), None) => {
                let day = first(self.year, m, d);
                (start_of(day), end_of(day))
            }
            (Some(m), Some(d), Some((h, mi, s))) => {
                let day = first(self.year, m, d);
                let t0 = day
                    .and_hms_opt(h, mi, s.unwrap_or(0))
                    .unwrap_or_else(|| start_of(day));
                let t1 = day
                    .and_hms_opt(h, mi, s.unwrap_or(59))
                    .unwrap_or_else(|| start_of(day));
                (t0, t1)
            }
        }
    }

    /// The range of instants this time stands for, reading it in `zone` when it has no offset.
    ///
    /// Returns `None` when the time has no offset and no zone is given.
    pub fn resolve(&self, zone: Option<chrono_tz::Tz>) -> Option<InstantRange> {
        let (lo, hi) = self.local_bounds();
        if let Some(off) = self.offset() {
            let e = off.from_local_datetime(&lo).single()?.with_timezone(&Utc);
            let l = off.from_local_datetime(&hi).single()?.with_timezone(&Utc);
            return Some(InstantRange {
                earliest: e,
                latest: l,
            });
        }
        let tz = zone?;
        // In a DST gap or fold take the earliest mapping for the start and the latest for the end.
        let e = tz.from_local_datetime(&lo).earliest()?.with_timezone(&Utc);
        let l = tz.from_local_datetime(&hi).latest()?.with_timezone(&Utc);
        Some(InstantRange {
            earliest: e,
            latest: l,
        })
    }

    /// The civil date of this time in `zone`, if the time is known to the day or better.
    ///
    /// A date without a time is its own civil date; a time with an offset is converted to `zone`.
    pub fn civil_date_in(&self, zone: chrono_tz::Tz) -> Option<NaiveDate> {
        match self.precision() {
            Precision::Year | Precision::Month => None,
            Precision::Day => NaiveDate::from_ymd_opt(self.year, self.month?, self.day?),
            Precision::Minute | Precision::Second => {
                if self.offset_seconds.is_some() {
                    Some(
                        self.resolve(None)?
                            .earliest
                            .with_timezone(&zone)
                            .date_naive(),
                    )
                } else {
                    NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
                }
            }
        }
    }
}

impl std::str::FromStr for PartialTime {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, ModelError> {
        let bad = || ModelError::InvalidTime { rule: RULE_FORM };
        if !s.is_ascii() || s.len() > 32 {
            return Err(bad());
        }
        let (date, time) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let parts: Vec<&str> = date.split('-').collect();
        let mut t = PartialTime {
            year: 0,
            month: None,
            day: None,
            hms: None,
            offset_seconds: None,
        };
        match parts.as_slice() {
            [y] => t.year = num(y, 4)? as i32,
            [y, m] => {
                t.year = num(y, 4)? as i32;
                t.month = Some(num(m, 2)?);
            }
            [y, m, d] => {
                t.year = num(y, 4)? as i32;
                t.month = Some(num(m, 2)?);
                t.day = Some(num(d, 2)?);
            }
            _ => return Err(bad()),
        }
        if let Some(time) = time {
            if t.day.is_none() {
                return Err(bad());
            }
            let (clock, offset) = if let Some(c) = time.strip_suffix('Z') {
                (c, Some(0))
            } else if let Some(i) = time.rfind(['+', '-']) {
                let (c, o) = time.split_at(i);
                let sign = if o.starts_with('-') { -1 } else { 1 };
                let (oh, om) = o
                    .get(1..)
                    .unwrap_or_default()
                    .split_once(':')
                    .ok_or_else(bad)?;
                // Two digits each: at most 99 * 3600 + 99 * 60, far inside i32.
                let secs = num(oh, 2)?
                    .saturating_mul(3600)
                    .saturating_add(num(om, 2)?.saturating_mul(60));
                let secs = i32::try_from(secs).map_err(|_| bad())?;
                (c, Some(secs.saturating_mul(sign)))
            } else {
                (time, None)
            };
            let hms: Vec<&str> = clock.split(':').collect();
            t.hms = Some(match hms.as_slice() {
                [h, m] => (num(h, 2)?, num(m, 2)?, None),
                [h, m, s] => (num(h, 2)?, num(m, 2)?, Some(num(s, 2)?)),
                _ => return Err(bad()),
            });
            t.offset_seconds = offset;
        }
        t.check()?;
        Ok(t)
    }
}

impl std::fmt::Display for PartialTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if let Some((h, mi, s)) = self.hms {
            write!(f, "T{h:02}:{mi:02}")?;
            if let Some(s) = s {
                write!(f, ":{s:02}")?;
            }
            match self.offset_seconds {
                Some(0) => f.write_str("Z")?,
                Some(o) => {
                    let sign = if o < 0 { '-' } else { '+' };
                    let a = o.abs();
                    write!(f, "{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)?;
                }
                None => {}
            }
        }
        Ok(())
    }
}

impl serde::Serialize for PartialTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        s.parse()
            .map_err(|e: ModelError| serde::de::Error::custom(safe_message(&e)))
    }
}

impl schemars::JsonSchema for PartialTime {
    fn schema_name() -> Cow<'static, str> {
        "PartialTime".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A time known to year, month, day, minute or second precision",
            "pattern": "^\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})?)?)?)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PartialTime {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_every_precision() {
        assert_eq!(p("2023").precision(), Precision::Year);
        assert_eq!(p("2023-07").precision(), Precision::Month);
        assert_eq!(p("2023-07-28").precision(), Precision::Day);
        assert_eq!(p("2023-07-28T09:30").precision(), Precision::Minute);
        assert_eq!(
            p("2023-07-28T09:30:15+09:00").precision(),
            Precision::Second
        );
        for s in [
            "2023",
            "2023-07",
            "2023-07-28",
            "2023-07-28T09:30",
            "2023-07-28T09:30Z",
            "2023-07-28T09:30:15-05:30",
        ] {
            assert_eq!(p(s).to_string(), s);
        }
    }

    #[test]
    fn rejects_bad_forms() {
        for s in [
            "",
            "23",
            "2023-7",
            "2023-02-30",
            "2023-07-28T24:00",
            "2023-07T10:00",
            "Jane Doe",
            "2023-07-28T09:30+9",
            "2023-13",
        ] {
            assert!(s.parse::<PartialTime>().is_err(), "{s}");
        }
    }

    #[test]
    fn resolves_in_zone() {
        let tokyo = chrono_tz::Asia::Tokyo;
        let r = p("2023-07-28")
            .resolve(Some(tokyo))
            .unwrap_or_else(|| unreachable!());
        assert_eq!(r.earliest.to_rfc3339(), "2023-07-27T15:00:00+00:00");
        assert_eq!(r.latest.to_rfc3339(), "2023-07-28T14:59:59+00:00");
        assert!(p("2023-07-28").resolve(None).is_none());
        let r = p("2024-02")
            .resolve(Some(chrono_tz::UTC))
            .unwrap_or_else(|| unreachable!());
        assert_eq!(r.latest.to_rfc3339(), "2024-02-29T23:59:59+00:00");
        assert_eq!(
            p("2023-07-28T23:30Z").civil_date_in(tokyo),
            NaiveDate::from_ymd_opt(2023, 7, 29)
        );
    }
}
