//! What the engine returns: obligations with deadlines, filing state, citations, traces and the
//! questions that would change the answer.

use chrono::{DateTime, Utc};

use breachkit_model::{EntityId, RecipientKind, ReportId};

use crate::ruleset::{Confidence, Stage};

/// Whether an obligation applies.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The facts make it required.
    Required,
    /// The facts rule it out.
    NotRequired,
    /// Unknown facts decide it; see the questions.
    Undetermined,
}

impl Status {
    /// Snake-case code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Required => "required",
            Status::NotRequired => "not_required",
            Status::Undetermined => "undetermined",
        }
    }
}

/// The recipient of an obligation.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct RecipientOut {
    /// Kind.
    pub kind: RecipientKind,
    /// Body id, when the recipient is a body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Name for people.
    pub name: String,
    /// The entity, when the recipient is another organisation of the incident (a controller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
    /// Routing notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routing: Vec<String>,
    /// Other recipient kinds whose recorded reports (without a body id) discharge the obligation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepts: Vec<RecipientKind>,
}

/// Where the clock's start came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartBasis {
    /// A recorded `aware` event.
    Aware,
    /// No `aware` event: the first detection, the earliest the entity can have become aware.
    DetectedAsEarliestAwareness,
    /// Nothing recorded: no deadline can be computed.
    Unknown,
}

/// A non-binding target window.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct GuidanceWindow {
    /// First day of the window (local date).
    pub from: String,
    /// Last day of the window (local date).
    pub to: String,
    /// What the guidance says.
    pub text: String,
    /// Where.
    pub cite: String,
}

/// When an obligation is due.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Deadline {
    /// The legal standard in words ("within 30 days", "promptly").
    pub standard: String,
    /// The due instant, when the law fixes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateTime<Utc>>,
    /// The due instant as a local date and time in the recipient's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_local: Option<String>,
    /// The zone of `due_local`.
    pub time_zone: String,
    /// The instant the clock started from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<Utc>>,
    /// Where the start came from.
    pub start_basis: StartBasis,
    /// True when the deadline rests on an assumption (start known only to the day, start taken
    /// from detection, or a variant left open): it is the earliest the deadline can be.
    pub provisional: bool,
    /// A non-binding target, labelled as guidance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<GuidanceWindow>,
    /// How the days or hours were counted.
    pub counting: String,
}

/// What the incident's records say about this obligation.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingState {
    /// Not required: nothing to file.
    NotRequired,
    /// Made on or before the deadline.
    MadeOnTime,
    /// Made after the deadline.
    MadeLate,
    /// Made; there is no fixed deadline, or its timing against the deadline cannot be told.
    Made,
    /// Under way (notices being sent).
    InProgress,
    /// Not made yet, deadline not passed (or no fixed deadline).
    Pending,
    /// Not made and the deadline has passed as of `as_of`.
    Overdue,
    /// A report is recorded, but whether it was made by `as_of` cannot be told.
    Unknown,
}

/// The filing state and the report it rests on.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Filing {
    /// State as of `as_of`.
    pub state: FilingState,
    /// The recorded report it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportId>,
    /// Explanation.
    pub note: String,
}

/// A citation, resolved to its source.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct CitationOut {
    /// Article.
    pub article: String,
    /// Source title.
    pub source: String,
    /// Source URL.
    pub url: String,
}

/// A required content item.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct ContentOut {
    /// Identifier.
    pub id: String,
    /// Label.
    pub label: String,
    /// Article.
    pub cite: String,
}

/// One step of the explanation.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct TraceStep {
    /// The clause or step (`trigger r7-iii`, `clock`, `filing`).
    pub step: String,
    /// Its outcome (`yes`, `no`, `unknown`, `not established`, a date).
    pub outcome: String,
    /// Facts used and rule applied.
    pub detail: String,
}

/// A question whose answer would change or firm up the result.
#[derive(
    Clone, PartialEq, Eq, Debug, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Question {
    /// Stable identifier (`breach.encryption`, `sgc.aware`).
    pub id: String,
    /// The question.
    pub text: String,
    /// Where in the incident document to record the answer (JSON pointer).
    pub path: String,
}

