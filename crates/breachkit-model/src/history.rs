//! The history of an incident: every revision kept, "what did we know on day N", and a typed
//! diff between two revisions.
//!
//! A breach is a story that changes: counts, data items and measures often appear weeks after
//! detection. An [`IncidentHistory`] is the sequence of [`Revision`]s of one incident, each the
//! full document as recorded at an instant by an author. [`IncidentHistory::current_at`] gives
//! the revision that was current at an instant ("known as of"), which is distinct from the dates
//! of the facts inside it.
//!
//! [`diff`] compares two incidents: a generic JSON-pointer diff ([`json_diff`]) underneath, then
//! each change classified ([`ChangeKind`]: count changed, group added, report added, ...).
//! Changes carry paths and identifiers only, never values, so they are safe to log; look a value
//! up with the pointer when it is needed.
//!
//! ```
//! use breachkit_model::{Incident, IncidentHistory, ChangeKind, diff};
//! let a = Incident::from_json(r#"{"schema_version": "0.1", "id": "demo"}"#)?;
//! let b = Incident::from_json(r#"{"schema_version": "0.1", "id": "demo",
//!     "groups": [{"id": "customers", "kind": "customers"}]}"#)?;
//! let changes = diff(&a, &b);
//! assert_eq!(changes[0].kind, ChangeKind::GroupAdded);
//! assert_eq!(changes[0].path, "/groups/0");
//! # Ok::<(), breachkit_model::ModelError>(())
//! ```

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::error::ModelError;
use crate::ids::{IncidentId, Text};
use crate::incident::{Incident, SCHEMA_VERSION};
use crate::io::{from_value, json_value, toml_value};
use crate::validate::{Problem, Severity};

/// One recorded state of an incident.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// 1 for the first revision, then one more for each.
    pub number: u32,
    /// The instant this revision was recorded: from then on, it is what was known.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it: a free identifier (a login, a role). Never checked against anything.
    pub author: Text,
    /// Why this revision was made ("second public report").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The whole incident document as known then.
    pub incident: Incident,
}

/// Every revision of one incident, oldest first.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentHistory {
    /// Format version; `0.1`.
    pub schema_version: String,
    /// The incident's identifier; every revision's document carries the same.
    pub id: IncidentId,
    /// Free notes about the history itself (its sources, what could not be read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// The revisions, numbered 1, 2, ... in the order they were recorded.
    pub revisions: Vec<Revision>,
}

impl IncidentHistory {
    /// An empty history of an incident.
    pub fn new(id: IncidentId) -> Self {
        IncidentHistory {
            schema_version: SCHEMA_VERSION.to_owned(),
            id,
            notes: None,
            revisions: Vec::new(),
        }
    }

    /// The revision current at `as_of`: the last one recorded at or before it. `None` when the
    /// first revision was recorded later.
    ///
    /// ```
    /// # use breachkit_model::{Incident, IncidentHistory, Revision, Text};
    /// let doc = Incident::from_json(r#"{"schema_version": "0.1", "id": "demo"}"#)?;
    /// let mut h = IncidentHistory::new(doc.id.clone());
    /// h.revisions.push(Revision { number: 1, recorded_at: "2023-08-10T02:00:00Z".parse().unwrap(),
    ///     author: Text::new("dpo"), note: None, incident: doc });
    /// assert!(h.current_at("2023-08-01T00:00:00Z".parse().unwrap()).is_none());
    /// assert_eq!(h.current_at("2023-08-11T00:00:00Z".parse().unwrap()).map(|r| r.number), Some(1));
    /// # Ok::<(), breachkit_model::ModelError>(())
    /// ```
    pub fn current_at(&self, as_of: DateTime<Utc>) -> Option<&Revision> {
        self.revisions
            .iter()
            .filter(|r| r.recorded_at <= as_of)
            .max_by_key(|r| (r.recorded_at, r.number))
    }

