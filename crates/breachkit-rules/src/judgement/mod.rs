//! Judgement from facts: was there a breach, how risky is it, and which exception applies.
//!
//! GDPR Arts 33–34, HIPAA's definition of breach and APPI Art. 26 all turn on a judgement the
//! law leaves to the organisation. This module makes that judgement *advisory*: from the facts
//! recorded in the incident (`/breach/compromise`, `/breach/recipient`, `/groups/*/identifiability`,
//! ...) it derives, per topic, an advisory [`Verdict`] with every fact, factor and guidance rule it
//! used, the questions that would decide it when facts are missing, and — when a person recorded a
//! decision (`/breach/decisions`) — that decision, which is the one that counts, and whether the
//! two disagree.
//!
//! The regulators' own conclusions on their published examples are data (`rules/judgement.toml`):
//! each rule names the facts it needs and cites the example. For GDPR, when no rule decides, the
//! ENISA 2013 severity method (SE = DPC × EI + CB) is computed over the range the unknown facts
//! allow; a range spanning two levels is "undetermined", never a guess.
//!
//! Everything here is a pure function of the incident: no clock, no I/O.

mod appi;
mod facts;
mod gdpr;
mod hipaa;

use std::collections::BTreeMap;

use crate::i18n::{Lang, Messages};

use breachkit_model::{
    DecisionOutcome, DecisionTopic, Incident, PartialTime, RiskLevel, Text, Tristate,
};

use crate::assessment::Question;
use crate::error::RulesError;
use crate::ruleset::Confidence;

pub use facts::FACT_NAMES;
use facts::Facts;

/// The rule file of the judgement, embedded at build time.
pub const BUILTIN_JUDGEMENT_FILE: (&str, &str) =
    ("judgement.toml", include_str!("../../rules/judgement.toml"));

/// An advisory or recorded conclusion.
#[derive(
    Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Verdict {
    /// No breach of security happened (nothing destroyed, lost, altered, disclosed or accessed).
    NoBreach,
    /// GDPR: unlikely to result in a risk (no notification; internal record only).
    NoRisk,
    /// GDPR: a risk (notify the authority).
    Risk,
    /// GDPR: a high risk (also communicate to the people).
    HighRisk,
    /// HIPAA: an exception of 164.402(1) applies: not a breach.
    Exception,
    /// HIPAA: the PHI was secured (not unsecured PHI): no notification.
    Secured,
    /// HIPAA: low probability that the PHI has been compromised: not a breach.
    LowProbability,
    /// HIPAA: a breach of unsecured PHI.
    Breach,
    /// APPI: a leak, loss or damage occurred.
    Leak,
    /// APPI: one may have occurred (おそれ).
    PossibleLeak,
    /// APPI: none occurred.
    NoLeak,
    /// The facts do not decide it; see the questions.
    Undetermined,
}

