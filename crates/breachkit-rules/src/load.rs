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
    (
        "us-ftc-safeguards.toml",
        include_str!("../rules/us-ftc-safeguards.toml"),
    ),
    ("us-sec-8k.toml", include_str!("../rules/us-sec-8k.toml")),
    (
        "us-nydfs-500-17.toml",
        include_str!("../rules/us-nydfs-500-17.toml"),
    ),
    // The US states and territories (one file per jurisdiction and version).
    ("us/ak.toml", include_str!("../rules/us/ak.toml")),
    ("us/al.toml", include_str!("../rules/us/al.toml")),
    ("us/ar.toml", include_str!("../rules/us/ar.toml")),
    ("us/az.toml", include_str!("../rules/us/az.toml")),
    ("us/ca-2024.toml", include_str!("../rules/us/ca-2024.toml")),
    ("us/ca.toml", include_str!("../rules/us/ca.toml")),
    ("us/co.toml", include_str!("../rules/us/co.toml")),
    ("us/ct.toml", include_str!("../rules/us/ct.toml")),
    ("us/dc.toml", include_str!("../rules/us/dc.toml")),
    ("us/de.toml", include_str!("../rules/us/de.toml")),
    ("us/fl.toml", include_str!("../rules/us/fl.toml")),
    ("us/ga.toml", include_str!("../rules/us/ga.toml")),
    ("us/gu.toml", include_str!("../rules/us/gu.toml")),
    ("us/hi.toml", include_str!("../rules/us/hi.toml")),
    ("us/ia.toml", include_str!("../rules/us/ia.toml")),
    ("us/id.toml", include_str!("../rules/us/id.toml")),
    ("us/il.toml", include_str!("../rules/us/il.toml")),
    ("us/in.toml", include_str!("../rules/us/in.toml")),
    ("us/ks.toml", include_str!("../rules/us/ks.toml")),
    ("us/ky.toml", include_str!("../rules/us/ky.toml")),
    ("us/la.toml", include_str!("../rules/us/la.toml")),
    ("us/ma.toml", include_str!("../rules/us/ma.toml")),
    ("us/md.toml", include_str!("../rules/us/md.toml")),
    ("us/me.toml", include_str!("../rules/us/me.toml")),
    ("us/mi.toml", include_str!("../rules/us/mi.toml")),
    ("us/mn.toml", include_str!("../rules/us/mn.toml")),
    ("us/mo.toml", include_str!("../rules/us/mo.toml")),
    ("us/ms.toml", include_str!("../rules/us/ms.toml")),
    ("us/mt.toml", include_str!("../rules/us/mt.toml")),
    ("us/nc.toml", include_str!("../rules/us/nc.toml")),
    ("us/nd.toml", include_str!("../rules/us/nd.toml")),
    ("us/ne.toml", include_str!("../rules/us/ne.toml")),
    ("us/nh.toml", include_str!("../rules/us/nh.toml")),
    ("us/nj.toml", include_str!("../rules/us/nj.toml")),
    ("us/nm.toml", include_str!("../rules/us/nm.toml")),
    ("us/nv.toml", include_str!("../rules/us/nv.toml")),
    ("us/ny-2024.toml", include_str!("../rules/us/ny-2024.toml")),
    ("us/ny.toml", include_str!("../rules/us/ny.toml")),
    ("us/oh.toml", include_str!("../rules/us/oh.toml")),
    ("us/ok-2024.toml", include_str!("../rules/us/ok-2024.toml")),
    ("us/ok.toml", include_str!("../rules/us/ok.toml")),
    ("us/or.toml", include_str!("../rules/us/or.toml")),
    ("us/pa-2024.toml", include_str!("../rules/us/pa-2024.toml")),
    ("us/pa.toml", include_str!("../rules/us/pa.toml")),
    ("us/pr.toml", include_str!("../rules/us/pr.toml")),
    ("us/ri.toml", include_str!("../rules/us/ri.toml")),
    ("us/sc.toml", include_str!("../rules/us/sc.toml")),
    ("us/sd.toml", include_str!("../rules/us/sd.toml")),
    ("us/tn.toml", include_str!("../rules/us/tn.toml")),
    ("us/tx.toml", include_str!("../rules/us/tx.toml")),
    ("us/ut.toml", include_str!("../rules/us/ut.toml")),
    ("us/va.toml", include_str!("../rules/us/va.toml")),
    ("us/vi.toml", include_str!("../rules/us/vi.toml")),
    ("us/vt.toml", include_str!("../rules/us/vt.toml")),
    ("us/wa.toml", include_str!("../rules/us/wa.toml")),
    ("us/wi.toml", include_str!("../rules/us/wi.toml")),
    ("us/wv.toml", include_str!("../rules/us/wv.toml")),
    ("us/wy.toml", include_str!("../rules/us/wy.toml")),
    (
        "world/au-ndb.toml",
        include_str!("../rules/world/au-ndb.toml"),
    ),
    (
        "world/br-lgpd.toml",
        include_str!("../rules/world/br-lgpd.toml"),
    ),
    (
        "world/ca-pipeda.toml",
        include_str!("../rules/world/ca-pipeda.toml"),
    ),
    (
        "world/ca-qc-law25.toml",
        include_str!("../rules/world/ca-qc-law25.toml"),
    ),
    (
        "world/ch-fadp.toml",
        include_str!("../rules/world/ch-fadp.toml"),
    ),
    (
        "world/cn-cac-incident.toml",
        include_str!("../rules/world/cn-cac-incident.toml"),
    ),
    (
        "world/cn-pipl.toml",
        include_str!("../rules/world/cn-pipl.toml"),
    ),
    (
        "world/eu-dora.toml",
        include_str!("../rules/world/eu-dora.toml"),
    ),
    (
        "world/eu-nis2.toml",
        include_str!("../rules/world/eu-nis2.toml"),
    ),
    (
        "world/hk-pdpo.toml",
        include_str!("../rules/world/hk-pdpo.toml"),
    ),
    (
        "world/in-certin.toml",
        include_str!("../rules/world/in-certin.toml"),
    ),
    (
        "world/in-dpdp.toml",
        include_str!("../rules/world/in-dpdp.toml"),
    ),
    (
        "world/kr-pipa-2023.toml",
        include_str!("../rules/world/kr-pipa-2023.toml"),
    ),
    (
        "world/kr-pipa-2026.toml",
        include_str!("../rules/world/kr-pipa-2026.toml"),
    ),
    (
        "world/nz-privacy.toml",
        include_str!("../rules/world/nz-privacy.toml"),
    ),
    (
        "world/ph-dpa.toml",
        include_str!("../rules/world/ph-dpa.toml"),
    ),
    (
        "world/sg-pdpa.toml",
        include_str!("../rules/world/sg-pdpa.toml"),
    ),
    (
        "world/th-pdpa.toml",
        include_str!("../rules/world/th-pdpa.toml"),
    ),
    (
        "world/tw-pdpa-2025.toml",
        include_str!("../rules/world/tw-pdpa-2025.toml"),
    ),
    (
        "world/tw-pdpa.toml",
        include_str!("../rules/world/tw-pdpa.toml"),
    ),
    (
        "world/za-popia.toml",
        include_str!("../rules/world/za-popia.toml"),
    ),
];

