//! Rendering the typed assessment in a language: the message catalogues (`i18n/en.toml`,
//! `i18n/ja.toml`) for the engine's own words, and per-regime translation files
//! (`rules/i18n/<lang>/*.toml`) for the words of the rule files (names, clause labels, citations,
//! notes). The engine decides in codes; this module only writes sentences.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::assessment::*;
use crate::error::RulesError;
use crate::load::Ruleset;

/// A language the assessment can be rendered in.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Every language.
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Ja];

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

impl FromStr for Lang {
    type Err = RulesError;
    fn from_str(s: &str) -> Result<Lang, RulesError> {
        match s {
            "en" => Ok(Lang::En),
            "ja" => Ok(Lang::Ja),
            _ => Err(RulesError::UnknownLanguage),
        }
    }
}

/// A flat message catalogue: `section.key` → template.
#[derive(Debug)]
pub struct Messages {
    map: BTreeMap<String, String>,
}

fn flatten(prefix: &str, v: &toml::Value, out: &mut BTreeMap<String, String>) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
        }
        _ => {}
    }
}

const EN: &str = include_str!("../i18n/en.toml");
const JA: &str = include_str!("../i18n/ja.toml");

impl Messages {
    /// Parses a catalogue.
    ///
    /// # Errors
    /// [`RulesError::Syntax`] when the text is not TOML.
    pub fn parse(file: &str, text: &str) -> Result<Messages, RulesError> {
        let v: toml::Table = toml::from_str(text).map_err(|e: toml::de::Error| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            RulesError::Syntax {
                file: file.to_owned(),
                line,
                column,
            }
        })?;
        let mut map = BTreeMap::new();
        flatten("", &toml::Value::Table(v), &mut map);
        Ok(Messages { map })
    }

    /// The built-in catalogue of a language (parsed once per process).
    pub fn builtin(lang: Lang) -> &'static Messages {
        static CATS: OnceLock<[Messages; 2]> = OnceLock::new();
        let cats = CATS.get_or_init(|| {
            let parse = |name: &str, text: &str| {
                Messages::parse(name, text).unwrap_or(Messages {
                    map: BTreeMap::new(),
                })
            };
            [parse("en.toml", EN), parse("ja.toml", JA)]
        });
        match lang {
            Lang::En => &cats[0],
            Lang::Ja => &cats[1],
        }
    }

    /// The template at `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// Every key.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// The template at `key`, or the key itself when missing (a test guards completeness).
    pub(crate) fn t(&self, key: &str) -> String {
        self.get(key).unwrap_or(key).to_owned()
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count().saturating_add(1);
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        .saturating_add(1);
    (line, column)
}

/// Substitutes `{name}` placeholders in one pass over the template: inserted values are never
/// scanned again, so text from an incident can never act as a placeholder.
pub fn fill(template: &str, args: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (head, tail) = rest.split_at(open);
        out.push_str(head);
        match tail.find('}') {
            Some(close) => {
                let name = tail.get(1..close).unwrap_or("");
                let valid =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                match (valid, valid.then(|| args(name)).flatten()) {
                    (true, Some(v)) => out.push_str(&v),
                    _ => out.push_str(tail.get(..=close).unwrap_or("")),
                }
                rest = tail.get(close.saturating_add(1)..).unwrap_or("");
            }
            None => {
                out.push_str(tail);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words of one regime's rule files in one language (`rules/i18n/<lang>/<file>.toml`).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeTranslation {
    /// The regime id it translates.
    pub regime: String,
    /// The regime's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Clause labels and citations by clause id (shared by every obligation of the regime).
    #[serde(default)]
    pub clauses: BTreeMap<String, ClauseTranslation>,
    /// Content item labels by id.
    #[serde(default)]
    pub content: BTreeMap<String, String>,
    /// Content item labels by id, where an obligation words them differently.
    #[serde(default)]
    pub content_overrides: BTreeMap<String, BTreeMap<String, String>>,
    /// Recipient names by body id.
    #[serde(default)]
    pub bodies: BTreeMap<String, String>,
    /// The regime's unsettled points, in order.
    #[serde(default)]
    pub unsettled: Vec<String>,
    /// Per obligation.
    #[serde(default)]
    pub obligations: BTreeMap<String, ObligationTranslation>,
}

/// A clause's words.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseTranslation {
    /// Label.
    pub label: String,
    /// Citation.
    #[serde(default)]
    pub cite: Option<String>,
    /// Why an unknown exemption is not established (`basis` in the rule file), where it differs
    /// between obligations keyed by obligation id, else under `"*"`.
    #[serde(default)]
    pub basis: BTreeMap<String, String>,
}

/// An obligation's words.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObligationTranslation {
    /// Name.
    pub name: String,
    /// Recipient name, where the recipient has no body id.
    #[serde(default)]
    pub recipient: Option<String>,
    /// The legal standard of the clock.
    #[serde(default)]
    pub standard: Option<String>,
    /// The clock's citation.
    #[serde(default)]
    pub clock_cite: Option<String>,
    /// The source of the day-counting convention.
    #[serde(default)]
    pub counting_cite: Option<String>,
    /// The guidance text.
    #[serde(default)]
    pub guidance: Option<String>,
    /// The guidance citation.
    #[serde(default)]
    pub guidance_cite: Option<String>,
    /// Notes, in the order of the rule file.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Citations' articles, in the order of the rule file.
    #[serde(default)]
    pub citations: Vec<String>,
    /// Content item citations by id.
    #[serde(default)]
    pub content_cites: BTreeMap<String, String>,
}

