//! breachkit's obligations engine.
//!
//! Breach-notification law as data: each regime version is a TOML file in `rules/` — triggers,
//! exemptions, recipients, stages, clocks with their day-counting conventions, content items,
//! citations with sources, effective dates and confidence — embedded at build time. The engine
//! turns an `Incident` ([`breachkit_model::Incident`]) into one [`Obligation`] per entity × regime ×
//! recipient × stage, each with its deadline, filing state, trace and open questions.
//!
//! The engine never reads the clock: "as of" is an input, and the same input gives the same
//! bytes.
//!
//! ```
//! use breachkit_rules::{assess, Status};
//! let incident = breachkit_model::Incident::from_json(include_str!("../../../docs/examples/seiko-2023.json"))?;
//! let as_of = "2023-08-01T03:00:00Z".parse()?;
//! let a = assess(&incident, as_of)?;
//! let final_report = a.get("swc/jp.appi/ppc-final").map(|o| o.status);
//! assert_eq!(final_report, Some(Status::Required));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod assessment;
pub mod calendar;
mod engine;
mod error;
pub mod judgement;
mod ruleset;
mod text;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use breachkit_model::{Cause, DataCategory, Incident, ReportKind, Sector};

pub use assessment::*;
pub use calendar::CalendarId;
pub use error::RulesError;
pub use judgement::{Advisory, Judgement, JudgementRules, Verdict, judge};
pub use ruleset::*;

/// The rule files shipped with breachkit: (file name, text).
pub const BUILTIN_RULE_FILES: &[(&str, &str)] = &[
    (
        "jp-appi-2022.toml",
        include_str!("../rules/jp-appi-2022.toml"),
    ),
    (
        "jp-appi-2024.toml",
        include_str!("../rules/jp-appi-2024.toml"),
    ),
    ("eu-gdpr.toml", include_str!("../rules/eu-gdpr.toml")),
    ("uk-gdpr.toml", include_str!("../rules/uk-gdpr.toml")),
    ("us-hipaa.toml", include_str!("../rules/us-hipaa.toml")),
];

/// The data-class file shipped with breachkit.
pub const BUILTIN_CLASS_FILE: (&str, &str) =
    ("classes.toml", include_str!("../rules/classes.toml"));

/// A set of regimes and data classes the engine evaluates.
#[derive(Clone, Debug)]
pub struct Ruleset {
    pub(crate) regimes: Vec<RegimeFile>,
    pub(crate) classes: BTreeMap<String, DataClass>,
}

fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, RulesError> {
    let value = breachkit_model::toml_value(text).map_err(|e| match e {
        breachkit_model::ModelError::Syntax { line, column, .. } => RulesError::Syntax {
            file: file.to_owned(),
            line,
            column,
        },
        other => RulesError::Invalid {
            file: file.to_owned(),
            path: "/".into(),
            message: other.to_string(),
        },
    })?;
    breachkit_model::from_value(value).map_err(|e| RulesError::Invalid {
        file: file.to_owned(),
        path: e.path().unwrap_or("/").to_owned(),
        message: match e {
            breachkit_model::ModelError::Shape { message, .. } => message,
            other => other.to_string(),
        },
    })
}

impl Ruleset {
    /// An empty ruleset with the built-in data classes.
    ///
    /// # Errors
    /// Only if the built-in class file is broken (a test guards it).
    pub fn with_builtin_classes() -> Result<Ruleset, RulesError> {
        let mut rs = Ruleset {
            regimes: Vec::new(),
            classes: BTreeMap::new(),
        };
        rs.load_classes(BUILTIN_CLASS_FILE.0, BUILTIN_CLASS_FILE.1)?;
        Ok(rs)
    }

    /// The built-in ruleset (parsed once per process).
    ///
    /// # Errors
    /// Only if a built-in rule file is broken (a test guards it).
    pub fn builtin() -> Result<&'static Ruleset, RulesError> {
        static BUILTIN: OnceLock<Result<Ruleset, RulesError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut rs = Ruleset::with_builtin_classes()?;
                for (name, text) in BUILTIN_RULE_FILES {
                    rs.load_regime(name, text)?;
                }
                Ok(rs)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads data classes (adding to or replacing classes with the same id).
    ///
    /// # Errors
    /// [`RulesError`] with the path of the first problem.
    pub fn load_classes(&mut self, file: &str, text: &str) -> Result<(), RulesError> {
        let cf: ClassFile = parse_toml(file, text)?;
        for (i, c) in cf.class.iter().enumerate() {
            let bad = |path: String, message: &str| RulesError::Invalid {
                file: file.to_owned(),
                path,
                message: message.to_owned(),
            };
            for (j, m) in c.members.iter().enumerate() {
                if m.parse::<DataCategory>().is_err() {
                    return Err(bad(
                        format!("/class/{i}/members/{j}"),
                        "not a data category code of the model",
                    ));
                }
            }
            for (j, m) in c.maybe.iter().enumerate() {
                if m.category.parse::<DataCategory>().is_err() {
                    return Err(bad(
                        format!("/class/{i}/maybe/{j}/category"),
                        "not a data category code of the model",
                    ));
                }
            }
        }
        for c in cf.class {
            self.classes.insert(c.id.clone(), c);
        }
        Ok(())
    }

