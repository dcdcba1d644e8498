//! Loading rule and class files into a [`Ruleset`]: the built-in files and a counsel's own.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use breachkit_model::{DataCategory, Incident};

use crate::assessment::Assessment;
use crate::error::{RulesError, RulesWarning};
use crate::ruleset::*;

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
    pub(crate) warnings: Vec<RulesWarning>,
}

fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, RulesError> {
    let value = breachkit_model::toml_value_of_rules(text).map_err(|e| match e {
        breachkit_model::ModelError::Syntax { line, column, .. } => RulesError::Syntax {
            file: file.to_owned(),
            line,
            column,
        },
        other => RulesError::Invalid {
            file: file.to_owned(),
            path: other.path().unwrap_or("/").to_owned(),
            message: other.rule(),
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
            warnings: Vec::new(),
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
                for r in &mut rs.regimes {
                    r.origin.builtin = true;
                }
                // Successive built-in versions of a regime are meant to shadow each other.
                rs.warnings.clear();
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
    ///
    /// The replaced file is recorded in the new version's [`Origin`], and the assessment lists
    /// every version used that is not built in. A version that replaces one in force with a
    /// proposed one is an error (the regime would silently disappear); a version that a later
    /// loaded version shadows from some date on gives a warning ([`Ruleset::warnings`]).
    pub fn load_regime(&mut self, file: &str, text: &str) -> Result<(), RulesError> {
        let mut rf: RegimeFile = parse_toml(file, text)?;
        self.check(file, &rf)?;
        rf.origin = Origin {
            file: file.to_owned(),
            builtin: false,
            replaces: None,
        };
        let same = |r: &RegimeFile| {
            r.regime.id == rf.regime.id && r.regime.effective_from == rf.regime.effective_from
        };
        if let Some(old) = self.regimes.iter().find(|r| same(r)) {
            if rf.regime.status == RegimeStatus::Proposed
                && old.regime.status != RegimeStatus::Proposed
            {
                return Err(RulesError::Invalid {
                    file: file.to_owned(),
                    path: "/regime/status".into(),
                    message: format!(
                        "a proposed version cannot replace the version in force with the same id and effective_from (loaded from {}); give it its own effective_from",
                        old.origin.file
                    ),
                });
            }
            rf.origin.replaces = Some(old.origin.file.clone());
        }
        let next = self
            .regimes
            .iter()
            .filter(|r| {
                r.regime.id == rf.regime.id
                    && r.regime.effective_from > rf.regime.effective_from
                    && r.regime.status == RegimeStatus::InForce
            })
            .min_by_key(|r| r.regime.effective_from);
        if let Some(next) = next {
            self.warnings.push(RulesWarning {
                file: file.to_owned(),
                path: "/regime/effective_from".into(),
                message: format!(
                    "this version applies only before {}, when the later version loaded from {} takes over (the latest version in force wins)",
                    next.regime.effective_from, next.origin.file
                ),
            });
        }
        if rf.regime.status == RegimeStatus::Proposed {
            self.warnings.push(RulesWarning {
                file: file.to_owned(),
                path: "/regime/status".into(),
                message: "a proposed version is listed for information and never applied".into(),
            });
        }
        self.regimes.retain(|r| !same(r));
        self.regimes.push(rf);
        self.regimes.sort_by(|a, b| {
            (a.regime.id.as_str(), a.regime.effective_from)
                .cmp(&(b.regime.id.as_str(), b.regime.effective_from))
        });
        Ok(())
    }

    /// Warnings from loading rule files (shadowed or proposed versions), in load order.
    pub fn warnings(&self) -> &[RulesWarning] {
        &self.warnings
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
        crate::engine::assess_with(self, incident, as_of)
    }
}

/// Assesses an incident with the built-in rules as of an instant. Never reads the clock.
///
/// # Errors
/// [`RulesError::Incident`] for an incident that contradicts itself
/// ([`Incident::check_consistent`]); otherwise only if a built-in rule file is broken, which the
/// crate's tests rule out.
pub fn assess(incident: &Incident, as_of: DateTime<Utc>) -> Result<Assessment, RulesError> {
    incident.check_consistent().map_err(RulesError::Incident)?;
    Ok(Ruleset::builtin()?.assess(incident, as_of))
}