const TRANSLATIONS: &[(Lang, &str, &str)] = &[(
    Lang::Ja,
    "ja/jp-appi.toml",
    include_str!("../rules/i18n/ja/jp-appi.toml"),
)];

/// The built-in translations of rule files.
pub fn builtin_translations() -> &'static [(Lang, RegimeTranslation)] {
    static T: OnceLock<Vec<(Lang, RegimeTranslation)>> = OnceLock::new();
    T.get_or_init(|| {
        TRANSLATIONS
            .iter()
            .filter_map(|(l, _, text)| toml::from_str(text).ok().map(|t| (*l, t)))
            .collect()
    })
}

/// Parses the built-in message catalogues, for tests (the process-wide copies fall back to an
/// empty catalogue rather than panic): the first error, with its file.
///
/// # Errors
/// [`RulesError::Syntax`] naming the file.
pub fn check_builtin_messages() -> Result<(), RulesError> {
    Messages::parse("i18n/en.toml", EN)?;
    Messages::parse("i18n/ja.toml", JA)?;
    Ok(())
}

/// Parses the built-in translation files, for tests: the first error, with its file.
///
/// # Errors
/// [`RulesError::Syntax`] naming the file.
pub fn check_builtin_translations() -> Result<usize, RulesError> {
    for (_, file, text) in TRANSLATIONS {
        toml::from_str::<RegimeTranslation>(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            RulesError::Syntax {
                file: (*file).to_owned(),
                line,
                column,
            }
        })?;
    }
    Ok(TRANSLATIONS.len())
}

struct Renderer<'a> {
    m: &'a Messages,
    rs: &'a Ruleset,
    lang: Lang,
}

impl Renderer<'_> {
    fn tristate(&self, v: breachkit_model::Tristate) -> String {
        self.m.t(&format!("tristate.{}", v.code()))
    }

    fn class_label(&self, id: &str) -> String {
        self.rs
            .classes
            .get(id)
            .map(|c| match (self.lang, &c.label_ja) {
                (Lang::Ja, Some(l)) => l.clone(),
                _ => c.label.clone(),
            })
            .unwrap_or_else(|| id.to_owned())
    }

    fn arg(&self, args: &BTreeMap<String, String>, name: &str) -> Option<String> {
        let raw = args.get(name)?;
        let key = format!("arg.{name}.{raw}");
        match self.m.get(&key) {
            // A localised code may itself name other arguments (`{start_date}`): one pass over it
            // with the raw arguments.
            Some(t) => Some(fill(t, &|n| args.get(n).cloned())),
            None => {
                // Lists of codes: localise each element that has a translation.
                let sep = self.m.t("text.list_separator");
                if raw.contains(", ") {
                    let parts: Vec<String> = raw
                        .split(", ")
                        .map(|p| {
                            self.m
                                .get(&format!("arg.{name}.{p}"))
                                .map_or_else(|| p.to_owned(), str::to_owned)
                        })
                        .collect();
                    Some(parts.join(&sep))
                } else {
                    Some(raw.clone())
                }
            }
        }
    }

    fn fact(&self, f: &Fact) -> String {
        let template = self.m.t(&format!("fact.{}", f.code.code()));
        fill(&template, &|name| match name {
            "value" => f.value.map(|v| self.tristate(v)),
            "class_label" => f.args.get("class").map(|c| self.class_label(c)),
            "class_cite" => f
                .args
                .get("class")
                .and_then(|c| self.rs.classes.get(c))
                .map(|c| match (self.lang, &c.cite_ja) {
                    (Lang::Ja, Some(x)) => x.clone(),
                    _ => c.cite.clone(),
                }),
            // A head count: exact when the bounds meet, else a range or a floor.
            "people" => match (f.args.get("min"), f.args.get("max")) {
                (Some(a), Some(b)) if a == b => Some(a.clone()),
                (_, Some(_)) => Some(fill(&self.m.t("bounds.range"), &|n| f.args.get(n).cloned())),
                _ => Some(fill(&self.m.t("bounds.at_least"), &|n| {
                    f.args.get(n).cloned()
                })),
            },
            "bounds" => Some(match f.args.get("max") {
                Some(_) => fill(&self.m.t("bounds.range"), &|n| f.args.get(n).cloned()),
                None => fill(&self.m.t("bounds.at_least"), &|n| f.args.get(n).cloned()),
            }),
            other => self.arg(&f.args, other),
        })
    }

    fn facts(&self, fs: &[Fact]) -> String {
        let sep = self.m.t("text.sentence_separator");
        fs.iter()
            .map(|f| {
                let mut s = self.fact(f);
                // A clock fact may carry the source of its counting convention.
                if let Some(c) = f.args.get("counting_cite") {
                    s.push_str(&fill(&self.m.t("fact.clock_cite"), &|n| {
                        (n == "cite").then(|| c.clone())
                    }));
                }
                s
            })
            .collect::<Vec<_>>()
            .join(&sep)
    }

    fn question(&self, q: &Question) -> String {
        if q.kind == QuestionKind::Judgement {
            // The judgement's questions are worded per fact; until a catalogue words one, the
            // judgement's own (English) sentence stays.
            return q
                .args
                .get("fact")
                .and_then(|f| self.m.get(&format!("judgement_question.{f}")))
                .map_or_else(|| q.text.clone(), str::to_owned);
        }
        let template = self.m.t(&format!("question.{}", q.kind.code()));
        fill(&template, &|name| match name {
            "class_label" => q.args.get("class").map(|c| self.class_label(c)),
            "class_question" => {
                let class = self.rs.classes.get(q.args.get("class")?)?;
                let m = class
                    .maybe
                    .iter()
                    .find(|m| Some(&m.category) == q.args.get("category"))?;
                Some(match (self.lang, &m.question_ja) {
                    (Lang::Ja, Some(x)) => x.clone(),
                    _ => m.question.clone(),
                })
            }
            other => self.arg(&q.args, other),
        })
    }
}