impl Verdict {
    /// The wire code.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::NoBreach => "no_breach",
            Verdict::NoRisk => "no_risk",
            Verdict::Risk => "risk",
            Verdict::HighRisk => "high_risk",
            Verdict::Exception => "exception",
            Verdict::Secured => "secured",
            Verdict::LowProbability => "low_probability",
            Verdict::Breach => "breach",
            Verdict::Leak => "leak",
            Verdict::PossibleLeak => "possible_leak",
            Verdict::NoLeak => "no_leak",
            Verdict::Undetermined => "undetermined",
        }
    }

    /// Verdicts with the same consequences for the obligations fall in the same class: an
    /// earlier rule that could still match only blocks a later one when their classes differ.
    fn class(self) -> u8 {
        match self {
            Verdict::NoBreach => 0,
            Verdict::NoRisk => 1,
            Verdict::Risk => 2,
            Verdict::HighRisk => 3,
            Verdict::Exception | Verdict::Secured | Verdict::LowProbability => 4,
            Verdict::Breach => 5,
            Verdict::Leak | Verdict::PossibleLeak => 6,
            Verdict::NoLeak => 7,
            Verdict::Undetermined => 8,
        }
    }

    /// Whether the verdict means notification duties follow: GDPR risk or high risk, a HIPAA
    /// breach, an APPI leak or possible leak. `None` when undetermined.
    pub fn notifiable(self) -> Option<bool> {
        match self {
            Verdict::Risk
            | Verdict::HighRisk
            | Verdict::Breach
            | Verdict::Leak
            | Verdict::PossibleLeak => Some(true),
            Verdict::Undetermined => None,
            _ => Some(false),
        }
    }

    fn from_outcome(o: DecisionOutcome) -> Verdict {
        match o {
            DecisionOutcome::NoRisk => Verdict::NoRisk,
            DecisionOutcome::Risk => Verdict::Risk,
            DecisionOutcome::HighRisk => Verdict::HighRisk,
            DecisionOutcome::Breach => Verdict::Breach,
            DecisionOutcome::Exception => Verdict::Exception,
            DecisionOutcome::LowProbability => Verdict::LowProbability,
            DecisionOutcome::Leak => Verdict::Leak,
            DecisionOutcome::PossibleLeak => Verdict::PossibleLeak,
            DecisionOutcome::NoLeak => Verdict::NoLeak,
            DecisionOutcome::NoBreach => Verdict::NoBreach,
            _ => Verdict::Undetermined,
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A fact the judgement used, with its value and where it comes from.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct FactUsed {
    /// Its name (`confidentiality`, `recipient_safe`).
    pub name: String,
    /// Yes, no or unknown.
    pub value: Tristate,
    /// How it was derived from the document (field names and codes, never free text).
    pub detail: String,
    /// Where to record it (JSON pointer).
    pub path: String,
}

/// One weighed factor (ENISA's DPC, EI, CB; HIPAA's four factors; EDPB's factors).
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Factor {
    /// Identifier (`enisa.dpc`, `hipaa.2`).
    pub id: String,
    /// Name for people.
    pub label: String,
    /// What the facts say, in words.
    pub value: String,
    /// Its weight or score: the lowest and highest the recorded facts allow (equal when known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<[f64; 2]>,
    /// Where it comes from (JSON pointers).
    pub paths: Vec<String>,
    /// The method or article.
    pub cite: String,
}

/// How a guidance rule fared.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    /// Every fact it names holds.
    Matched,
    /// None contradicts it, but some are unknown.
    Possible,
    /// A fact contradicts it.
    NotMatched,
}

/// A guidance rule tried, with its outcome.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct RuleTried {
    /// Rule id.
    pub id: String,
    /// What it says.
    pub label: String,
    /// The same in Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_ja: Option<String>,
    /// Its conclusion.
    pub conclusion: Verdict,
    /// Matched, possible, not matched.
    pub state: RuleState,
    /// The unknown facts it waits on (when possible).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// Where the regulator says it.
    pub cite: String,
    /// The same in Japanese, where the source is Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite_ja: Option<String>,
    /// Source URL.
    pub url: String,
    /// How sure breachkit is of the reading.
    pub confidence: Confidence,
}

/// The decision a person recorded.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct RecordedDecision {
    /// The outcome.
    pub outcome: Verdict,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<Text>,
    /// Who.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Text>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<PartialTime>,
    /// Where it is recorded (JSON pointer): `/breach/decisions/N`, or a legacy field
    /// (`/breach/risk`, `/breach/low_probability_of_compromise`).
    pub path: String,
}

/// The judgement on one topic: the engine's advisory verdict with its reasons, the recorded
/// decision if any, and the verdict that counts.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Advisory {
    /// The topic.
    pub topic: DecisionTopic,
    /// The engine's own verdict from the facts.
    pub advisory: Verdict,
    /// What decided it: a guidance rule's id, `enisa`, or `undetermined`.
    pub basis: String,
    /// Why, in one sentence.
    pub reason: String,
    /// Where the deciding rule or method is written.
    pub cite: String,
    /// The facts used.
    pub facts: Vec<FactUsed>,
    /// The weighed factors.
    pub factors: Vec<Factor>,
    /// The guidance rules tried, in order, up to the deciding one.
    pub rules: Vec<RuleTried>,
    /// The ENISA severity range, when computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Questions whose answers would decide or change the advisory verdict.
    pub questions: Vec<Question>,
    /// The decision a person recorded, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<RecordedDecision>,
    /// True when the advisory verdict rests on the law's presumption (HIPAA: a breach unless a
    /// low probability of compromise is shown; APPI: a leak unless recovered unseen) while facts
    /// that could rebut it are unknown — see the questions.
    pub presumed: bool,
    /// The verdict that counts: the recorded decision, else the advisory.
    pub effective: Verdict,
    /// True when a recorded decision differs from a determined advisory verdict in its
    /// consequences (for example "no risk" recorded where the facts point to "risk").
    pub disagreement: bool,
    /// The guidance rules that could still apply once unknown facts are known and would decide
    /// otherwise (the exceptions a presumption waits on, or what keeps the verdict open).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
}