/// One obligation: an entity, a regime, a recipient and a stage.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Obligation {
    /// Stable identifier: `entity/regime/rule[/recipient]`.
    pub id: String,
    /// The obligated entity.
    pub obligor: EntityId,
    /// Its name.
    pub obligor_name: String,
    /// Regime id.
    pub regime: String,
    /// Regime version.
    pub regime_version: String,
    /// Rule id within the regime.
    pub rule: String,
    /// Name for people.
    pub name: String,
    /// Recipient.
    pub recipient: RecipientOut,
    /// Stage.
    pub stage: Stage,
    /// Required, not required or undetermined.
    pub status: Status,
    /// Deadline.
    pub deadline: Deadline,
    /// Content the report must carry.
    pub content: Vec<ContentOut>,
    /// What the records say.
    pub filing: Filing,
    /// Citations.
    pub citations: Vec<CitationOut>,
    /// How sure breachkit is of the rule.
    pub confidence: Confidence,
    /// Explanation.
    pub trace: Vec<TraceStep>,
    /// Questions that would change or firm up the result.
    pub questions: Vec<Question>,
    /// Notes from the rule (unsettled points, routing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A regime considered for an entity and found not to apply, with why.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct NotApplicable {
    /// Entity.
    pub entity: EntityId,
    /// Regime.
    pub regime: String,
    /// Why.
    pub reason: String,
}

/// A regime version used in an assessment that does not come from breachkit's built-in files.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct RuleOrigin {
    /// The version, as in [`Assessment::rules`] (`eu.gdpr@2018-05-25`).
    pub rules: String,
    /// The file it was loaded from.
    pub file: String,
    /// The file of the version it replaced (same id and `effective_from`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// The result of assessing one incident as of one instant.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Assessment {
    /// The incident.
    pub incident: String,
    /// The instant the assessment is made as of (an input; the engine never reads the clock).
    pub as_of: DateTime<Utc>,
    /// Regime versions used (`jp.appi@2024-04-01`).
    pub rules: Vec<String>,
    /// The versions used that are not built in (a counsel's rule files): which file, and which
    /// loaded file it replaced. Empty with the built-in rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<RuleOrigin>,
    /// Obligations, by entity (document order), regime, rule order.
    pub obligations: Vec<Obligation>,
    /// Regimes that do not apply to an entity.
    pub not_applicable: Vec<NotApplicable>,
    /// Every question, deduplicated and sorted.
    pub questions: Vec<Question>,
}

impl Assessment {
    /// The obligations of one entity.
    pub fn for_entity<'a>(&'a self, entity: &'a str) -> impl Iterator<Item = &'a Obligation> + 'a {
        self.obligations
            .iter()
            .filter(move |o| o.obligor.as_str() == entity)
    }

    /// The assessment restricted to one entity: its obligations, its not-applicable regimes and
    /// only the questions those obligations ask.
    pub fn only_entity(&self, entity: &str) -> Assessment {
        let obligations: Vec<Obligation> = self.for_entity(entity).cloned().collect();
        let mut questions: Vec<Question> = obligations
            .iter()
            .flat_map(|o| o.questions.iter().cloned())
            .collect();
        questions.sort();
        questions.dedup();
        Assessment {
            incident: self.incident.clone(),
            as_of: self.as_of,
            rules: self.rules.clone(),
            overrides: self.overrides.clone(),
            obligations,
            not_applicable: self
                .not_applicable
                .iter()
                .filter(|n| n.entity.as_str() == entity)
                .cloned()
                .collect(),
            questions,
        }
    }

    /// The obligation with this id.
    pub fn get(&self, id: &str) -> Option<&Obligation> {
        self.obligations.iter().find(|o| o.id == id)
    }

    /// Canonical JSON, pretty-printed with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON form reads back to the same assessment (bindings pickle through it).
    #[test]
    fn json_round_trip() -> Result<(), Box<dyn std::error::Error>> {
        let incident = breachkit_model::Incident::from_json(include_str!(
            "../../../docs/examples/seiko-2023.json"
        ))?;
        let a = crate::assess(&incident, "2023-08-01T03:00:00Z".parse()?)?;
        let back: Assessment = serde_json::from_str(&a.to_json())?;
        assert_eq!(back, a);
        Ok(())
    }
}