    /// The latest revision.
    pub fn latest(&self) -> Option<&Revision> {
        self.revisions.iter().max_by_key(|r| r.number)
    }

    /// The revision with this number.
    pub fn revision(&self, number: u32) -> Option<&Revision> {
        self.revisions.iter().find(|r| r.number == number)
    }

    /// Appends a revision on top of `parent` (the number the writer last saw; 0 for none).
    ///
    /// # Errors
    /// [`ModelError::StaleRevision`] when `parent` is not the latest number (someone else wrote
    /// in between), [`ModelError::Shape`] when the document is of another incident or the
    /// instant is earlier than the latest revision's.
    pub fn push(
        &mut self,
        parent: u32,
        recorded_at: DateTime<Utc>,
        author: Text,
        note: Option<Text>,
        incident: Incident,
    ) -> Result<&Revision, ModelError> {
        let latest = self.latest().map_or(0, |r| r.number);
        if parent != latest {
            return Err(ModelError::StaleRevision {
                expected: parent,
                latest,
            });
        }
        if incident.id != self.id {
            return Err(ModelError::Shape {
                path: "/id".to_owned(),
                message: "the revision's incident id differs from the history's".to_owned(),
            });
        }
        if self.latest().is_some_and(|r| r.recorded_at > recorded_at) {
            return Err(ModelError::Shape {
                path: "/recorded_at".to_owned(),
                message: "a revision cannot be recorded before the latest one".to_owned(),
            });
        }
        let too_many = || ModelError::Shape {
            path: "/revisions".to_owned(),
            message: "a history holds at most 4,294,967,295 revisions".to_owned(),
        };
        let number = latest.checked_add(1).ok_or_else(too_many)?;
        self.revisions.push(Revision {
            number,
            recorded_at,
            author,
            note,
            incident,
        });
        self.revisions.last().ok_or_else(too_many)
    }

    /// Every problem of the history: numbering, order, ids, and each revision's own problems
    /// (with paths under `/revisions/<i>/incident`).
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let problem = |code: &str, path: String, message: &str| Problem {
            code: code.to_owned(),
            path,
            severity: Severity::Error,
            message: message.to_owned(),
        };
        if self.revisions.is_empty() {
            out.push(problem(
                "history_empty",
                "/revisions".to_owned(),
                "a history needs at least one revision",
            ));
        }
        for (i, r) in self.revisions.iter().enumerate() {
            let base = format!("/revisions/{i}");
            if usize::try_from(r.number).ok() != i.checked_add(1) {
                out.push(problem(
                    "revision_number",
                    format!("{base}/number"),
                    "revisions are numbered 1, 2, 3, ... in order",
                ));
            }
            let previous = i.checked_sub(1).and_then(|p| self.revisions.get(p));
            if previous.is_some_and(|p| p.recorded_at > r.recorded_at) {
                out.push(problem(
                    "revision_order",
                    format!("{base}/recorded_at"),
                    "a revision cannot be recorded before the one it follows",
                ));
            }
            if r.incident.id != self.id {
                out.push(problem(
                    "revision_incident_id",
                    format!("{base}/incident/id"),
                    "every revision must carry the history's incident id",
                ));
            }
            for mut p in r.incident.validate() {
                p.path = format!("{base}/incident{}", p.path);
                out.push(p);
            }
        }
        out
    }

    /// Reads a history from JSON.
    ///
    /// # Errors
    /// Syntax, size, depth and shape errors, each naming where and which rule, never the value.
    pub fn from_json(text: &str) -> Result<IncidentHistory, ModelError> {
        history_from_value(json_value(text)?)
    }

    /// Reads a history from TOML.
    ///
    /// # Errors
    /// As [`IncidentHistory::from_json`].
    pub fn from_toml(text: &str) -> Result<IncidentHistory, ModelError> {
        history_from_value(toml_value(text)?)
    }

    /// The canonical JSON form: pretty-printed, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The TOML form.
    ///
    /// # Errors
    /// Never for histories built from this crate's types (kept because TOML writing is fallible).
    pub fn to_toml(&self) -> Result<String, ModelError> {
        toml::to_string(self).map_err(|_| ModelError::Shape {
            path: "/".to_owned(),
            message: "cannot be written as TOML".to_owned(),
        })
    }
}

