//! Calendars: weekends, Japan's national holidays and administrative closure, US federal holidays,
//! Brazil's national holidays.
//!
//! Holidays are computed from the rules of the statutes that create them, with one-off changes as
//! data, and tested against the published lists (Cabinet Office 国民の祝日 list; OPM federal
//! holiday schedule) in `tests`.

use chrono::{Datelike, NaiveDate, Weekday};

/// The first and last year the holiday rules here cover.
pub const SUPPORTED_YEARS: std::ops::RangeInclusive<i32> = 2007..=2099;

/// Last year whose Japanese equinox days have been officially announced (the National
/// Astronomical Observatory publishes each year's dates in February of the year before; 2027's
/// were announced on 2026-02-02). Later years use the standard astronomical approximation.
pub const JP_EQUINOX_PUBLISHED_THROUGH: i32 = 2027;

/// A calendar of days on which a deadline may not fall ("closed days").
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CalendarId {
    /// Saturdays and Sundays only.
    Weekends,
    /// Japan's administrative calendar: Saturdays, Sundays, national holidays (国民の祝日, incl.
    /// substitute holidays and citizens' holidays) and the year-end closure 29 Dec – 3 Jan
    /// (行政機関の休日に関する法律 Art. 1).
    JpAdmin,
    /// US federal government: Saturdays, Sundays and the federal holidays of 5 U.S.C. 6103, with
    /// the observed-day rule for holidays on a weekend.
    UsFederal,
    /// Brazil's national holidays (Lei 662/1949 as amended by Lei 10.607/2002; Lei 6.802/1980;
    /// Lei 14.759/2023 from 2024) and Good Friday (Paixão de Cristo), which the federal
    /// government lists as a national holiday each year. State and municipal holidays and the
    /// optional days (Carnival, Corpus Christi) are not modelled, so a deadline on this calendar
    /// is provisional.
    BrNational,
}

/// The calendar's answer for one day.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DayKind {
    /// An ordinary working day.
    Open,
    /// Saturday or Sunday.
    Weekend,
    /// A holiday of the calendar.
    Holiday(&'static str),
    /// An administrative closure (Japan's year-end days).
    Closure(&'static str),
}

/// Errors of calendar arithmetic.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The year is outside [`SUPPORTED_YEARS`].
    #[error("calendar year outside the supported range {}..={}", SUPPORTED_YEARS.start(), SUPPORTED_YEARS.end())]
    OutOfRange,
}

fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    nth_weekday(year, month, weekday, 5).or_else(|| nth_weekday(year, month, weekday, 4))
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Day of the vernal equinox in March (Japan time), by the standard approximation valid for
/// 1980–2099; it matches every announced date of that range.
fn vernal_equinox_day(year: i32) -> u32 {
    let y = f64::from(year.saturating_sub(1980));
    (20.8431 + 0.242194 * y - (y / 4.0).floor()) as u32
}

/// Day of the autumnal equinox in September (Japan time), same approximation.
fn autumnal_equinox_day(year: i32) -> u32 {
    let y = f64::from(year.saturating_sub(1980));
    (23.2488 + 0.242194 * y - (y / 4.0).floor()) as u32
}

