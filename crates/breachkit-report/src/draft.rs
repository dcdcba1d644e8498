//! Building drafts from an incident: one [`Draft`] per document (per entity, per audience group).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use breachkit_model::{
    AffectedGroup, Cause, Count, DataCategory, EventKind, Exfiltration, GroupKind, Incident,
    MeasureStatus, Nature, Organisation, PartialTime, RecipientKind, ReportKind as RecKind,
    ReportRecord, ReportStatus, RiskLevel, Tristate, union_bounds,
};
use breachkit_rules::{Assessment, Stage, Status};

use crate::ReportError;
use crate::catalogue::{Catalogue, Lang};

/// The kinds of document breachkit drafts.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ReportKind {
    /// PPC leakage report, preliminary stage (速報).
    PpcPreliminary,
    /// PPC leakage report, final stage (確報).
    PpcFinal,
    /// GDPR Art. 33 notification to a supervisory authority.
    GdprArt33,
    /// HHS breach report (45 CFR 164.408).
    Hhs,
    /// Notice to individuals, one per audience group.
    IndividualNotice,
    /// Public announcement, numbered as a series.
    Announcement,
}

impl ReportKind {
    /// Every kind.
    pub const ALL: &'static [ReportKind] = &[
        ReportKind::PpcPreliminary,
        ReportKind::PpcFinal,
        ReportKind::GdprArt33,
        ReportKind::Hhs,
        ReportKind::IndividualNotice,
        ReportKind::Announcement,
    ];

    /// The CLI code.
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::PpcPreliminary => "ppc-preliminary",
            ReportKind::PpcFinal => "ppc-final",
            ReportKind::GdprArt33 => "gdpr-art33",
            ReportKind::Hhs => "hhs",
            ReportKind::IndividualNotice => "individual-notice",
            ReportKind::Announcement => "announcement",
        }
    }
}

impl std::str::FromStr for ReportKind {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, ReportError> {
        ReportKind::ALL
            .iter()
            .copied()
            .find(|k| k.code() == s)
            .ok_or(ReportError::UnknownKind)
    }
}

/// What to draft.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// Kind.
    pub kind: ReportKind,
    /// Language.
    pub lang: Lang,
    /// The instant the draft is made as of (an input; breachkit never reads the clock).
    pub as_of: DateTime<Utc>,
    /// Only this entity (default: every entity the kind applies to).
    pub entity: Option<String>,
    /// Only this audience group (individual notices).
    pub group: Option<String>,
    /// Announcement number (default: one after the last announcement dated before `as_of`).
    pub sequence: Option<u32>,
}

impl Options {
    /// Options for a kind and language as of an instant.
    pub fn new(kind: ReportKind, lang: Lang, as_of: DateTime<Utc>) -> Options {
        Options {
            kind,
            lang,
            as_of,
            entity: None,
            group: None,
            sequence: None,
        }
    }
}

/// A section of a draft.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Identifier (`ppc.item4`, `leaked`).
    pub id: String,
    /// Heading.
    pub heading: String,
    /// The legal basis of the section's content, if the law prescribes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// Paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
    /// Bullet or numbered items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Whether the items are numbered.
    #[serde(default)]
    pub numbered: bool,
}

impl Section {
    fn new(id: &str, heading: String) -> Section {
        Section {
            id: id.into(),
            heading,
            cite: None,
            paragraphs: Vec::new(),
            items: Vec::new(),
            numbered: false,
        }
    }
    fn cite(mut self, c: &str) -> Section {
        self.cite = (!c.is_empty()).then(|| c.into());
        self
    }
}

/// A required item that is missing or still to be determined, with where to fill it.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Missing {
    /// Item id (`ppc.item3`).
    pub item: String,
    /// Label.
    pub label: String,
    /// JSON pointer into the incident where the fact belongs.
    pub path: String,
}

/// A dated point of the incident timeline (for the figure).
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct TimelinePoint {
    /// ISO date or partial date.
    pub date: String,
    /// Localised date.
    pub label_date: String,
    /// What happened.
    pub label: String,
}

/// One drafted document.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// Kind.
    pub kind: ReportKind,
    /// Language.
    pub lang: Lang,
    /// Title.
    pub title: String,
    /// The entity it is for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The audience group (notices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Lines under the title (date, publisher).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<String>,
    /// Opening paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<String>,
    /// Sections.
    pub sections: Vec<Section>,
    /// Closing paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closing: Vec<String>,
    /// Structured fields for forms and other tools (PPC items, EDPB template fields, HHS columns).
    pub fields: BTreeMap<String, serde_json::Value>,
    /// Required items missing or to be determined.
    pub missing: Vec<Missing>,
    /// True when nothing required is missing.
    pub complete: bool,
    /// True when this stage may not be filed incomplete (a final report).
    pub must_be_complete: bool,
    /// Dated points for the timeline figure.
    pub timeline: Vec<TimelinePoint>,
    /// The draft notice.
    pub footer: String,
}

struct Ctx<'a> {
    inc: &'a Incident,
    cat: &'a Catalogue,
    assessment: &'a Assessment,
    opts: &'a Options,
    zone: Option<chrono_tz::Tz>,
    /// Organisation id → index in `/organisations` (the first one with the id), built once.
    org_pos: HashMap<&'a str, usize>,
    /// Organisation id → indices of the groups it holds, in document order, built once.
    held: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Ctx<'a> {
    fn new(
        inc: &'a Incident,
        cat: &'a Catalogue,
        assessment: &'a Assessment,
        opts: &'a Options,
    ) -> Ctx<'a> {
        let mut org_pos = HashMap::with_capacity(inc.organisations.len());
        for (i, o) in inc.organisations.iter().enumerate() {
            org_pos.entry(o.id.as_str()).or_insert(i);
        }
        let mut held: HashMap<&str, Vec<usize>> = HashMap::new();
        for (gi, g) in inc.groups.iter().enumerate() {
            for h in &g.holders {
                let v = held.entry(h.entity.as_str()).or_default();
                if v.last() != Some(&gi) {
                    v.push(gi);
                }
            }
        }
        Ctx {
            inc,
            cat,
            assessment,
            opts,
            zone: inc.time_zone.map(|z| z.tz()),
            org_pos,
            held,
        }
    }

    fn org_index(&self, id: &str) -> usize {
        self.org_pos.get(id).copied().unwrap_or(0)
    }
}

/// At most this many holders are named in a group's label; the rest are counted.
const NAMED_HOLDERS: usize = 5;

