//! Whole-document validation: every problem, each with a stable code, a JSON pointer and a
//! severity. Messages name the field and the rule, never the value.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::count::Count;
use crate::facts::{ContactKind, EncryptionState, EventKind, Role, Tristate};
use crate::ids::EntityId;
use crate::incident::{Event, Incident};
use crate::judgement::{CompromiseStatus, DataEffect};
use crate::problems::ProblemCode;
use crate::time::{InstantRange, PartialTime};

/// How serious a problem is.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Likely a mistake, but the document can be used.
    Warning,
    /// The document contradicts itself or refers to something missing.
    Error,
}

impl Severity {
    /// The wire code: `error` or `warning`.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in a document.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Stable code (`unknown_entity`, `aware_before_occurred`, ...).
    pub code: String,
    /// JSON pointer to the field.
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// What rule is broken. Never contains a value from the document.
    pub message: String,
}

impl Problem {
    fn new(code: ProblemCode, path: String, severity: Severity, message: &str) -> Self {
        Problem {
            code: code.code().to_owned(),
            path,
            severity,
            message: message.to_owned(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity.code(),
            self.code,
            self.path,
            self.message
        )
    }
}

struct Checker<'a> {
    incident: &'a Incident,
    problems: Vec<Problem>,
    entities: HashSet<&'a str>,
    /// Steps of work done, counted in every loop over the document, so that a test can assert
    /// that validation grows linearly with the input (see `tests/it/scaling.rs`).
    steps: u64,
}

impl<'a> Checker<'a> {
    fn error(&mut self, code: ProblemCode, path: String, message: &str) {
        self.problems
            .push(Problem::new(code, path, Severity::Error, message));
    }
    fn warning(&mut self, code: ProblemCode, path: String, message: &str) {
        self.problems
            .push(Problem::new(code, path, Severity::Warning, message));
    }

    fn step(&mut self) {
        self.steps = self.steps.saturating_add(1);
    }

    fn entity_ref(&mut self, id: &EntityId, path: String) {
        self.step();
        if !self.entities.contains(id.as_str()) {
            self.error(
                ProblemCode::UnknownEntity,
                path,
                "refers to an organisation id that is not in /organisations",
            );
        }
    }