/// The head of a trace step in `lang`: its kind (with the clause id) and its outcome, as the
/// text output's "why" line shows it.
pub fn step_head(step: &TraceStep, lang: Lang) -> String {
    let m = Messages::builtin(lang);
    let head = fill(&m.t(&format!("step.{}", step.kind.code())), &|n| match n {
        "clause" => step.clause.clone(),
        _ => None,
    });
    let outcome = fill(
        &m.t(&format!("outcome.{}", step.outcome.code())),
        &|name| match (&step.outcome, name) {
            (Outcome::Period { amount, .. }, "amount") => Some(amount.to_string()),
            (Outcome::Period { unit, .. }, "unit") => Some(
                m.get(&format!("arg.unit.{unit}"))
                    .unwrap_or(unit)
                    .to_owned(),
            ),
            (Outcome::Due { due_local }, "due_local") => Some(due_local.clone()),
            (Outcome::Filing { state }, "state") => {
                Some(m.t(&format!("filing_state.{}", state.code())))
            }
            _ => None,
        },
    );
    fill(&m.t("text.step_head"), &|n| match n {
        "step" => Some(head.clone()),
        "outcome" => Some(outcome.clone()),
        _ => None,
    })
}

fn translation(lang: Lang, regime: &str) -> Option<&'static RegimeTranslation> {
    builtin_translations()
        .iter()
        .find(|(l, t)| *l == lang && t.regime == regime)
        .map(|(_, t)| t)
}

/// A clause's label and citation in `lang`, from the built-in translation of its regime's rule
/// files (`None` where there is none: the rule file's own words are English).
/// A translation keyed `clause@version` applies to that regime version only and wins over the
/// plain `clause` key.
pub fn clause_words(
    lang: Lang,
    regime: &str,
    version: &str,
    clause: &str,
) -> Option<&'static ClauseTranslation> {
    let t = translation(lang, regime)?;
    t.clauses
        .get(&format!("{clause}@{version}"))
        .or_else(|| t.clauses.get(clause))
}

/// The citation of an obligation's content item in `lang`, from the built-in translation of its
/// regime's rule files (`None` where there is none: use the rule file's own citation).
pub fn content_cite(lang: Lang, regime: &str, rule: &str, content: &str) -> Option<&'static str> {
    translation(lang, regime)?
        .obligations
        .get(rule)?
        .content_cites
        .get(content)
        .map(String::as_str)
}