impl Ctx<'_> {
    fn org_name(&self, o: &Organisation) -> String {
        match (self.cat.lang(), &o.local_name) {
            (Lang::Ja, Some(n)) => n.to_string(),
            _ => o.name.to_string(),
        }
    }

    fn org_name_by_id(&self, id: &str) -> String {
        self.org_pos
            .get(id)
            .and_then(|&i| self.inc.organisations.get(i))
            .map_or_else(|| id.to_owned(), |o| self.org_name(o))
    }

    fn cat_label(&self, c: &DataCategory) -> String {
        match c {
            DataCategory::Custom(code) => code.as_str().replace('_', " "),
            other => self.cat.get(&format!("category.{}", other.code())),
        }
    }

    fn cause_label(&self, c: &Cause) -> String {
        match c {
            Cause::Custom(code) => code.as_str().replace('_', " "),
            other => self.cat.get(&format!("cause.{}", other.code())),
        }
    }

    fn kind_label(&self, k: &GroupKind) -> String {
        match k {
            GroupKind::Custom(code) => code.as_str().replace('_', " "),
            other => self.cat.get(&format!("group.{}", other.code())),
        }
    }

    fn group_label(&self, g: &AffectedGroup) -> String {
        match (self.cat.lang(), &g.label) {
            (Lang::En, Some(l)) => l.to_string(),
            (Lang::Ja, _) if !g.holders.is_empty() => {
                // The first few holders by name, the rest as a number: a label stays short
                // however many organisations hold the group.
                let mut holders: Vec<String> = g
                    .holders
                    .iter()
                    .take(NAMED_HOLDERS)
                    .map(|h| self.org_name_by_id(h.entity.as_str()))
                    .collect();
                let rest = g.holders.len().saturating_sub(NAMED_HOLDERS);
                if rest > 0 {
                    holders.push(
                        self.cat
                            .fill("text.holders_more", &[("n", &rest.to_string())]),
                    );
                }
                format!("{}の{}", self.cat.join(&holders), self.kind_label(&g.kind))
            }
            _ => self.kind_label(&g.kind),
        }
    }

    fn measure_text(&self, m: &breachkit_model::Measure) -> String {
        match (self.cat.lang(), &m.description) {
            (Lang::En, Some(d)) => d.to_string(),
            _ => match &m.kind {
                breachkit_model::MeasureKind::Custom(c) => c.as_str().replace('_', " "),
                k => self.cat.get(&format!("measure.{}", k.code())),
            },
        }
    }

    fn systems(&self) -> String {
        let s = &self.inc.breach.systems;
        match self.cat.lang() {
            Lang::En if !s.is_empty() => s
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Lang::En => "our systems".into(),
            Lang::Ja => "当社のシステム".into(),
        }
    }

    fn body_name(&self, r: &ReportRecord) -> String {
        if let Some(b) = &r.recipient.body {
            if let Some(n) = self.cat.opt(&format!("body.{}", b.as_str())) {
                return n.to_owned();
            }
        }
        match (&r.recipient.name, self.cat.lang()) {
            (Some(n), Lang::En) => n.to_string(),
            _ => self.cat.get(&format!("value.report_{}", r.kind.code())),
        }
    }

    /// Whether a dated thing is known to be no later than `as_of`; undated things count as
    /// possibly done (shown, with their bound).
    fn by_as_of(&self, at: Option<&PartialTime>, before: Option<&PartialTime>) -> bool {
        match at.or(before).and_then(|t| t.resolve(self.zone)) {
            Some(r) => r.earliest <= self.opts.as_of,
            // Like the engine: an undated report cannot be counted as made by `as_of`.
            None => false,
        }
    }

    fn as_of_date(&self) -> PartialTime {
        let local = self
            .opts
            .as_of
            .with_timezone(&self.zone.unwrap_or(chrono_tz::UTC))
            .date_naive();
        use chrono::Datelike;
        PartialTime::date(local.year(), local.month(), local.day())
            .unwrap_or_else(|_| PartialTime::instant(self.opts.as_of))
    }

    fn first_event(&self, kind: EventKind) -> Option<&breachkit_model::Event> {
        self.inc
            .timeline
            .iter()
            .filter(|e| e.kind == kind)
            .min_by_key(|e| {
                e.at.or(e.after)
                    .or(e.before)
                    .and_then(|t| t.resolve(self.zone))
                    .map(|r| r.earliest)
            })
    }

    fn timeline(&self) -> Vec<TimelinePoint> {
        let mut pts: Vec<(i64, TimelinePoint)> = Vec::new();
        for e in &self.inc.timeline {
            if let Some(t) = e.at {
                let key = t.resolve(self.zone).map_or(0, |r| r.earliest.timestamp());
                let label = match self.cat.lang() {
                    Lang::En => e.kind.code().replace('_', " "),
                    Lang::Ja => ja_event(&e.kind),
                };
                pts.push((
                    key,
                    TimelinePoint {
                        date: t.to_string(),
                        label_date: self.cat.date(&t),
                        label,
                    },
                ));
            }
        }
        for r in &self.inc.reports {
            if let Some(t) = r.at {
                if !self.by_as_of(Some(&t), None) {
                    continue;
                }
                let key = t.resolve(self.zone).map_or(0, |x| x.earliest.timestamp());
                let label = format!(
                    "{}: {}",
                    self.cat.get(&format!("value.report_{}", r.kind.code())),
                    self.body_or_public(r)
                );
                pts.push((
                    key,
                    TimelinePoint {
                        date: t.to_string(),
                        label_date: self.cat.date(&t),
                        label,
                    },
                ));
            }
        }
        pts.sort_by_key(|p| p.0);
        pts.into_iter().map(|p| p.1).collect()
    }

    /// "(Note: card numbers were not compromised)" for the categories known not to be affected.
    fn not_affected<'c>(&self, cats: impl IntoIterator<Item = &'c DataCategory>) -> Option<String> {
        let na: Vec<String> = cats.into_iter().map(|c| self.cat_label(c)).collect();
        if na.is_empty() {
            return None;
        }
        let verb = self.cat.get(if na.len() == 1 {
            "text.not_affected_verb_one"
        } else {
            "text.not_affected_verb_many"
        });
        Some(self.cat.fill(
            "text.not_affected",
            &[("categories", &self.cat.join(&na)), ("verb", &verb)],
        ))
    }

    /// One line per contact of an organisation, with the template `key`.
    fn contact_lines(&self, o: &Organisation, key: &str) -> Vec<String> {
        o.contacts
            .iter()
            .map(|c| {
                self.cat.fill(
                    key,
                    &[
                        ("org", &self.org_name(o)),
                        ("kind", &self.cat.get(&format!("contact.{}", c.kind.code()))),
                        ("value", c.value.as_str()),
                    ],
                )
            })
            .collect()
    }

    /// "Exfiltration: confirmed." in the draft's language.
    fn exfiltration_line(&self) -> String {
        let key = match self.inc.breach.exfiltration {
            Exfiltration::Confirmed => "value.exfiltration_confirmed",
            Exfiltration::Suspected => "value.exfiltration_suspected",
            Exfiltration::NoneFound => "value.exfiltration_none_found",
            _ => "value.exfiltration_unknown",
        };
        self.cat
            .fill("text.ppc_secondary_exfil", &[("value", &self.cat.get(key))])
    }

    fn body_or_public(&self, r: &ReportRecord) -> String {
        match (&r.recipient.kind, r.sequence) {
            (RecipientKind::Public, Some(n)) => self.cat.ordinal(n),
            _ => self.body_name(r),
        }
    }

    fn footer(&self) -> String {
        self.cat.fill(
            "text.draft_notice",
            &[("date", &self.cat.date(&self.as_of_date()))],
        )
    }

    fn groups_of(&self, entity: &str) -> Vec<(usize, &AffectedGroup)> {
        self.held
            .get(entity)
            .map(|v| {
                v.iter()
                    .filter_map(|&i| self.inc.groups.get(i).map(|g| (i, g)))
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn ja_event(k: &EventKind) -> String {
    match k.code().as_ref() {
        "occurred" => "発生",
        "detected" => "検知",
        "aware" => "事態の認識",
        "escalated" => "事態の拡大",
        "contained" => "封じ込め",
        "investigation_started" => "調査開始",
        "investigation_concluded" => "調査完了",
        "scope_determined" => "範囲の確定",
        "restored" => "復旧",
        "data_published" => "データの公開",
        "law_enforcement_delay_requested" => "捜査機関による通知延期の要請",
        "law_enforcement_delay_ended" => "通知延期の終了",
        "controller_informed" => "委託元への通知",
        "ransom_demand" => "身代金の要求",
        other => return other.to_owned(),
    }
    .to_owned()
}

fn categories_of<'a>(
    groups: impl Iterator<Item = &'a AffectedGroup>,
) -> (Vec<&'a DataCategory>, Vec<&'a DataCategory>) {
    let mut cats: Vec<&DataCategory> = Vec::new();
    let mut not: Vec<&DataCategory> = Vec::new();
    for g in groups {
        for c in &g.categories {
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
        for c in &g.not_affected {
            if !not.contains(&c) {
                not.push(c);
            }
        }
    }
    (cats, not)
}

fn union_count(groups: &[(usize, &AffectedGroup)]) -> Count {
    match groups {
        [] => Count::default(),
        [(_, g)] => g.count,
        many => {
            let b = union_bounds(many.iter().map(|(_, g)| &g.count));
            match b.max {
                Some(max) if max == b.min => Count::Exact { value: max },
                Some(max) if b.min > 0 || many.iter().all(|(_, g)| !g.count.is_unknown()) => {
                    Count::Range { min: b.min, max }
                }
                _ => Count::default(),
            }
        }
    }
}

/// Drafts the documents of one kind for an incident, as of an instant.
///
/// # Errors
/// [`ReportError::NoSuchEntity`] / [`ReportError::NoSuchGroup`] when the options name an entity or
/// group the incident lacks; [`ReportError::NothingToDraft`] when no entity fits the kind.
pub fn draft(
    inc: &Incident,
    assessment: &Assessment,
    cat: &Catalogue,
    opts: &Options,
) -> Result<Vec<Draft>, ReportError> {
    inc.check_consistent().map_err(ReportError::Incident)?;
    if let Some(e) = &opts.entity {
        if inc.organisations.iter().all(|o| o.id.as_str() != e) {
            return Err(ReportError::NoSuchEntity);
        }
    }
    if let Some(g) = &opts.group {
        if inc.groups.iter().all(|x| x.id.as_str() != g) {
            return Err(ReportError::NoSuchGroup);
        }
    }
    let ctx = Ctx::new(inc, cat, assessment, opts);
    let entities: Vec<&Organisation> = inc
        .organisations
        .iter()
        .filter(|o| opts.entity.as_deref().is_none_or(|e| o.id.as_str() == e))
        .filter(|o| {
            !ctx.groups_of(o.id.as_str()).is_empty() || opts.kind == ReportKind::Announcement
        })
        // A regulator's report is drafted only for entities the regime applies to.
        .filter(|o| {
            let regimes: &[&str] = match opts.kind {
                ReportKind::PpcPreliminary | ReportKind::PpcFinal => &["jp.appi"],
                ReportKind::GdprArt33 => &["eu.gdpr", "uk.gdpr"],
                ReportKind::Hhs => &["us.hipaa"],
                ReportKind::IndividualNotice | ReportKind::Announcement => return true,
            };
            assessment
                .obligations
                .iter()
                .any(|x| x.obligor == o.id && regimes.contains(&x.regime.as_str()))
        })
        .collect();
    let drafts: Vec<Draft> = match opts.kind {
        ReportKind::Announcement => vec![announcement(&ctx)],
        ReportKind::PpcPreliminary | ReportKind::PpcFinal => {
            entities.iter().map(|o| ppc(&ctx, o)).collect()
        }
        ReportKind::GdprArt33 => entities.iter().map(|o| gdpr(&ctx, o)).collect(),
        ReportKind::Hhs => entities.iter().map(|o| hhs(&ctx, o)).collect(),
        ReportKind::IndividualNotice => entities
            .iter()
            .flat_map(|o| {
                ctx.groups_of(o.id.as_str())
                    .into_iter()
                    .filter(|(_, g)| opts.group.as_deref().is_none_or(|x| g.id.as_str() == x))
                    .map(|(gi, g)| notice(&ctx, o, gi, g))
                    .collect::<Vec<_>>()
            })
            .collect(),
    };
    if drafts.is_empty() {
        return Err(ReportError::NothingToDraft);
    }
    Ok(drafts)
}

fn finish(mut d: Draft) -> Draft {
    d.complete = d.missing.is_empty();
    d
}

fn new_draft(ctx: &Ctx<'_>, title: String, entity: Option<String>) -> Draft {
    Draft {
        kind: ctx.opts.kind,
        lang: ctx.cat.lang(),
        title,
        entity,
        group: None,
        header: Vec::new(),
        intro: Vec::new(),
        sections: Vec::new(),
        closing: Vec::new(),
        fields: BTreeMap::new(),
        missing: Vec::new(),
        complete: true,
        must_be_complete: false,
        timeline: ctx.timeline(),
        footer: ctx.footer(),
    }
}

fn miss(d: &mut Draft, item: &str, label: String, path: String) {
    d.missing.push(Missing {
        item: item.into(),
        label,
        path,
    });
}

// ------------------------------------------------------------------------------------------------
// Announcement

fn announcement(ctx: &Ctx<'_>) -> Draft {
    let (cat, inc) = (ctx.cat, ctx.inc);
    let as_of_date = ctx.as_of_date();
    let as_of_day = as_of_date.resolve(ctx.zone).map(|r| r.earliest);
    let announcements: Vec<&ReportRecord> = inc
        .reports
        .iter()
        .filter(|r| r.kind == RecKind::Announcement)
        .collect();
    let before_today = |r: &ReportRecord| {
        r.at.and_then(|t| t.resolve(ctx.zone))
            .zip(as_of_day)
            .is_some_and(|(t, d)| t.earliest < d)
    };
    let n = ctx.opts.sequence.unwrap_or_else(|| {
        announcements
            .iter()
            .filter(|r| before_today(r))
            .filter_map(|r| r.sequence)
            .max()
            .unwrap_or(0)
            // Validation caps sequences far below u32::MAX (and `draft` refuses documents over
            // the cap); saturating keeps this total all the same.
            .saturating_add(1)
    });
    let previous: Vec<&ReportRecord> = {
        let mut p: Vec<&ReportRecord> = announcements
            .iter()
            .copied()
            .filter(|r| r.sequence.is_some_and(|s| s < n))
            .collect();
        p.sort_by_key(|r| r.sequence);
        p
    };
    let this = announcements.iter().find(|r| r.sequence == Some(n));
    let publisher = this
        .and_then(|r| r.by.first())
        .map(|e| e.to_string())
        .or_else(|| {
            inc.organisations
                .iter()
                .find(|o| o.parent.is_none())
                .map(|o| o.id.to_string())
        });
    let title = if n <= 1 {
        cat.get("text.announcement_title_first")
    } else {
        cat.fill("text.announcement_title", &[("ordinal", &cat.ordinal(n))])
    };
    let mut d = new_draft(ctx, title, publisher.clone());
    d.fields.insert("sequence".into(), n.into());
    let pub_name = publisher
        .as_deref()
        .map_or_else(String::new, |p| ctx.org_name_by_id(p));
    d.header.push(cat.fill(
        "text.announcement_posted",
        &[("date", &cat.date(&as_of_date)), ("org", &pub_name)],
    ));

    // Opening: previous announcements and what happened.
    let causes: Vec<&Cause> = inc
        .breach
        .causes
        .iter()
        .filter(|c| **c != Cause::Unknown)
        .collect();
    let main_cause = causes
        .last()
        .or(causes.first())
        .map_or_else(|| cat.get("cause.unknown"), |c| ctx.cause_label(c));
    let mut intro = String::new();
    if !previous.is_empty() {
        let list: Vec<String> = previous
            .iter()
            .filter_map(|r| {
                let date = cat.date(r.at.as_ref()?);
                Some(match &r.url {
                    Some(u) => cat.fill(
                        "text.announcement_previous_one",
                        &[("date", &date), ("url", u.as_str())],
                    ),
                    None => cat.fill("text.announcement_previous_one_nourl", &[("date", &date)]),
                })
            })
            .collect();
        intro.push_str(&cat.fill("text.announcement_previous", &[("list", &cat.join(&list))]));
        intro.push_str(if cat.lang() == Lang::En { " " } else { "" });
        intro.push_str(&cat.fill(
            "text.announcement_intro",
            &[("cause", &main_cause), ("systems", &ctx.systems())],
        ));
    } else {
        intro.push_str(&cat.fill(
            "text.announcement_intro_first",
            &[("cause", &main_cause), ("systems", &ctx.systems())],
        ));
    }
    d.intro.push(intro);
    d.intro.push(cat.get("text.announcement_known"));
    if causes.is_empty() {
        miss(
            &mut d,
            "announcement.cause",
            cat.get("label.ppc_cause"),
            "/breach/causes".into(),
        );
    }

    // 1. Background and response.
    let mut s = Section::new("background", cat.get("text.sec_background"));
    let mut p = String::new();
    match ctx
        .first_event(EventKind::Detected)
        .or_else(|| ctx.first_event(EventKind::Aware))
    {
        Some(e) => {
            let when = cat
                .when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref())
                .unwrap_or_default();
            let first_cause = causes
                .first()
                .map_or_else(|| cat.get("cause.unknown"), |c| ctx.cause_label(c));
            let then = if causes.len() > 1 && ctx.first_event(EventKind::Escalated).is_some() {
                cat.fill("text.detected_escalated", &[("cause", &main_cause)])
            } else {
                String::new()
            };
            p.push_str(&cat.fill(
                "text.detected",
                &[
                    ("date", &when),
                    ("cause", &first_cause),
                    ("systems", &ctx.systems()),
                    ("then", &then),
                ],
            ));
        }
        None => miss(
            &mut d,
            "announcement.detected",
            cat.get("text.sec_background"),
            "/timeline".into(),
        ),
    }
    let reported: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for r in inc.reports.iter().filter(|r| {
            matches!(
                r.recipient.kind,
                RecipientKind::Regulator | RecipientKind::Police
            )
        }) {
            if ctx.by_as_of(r.at.as_ref(), r.before.as_ref()) {
                let name = ctx.body_name(r);
                if !v.contains(&name) {
                    v.push(name);
                }
            }
        }
        v
    };
    if !reported.is_empty() {
        p.push_str(if cat.lang() == Lang::En { " " } else { "" });
        p.push_str(&cat.fill("text.reported_to", &[("list", &cat.join(&reported))]));
    }
    s.paragraphs.push(p);
    let holders: Vec<String> = inc
        .organisations
        .iter()
        .filter(|o| {
            inc.groups
                .iter()
                .any(|g| g.holders.iter().any(|h| h.entity == o.id))
        })
        .map(|o| ctx.org_name(o))
        .collect();
    if let Some(r) = &inc.totals.records {
        s.paragraphs.push(cat.fill(
            "text.totals_records",
            &[("count", &cat.count(r)), ("holders", &cat.join(&holders))],
        ));
    } else if let Some(pc) = &inc.totals.persons {
        s.paragraphs.push(cat.fill(
            "text.totals_persons",
            &[("count", &cat.count(pc)), ("holders", &cat.join(&holders))],
        ));
    }
    let taken: Vec<String> = inc
        .measures
        .iter()
        .filter(|m| m.status != MeasureStatus::Planned)
        .map(|m| ctx.measure_text(m))
        .collect();
    if !taken.is_empty() {
        s.paragraphs
            .push(cat.get("text.announcement_measures_intro"));
        s.items = taken;
    }
    d.sections.push(s);

    // What changed since the previous announcement.
    if let Some(prev) = previous.last() {
        if let Some(prev_at) = prev.at {
            let prev_end = prev_at.resolve(ctx.zone).map(|r| r.latest);
            let in_window = |at: Option<&PartialTime>| {
                at.and_then(|t| t.resolve(ctx.zone))
                    .zip(prev_end)
                    .is_some_and(|(t, p)| t.earliest > p && t.earliest <= ctx.opts.as_of)
            };
            let mut s = Section::new(
                "changes",
                cat.fill(
                    "text.sec_changes",
                    &[
                        (
                            "ordinal",
                            &cat.ordinal_inline(prev.sequence.unwrap_or(n.saturating_sub(1))),
                        ),
                        ("date", &cat.date(&prev_at)),
                    ],
                ),
            );
            for e in inc.timeline.iter().filter(|e| in_window(e.at.as_ref())) {
                let label = if cat.lang() == Lang::En {
                    e.kind.code().replace('_', " ")
                } else {
                    ja_event(&e.kind)
                };
                s.items.push(format!(
                    "{}: {label}",
                    cat.when(e.at.as_ref(), None, None).unwrap_or_default()
                ));
            }
            for m in inc.measures.iter().filter(|m| in_window(m.at.as_ref())) {
                s.items.push(format!(
                    "{}: {}",
                    cat.when(m.at.as_ref(), None, None).unwrap_or_default(),
                    ctx.measure_text(m)
                ));
            }
            for r in inc
                .reports
                .iter()
                .filter(|r| r.sequence != Some(n) && in_window(r.at.as_ref()))
            {
                s.items.push(format!(
                    "{}: {}",
                    cat.when(r.at.as_ref(), None, None).unwrap_or_default(),
                    ctx.body_or_public(r)
                ));
            }
            if s.items.is_empty() {
                s.paragraphs.push(cat.get("text.sec_changes_none"));
            }
            d.sections.push(s);
        }
    }

    // 2. Summary of leaked personal data.
    let mut s = Section::new("leaked", cat.get("text.sec_leaked"));
    if inc.groups.is_empty() {
        miss(
            &mut d,
            "announcement.groups",
            cat.get("text.sec_leaked"),
            "/groups".into(),
        );
    }
    for (gi, g) in inc.groups.iter().enumerate() {
        if g.categories.is_empty() {
            miss(
                &mut d,
                "announcement.categories",
                ctx.group_label(g),
                format!("/groups/{gi}/categories"),
            );
            continue;
        }
        let cats: Vec<String> = g.categories.iter().map(|c| ctx.cat_label(c)).collect();
        let mut line = cat.fill(
            "text.group_line",
            &[
                ("label", &ctx.group_label(g)),
                ("categories", &cat.join(&cats)),
            ],
        );
        if let Some(note) = ctx.not_affected(&g.not_affected) {
            if cat.lang() == Lang::En {
                line.push(' ');
            }
            line.push_str(&note);
        }
        s.items.push(line);
    }
    d.sections.push(s);

    // 3. Future actions.
    let planned: Vec<String> = inc
        .measures
        .iter()
        .filter(|m| m.status == MeasureStatus::Planned)
        .map(|m| ctx.measure_text(m))
        .collect();
    let mut s = Section::new("future", cat.get("text.sec_future"));
    if planned.is_empty() {
        miss(
            &mut d,
            "announcement.future",
            cat.get("text.sec_future"),
            "/measures".into(),
        );
    } else {
        s.paragraphs.push(cat.get("text.future_intro"));
        s.items = planned;
        s.numbered = true;
    }
    d.sections.push(s);
    let mut s = Section::new("closing", String::new());
    s.paragraphs.push(cat.get("text.apology"));
    if inc.reports.iter().any(|r| {
        r.recipient.kind == RecipientKind::Individuals
            && ctx.by_as_of(r.at.as_ref(), r.before.as_ref())
    }) {
        s.paragraphs.push(cat.get("text.outreach"));
    }
    d.sections.push(s);

    // 4. Contact.
    let mut s = Section::new("contact", cat.get("text.sec_contact"));
    s.paragraphs.push(cat.get("text.contact_intro"));
    for o in &inc.organisations {
        s.items.extend(ctx.contact_lines(o, "text.contact_line"));
    }
    if s.items.is_empty() {
        miss(
            &mut d,
            "announcement.contact",
            cat.get("text.sec_contact"),
            "/organisations/0/contacts".into(),
        );
    }
    d.sections.push(s);
    finish(d)
}

// ------------------------------------------------------------------------------------------------
// PPC report (PPC Rules Art. 8(1), nine items)

fn ppc(ctx: &Ctx<'_>, o: &Organisation) -> Draft {
    let (cat, inc) = (ctx.cat, ctx.inc);
    let final_stage = ctx.opts.kind == ReportKind::PpcFinal;
    let title = cat.get(if final_stage {
        "text.ppc_title_final"
    } else {
        "text.ppc_title_preliminary"
    });
    let mut d = new_draft(ctx, title, Some(o.id.to_string()));
    d.must_be_complete = final_stage;
    let groups = ctx.groups_of(o.id.as_str());
    let stage_label = cat.get(if final_stage {
        "text.ppc_stage_final"
    } else {
        "text.ppc_stage_preliminary"
    });
    d.header.push(format!(
        "{}: {}",
        cat.get("text.ppc_header"),
        ctx.org_name(o)
    ));
    d.header
        .push(format!("{}: {}", cat.get("text.ppc_stage"), stage_label));
    let aware = inc
        .events_for(&EventKind::Aware, &o.id)
        .next()
        .or_else(|| inc.events_for(&EventKind::Detected, &o.id).next());
    match aware.and_then(|e| cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref())) {
        Some(w) => d.header.push(format!("{}: {w}", cat.get("text.ppc_knew"))),
        None => miss(
            &mut d,
            "ppc.knew",
            cat.get("text.ppc_knew"),
            "/timeline".into(),
        ),
    }
    // Which Rule 7 items hold, from the assessment.
    let rule = if final_stage {
        "ppc-final"
    } else {
        "ppc-preliminary"
    };
    if let Some(ob) = ctx
        .assessment
        .obligations
        .iter()
        .find(|x| x.obligor == o.id && x.regime == "jp.appi" && x.rule == rule)
    {
        let held: Vec<String> = ob
            .trace
            .iter()
            .filter(|t| t.step.starts_with("trigger ") && t.outcome == "yes")
            .map(|t| t.step.trim_start_matches("trigger ").to_owned())
            .collect();
        d.header.push(format!(
            "{}: {}",
            cat.get("text.ppc_trigger"),
            if held.is_empty() {
                cat.get("meta.unknown")
            } else {
                held.join(", ")
            }
        ));
        d.fields
            .insert("ppc.triggers".into(), serde_json::json!(held));
        if let Some(due) = &ob.deadline.due_local {
            d.fields.insert("ppc.due".into(), due.clone().into());
        }
        d.fields
            .insert("ppc.status".into(), ob.status.code().into());
    }
    let item = |n: u32, key: &str| {
        Section::new(
            &format!("ppc.item{n}"),
            format!("{n}. {}", cat.get(&format!("label.{key}"))),
        )
        .cite(&format!("PPC Rules Art. 8(1)({})", roman(n)))
    };
    let missing_mark = cat.get("meta.missing");

    // 1 Overview.
    let mut s = item(1, "ppc_overview");
    let mut lines = Vec::new();
    for (kind, key) in [
        (EventKind::Occurred, "text.ppc_overview_occurred"),
        (EventKind::Detected, "text.ppc_overview_detected"),
        (EventKind::Aware, "text.ppc_overview_aware"),
    ] {
        if let Some(e) = inc.events_for(&kind, &o.id).next() {
            if let Some(w) = cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref()) {
                lines.push(cat.fill(key, &[("date", &w)]));
            }
        }
    }
    let causes: Vec<String> = inc
        .breach
        .causes
        .iter()
        .map(|c| ctx.cause_label(c))
        .collect();
    if !causes.is_empty() {
        lines.push(cat.fill("text.ppc_overview_cause", &[("value", &cat.join(&causes))]));
    }
    let nature: Vec<String> = inc
        .breach
        .nature
        .iter()
        .map(|n| cat.get(&format!("nature.{}", nature_code(*n))))
        .collect();
    if !nature.is_empty() {
        lines.push(cat.fill("text.ppc_overview_nature", &[("value", &cat.join(&nature))]));
    }
    if lines.is_empty() {
        miss(
            &mut d,
            "ppc.item1",
            cat.get("label.ppc_overview"),
            "/timeline".into(),
        );
        lines.push(missing_mark.clone());
    }
    s.paragraphs
        .push(lines.join(if cat.lang() == Lang::En { " " } else { "" }));
    d.fields
        .insert("ppc.item1".into(), s.paragraphs.join("\n").into());
    d.sections.push(s);

    // 2 Data items.
    let mut s = item(2, "ppc_data_items");
    let (cats, not) = categories_of(groups.iter().map(|(_, g)| *g));
    if cats.is_empty() {
        let path = groups.first().map_or_else(
            || "/groups".to_owned(),
            |(gi, _)| format!("/groups/{gi}/categories"),
        );
        miss(&mut d, "ppc.item2", cat.get("label.ppc_data_items"), path);
        s.paragraphs.push(missing_mark.clone());
    } else {
        for (_, g) in &groups {
            let c: Vec<String> = g.categories.iter().map(|c| ctx.cat_label(c)).collect();
            s.items
                .push(format!("{}: {}", ctx.group_label(g), cat.join(&c)));
        }
        if let Some(note) = ctx.not_affected(not.iter().copied()) {
            s.paragraphs.push(note);
        }
    }
    d.fields.insert(
        "ppc.item2".into(),
        serde_json::json!(
            cats.iter()
                .map(|c| c.code().into_owned())
                .collect::<Vec<_>>()
        ),
    );
    d.sections.push(s);

    // 3 Number of persons.
    let mut s = item(3, "ppc_persons");
    let count = union_count(&groups);
    if count.is_unknown() {
        s.paragraphs.push(cat.count(&count));
    } else {
        s.paragraphs
            .push(cat.fill("text.ppc_persons_value", &[("count", &cat.count(&count))]));
    }
    if count.is_unknown() {
        let path = groups.first().map_or_else(
            || "/groups".to_owned(),
            |(gi, _)| format!("/groups/{gi}/count"),
        );
        miss(&mut d, "ppc.item3", cat.get("label.ppc_persons"), path);
    }
    if let Some(r) = &inc.totals.records {
        s.paragraphs.push(format!(
            "({}: {})",
            if cat.lang() == Lang::En {
                "incident total, records"
            } else {
                "事案全体の件数"
            },
            cat.count(r)
        ));
    }
    d.fields.insert(
        "ppc.item3".into(),
        serde_json::to_value(count).unwrap_or_default(),
    );
    d.sections.push(s);

    // 4 Cause.
    let mut s = item(4, "ppc_cause");
    if inc.breach.causes.iter().all(|c| *c == Cause::Unknown) {
        miss(
            &mut d,
            "ppc.item4",
            cat.get("label.ppc_cause"),
            "/breach/causes".into(),
        );
        s.paragraphs.push(missing_mark.clone());
    } else {
        s.paragraphs.push(cat.join(&causes));
        if let (Lang::En, Some(desc)) = (cat.lang(), &inc.breach.description) {
            s.paragraphs.push(desc.to_string());
        }
    }
    d.fields.insert(
        "ppc.item4".into(),
        serde_json::json!(
            inc.breach
                .causes
                .iter()
                .map(|c| c.code().into_owned())
                .collect::<Vec<_>>()
        ),
    );
    d.sections.push(s);

    // 5 Secondary damage.
    let mut s = item(5, "ppc_secondary");
    s.paragraphs.push(ctx.exfiltration_line());
    if let Some(e) = ctx.first_event(EventKind::DataPublished) {
        s.paragraphs.push(
            cat.fill(
                "text.ppc_secondary_published",
                &[(
                    "date",
                    &cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref())
                        .unwrap_or_default(),
                )],
            ),
        );
    }
    let risk = match inc.breach.risk {
        RiskLevel::Unlikely => "risk_unlikely",
        RiskLevel::Risk => "risk_risk",
        RiskLevel::High => "risk_high",
        _ => "risk_unknown",
    };
    s.paragraphs.push(cat.fill(
        "text.ppc_secondary_risk",
        &[("value", &cat.get(&format!("value.{risk}")))],
    ));
    if inc.breach.exfiltration == Exfiltration::Unknown && inc.breach.risk == RiskLevel::Unknown {
        miss(
            &mut d,
            "ppc.item5",
            cat.get("label.ppc_secondary"),
            "/breach/risk".into(),
        );
    }
    d.sections.push(s);

    // 6 Response to individuals.
    let mut s = item(6, "ppc_response");
    for r in inc.reports.iter().filter(|r| {
        r.recipient.kind == RecipientKind::Individuals
            && (r.by.is_empty() || r.by.contains(&o.id))
            && ctx.by_as_of(r.at.as_ref(), r.before.as_ref())
    }) {
        let status = cat.get(if r.status == ReportStatus::InProgress {
            "value.report_in_progress"
        } else {
            "value.report_done"
        });
        let when = cat
            .when(r.at.as_ref(), None, r.before.as_ref())
            .map(|w| format!(" ({w})"))
            .unwrap_or_default();
        let recipient = if cat.lang() == Lang::En {
            "individuals".to_owned()
        } else {
            "本人".to_owned()
        };
        s.items.push(format!(
            "{}{when}",
            cat.fill(
                "text.ppc_response_line",
                &[
                    ("kind", &cat.get(&format!("value.report_{}", r.kind.code()))),
                    ("recipient", &recipient),
                    ("status", &status)
                ]
            )
        ));
    }
    if s.items.is_empty() {
        miss(
            &mut d,
            "ppc.item6",
            cat.get("label.ppc_response"),
            "/reports".into(),
        );
        s.paragraphs.push(missing_mark.clone());
    }
    if groups
        .iter()
        .any(|(_, g)| g.contact_details_available == Tristate::No)
    {
        s.paragraphs.push(if cat.lang() == Lang::En { "Some individuals cannot be contacted: an alternative measure (public announcement, inquiry desk) is needed (APPI Art. 26(2) proviso).".into() } else { "連絡先が不明な本人がいるため、代替措置（公表、問い合わせ窓口の設置）が必要です（法第26条第2項ただし書）。".into() });
    }
    d.sections.push(s);

    // 7 Public announcement.
    let mut s = item(7, "ppc_public");
    for r in inc.reports.iter().filter(|r| {
        r.kind == RecKind::Announcement
            && (r.by.is_empty()
                || r.by.contains(&o.id)
                || o.parent.as_ref().is_some_and(|p| r.by.contains(p)))
    }) {
        if !ctx.by_as_of(r.at.as_ref(), r.before.as_ref()) {
            continue;
        }
        let when = cat
            .when(r.at.as_ref(), None, r.before.as_ref())
            .unwrap_or_default();
        s.items.push(cat.fill(
            "text.ppc_public_line",
            &[
                ("ordinal", &cat.ordinal(r.sequence.unwrap_or(1))),
                ("date", &when),
            ],
        ));
    }
    if s.items.is_empty() {
        s.paragraphs.push(cat.get("meta.no"));
    }
    d.sections.push(s);

    // 8 Recurrence prevention.
    let mut s = item(8, "ppc_prevention");
    for m in inc
        .measures
        .iter()
        .filter(|m| m.entities.is_empty() || m.entities.contains(&o.id))
    {
        s.items.push(ctx.measure_text(m));
    }
    if s.items.is_empty() {
        miss(
            &mut d,
            "ppc.item8",
            cat.get("label.ppc_prevention"),
            "/measures".into(),
        );
        s.paragraphs.push(missing_mark.clone());
    }
    d.sections.push(s);

    // 9 Other.
    let mut s = item(9, "ppc_other");
    for r in inc.reports.iter().filter(|r| {
        r.recipient.kind == RecipientKind::Police
            && (r.by.is_empty()
                || r.by.contains(&o.id)
                || o.parent.as_ref().is_some_and(|p| r.by.contains(p)))
            && ctx.by_as_of(r.at.as_ref(), r.before.as_ref())
    }) {
        s.items.push(cat.fill(
            "text.ppc_other_line",
            &[
                ("recipient", &ctx.body_name(r)),
                ("kind", &cat.get(&format!("value.report_{}", r.kind.code()))),
            ],
        ));
    }
    d.sections.push(s);
    finish(d)
}