fn history_from_value(value: Value) -> Result<IncidentHistory, ModelError> {
    if let Some(v) = value.get("schema_version") {
        if v.as_str().is_some_and(|s| s != SCHEMA_VERSION) {
            return Err(ModelError::UnsupportedSchemaVersion {
                supported: SCHEMA_VERSION,
            });
        }
    }
    from_value(value)
}

/// What a raw JSON change does (RFC 6902's vocabulary).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Present only in the newer document.
    Add,
    /// Present only in the older document.
    Remove,
    /// Present in both with different values.
    Replace,
}

/// One raw difference between two JSON values.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct JsonChange {
    /// Add, remove or replace.
    pub op: Op,
    /// JSON pointer: into the newer document for `add` and `replace`, the older for `remove`.
    pub path: String,
}

/// Escapes one JSON-pointer segment (RFC 6901).
fn seg(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// The generic JSON diff: objects key by key, arrays of objects with an `id` by id, other arrays
/// of objects by equal elements first and then by `kind`, arrays of scalars as sets. Values are
/// compared whole where they differ in type.
pub fn json_diff(old: &Value, new: &Value) -> Vec<JsonChange> {
    let mut out = Vec::new();
    diff_at(old, new, String::new(), String::new(), &mut out);
    out
}

fn push(out: &mut Vec<JsonChange>, op: Op, path: String) {
    out.push(JsonChange { op, path });
}

/// A whole field added or removed: a non-empty array is reported element by element, so that a
/// first group is "group added", not "groups field added".
fn push_whole(out: &mut Vec<JsonChange>, op: Op, path: String, v: &Value) {
    match v {
        Value::Array(items) if !items.is_empty() => {
            for i in 0..items.len() {
                push(out, op, format!("{path}/{i}"));
            }
        }
        _ => push(out, op, path),
    }
}

fn diff_at(old: &Value, new: &Value, old_path: String, path: String, out: &mut Vec<JsonChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                match b.get(k) {
                    Some(vb) => diff_at(
                        va,
                        vb,
                        format!("{old_path}/{}", seg(k)),
                        format!("{path}/{}", seg(k)),
                        out,
                    ),
                    None => push_whole(out, Op::Remove, format!("{old_path}/{}", seg(k)), va),
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    push_whole(out, Op::Add, format!("{path}/{}", seg(k)), vb);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => diff_array(a, b, &old_path, &path, out),
        _ => push(out, Op::Replace, path),
    }
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

// Every index below comes from `enumerate`, `position` or `0..len` over the slice it indexes, or
// indexes `matched_a`/`matched_b`, built with the lengths of `a` and `b`: none can be out of range.
#[allow(clippy::indexing_slicing)]
fn diff_array(a: &[Value], b: &[Value], old_path: &str, path: &str, out: &mut Vec<JsonChange>) {
    let keyed = !a.is_empty() || !b.is_empty();
    let by_id = keyed && a.iter().chain(b).all(|v| id_of(v).is_some());
    let mut matched_a = vec![false; a.len()];
    let mut matched_b = vec![false; b.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    if by_id {
        for (j, vb) in b.iter().enumerate() {
            if let Some(i) = a.iter().position(|va| id_of(va) == id_of(vb)) {
                if !matched_a[i] {
                    matched_a[i] = true;
                    matched_b[j] = true;
                    pairs.push((i, j));
                }
            }
        }
    } else {
        // Equal elements first, then objects of the same `kind` in order.
        for (j, vb) in b.iter().enumerate() {
            if let Some(i) = (0..a.len()).find(|&i| !matched_a[i] && a[i] == *vb) {
                matched_a[i] = true;
                matched_b[j] = true;
            }
        }
        for (j, vb) in b.iter().enumerate() {
            if matched_b[j] || !vb.is_object() {
                continue;
            }
            let kind = vb.get("kind");
            if kind.is_none() {
                continue;
            }
            if let Some(i) = (0..a.len()).find(|&i| !matched_a[i] && a[i].get("kind") == kind) {
                matched_a[i] = true;
                matched_b[j] = true;
                pairs.push((i, j));
            }
        }
    }
    for (i, j) in pairs {
        diff_at(
            &a[i],
            &b[j],
            format!("{old_path}/{i}"),
            format!("{path}/{j}"),
            out,
        );
    }
    for (i, m) in matched_a.iter().enumerate() {
        if !m {
            push(out, Op::Remove, format!("{old_path}/{i}"));
        }
    }
    for (j, m) in matched_b.iter().enumerate() {
        if !m {
            push(out, Op::Add, format!("{path}/{j}"));
        }
    }
}

/// What a change means for an incident.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// A count (a group's persons or records, a residence count, a total) was set or changed.
    CountChanged,
    /// A new affected group.
    GroupAdded,
    /// A group is no longer listed.
    GroupRemoved,
    /// A data category was added to a group (or to its not-affected list).
    CategoryAdded,
    /// A data category was removed from a group (or from its not-affected list).
    CategoryRemoved,
    /// Another field of a group changed.
    GroupChanged,
    /// A report, notice or announcement was recorded.
    ReportAdded,
    /// A recorded report is no longer listed.
    ReportRemoved,
    /// A recorded report changed (status, date, ...).
    ReportChanged,
    /// A timeline event was added.
    EventAdded,
    /// A timeline event is no longer listed.
    EventRemoved,
    /// A timeline event changed (for example it got a date).
    EventChanged,
    /// A measure was added.
    MeasureAdded,
    /// A measure is no longer listed.
    MeasureRemoved,
    /// A measure changed (for example planned → taken).
    MeasureChanged,
    /// An organisation was added.
    OrganisationAdded,
    /// An organisation is no longer listed.
    OrganisationRemoved,
    /// An organisation's details changed.
    OrganisationChanged,
    /// A fact about the breach itself changed (nature, cause, exfiltration, encryption, risk).
    BreachChanged,
    /// Any other field (title, summary, sources, notes, ...).
    FieldChanged,
}

impl ChangeKind {
    /// The wire code (`count_changed`, ...).
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::CountChanged => "count_changed",
            ChangeKind::GroupAdded => "group_added",
            ChangeKind::GroupRemoved => "group_removed",
            ChangeKind::CategoryAdded => "category_added",
            ChangeKind::CategoryRemoved => "category_removed",
            ChangeKind::GroupChanged => "group_changed",
            ChangeKind::ReportAdded => "report_added",
            ChangeKind::ReportRemoved => "report_removed",
            ChangeKind::ReportChanged => "report_changed",
            ChangeKind::EventAdded => "event_added",
            ChangeKind::EventRemoved => "event_removed",
            ChangeKind::EventChanged => "event_changed",
            ChangeKind::MeasureAdded => "measure_added",
            ChangeKind::MeasureRemoved => "measure_removed",
            ChangeKind::MeasureChanged => "measure_changed",
            ChangeKind::OrganisationAdded => "organisation_added",
            ChangeKind::OrganisationRemoved => "organisation_removed",
            ChangeKind::OrganisationChanged => "organisation_changed",
            ChangeKind::BreachChanged => "breach_changed",
            ChangeKind::FieldChanged => "field_changed",
        }
    }
}

