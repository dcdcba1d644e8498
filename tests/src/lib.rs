//! The shared scenario corpus (`tests/fixtures/scenarios/*.json`) and its checker.
//!
//! Each scenario is an incident (inline or a repository file), an "as of" instant and the
//! expected obligations, written by hand from the law. The same files drive the Python, Swift and
//! Kotlin tests, so four languages share one truth.

pub mod probe;

use std::path::{Path, PathBuf};

use breachkit::model::Incident;
use breachkit::rules::{Assessment, FilingState, Status};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One expected obligation.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Obligation id.
    pub obligation: String,
    /// The obligation must not exist.
    #[serde(default)]
    pub absent: bool,
    /// Expected status code.
    #[serde(default)]
    pub status: Option<String>,
    /// Expected local due time; `null` means no fixed deadline.
    #[serde(default, deserialize_with = "some_option")]
    pub due_local: Option<Option<String>>,
    /// Expected guidance window.
    #[serde(default)]
    pub guidance: Option<[String; 2]>,
    /// Expected filing state code.
    #[serde(default)]
    pub filing: Option<String>,
    /// Expected provisional flag.
    #[serde(default)]
    pub provisional: Option<bool>,
    /// Why (documentation).
    #[serde(default)]
    pub reason: Option<String>,
}

fn some_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(serde::Deserialize::deserialize(d)?))
}

/// A scenario file.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Name (the file stem).
    pub name: String,
    /// What it shows.
    pub description: String,
    /// "As of" instant, RFC 3339.
    pub as_of: String,
    /// Inline incident.
    #[serde(default)]
    pub incident: Option<serde_json::Value>,
    /// Or a repository-relative incident file.
    #[serde(default)]
    pub incident_file: Option<String>,
    /// Expected obligations.
    pub expect: Vec<Expect>,
    /// The exact set of question ids, when given.
    #[serde(default)]
    pub expect_questions: Option<Vec<String>>,
    /// The exact set of jurisdictions listed as not covered, when given.
    #[serde(default)]
    pub expect_not_covered: Option<Vec<String>>,
    /// Regimes expected to be reported as not applying to an entity, with a phrase the reason
    /// must contain ("not in force on", "territorial scope not met").
    #[serde(default)]
    pub expect_not_applicable: Vec<ExpectNotApplicable>,
}

/// An expected "not applicable" entry.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectNotApplicable {
    /// Entity id.
    pub entity: String,
    /// Regime id.
    pub regime: String,
    /// A phrase the reason contains.
    pub reason_contains: String,
}

/// Every scenario, sorted by name.
pub fn scenarios() -> Result<Vec<Scenario>, String> {
    json_files("tests/fixtures/scenarios")
}

impl Scenario {
    /// The scenario's incident.
    pub fn incident(&self) -> Result<Incident, String> {
        let text = match (&self.incident, &self.incident_file) {
            (Some(v), None) => v.to_string(),
            (None, Some(f)) => {
                std::fs::read_to_string(repo_root().join(f)).map_err(|e| format!("{f}: {e}"))?
            }
            _ => return Err("a scenario needs exactly one of incident, incident_file".into()),
        };
        Incident::from_json(&text).map_err(|e| e.to_string())
    }

    /// Runs the scenario and returns every mismatch (empty when it passes).
    pub fn check(&self) -> Result<Vec<String>, String> {
        let incident = self.incident()?;
        let as_of = chrono::DateTime::parse_from_rfc3339(&self.as_of)
            .map_err(|e| e.to_string())?
            .to_utc();
        let a = breachkit::rules::assess(&incident, as_of).map_err(|e| e.to_string())?;
        Ok(self.compare(&a))
    }