fn roman(n: u32) -> &'static str {
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
        .get(n.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

fn nature_code(n: Nature) -> &'static str {
    match n {
        Nature::Confidentiality => "confidentiality",
        Nature::Integrity => "integrity",
        Nature::Availability => "availability",
    }
}

// ------------------------------------------------------------------------------------------------
// GDPR Art. 33 (EDPB template v1.0 field names and option letters)

fn gdpr(ctx: &Ctx<'_>, o: &Organisation) -> Draft {
    let (cat, inc) = (ctx.cat, ctx.inc);
    let mut d = new_draft(ctx, cat.get("text.gdpr_title"), Some(o.id.to_string()));
    let oi = ctx.org_index(o.id.as_str());
    let groups = ctx.groups_of(o.id.as_str());
    let mut f: Vec<(&str, serde_json::Value, String)> = Vec::new();
    let prior = inc.reports.iter().any(|r| {
        r.recipient
            .body
            .as_ref()
            .is_some_and(|b| b.as_str().starts_with("eu.sa."))
            && (r.by.is_empty() || r.by.contains(&o.id))
            && ctx.by_as_of(r.at.as_ref(), r.before.as_ref())
    });
    f.push((
        "field_3",
        (if prior { "b" } else { "a" }).into(),
        cat.get(if prior {
            "edpb_option.field_3.b"
        } else {
            "edpb_option.field_3.a"
        }),
    ));
    f.push(("field_12", o.name.to_string().into(), o.name.to_string()));
    match o.contacts.iter().find(|c| c.dpo).or(o.contacts.first()) {
        Some(c) => f.push(("field_13", c.value.to_string().into(), c.value.to_string())),
        None => miss(
            &mut d,
            "field_13",
            cat.get("edpb.field_13"),
            format!("/organisations/{oi}/contacts"),
        ),
    }
    match ctx.first_event(EventKind::Occurred) {
        Some(breachkit_model::Event { at: Some(t), .. }) => {
            let t = *t;
            f.push(("field_44", "a".into(), cat.date(&t)));
            if let Some(r) = t.resolve(ctx.zone) {
                f.push(("field_46", r.earliest.to_rfc3339().into(), cat.date(&t)));
            }
        }
        Some(e) => f.push((
            "field_44",
            "b".into(),
            cat.when(None, e.after.as_ref(), e.before.as_ref())
                .unwrap_or_default(),
        )),
        None => f.push(("field_44", "e".into(), cat.get("edpb_option.field_44.e"))),
    }
    let aware = inc.events_for(&EventKind::Aware, &o.id).next();
    // The same zone rule as the engine: the event's own zone, else the incident's.
    match aware.and_then(|e| e.at.and_then(|t| t.resolve(inc.zone_for(e.time_zone)))) {
        Some(r) => {
            f.push((
                "field_48",
                r.earliest.to_rfc3339().into(),
                r.earliest.to_rfc3339(),
            ));
            // Late by the engine's own deadline for this entity's Art. 33 notification.
            let due = ctx
                .assessment
                .obligations
                .iter()
                .filter(|x| x.obligor == o.id && x.rule == "sa-notification")
                .filter_map(|x| x.deadline.due)
                .min();
            if due.is_some_and(|due| ctx.opts.as_of > due) {
                d.intro.push(cat.get("text.gdpr_late"));
                miss(
                    &mut d,
                    "field_49",
                    cat.get("edpb.field_49"),
                    "/notes".into(),
                );
            }
        }
        None => miss(
            &mut d,
            "field_48",
            cat.get("edpb.field_48"),
            "/timeline".into(),
        ),
    }
    if ctx.first_event(EventKind::Detected).is_some() {
        f.push(("field_50", "a".into(), cat.get("edpb_option.field_50.a")));
    }
    let natures: Vec<&str> = inc
        .breach
        .nature
        .iter()
        .map(|n| match n {
            Nature::Confidentiality => "a",
            Nature::Integrity => "b",
            Nature::Availability => "c",
        })
        .collect();
    if natures.is_empty() {
        miss(
            &mut d,
            "field_55",
            cat.get("edpb.field_55"),
            "/breach/nature".into(),
        );
    } else {
        let labels: Vec<String> = inc
            .breach
            .nature
            .iter()
            .map(|n| cat.get(&format!("nature.{}", nature_code(*n))))
            .collect();
        f.push(("field_55", serde_json::json!(natures), cat.join(&labels)));
    }
    if inc.breach.nature.contains(&Nature::Confidentiality) {
        let v = match inc.breach.exfiltration {
            Exfiltration::Confirmed => "a",
            Exfiltration::Suspected => "b",
            Exfiltration::NoneFound => "c",
            _ => "e",
        };
        f.push((
            "field_56",
            v.into(),
            cat.get(&format!("edpb_option.field_56.{v}")),
        ));
        let u = match inc.breach.encryption.unintelligible() {
            Tristate::Yes => "a",
            Tristate::No => "c",
            Tristate::Unknown => "e",
        };
        f.push((
            "field_57",
            u.into(),
            cat.get(&format!("edpb_option.field_57.{u}")),
        ));
    }
    let incident_types: Vec<&str> = inc.breach.causes.iter().map(edpb_incident).collect();
    if !incident_types.is_empty() {
        let labels: Vec<String> = inc
            .breach
            .causes
            .iter()
            .map(|c| ctx.cause_label(c))
            .collect();
        f.push((
            "field_60",
            serde_json::json!(incident_types),
            cat.join(&labels),
        ));
    }
    let insider = inc.breach.causes.iter().any(|c| {
        matches!(
            c,
            Cause::InsiderMisuse
                | Cause::EmployeeError
                | Cause::Misdelivery
                | Cause::Misconfiguration
                | Cause::ImproperDisposal
        )
    });
    let cause = match (inc.breach.wrongful_purpose, insider) {
        (Tristate::Yes, true) => "b",
        (Tristate::Yes, false) => "d",
        (Tristate::No, true) => "a",
        (Tristate::No, false) => "c",
        _ => "e",
    };
    f.push((
        "field_61",
        cause.into(),
        cat.get(&format!("edpb_option.field_61.{cause}")),
    ));
    // Free text is in the author's language: shown in English drafts, kept in the JSON fields
    // of every draft.
    if let Some(desc) = &inc.breach.description {
        let shown = if cat.lang() == Lang::En {
            desc.to_string()
        } else {
            cat.get("meta.free_text_omitted")
        };
        f.push(("field_62", desc.to_string().into(), shown));
    }
    if !inc.breach.systems.is_empty() {
        let s = inc
            .breach
            .systems
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        let shown = if cat.lang() == Lang::En {
            s.clone()
        } else {
            cat.get("meta.free_text_omitted")
        };
        f.push(("field_63", s.into(), shown));
    }
    let subjects: Vec<&str> = {
        let mut v: Vec<&str> = groups.iter().map(|(_, g)| edpb_subjects(&g.kind)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let subject_labels: Vec<String> = groups
        .iter()
        .map(|(_, g)| ctx.kind_label(&g.kind))
        .collect();
    f.push((
        "field_65",
        serde_json::json!(subjects),
        cat.join(&subject_labels),
    ));
    let count = union_count(&groups);
    let (kind67, n68) = edpb_count(&count);
    f.push(("field_67", kind67.into(), cat.count(&count)));
    if let Some(n) = n68 {
        f.push(("field_68", n.into(), n.to_string()));
    } else {
        let path = groups.first().map_or_else(
            || "/groups".to_owned(),
            |(gi, _)| format!("/groups/{gi}/count"),
        );
        miss(&mut d, "field_68", cat.get("edpb.field_68"), path);
    }
    let (cats, _) = categories_of(groups.iter().map(|(_, g)| *g));
    let mut types: Vec<&str> = cats.iter().map(|c| edpb_data(c)).collect();
    types.sort_unstable();
    types.dedup();
    let cat_labels: Vec<String> = cats.iter().map(|c| ctx.cat_label(c)).collect();
    if types.is_empty() {
        miss(
            &mut d,
            "field_70",
            cat.get("edpb.field_70"),
            "/groups".into(),
        );
    } else {
        f.push(("field_70", serde_json::json!(types), cat.join(&cat_labels)));
    }
    if let Some(r) = inc
        .totals
        .records
        .or_else(|| groups.first().and_then(|(_, g)| g.records))
    {
        let (k, n) = edpb_count(&r);
        f.push(("field_72", k.into(), cat.count(&r)));
        if let Some(n) = n {
            f.push(("field_73", n.into(), n.to_string()));
        }
    }
    let measures: Vec<String> = inc
        .measures
        .iter()
        .filter(|m| m.entities.is_empty() || m.entities.contains(&o.id))
        .map(|m| ctx.measure_text(m))
        .collect();
    if inc.breach.risk == RiskLevel::Unknown {
        miss(
            &mut d,
            "field_79",
            cat.get("edpb.field_79"),
            "/breach/risk".into(),
        );
    }
    let mut s = Section::new("edpb", cat.get("text.gdpr_title")).cite("GDPR Art. 33(3)");
    for (k, v, shown) in &f {
        s.items
            .push(format!("{} [{k}]: {shown}", cat.get(&format!("edpb.{k}"))));
        d.fields.insert((*k).to_owned(), v.clone());
    }
    d.sections.push(s);
    let mut s = Section::new("measures", cat.get("edpb.field_measures")).cite("GDPR Art. 33(3)(d)");
    if measures.is_empty() {
        miss(
            &mut d,
            "measures",
            cat.get("edpb.field_measures"),
            "/measures".into(),
        );
    }
    s.items = measures.clone();
    d.fields
        .insert("measures".into(), serde_json::json!(measures));
    d.sections.push(s);
    let complete = d.missing.is_empty();
    d.fields
        .insert("field_4".into(), (if complete { "a" } else { "b" }).into());
    finish(d)
}

fn edpb_incident(c: &Cause) -> &'static str {
    match c {
        Cause::InsiderMisuse => "a",
        Cause::Ransomware => "b",
        Cause::Malware | Cause::CredentialAttack => "c",
        Cause::Phishing | Cause::SocialEngineering => "d",
        Cause::VulnerabilityExploit => "e",
        Cause::UnauthorisedAccess | Cause::SupplyChain | Cause::WebSkimming => "f",
        Cause::LostDevice | Cause::StolenDevice => "i",
        Cause::ImproperDisposal => "k",
        Cause::Misdelivery => "r",
        Cause::Misconfiguration => "m",
        Cause::PaperRecords => "o",
        Cause::Unknown => "x",
        _ => "y",
    }
}

fn edpb_subjects(k: &GroupKind) -> &'static str {
    match k {
        GroupKind::Customers => "a",
        GroupKind::Employees
        | GroupKind::FormerEmployees
        | GroupKind::CurrentAndFormerEmployees
        | GroupKind::JobApplicants => "b",
        GroupKind::Children => "d",
        GroupKind::Patients => "e",
        GroupKind::Students => "f",
        GroupKind::Members | GroupKind::PlanMembers => "g",
        GroupKind::Users => "h",
        _ => "j",
    }
}