/// The holidays fixed by the Act on National Holidays (国民の祝日に関する法律) Art. 2 for a year,
/// before substitute and citizens' holidays are added.
fn jp_base_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut v: Vec<(Option<NaiveDate>, &'static str)> = vec![
        (ymd(year, 1, 1), "元日 New Year's Day"),
        (
            nth_weekday(year, 1, Weekday::Mon, 2),
            "成人の日 Coming of Age Day",
        ),
        (ymd(year, 2, 11), "建国記念の日 National Foundation Day"),
        (
            ymd(year, 3, vernal_equinox_day(year)),
            "春分の日 Vernal Equinox Day",
        ),
        (
            ymd(year, 4, 29),
            if year >= 2007 {
                "昭和の日 Showa Day"
            } else {
                "みどりの日 Greenery Day"
            },
        ),
        (ymd(year, 5, 3), "憲法記念日 Constitution Memorial Day"),
        (ymd(year, 5, 4), "みどりの日 Greenery Day"),
        (ymd(year, 5, 5), "こどもの日 Children's Day"),
        (
            nth_weekday(year, 9, Weekday::Mon, 3),
            "敬老の日 Respect for the Aged Day",
        ),
        (
            ymd(year, 9, autumnal_equinox_day(year)),
            "秋分の日 Autumnal Equinox Day",
        ),
        (ymd(year, 11, 3), "文化の日 Culture Day"),
        (ymd(year, 11, 23), "勤労感謝の日 Labour Thanksgiving Day"),
    ];
    // Emperor's Birthday: 23 Dec until 2018; none in 2019; 23 Feb from 2020.
    if year <= 2018 {
        v.push((ymd(year, 12, 23), "天皇誕生日 Emperor's Birthday"));
    } else if year >= 2020 {
        v.push((ymd(year, 2, 23), "天皇誕生日 Emperor's Birthday"));
    }
    // Marine Day, Sports Day and Mountain Day, with the Olympic moves of 2020 and 2021
    // (Act No. 68 of 2018 and Act No. 68 of 2020, special measures for the Tokyo Games).
    match year {
        2020 => {
            v.push((ymd(2020, 7, 23), "海の日 Marine Day"));
            v.push((ymd(2020, 7, 24), "スポーツの日 Sports Day"));
            v.push((ymd(2020, 8, 10), "山の日 Mountain Day"));
        }
        2021 => {
            v.push((ymd(2021, 7, 22), "海の日 Marine Day"));
            v.push((ymd(2021, 7, 23), "スポーツの日 Sports Day"));
            v.push((ymd(2021, 8, 8), "山の日 Mountain Day"));
        }
        _ => {
            v.push((nth_weekday(year, 7, Weekday::Mon, 3), "海の日 Marine Day"));
            v.push((
                nth_weekday(year, 10, Weekday::Mon, 2),
                if year >= 2020 {
                    "スポーツの日 Sports Day"
                } else {
                    "体育の日 Health and Sports Day"
                },
            ));
            if year >= 2016 {
                v.push((ymd(year, 8, 11), "山の日 Mountain Day"));
            }
        }
    }
    // 2019: the enthronement (Act No. 99 of 2018): 1 May and 22 Oct were holidays.
    if year == 2019 {
        v.push((ymd(2019, 5, 1), "即位の日 Enthronement Day"));
        v.push((
            ymd(2019, 10, 22),
            "即位礼正殿の儀の行われる日 Enthronement Ceremony",
        ));
    }
    let mut out: Vec<(NaiveDate, &'static str)> = v
        .into_iter()
        .filter_map(|(d, n)| d.map(|d| (d, n)))
        .collect();
    out.sort();
    out
}