    /// Compares an assessment with the expectations.
    pub fn compare(&self, a: &Assessment) -> Vec<String> {
        let mut errs = Vec::new();
        for e in &self.expect {
            let got = a.get(&e.obligation);
            if e.absent {
                if got.is_some() {
                    errs.push(format!("{}: expected absent, found", e.obligation));
                }
                continue;
            }
            let Some(o) = got else {
                errs.push(format!(
                    "{}: missing; have {:?}",
                    e.obligation,
                    a.obligations
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                ));
                continue;
            };
            if let Some(s) = &e.status {
                if status_code(o.status) != s {
                    errs.push(format!(
                        "{}: status {} != expected {s}",
                        e.obligation,
                        status_code(o.status)
                    ));
                }
            }
            if let Some(d) = &e.due_local {
                if o.deadline.due_local.as_ref() != d.as_ref() {
                    errs.push(format!(
                        "{}: due {:?} != expected {d:?}",
                        e.obligation, o.deadline.due_local
                    ));
                }
            }
            if let Some([from, to]) = &e.guidance {
                let g = o
                    .deadline
                    .guidance
                    .as_ref()
                    .map(|g| (g.from.as_str(), g.to.as_str()));
                if g != Some((from.as_str(), to.as_str())) {
                    errs.push(format!(
                        "{}: guidance {g:?} != expected ({from}, {to})",
                        e.obligation
                    ));
                }
            }
            if let Some(f) = &e.filing {
                if &filing_code(o.filing.state) != f {
                    errs.push(format!(
                        "{}: filing {} != expected {f}",
                        e.obligation,
                        filing_code(o.filing.state)
                    ));
                }
            }
            if let Some(p) = e.provisional {
                if o.deadline.provisional != p {
                    errs.push(format!(
                        "{}: provisional {} != expected {p}",
                        e.obligation, o.deadline.provisional
                    ));
                }
            }
        }
        if let Some(want) = &self.expect_not_covered {
            let mut want = want.clone();
            want.sort();
            let mut got: Vec<String> = a
                .not_covered
                .iter()
                .map(|n| n.jurisdiction.clone())
                .collect();
            got.sort();
            got.dedup();
            if got != want {
                errs.push(format!("not covered {got:?} != expected {want:?}"));
            }
        }
        for n in &self.expect_not_applicable {
            let hit = a
                .not_applicable
                .iter()
                .find(|x| x.entity.as_str() == n.entity && x.regime == n.regime);
            match hit {
                Some(x) if x.reason.contains(&n.reason_contains) => {}
                Some(x) => errs.push(format!(
                    "{}/{}: not applicable for {:?}, expected a reason containing {:?}",
                    n.entity, n.regime, x.reason, n.reason_contains
                )),
                None => errs.push(format!(
                    "{}/{}: expected to be listed as not applicable",
                    n.entity, n.regime
                )),
            }
        }
        if let Some(want) = &self.expect_questions {
            let mut want = want.clone();
            want.sort();
            let mut got: Vec<String> = a.questions.iter().map(|q| q.id.clone()).collect();
            got.sort();
            got.dedup();
            if got != want {
                errs.push(format!("questions {got:?} != expected {want:?}"));
            }
        }
        errs
    }
}

/// The wire code of a status.
pub fn status_code(s: Status) -> &'static str {
    s.code()
}

/// The wire code of a filing state.
pub fn filing_code(s: FilingState) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A regulator's published example, written as an incident, with the regulator's conclusion
/// (`tests/fixtures/regulators/*.json`, made by `tests/fixtures/generate_regulators.py`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulatorCase {
    /// Name (the file stem).
    pub name: String,
    /// Where the example is published.
    pub source: CaseSource,
    /// What the regulator concluded.
    pub regulator: RegulatorView,
    /// breachkit's expected advisory verdict (a wire code of `Verdict`).
    pub expect: String,
    /// Why breachkit differs from the regulator, when it does.
    #[serde(default)]
    pub disagreement: Option<String>,
    /// "As of" instant, RFC 3339.
    pub as_of: String,
    /// The incident.
    pub incident: serde_json::Value,
}

/// The published source of a regulator case.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSource {
    /// Document title.
    pub document: String,
    /// Paragraph, case or example number.
    pub reference: String,
    /// URL.
    pub url: String,
}

/// The regulator's conclusion.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulatorView {
    /// The decision topic (`gdpr_risk`, `hipaa_breach`, `appi_leak`).
    pub topic: String,
    /// The conclusion in breachkit's words.
    pub says: String,
    /// The verdict codes that agree with it.
    pub accepts: Vec<String>,
    /// How sure we are of our reading of the source.
    pub confidence: String,
}

/// Every regulator case, sorted by name.
pub fn regulator_cases() -> Result<Vec<RegulatorCase>, String> {
    json_files("tests/fixtures/regulators")
}

/// Every `*.json` file of a fixture directory (relative to the repository root), read as `T`,
/// sorted by file name; an error names the file.
fn json_files<T: serde::de::DeserializeOwned>(rel: &str) -> Result<Vec<T>, String> {
    let dir = repo_root().join(rel);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
        })
        .collect()
}

impl RegulatorCase {
    /// The case's incident.
    pub fn incident(&self) -> Result<Incident, String> {
        Incident::from_json(&self.incident.to_string()).map_err(|e| e.to_string())
    }

    /// The advisory on the case's topic.
    pub fn advisory(&self) -> Result<breachkit::rules::Advisory, String> {
        let incident = self.incident()?;
        let j = breachkit::rules::judge(&incident).map_err(|e| e.to_string())?;
        let a = match self.regulator.topic.as_str() {
            "gdpr_risk" => j.gdpr,
            "hipaa_breach" => j.hipaa,
            "appi_leak" => j.appi,
            other => return Err(format!("unknown topic {other}")),
        };
        Ok(a)
    }
}
