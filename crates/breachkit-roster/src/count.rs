//! Deduplication of persons and exact counts.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use breachkit_model::{EntityId, GroupId, Jurisdiction};
use breachkit_rules::Ruleset;
use chrono::{Datelike, NaiveDate};

use crate::error::{BadRow, RosterError};
use crate::geo::{self, ZipResidence};
use crate::mapping::{Children, Mapping, Source, When};
use crate::normalize::normalize_into;

/// The key of the residence bucket for people whose residence the roster does not give.
pub const UNKNOWN: &str = "unknown";

/// The salt of the person key. Never written anywhere; at least 16 bytes.
#[derive(Clone)]
pub struct Salt([u8; 32]);

impl Salt {
    /// Derives the hashing key from a secret salt.
    ///
    /// # Errors
    /// [`RosterError::WeakSalt`] when the salt is shorter than 16 bytes.
    pub fn new(secret: &[u8]) -> Result<Salt, RosterError> {
        if secret.len() < 16 {
            return Err(RosterError::WeakSalt);
        }
        Ok(Salt(blake3::derive_key(
            "breachkit roster 2026 person key v1",
            secret,
        )))
    }
}

impl std::fmt::Debug for Salt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Salt(..)")
    }
}

/// A row of a roster, by column index (the order of [`Mapping::columns`]).
pub trait Row {
    /// The cell, or `None` when null or missing. Empty text counts as empty.
    fn get(&self, col: usize) -> Option<&str>;
}

/// A person key: the first 128 bits of the keyed BLAKE3 hash of the normalised key fields.
pub type PersonKey = u128;

#[derive(Default)]
pub(crate) struct KeyHasher(u64);
impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u128(&mut self, i: u128) {
        // The key is already a keyed hash: its low bits are uniform.
        self.0 = i as u64;
    }
}
type KeyMap<V> = HashMap<PersonKey, V, BuildHasherDefault<KeyHasher>>;

const POSTAL: u8 = 1;
const EMAIL: u8 = 2;
const MINOR: u8 = 4;
const MINOR_KNOWN: u8 = 8;
const DECEASED: u8 = 16;
const JUR_OVERFLOW: u8 = 32;
pub(crate) const EMITTED: u8 = 64;
const NO_JUR: u16 = u16::MAX;

/// What is known of one person, the union over their rows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Person {
    pub(crate) pairs: u64,
    pub(crate) cats: [u64; 2],
    pub(crate) jur: [u16; 3],
    pub(crate) flags: u8,
}

/// Column indices of a mapping (into [`Mapping::columns`]).
struct Cols {
    key: Vec<usize>,
    id: Option<usize>,
    entity: Option<usize>,
    group: Option<usize>,
    country: Option<usize>,
    state: Option<usize>,
    zip: Option<usize>,
    subdivision: Option<usize>,
    categories: Vec<usize>,
    postal: Vec<usize>,
    email: Option<usize>,
    children: Option<usize>,
    deceased: Option<usize>,
}

/// Streams rows into a table of distinct persons; [`Counter::counts`] gives the counts.
///
/// Memory grows with the number of distinct persons (about 50 bytes each), never with the number
/// of rows or the size of the input.
pub struct Counter {
    mapping: Mapping,
    names: Vec<String>,
    cols: Cols,
    salt: Salt,
    pairs: Vec<(EntityId, GroupId)>,
    /// Roster value → index into `entities` / `groups`, built once (the mapping's tables
    /// translated to indices, so a row costs one look-up and no clone).
    entity_lookup: Lookup,
    group_lookup: Lookup,
    entities: Vec<EntityId>,
    groups: Vec<GroupId>,
    jurs: Vec<Jurisdiction>,
    jur_ix: HashMap<Jurisdiction, u16>,
    pub(crate) persons: KeyMap<Person>,
    overflow: KeyMap<Vec<u16>>,
    records: Vec<u64>,
    rows: u64,
    bad_rows: u64,
    bad_by_column: BTreeMap<String, u64>,
    first_bad: Vec<BadRow>,
    max_bad_rows: u64,
    scratch: String,
    hasher: blake3::Hasher,
}