/// The ENISA severity score range.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Severity {
    /// Lowest and highest score the recorded facts allow.
    pub score: [f64; 2],
    /// The ENISA bands of the two ends (`low`, `medium`, `high`, `very_high`).
    pub bands: [String; 2],
}

/// The judgement on all three topics.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Judgement {
    /// GDPR and UK GDPR: risk to the rights and freedoms of natural persons.
    pub gdpr: Advisory,
    /// HIPAA: breach of unsecured PHI.
    pub hipaa: Advisory,
    /// APPI: leak, loss or damage, or its おそれ.
    pub appi: Advisory,
}

impl Judgement {
    /// The advisory on one topic.
    pub fn get(&self, topic: DecisionTopic) -> &Advisory {
        match topic {
            DecisionTopic::HipaaBreach => &self.hipaa,
            DecisionTopic::AppiLeak => &self.appi,
            _ => &self.gdpr,
        }
    }
}

// --- The rule file ---------------------------------------------------------------------------------

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    key: String,
    title: String,
    url: String,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JudgementRule {
    topic: DecisionTopic,
    id: String,
    conclusion: Verdict,
    when: BTreeMap<String, Tristate>,
    label: String,
    /// The label in Japanese (required: a rule file without it does not load).
    label_ja: String,
    cite: String,
    /// The citation in Japanese, where the source is Japanese.
    #[serde(default)]
    cite_ja: Option<String>,
    source: String,
    confidence: Confidence,
    /// The law's presumption: it decides even while an earlier rule (an exception) could still
    /// match; the questions of those rules are asked.
    #[serde(default)]
    presumption: bool,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct JudgementFile {
    source: Vec<SourceEntry>,
    enisa: gdpr::EnisaParams,
    rule: Vec<JudgementRule>,
}

/// The judgement data: the guidance rules and the ENISA parameters, checked.
#[derive(Clone, Debug)]
pub struct JudgementRules {
    sources: BTreeMap<String, (String, String)>,
    enisa: gdpr::EnisaParams,
    rules: Vec<JudgementRule>,
}

impl JudgementRules {
    /// Parses and checks a judgement file: every rule names known facts, a known source and a
    /// conclusion that fits its topic; ENISA bands ascend.
    ///
    /// # Errors
    /// [`RulesError::Syntax`] or [`RulesError::Invalid`] with the path of the first problem.
    pub fn parse(file: &str, text: &str) -> Result<JudgementRules, RulesError> {
        let f: JudgementFile = crate::load::parse_toml(file, text)?;
        let invalid = |path: String, message: &str| RulesError::Invalid {
            file: file.to_owned(),
            path,
            message: message.to_owned(),
        };
        let sources: BTreeMap<String, (String, String)> = f
            .source
            .iter()
            .map(|s| (s.key.clone(), (s.title.clone(), s.url.clone())))
            .collect();
        for (i, r) in f.rule.iter().enumerate() {
            for name in r.when.keys() {
                if !FACT_NAMES.contains(&name.as_str()) {
                    return Err(invalid(
                        format!("/rule/{i}/when"),
                        "names a fact breachkit does not compute",
                    ));
                }
            }
            if !sources.contains_key(&r.source) {
                return Err(invalid(
                    format!("/rule/{i}/source"),
                    "names an undefined source",
                ));
            }
            let fits = match r.topic {
                DecisionTopic::GdprRisk => matches!(
                    r.conclusion,
                    Verdict::NoBreach | Verdict::NoRisk | Verdict::Risk | Verdict::HighRisk
                ),
                DecisionTopic::HipaaBreach => matches!(
                    r.conclusion,
                    Verdict::NoBreach
                        | Verdict::Exception
                        | Verdict::Secured
                        | Verdict::LowProbability
                        | Verdict::Breach
                ),
                DecisionTopic::AppiLeak => matches!(
                    r.conclusion,
                    Verdict::NoLeak | Verdict::Leak | Verdict::PossibleLeak
                ),
                _ => false,
            };
            if !fits {
                return Err(invalid(
                    format!("/rule/{i}/conclusion"),
                    "does not answer the rule's topic",
                ));
            }
        }
        f.enisa
            .check()
            .map_err(|(path, m)| invalid(format!("/enisa/{path}"), m))?;
        if !sources.contains_key(&f.enisa.source) {
            return Err(invalid("/enisa/source".into(), "names an undefined source"));
        }
        Ok(JudgementRules {
            sources,
            enisa: f.enisa,
            rules: f.rule,
        })
    }

    /// The built-in judgement data (parsed once per process).
    ///
    /// # Errors
    /// Only if the built-in file is broken (a test guards it).
    pub fn builtin() -> Result<&'static JudgementRules, RulesError> {
        static BUILTIN: std::sync::OnceLock<Result<JudgementRules, RulesError>> =
            std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                JudgementRules::parse(BUILTIN_JUDGEMENT_FILE.0, BUILTIN_JUDGEMENT_FILE.1)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn url(&self, key: &str) -> String {
        self.sources
            .get(key)
            .map(|s| s.1.clone())
            .unwrap_or_default()
    }

    fn title(&self, key: &str) -> String {
        self.sources
            .get(key)
            .map(|s| s.0.clone())
            .unwrap_or_default()
    }

    /// Judges an incident on all three topics, looking at the groups given by index (all groups
    /// when `groups` is `None`).
    pub fn judge(
        &self,
        incident: &Incident,
        classes: &BTreeMap<String, crate::DataClass>,
        groups: Option<&[usize]>,
    ) -> Judgement {
        let facts = Facts::new(incident, classes, &self.enisa, groups);
        Judgement {
            gdpr: gdpr::judge(self, &facts, incident),
            hipaa: hipaa::judge(self, &facts, incident),
            appi: appi::judge(self, &facts, incident),
        }
    }

    /// Tries the rules of a topic in order. Returns the rules tried, the deciding rule (if
    /// any), and the rules that could still match and would decide differently.
    fn run(&self, topic: DecisionTopic, facts: &Facts<'_>) -> RunResult<'_> {
        let mut tried = Vec::new();
        let mut possible: Vec<&JudgementRule> = Vec::new();
        for r in self.rules.iter().filter(|r| r.topic == topic) {
            let mut state = RuleState::Matched;
            let mut unknown = Vec::new();
            for (name, want) in &r.when {
                match facts.get(name).value {
                    Tristate::Unknown => {
                        state = RuleState::Possible;
                        unknown.push(name.clone());
                    }
                    v if v == *want => {}
                    _ => {
                        state = RuleState::NotMatched;
                        unknown.clear();
                        break;
                    }
                }
            }
            tried.push(RuleTried {
                id: r.id.clone(),
                label: r.label.clone(),
                label_ja: Some(r.label_ja.clone()),
                conclusion: r.conclusion,
                state,
                unknown,
                cite: r.cite.clone(),
                cite_ja: r.cite_ja.clone(),
                url: self.url(&r.source),
                confidence: r.confidence,
            });
            match state {
                RuleState::Matched => {
                    return RunResult {
                        tried,
                        decided: Some(r),
                        possible,
                    };
                }
                RuleState::Possible => possible.push(r),
                RuleState::NotMatched => {}
            }
        }
        RunResult {
            tried,
            decided: None,
            possible,
        }
    }
}

struct RunResult<'a> {
    tried: Vec<RuleTried>,
    decided: Option<&'a JudgementRule>,
    possible: Vec<&'a JudgementRule>,
}

impl RunResult<'_> {
    /// The possible rules that would decide differently from `v`.
    fn blockers(&self, v: Verdict) -> Vec<&JudgementRule> {
        self.possible
            .iter()
            .copied()
            .filter(|r| r.conclusion.class() != v.class())
            .collect()
    }
}