    fn duplicates<'b>(&mut self, ids: impl Iterator<Item = &'b str>, base: &str, what: &str) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            self.step();
            if !seen.insert(id) {
                self.error(
                    ProblemCode::DuplicateId,
                    format!("/{base}/{i}/id"),
                    &format!("{what} ids must be unique"),
                );
            }
        }
    }

    fn resolve(&self, t: &PartialTime, event: Option<&Event>) -> Option<InstantRange> {
        t.resolve(self.incident.zone_for(event.and_then(|e| e.time_zone)))
    }

    fn zone_needed(&mut self, t: &PartialTime, event: Option<&Event>, path: String) {
        if t.needs_zone()
            && self
                .incident
                .zone_for(event.and_then(|e| e.time_zone))
                .is_none()
        {
            self.warning(
                ProblemCode::TimeZoneMissing,
                path,
                "a date or a time without offset needs a time zone: set /time_zone or the event's time_zone",
            );
        }
    }

    fn organisations(&mut self) {
        let inc = self.incident;
        self.duplicates(
            inc.organisations.iter().map(|o| o.id.as_str()),
            "organisations",
            "organisation",
        );
        let parents: HashMap<&str, &str> = inc
            .organisations
            .iter()
            .filter_map(|o| o.parent.as_ref().map(|p| (o.id.as_str(), p.as_str())))
            .collect();
        let on_cycle = self.on_parent_cycle(&parents);
        for (i, o) in inc.organisations.iter().enumerate() {
            self.step();
            let base = format!("/organisations/{i}");
            if o.name.is_blank() {
                self.error(
                    ProblemCode::BlankText,
                    format!("{base}/name"),
                    "must not be blank",
                );
            }
            if let Some(p) = &o.parent {
                self.entity_ref(p, format!("{base}/parent"));
                // With unique ids the chain from this parent is the one `parents` holds. An id
                // used twice (itself an error) may have another parent; that chain is walked,
                // a bounded number of steps, so duplicates cannot make this quadratic.
                let cycle = if parents.get(o.id.as_str()) == Some(&p.as_str()) {
                    on_cycle.contains(o.id.as_str())
                } else {
                    let mut cur = p.as_str();
                    let mut found = false;
                    for _ in 0..=crate::limits::MAX_DEPTH {
                        self.step();
                        if cur == o.id.as_str() {
                            found = true;
                            break;
                        }
                        match parents.get(cur) {
                            Some(next) => cur = next,
                            None => break,
                        }
                    }
                    found
                };
                if cycle {
                    self.error(
                        ProblemCode::ParentCycle,
                        format!("{base}/parent"),
                        "the parent chain leads back to this organisation",
                    );
                }
            }
            if o.establishments
                .iter()
                .filter(|e| e.main_eu_establishment)
                .count()
                > 1
            {
                self.error(
                    ProblemCode::SeveralMainEstablishments,
                    format!("{base}/establishments"),
                    "at most one establishment can be the main EU establishment",
                );
            }
            for (j, c) in o.contacts.iter().enumerate() {
                self.step();
                let p = format!("{base}/contacts/{j}/value");
                let v = c.value.as_str().trim();
                if v.is_empty() {
                    self.error(ProblemCode::BlankText, p, "must not be blank");
                } else if c.kind == ContactKind::Email && (!v.contains('@') || v.contains(' ')) {
                    self.error(
                        ProblemCode::ContactForm,
                        p,
                        "an email contact must look like name@domain",
                    );
                } else if matches!(c.kind, ContactKind::WebForm | ContactKind::Url)
                    && crate::ids::Url::try_new(v).is_err()
                {
                    self.error(
                        ProblemCode::ContactForm,
                        p,
                        "a web contact must be an absolute http(s) URL",
                    );
                }
            }
        }
    }

    /// The ids whose parent chain comes back to them. Each id is walked once: a walk stops at
    /// an id an earlier walk finished, so the work is linear in the number of organisations.
    fn on_parent_cycle<'p>(&mut self, parents: &HashMap<&'p str, &'p str>) -> HashSet<&'p str> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            OnPath,
            Done,
        }
        let mut mark: HashMap<&str, Mark> = HashMap::with_capacity(parents.len());
        let mut cycle = HashSet::new();
        let mut starts: Vec<&str> = parents.keys().copied().collect();
        starts.sort_unstable();
        for start in starts {
            let mut path: Vec<&str> = Vec::new();
            let mut cur = start;
            while !mark.contains_key(cur) {
                self.step();
                mark.insert(cur, Mark::OnPath);
                path.push(cur);
                match parents.get(cur) {
                    Some(next) => cur = next,
                    None => break,
                }
            }
            if mark.get(cur) == Some(&Mark::OnPath) {
                if let Some(pos) = path.iter().position(|x| *x == cur) {
                    cycle.extend(path.iter().skip(pos).copied());
                }
            }
            for p in path {
                self.step();
                mark.insert(p, Mark::Done);
            }
        }
        cycle
    }

    fn timeline(&mut self) {
        let inc = self.incident;
        for (i, e) in inc.timeline.iter().enumerate() {
            self.step();
            let base = format!("/timeline/{i}");
            for (j, id) in e.entities.iter().enumerate() {
                self.entity_ref(id, format!("{base}/entities/{j}"));
            }
            if e.at.is_none() && e.after.is_none() && e.before.is_none() {
                self.warning(
                    ProblemCode::EventTimeMissing,
                    base.clone(),
                    "an event needs `at`, or at least `after` or `before`",
                );
            }
            for (name, t) in [("at", &e.at), ("after", &e.after), ("before", &e.before)] {
                if let Some(t) = t {
                    self.zone_needed(t, Some(e), format!("{base}/{name}"));
                }
            }
            if let (Some(a), Some(b)) = (&e.after, &e.before) {
                if let (Some(a), Some(b)) = (self.resolve(a, Some(e)), self.resolve(b, Some(e))) {
                    if a.earliest > b.latest {
                        self.error(
                            ProblemCode::BoundsInverted,
                            format!("{base}/before"),
                            "`before` is earlier than `after`",
                        );
                    }
                }
            }
        }
        // Order of key events: for each pair, the earliest possible time of the later event must
        // not be after the latest possible time of the earlier one... reversed.
        let order = [
            (
                EventKind::Occurred,
                EventKind::Detected,
                ProblemCode::DetectedBeforeOccurred,
                "detection is dated before the incident started",
            ),
            (
                EventKind::Occurred,
                EventKind::Aware,
                ProblemCode::AwareBeforeOccurred,
                "awareness is dated before the incident started",
            ),
            (
                EventKind::Detected,
                EventKind::Aware,
                ProblemCode::AwareBeforeDetected,
                "awareness is dated before the first detection",
            ),
        ];
        for (first_kind, then_kind, code, msg) in order {
            // The latest `earliest` of the first kind: over events naming no entity (they concern
            // every entity), over all events, and per entity named. One warning per later event
            // dated before any earlier one it shares an entity with; linear in events + entities.
            let mut unscoped: Option<DateTime<Utc>> = None;
            let mut any: Option<DateTime<Utc>> = None;
            let mut by_entity: HashMap<&str, DateTime<Utc>> = HashMap::new();
            for (i, f) in self.dated(&first_kind) {
                self.step();
                let Some(e) = inc.timeline.get(i) else {
                    continue;
                };
                any = any.max(Some(f.earliest));
                if e.entities.is_empty() {
                    unscoped = unscoped.max(Some(f.earliest));
                }
                for x in &e.entities {
                    self.step();
                    let slot = by_entity.entry(x.as_str()).or_insert(f.earliest);
                    *slot = (*slot).max(f.earliest);
                }
            }
            for (j, t) in self.dated(&then_kind) {
                self.step();
                let Some(e) = inc.timeline.get(j) else {
                    continue;
                };
                let bound = if e.entities.is_empty() {
                    any
                } else {
                    let mut b = unscoped;
                    for x in &e.entities {
                        self.step();
                        b = b.max(by_entity.get(x.as_str()).copied());
                    }
                    b
                };
                if bound.is_some_and(|b| t.latest < b) {
                    self.warning(code, format!("/timeline/{j}/at"), msg);
                }
            }
        }
    }

    fn dated(&self, kind: &EventKind) -> Vec<(usize, InstantRange)> {
        self.incident
            .timeline
            .iter()
            .enumerate()
            .filter(|(_, e)| &e.kind == kind)
            .filter_map(|(i, e)| {
                e.at.as_ref()
                    .and_then(|t| self.resolve(t, Some(e)))
                    .map(|r| (i, r))
            })
            .collect()
    }

    fn count(&mut self, c: &Count, path: String) {
        if let Count::Range { min, max } = c {
            if min > max {
                self.error(
                    ProblemCode::CountRangeInverted,
                    path,
                    "range minimum is greater than its maximum",
                );
            }
        }
    }

    fn groups(&mut self) {
        let inc = self.incident;
        self.duplicates(inc.groups.iter().map(|g| g.id.as_str()), "groups", "group");
        for (i, g) in inc.groups.iter().enumerate() {
            self.step();
            let base = format!("/groups/{i}");
            if g.holders.is_empty() {
                self.warning(
                    ProblemCode::GroupWithoutHolder,
                    format!("{base}/holders"),
                    "no organisation is named as holding this group's data, so no obligation can be derived for it",
                );
            }
            for (j, h) in g.holders.iter().enumerate() {
                self.step();
                let hp = format!("{base}/holders/{j}");
                self.entity_ref(&h.entity, format!("{hp}/entity"));
                match (&h.role, &h.on_behalf_of) {
                    (Role::Processor, None) => self.warning(
                        ProblemCode::ProcessorWithoutController,
                        format!("{hp}/on_behalf_of"),
                        "a processor (entrusted party) should name the controller (entrustor) it works for",
                    ),
                    (Role::Processor, Some(c)) => {
                        self.entity_ref(c, format!("{hp}/on_behalf_of"));
                        if c == &h.entity {
                            self.error(ProblemCode::SelfReference, format!("{hp}/on_behalf_of"), "an entity cannot process on its own behalf");
                        }
                    }
                    (_, Some(_)) => self.warning(
                        ProblemCode::OnBehalfOfWithoutProcessor,
                        format!("{hp}/on_behalf_of"),
                        "only a processor acts on behalf of another entity",
                    ),
                    _ => {}
                }
            }
            self.count(&g.count, format!("{base}/count"));
            if let Some(r) = &g.records {
                self.count(r, format!("{base}/records"));
            }
            let not_affected: HashSet<_> = g.not_affected.iter().collect();
            for (j, c) in g.categories.iter().enumerate() {
                self.step();
                if not_affected.contains(c) {
                    self.error(
                        ProblemCode::CategoryContradiction,
                        format!("{base}/categories/{j}"),
                        "a category is listed both as affected and as not affected",
                    );
                }
            }
            let mut seen = BTreeSet::new();
            for (j, r) in g.residence.iter().enumerate() {
                self.step();
                self.count(&r.count, format!("{base}/residence/{j}/count"));
                if !seen.insert(r.jurisdiction.to_string()) {
                    self.error(
                        ProblemCode::DuplicateJurisdiction,
                        format!("{base}/residence/{j}/jurisdiction"),
                        "each jurisdiction may appear once per group",
                    );
                }
            }
            // Residents of countries (not subdivisions) cannot outnumber the group.
            let gmax = g.count.bounds().max;
            let rmin: u64 = g
                .residence
                .iter()
                .filter(|r| r.jurisdiction.subdivision().is_none())
                .map(|r| r.count.bounds().min)
                .fold(0u64, u64::saturating_add);
            if gmax.is_some_and(|m| rmin > m) {
                self.warning(
                    ProblemCode::ResidenceExceedsCount,
                    format!("{base}/residence"),
                    "residents by country add up to more than the group's count",
                );
            }
        }
        if let Some(total) = &inc.totals.persons {
            self.count(total, "/totals/persons".to_owned());
            let largest = inc
                .groups
                .iter()
                .map(|g| g.count.bounds().min)
                .max()
                .unwrap_or(0);
            if total.bounds().max.is_some_and(|m| m < largest) {
                self.warning(
                    ProblemCode::TotalsBelowGroup,
                    "/totals/persons".to_owned(),
                    "the total is smaller than one of the groups",
                );
            }
        }
        if let Some(r) = &inc.totals.records {
            self.count(r, "/totals/records".to_owned());
        }
    }

    fn breach(&mut self) {
        let b = &self.incident.breach;
        if b.encryption.state == EncryptionState::None
            && b.encryption.key_compromised == Tristate::Yes
        {
            self.warning(
                ProblemCode::KeyWithoutEncryption,
                "/breach/encryption/key_compromised".to_owned(),
                "a key is recorded as compromised but the data is recorded as not encrypted",
            );
        }
        if let Some(t) = &b.backups.restored {
            self.zone_needed(t, None, "/breach/backups/restored".to_owned());
        }
        for (i, d) in b.determinations.iter().enumerate() {
            for (j, id) in d.entities.iter().enumerate() {
                self.entity_ref(id, format!("/breach/determinations/{i}/entities/{j}"));
            }
            if let Some(t) = &d.at {
                self.zone_needed(t, None, format!("/breach/determinations/{i}/at"));
            }
        }
        self.judgement_facts();
    }

    fn judgement_facts(&mut self) {
        let b = &self.incident.breach;
        let none = b.data_effects.contains(&DataEffect::None);
        if none && b.data_effects.len() > 1 {
            self.error(
                ProblemCode::EffectsContradiction,
                "/breach/data_effects".to_owned(),
                "`none` means nothing happened to the data and cannot be combined with other effects",
            );
        }
        if b.compromise.status == CompromiseStatus::RuledOut
            && b.data_effects.iter().any(|e| *e != DataEffect::None)
        {
            self.warning(
                ProblemCode::RuledOutWithEffects,
                "/breach/compromise/status".to_owned(),
                "the compromise is recorded as ruled out, but effects on the data are recorded",
            );
        }
        if b.compromise.status == CompromiseStatus::RuledOut && b.compromise.basis.is_none() {
            self.warning(
                ProblemCode::RuledOutWithoutBasis,
                "/breach/compromise/basis".to_owned(),
                "a compromise ruled out should record the basis (the investigation's finding)",
            );
        }
        if b.recipient.recovery_confirmed == Tristate::Yes && b.recipient.recovered == Tristate::No
        {
            self.error(
                ProblemCode::RecoveryContradiction,
                "/breach/recipient/recovery_confirmed".to_owned(),
                "a recovery cannot be confirmed when the data is recorded as not recovered",
            );
        }
        if let Some(t) = &b.recipient.recovered_at {
            self.zone_needed(t, None, "/breach/recipient/recovered_at".to_owned());
        }
        for (i, d) in b.decisions.iter().enumerate() {
            if !d.outcome.fits(d.topic) {
                self.error(
                    ProblemCode::DecisionOutcomeMismatch,
                    format!("/breach/decisions/{i}/outcome"),
                    "this outcome does not answer this decision's topic",
                );
            }
            if d.justification.is_none() {
                self.warning(
                    ProblemCode::DecisionWithoutJustification,
                    format!("/breach/decisions/{i}/justification"),
                    "a recorded decision should say why",
                );
            }
            if d.by.is_none() {
                self.warning(
                    ProblemCode::DecisionWithoutAuthor,
                    format!("/breach/decisions/{i}/by"),
                    "a recorded decision should say who made it",
                );
            }
            if let Some(t) = &d.at {
                self.zone_needed(t, None, format!("/breach/decisions/{i}/at"));
            }
        }
        for (i, g) in self.incident.groups.iter().enumerate() {
            if g.vulnerable == Tristate::No && !g.vulnerabilities.is_empty() {
                self.error(
                    ProblemCode::VulnerabilityContradiction,
                    format!("/groups/{i}/vulnerable"),
                    "a group recorded as not vulnerable lists ways in which it is vulnerable",
                );
            }
        }
    }

    fn measures_and_reports(&mut self) {
        let inc = self.incident;
        for (i, m) in inc.measures.iter().enumerate() {
            self.step();
            for (j, id) in m.entities.iter().enumerate() {
                self.entity_ref(id, format!("/measures/{i}/entities/{j}"));
            }
            if let Some(t) = &m.at {
                self.zone_needed(t, None, format!("/measures/{i}/at"));
            }
        }
        self.duplicates(
            inc.reports.iter().map(|r| r.id.as_str()),
            "reports",
            "report",
        );
        let groups: BTreeSet<&str> = inc.groups.iter().map(|g| g.id.as_str()).collect();
        let mut sequences = BTreeSet::new();
        let first_occurred = self
            .dated(&EventKind::Occurred)
            .into_iter()
            .map(|(_, r)| r.earliest)
            .min();
        for (i, r) in inc.reports.iter().enumerate() {
            self.step();
            let base = format!("/reports/{i}");
            for (j, id) in r.by.iter().enumerate() {
                self.entity_ref(id, format!("{base}/by/{j}"));
            }
            for (j, g) in r.groups.iter().enumerate() {
                if !groups.contains(g.as_str()) {
                    self.error(
                        ProblemCode::UnknownGroup,
                        format!("{base}/groups/{j}"),
                        "refers to a group id that is not in /groups",
                    );
                }
            }
            if let Some(t) = &r.at {
                self.zone_needed(t, None, format!("{base}/at"));
                if let (Some(occ), Some(at)) = (first_occurred, self.resolve(t, None)) {
                    if at.latest < occ {
                        self.warning(
                            ProblemCode::ReportBeforeOccurred,
                            format!("{base}/at"),
                            "the report is dated before the incident started",
                        );
                    }
                }
            }
            if let Some(lang) = &r.language {
                let ok = !lang.is_empty()
                    && lang.len() <= 35
                    && lang.split('-').all(|p| {
                        !p.is_empty()
                            && p.len() <= 8
                            && p.bytes().all(|b| b.is_ascii_alphanumeric())
                    });
                if !ok {
                    self.error(
                        ProblemCode::LanguageTag,
                        format!("{base}/language"),
                        "expected a BCP 47 language tag such as ja or en-GB",
                    );
                }
            }
            if let Some(n) = r.sequence {
                if n > crate::limits::MAX_SEQUENCE {
                    self.error(
                        ProblemCode::SequenceTooLarge,
                        format!("{base}/sequence"),
                        "a report sequence number must be at most 9999",
                    );
                }
                let key = (
                    r.kind.code().into_owned(),
                    r.recipient.kind.code().into_owned(),
                    r.by.clone(),
                    n,
                );
                if !sequences.insert(key) {
                    self.warning(ProblemCode::DuplicateSequence, format!("{base}/sequence"), "two reports of the same kind, recipient and authors share a sequence number");
                }
            }
        }
    }
}