/// A mapping's entity or group source with the ids replaced by their indices.
enum Lookup {
    Constant(usize),
    Column(HashMap<String, usize>),
}

impl Lookup {
    fn new<T: std::fmt::Display>(src: &Source<T>, ix: &HashMap<String, usize>) -> Lookup {
        let index = |t: &T| ix.get(&t.to_string()).copied().unwrap_or(0);
        match src {
            Source::Constant(t) => Lookup::Constant(index(t)),
            Source::Column { values, .. } => Lookup::Column(
                values
                    .iter()
                    .map(|(value, t)| (value.clone(), index(t)))
                    .collect(),
            ),
        }
    }

    /// The index for this row, `None` when the column's value is not in the mapping's table.
    fn get(&self, row: &dyn Row, col: Option<usize>, scratch: &mut String) -> Option<usize> {
        match self {
            Lookup::Constant(i) => Some(*i),
            Lookup::Column(values) => {
                let v = col.and_then(|c| row.get(c)).unwrap_or("");
                normalize_into(v, scratch);
                values.get(scratch.as_str()).copied()
            }
        }
    }
}

/// How many bad rows are kept for the report (all are counted).
pub const KEPT_BAD_ROWS: usize = 100;

impl Counter {
    /// A counter for one mapping and salt. `max_bad_rows`: how many malformed rows are skipped
    /// before counting stops with [`RosterError::TooManyBadRows`].
    pub fn new(mapping: &Mapping, salt: &Salt, max_bad_rows: u64) -> Counter {
        let names: Vec<String> = mapping.columns().into_iter().map(str::to_owned).collect();
        let ix = |c: &str| names.iter().position(|n| n == c);
        let cols = Cols {
            key: mapping.key_columns.iter().filter_map(|c| ix(c)).collect(),
            id: mapping.id_column.as_deref().and_then(ix),
            entity: match &mapping.entity {
                Source::Column { column, .. } => ix(column),
                Source::Constant(_) => None,
            },
            group: match &mapping.group {
                Source::Column { column, .. } => ix(column),
                Source::Constant(_) => None,
            },
            country: mapping.country.as_deref().and_then(ix),
            state: mapping.state.as_deref().and_then(ix),
            zip: mapping.zip.as_deref().and_then(ix),
            subdivision: mapping.subdivision.as_deref().and_then(ix),
            categories: mapping
                .categories
                .iter()
                .filter_map(|c| ix(&c.column))
                .collect(),
            postal: mapping.postal.iter().filter_map(|c| ix(c)).collect(),
            email: mapping.email.as_deref().and_then(ix),
            children: match &mapping.children {
                Some(Children::BirthDate { column, .. }) | Some(Children::Flag(column)) => {
                    ix(column)
                }
                None => None,
            },
            deceased: mapping.deceased.as_deref().and_then(ix),
        };
        let pairs = mapping.pairs();
        let mut entities: Vec<EntityId> = pairs.iter().map(|p| p.0.clone()).collect();
        entities.dedup();
        let mut groups: Vec<GroupId> = pairs.iter().map(|p| p.1.clone()).collect();
        groups.sort();
        groups.dedup();
        let entity_ix: HashMap<String, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.to_string(), i))
            .collect();
        let group_ix: HashMap<String, usize> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.to_string(), i))
            .collect();
        let entity_lookup = Lookup::new(&mapping.entity, &entity_ix);
        let group_lookup = Lookup::new(&mapping.group, &group_ix);
        Counter {
            mapping: mapping.clone(),
            names,
            cols,
            salt: salt.clone(),
            records: vec![0; pairs.len()],
            pairs,
            entity_lookup,
            group_lookup,
            entities,
            groups,
            jurs: Vec::new(),
            jur_ix: HashMap::new(),
            persons: KeyMap::default(),
            overflow: KeyMap::default(),
            rows: 0,
            bad_rows: 0,
            bad_by_column: BTreeMap::new(),
            first_bad: Vec::new(),
            max_bad_rows,
            scratch: String::new(),
            hasher: blake3::Hasher::new_keyed(&salt.0),
        }
    }

    /// The columns the counter reads, in the index order of [`Row::get`].
    pub fn columns(&self) -> &[String] {
        &self.names
    }

    /// The mapping.
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// Rows read so far (good and bad).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Distinct persons so far.
    pub fn persons(&self) -> u64 {
        self.persons.len() as u64
    }

    /// Malformed rows: how many, by column, and the first ones (row number and column only).
    pub fn bad_rows(&self) -> (u64, &BTreeMap<String, u64>, &[BadRow]) {
        (self.bad_rows, &self.bad_by_column, &self.first_bad)
    }

    /// Records one bad row found by the reader itself (a row it could not parse).
    ///
    /// # Errors
    /// [`RosterError::TooManyBadRows`] past the budget.
    pub fn reject(
        &mut self,
        row: u64,
        column: &str,
        reason: &'static str,
    ) -> Result<(), RosterError> {
        self.rows += 1;
        self.bad(BadRow {
            row,
            column: column.to_owned(),
            reason,
        })
    }

    fn bad(&mut self, b: BadRow) -> Result<(), RosterError> {
        self.bad_rows += 1;
        *self.bad_by_column.entry(b.column.clone()).or_default() += 1;
        if self.first_bad.len() < KEPT_BAD_ROWS {
            self.first_bad.push(b);
        }
        if self.bad_rows > self.max_bad_rows {
            return Err(RosterError::TooManyBadRows {
                limit: self.max_bad_rows,
                first: self.first_bad.clone(),
            });
        }
        Ok(())
    }

    /// The person key of a row (for partitioning by key hash), or `None` when the key is empty.
    pub fn key_of(&mut self, row: &dyn Row) -> Option<PersonKey> {
        self.key(row).ok()
    }

    fn key(&mut self, row: &dyn Row) -> Result<PersonKey, usize> {
        self.hasher.reset();
        let mut any = false;
        let cols: &[usize] = match self.cols.id {
            Some(ref id) => std::slice::from_ref(id),
            None => &self.cols.key,
        };
        for &c in cols {
            let v = row.get(c).unwrap_or("");
            let nonempty = normalize_into(v, &mut self.scratch);
            any |= nonempty;
            self.hasher
                .update(&(self.scratch.len() as u32).to_le_bytes());
            self.hasher.update(self.scratch.as_bytes());
        }
        if !any {
            return Err(cols.first().copied().unwrap_or(0));
        }
        let h = self.hasher.finalize();
        let mut b = [0u8; 16];
        b.copy_from_slice(&h.as_bytes()[..16]);
        Ok(u128::from_le_bytes(b))
    }

    fn flag(&mut self, row: &dyn Row, col: usize) -> Result<bool, ()> {
        let v = row.get(col).unwrap_or("");
        if !normalize_into(v, &mut self.scratch) {
            return Ok(false);
        }
        if self.mapping.true_values.contains(&self.scratch) {
            Ok(true)
        } else if self.mapping.false_values.contains(&self.scratch) {
            Ok(false)
        } else {
            Err(())
        }
    }

    fn residence(&mut self, row: &dyn Row) -> Result<Option<Jurisdiction>, (usize, &'static str)> {
        let mut country = self.mapping.default_country;
        if let Some(c) = self.cols.country {
            if normalize_into(row.get(c).unwrap_or(""), &mut self.scratch) {
                country = Some(
                    geo::country(&self.scratch)
                        .ok_or((c, "not an ISO 3166-1 alpha-2 country code"))?,
                );
            }
        }
        if let Some(c) = self.cols.subdivision {
            if normalize_into(row.get(c).unwrap_or(""), &mut self.scratch) {
                let j = geo::subdivision(&self.scratch, country)
                    .ok_or((c, "not an ISO 3166-2 subdivision code"))?;
                return Ok(Some(j));
            }
        }
        let us_or_unknown = country.is_none_or(|c| c.as_str() == "US");
        if us_or_unknown {
            if let Some(c) = self.cols.state {
                if normalize_into(row.get(c).unwrap_or(""), &mut self.scratch) {
                    let j = geo::us_state(&self.scratch)
                        .ok_or((c, "not a US State name or USPS abbreviation"))?;
                    return Ok(Some(j));
                }
            }
            if let Some(c) = self.cols.zip {
                if normalize_into(row.get(c).unwrap_or(""), &mut self.scratch) {
                    let us = || {
                        breachkit_model::CountryCode::try_new("US")
                            .ok()
                            .map(Jurisdiction::from_country)
                    };
                    return match geo::zip_residence(&self.scratch) {
                        None => Err((c, "not a US ZIP code")),
                        Some(ZipResidence::Place(j)) => Ok(Some(j)),
                        Some(ZipResidence::Military | ZipResidence::Ambiguous) => Ok(us()),
                        Some(ZipResidence::Unknown) => Err((c, "not a known US ZIP code prefix")),
                    };
                }
            }
        }
        Ok(country.map(Jurisdiction::from_country))
    }

    fn is_minor(&mut self, row: &dyn Row, col: usize) -> Result<Option<bool>, &'static str> {
        match &self.mapping.children {
            Some(Children::Flag(_)) => {
                let v = row.get(col).unwrap_or("");
                if v.trim().is_empty() {
                    return Ok(None);
                }
                self.flag(row, col)
                    .map(Some)
                    .map_err(|()| "not a recognised flag value")
            }
            Some(Children::BirthDate { as_of, under, .. }) => {
                let (as_of, under) = (*as_of, *under);
                if !normalize_into(row.get(col).unwrap_or(""), &mut self.scratch) {
                    return Ok(None);
                }
                let d = NaiveDate::parse_from_str(&self.scratch, "%Y-%m-%d")
                    .map_err(|_| "not a YYYY-MM-DD date")?;
                if d > as_of {
                    return Err("a birth date after the as-of date");
                }
                let mut age = as_of.year() - d.year();
                if (as_of.month(), as_of.day()) < (d.month(), d.day()) {
                    age -= 1;
                }
                Ok(Some(age < under as i32))
            }
            None => Ok(None),
        }
    }

    /// Adds one row. `row_no` is the 1-based data row number used in reports.
    ///
    /// # Errors
    /// [`RosterError::TooManyBadRows`] when this row is one malformed row too many.
    pub fn add(&mut self, row: &dyn Row, row_no: u64) -> Result<(), RosterError> {
        self.rows += 1;
        match self.parse(row) {
            Ok((key, p, pair)) => {
                self.records[pair] += 1;
                self.merge_person(key, p, None);
                Ok(())
            }
            Err((col, reason)) => {
                let column = self.names.get(col).cloned().unwrap_or_default();
                self.bad(BadRow {
                    row: row_no,
                    column,
                    reason,
                })
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn parse(
        &mut self,
        row: &dyn Row,
    ) -> Result<(PersonKey, Person, usize), (usize, &'static str)> {
        let key = self.key(row).map_err(|c| (c, "the person key is empty"))?;
        let e = self
            .entity_lookup
            .get(row, self.cols.entity, &mut self.scratch)
            .ok_or((
                self.cols.entity.unwrap_or(0),
                "not a value listed in the mapping",
            ))?;
        let g = self
            .group_lookup
            .get(row, self.cols.group, &mut self.scratch)
            .ok_or((
                self.cols.group.unwrap_or(0),
                "not a value listed in the mapping",
            ))?;
        let pair = e * self.groups.len() + g;
        let mut p = Person {
            pairs: 1u64 << pair,
            cats: [0; 2],
            jur: [NO_JUR; 3],
            flags: 0,
        };
        if let Some(j) = self.residence(row)? {
            p.jur[0] = self.intern(j);
        }
        for i in 0..self.cols.categories.len() {
            let c = self.cols.categories[i];
            let exposed = match self.mapping.categories[i].when {
                When::NonEmpty => row.get(c).is_some_and(|v| !v.trim().is_empty()),
                When::Flag => self
                    .flag(row, c)
                    .map_err(|()| (c, "not a recognised flag value"))?,
            };
            if exposed {
                p.cats[i / 64] |= 1u64 << (i % 64);
            }
        }
        if !self.cols.postal.is_empty()
            && self
                .cols
                .postal
                .iter()
                .all(|&c| row.get(c).is_some_and(|v| !v.trim().is_empty()))
        {
            p.flags |= POSTAL;
        }
        if let Some(c) = self.cols.email {
            if row.get(c).is_some_and(|v| v.contains('@')) {
                p.flags |= EMAIL;
            }
        }
        if let Some(c) = self.cols.children {
            match self.is_minor(row, c).map_err(|r| (c, r))? {
                Some(true) => p.flags |= MINOR | MINOR_KNOWN,
                Some(false) => p.flags |= MINOR_KNOWN,
                None => {}
            }
        }
        if let Some(c) = self.cols.deceased {
            if self
                .flag(row, c)
                .map_err(|()| (c, "not a recognised flag value"))?
            {
                p.flags |= DECEASED;
            }
        }
        Ok((key, p, pair))
    }

    fn intern(&mut self, j: Jurisdiction) -> u16 {
        if let Some(i) = self.jur_ix.get(&j) {
            return *i;
        }
        let i = self.jurs.len() as u16;
        self.jurs.push(j.clone());
        self.jur_ix.insert(j, i);
        i
    }

    /// Merges a person's facts (`extra`: more jurisdictions beyond the three inline).
    fn merge_person(&mut self, key: PersonKey, p: Person, extra: Option<&[u16]>) {
        let e = self.persons.entry(key).or_insert(Person {
            pairs: 0,
            cats: [0; 2],
            jur: [NO_JUR; 3],
            flags: 0,
        });
        e.pairs |= p.pairs;
        e.cats[0] |= p.cats[0];
        e.cats[1] |= p.cats[1];
        e.flags |= p.flags & !(JUR_OVERFLOW | EMITTED);
        let mut spill = Vec::new();
        for j in p
            .jur
            .iter()
            .copied()
            .chain(extra.into_iter().flatten().copied())
        {
            if j == NO_JUR || e.jur.contains(&j) {
                continue;
            }
            if let Some(slot) = e.jur.iter_mut().find(|s| **s == NO_JUR) {
                *slot = j;
            } else {
                spill.push(j);
            }
        }
        if !spill.is_empty() {
            e.flags |= JUR_OVERFLOW;
            let v = self.overflow.entry(key).or_default();
            for j in spill {
                if !v.contains(&j) {
                    v.push(j);
                }
            }
        }
    }

    /// Merges another counter's persons into this one. Exact for any split of the rows: a person
    /// seen by both is merged into one.
    ///
    /// # Errors
    /// [`RosterError::MappingMismatch`] when the counters were made for different mappings.
    pub fn merge(&mut self, other: Counter) -> Result<(), RosterError> {
        if other.names != self.names || other.pairs != self.pairs || other.salt.0 != self.salt.0 {
            return Err(RosterError::MappingMismatch);
        }
        let remap: Vec<u16> = other.jurs.iter().map(|j| self.intern(j.clone())).collect();
        let map = |j: u16| {
            if j == NO_JUR {
                NO_JUR
            } else {
                remap[j as usize]
            }
        };
        for (k, mut p) in other.persons {
            p.jur = p.jur.map(map);
            let extra: Option<Vec<u16>> = other
                .overflow
                .get(&k)
                .map(|v| v.iter().map(|j| map(*j)).collect());
            self.merge_person(k, p, extra.as_deref());
        }
        for (a, b) in self.records.iter_mut().zip(other.records) {
            *a += b;
        }
        self.rows += other.rows;
        self.bad_rows += other.bad_rows;
        for (c, n) in other.bad_by_column {
            *self.bad_by_column.entry(c).or_default() += n;
        }
        Ok(())
    }

    pub(crate) fn jurisdictions_of(&self, key: PersonKey, p: &Person) -> Vec<u16> {
        let mut v: Vec<u16> = p.jur.iter().copied().filter(|j| *j != NO_JUR).collect();
        if p.flags & JUR_OVERFLOW != 0 {
            if let Some(o) = self.overflow.get(&key) {
                v.extend(o);
            }
        }
        v
    }

    pub(crate) fn jurisdiction(&self, j: u16) -> &Jurisdiction {
        &self.jurs[j as usize]
    }

    pub(crate) fn pair(&self, i: usize) -> &(EntityId, GroupId) {
        &self.pairs[i]
    }

    pub(crate) fn parse_row(&mut self, row: &dyn Row) -> Option<(PersonKey, usize)> {
        self.parse(row).ok().map(|(k, _, pair)| (k, pair))
    }

    pub(crate) fn has_email(p: &Person) -> bool {
        p.flags & EMAIL != 0
    }

    pub(crate) fn has_postal(p: &Person) -> bool {
        p.flags & POSTAL != 0
    }

    /// The exact counts, computed from the person table, with the built-in data classes.
    ///
    /// # Errors
    /// Only if the built-in rules are broken.
    pub fn counts(&self) -> Result<Counts, RosterError> {
        Ok(self.counts_with(Ruleset::builtin()?))
    }

    /// The exact counts with the data classes of a ruleset.
    pub fn counts_with(&self, rules: &Ruleset) -> Counts {
        // Distinct categories (several columns may expose one) and each column's category.
        let mut cats: Vec<String> = Vec::new();
        let mut col_cat: Vec<usize> = Vec::new();
        for c in &self.mapping.categories {
            let code = c.category.code().into_owned();
            let i = match cats.iter().position(|x| *x == code) {
                Some(i) => i,
                None => {
                    cats.push(code);
                    cats.len() - 1
                }
            };
            col_cat.push(i);
        }
        let classes: Vec<(String, u128, u128)> = rules
            .classes()
            .map(|c| {
                let mut members = 0u128;
                let mut maybe = 0u128;
                for (i, code) in cats.iter().enumerate() {
                    if c.members.iter().any(|m| m == code) {
                        members |= 1 << i;
                    } else if c.maybe.iter().any(|m| m.category == *code) {
                        maybe |= 1 << i;
                    }
                }
                (c.id.clone(), members, maybe)
            })
            .filter(|(_, m, y)| *m != 0 || *y != 0)
            .collect();
        let np = self.pairs.len();
        let ng = self.groups.len();
        let nj = self.jurs.len() + 1; // last slot: unknown
        let unknown = self.jurs.len();
        let nc = cats.len();
        let mut pair_stats: Vec<Dense> = (0..np).map(|_| Dense::new(nj, nc)).collect();
        let mut group_stats: Vec<Dense> = (0..ng).map(|_| Dense::new(nj, nc)).collect();
        let mut ent_persons = vec![0u64; self.entities.len()];
        let mut jur_persons = vec![0u64; nj];
        let mut class_counts = vec![[0u64; 2]; classes.len() * nj];
        let mut js: Vec<usize> = Vec::new();
        for (k, p) in &self.persons {
            js.clear();
            js.extend(self.jurisdictions_of(*k, p).into_iter().map(usize::from));
            if js.is_empty() {
                js.push(unknown);
            }
            let mut pc = 0u128;
            for (col, &ci) in col_cat.iter().enumerate() {
                if p.cats[col / 64] & (1 << (col % 64)) != 0 {
                    pc |= 1 << ci;
                }
            }
            for &j in &js {
                jur_persons[j] += 1;
                for (ci, (_, m, y)) in classes.iter().enumerate() {
                    let slot = &mut class_counts[ci * nj + j];
                    if pc & m != 0 {
                        slot[0] += 1;
                    } else if pc & y != 0 {
                        slot[1] += 1;
                    }
                }
            }
            let mut gs = 0u64;
            let mut es = 0u64;
            let mut bits = p.pairs;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                pair_stats[i].add(p, pc, &js);
                gs |= 1 << (i % ng);
                es |= 1 << (i / ng);
            }
            while es != 0 {
                let e = es.trailing_zeros() as usize;
                es &= es - 1;
                ent_persons[e] += 1;
            }
            while gs != 0 {
                let g = gs.trailing_zeros() as usize;
                gs &= gs - 1;
                group_stats[g].add(p, pc, &js);
            }
        }
        let jname = |j: usize| {
            if j == unknown {
                UNKNOWN.to_owned()
            } else {
                self.jurs[j].to_string()
            }
        };
        let mut c = Counts {
            rows: self.rows,
            bad_rows: self.bad_rows,
            persons: self.persons.len() as u64,
            ..Counts::default()
        };
        for (i, e) in self.entities.iter().enumerate() {
            if ent_persons[i] > 0 {
                c.entities.insert(e.to_string(), ent_persons[i]);
            }
        }
        let mut group_records = vec![0u64; ng];
        for (i, (e, g)) in self.pairs.iter().enumerate() {
            group_records[i % ng] += self.records[i];
            if pair_stats[i].persons == 0 {
                continue;
            }
            c.entity_groups.entry(e.to_string()).or_default().insert(
                g.to_string(),
                pair_stats[i].out(self.records[i], &jname, &cats),
            );
        }
        for (gi, g) in self.groups.iter().enumerate() {
            if group_stats[gi].persons > 0 {
                c.groups.insert(
                    g.to_string(),
                    group_stats[gi].out(group_records[gi], &jname, &cats),
                );
            }
        }
        for (j, n) in jur_persons.iter().enumerate() {
            if *n > 0 {
                c.jurisdictions.insert(jname(j), *n);
            }
        }
        for (ci, (id, _, _)) in classes.iter().enumerate() {
            for j in 0..nj {
                let [m, y] = class_counts[ci * nj + j];
                if m + y > 0 {
                    c.classes.entry(jname(j)).or_default().insert(
                        id.clone(),
                        ClassCounts {
                            persons: m,
                            maybe: y,
                        },
                    );
                }
            }
        }
        c
    }
}

/// Dense per-slot statistics while counting.
struct Dense {
    persons: u64,
    residence: Vec<u64>,
    categories: Vec<u64>,
    flags: [u64; 6],
}

impl Dense {
    fn new(nj: usize, nc: usize) -> Dense {
        Dense {
            persons: 0,
            residence: vec![0; nj],
            categories: vec![0; nc],
            flags: [0; 6],
        }
    }
    fn add(&mut self, p: &Person, pc: u128, js: &[usize]) {
        self.persons += 1;
        for &j in js {
            self.residence[j] += 1;
        }
        let mut bits = pc;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            self.categories[i] += 1;
        }
        let postal = p.flags & POSTAL != 0;
        let email = p.flags & EMAIL != 0;
        let f = &mut self.flags;
        f[0] += u64::from(postal);
        f[1] += u64::from(email);
        f[2] += u64::from(!postal && !email);
        f[3] += u64::from(p.flags & MINOR != 0);
        f[4] += u64::from(p.flags & MINOR_KNOWN == 0);
        f[5] += u64::from(p.flags & DECEASED != 0);
    }
    fn out(&self, records: u64, jname: &dyn Fn(usize) -> String, cats: &[String]) -> GroupCounts {
        let f = self.flags;
        GroupCounts {
            persons: self.persons,
            records,
            residence: self
                .residence
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(j, n)| (jname(j), *n))
                .collect(),
            categories: self
                .categories
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| (cats[i].clone(), *n))
                .collect(),
            postal: f[0],
            email: f[1],
            no_contact: f[2],
            children: f[3],
            children_unknown: f[4],
            deceased: f[5],
        }
    }
}