/// Renders every sentence of an assessment in `lang`: trace details, questions, filing notes,
/// deadline counting, not-applicable reasons, resolved recipient names, and (where a translation
/// of the rule file exists) the rule file's own words. Codes and values are untouched.
pub fn localize(a: &mut Assessment, rs: &Ruleset, lang: Lang) {
    let m = Messages::builtin(lang);
    let r = Renderer { m, rs, lang };
    a.lang = lang;
    for o in &mut a.obligations {
        let tr = if lang == Lang::En {
            None
        } else {
            translation(lang, &o.regime)
        };
        let ot = tr.and_then(|t| t.obligations.get(&o.rule));
        for step in &mut o.trace {
            if let (Some(t), Some(c)) = (tr, &step.clause) {
                let ct = t
                    .clauses
                    .get(&format!("{c}@{}", o.regime_version))
                    .or_else(|| t.clauses.get(c));
                if let Some(ct) = ct {
                    if step.label.is_some() {
                        step.label = Some(ct.label.clone());
                    }
                    if let Some(cite) = &ct.cite {
                        step.cite = Some(cite.clone());
                    }
                    let basis = ct.basis.get(&o.rule).or_else(|| ct.basis.get("*"));
                    for f in &mut step.facts {
                        if let (FactCode::NotEstablishedBasis, Some(b)) = (f.code, basis) {
                            f.args.insert("basis".into(), b.clone());
                        }
                    }
                }
            }
            if step.kind == StepKind::Clock {
                if let Some(c) = ot.and_then(|x| x.clock_cite.clone()) {
                    step.cite = Some(c);
                }
                if let Some(c) = ot.and_then(|x| x.counting_cite.as_ref()) {
                    for f in &mut step.facts {
                        if f.args.contains_key("counting_cite") {
                            f.args.insert("counting_cite".into(), c.clone());
                        }
                    }
                }
            }
            let mut detail = step_head(step, lang);
            if let Some(l) = &step.label {
                detail.push_str(" — ");
                detail.push_str(l);
            }
            if let Some(c) = &step.cite {
                detail.push_str(&fill(&m.t("fact.clock_cite"), &|n| {
                    (n == "cite").then(|| c.clone())
                }));
            }
            if !step.facts.is_empty() {
                detail.push_str(": ");
                detail.push_str(&r.facts(&step.facts));
            }
            step.detail = detail;
        }
        for q in &mut o.questions {
            q.text = r.question(q);
        }
        o.filing.note = r.fact(&o.filing.reason);
        if let Some(c) = ot.and_then(|x| x.counting_cite.as_ref()) {
            for f in &mut o.deadline.counting_steps {
                if f.args.contains_key("counting_cite") {
                    f.args.insert("counting_cite".into(), c.clone());
                }
            }
        }
        o.deadline.counting = r.facts(&o.deadline.counting_steps);
        if let Some(f) = &o.recipient.name_fact {
            o.recipient.name = r.fact(f);
        }
        if let Some(t) = tr {
            if let Some(n) = o.recipient.body.as_ref().and_then(|b| t.bodies.get(b)) {
                o.recipient.name = n.clone();
            } else if let Some(n) = ot.and_then(|x| x.recipient.clone()) {
                if o.recipient.entity.is_none() && o.recipient.name_fact.is_none() {
                    o.recipient.name = n;
                }
            }
            let overrides = t.content_overrides.get(&o.rule);
            for c in &mut o.content {
                if let Some(l) = overrides
                    .and_then(|m| m.get(&c.id))
                    .or_else(|| t.content.get(&c.id))
                {
                    c.label = l.clone();
                }
                if let Some(x) = ot.and_then(|x| x.content_cites.get(&c.id)) {
                    c.cite = x.clone();
                }
            }
            if let Some(ot) = ot {
                o.name = ot.name.clone();
                if let Some(s) = &ot.standard {
                    o.deadline.standard = s.clone();
                }
                if let (Some(g), Some(text)) = (&mut o.deadline.guidance, &ot.guidance) {
                    g.text = text.clone();
                    if let Some(c) = &ot.guidance_cite {
                        g.cite = c.clone();
                    }
                }
                let rule_notes = o.notes.len().saturating_sub(t.unsettled.len());
                if ot.notes.len() == rule_notes
                    && t.unsettled.len().checked_add(rule_notes) == Some(o.notes.len())
                {
                    o.notes = ot.notes.iter().chain(t.unsettled.iter()).cloned().collect();
                }
                if ot.citations.len() == o.citations.len() {
                    for (c, a) in o.citations.iter_mut().zip(&ot.citations) {
                        c.article = a.clone();
                    }
                }
            }
        }
    }
    for n in &mut a.not_applicable {
        let head = r.fact(&Fact::new(n.code));
        n.reason = if n.code == FactCode::ScopeNotMet || n.facts.is_empty() {
            if n.facts.is_empty() {
                head
            } else {
                format!("{head}: {}", r.facts(&n.facts))
            }
        } else {
            r.facts(&n.facts)
        };
    }
    for n in &mut a.not_covered {
        n.statement = r.facts(&n.facts);
    }
    for q in &mut a.questions {
        q.text = r.question(q);
    }
}
