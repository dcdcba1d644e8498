//! From counts to an incident revision, a summary, and per-person notice assignments.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use breachkit_model::{
    AffectedGroup, Count, DataCategory, GroupId, Incident, RecipientKind, Residence, Tristate,
};
use breachkit_rules::{Assessment, Status};

use crate::count::{Counter, Counts, EMITTED, GroupCounts, Row, UNKNOWN};
use crate::error::RosterError;
use crate::mapping::Channel;
use crate::source::Sink;

/// Writes the roster's exact counts into a copy of the incident.
///
/// In the incident model every holder of a group holds all of its people, so a group that the
/// incident lists with several holders and that the roster splits by entity becomes one group per
/// holder, `GROUP.ENTITY` (reports naming the group then name all of them); a holder with no roster
/// rows keeps the original group. For each group written: `count` and `records` become exact,
/// `residence` becomes the exact count per jurisdiction (people without a residence in the roster
/// are left out, which the engine reads as "residence incomplete"), the roster's exposed
/// categories are added, `contact_details_available` and `includes_children` are set where the
/// roster decides them. `totals.persons` becomes exact when the roster covers every group.
///
/// Returns the revision and notes (counts and codes only) on what the roster leaves open.
///
/// # Errors
/// [`RosterError::Incident`] listing every entity, group or holding the roster names that the
/// incident does not declare.
pub fn apply(incident: &Incident, counts: &Counts) -> Result<(Incident, Vec<String>), RosterError> {
    let mut problems = Vec::new();
    for (e, gs) in &counts.entity_groups {
        if !incident.organisations.iter().any(|o| o.id.as_str() == e) {
            problems.push(format!("entity {e} is not an organisation of the incident"));
            continue;
        }
        for g in gs.keys() {
            match incident.groups.iter().find(|x| x.id.as_str() == g) {
                None => problems.push(format!("group {g} is not a group of the incident")),
                Some(grp) if !grp.holders.iter().any(|h| h.entity.as_str() == e) => problems.push(
                    format!("group {g} does not list entity {e} among its holders"),
                ),
                Some(_) => {}
            }
        }
    }
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(RosterError::Incident(problems));
    }
    let mut out = incident.clone();
    let mut notes = Vec::new();
    let mut groups = Vec::new();
    let mut renamed: BTreeMap<String, Vec<GroupId>> = BTreeMap::new();
    for g in &incident.groups {
        let pairs: Vec<(&str, &GroupCounts)> = counts
            .entity_groups
            .iter()
            .filter_map(|(e, gs)| gs.get(g.id.as_str()).map(|c| (e.as_str(), c)))
            .collect();
        if pairs.is_empty() {
            groups.push(g.clone());
            continue;
        }
        if g.holders.len() == 1 {
            let mut ng = g.clone();
            if let Some(c) = counts.groups.get(g.id.as_str()) {
                fill(&mut ng, c, &mut notes);
            }
            groups.push(ng);
            continue;
        }
        let mut ids = Vec::new();
        let mut rest = g.clone();
        rest.holders.clear();
        for h in &g.holders {
            match pairs.iter().find(|(e, _)| *e == h.entity.as_str()) {
                Some((e, c)) => {
                    let mut ng = g.clone();
                    let Ok(id) = GroupId::try_new(format!("{}.{e}", g.id)) else {
                        return Err(RosterError::Incident(vec![format!(
                            "group {} with entity {e}: the split group's id would exceed 64 characters",
                            g.id
                        )]));
                    };
                    ng.id = id.clone();
                    ng.holders = vec![h.clone()];
                    fill(&mut ng, c, &mut notes);
                    ids.push(id);
                    groups.push(ng);
                }
                None => rest.holders.push(h.clone()),
            }
        }
        if !rest.holders.is_empty() {
            notes.push(format!(
                "group {}: {} holder(s) have no roster rows and keep the group's recorded count",
                g.id,
                rest.holders.len()
            ));
            ids.push(rest.id.clone());
            groups.push(rest);
        }
        notes.push(format!(
            "group {} is split per holding entity into {}",
            g.id,
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
        renamed.insert(g.id.to_string(), ids);
    }
    out.groups = groups;
    for r in &mut out.reports {
        let mut new = Vec::new();
        for gid in &r.groups {
            match renamed.get(gid.as_str()) {
                Some(ids) => new.extend(ids.iter().cloned()),
                None => new.push(gid.clone()),
            }
        }
        r.groups = new;
    }
    let roster_groups: BTreeSet<&str> = counts.groups.keys().map(String::as_str).collect();
    let covered = incident
        .groups
        .iter()
        .all(|g| roster_groups.contains(g.id.as_str()))
        && out
            .groups
            .iter()
            .all(|g| matches!(g.count, Count::Exact { .. }));
    if covered {
        out.totals.persons = Some(Count::Exact {
            value: counts.persons,
        });
    } else {
        notes.push(
            "the roster does not cover every group of the incident: totals.persons is left as it was"
                .into(),
        );
    }
    for (e, gs) in &counts.entity_groups {
        if gs.len() > 1 {
            let sum: u64 = gs.values().map(|p| p.persons).sum();
            let max = gs.values().map(|p| p.persons).max().unwrap_or(0);
            let exact = counts.entities.get(e).copied().unwrap_or(0);
            notes.push(format!(
                "entity {e} holds {} roster groups: the engine bounds its distinct people between {max} and {sum}; the roster's exact distinct count is {exact}",
                gs.len()
            ));
        }
    }
    Ok((out, notes))
}

fn fill(g: &mut AffectedGroup, c: &GroupCounts, notes: &mut Vec<String>) {
    g.count = Count::Exact { value: c.persons };
    g.records = Some(Count::Exact { value: c.records });
    g.residence = c
        .residence
        .iter()
        .filter(|(j, _)| j.as_str() != UNKNOWN)
        .filter_map(|(j, n)| {
            Some(Residence {
                jurisdiction: j.parse().ok()?,
                count: Count::Exact { value: *n },
            })
        })
        .collect();
    if let Some(n) = c.residence.get(UNKNOWN) {
        notes.push(format!(
            "group {}: {n} of {} people have no residence in the roster",
            g.id, c.persons
        ));
    }
    if let Some(n) = c.residence.get("US") {
        notes.push(format!(
            "group {}: {n} people live in the United States with no State in the roster",
            g.id
        ));
    }
    for code in c.categories.keys() {
        if let Ok(cat) = code.parse::<DataCategory>() {
            g.not_affected.retain(|x| *x != cat);
            if !g.categories.contains(&cat) {
                g.categories.push(cat);
            }
        }
    }
    if c.no_contact == 0 {
        g.contact_details_available = Tristate::Yes;
    } else if c.no_contact == c.persons {
        g.contact_details_available = Tristate::No;
    } else {
        notes.push(format!(
            "group {}: {} of {} people have neither a postal address nor an e-mail address",
            g.id, c.no_contact, c.persons
        ));
    }
    if c.children > 0 {
        g.includes_children = Tristate::Yes;
    } else if c.children_unknown == 0 {
        g.includes_children = Tristate::No;
    }
}

/// A Markdown summary of counts: numbers and codes only, safe to attach to a ticket.
pub fn summary_markdown(counts: &Counts, notes: &[String]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "# Roster summary\n");
    let _ = writeln!(
        s,
        "- rows read: {}\n- malformed rows skipped: {}\n- distinct people: {}\n",
        counts.rows, counts.bad_rows, counts.persons
    );
    let _ = writeln!(s, "## People per entity\n\n| entity | people |\n|---|---:|");
    for (e, n) in &counts.entities {
        let _ = writeln!(s, "| {e} | {n} |");
    }
    let _ = writeln!(
        s,
        "\n## People per entity, group and jurisdiction\n\n| entity | group | jurisdiction | people |\n|---|---|---|---:|"
    );
    for (e, gs) in &counts.entity_groups {
        for (g, pc) in gs {
            let _ = writeln!(s, "| {e} | {g} | (all) | {} |", pc.persons);
            for (j, n) in &pc.residence {
                let _ = writeln!(s, "| {e} | {g} | {j} | {n} |");
            }
        }
    }
    let _ = writeln!(
        s,
        "\n## Groups\n\n| group | people | records | postal | e-mail | neither | children | age unknown | deceased |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (g, c) in &counts.groups {
        let _ = writeln!(
            s,
            "| {g} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.persons,
            c.records,
            c.postal,
            c.email,
            c.no_contact,
            c.children,
            c.children_unknown,
            c.deceased
        );
    }
    let _ = writeln!(
        s,
        "\n## Legal data classes per jurisdiction\n\n| jurisdiction | class | people | maybe |\n|---|---|---:|---:|"
    );
    for (j, cs) in &counts.classes {
        for (id, c) in cs {
            let _ = writeln!(s, "| {j} | {id} | {} | {} |", c.persons, c.maybe);
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(s, "\n## Notes\n");
        for n in notes {
            let _ = writeln!(s, "- {n}");
        }
    }
    s
}

/// The notices to individuals an assessment asks of one entity.
#[derive(Clone, Debug)]
struct EntityNotices {
    obligations: Vec<(String, String, Status)>,
}

/// Which notices to individuals apply, per entity, from an assessment of the applied incident.
#[derive(Clone, Debug, Default)]
pub struct NoticePlan {
    by_entity: BTreeMap<String, EntityNotices>,
}

impl NoticePlan {
    /// Takes every obligation towards the individuals themselves that is required or
    /// undetermined.
    pub fn from_assessment(a: &Assessment) -> NoticePlan {
        let mut by_entity: BTreeMap<String, EntityNotices> = BTreeMap::new();
        for o in &a.obligations {
            if o.recipient.kind == RecipientKind::Individuals && o.status != Status::NotRequired {
                by_entity
                    .entry(o.obligor.to_string())
                    .or_insert(EntityNotices {
                        obligations: Vec::new(),
                    })
                    .obligations
                    .push((o.id.clone(), o.regime.clone(), o.status));
            }
        }
        NoticePlan { by_entity }
    }
}

/// What `assign` wrote: rows per (variant, channel), and the files.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct AssignSummary {
    /// Mailing-list rows per variant, then channel.
    pub variants: BTreeMap<String, BTreeMap<String, u64>>,
    /// People in the roster with no notice owed by any of their entities.
    pub without_notice: u64,
    /// The files written (one per variant).
    pub files: Vec<String>,
}