/// Japan's national holidays for a year, including substitute holidays (振替休日, Art. 3(2)) and
/// citizens' holidays (国民の休日, Art. 3(3)), sorted by date.
///
/// # Errors
/// [`CalendarError::OutOfRange`] outside [`SUPPORTED_YEARS`].
pub fn jp_national_holidays(year: i32) -> Result<Vec<(NaiveDate, &'static str)>, CalendarError> {
    if !SUPPORTED_YEARS.contains(&year) {
        return Err(CalendarError::OutOfRange);
    }
    let base = jp_base_holidays(year);
    let is_base = |d: NaiveDate| base.iter().any(|(h, _)| *h == d);
    let mut out = base.clone();
    // Art. 3(2): a holiday on a Sunday makes the nearest following non-holiday a holiday.
    for (d, _) in &base {
        if d.weekday() == Weekday::Sun {
            let mut next = d.succ_opt();
            while let Some(n) = next {
                if !is_base(n) {
                    out.push((n, "振替休日 Substitute Holiday"));
                    break;
                }
                next = n.succ_opt();
            }
        }
    }
    // Art. 3(3): a day between two holidays (that is not itself a holiday) is a holiday.
    for w in base.windows(2) {
        let [(a, _), (b, _)] = w else {
            continue;
        };
        if let Some(mid) = a.succ_opt() {
            if mid.succ_opt() == Some(*b) && !is_base(mid) && mid.weekday() != Weekday::Sun {
                out.push((mid, "国民の休日 Citizens' Holiday"));
            }
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    Ok(out)
}

/// US federal holidays (5 U.S.C. 6103(a)) for a year, on their observed days (a Saturday holiday
/// is observed the Friday before, a Sunday holiday the Monday after: 5 U.S.C. 6103(b) and
/// Executive Order 11582).
///
/// # Errors
/// [`CalendarError::OutOfRange`] outside [`SUPPORTED_YEARS`].
pub fn us_federal_holidays(year: i32) -> Result<Vec<(NaiveDate, &'static str)>, CalendarError> {
    if !SUPPORTED_YEARS.contains(&year) {
        return Err(CalendarError::OutOfRange);
    }
    let observed = |d: Option<NaiveDate>| {
        d.map(|d| match d.weekday() {
            Weekday::Sat => d.pred_opt().unwrap_or(d),
            Weekday::Sun => d.succ_opt().unwrap_or(d),
            _ => d,
        })
    };
    let mut v = vec![
        (observed(ymd(year, 1, 1)), "New Year's Day"),
        (
            nth_weekday(year, 1, Weekday::Mon, 3),
            "Birthday of Martin Luther King, Jr.",
        ),
        (
            nth_weekday(year, 2, Weekday::Mon, 3),
            "Washington's Birthday",
        ),
        (last_weekday(year, 5, Weekday::Mon), "Memorial Day"),
        (observed(ymd(year, 7, 4)), "Independence Day"),
        (nth_weekday(year, 9, Weekday::Mon, 1), "Labor Day"),
        (nth_weekday(year, 10, Weekday::Mon, 2), "Columbus Day"),
        (observed(ymd(year, 11, 11)), "Veterans Day"),
        (nth_weekday(year, 11, Weekday::Thu, 4), "Thanksgiving Day"),
        (observed(ymd(year, 12, 25)), "Christmas Day"),
    ];
    // Juneteenth National Independence Day Act (Pub. L. 117-17), from 2021.
    if year >= 2021 {
        v.push((
            observed(ymd(year, 6, 19)),
            "Juneteenth National Independence Day",
        ));
    }
    let mut out: Vec<_> = v
        .into_iter()
        .filter_map(|(d, n)| d.map(|d| (d, n)))
        .filter(|(d, _)| d.year() == year)
        .collect();
    // New Year's Day of the next year falling on a Saturday is observed on 31 Dec of this year.
    if ymd(year.saturating_add(1), 1, 1).is_some_and(|d| d.weekday() == Weekday::Sat) {
        if let Some(d) = ymd(year, 12, 31) {
            out.push((d, "New Year's Day (observed)"));
        }
    }
    out.sort();
    Ok(out)
}

/// Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
// Only called for SUPPORTED_YEARS (checked by the caller): every intermediate is a small
// non-negative number, far from i32's limits, and the divisors are constants.
#[allow(clippy::arithmetic_side_effects)]
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Brazil's national holidays for a year, sorted by date.
///
/// # Errors
/// [`CalendarError::OutOfRange`] outside [`SUPPORTED_YEARS`].
pub fn br_national_holidays(year: i32) -> Result<Vec<(NaiveDate, &'static str)>, CalendarError> {
    if !SUPPORTED_YEARS.contains(&year) {
        return Err(CalendarError::OutOfRange);
    }
    let good_friday = easter_sunday(year).and_then(|e| e.checked_sub_days(chrono::Days::new(2)));
    let mut v = vec![
        (ymd(year, 1, 1), "Confraternização Universal"),
        (good_friday, "Paixão de Cristo (Sexta-feira Santa)"),
        (ymd(year, 4, 21), "Tiradentes"),
        (ymd(year, 5, 1), "Dia do Trabalho"),
        (ymd(year, 9, 7), "Independência do Brasil"),
        (ymd(year, 10, 12), "Nossa Senhora Aparecida"),
        (ymd(year, 11, 2), "Finados"),
        (ymd(year, 11, 15), "Proclamação da República"),
        (ymd(year, 12, 25), "Natal"),
    ];
    if year >= 2024 {
        v.push((
            ymd(year, 11, 20),
            "Dia Nacional de Zumbi e da Consciência Negra",
        ));
    }
    let mut out: Vec<_> = v
        .into_iter()
        .filter_map(|(d, n)| d.map(|d| (d, n)))
        .collect();
    out.sort();
    Ok(out)
}

type Holidays = Vec<(NaiveDate, &'static str)>;
type HolidayTable = Vec<Holidays>;

/// Holidays of every supported year, computed once per process.
fn cached(which: CalendarId, year: i32) -> &'static [(NaiveDate, &'static str)] {
    static JP: std::sync::OnceLock<HolidayTable> = std::sync::OnceLock::new();
    static US: std::sync::OnceLock<HolidayTable> = std::sync::OnceLock::new();
    static BR: std::sync::OnceLock<HolidayTable> = std::sync::OnceLock::new();
    let build = |f: fn(i32) -> Result<Holidays, CalendarError>| {
        SUPPORTED_YEARS
            .map(|y| f(y).unwrap_or_default())
            .collect::<HolidayTable>()
    };
    let table = match which {
        CalendarId::JpAdmin => JP.get_or_init(|| build(jp_national_holidays)),
        CalendarId::UsFederal => US.get_or_init(|| build(us_federal_holidays)),
        CalendarId::BrNational => BR.get_or_init(|| build(br_national_holidays)),
        CalendarId::Weekends => return &[],
    };
    usize::try_from(year.saturating_sub(*SUPPORTED_YEARS.start()))
        .ok()
        .and_then(|i| table.get(i))
        .map_or(&[], Vec::as_slice)
}

impl CalendarId {
    /// What kind of day `date` is in this calendar.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] outside [`SUPPORTED_YEARS`].
    pub fn day_kind(self, date: NaiveDate) -> Result<DayKind, CalendarError> {
        if !SUPPORTED_YEARS.contains(&date.year()) {
            return Err(CalendarError::OutOfRange);
        }
        match self {
            CalendarId::Weekends => {}
            CalendarId::JpAdmin => {
                if let Some((_, n)) = cached(self, date.year()).iter().find(|(d, _)| *d == date) {
                    return Ok(DayKind::Holiday(n));
                }
                let (m, d) = (date.month(), date.day());
                if (m == 12 && d >= 29) || (m == 1 && d <= 3) {
                    return Ok(DayKind::Closure(
                        "年末年始 year-end closure (29 Dec – 3 Jan)",
                    ));
                }
            }
            CalendarId::UsFederal | CalendarId::BrNational => {
                if let Some((_, n)) = cached(self, date.year()).iter().find(|(d, _)| *d == date) {
                    return Ok(DayKind::Holiday(n));
                }
            }
        }
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Ok(DayKind::Weekend);
        }
        Ok(DayKind::Open)
    }

    /// True when `date` is an open (working) day.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] outside [`SUPPORTED_YEARS`].
    pub fn is_open(self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.day_kind(date)? == DayKind::Open)
    }

    /// The first open day on or after `date`, with the closed days skipped and why.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] when the search leaves [`SUPPORTED_YEARS`].
    pub fn roll_forward(
        self,
        date: NaiveDate,
    ) -> Result<(NaiveDate, Vec<(NaiveDate, DayKind)>), CalendarError> {
        let mut d = date;
        let mut skipped = Vec::new();
        loop {
            let k = self.day_kind(d)?;
            if k == DayKind::Open {
                return Ok((d, skipped));
            }
            skipped.push((d, k));
            d = d.succ_opt().ok_or(CalendarError::OutOfRange)?;
        }
    }

    /// `date` plus `n` open days (the day itself not counted).
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] when the count leaves [`SUPPORTED_YEARS`].
    pub fn add_business_days(self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().ok_or(CalendarError::OutOfRange)?;
            if self.is_open(d)? {
                left = left.saturating_sub(1);
            }
        }
        Ok(d)
    }

    /// Whether every closed day of the jurisdiction is modelled. Brazil's national calendar leaves
    /// out state and municipal holidays, so a deadline counted on it is provisional.
    pub fn is_complete(self) -> bool {
        !matches!(self, CalendarId::BrNational)
    }

    /// The calendar's identifier in rule files.
    pub fn code(self) -> &'static str {
        match self {
            CalendarId::Weekends => "weekends",
            CalendarId::JpAdmin => "jp-admin",
            CalendarId::UsFederal => "us-federal",
            CalendarId::BrNational => "br-national",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brazil's national holidays as published for 2024 (federal government list reported by
    /// O Liberal and PTN News, December 2023: ten national holidays including Good Friday
    /// 29 March and, for the first time, 20 November) and 2025 (November holidays as listed by
    /// Gazeta Digital: 2, 15 and 20 November). Carnival (12–13 Feb 2024) and Corpus Christi
    /// (30 May 2024) are optional days, not holidays.
    #[test]
    fn brazil_matches_published_lists() {
        let got = br_national_holidays(2024).unwrap_or_default();
        assert_eq!(
            dates(&got),
            [
                "01-01", "03-29", "04-21", "05-01", "09-07", "10-12", "11-02", "11-15", "11-20",
                "12-25"
            ]
        );
        let got = br_national_holidays(2025).unwrap_or_default();
        assert!(
            ["04-18", "11-02", "11-15", "11-20"]
                .iter()
                .all(|d| dates(&got).contains(&(*d).to_owned()))
        );
        // Before Lei 14.759/2023 took effect, 20 November was not a national holiday.
        assert!(
            !dates(&br_national_holidays(2023).unwrap_or_default()).contains(&"11-20".to_owned())
        );
        let cal = CalendarId::BrNational;
        let carnival = NaiveDate::from_ymd_opt(2024, 2, 13);
        assert_eq!(carnival.map(|d| cal.is_open(d)), Some(Ok(true)));
        // Easter dates from the published tables: 2024-03-31, 2025-04-20, 2026-04-05.
        assert_eq!(easter_sunday(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(easter_sunday(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
        assert_eq!(easter_sunday(2026), NaiveDate::from_ymd_opt(2026, 4, 5));
    }

    fn dates(list: &[(NaiveDate, &str)]) -> Vec<String> {
        list.iter()
            .map(|(d, _)| d.format("%m-%d").to_string())
            .collect()
    }

    /// Published lists of the Cabinet Office (内閣府「国民の祝日について」, syukujitsu.csv);
    /// 2027 as announced on 2026-02-02 (docs/research/2026-11-verification.md, item 13).
    #[test]
    fn japan_matches_published_lists() {
        let published: &[(i32, &[&str])] = &[
            (
                2019,
                &[
                    "01-01", "01-14", "02-11", "03-21", "04-29", "04-30", "05-01", "05-02",
                    "05-03", "05-04", "05-05", "05-06", "07-15", "08-11", "08-12", "09-16",
                    "09-23", "10-14", "10-22", "11-03", "11-04", "11-23",
                ],
            ),
            (
                2020,
                &[
                    "01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03",
                    "05-04", "05-05", "05-06", "07-23", "07-24", "08-10", "09-21", "09-22",
                    "11-03", "11-23",
                ],
            ),
            (
                2021,
                &[
                    "01-01", "01-11", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04",
                    "05-05", "07-22", "07-23", "08-08", "08-09", "09-20", "09-23", "11-03",
                    "11-23",
                ],
            ),
            (
                2023,
                &[
                    "01-01", "01-02", "01-09", "02-11", "02-23", "03-21", "04-29", "05-03",
                    "05-04", "05-05", "07-17", "08-11", "09-18", "09-23", "10-09", "11-03",
                    "11-23",
                ],
            ),
            (
                2024,
                &[
                    "01-01", "01-08", "02-11", "02-12", "02-23", "03-20", "04-29", "05-03",
                    "05-04", "05-05", "05-06", "07-15", "08-11", "08-12", "09-16", "09-22",
                    "09-23", "10-14", "11-03", "11-04", "11-23",
                ],
            ),
            (
                2025,
                &[
                    "01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03",
                    "05-04", "05-05", "05-06", "07-21", "08-11", "09-15", "09-23", "10-13",
                    "11-03", "11-23", "11-24",
                ],
            ),
            (
                2026,
                &[
                    "01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04",
                    "05-05", "05-06", "07-20", "08-11", "09-21", "09-22", "09-23", "10-12",
                    "11-03", "11-23",
                ],
            ),
            (
                2027,
                &[
                    "01-01", "01-11", "02-11", "02-23", "03-21", "03-22", "04-29", "05-03",
                    "05-04", "05-05", "07-19", "08-11", "09-20", "09-23", "10-11", "11-03",
                    "11-23",
                ],
            ),
        ];
        for (year, want) in published {
            let got = jp_national_holidays(*year).unwrap_or_default();
            assert_eq!(dates(&got), *want, "year {year}");
        }
    }

    /// OPM federal holiday schedules for 2023–2026.
    #[test]
    fn us_matches_opm_schedules() {
        let published: &[(i32, &[&str])] = &[
            (
                2023,
                &[
                    "01-02", "01-16", "02-20", "05-29", "06-19", "07-04", "09-04", "10-09",
                    "11-10", "11-23", "12-25",
                ],
            ),
            (
                2024,
                &[
                    "01-01", "01-15", "02-19", "05-27", "06-19", "07-04", "09-02", "10-14",
                    "11-11", "11-28", "12-25",
                ],
            ),
            (
                2025,
                &[
                    "01-01", "01-20", "02-17", "05-26", "06-19", "07-04", "09-01", "10-13",
                    "11-11", "11-27", "12-25",
                ],
            ),
            (
                2026,
                &[
                    "01-01", "01-19", "02-16", "05-25", "06-19", "07-03", "09-07", "10-12",
                    "11-11", "11-26", "12-25",
                ],
            ),
            (
                2021,
                &[
                    "01-01", "01-18", "02-15", "05-31", "06-18", "07-05", "09-06", "10-11",
                    "11-11", "11-25", "12-24", "12-31",
                ],
            ),
        ];
        for (year, want) in published {
            let got = us_federal_holidays(*year).unwrap_or_default();
            assert_eq!(dates(&got), *want, "year {year}");
        }
    }

    #[test]
    fn jp_admin_closure_and_roll_forward() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        let cal = CalendarId::JpAdmin;
        assert_eq!(
            cal.day_kind(d(2023, 12, 29)),
            Ok(DayKind::Closure(
                "年末年始 year-end closure (29 Dec – 3 Jan)"
            ))
        );
        // 2023-12-29 (Fri) rolls over the closure and the weekend to Thu 2024-01-04.
        assert_eq!(
            cal.roll_forward(d(2023, 12, 29)).map(|r| r.0),
            Ok(d(2024, 1, 4))
        );
        // Golden Week 2025: Sat 3 May → Wed 7 May.
        assert_eq!(
            cal.roll_forward(d(2025, 5, 3)).map(|r| r.0),
            Ok(d(2025, 5, 7))
        );
        // Silver Week 2026: Sat 19 Sep → Thu 24 Sep.
        assert_eq!(
            cal.roll_forward(d(2026, 9, 19)).map(|r| r.0),
            Ok(d(2026, 9, 24))
        );
        assert_eq!(cal.add_business_days(d(2026, 9, 18), 1), Ok(d(2026, 9, 24)));
        assert!(cal.day_kind(d(2100, 1, 1)).is_err());
    }

    #[test]
    fn every_supported_year_is_sane() {
        for y in SUPPORTED_YEARS {
            let h = jp_national_holidays(y).unwrap_or_default();
            assert!((15..=22).contains(&h.len()), "{y}: {}", h.len());
            assert!(h.iter().all(|(d, _)| d.year() == y));
            let u = us_federal_holidays(y).unwrap_or_default();
            assert!((9..=12).contains(&u.len()), "{y}");
        }
    }
}