/// One typed change between two revisions of an incident.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Change {
    /// What the change means.
    pub kind: ChangeKind,
    /// Add, remove or replace.
    pub op: Op,
    /// JSON pointer: into the newer document for additions and replacements, the older one for
    /// removals. Where a count changed shape (unknown → approximate), the pointer is the count.
    pub path: String,
    /// The id of the group, report or organisation concerned, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The typed changes from `old` to `new`, in document order (a count that changed shape is one
/// change, not one per field).
pub fn diff(old: &Incident, new: &Incident) -> Vec<Change> {
    let a = serde_json::to_value(old).unwrap_or(Value::Null);
    let b = serde_json::to_value(new).unwrap_or(Value::Null);
    let mut out: Vec<Change> = Vec::new();
    for raw in json_diff(&a, &b) {
        let doc = if raw.op == Op::Remove { &a } else { &b };
        let c = classify(&raw, doc);
        if out
            .last()
            .is_some_and(|l| l.kind == c.kind && l.path == c.path)
        {
            continue;
        }
        out.push(c);
    }
    out
}

fn classify(raw: &JsonChange, doc: &Value) -> Change {
    let parts: Vec<&str> = raw.path.split('/').skip(1).collect();
    let top = parts.first().copied().unwrap_or("");
    let id = |n: usize| -> Option<String> {
        let p = format!("/{}", parts.get(..n)?.join("/"));
        doc.pointer(&p).and_then(id_of).map(str::to_owned)
    };
    let whole = parts.len() == 2;
    let (added, removed) = (raw.op == Op::Add, raw.op == Op::Remove);
    let pick = |add: ChangeKind, rem: ChangeKind, chg: ChangeKind| {
        if whole && added {
            add
        } else if whole && removed {
            rem
        } else {
            chg
        }
    };
    // A count is one value: cut the pointer at the count.
    let count_at = parts.iter().position(|p| matches!(*p, "count" | "records"));
    let mut path = raw.path.clone();
    let kind = match top {
        "groups" => {
            if let Some(k) = count_at {
                path = format!("/{}", parts.get(..=k).unwrap_or(&parts).join("/"));
                ChangeKind::CountChanged
            } else if matches!(parts.get(2), Some(&("categories" | "not_affected"))) {
                match raw.op {
                    Op::Add => ChangeKind::CategoryAdded,
                    Op::Remove => ChangeKind::CategoryRemoved,
                    Op::Replace => ChangeKind::GroupChanged,
                }
            } else {
                pick(
                    ChangeKind::GroupAdded,
                    ChangeKind::GroupRemoved,
                    ChangeKind::GroupChanged,
                )
            }
        }
        "totals" => {
            if let Some(field) = parts.get(1) {
                path = format!("/totals/{field}");
            }
            ChangeKind::CountChanged
        }
        "reports" => pick(
            ChangeKind::ReportAdded,
            ChangeKind::ReportRemoved,
            ChangeKind::ReportChanged,
        ),
        "timeline" => pick(
            ChangeKind::EventAdded,
            ChangeKind::EventRemoved,
            ChangeKind::EventChanged,
        ),
        "measures" => pick(
            ChangeKind::MeasureAdded,
            ChangeKind::MeasureRemoved,
            ChangeKind::MeasureChanged,
        ),
        "organisations" => pick(
            ChangeKind::OrganisationAdded,
            ChangeKind::OrganisationRemoved,
            ChangeKind::OrganisationChanged,
        ),
        "breach" => ChangeKind::BreachChanged,
        _ => ChangeKind::FieldChanged,
    };
    let id = match top {
        "groups" | "reports" | "organisations" if parts.len() >= 2 => id(2),
        _ => None,
    };
    Change {
        kind,
        op: raw.op,
        path,
        id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalar_arrays_are_sets() {
        let d = json_diff(&json!({"a": [1, 2, 3]}), &json!({"a": [3, 1, 4]}));
        assert_eq!(
            d,
            vec![
                JsonChange {
                    op: Op::Remove,
                    path: "/a/1".into()
                },
                JsonChange {
                    op: Op::Add,
                    path: "/a/2".into()
                },
            ]
        );
    }

    #[test]
    fn objects_with_ids_match_by_id_and_pointers_are_escaped() {
        let d = json_diff(
            &json!({"g": [{"id": "x", "n": 1}, {"id": "y"}], "a/b": 1}),
            &json!({"g": [{"id": "y"}, {"id": "x", "n": 2}], "a/b": 2}),
        );
        assert_eq!(
            d,
            vec![
                JsonChange {
                    op: Op::Replace,
                    path: "/g/1/n".into()
                },
                JsonChange {
                    op: Op::Replace,
                    path: "/a~1b".into()
                },
            ]
        );
    }

    #[test]
    fn equal_documents_have_no_changes() {
        let v = json!({"x": [{"kind": "a"}, {"kind": "a"}], "y": {"z": null}});
        assert!(json_diff(&v, &v).is_empty());
    }

    #[test]
    fn count_shape_change_is_one_change() {
        let a = Incident::from_json(
            r#"{"schema_version": "0.1", "id": "d", "groups": [{"id": "c", "kind": "customers",
            "count": {"kind": "unknown", "reason": "to_be_determined"}}]}"#,
        )
        .unwrap();
        let b = Incident::from_json(
            r#"{"schema_version": "0.1", "id": "d", "groups": [{"id": "c", "kind": "customers",
            "count": {"kind": "approximate", "value": 100}, "categories": ["name"]}]}"#,
        )
        .unwrap();
        let d = diff(&a, &b);
        let kinds: Vec<_> = d.iter().map(|c| (c.kind, c.path.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (ChangeKind::CountChanged, "/groups/0/count"),
                (ChangeKind::CategoryAdded, "/groups/0/categories/0"),
            ]
        );
        assert_eq!(d[0].id.as_deref(), Some("c"));
    }

    #[test]
    fn measure_status_change_is_matched_by_kind() {
        let a = Incident::from_json(
            r#"{"schema_version": "0.1", "id": "d", "measures": [{"kind": "mfa", "status": "planned"}]}"#,
        )
        .unwrap();
        let b = Incident::from_json(
            r#"{"schema_version": "0.1", "id": "d", "measures": [{"kind": "edr", "status": "taken"}, {"kind": "mfa", "status": "taken"}]}"#,
        )
        .unwrap();
        let d = diff(&a, &b);
        let kinds: Vec<_> = d.iter().map(|c| (c.kind, c.op, c.path.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (
                    ChangeKind::MeasureChanged,
                    Op::Replace,
                    "/measures/1/status"
                ),
                (ChangeKind::MeasureAdded, Op::Add, "/measures/0"),
            ]
        );
    }

    fn doc(id: &str) -> Incident {
        Incident::from_json(&format!(r#"{{"schema_version": "0.1", "id": "{id}"}}"#)).unwrap()
    }

    #[test]
    fn push_refuses_a_stale_parent_and_current_at_picks_the_last_recorded() {
        let mut h = IncidentHistory::new(doc("d").id);
        let t1: DateTime<Utc> = "2023-08-10T02:00:00Z".parse().unwrap();
        let t2: DateTime<Utc> = "2023-08-22T04:00:00Z".parse().unwrap();
        h.push(0, t1, Text::new("a"), None, doc("d")).unwrap();
        h.push(1, t2, Text::new("a"), None, doc("d")).unwrap();
        assert_eq!(
            h.push(1, t2, Text::new("b"), None, doc("d")).err(),
            Some(ModelError::StaleRevision {
                expected: 1,
                latest: 2
            })
        );
        assert!(h.push(2, t1, Text::new("b"), None, doc("d")).is_err());
        assert!(h.push(2, t2, Text::new("b"), None, doc("other")).is_err());
        assert_eq!(h.current_at(t1).map(|r| r.number), Some(1));
        assert_eq!(
            h.current_at("2023-08-22T03:59:59Z".parse().unwrap())
                .map(|r| r.number),
            Some(1)
        );
        assert_eq!(h.current_at(t2).map(|r| r.number), Some(2));
        assert!(h.validate().is_empty());
        h.revisions[1].number = 7;
        assert_eq!(h.validate()[0].code, "revision_number");
    }
}