struct Assigner<'a> {
    counter: &'a mut Counter,
    plan: &'a NoticePlan,
    dir: PathBuf,
    writers: HashMap<String, csv::Writer<std::fs::File>>,
    summary: AssignSummary,
    contact_cols: Vec<usize>,
    postal_cols: Vec<usize>,
    email_col: Option<usize>,
    headers: Vec<String>,
}

fn language(counter: &Counter, jurs: &[u16]) -> String {
    let m = counter.mapping();
    for j in jurs {
        let c = counter.jurisdiction(*j).country();
        if let Some(l) = m.languages.get(c.as_str()) {
            return l.clone();
        }
    }
    m.default_language.clone()
}

impl Sink for Assigner<'_> {
    fn columns(&self) -> Vec<String> {
        self.counter.columns().to_vec()
    }
    fn reject(&mut self, _: u64, _: &str, _: &'static str) -> Result<(), RosterError> {
        // Counted in the first pass already.
        Ok(())
    }
    fn row(&mut self, row: &dyn Row, _row_no: u64) -> Result<(), RosterError> {
        let Some((key, _)) = self.counter.parse_row(row) else {
            return Ok(());
        };
        let Some(p) = self.counter.persons.get(&key).copied() else {
            return Ok(());
        };
        if p.flags & EMITTED != 0 {
            return Ok(());
        }
        // The channel: the mapping's preference among what the person has anywhere.
        let channel = self
            .counter
            .mapping()
            .channels
            .iter()
            .copied()
            .find(|c| match c {
                Channel::Mail => Counter::has_postal(&p),
                Channel::Email => Counter::has_email(&p),
                Channel::Substitute => false,
            })
            .unwrap_or(Channel::Substitute);
        // Wait for a row that carries that contact.
        let has = |cols: &[usize]| {
            cols.iter()
                .all(|c| row.get(*c).is_some_and(|v| !v.trim().is_empty()))
        };
        let ready = match channel {
            Channel::Mail => has(&self.postal_cols),
            Channel::Email => self
                .email_col
                .is_some_and(|c| row.get(c).is_some_and(|v| v.contains('@'))),
            Channel::Substitute => true,
        };
        if !ready {
            return Ok(());
        }
        if let Some(e) = self.counter.persons.get_mut(&key) {
            e.flags |= EMITTED;
        }
        let jurs = self.counter.jurisdictions_of(key, &p);
        let lang = language(self.counter, &jurs);
        let jur_text: Vec<String> = jurs
            .iter()
            .map(|j| self.counter.jurisdiction(*j).to_string())
            .collect();
        let mut owed = false;
        let mut bits = p.pairs;
        let mut entities = BTreeSet::new();
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            entities.insert(self.counter.pair(i).0.to_string());
        }
        for e in entities {
            let Some(n) = self.plan.by_entity.get(&e) else {
                continue;
            };
            owed = true;
            // The variant: the language and the regimes whose notice is required; notices still
            // undetermined are named in the status column, not in the variant.
            let regimes: BTreeSet<&str> = n
                .obligations
                .iter()
                .filter(|o| o.2 == Status::Required)
                .map(|o| o.1.as_str())
                .collect();
            let variant = if regimes.is_empty() {
                format!("{lang}.undetermined")
            } else {
                format!(
                    "{lang}.{}",
                    regimes.into_iter().collect::<Vec<_>>().join("+")
                )
            };
            let ids: Vec<&str> = n.obligations.iter().map(|o| o.0.as_str()).collect();
            let status: Vec<&str> = n.obligations.iter().map(|o| o.2.code()).collect();
            let file = variant.replace(
                |c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '+' && c != '-',
                "_",
            );
            if !self.writers.contains_key(&file) {
                let path = self.dir.join(format!("{file}.csv"));
                let mut w = csv::Writer::from_path(&path).map_err(|_| RosterError::Unreadable {
                    row: 0,
                    reason: "cannot create a mailing-list file".into(),
                })?;
                let mut head = vec![
                    "person".to_owned(),
                    "entity".into(),
                    "obligations".into(),
                    "status".into(),
                    "channel".into(),
                    "language".into(),
                    "jurisdictions".into(),
                ];
                head.extend(self.headers.iter().cloned());
                w.write_record(&head).map_err(io_error)?;
                self.writers.insert(file.clone(), w);
                self.summary.files.push(format!("{file}.csv"));
            }
            let mut rec = vec![
                format!("{key:032x}"),
                e.clone(),
                ids.join(";"),
                status.join(";"),
                channel.code().to_owned(),
                lang.clone(),
                jur_text.join(";"),
            ];
            for c in &self.contact_cols {
                rec.push(row.get(*c).unwrap_or("").to_owned());
            }
            if let Some(w) = self.writers.get_mut(&file) {
                w.write_record(&rec).map_err(io_error)?;
            }
            *self
                .summary
                .variants
                .entry(variant)
                .or_default()
                .entry(channel.code().to_owned())
                .or_default() += 1;
        }
        if !owed {
            self.summary.without_notice += 1;
        }
        Ok(())
    }
}