/// Builds the advisory of a topic from the rules' result and a fallback verdict.
struct Draft {
    verdict: Verdict,
    basis: String,
    reason: String,
    cite: String,
    factors: Vec<Factor>,
    severity: Option<Severity>,
    /// Fact names whose answers would decide the fallback.
    open: Vec<String>,
}

fn finish(
    jr: &JudgementRules,
    topic: DecisionTopic,
    facts: &Facts<'_>,
    run: RunResult<'_>,
    fallback: impl FnOnce() -> Draft,
    incident: &Incident,
) -> Advisory {
    let mut draft = match run.decided {
        Some(r) => Draft {
            verdict: r.conclusion,
            basis: r.id.clone(),
            reason: r.label.clone(),
            cite: format!("{} ({})", r.cite, jr.title(&r.source)),
            factors: Vec::new(),
            severity: None,
            open: Vec::new(),
        },
        None => fallback(),
    };
    // A rule that could still match and would decide differently makes the verdict open.
    let blockers = run.blockers(draft.verdict);
    let blockers_empty = blockers.is_empty();
    let unless: Vec<String> = blockers.iter().map(|r| r.id.clone()).collect();
    let presumption = run.decided.is_some_and(|r| r.presumption);
    if presumption && !blockers.is_empty() {
        let ids: Vec<&str> = blockers.iter().map(|r| r.id.as_str()).collect();
        draft.reason = format!(
            "{} — unless facts still unknown establish {}",
            draft.reason,
            ids.join(" or ")
        );
    } else if draft.verdict != Verdict::Undetermined && !blockers.is_empty() {
        let ids: Vec<&str> = blockers.iter().map(|r| r.id.as_str()).collect();
        draft.reason = format!(
            "{} — but rule(s) {} could still apply once unknown facts are known, and would decide otherwise",
            draft.reason,
            ids.join(", ")
        );
        draft.verdict = Verdict::Undetermined;
        draft.basis = "undetermined".into();
    }
    let mut open: Vec<String> = draft.open.clone();
    if draft.verdict == Verdict::Undetermined || presumption {
        for r in &blockers {
            for (name, _) in r.when.iter() {
                if facts.get(name).value == Tristate::Unknown {
                    open.push(name.clone());
                }
            }
        }
    }
    open.sort();
    open.dedup();
    let questions: Vec<Question> = open.iter().map(|n| facts.question(n)).collect();
    let mut used: Vec<String> = run
        .tried
        .iter()
        .flat_map(|t| {
            jr.rules
                .iter()
                .find(|r| r.id == t.id && r.topic == topic)
                .map(|r| r.when.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .chain(open.iter().cloned())
        .collect();
    used.sort();
    used.dedup();
    let facts_used: Vec<FactUsed> = used.iter().map(|n| facts.used(n)).collect();
    let decision = recorded(incident, topic);
    let effective = decision.as_ref().map_or(draft.verdict, |d| d.outcome);
    let disagreement = match &decision {
        Some(d) => {
            draft.verdict != Verdict::Undetermined && d.outcome.class() != draft.verdict.class()
        }
        None => false,
    };
    Advisory {
        topic,
        advisory: draft.verdict,
        basis: draft.basis,
        reason: draft.reason,
        cite: draft.cite,
        facts: facts_used,
        factors: draft.factors,
        rules: run.tried,
        severity: draft.severity,
        presumed: presumption && !blockers_empty,
        questions,
        decision,
        effective,
        disagreement,
        unless,
    }
}

/// The decision recorded for a topic: `/breach/decisions` first, then the legacy fields
/// (`/breach/risk` for GDPR, `/breach/low_probability_of_compromise` for HIPAA), which are read as
/// a decision without justification, author or date.
fn recorded(incident: &Incident, topic: DecisionTopic) -> Option<RecordedDecision> {
    let b = &incident.breach;
    if let Some((i, d)) = b
        .decisions
        .iter()
        .enumerate()
        .rev()
        .find(|(_, d)| d.topic == topic && d.outcome.fits(topic))
    {
        return Some(RecordedDecision {
            outcome: Verdict::from_outcome(d.outcome),
            justification: d.justification.clone(),
            by: d.by.clone(),
            at: d.at,
            path: format!("/breach/decisions/{i}"),
        });
    }
    let legacy = |outcome: Verdict, path: &str| RecordedDecision {
        outcome,
        justification: None,
        by: None,
        at: None,
        path: path.to_owned(),
    };
    match topic {
        DecisionTopic::GdprRisk => match b.risk {
            RiskLevel::Unlikely => Some(legacy(Verdict::NoRisk, "/breach/risk")),
            RiskLevel::Risk => Some(legacy(Verdict::Risk, "/breach/risk")),
            RiskLevel::High => Some(legacy(Verdict::HighRisk, "/breach/risk")),
            _ => None,
        },
        DecisionTopic::HipaaBreach => match b.low_probability_of_compromise {
            Tristate::Yes => Some(legacy(
                Verdict::LowProbability,
                "/breach/low_probability_of_compromise",
            )),
            Tristate::No => Some(legacy(
                Verdict::Breach,
                "/breach/low_probability_of_compromise",
            )),
            Tristate::Unknown => None,
        },
        _ => None,
    }
}

/// Judges an incident with the built-in data, over all its groups.
///
/// # Errors
/// Only if a built-in file is broken (a test guards it).
///
/// ```
/// let incident = breachkit_model::Incident::from_json(r#"{
///   "schema_version": "0.1", "id": "demo",
///   "breach": {"compromise": {"status": "ruled_out", "basis": "blocked at the firewall"}}
/// }"#)?;
/// let j = breachkit_rules::judge(&incident)?;
/// assert_eq!(j.gdpr.advisory, breachkit_rules::Verdict::NoBreach);
/// assert_eq!(j.appi.advisory, breachkit_rules::Verdict::NoLeak);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn judge(incident: &Incident) -> Result<Judgement, RulesError> {
    let jr = JudgementRules::builtin()?;
    let rs = crate::Ruleset::builtin()?;
    Ok(jr.judge(incident, &rs.classes, None))
}

/// Judges an incident with the built-in data over the groups one entity holds (the view the
/// engine takes for that entity's obligations).
///
/// # Errors
/// Only if a built-in file is broken (a test guards it).
pub fn judge_entity(incident: &Incident, entity: &str) -> Result<Judgement, RulesError> {
    let jr = JudgementRules::builtin()?;
    let rs = crate::Ruleset::builtin()?;
    let groups: Vec<usize> = incident
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.holders.iter().any(|h| h.entity.as_str() == entity))
        .map(|(i, _)| i)
        .collect();
    Ok(jr.judge(incident, &rs.classes, Some(&groups)))
}

impl Advisory {
    /// A readable account in English: the advisory verdict and why, the factors with their
    /// weights, the guidance rules tried, the recorded decision and any disagreement, the
    /// questions. See [`Advisory::to_text_in`].
    pub fn to_text(&self) -> String {
        self.to_text_in(Lang::En)
    }

    /// The same account in `lang`, every fixed phrase from the catalogue (`judgement_text.*`),
    /// the rules' labels and citations from the rule data (`label_ja`, `cite_ja`), codes through
    /// the catalogue's `arg.advisory` / `arg.decision`. Still in English in Japanese: the ENISA
    /// factors' labels and values and the fallback reasons the methods compute (see
    /// docs/design.md).
    pub fn to_text_in(&self, lang: Lang) -> String {
        use std::fmt::Write as _;
        let m = Messages::builtin(lang);
        let ja = lang == Lang::Ja;
        let t = |key: &str, args: &[(&str, String)]| -> String {
            crate::i18n::fill(&m.t(&format!("judgement_text.{key}")), &|name| {
                args.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
            })
        };
        let verdict = |group: &str, v: Verdict| -> String {
            m.get(&format!("arg.{group}.{}", v.code()))
                .map_or_else(|| v.code().to_owned(), str::to_owned)
        };
        let rule_label = |r: &RuleTried| -> String {
            match (ja, &r.label_ja) {
                (true, Some(l)) => l.clone(),
                _ => r.label.clone(),
            }
        };
        let rule_cite = |r: &RuleTried| -> String {
            match (ja, &r.cite_ja) {
                (true, Some(c)) => c.clone(),
                _ => r.cite.clone(),
            }
        };
        let deciding = self
            .rules
            .iter()
            .find(|r| r.id == self.basis && r.state == RuleState::Matched);
        let mut s = String::new();
        let _ = writeln!(s, "  {}", t(&format!("title_{}", self.topic.code()), &[]));
        let presumed = if self.presumed {
            t("presumed", &[])
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "      {}",
            t(
                "advisory",
                &[
                    ("advisory", verdict("advisory", self.advisory)),
                    ("presumed", presumed),
                    ("basis", self.basis.clone()),
                ]
            )
        );
        // The reason: English as the judgement wrote it; in another language rebuilt from the
        // deciding rule's label and the rules it waits on.
        let reason = match (ja, deciding) {
            (false, _) => self.reason.clone(),
            (true, Some(r)) if r.label_ja.is_some() => {
                let label = rule_label(r);
                let rules = self.unless.join("、");
                if self.unless.is_empty() {
                    label
                } else if self.presumed {
                    t("unless", &[("reason", label), ("rules", rules)])
                } else {
                    t("could_still", &[("reason", label), ("rules", rules)])
                }
            }
            (true, _) => m
                .get(&format!(
                    "judgement_text.reason_{}_{}",
                    self.topic.code(),
                    self.basis
                ))
                .map_or_else(|| self.reason.clone(), str::to_owned),
        };
        let _ = writeln!(s, "      {}", t("why", &[("reason", reason)]));
        let cite = match (ja, deciding.and_then(|r| r.cite_ja.clone())) {
            (true, Some(c)) => c,
            _ => self.cite.clone(),
        };
        let _ = writeln!(s, "      {}", t("cite", &[("cite", cite)]));
        if let Some(sev) = &self.severity {
            let _ = writeln!(
                s,
                "      {}",
                t(
                    "severity",
                    &[
                        ("lo", sev.score[0].to_string()),
                        ("hi", sev.score[1].to_string()),
                        ("band_lo", sev.bands[0].clone()),
                        ("band_hi", sev.bands[1].clone()),
                    ]
                )
            );
        }
        for f in &self.factors {
            let weight = f.weight.map_or(String::new(), |[a, b]| {
                if (a - b).abs() < f64::EPSILON {
                    t("weight_one", &[("a", a.to_string())])
                } else {
                    t(
                        "weight_range",
                        &[("a", a.to_string()), ("b", b.to_string())],
                    )
                }
            });
            let _ = writeln!(
                s,
                "      {}",
                t(
                    "factor",
                    &[
                        ("id", f.id.clone()),
                        ("weight", weight),
                        ("label", f.label.clone()),
                        ("value", f.value.clone()),
                    ]
                )
            );
        }
        for r in self
            .rules
            .iter()
            .filter(|r| r.state != RuleState::NotMatched)
        {
            let state = match r.state {
                RuleState::Matched => t("matched", &[]),
                _ => t(
                    "could_apply",
                    &[("facts", r.unknown.join(if ja { "、" } else { ", " }))],
                ),
            };
            let _ = writeln!(
                s,
                "      {}",
                t(
                    "guidance",
                    &[
                        ("id", r.id.clone()),
                        ("conclusion", verdict("advisory", r.conclusion)),
                        ("state", state),
                        ("label", rule_label(r)),
                        ("cite", rule_cite(r)),
                    ]
                )
            );
        }
        match &self.decision {
            Some(d) => {
                let by =
                    d.by.as_ref()
                        .map_or(String::new(), |b| t("by", &[("by", b.as_str().to_owned())]));
                let at =
                    d.at.as_ref()
                        .map_or(String::new(), |a| t("at", &[("at", a.to_string())]));
                let _ = writeln!(
                    s,
                    "      {}",
                    t(
                        "decision",
                        &[
                            ("outcome", verdict("decision", d.outcome)),
                            ("path", d.path.clone()),
                            ("by", by),
                            ("at", at),
                        ]
                    )
                );
                if let Some(j) = &d.justification {
                    let _ = writeln!(
                        s,
                        "      {}",
                        t("justification", &[("text", j.as_str().to_owned())])
                    );
                }
                if self.disagreement {
                    let _ = writeln!(
                        s,
                        "      {}",
                        t(
                            "disagreement",
                            &[
                                ("advisory", verdict("advisory", self.advisory)),
                                ("decision", verdict("decision", d.outcome)),
                            ]
                        )
                    );
                }
            }
            None => {
                let _ = writeln!(s, "      {}", t("decision_none", &[]));
            }
        }
        let _ = writeln!(
            s,
            "      {}",
            t(
                "counts",
                &[("effective", verdict("advisory", self.effective))]
            )
        );
        for q in &self.questions {
            let text = q
                .args
                .get("fact")
                .and_then(|f| m.get(&format!("judgement_question.{f}")))
                .map_or_else(|| q.text.clone(), str::to_owned);
            let _ = writeln!(
                s,
                "      {}",
                t("question", &[("text", text), ("path", q.path.clone())])
            );
        }
        s
    }
}

/// The heading of an entity's judgement in `lang` (`== Judgement for sgc (advisory; …) ==`).
pub fn entity_heading(entity: &str, lang: Lang) -> String {
    crate::i18n::fill(
        &Messages::builtin(lang).t("judgement_text.heading"),
        &|name| (name == "entity").then(|| entity.to_owned()),
    )
}
