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
    /// The incident as it was known when the previous announcement was published (the revision
    /// current then, from the incident's history; see [`previous_known`]). With it, the
    /// announcement's "what changed" section also lists what was learned since, from the typed
    /// diff of the two revisions: groups and data categories found, counts established, measures.
    pub previous_known: Option<Incident>,
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
            previous_known: None,
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
    /// The incident records facts dated after `as_of`: undated facts are marked "date unknown".
    back_dated: bool,
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
            back_dated: false,
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
                self.cat.fill(
                    "text.group_of_holders",
                    &[
                        ("holders", &self.cat.join(&holders)),
                        ("kind", &self.kind_label(&g.kind)),
                    ],
                )
            }
            _ => self.kind_label(&g.kind),
        }
    }

    /// A group's data items: joined with "and", or as varying by person ("and/or",
    /// 対象者により異なる) when the incident says each person lost only some of them.
    fn categories_text(&self, g: &AffectedGroup) -> String {
        let c: Vec<String> = g.categories.iter().map(|c| self.cat_label(c)).collect();
        if g.categories_vary == Tristate::Yes {
            let joined = match c.as_slice() {
                [] => String::new(),
                [one] => one.clone(),
                [init @ .., last] => format!(
                    "{}{}{last}",
                    init.join(&self.cat.get("meta.list_sep")),
                    self.cat.get("meta.list_last_vary")
                ),
            };
            self.cat.fill("text.items_vary", &[("items", &joined)])
        } else {
            self.cat.join(&c)
        }
    }

    /// An organisation's name, with the short name a public text defines ("… (SGC)").
    fn org_defined(&self, o: &Organisation) -> String {
        match &o.short_name {
            Some(short) => self.cat.fill(
                "text.org_defined",
                &[("name", &self.org_name(o)), ("short", short.as_str())],
            ),
            None => self.org_name(o),
        }
    }

    fn measure_text(&self, m: &breachkit_model::Measure) -> String {
        let mut t = match (self.cat.lang(), &m.description) {
            (Lang::En, Some(d)) => d.to_string(),
            _ => match &m.kind {
                breachkit_model::MeasureKind::Custom(c) => c.as_str().replace('_', " "),
                k => self.cat.get(&format!("measure.{}", k.code())),
            },
        };
        if m.at.is_none() && m.known_since.is_none() {
            t.push_str(&self.undated_mark());
        }
        t
    }

    /// "（時期不明・要確認）" after an undated fact in a back-dated draft; empty otherwise.
    fn undated_mark(&self) -> String {
        if self.back_dated {
            self.cat.get("meta.date_unknown")
        } else {
            String::new()
        }
    }

    /// The mark for an undated group or total.
    fn mark_if_undated(&self, since: Option<&PartialTime>) -> String {
        if since.is_none() {
            self.undated_mark()
        } else {
            String::new()
        }
    }

    fn systems(&self) -> String {
        let s = &self.inc.breach.systems;
        match self.cat.lang() {
            // The incident's own words are English: shown in English drafts only.
            Lang::En if !s.is_empty() => self
                .cat
                .join(&s.iter().map(|t| t.to_string()).collect::<Vec<_>>()),
            _ => self.cat.get("text.our_systems"),
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
                let label = self.event_label(&e.kind);
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
                let kind = self.cat.get(&format!("value.report_{}", r.kind.code()));
                let to = self.body_or_public(r);
                // "notice" to individuals: the kind alone, not "notice: notice".
                let label = if to == kind {
                    kind
                } else {
                    self.cat
                        .fill("text.timeline_report", &[("kind", &kind), ("to", &to)])
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
        pts.sort_by_key(|p| p.0);
        pts.into_iter().map(|p| p.1).collect()
    }

    /// An event kind in words (a custom kind as written in the incident).
    fn event_label(&self, k: &EventKind) -> String {
        self.cat
            .opt(&format!("event.{}", k.code()))
            .map_or_else(|| k.code().replace('_', " "), str::to_owned)
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

    /// Whether data was taken out, as a sentence, from `{prefix}.{confirmed,suspected,...}`.
    fn exfiltration_line(&self, prefix: &str) -> String {
        let key = match self.inc.breach.exfiltration {
            Exfiltration::Confirmed => "confirmed",
            Exfiltration::Suspected => "suspected",
            Exfiltration::NoneFound => "none_found",
            _ => "unknown",
        };
        self.cat.get(&format!("{prefix}{key}"))
    }

    /// The content-item citation of the first obligation served that has it.
    fn cite_of(&self, obs: &[&breachkit_rules::Obligation], ids: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for ob in obs {
            for id in ids {
                if let Some(c) = crate::bindings::content_cite(self.cat.lang(), ob, id) {
                    if !out.contains(&c) {
                        out.push(c);
                    }
                }
            }
        }
        out
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
    // Facts as known on the day: what the incident dates after `as_of` is left out.
    let (known, back_dated) = as_known_on(inc, opts.as_of);
    let inc = &known;
    let mut ctx = Ctx::new(inc, cat, assessment, opts);
    ctx.back_dated = back_dated;
    let entities: Vec<&Organisation> = inc
        .organisations
        .iter()
        .filter(|o| opts.entity.as_deref().is_none_or(|e| o.id.as_str() == e))
        .filter(|o| {
            !ctx.groups_of(o.id.as_str()).is_empty() || opts.kind == ReportKind::Announcement
        })
        // A regulator's report is drafted only for entities the regime applies to.
        .filter(|o| {
            crate::bindings::bindings()
                .served(opts.kind.code(), assessment, o.id.as_str())
                .is_none_or(|v| !v.is_empty())
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

/// The incident as known at `as_of`: events, measures, group details and totals first known
/// (`at`, `known_since`) after `as_of` are left out; reports are filtered where they are used.
/// Also whether anything was left out or lies after `as_of` (the draft is back-dated).
fn as_known_on(inc: &Incident, as_of: DateTime<Utc>) -> (Incident, bool) {
    let zone = inc.time_zone.map(|z| z.tz());
    let later = |t: Option<&PartialTime>| {
        t.and_then(|t| t.resolve(zone))
            .is_some_and(|r| r.earliest > as_of)
    };
    let mut k = inc.clone();
    let mut back = false;
    k.timeline.retain(|e| {
        let keep = !later(e.at.as_ref()) && !later(e.after.as_ref());
        back |= !keep || later(e.before.as_ref());
        keep
    });
    k.measures.retain(|m| {
        let keep = !later(m.known_since.as_ref()) && !later(m.at.as_ref());
        back |= !keep;
        keep
    });
    for g in &mut k.groups {
        if later(g.known_since.as_ref()) {
            back = true;
            g.categories.clear();
            g.not_affected.clear();
            g.count = Count::default();
            g.records = None;
        }
    }
    if later(k.totals.known_since.as_ref()) {
        back = true;
        k.totals = breachkit_model::Totals::default();
    }
    back |= inc
        .reports
        .iter()
        .any(|r| later(r.at.as_ref()) || later(r.before.as_ref()) && r.at.is_none());
    (k, back)
}

/// Lists every required field of the kind's form (drafts.toml → forms/*.toml) that the draft
/// neither filled nor flagged, then finishes it.
fn form_finish(ctx: &Ctx<'_>, o: &Organisation, mut d: Draft) -> Draft {
    let form = crate::bindings::bindings()
        .kinds
        .get(ctx.opts.kind.code())
        .and_then(|k| k.form.as_deref())
        .and_then(crate::forms::form);
    if let Some(f) = form {
        let group = ctx.groups_of(o.id.as_str()).first().map(|g| g.0);
        f.list_missing(&mut d, ctx.cat.lang(), ctx.org_index(o.id.as_str()), group);
        d.fields.insert("form".into(), f.form.clone().into());
    }
    finish(d)
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

/// What the investigation learned between the revision current at the previous announcement and
/// this one, as lines of the announcement's "what changed" section: groups found (with their data
/// categories), data categories added to a group already announced, the total or a group's count
/// established or changed, measures added or changed. Reports and events are dated and listed by
/// date already; a measure listed there (`listed`) is not repeated.
fn learned_since(ctx: &Ctx<'_>, before: &Incident, listed: &[String]) -> Vec<String> {
    use breachkit_model::ChangeKind as K;
    let (cat, inc) = (ctx.cat, ctx.inc);
    let changes = breachkit_model::diff(before, inc);
    let group_at = |path: &str| -> Option<&AffectedGroup> {
        let i: usize = path
            .strip_prefix("/groups/")?
            .split('/')
            .next()?
            .parse()
            .ok()?;
        inc.groups.get(i)
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |line: String| {
        if !out.contains(&line) && !listed.iter().any(|l| l.ends_with(&line)) {
            out.push(line);
        }
    };
    let known = |c: &Count| !matches!(c, Count::Unknown { .. });
    let mut groups_added: Vec<&str> = Vec::new();
    for c in &changes {
        match c.kind {
            K::GroupAdded => {
                if let Some(g) = group_at(&c.path) {
                    groups_added.push(g.id.as_str());
                    let what = if g.categories.is_empty() {
                        ctx.group_label(g)
                    } else {
                        cat.fill(
                            "text.group_line",
                            &[
                                ("label", &ctx.group_label(g)),
                                ("categories", &ctx.categories_text(g)),
                            ],
                        )
                    };
                    push(cat.fill("text.learned_group", &[("what", &what)]));
                }
            }
            K::CategoryAdded if c.path.contains("/categories") => {
                if let Some(g) = group_at(&c.path) {
                    if groups_added.contains(&g.id.as_str()) {
                        continue;
                    }
                    let had: Vec<&breachkit_model::DataCategory> = before
                        .groups
                        .iter()
                        .find(|b| b.id == g.id)
                        .map(|b| b.categories.iter().collect())
                        .unwrap_or_default();
                    let new: Vec<String> = g
                        .categories
                        .iter()
                        .filter(|x| !had.contains(x))
                        .map(|x| ctx.cat_label(x))
                        .collect();
                    if !new.is_empty() {
                        push(cat.fill(
                            "text.learned_categories",
                            &[
                                ("label", &ctx.group_label(g)),
                                ("categories", &cat.join(&new)),
                            ],
                        ));
                    }
                }
            }
            // `/totals` itself when the totals were first recorded, else the count's pointer.
            K::CountChanged if c.path.starts_with("/totals") => {
                let (records, persons) = (c.path != "/totals/persons", c.path != "/totals/records");
                if let Some(r) = inc.totals.records.as_ref().filter(|r| records && known(r)) {
                    push(cat.fill("text.learned_total_records", &[("count", &cat.count(r))]));
                }
                if let Some(r) = inc.totals.persons.as_ref().filter(|r| persons && known(r)) {
                    push(cat.fill("text.learned_total_persons", &[("count", &cat.count(r))]));
                }
            }
            K::CountChanged => {
                if let Some(g) =
                    group_at(&c.path).filter(|g| !groups_added.contains(&g.id.as_str()))
                {
                    if c.path.ends_with("/count") && known(&g.count) {
                        push(cat.fill(
                            "text.learned_group_count",
                            &[
                                ("label", &ctx.group_label(g)),
                                ("count", &cat.count(&g.count)),
                            ],
                        ));
                    }
                }
            }
            K::MeasureAdded | K::MeasureChanged => {
                let i = c
                    .path
                    .strip_prefix("/measures/")
                    .and_then(|p| p.split('/').next())
                    .and_then(|p| p.parse::<usize>().ok());
                if let Some(m) = i.and_then(|i| inc.measures.get(i)) {
                    if m.status != MeasureStatus::Planned {
                        push(ctx.measure_text(m));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The number of the announcement drafted as of `as_of`: `sequence` if given, else one after the
/// last announcement dated before the day of `as_of` (in the incident's zone).
fn announcement_number(inc: &Incident, as_of: DateTime<Utc>, sequence: Option<u32>) -> u32 {
    let zone = inc.time_zone.map(|z| z.tz());
    let local = as_of
        .with_timezone(&zone.unwrap_or(chrono_tz::UTC))
        .date_naive();
    use chrono::Datelike;
    let as_of_day = PartialTime::date(local.year(), local.month(), local.day())
        .unwrap_or_else(|_| PartialTime::instant(as_of))
        .resolve(zone)
        .map(|r| r.earliest);
    sequence.unwrap_or_else(|| {
        inc.reports
            .iter()
            .filter(|r| r.kind == RecKind::Announcement)
            .filter(|r| {
                r.at.and_then(|t| t.resolve(zone))
                    .zip(as_of_day)
                    .is_some_and(|(t, d)| t.earliest < d)
            })
            .filter_map(|r| r.sequence)
            .max()
            .unwrap_or(0)
            // Validation caps sequences far below u32::MAX (and `draft` refuses documents over
            // the cap); saturating keeps this total all the same.
            .saturating_add(1)
    })
}

/// The incident as it was known when the announcement before the one drafted as of `as_of` was
/// published: the revision of `history` current at the end of that announcement's day (in the
/// incident's zone). `None` when the history has no revision then, when that announcement is not
/// dated, or when it is the revision current at `as_of` itself. Set it as
/// [`Options::previous_known`].
pub fn previous_known(
    history: &breachkit_model::IncidentHistory,
    as_of: DateTime<Utc>,
    sequence: Option<u32>,
) -> Option<Incident> {
    let now = history.current_at(as_of)?;
    let inc = &now.incident;
    let n = announcement_number(inc, as_of, sequence);
    let zone = inc.time_zone.map(|z| z.tz());
    let prev = inc
        .reports
        .iter()
        .filter(|r| r.kind == RecKind::Announcement && r.sequence.is_some_and(|s| s < n))
        .max_by_key(|r| r.sequence)?;
    let end = prev.at?.resolve(zone)?.latest;
    let then = history.current_at(end)?;
    (then.number != now.number).then(|| then.incident.clone())
}

fn announcement(ctx: &Ctx<'_>) -> Draft {
    let (cat, inc) = (ctx.cat, ctx.inc);
    let as_of_date = ctx.as_of_date();
    let announcements: Vec<&ReportRecord> = inc
        .reports
        .iter()
        .filter(|r| r.kind == RecKind::Announcement)
        .collect();
    let n = announcement_number(inc, ctx.opts.as_of, ctx.opts.sequence);
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
        intro.push_str(&cat.get("meta.sentence_sep"));
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
        if !p.is_empty() {
            p.push_str(&cat.get("meta.sentence_sep"));
        }
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
        .map(|o| ctx.org_defined(o))
        .collect();
    let reviewed = ctx.first_event(EventKind::ScopeDetermined).is_some()
        && inc
            .measures
            .iter()
            .any(|m| m.kind == breachkit_model::MeasureKind::ExternalExperts);
    if let Some(r) = &inc.totals.records {
        s.paragraphs.push(
            cat.fill(
                if reviewed {
                    "text.totals_records_reviewed"
                } else {
                    "text.totals_records"
                },
                &[("count", &cat.count(r)), ("holders", &cat.join(&holders))],
            ) + &ctx.mark_if_undated(inc.totals.known_since.as_ref()),
        );
    } else if let Some(pc) = &inc.totals.persons {
        s.paragraphs.push(
            cat.fill(
                "text.totals_persons",
                &[("count", &cat.count(pc)), ("holders", &cat.join(&holders))],
            ) + &ctx.mark_if_undated(inc.totals.known_since.as_ref()),
        );
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
            let item = |at: Option<&PartialTime>, what: String| {
                cat.fill(
                    "text.dated_item",
                    &[
                        ("date", &cat.when(at, None, None).unwrap_or_default()),
                        ("what", &what),
                    ],
                )
            };
            for e in inc.timeline.iter().filter(|e| in_window(e.at.as_ref())) {
                s.items.push(item(e.at.as_ref(), ctx.event_label(&e.kind)));
            }
            for m in inc.measures.iter().filter(|m| in_window(m.at.as_ref())) {
                s.items.push(item(m.at.as_ref(), ctx.measure_text(m)));
            }
            for r in inc
                .reports
                .iter()
                .filter(|r| r.sequence != Some(n) && in_window(r.at.as_ref()))
            {
                s.items.push(item(r.at.as_ref(), ctx.body_or_public(r)));
            }
            if let Some(before) = &ctx.opts.previous_known {
                s.items.extend(learned_since(ctx, before, &s.items));
            }
            // A public text says what changed only when something did; it never describes the
            // incident file ("nothing is recorded").
            if !s.items.is_empty() {
                d.sections.push(s);
            }
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
        let mut line = cat.fill(
            "text.group_line",
            &[
                ("label", &ctx.group_label(g)),
                ("categories", &ctx.categories_text(g)),
            ],
        );
        if let Some(note) = ctx.not_affected(&g.not_affected) {
            line.push_str(&cat.get("meta.sentence_sep"));
            line.push_str(&note);
        }
        line.push_str(&ctx.mark_if_undated(g.known_since.as_ref()));
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
        let experts = inc
            .measures
            .iter()
            .any(|m| m.kind == breachkit_model::MeasureKind::ExternalExperts);
        s.paragraphs.push(cat.get(if experts {
            "text.future_intro_experts"
        } else {
            "text.future_intro"
        }));
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
    let line = |label: &str, value: &str| {
        cat.fill(
            "text.label_value",
            &[("label", &cat.get(label)), ("value", value)],
        )
    };
    d.header.push(line("text.ppc_header", &ctx.org_name(o)));
    d.header.push(line("text.ppc_stage", &stage_label));
    d.fields
        .insert("ppc.reporter".into(), ctx.org_name(o).into());
    d.fields.insert(
        "ppc.stage".into(),
        (if final_stage { "final" } else { "preliminary" }).into(),
    );
    d.fields.insert(
        "ppc.report_date".into(),
        ctx.as_of_date().to_string().into(),
    );
    if let Some(e) = inc.events_for(&EventKind::Occurred, &o.id).next() {
        if let Some(t) = e.at.or(e.after) {
            d.fields.insert("ppc.occurred".into(), t.to_string().into());
        }
    }
    // 委託: whether any of its groups is held for it by another, or by it for another.
    let entrusted = groups.iter().any(|(_, g)| {
        g.holders.iter().any(|h| {
            h.on_behalf_of.is_some()
                || h.entity != o.id
                    && g.holders
                        .iter()
                        .any(|x| x.on_behalf_of.as_ref() == Some(&o.id))
        })
    });
    d.fields.insert(
        "ppc.item1.entrustment".into(),
        (if entrusted {
            "entrusted"
        } else {
            "none_recorded"
        })
        .into(),
    );
    if !inc.breach.systems.is_empty() {
        d.fields.insert(
            "ppc.item2.medium".into(),
            serde_json::json!(
                inc.breach
                    .systems
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
            ),
        );
    }
    // The day of knowing: the recorded awareness, else detection, flagged as provisional (as
    // `assess` asks when the business knew).
    let aware = inc.events_for(&EventKind::Aware, &o.id).next();
    let detected = inc.events_for(&EventKind::Detected, &o.id).next();
    if let Some((e, basis)) = aware
        .map(|e| (e, "aware"))
        .or(detected.map(|e| (e, "detected_provisional")))
    {
        if let Some(t) = e.at.or(e.after) {
            d.fields.insert("ppc.knew".into(), t.to_string().into());
            d.fields.insert("ppc.knew_basis".into(), basis.into());
        }
    }
    match (aware, detected) {
        (Some(e), _) => match cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref()) {
            Some(w) => d.header.push(line("text.ppc_knew", &w)),
            None => miss(
                &mut d,
                "ppc.knew",
                cat.get("text.ppc_knew"),
                "/timeline".into(),
            ),
        },
        (None, Some(e)) => match cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref()) {
            Some(w) => d.header.push(line(
                "text.ppc_knew",
                &cat.fill("text.ppc_knew_provisional", &[("date", &w)]),
            )),
            None => miss(
                &mut d,
                "ppc.knew",
                cat.get("text.ppc_knew"),
                "/timeline".into(),
            ),
        },
        (None, None) => miss(
            &mut d,
            "ppc.knew",
            cat.get("text.ppc_knew"),
            "/timeline".into(),
        ),
    }
    // The obligation this draft serves (drafts.toml), its Rule 7 items in words, its citations.
    let served = crate::bindings::bindings()
        .served(ctx.opts.kind.code(), ctx.assessment, o.id.as_str())
        .unwrap_or_default();
    let ob = served.first().copied();
    if let Some(ob) = ob {
        let rules_lang = match ctx.opts.lang {
            Lang::Ja => breachkit_rules::Lang::Ja,
            _ => breachkit_rules::Lang::En,
        };
        let words = |t: &breachkit_rules::TraceStep| -> Option<String> {
            let clause = t.clause.as_deref()?;
            let (cite, label) = match breachkit_rules::i18n::clause_words(
                rules_lang,
                &ob.regime,
                &ob.regime_version,
                clause,
            ) {
                Some(w) => (w.cite.clone().unwrap_or_default(), w.label.clone()),
                None => (
                    t.cite.clone().unwrap_or_default(),
                    t.label.clone().unwrap_or_default(),
                ),
            };
            Some(cat.fill(
                "text.ppc_trigger_clause",
                &[("cite", &cite), ("label", &label)],
            ))
        };
        let triggers = |o: breachkit_rules::Outcome| -> Vec<String> {
            ob.trace
                .iter()
                .filter(|t| t.kind == breachkit_rules::StepKind::Trigger && t.outcome == o)
                .filter_map(words)
                .collect()
        };
        let held = triggers(breachkit_rules::Outcome::Yes);
        let open = triggers(breachkit_rules::Outcome::Unknown);
        let value = match (held.is_empty(), open.is_empty()) {
            (true, true) => cat.get("meta.unknown"),
            (false, true) => cat.join(&held),
            (true, false) => cat.fill("text.ppc_trigger_open_only", &[("open", &cat.join(&open))]),
            (false, false) => cat.fill(
                "text.ppc_trigger_open",
                &[("held", &cat.join(&held)), ("open", &cat.join(&open))],
            ),
        };
        d.header.push(line("text.ppc_trigger", &value));
        d.fields
            .insert("ppc.triggers".into(), serde_json::json!(held));
        d.fields
            .insert("ppc.undetermined".into(), serde_json::json!(open));
        if let Some(due) = &ob.deadline.due_local {
            d.fields.insert("ppc.due".into(), due.clone().into());
        }
        d.fields
            .insert("ppc.status".into(), ob.status.code().into());
        // A final report drafted after its due date says so.
        if final_stage {
            if let Some(due) = ob.deadline.due {
                if due < ctx.opts.as_of {
                    let local = due
                        .with_timezone(&ctx.zone.unwrap_or(chrono_tz::UTC))
                        .date_naive();
                    use chrono::Datelike;
                    let day = PartialTime::date(local.year(), local.month(), local.day())
                        .map(|t| cat.date(&t))
                        .unwrap_or_default();
                    d.intro.push(cat.fill("text.ppc_late", &[("due", &day)]));
                    d.fields.insert("ppc.late".into(), true.into());
                }
            }
        }
    }
    let items = &crate::bindings::bindings().ppc.items;
    let item = |n: u32, key: &str| {
        let id = usize::try_from(n.saturating_sub(1))
            .ok()
            .and_then(|i| items.get(i))
            .cloned()
            .unwrap_or_default();
        let cites = ctx.cite_of(&served, std::slice::from_ref(&id));
        Section::new(
            &format!("ppc.item{n}"),
            cat.fill(
                "text.numbered_heading",
                &[
                    ("n", &n.to_string()),
                    ("label", &cat.get(&format!("label.{key}"))),
                ],
            ),
        )
        .cite(&cites.join(&cat.get("meta.list_sep")))
    };
    let missing_mark = cat.get("meta.missing");
    let sep = cat.get("meta.sentence_sep");

    // 1 Overview: dates, how it was found, what happened (leakage; damage to availability).
    let mut s = item(1, "ppc_overview");
    let mut lines = Vec::new();
    for (kind, key) in [
        (EventKind::Occurred, "text.ppc_overview_occurred"),
        (EventKind::Detected, "text.ppc_overview_detected"),
        (EventKind::Aware, "text.ppc_overview_aware"),
    ] {
        match inc.events_for(&kind, &o.id).next() {
            Some(e) => {
                if let Some(w) = cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref()) {
                    lines.push(cat.fill(key, &[("date", &w)]));
                }
            }
            // The date of occurrence is asked for even when unknown.
            None if kind == EventKind::Occurred => {
                lines.push(cat.fill(key, &[("date", &cat.count(&Count::default()))]));
            }
            None => {}
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
    // APPI's terms (漏えい / 毀損 / 滅失), per the PPC guideline's definitions: data made
    // unusable is 毀損, and not even that when an identical copy is kept (PPC FAQ Q4-5); 滅失
    // is content lost, which an attack on availability does not establish by itself.
    let nature: Vec<String> = inc
        .breach
        .nature
        .iter()
        .filter_map(|n| match n {
            Nature::Availability => {
                match (inc.breach.backups.available, &inc.breach.backups.restored) {
                    (Tristate::Yes, _) => None,
                    (_, Some(t)) if ctx.by_as_of(Some(t), None) => None,
                    (Tristate::No, _) => Some(cat.get("appi_nature.availability")),
                    _ => Some(cat.get("appi_nature.availability_unknown")),
                }
            }
            other => Some(cat.get(&format!("appi_nature.{}", nature_code(*other)))),
        })
        .collect();
    if !nature.is_empty() {
        lines.push(cat.fill("text.ppc_overview_nature", &[("value", &cat.join(&nature))]));
    }
    if inc.breach.nature.contains(&Nature::Confidentiality) {
        // Breach-level facts carry no date: marked in a back-dated draft.
        lines.push(ctx.exfiltration_line("ppc_exfil.") + &ctx.undated_mark());
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
    s.paragraphs.push(lines.join(&sep));
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
            let mut line = cat.fill(
                "text.ppc_group_items",
                &[
                    ("group", &ctx.group_label(g)),
                    ("items", &ctx.categories_text(g)),
                ],
            );
            line.push_str(&ctx.mark_if_undated(g.known_since.as_ref()));
            s.items.push(line);
        }
        let na: Vec<String> = not.iter().map(|c| ctx.cat_label(c)).collect();
        if !na.is_empty() {
            // After the list, in the report's register.
            s.paragraphs
                .push(cat.fill("text.ppc_not_affected", &[("categories", &cat.join(&na))]));
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
        let mut p = cat.fill("text.ppc_total_records", &[("count", &cat.count(r))]);
        p.push_str(&ctx.mark_if_undated(inc.totals.known_since.as_ref()));
        s.paragraphs.push(p);
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

    // 5 Secondary damage: misuse that occurred or may occur (the leak itself is item 1). The
    // model records no misuse, so the draft proposes wording to confirm.
    let mut s = item(5, "ppc_secondary");
    s.paragraphs.push(cat.get("text.ppc_secondary_check"));
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
    d.fields
        .insert("ppc.item5".into(), s.paragraphs.join("\n").into());
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
            .unwrap_or_else(|| cat.get("text.date_to_check"));
        s.items.push(cat.fill(
            "text.ppc_response_line_dated",
            &[
                ("kind", &cat.get(&format!("value.report_{}", r.kind.code()))),
                ("status", &status),
                ("when", &when),
            ],
        ));
    }
    if !s.items.is_empty() {
        d.fields
            .insert("ppc.item6".into(), serde_json::json!(s.items));
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
        s.paragraphs.push(cat.get("text.ppc_alternative"));
    } else if groups
        .iter()
        .any(|(_, g)| g.contact_details_available == Tristate::Unknown)
    {
        s.paragraphs.push(cat.get("text.ppc_alternative_unknown"));
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
    d.fields
        .insert("ppc.item7".into(), serde_json::json!(s.items));
    d.sections.push(s);

    // 8 Recurrence prevention: what is done, then what is planned.
    let mut s = item(8, "ppc_prevention");
    let mine: Vec<&breachkit_model::Measure> = inc
        .measures
        .iter()
        .filter(|m| m.entities.is_empty() || m.entities.contains(&o.id))
        .collect();
    let taken: Vec<String> = mine
        .iter()
        .filter(|m| m.status != MeasureStatus::Planned)
        .map(|m| ctx.measure_text(m))
        .collect();
    let planned: Vec<String> = mine
        .iter()
        .filter(|m| m.status == MeasureStatus::Planned)
        .map(|m| ctx.measure_text(m))
        .collect();
    if !taken.is_empty() {
        d.fields
            .insert("ppc.item8.taken".into(), serde_json::json!(taken));
    }
    if !planned.is_empty() {
        d.fields
            .insert("ppc.item8.planned".into(), serde_json::json!(planned));
    }
    if mine.is_empty() {
        miss(
            &mut d,
            "ppc.item8",
            cat.get("label.ppc_prevention"),
            "/measures".into(),
        );
        s.paragraphs.push(missing_mark.clone());
        d.sections.push(s);
    } else {
        let cite = s.cite.take();
        if !taken.is_empty() {
            s.paragraphs.push(cat.get("text.ppc_prevention_taken"));
            s.items = taken;
        }
        if planned.is_empty() {
            s.cite = cite;
            d.sections.push(s);
        } else {
            d.sections.push(s);
            let mut p = Section::new("ppc.item8.planned", String::new());
            p.paragraphs.push(cat.get("text.ppc_prevention_planned"));
            p.items = planned;
            p.cite = cite;
            d.sections.push(p);
        }
    }

    // 9 Other: reports to the police and other authorities, by whichever company made them.
    let mut s = item(9, "ppc_other");
    for r in inc.reports.iter().filter(|r| {
        r.recipient.kind == RecipientKind::Police
            && (r.by.is_empty()
                || r.by.contains(&o.id)
                || o.parent.as_ref().is_some_and(|p| r.by.contains(p)))
            && (r.at.is_none() && r.before.is_none()
                || ctx.by_as_of(r.at.as_ref(), r.before.as_ref()))
    }) {
        let by: Vec<String> = if r.by.is_empty() {
            vec![ctx.org_name(o)]
        } else {
            r.by.iter()
                .map(|b| ctx.org_name_by_id(b.as_str()))
                .collect()
        };
        s.items.push(
            cat.fill(
                "text.ppc_other_line",
                &[
                    ("by", &cat.join(&by)),
                    ("recipient", &ctx.body_name(r)),
                    ("kind", &cat.get(&format!("value.report_{}", r.kind.code()))),
                    (
                        "when",
                        &cat.when(r.at.as_ref(), None, r.before.as_ref())
                            .unwrap_or_else(|| cat.get("text.date_to_check")),
                    ),
                ],
            ),
        );
    }
    if s.items.is_empty() {
        s.paragraphs.push(cat.get("text.ppc_other_none"));
    }
    d.fields
        .insert("ppc.item9".into(), serde_json::json!(s.items));
    d.sections.push(s);
    form_finish(ctx, o, d)
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
        Some(e) if e.at.is_some() => {
            let t = e.at.unwrap_or_else(|| unreachable!());
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
    match aware.and_then(|e| {
        e.at.and_then(|t| t.resolve(inc.zone_for(e.time_zone)).map(|r| (t, r)))
    }) {
        Some((t, r)) => {
            // The text keeps the recorded precision in the incident's zone ("13 January 2019",
            // not a UTC instant of the day before); the JSON keeps the instant.
            f.push(("field_48", r.earliest.to_rfc3339().into(), cat.date(&t)));
            // Late by the engine's own deadline for this entity's Art. 33 notification.
            let due = crate::bindings::bindings()
                .served(ctx.opts.kind.code(), ctx.assessment, o.id.as_str())
                .unwrap_or_default()
                .iter()
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
    let form = crate::forms::form("edpb-art33");
    let code = |list: &str, c: &str, custom: bool| -> String {
        form.and_then(|f| f.code(list, c, custom))
            .unwrap_or_default()
            .to_owned()
    };
    let mut incident_types: Vec<String> = inc
        .breach
        .causes
        .iter()
        .map(|c| code("field_60", &c.code(), matches!(c, Cause::Custom(_))))
        .collect();
    incident_types.sort_unstable();
    incident_types.dedup();
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
        let s = cat.join(
            &inc.breach
                .systems
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>(),
        );
        let shown = if cat.lang() == Lang::En {
            s.clone()
        } else {
            cat.get("meta.free_text_omitted")
        };
        f.push(("field_63", s.into(), shown));
    }
    let subjects: Vec<String> = {
        let mut v: Vec<String> = groups
            .iter()
            .map(|(_, g)| {
                code(
                    "field_65",
                    &g.kind.code(),
                    matches!(g.kind, GroupKind::Custom(_)),
                )
            })
            .collect();
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
    let mut types: Vec<String> = cats
        .iter()
        .map(|c| code("field_70", &c.code(), matches!(c, DataCategory::Custom(_))))
        .collect();
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
    let served = crate::bindings::bindings()
        .served(ctx.opts.kind.code(), ctx.assessment, o.id.as_str())
        .unwrap_or_default();
    let all_content: Vec<String> = served
        .iter()
        .flat_map(|ob| ob.content.iter().map(|c| c.id.clone()))
        .collect();
    let mut s = Section::new("edpb", cat.get("text.gdpr_title")).cite(
        &ctx.cite_of(&served, &all_content)
            .join(&cat.get("meta.list_sep")),
    );
    for (k, v, shown) in &f {
        s.items.push(cat.fill(
            "text.field_line",
            &[
                ("label", &cat.get(&format!("edpb.{k}"))),
                ("n", k.trim_start_matches("field_")),
                ("value", shown),
            ],
        ));
        d.fields.insert((*k).to_owned(), v.clone());
    }
    d.sections.push(s);
    let measures_id = crate::bindings::bindings().gdpr.measures.clone();
    let mut s = Section::new("measures", cat.get("edpb.field_measures")).cite(
        &ctx.cite_of(&served, std::slice::from_ref(&measures_id))
            .join(&cat.get("meta.list_sep")),
    );
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
    // Risk outcome (field 89) from the recorded risk level; unknown stays to be filled.
    match inc.breach.risk {
        RiskLevel::High => {
            d.fields.insert("field_89".into(), "a".into());
        }
        RiskLevel::Risk => {
            d.fields.insert("field_89".into(), "b".into());
        }
        RiskLevel::Unlikely => {
            d.fields.insert("field_89".into(), "c".into());
        }
        _ => {}
    }
    if let Some(r) = groups.iter().find_map(|(_, g)| g.records) {
        let (k, n) = edpb_count(&r);
        d.fields.insert("field_72".into(), k.into());
        if let Some(n) = n {
            d.fields.insert("field_73".into(), n.into());
        }
    }
    d.fields.insert("field_4".into(), "b".into());
    let mut d = form_finish(ctx, o, d);
    let complete = d.missing.is_empty();
    d.fields
        .insert("field_4".into(), (if complete { "a" } else { "b" }).into());
    d
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
    let served = crate::bindings::bindings()
        .served(ctx.opts.kind.code(), ctx.assessment, o.id.as_str())
        .unwrap_or_default();
    let cites: Vec<String> = served
        .iter()
        .filter_map(|ob| ob.citations.first().map(|c| c.article.clone()))
        .fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        });
    let mut s =
        Section::new("hhs", cat.get("text.hhs_title")).cite(&cites.join(&cat.get("meta.list_sep")));
    let put = |d: &mut Draft, s: &mut Section, key: &str, value: Option<String>, path: &str| {
        let label = cat.get(&format!("label.{key}"));
        match value {
            Some(v) => {
                s.items
                    .push(cat.fill("text.label_value", &[("label", &label), ("value", &v)]));
                d.fields.insert(key.to_owned(), v.into());
            }
            None => {
                s.items.push(cat.fill(
                    "text.label_value",
                    &[("label", &label), ("value", &cat.get("meta.missing"))],
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
        ba.then(|| cat.get("hhs_value.business_associate")),
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
        Cause::StolenDevice | Cause::PaperRecords => Some("theft"),
        Cause::LostDevice => Some("loss"),
        Cause::ImproperDisposal => Some("improper_disposal"),
        Cause::Ransomware
        | Cause::Malware
        | Cause::UnauthorisedAccess
        | Cause::Phishing
        | Cause::CredentialAttack
        | Cause::VulnerabilityExploit
        | Cause::SupplyChain
        | Cause::WebSkimming => Some("hacking"),
        Cause::Misdelivery
        | Cause::InsiderMisuse
        | Cause::EmployeeError
        | Cause::Misconfiguration => Some("unauthorized"),
        _ => None,
    });
    put(
        &mut d,
        &mut s,
        "hhs_breach_type",
        breach_type.map(|t| cat.get(&format!("hhs_value.{t}"))),
        "/breach/causes",
    );
    put(
        &mut d,
        &mut s,
        "hhs_location",
        (!inc.breach.systems.is_empty()).then(|| {
            cat.join(
                &inc.breach
                    .systems
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>(),
            )
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
        Some(cat.get(if ba_present { "meta.yes" } else { "meta.no" })),
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
    // The submission form's other fields, as data (ISO dates, integers, the portal's values).
    let prior = inc.reports.iter().any(|r| {
        r.recipient
            .body
            .as_ref()
            .is_some_and(|b| b.as_str() == "us.hhs.ocr")
            && (r.by.is_empty() || r.by.contains(&o.id))
            && ctx.by_as_of(r.at.as_ref(), r.before.as_ref())
    });
    d.fields.insert(
        "hhs_report_type".into(),
        (if prior { "Addendum" } else { "Initial" }).into(),
    );
    let b = count.bounds();
    if b.min >= 500 {
        d.fields.insert("hhs_500_plus".into(), "Yes".into());
    } else if b.max.is_some_and(|m| m < 500) {
        d.fields.insert("hhs_500_plus".into(), "No".into());
    }
    if let Some(c) = o.contacts.first() {
        d.fields
            .insert("hhs_contact".into(), c.value.to_string().into());
    }
    let notices: Vec<String> = inc
        .reports
        .iter()
        .filter(|r| {
            r.recipient.kind == RecipientKind::Individuals
                && ctx.by_as_of(r.at.as_ref(), r.before.as_ref())
        })
        .filter_map(|r| r.at.map(|t| t.to_string()))
        .collect();
    if !notices.is_empty() {
        d.fields
            .insert("hhs_individual_notice".into(), serde_json::json!(notices));
    }
    if inc
        .reports
        .iter()
        .any(|r| r.recipient.kind == RecipientKind::Media)
    {
        d.fields.insert("hhs_media_notice".into(), "Yes".into());
    }
    // Measures taken for the covered entity, by it or by its parent.
    let actions: Vec<String> = inc
        .measures
        .iter()
        .filter(|m| {
            m.status != MeasureStatus::Planned
                && (m.entities.is_empty()
                    || m.entities.contains(&o.id)
                    || o.parent.as_ref().is_some_and(|p| m.entities.contains(p)))
        })
        .map(|m| ctx.measure_text(m))
        .collect();
    if !actions.is_empty() {
        d.fields
            .insert("hhs_actions".into(), serde_json::json!(actions));
    }
    form_finish(ctx, o, d)
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
    d.header.push(cat.fill(
        "text.notice_from",
        &[
            ("org", &ctx.org_name(o)),
            ("date", &cat.date(&ctx.as_of_date())),
        ],
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
    // Each section cites the content items of the notice obligations that apply (drafts.toml),
    // with the rule files' citations.
    let notice_obs: Vec<&breachkit_rules::Obligation> = ctx
        .assessment
        .obligations
        .iter()
        .filter(|x| {
            x.obligor == o.id && x.stage == Stage::Notice && x.status != Status::NotRequired
        })
        .collect();
    let sections = &crate::bindings::bindings().notice.sections;
    let cite = |section: &str| -> String {
        let ids = sections.get(section).cloned().unwrap_or_default();
        ctx.cite_of(&notice_obs, &ids)
            .join(&cat.get("meta.list_sep"))
    };
    let causes: Vec<&Cause> = inc
        .breach
        .causes
        .iter()
        .filter(|c| **c != Cause::Unknown)
        .collect();

    let mut s = Section::new("what_happened", cat.get("text.notice_what_happened"))
        .cite(&cite("what_happened"));
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

    let mut s = Section::new("data", cat.get("text.notice_data")).cite(&cite("data"));
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

    let mut s = Section::new("cause", cat.get("text.notice_cause")).cite(&cite("cause"));
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

    let mut s = Section::new("consequences", cat.get("text.notice_consequences"))
        .cite(&cite("consequences"));
    s.paragraphs
        .push(ctx.exfiltration_line("text.notice_consequence_"));
    d.sections.push(s);

    let mut s = Section::new("doing", cat.get("text.notice_doing")).cite(&cite("doing"));
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

    let mut s = Section::new("you_can", cat.get("text.notice_you_can")).cite(&cite("you_can"));
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

    let mut s = Section::new("contact", cat.get("text.notice_contact")).cite(&cite("contact"));
    s.items
        .extend(ctx.contact_lines(o, "text.contact_line_plain"));
    d.closing.push(cat.get("text.notice_apology"));
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