fn edpb_data(c: &DataCategory) -> &'static str {
    use DataCategory as D;
    match c {
        D::Name | D::DateOfBirth | D::Gender | D::Nationality => "a",
        D::PostalAddress | D::EmailAddress | D::PhoneNumber | D::BusinessContactDetails => "b",
        D::Biometric => "c",
        D::CriminalRecord | D::CriminalProcedure => "d",
        D::PoliticalOpinions => "e",
        D::RacialEthnicOrigin => "f",
        D::ReligiousPhilosophicalBeliefs => "g",
        D::SexLifeOrientation => "h",
        D::TradeUnionMembership => "i",
        D::Genetic => "j",
        D::HealthMedical | D::HealthInsurance | D::MedicalRecordNumber | D::Disability => "k",
        D::FinancialInformation => "l",
        D::MyNumber
        | D::SocialSecurityNumber
        | D::PassportNumber
        | D::DriversLicenceNumber
        | D::NationalIdNumber
        | D::TaxIdNumber => "n",
        D::Location => "o",
        D::PaymentCardNumber
        | D::PaymentCardSecurityCode
        | D::PaymentCardExpiry
        | D::FinancialAccountNumber
        | D::FinancialAccountAccessCode => "q",
        D::CreditHistory => "r",
        D::Credentials | D::PaymentServiceCredentials => "s",
        _ => "u",
    }
}