    /// Loads one regime version from a rule file, replacing a loaded version with the same
    /// regime id and `effective_from` (a counsel's reading on top of the built-in one).
    ///
    /// # Errors
    /// [`RulesError`] with the path of the first problem: syntax, shape, an undefined source key,
    /// data class, trigger or code, a clock without its period, a rule without a citation.
    pub fn load_regime(&mut self, file: &str, text: &str) -> Result<(), RulesError> {
        let rf: RegimeFile = parse_toml(file, text)?;
        self.check(file, &rf)?;
        self.regimes.retain(|r| {
            !(r.regime.id == rf.regime.id && r.regime.effective_from == rf.regime.effective_from)
        });
        self.regimes.push(rf);
        self.regimes.sort_by(|a, b| {
            (a.regime.id.as_str(), a.regime.effective_from)
                .cmp(&(b.regime.id.as_str(), b.regime.effective_from))
        });
        Ok(())
    }

    /// The loaded regime versions.
    pub fn regimes(&self) -> &[RegimeFile] {
        &self.regimes
    }

    /// The loaded data classes.
    pub fn classes(&self) -> impl Iterator<Item = &DataClass> {
        self.classes.values()
    }

    /// Assesses an incident as of an instant.
    pub fn assess(&self, incident: &Incident, as_of: DateTime<Utc>) -> Assessment {
        engine::assess_with(self, incident, as_of)
    }