/// The data-class file shipped with breachkit.
pub const BUILTIN_CLASS_FILE: (&str, &str) =
    ("classes.toml", include_str!("../rules/classes.toml"));

/// The US state and territory definitions of personal information, as data classes.
pub const BUILTIN_US_CLASS_FILE: (&str, &str) =
    ("classes-us.toml", include_str!("../rules/classes-us.toml"));

/// The data classes of the world rule files (Singapore, Korea, Brazil, the Philippines).
pub const BUILTIN_WORLD_CLASS_FILE: (&str, &str) = (
    "world/classes.toml",
    include_str!("../rules/world/classes.toml"),
);

/// A set of regimes and data classes the engine evaluates.
#[derive(Clone, Debug)]
pub struct Ruleset {
    pub(crate) regimes: Vec<RegimeFile>,
    pub(crate) classes: BTreeMap<String, DataClass>,
    pub(crate) warnings: Vec<RulesWarning>,
}

pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, RulesError> {
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
        rs.load_classes(BUILTIN_US_CLASS_FILE.0, BUILTIN_US_CLASS_FILE.1)?;
        rs.load_classes(BUILTIN_WORLD_CLASS_FILE.0, BUILTIN_WORLD_CLASS_FILE.1)?;
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
            if rf.regime.status != RegimeStatus::InForce
                && old.regime.status == RegimeStatus::InForce
            {
                return Err(RulesError::Invalid {
                    file: file.to_owned(),
                    path: "/regime/status".into(),
                    message: format!(
                        "a version not in force (proposed or pending commencement) cannot replace the version in force with the same id and effective_from (loaded from {}); give it its own effective_from",
                        old.origin.file
                    ),
                });
            }
            rf.origin.replaces = Some(old.origin.file.clone());
        }
        // A version in force that a later one loaded in force shadows from the later one's date.
        let next = self
            .regimes
            .iter()
            .filter_map(|r| {
                let from = r.regime.effective_from?;
                (r.regime.id == rf.regime.id
                    && r.regime.status == RegimeStatus::InForce
                    && rf.regime.status == RegimeStatus::InForce
                    && rf.regime.effective_from.is_some_and(|own| from > own))
                .then_some((from, r))
            })
            .min_by_key(|(from, _)| *from);
        if let Some((from, next)) = next {
            self.warnings.push(RulesWarning {
                file: file.to_owned(),
                path: "/regime/effective_from".into(),
                message: format!(
                    "this version applies only before {from}, when the later version loaded from {} takes over (the latest version in force wins)",
                    next.origin.file
                ),
            });
        }
        if rf.regime.status != RegimeStatus::InForce {
            self.warnings.push(RulesWarning {
                file: file.to_owned(),
                path: "/regime/status".into(),
                message: "a version not in force (proposed or pending commencement) is listed for information and never applied".into(),
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

    /// Assesses an incident as of an instant, with its sentences in English.
    pub fn assess(&self, incident: &Incident, as_of: DateTime<Utc>) -> Assessment {
        self.assess_in(incident, as_of, crate::i18n::Lang::En)
    }

    /// Assesses an incident as of an instant, with its sentences in `lang`. The codes and values
    /// are the same in every language.
    pub fn assess_in(
        &self,
        incident: &Incident,
        as_of: DateTime<Utc>,
        lang: crate::i18n::Lang,
    ) -> Assessment {
        let mut a = crate::engine::assess_with(self, incident, as_of);
        crate::i18n::localize(&mut a, self, lang);
        a
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

/// What an assessment is asked for: the one set of options the CLI, Python and Swift/Kotlin
/// all pass, so a counsel's rule files and the language reach every front end alike.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AssessOptions {
    /// The instant to assess as of (the engine never reads the clock).
    pub as_of: DateTime<Utc>,
    /// The language of the sentences.
    pub lang: crate::i18n::Lang,
    /// Only this entity's obligations, not-applicable regimes and questions.
    pub entity: Option<String>,
    /// A counsel's rule files, `(name, text)`, loaded on top of the built-in rules in order.
    pub rule_files: Vec<(String, String)>,
}

impl AssessOptions {
    /// English, every entity, the built-in rules.
    pub fn new(as_of: DateTime<Utc>) -> AssessOptions {
        AssessOptions {
            as_of,
            lang: crate::i18n::Lang::En,
            entity: None,
            rule_files: Vec::new(),
        }
    }
}

impl Ruleset {
    /// The built-in rules with a counsel's rule files loaded on top, in order.
    ///
    /// # Errors
    /// The first file's [`RulesError`], naming the file.
    pub fn with_overlays(files: &[(String, String)]) -> Result<Ruleset, RulesError> {
        let mut rs = Ruleset::builtin()?.clone();
        for (name, text) in files {
            rs.load_regime(name, text)?;
        }
        Ok(rs)
    }
}

/// Assesses an incident with options: the orchestration every front end calls.
///
/// # Errors
/// [`RulesError::Incident`] for an incident that contradicts itself, a rule file's
/// [`RulesError`], or [`RulesError::UnknownEntity`] when `entity` names no organisation of the
/// incident.
pub fn assess_with_options(
    incident: &Incident,
    opts: &AssessOptions,
) -> Result<Assessment, RulesError> {
    incident.check_consistent().map_err(RulesError::Incident)?;
    assess_in_ruleset(incident, &*opts.ruleset()?, opts)
}

impl AssessOptions {
    /// The rules these options name: the built-in rules, or a copy with the counsel's rule
    /// files loaded on top. A front end that shows [`Ruleset::warnings`] loads them once here
    /// and passes them to [`assess_in_ruleset`].
    ///
    /// # Errors
    /// The first rule file's [`RulesError`], naming the file.
    pub fn ruleset(&self) -> Result<std::borrow::Cow<'static, Ruleset>, RulesError> {
        Ok(if self.rule_files.is_empty() {
            std::borrow::Cow::Borrowed(Ruleset::builtin()?)
        } else {
            std::borrow::Cow::Owned(Ruleset::with_overlays(&self.rule_files)?)
        })
    }
}

/// [`assess_with_options`] with the rules already loaded (from [`AssessOptions::ruleset`]);
/// `opts.rule_files` is not read again.
///
/// # Errors
/// [`RulesError::Incident`] for an incident that contradicts itself, or
/// [`RulesError::UnknownEntity`] when `entity` names no organisation of the incident.
pub fn assess_in_ruleset(
    incident: &Incident,
    ruleset: &Ruleset,
    opts: &AssessOptions,
) -> Result<Assessment, RulesError> {
    incident.check_consistent().map_err(RulesError::Incident)?;
    let a = ruleset.assess_in(incident, opts.as_of, opts.lang);
    match &opts.entity {
        None => Ok(a),
        Some(e) if incident.organisations.iter().any(|o| o.id.as_str() == e) => {
            Ok(a.only_entity(e))
        }
        Some(_) => Err(RulesError::UnknownEntity),
    }
}