/// Exact counts of distinct persons. Serialised as JSON for tickets and for merging partials.
///
/// **Merging** ([`Counts::merge`]) adds the numbers. That is exact only when no person has rows
/// in two partials — which holds when rows are partitioned by the person-key hash (all rows of a
/// person in one partition). With any other split, a person seen in two partials is counted
/// twice: merge the [`Counter`]s instead ([`Counter::merge`]), which is exact for any split.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Rows read (good and bad).
    pub rows: u64,
    /// Malformed rows skipped.
    pub bad_rows: u64,
    /// Distinct persons.
    pub persons: u64,
    /// Distinct persons per entity.
    pub entities: BTreeMap<String, u64>,
    /// Per group (distinct across the entities holding it).
    pub groups: BTreeMap<String, GroupCounts>,
    /// Per entity, then group.
    pub entity_groups: BTreeMap<String, BTreeMap<String, GroupCounts>>,
    /// Distinct persons per jurisdiction (a person with several residences counts in each).
    pub jurisdictions: BTreeMap<String, u64>,
    /// Per jurisdiction, then legal data class: persons whose data include a member category,
    /// and persons with only a "maybe" category of the class.
    pub classes: BTreeMap<String, BTreeMap<String, ClassCounts>>,
}

/// Counts for one group, or one (entity, group).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCounts {
    /// Distinct persons.
    pub persons: u64,
    /// Rows.
    pub records: u64,
    /// Distinct persons per jurisdiction (`unknown` when the roster gives none).
    pub residence: BTreeMap<String, u64>,
    /// Distinct persons per exposed data category.
    pub categories: BTreeMap<String, u64>,
    /// Persons with a postal address.
    pub postal: u64,
    /// Persons with an e-mail address.
    pub email: u64,
    /// Persons with neither.
    pub no_contact: u64,
    /// Persons who are children.
    pub children: u64,
    /// Persons whose age the roster does not give.
    pub children_unknown: u64,
    /// Persons flagged deceased.
    pub deceased: u64,
}