fn io_error(_: csv::Error) -> RosterError {
    RosterError::Io(std::io::Error::other("writing a mailing list failed"))
}

/// Second pass over the roster: writes one CSV mailing list per notice variant into `dir`.
///
/// `read` re-reads the roster into the sink it is given (the same files as the counting pass).
/// A person gets one line per entity that owes them a notice, written from the first row that
/// carries the contact the channel needs (the channel is the mapping's first preference the
/// person has in any row; neither gives a substitute notice). The line holds the person key
/// (hex), the obligations, the channel, the language, the jurisdictions and the person's key
/// and contact columns as the roster gives them: these files are personal data.
///
/// # Errors
/// I/O errors, or what reading returns.
pub fn assign(
    counter: &mut Counter,
    plan: &NoticePlan,
    dir: &Path,
    read: &mut dyn FnMut(&mut dyn Sink) -> Result<(), RosterError>,
) -> Result<AssignSummary, RosterError> {
    std::fs::create_dir_all(dir)?;
    let m = counter.mapping().clone();
    let names = counter.columns().to_vec();
    let ix = |c: &str| names.iter().position(|n| n == c);
    let mut contact: Vec<String> = m.key_columns.clone();
    contact.extend(m.id_column.iter().cloned());
    contact.extend(m.postal.iter().cloned());
    contact.extend(m.email.iter().cloned());
    let mut seen = BTreeSet::new();
    contact.retain(|c| seen.insert(c.clone()));
    let mut a = Assigner {
        contact_cols: contact.iter().filter_map(|c| ix(c)).collect(),
        postal_cols: m.postal.iter().filter_map(|c| ix(c)).collect(),
        email_col: m.email.as_deref().and_then(ix),
        headers: contact,
        counter,
        plan,
        dir: dir.to_owned(),
        writers: HashMap::new(),
        summary: AssignSummary::default(),
    };
    read(&mut a)?;
    for w in a.writers.values_mut() {
        w.flush()?;
    }
    // People never emitted: their channel's contact was not in any row read (cannot happen for
    // a re-read of the same input) — counted, not written.
    let missing = a
        .counter
        .persons
        .values()
        .filter(|p| p.flags & EMITTED == 0)
        .count() as u64;
    if missing > 0 {
        return Err(RosterError::Unreadable {
            row: 0,
            reason: format!(
                "{missing} people were not found again in the second pass (did the roster change?)"
            ),
        });
    }
    a.summary.files.sort();
    Ok(a.summary)
}

/// Writes text to a file, creating parent folders.
///
/// # Errors
/// I/O errors.
pub fn write_file(path: &Path, text: &str) -> Result<(), RosterError> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    let mut f = std::fs::File::create(path)?;
    f.write_all(text.as_bytes())?;
    Ok(())
}