fn edpb_count(c: &Count) -> (&'static str, Option<u64>) {
    match c {
        Count::Exact { value } => ("a", Some(*value)),
        Count::Approximate { value } | Count::AtLeast { value } => ("b", Some(*value)),
        Count::Range { max, .. } => ("b", Some(*max)),
        Count::Unknown {
            reason: breachkit_model::UnknownReason::CannotBeDetermined,
        } => ("c", None),
        _ => ("d", None),
    }
}

// ------------------------------------------------------------------------------------------------
// HHS breach report (the portal's published columns)

fn hhs(ctx: &Ctx<'_>, o: &Organisation) -> Draft {
    let (cat, inc) = (ctx.cat, ctx.inc);
    let mut d = new_draft(ctx, cat.get("text.hhs_title"), Some(o.id.to_string()));
    let oi = ctx.org_index(o.id.as_str());
    let groups = ctx.groups_of(o.id.as_str());
    let mut s = Section::new("hhs", cat.get("text.hhs_title")).cite("45 CFR 164.408");
    let put = |d: &mut Draft, s: &mut Section, key: &str, value: Option<String>, path: &str| {
        match value {
            Some(v) => {
                s.items
                    .push(format!("{}: {v}", cat.get(&format!("label.{key}"))));
                d.fields.insert(key.to_owned(), v.into());
            }
            None => {
                s.items.push(format!(
                    "{}: {}",
                    cat.get(&format!("label.{key}")),
                    cat.get("meta.missing")
                ));
                miss(d, key, cat.get(&format!("label.{key}")), path.to_owned());
            }
        }
    };
    put(&mut d, &mut s, "hhs_name", Some(o.name.to_string()), "");
    put(
        &mut d,
        &mut s,
        "hhs_state",
        o.subdivision
            .as_ref()
            .and_then(|j| j.subdivision().map(str::to_owned)),
        &format!("/organisations/{oi}/subdivision"),
    );
    // The portal's types (provider, plan, clearinghouse, business associate) are finer than the
    // model's sectors; only a business associate can be told apart.
    let ba = o
        .sectors
        .iter()
        .any(|s| s.code() == "hipaa_business_associate");
    put(
        &mut d,
        &mut s,
        "hhs_type",
        ba.then(|| "Business Associate".to_owned()),
        &format!("/organisations/{oi}/notes"),
    );
    let count = union_count(&groups);
    put(
        &mut d,
        &mut s,
        "hhs_affected",
        (!count.is_unknown()).then(|| cat.count(&count)),
        &format!("/groups/{}/count", groups.first().map_or(0, |g| g.0)),
    );
    put(
        &mut d,
        &mut s,
        "hhs_submission",
        Some(cat.date(&ctx.as_of_date())),
        "",
    );
    let breach_type = inc.breach.causes.iter().find_map(|c| match c {
        Cause::StolenDevice | Cause::PaperRecords => Some("Theft"),
        Cause::LostDevice => Some("Loss"),
        Cause::ImproperDisposal => Some("Improper Disposal"),
        Cause::Ransomware
        | Cause::Malware
        | Cause::UnauthorisedAccess
        | Cause::Phishing
        | Cause::CredentialAttack
        | Cause::VulnerabilityExploit
        | Cause::SupplyChain
        | Cause::WebSkimming => Some("Hacking/IT Incident"),
        Cause::Misdelivery
        | Cause::InsiderMisuse
        | Cause::EmployeeError
        | Cause::Misconfiguration => Some("Unauthorized Access/Disclosure"),
        _ => None,
    });
    put(
        &mut d,
        &mut s,
        "hhs_breach_type",
        breach_type.map(str::to_owned),
        "/breach/causes",
    );
    put(
        &mut d,
        &mut s,
        "hhs_location",
        (!inc.breach.systems.is_empty()).then(|| {
            inc.breach
                .systems
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        }),
        "/breach/systems",
    );
    let ba_present = inc.groups.iter().any(|g| {
        g.holders
            .iter()
            .any(|h| h.on_behalf_of.as_ref() == Some(&o.id))
    });
    put(
        &mut d,
        &mut s,
        "hhs_ba",
        Some(if ba_present { "Yes" } else { "No" }.to_owned()),
        "",
    );
    put(
        &mut d,
        &mut s,
        "hhs_breach_date",
        ctx.first_event(EventKind::Occurred)
            .and_then(|e| cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref())),
        "/timeline",
    );
    put(
        &mut d,
        &mut s,
        "hhs_discovery",
        inc.events_for(&EventKind::Aware, &o.id)
            .next()
            .and_then(|e| cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref())),
        "/timeline",
    );
    put(
        &mut d,
        &mut s,
        "hhs_description",
        inc.breach.description.as_ref().map(|t| t.to_string()),
        "/breach/description",
    );
    d.sections.push(s);
    finish(d)
}