/// Counts for one (jurisdiction, class).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassCounts {
    /// Persons with a member category.
    pub persons: u64,
    /// Persons with only a category that may belong (the class file's question decides).
    pub maybe: u64,
}

fn add_map(a: &mut BTreeMap<String, u64>, b: &BTreeMap<String, u64>) {
    for (k, v) in b {
        *a.entry(k.clone()).or_default() += v;
    }
}

impl GroupCounts {
    fn add(&mut self, o: &GroupCounts) {
        self.persons += o.persons;
        self.records += o.records;
        add_map(&mut self.residence, &o.residence);
        add_map(&mut self.categories, &o.categories);
        self.postal += o.postal;
        self.email += o.email;
        self.no_contact += o.no_contact;
        self.children += o.children;
        self.children_unknown += o.children_unknown;
        self.deceased += o.deceased;
    }
}

impl Counts {
    /// Adds another partial's counts. Exact only for partials that share no person (rows
    /// partitioned by person-key hash); see the type's documentation.
    pub fn merge(&mut self, o: &Counts) {
        self.rows += o.rows;
        self.bad_rows += o.bad_rows;
        self.persons += o.persons;
        add_map(&mut self.entities, &o.entities);
        add_map(&mut self.jurisdictions, &o.jurisdictions);
        for (g, oc) in &o.groups {
            self.groups.entry(g.clone()).or_default().add(oc);
        }
        for (e, gs) in &o.entity_groups {
            for (g, oc) in gs {
                self.entity_groups
                    .entry(e.clone())
                    .or_default()
                    .entry(g.clone())
                    .or_default()
                    .add(oc);
            }
        }
        for (j, cs) in &o.classes {
            for (id, oc) in cs {
                let c = self
                    .classes
                    .entry(j.clone())
                    .or_default()
                    .entry(id.clone())
                    .or_default();
                c.persons += oc.persons;
                c.maybe += oc.maybe;
            }
        }
    }
}

/// The partition (0..n) of a person key, for partitioning rows by key hash.
pub fn partition_of(key: PersonKey, n: u32) -> u32 {
    ((key >> 64) as u64 % u64::from(n.max(1))) as u32
}