    fn check(&self, file: &str, rf: &RegimeFile) -> Result<(), RulesError> {
        let bad = |path: String, message: String| RulesError::Invalid {
            file: file.to_owned(),
            path,
            message,
        };
        let m = &rf.regime;
        if m.time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(bad(
                "/regime/time_zone".into(),
                "not an IANA time-zone name".into(),
            ));
        }
        if m.effective_to.is_some_and(|t| t < m.effective_from) {
            return Err(bad(
                "/regime/effective_to".into(),
                "ends before effective_from".into(),
            ));
        }
        for (i, c) in m.applies.iter().enumerate() {
            self.check_condition(&c.when, &format!("/regime/applies/{i}/when"), &bad)?;
        }
        if m.sources.is_empty() {
            return Err(bad(
                "/regime/sources".into(),
                "a regime cites at least one source".into(),
            ));
        }
        for (i, src) in m.sources.iter().enumerate() {
            if !src.url.starts_with("https://") || src.title.trim().is_empty() {
                return Err(bad(
                    format!("/regime/sources/{i}"),
                    "a source needs a title and an https URL".into(),
                ));
            }
        }
        let source_keys: Vec<&str> = m.sources.iter().map(|s| s.key.as_str()).collect();
        for (i, o) in rf.obligation.iter().enumerate() {
            let p = format!("/obligation/{i}");
            if rf.obligation[..i].iter().any(|x| x.id == o.id) {
                return Err(bad(
                    format!("{p}/id"),
                    "obligation ids must be unique within a regime".into(),
                ));
            }
            if o.citations.is_empty() {
                return Err(bad(
                    format!("{p}/citations"),
                    "every obligation must cite its article and source".into(),
                ));
            }
            for (j, c) in o.citations.iter().enumerate() {
                if c.article.trim().is_empty() {
                    return Err(bad(
                        format!("{p}/citations/{j}/article"),
                        "a citation names its article".into(),
                    ));
                }
                if !source_keys.contains(&c.source.as_str()) {
                    return Err(bad(
                        format!("{p}/citations/{j}/source"),
                        "not a key of /regime/sources".into(),
                    ));
                }
            }
            if o.roles.is_empty() {
                return Err(bad(
                    format!("{p}/roles"),
                    "at least one role must bear the obligation".into(),
                ));
            }
            if o.recipient.body.is_none()
                && o.recipient.resolve.is_none()
                && o.recipient.name.is_none()
            {
                return Err(bad(
                    format!("{p}/recipient"),
                    "a recipient needs a body, a name or a resolve rule".into(),
                ));
            }
            for (j, k) in o.satisfied_by.iter().enumerate() {
                if k.parse::<ReportKind>().is_err() {
                    return Err(bad(
                        format!("{p}/satisfied_by/{j}"),
                        "not a report kind code of the model".into(),
                    ));
                }
            }
            let mut ids = Vec::new();
            for (list, name) in [
                (&o.requires, "requires"),
                (&o.triggers, "triggers"),
                (&o.exemptions, "exemptions"),
            ] {
                for (j, c) in list.iter().enumerate() {
                    if ids.contains(&c.id.as_str()) {
                        return Err(bad(
                            format!("{p}/{name}/{j}/id"),
                            "clause ids must be unique within an obligation".into(),
                        ));
                    }
                    ids.push(c.id.as_str());
                    self.check_condition(&c.when, &format!("{p}/{name}/{j}/when"), &bad)?;
                }
            }
            let clock = &o.clock;
            match (clock.kind, clock.amount) {
                (ClockKind::None, Some(_)) => {
                    return Err(bad(
                        format!("{p}/clock/amount"),
                        "a clock of kind none has no amount".into(),
                    ));
                }
                (ClockKind::None, None) => {}
                (_, None) => {
                    return Err(bad(
                        format!("{p}/clock/amount"),
                        "this clock kind needs an amount".into(),
                    ));
                }
                (_, Some(0 | 3651..)) => {
                    return Err(bad(
                        format!("{p}/clock/amount"),
                        "the amount must be between 1 and 3650".into(),
                    ));
                }
                _ => {}
            }
            if clock.kind == ClockKind::BusinessDays && clock.calendar.is_none() {
                return Err(bad(
                    format!("{p}/clock/calendar"),
                    "business days need a calendar".into(),
                ));
            }
            for (j, v) in clock.variants.iter().enumerate() {
                if !(1..=3650).contains(&v.amount) {
                    return Err(bad(
                        format!("{p}/clock/variants/{j}/amount"),
                        "the amount must be between 1 and 3650".into(),
                    ));
                }
                if !o.triggers.iter().any(|t| t.id == v.when_trigger) {
                    return Err(bad(
                        format!("{p}/clock/variants/{j}/when_trigger"),
                        "not the id of a trigger of this obligation".into(),
                    ));
                }
            }
            if let Some(g) = &clock.guidance {
                if g.min_days == 0 || g.min_days > g.max_days || g.max_days > 3650 {
                    return Err(bad(
                        format!("{p}/clock/guidance"),
                        "need 1 <= min_days <= max_days".into(),
                    ));
                }
            }
        }
        Ok(())
    }

    fn check_condition(
        &self,
        c: &Condition,
        path: &str,
        bad: &dyn Fn(String, String) -> RulesError,
    ) -> Result<(), RulesError> {
        match c {
            Condition::All(cs) | Condition::Any(cs) => {
                for (i, c) in cs.iter().enumerate() {
                    let key = if matches!(c, Condition::All(_)) {
                        "all"
                    } else {
                        "any"
                    };
                    let _ = key;
                    self.check_condition(c, &format!("{path}/{i}"), bad)?;
                }
                Ok(())
            }
            Condition::Not(c) => self.check_condition(c, &format!("{path}/not"), bad),
            Condition::DataClass(id) if !self.classes.contains_key(id) => Err(bad(
                format!("{path}/data_class"),
                "not a defined data class".into(),
            )),
            Condition::CauseIn(list) => {
                for (i, code) in list.iter().enumerate() {
                    if code.parse::<Cause>().is_err() {
                        return Err(bad(
                            format!("{path}/cause_in/{i}"),
                            "not a cause code of the model".into(),
                        ));
                    }
                }
                Ok(())
            }
            Condition::Sector(code) if code.parse::<Sector>().is_err() => Err(bad(
                format!("{path}/sector"),
                "not a sector code of the model".into(),
            )),
            Condition::EntityCountryIn(list)
            | Condition::EstablishedIn(list)
            | Condition::ResidentsIn(list)
            | Condition::MarketsIn(list) => {
                for (i, code) in list.iter().enumerate() {
                    if code != "@eea" && breachkit_model::CountryCode::try_new(code).is_err() {
                        return Err(bad(
                            format!("{path}/{i}"),
                            "not an ISO 3166-1 alpha-2 code or @eea".into(),
                        ));
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// Assesses an incident with the built-in rules as of an instant. Never reads the clock.
///
/// # Errors
/// Only if a built-in rule file is broken, which the crate's tests rule out.
pub fn assess(incident: &Incident, as_of: DateTime<Utc>) -> Result<Assessment, RulesError> {
    Ok(Ruleset::builtin()?.assess(incident, as_of))
}