/// Validation codes that make a document unusable for assessing and drafting: every command
/// refuses a document with one of these before doing any work.
pub const INCONSISTENT_CODES: &[&str] = &["duplicate_id", "parent_cycle", "sequence_too_large"];

impl Incident {
    /// Every problem in the document, errors and warnings, in document order by section.
    ///
    /// An early, incomplete incident has no errors: missing facts are questions for the rules
    /// engine, not validation errors.
    ///
    /// At most [`crate::MAX_PROBLEMS`] problems are listed; when there are more, the last one has
    /// the code `too_many_problems` and says how many were left out.
    pub fn validate(&self) -> Vec<Problem> {
        self.validate_counted().0
    }

    /// [`Incident::validate`], and the number of steps of work it took (a count of loop
    /// iterations over the document, for tests asserting linear growth; not stable across
    /// versions).
    #[doc(hidden)]
    pub fn validate_counted(&self) -> (Vec<Problem>, u64) {
        let mut c = Checker {
            incident: self,
            problems: Vec::new(),
            entities: self.organisations.iter().map(|o| o.id.as_str()).collect(),
            steps: 0,
        };
        c.organisations();
        c.timeline();
        c.groups();
        c.breach();
        c.measures_and_reports();
        let mut problems = c.problems;
        if problems.len() > crate::limits::MAX_PROBLEMS {
            let rest = problems.split_off(crate::limits::MAX_PROBLEMS);
            let errors = rest
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            problems.push(Problem {
                code: ProblemCode::TooManyProblems.code().into(),
                path: "/".into(),
                severity: if errors > 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                message: format!(
                    "{} more problems not listed ({errors} errors, {} warnings); fix the ones above and validate again",
                    rest.len(),
                    rest.len().saturating_sub(errors)
                ),
            });
        }
        (problems, c.steps)
    }

    /// Refuses a document that contradicts itself in a way no assessment or draft can work
    /// around (see [`INCONSISTENT_CODES`]); every command calls this before any work.
    ///
    /// # Errors
    /// [`crate::ModelError::Inconsistent`] with the code and path of the first such problem.
    pub fn check_consistent(&self) -> Result<(), crate::ModelError> {
        match self.validate().into_iter().find(|p| {
            p.severity == Severity::Error && INCONSISTENT_CODES.contains(&p.code.as_str())
        }) {
            Some(p) => Err(crate::ModelError::Inconsistent {
                code: INCONSISTENT_CODES
                    .iter()
                    .copied()
                    .find(|c| *c == p.code)
                    .unwrap_or("inconsistent"),
                path: p.path,
            }),
            None => Ok(()),
        }
    }

    /// True when [`Incident::validate`] finds no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.validate()
            .iter()
            .all(|p| p.severity != Severity::Error)
    }
}