// ------------------------------------------------------------------------------------------------
// Notice to individuals (APPI Rule 10, GDPR Art. 34(2), HIPAA 164.404(c))

fn notice(ctx: &Ctx<'_>, o: &Organisation, gi: usize, g: &AffectedGroup) -> Draft {
    let (cat, inc) = (ctx.cat, ctx.inc);
    let mut d = new_draft(ctx, cat.get("text.notice_title"), Some(o.id.to_string()));
    d.group = Some(g.id.to_string());
    let oi = ctx.org_index(o.id.as_str());
    d.header
        .push(cat.fill("text.notice_dear", &[("group", &ctx.group_label(g))]));
    d.header.push(format!(
        "{} — {}",
        ctx.org_name(o),
        cat.date(&ctx.as_of_date())
    ));
    // Which laws require this notice, from the assessment.
    let cites: Vec<String> = ctx
        .assessment
        .obligations
        .iter()
        .filter(|x| {
            x.obligor == o.id && x.stage == Stage::Notice && x.status != Status::NotRequired
        })
        .flat_map(|x| {
            x.content
                .iter()
                .map(|c| c.cite.clone())
                .take(1)
                .chain(x.citations.iter().map(|c| c.article.clone()).take(1))
        })
        .collect();
    d.fields
        .insert("required_by".into(), serde_json::json!(cites));
    let regimes: Vec<String> = ctx
        .assessment
        .obligations
        .iter()
        .filter(|x| {
            x.obligor == o.id && x.stage == Stage::Notice && x.status != Status::NotRequired
        })
        .map(|x| x.regime.clone())
        .collect();
    // Cite only the laws that require this notice (all of them when none is known to).
    let cite = |parts: &[(&str, &str)]| -> String {
        let chosen: Vec<&str> = parts
            .iter()
            .filter(|(r, _)| regimes.is_empty() || regimes.iter().any(|x| x == r))
            .map(|(_, c)| *c)
            .collect();
        chosen.join("; ")
    };
    let causes: Vec<&Cause> = inc
        .breach
        .causes
        .iter()
        .filter(|c| **c != Cause::Unknown)
        .collect();

    let mut s = Section::new("what_happened", cat.get("text.notice_what_happened")).cite(&cite(&[
        ("jp.appi", "APPI Rule 10 → 8(1)(i)"),
        ("eu.gdpr", "GDPR Art. 34(2)"),
        ("uk.gdpr", "UK GDPR Art. 34(2)"),
        ("us.hipaa", "45 CFR 164.404(c)(1)(A)"),
    ]));
    match ctx
        .first_event(EventKind::Detected)
        .or_else(|| ctx.first_event(EventKind::Aware))
    {
        Some(e) => {
            let when = cat
                .when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref())
                .unwrap_or_default();
            let c = causes
                .first()
                .map_or_else(|| cat.get("cause.unknown"), |c| ctx.cause_label(c));
            s.paragraphs.push(cat.fill(
                "text.detected",
                &[
                    ("date", &when),
                    ("cause", &c),
                    ("systems", &ctx.systems()),
                    ("then", ""),
                ],
            ));
        }
        None => miss(
            &mut d,
            "what_happened",
            cat.get("text.notice_what_happened"),
            "/timeline".into(),
        ),
    }
    d.sections.push(s);

    let mut s = Section::new("data", cat.get("text.notice_data")).cite(&cite(&[
        ("jp.appi", "APPI Rule 10 → 8(1)(ii)"),
        ("us.hipaa", "45 CFR 164.404(c)(1)(B)"),
    ]));
    if g.categories.is_empty() {
        miss(
            &mut d,
            "data",
            cat.get("text.notice_data"),
            format!("/groups/{gi}/categories"),
        );
    }
    s.items = g.categories.iter().map(|c| ctx.cat_label(c)).collect();
    if let Some(note) = ctx.not_affected(&g.not_affected) {
        s.paragraphs.push(note);
    }
    d.sections.push(s);

    let mut s = Section::new("cause", cat.get("text.notice_cause")).cite(&cite(&[
        ("jp.appi", "APPI Rule 10 → 8(1)(iv)"),
        ("eu.gdpr", "GDPR Art. 34(2) (nature)"),
        ("uk.gdpr", "UK GDPR Art. 34(2) (nature)"),
        ("us.hipaa", "45 CFR 164.404(c)(1)(A)"),
    ]));
    if causes.is_empty() {
        miss(
            &mut d,
            "cause",
            cat.get("text.notice_cause"),
            "/breach/causes".into(),
        );
    }
    s.paragraphs.push(
        cat.join(
            &causes
                .iter()
                .map(|c| ctx.cause_label(c))
                .collect::<Vec<_>>(),
        ),
    );
    d.sections.push(s);

    let mut s = Section::new("consequences", cat.get("text.notice_consequences")).cite(&cite(&[
        ("jp.appi", "APPI Rule 10 → 8(1)(v)"),
        ("eu.gdpr", "GDPR Art. 34(2) → 33(3)(c)"),
        ("uk.gdpr", "UK GDPR Art. 34(2) → 33(3)(c)"),
    ]));
    s.paragraphs.push(ctx.exfiltration_line());
    d.sections.push(s);

    let mut s = Section::new("doing", cat.get("text.notice_doing")).cite(&cite(&[
        ("jp.appi", "APPI Rule 10 → 8(1)(ix)"),
        ("eu.gdpr", "GDPR Art. 34(2) → 33(3)(d)"),
        ("uk.gdpr", "UK GDPR Art. 34(2) → 33(3)(d)"),
        ("us.hipaa", "45 CFR 164.404(c)(1)(D)"),
    ]));
    s.items = inc
        .measures
        .iter()
        .filter(|m| m.entities.is_empty() || m.entities.contains(&o.id))
        .map(|m| ctx.measure_text(m))
        .collect();
    if s.items.is_empty() {
        miss(
            &mut d,
            "doing",
            cat.get("text.notice_doing"),
            "/measures".into(),
        );
    }
    d.sections.push(s);

    let mut s = Section::new("you_can", cat.get("text.notice_you_can")).cite(&cite(&[
        ("jp.appi", "APPI Rule 10 → 8(1)(ix)"),
        ("us.hipaa", "45 CFR 164.404(c)(1)(C)"),
    ]));
    for c in &g.categories {
        if let Some(a) = cat.opt(&format!("advice.{}", c.code())) {
            let a = a.to_owned();
            if !s.items.contains(&a) {
                s.items.push(a);
            }
        }
    }
    s.items.push(cat.get("text.notice_advice_generic"));
    d.sections.push(s);

    let mut s = Section::new("contact", cat.get("text.notice_contact")).cite(&cite(&[
        ("eu.gdpr", "GDPR Art. 34(2) → 33(3)(b)"),
        ("uk.gdpr", "UK GDPR Art. 34(2) → 33(3)(b)"),
        ("us.hipaa", "45 CFR 164.404(c)(1)(E)"),
    ]));
    s.items
        .extend(ctx.contact_lines(o, "text.contact_line_plain"));
    if o.contacts.is_empty() {
        miss(
            &mut d,
            "contact",
            cat.get("text.notice_contact"),
            format!("/organisations/{oi}/contacts"),
        );
    }
    d.sections.push(s);
    finish(d)
}
