//! The register's logic, written once over [`Conn`]: migrations, writes with optimistic
//! concurrency, the audit chain and its verification.

use std::collections::BTreeMap;

use breachkit_model::{Incident, IncidentHistory, IncidentId, Revision, Text};
use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

use crate::conn::{Conn, Row, Val};
use crate::error::RegisterError;
use crate::types::{
    AuditEntry, BreakReason, BrokenLink, Decision, DeletionRequest, EntryKind, IncidentEntry,
    ReportMade, Verification,
};

/// The schema, one step per version. A step never changes once released: a change is a new step.
/// Every statement is valid in both SQLite and PostgreSQL.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: incidents, their revisions, the audit log and the chain's head.
    "CREATE TABLE incidents (
        id TEXT NOT NULL PRIMARY KEY,
        latest BIGINT NOT NULL
    );
    CREATE TABLE revisions (
        incident TEXT NOT NULL REFERENCES incidents(id),
        number BIGINT NOT NULL,
        recorded_at TEXT NOT NULL,
        author TEXT NOT NULL,
        note TEXT,
        document TEXT NOT NULL,
        PRIMARY KEY (incident, number)
    );
    CREATE TABLE audit (
        seq BIGINT NOT NULL PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        incident TEXT NOT NULL,
        number BIGINT NOT NULL,
        payload TEXT NOT NULL,
        prev TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TABLE chain_head (
        id BIGINT NOT NULL PRIMARY KEY,
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL
    );
    INSERT INTO chain_head (id, seq, hash)
        VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');",
    // 2: recorded decisions (risk verdicts with their reasoning).
    "CREATE TABLE decisions (
        incident TEXT NOT NULL REFERENCES incidents(id),
        number BIGINT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (incident, number)
    );",
    // 3: reports made (with attachment hashes); an index for `due` as of an instant.
    "CREATE TABLE reports_made (
        incident TEXT NOT NULL REFERENCES incidents(id),
        number BIGINT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (incident, number)
    );
    CREATE INDEX revisions_recorded_at ON revisions (incident, recorded_at);",
    // 4: deletion requests; a revision erased by one keeps its metadata, its document is emptied.
    "CREATE TABLE deletions (
        incident TEXT NOT NULL REFERENCES incidents(id),
        number BIGINT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (incident, number)
    );
    ALTER TABLE revisions ADD COLUMN erased_by BIGINT;",
];

/// The latest schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const ZERO: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn parse_ts(s: &str) -> Result<DateTime<Utc>, RegisterError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| RegisterError::Corrupt {
            what: "a stored instant is not RFC 3339",
        })
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The canonical serialisation: a JSON array of the fields in a fixed order, no whitespace.
fn canonical(fields: &[serde_json::Value]) -> String {
    serde_json::to_string(fields).unwrap_or_default()
}

fn revision_payload(
    incident: &str,
    number: i64,
    recorded_at: &str,
    author: &str,
    note: Option<&str>,
    document: &str,
) -> String {
    sha256_hex(
        canonical(&[
            "revision".into(),
            incident.into(),
            number.into(),
            recorded_at.into(),
            author.into(),
            note.into(),
            document.into(),
        ])
        .as_bytes(),
    )
}

fn body_payload(kind: EntryKind, incident: &str, number: i64, body: &str) -> String {
    sha256_hex(
        canonical(&[
            kind.code().into(),
            incident.into(),
            number.into(),
            body.into(),
        ])
        .as_bytes(),
    )
}

fn entry_hash(e: &AuditEntry) -> String {
    sha256_hex(
        canonical(&[
            "breachkit-audit/1".into(),
            e.seq.into(),
            e.at.as_str().into(),
            e.kind.code().into(),
            e.incident.as_str().into(),
            e.number.into(),
            e.payload.as_str().into(),
            e.prev.as_str().into(),
        ])
        .as_bytes(),
    )
}

fn u32_of(v: &Val) -> Result<u32, RegisterError> {
    u32::try_from(v.int()?).map_err(|_| RegisterError::Corrupt {
        what: "a number is out of range",
    })
}

/// The register over one connection.
pub(crate) struct Store<C: Conn> {
    pub(crate) conn: C,
    /// The schema version after opening: the latest, except for registers opened at an older
    /// version on purpose (`open_at_version`, to test migrations), which can only be written.
    pub(crate) version: i64,
}

impl<C: Conn> Store<C> {
    /// The schema version of the database (0 when empty).
    pub(crate) fn version(&mut self) -> Result<i64, RegisterError> {
        self.conn
            .batch("CREATE TABLE IF NOT EXISTS breachkit_schema (version BIGINT NOT NULL)")?;
        let rows = self
            .conn
            .query("SELECT MAX(version) FROM breachkit_schema", &[])?;
        match rows.first().and_then(|r| r.first()) {
            Some(Val::Int(v)) => Ok(*v),
            _ => Ok(0),
        }
    }

    /// Applies the migrations after the database's version, up to `target`, in one transaction.
    pub(crate) fn migrate_to(&mut self, target: i64) -> Result<(), RegisterError> {
        self.conn.begin()?;
        let r = self.migrate_in_tx(target);
        self.finish(r)?;
        self.version = target.min(SCHEMA_VERSION);
        Ok(())
    }

    fn migrate_in_tx(&mut self, target: i64) -> Result<(), RegisterError> {
        let found = self.version()?;
        if found > SCHEMA_VERSION {
            return Err(RegisterError::SchemaTooNew {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for v in (found + 1)..=target.min(SCHEMA_VERSION) {
            let sql = MIGRATIONS[(v - 1) as usize];
            self.conn.batch(sql)?;
            self.conn.exec(
                "INSERT INTO breachkit_schema (version) VALUES ($1)",
                &[Val::Int(v)],
            )?;
        }
        Ok(())
    }

    fn finish<T>(&mut self, r: Result<T, RegisterError>) -> Result<T, RegisterError> {
        match r {
            Ok(v) => {
                self.conn.commit()?;
                Ok(v)
            }
            Err(e) => {
                // The transaction is abandoned either way; the first error is the one to report.
                let _ = self.conn.rollback();
                Err(e)
            }
        }
    }

    /// Appends an audit entry. Must run inside a write transaction that began with
    /// [`Store::lock_chain`].
    fn append(
        &mut self,
        at: &str,
        kind: EntryKind,
        incident: &str,
        number: u32,
        payload: String,
    ) -> Result<(), RegisterError> {
        let rows = self
            .conn
            .query("SELECT seq, hash FROM chain_head WHERE id = 1", &[])?;
        let row = rows.first().ok_or(RegisterError::Corrupt {
            what: "the chain head is missing",
        })?;
        let seq = u64::try_from(row[0].int()?).map_err(|_| RegisterError::Corrupt {
            what: "a number is out of range",
        })?;
        let mut e = AuditEntry {
            seq,
            at: at.to_owned(),
            kind,
            incident: incident.to_owned(),
            number,
            payload,
            prev: row[1].text()?,
            hash: String::new(),
        };
        e.hash = entry_hash(&e);
        self.conn.exec(
            "INSERT INTO audit (seq, at, kind, incident, number, payload, prev, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                Val::Int(seq as i64),
                e.at.clone().into(),
                kind.code().into(),
                e.incident.clone().into(),
                Val::Int(i64::from(number)),
                e.payload.clone().into(),
                e.prev.clone().into(),
                e.hash.clone().into(),
            ],
        )?;
        self.conn.exec(
            "UPDATE chain_head SET hash = $1 WHERE id = 1",
            &[e.hash.into()],
        )?;
        Ok(())
    }

    /// Takes the chain's lock (the head row) first in every write: writers are serialised on
    /// PostgreSQL too, and the sequence number is reserved.
    fn lock_chain(&mut self) -> Result<(), RegisterError> {
        self.conn
            .exec("UPDATE chain_head SET seq = seq + 1 WHERE id = 1", &[])?;
        Ok(())
    }

    fn latest(&mut self, id: &str) -> Result<Option<u32>, RegisterError> {
        let rows = self
            .conn
            .query("SELECT latest FROM incidents WHERE id = $1", &[id.into()])?;
        rows.first().map(|r| u32_of(&r[0])).transpose()
    }

    pub(crate) fn write_revision(
        &mut self,
        incident: &Incident,
        parent: u32,
        recorded_at: DateTime<Utc>,
        author: &str,
        note: Option<&str>,
    ) -> Result<u32, RegisterError> {
        self.conn.begin()?;
        let r = self.write_revision_tx(incident, parent, recorded_at, author, note);
        self.finish(r)
    }

    fn write_revision_tx(
        &mut self,
        incident: &Incident,
        parent: u32,
        recorded_at: DateTime<Utc>,
        author: &str,
        note: Option<&str>,
    ) -> Result<u32, RegisterError> {
        self.lock_chain()?;
        let id = incident.id.as_str();
        if let Some(deletion) = self.erased_by(id)? {
            return Err(RegisterError::Erased { deletion });
        }
        let latest = self.latest(id)?.unwrap_or(0);
        if latest != parent {
            return Err(RegisterError::Conflict {
                expected: parent,
                latest,
            });
        }
        // `parent` equals the stored latest number here; only a hand-edited database could hold
        // the largest u32.
        let number = parent.checked_add(1).ok_or(RegisterError::Corrupt {
            what: "a revision number is out of range",
        })?;
        let at = ts(recorded_at);
        if parent == 0 {
            let n = self.conn.exec(
                "INSERT INTO incidents (id, latest) VALUES ($1, 1) ON CONFLICT (id) DO NOTHING",
                &[id.into()],
            )?;
            if n != 1 {
                let latest = self.latest(id)?.unwrap_or(0);
                return Err(RegisterError::Conflict {
                    expected: 0,
                    latest,
                });
            }
        } else {
            let prev = self.conn.query(
                "SELECT recorded_at FROM revisions WHERE incident = $1 AND number = $2",
                &[id.into(), Val::Int(i64::from(parent))],
            )?;
            if let Some(r) = prev.first() {
                if parse_ts(&r[0].text()?)? > recorded_at {
                    return Err(RegisterError::OutOfOrder);
                }
            }
            let n = self.conn.exec(
                "UPDATE incidents SET latest = $1 WHERE id = $2 AND latest = $3",
                &[
                    Val::Int(i64::from(number)),
                    id.into(),
                    Val::Int(i64::from(parent)),
                ],
            )?;
            if n != 1 {
                let latest = self.latest(id)?.unwrap_or(0);
                return Err(RegisterError::Conflict {
                    expected: parent,
                    latest,
                });
            }
        }
        let document = serde_json::to_string(incident).unwrap_or_default();
        self.conn.exec(
            "INSERT INTO revisions (incident, number, recorded_at, author, note, document)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                id.into(),
                Val::Int(i64::from(number)),
                at.as_str().into(),
                author.into(),
                note.into(),
                document.as_str().into(),
            ],
        )?;
        let payload = revision_payload(id, i64::from(number), &at, author, note, &document);
        self.append(&at, EntryKind::Revision, id, number, payload)?;
        Ok(number)
    }

    fn write_body(
        &mut self,
        kind: EntryKind,
        id: &str,
        at: DateTime<Utc>,
        body: impl Fn(u32) -> String,
    ) -> Result<u32, RegisterError> {
        self.conn.begin()?;
        let r = self.write_body_tx(kind, id, at, body);
        self.finish(r)
    }

    fn write_body_tx(
        &mut self,
        kind: EntryKind,
        id: &str,
        at: DateTime<Utc>,
        body: impl Fn(u32) -> String,
    ) -> Result<u32, RegisterError> {
        self.lock_chain()?;
        if self.latest(id)?.is_none() {
            return Err(RegisterError::NotFound { what: "incident" });
        }
        let table = table_of(kind);
        let number = self.next_number(kind, id)?;
        let body = body(number);
        self.conn.exec(
            &format!("INSERT INTO {table} (incident, number, body) VALUES ($1, $2, $3)"),
            &[id.into(), Val::Int(i64::from(number)), body.as_str().into()],
        )?;
        let payload = body_payload(kind, id, i64::from(number), &body);
        self.append(&ts(at), kind, id, number, payload)?;
        Ok(number)
    }

    /// The deletion request that erased the incident's documents, if any.
    fn erased_by(&mut self, id: &str) -> Result<Option<u32>, RegisterError> {
        if self.version < 4 {
            return Ok(None);
        }
        let rows = self.conn.query(
            "SELECT MIN(erased_by) FROM revisions WHERE incident = $1 AND erased_by IS NOT NULL",
            &[id.into()],
        )?;
        match rows.first().and_then(|r| r.first()) {
            Some(v @ Val::Int(_)) => Ok(Some(u32_of(v)?)),
            _ => Ok(None),
        }
    }

    /// Records a deletion request and carries it out in the same transaction: every revision's
    /// document and note are emptied and marked with the request's number.
    pub(crate) fn erase(
        &mut self,
        id: &IncidentId,
        request: &DeletionRequest,
    ) -> Result<u32, RegisterError> {
        self.conn.begin()?;
        let r = self.erase_tx(id.as_str(), request);
        self.finish(r)
    }

    fn erase_tx(&mut self, id: &str, request: &DeletionRequest) -> Result<u32, RegisterError> {
        self.lock_chain()?;
        if self.latest(id)?.is_none() {
            return Err(RegisterError::NotFound { what: "incident" });
        }
        if let Some(deletion) = self.erased_by(id)? {
            return Err(RegisterError::Erased { deletion });
        }
        let revisions = self
            .conn
            .query(
                "SELECT number FROM revisions WHERE incident = $1 ORDER BY number",
                &[id.into()],
            )?
            .iter()
            .map(|r| u32_of(&r[0]))
            .collect::<Result<Vec<u32>, _>>()?;
        let number = self.next_number(EntryKind::Deletion, id)?;
        let mut body = request.clone();
        body.number = number;
        body.revisions = revisions;
        let body = serde_json::to_string(&body).unwrap_or_default();
        self.conn.exec(
            "INSERT INTO deletions (incident, number, body) VALUES ($1, $2, $3)",
            &[id.into(), Val::Int(i64::from(number)), body.as_str().into()],
        )?;
        self.conn.exec(
            "UPDATE revisions SET document = '', note = NULL, erased_by = $1 WHERE incident = $2",
            &[Val::Int(i64::from(number)), id.into()],
        )?;
        let payload = body_payload(EntryKind::Deletion, id, i64::from(number), &body);
        self.append(
            &ts(request.requested_at),
            EntryKind::Deletion,
            id,
            number,
            payload,
        )?;
        Ok(number)
    }

    fn next_number(&mut self, kind: EntryKind, id: &str) -> Result<u32, RegisterError> {
        let rows = self.conn.query(
            &format!(
                "SELECT COALESCE(MAX(number), 0) FROM {} WHERE incident = $1",
                table_of(kind)
            ),
            &[id.into()],
        )?;
        Ok(rows
            .first()
            .map(|r| u32_of(&r[0]))
            .transpose()?
            .unwrap_or(0)
            .saturating_add(1))
    }

    pub(crate) fn deletions(
        &mut self,
        id: &IncidentId,
    ) -> Result<Vec<DeletionRequest>, RegisterError> {
        self.bodies(EntryKind::Deletion, id)
    }

    pub(crate) fn record_decision(
        &mut self,
        id: &IncidentId,
        decision: &Decision,
    ) -> Result<u32, RegisterError> {
        let id = id.as_str();
        let rev_ok = self.conn.query(
            "SELECT number FROM revisions WHERE incident = $1 AND number = $2",
            &[id.into(), Val::Int(i64::from(decision.revision))],
        )?;
        if rev_ok.is_empty() && self.latest(id)?.is_some() {
            return Err(RegisterError::NotFound { what: "revision" });
        }
        self.write_body(EntryKind::Decision, id, decision.decided_at, |n| {
            let mut d = decision.clone();
            d.number = n;
            serde_json::to_string(&d).unwrap_or_default()
        })
    }

    pub(crate) fn record_report(
        &mut self,
        id: &IncidentId,
        report: &ReportMade,
    ) -> Result<u32, RegisterError> {
        self.write_body(EntryKind::Report, id.as_str(), report.made_at, |n| {
            let mut r = report.clone();
            r.number = n;
            serde_json::to_string(&r).unwrap_or_default()
        })
    }

    fn bodies<T: serde::de::DeserializeOwned>(
        &mut self,
        kind: EntryKind,
        id: &IncidentId,
    ) -> Result<Vec<T>, RegisterError> {
        let rows = self.conn.query(
            &format!(
                "SELECT body FROM {} WHERE incident = $1 ORDER BY number",
                table_of(kind)
            ),
            &[id.as_str().into()],
        )?;
        rows.iter()
            .map(|r| {
                serde_json::from_str(&r[0].text()?).map_err(|_| RegisterError::Corrupt {
                    what: "a stored decision or report does not read",
                })
            })
            .collect()
    }

    pub(crate) fn decisions(&mut self, id: &IncidentId) -> Result<Vec<Decision>, RegisterError> {
        self.bodies(EntryKind::Decision, id)
    }

    pub(crate) fn reports(&mut self, id: &IncidentId) -> Result<Vec<ReportMade>, RegisterError> {
        self.bodies(EntryKind::Report, id)
    }

    pub(crate) fn history(&mut self, id: &IncidentId) -> Result<IncidentHistory, RegisterError> {
        let rows = self.conn.query(
            "SELECT number, recorded_at, author, note, document FROM revisions
             WHERE incident = $1 ORDER BY number",
            &[id.as_str().into()],
        )?;
        if rows.is_empty() {
            return Err(RegisterError::NotFound { what: "incident" });
        }
        if let Some(deletion) = self.erased_by(id.as_str())? {
            return Err(RegisterError::Erased { deletion });
        }
        let mut h = IncidentHistory::new(id.clone());
        for r in &rows {
            h.revisions.push(revision_of(&r[0..])?);
        }
        Ok(h)
    }

    pub(crate) fn list(&mut self) -> Result<Vec<IncidentEntry>, RegisterError> {
        let rows = self.conn.query(
            "SELECT i.id, i.latest, MIN(r.recorded_at), MAX(r.recorded_at), MIN(r.erased_by)
             FROM incidents i JOIN revisions r ON r.incident = i.id
             GROUP BY i.id, i.latest ORDER BY i.id",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(IncidentEntry {
                    id: r[0].text()?,
                    latest: u32_of(&r[1])?,
                    first_recorded_at: r[2].text()?,
                    last_recorded_at: r[3].text()?,
                    erased_by: match &r[4] {
                        v @ Val::Int(_) => Some(u32_of(v)?),
                        _ => None,
                    },
                })
            })
            .collect()
    }

    pub(crate) fn current_all(
        &mut self,
        as_of: DateTime<Utc>,
    ) -> Result<Vec<Revision>, RegisterError> {
        let rows = self.conn.query(
            "SELECT r.number, r.recorded_at, r.author, r.note, r.document
             FROM revisions r
             JOIN (SELECT incident, MAX(number) AS n FROM revisions
                   WHERE recorded_at <= $1 GROUP BY incident) m
               ON r.incident = m.incident AND r.number = m.n
             WHERE r.erased_by IS NULL
             ORDER BY r.incident",
            &[ts(as_of).into()],
        )?;
        rows.iter().map(|r| revision_of(r)).collect()
    }

    pub(crate) fn audit_log(&mut self) -> Result<Vec<AuditEntry>, RegisterError> {
        let rows = self.conn.query(
            "SELECT seq, at, kind, incident, number, payload, prev, hash FROM audit ORDER BY seq",
            &[],
        )?;
        rows.iter().map(entry_of).collect()
    }

    pub(crate) fn verify(&mut self) -> Result<Verification, RegisterError> {
        // What every recorded row hashes to now; `None` for a revision erased by a deletion
        // request (its document is gone: the entry's payload is all that is left of it).
        type Rows = BTreeMap<(EntryKind, String, u32), (Option<String>, &'static str)>;
        let mut rows: Rows = BTreeMap::new();
        // Erased revisions: (incident, revision) → the deletion request that says it erased them.
        let mut erased: BTreeMap<(String, u32), u32> = BTreeMap::new();
        // Streamed: the documents are hashed as they are read, never all held at once.
        self.conn.for_each(
            "SELECT incident, number, recorded_at, author, note, document, erased_by
             FROM revisions",
            &mut |r| {
                let incident = r[0].text()?;
                let number = u32_of(&r[1])?;
                let note = r[4].opt_text()?;
                let p = match &r[6] {
                    v @ Val::Int(_) => {
                        // An erased row is empty: anything else is an edit.
                        if note.is_some() || !r[5].text()?.is_empty() {
                            Some(String::new())
                        } else {
                            erased.insert((incident.clone(), number), u32_of(v)?);
                            None
                        }
                    }
                    _ => Some(revision_payload(
                        &incident,
                        r[1].int()?,
                        &r[2].text()?,
                        &r[3].text()?,
                        note.as_deref(),
                        &r[5].text()?,
                    )),
                };
                rows.insert((EntryKind::Revision, incident, number), (p, "revisions"));
                Ok(())
            },
        )?;
        // Deletion requests: which revisions each says it erased.
        let mut erasures: BTreeMap<(String, u32), Vec<u32>> = BTreeMap::new();
        for kind in [EntryKind::Decision, EntryKind::Report, EntryKind::Deletion] {
            let table = table_of(kind);
            for r in self
                .conn
                .query(&format!("SELECT incident, number, body FROM {table}"), &[])?
            {
                let incident = r[0].text()?;
                let number = u32_of(&r[1])?;
                let body = r[2].text()?;
                if kind == EntryKind::Deletion {
                    // A body that does not read erases nothing; its hash fails below anyway.
                    let revisions = serde_json::from_str::<DeletionRequest>(&body)
                        .map(|d| d.revisions)
                        .unwrap_or_default();
                    erasures.insert((incident.clone(), number), revisions);
                }
                let p = body_payload(kind, &incident, r[1].int()?, &body);
                rows.insert((kind, incident, number), (Some(p), table));
            }
        }
        let raw = self.conn.query(
            "SELECT seq, at, kind, incident, number, payload, prev, hash FROM audit ORDER BY seq",
            &[],
        )?;
        let mut prev = ZERO.to_owned();
        let mut expected = 1u64;
        // Erased revisions whose deletion request has not been met yet in the walk.
        let mut pending: Vec<(u64, String, u32, Option<u32>, &'static str)> = Vec::new();
        let broken = |position: u64, reason, table| {
            Ok(Verification {
                entries: position.saturating_sub(1),
                head: String::new(),
                broken: Some(BrokenLink {
                    position,
                    reason,
                    table,
                }),
            })
        };
        for r in &raw {
            let e = match entry_of(r) {
                Ok(e) => e,
                Err(_) => return broken(expected, BreakReason::EntryAltered, "audit"),
            };
            if e.seq != expected {
                return broken(expected, BreakReason::Gap, "audit");
            }
            if e.prev != prev {
                return broken(e.seq, BreakReason::PrevMismatch, "audit");
            }
            if entry_hash(&e) != e.hash {
                return broken(e.seq, BreakReason::EntryAltered, "audit");
            }
            match rows.remove(&(e.kind, e.incident.clone(), e.number)) {
                None => return broken(e.seq, BreakReason::RowMissing, table_of(e.kind)),
                // Erased: valid only if a deletion request of the same incident, recorded later
                // in the chain, lists this revision as erased.
                Some((None, table)) => {
                    let by = erased.get(&(e.incident.clone(), e.number)).copied();
                    pending.push((e.seq, e.incident.clone(), e.number, by, table));
                }
                Some((Some(p), table)) if p != e.payload => {
                    return broken(e.seq, BreakReason::RowAltered, table);
                }
                Some(_) => {}
            }
            if e.kind == EntryKind::Deletion {
                let listed = erasures
                    .get(&(e.incident.clone(), e.number))
                    .cloned()
                    .unwrap_or_default();
                pending.retain(|(_, incident, number, by, _)| {
                    !(incident == &e.incident && *by == Some(e.number) && listed.contains(number))
                });
            }
            prev = e.hash;
            expected += 1;
        }
        if let Some((seq, _, _, _, table)) = pending.first() {
            return broken(*seq, BreakReason::RowAltered, table);
        }
        if let Some((_, table)) = rows.values().next() {
            return broken(expected, BreakReason::Unrecorded, table);
        }
        let head = self
            .conn
            .query("SELECT seq, hash FROM chain_head WHERE id = 1", &[])?;
        let head_ok = head.first().is_some_and(|h| {
            h[0].int().ok() == Some(expected as i64 - 1)
                && h[1].text().ok().as_deref() == Some(&prev)
        });
        if !head_ok {
            return broken(expected, BreakReason::HeadMismatch, "chain_head");
        }
        Ok(Verification {
            entries: expected - 1,
            head: prev,
            broken: None,
        })
    }
}

fn table_of(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Revision => "revisions",
        EntryKind::Decision => "decisions",
        EntryKind::Report => "reports_made",
        EntryKind::Deletion => "deletions",
    }
}

fn revision_of(r: &[Val]) -> Result<Revision, RegisterError> {
    let document = r[4].text()?;
    Ok(Revision {
        number: u32_of(&r[0])?,
        recorded_at: parse_ts(&r[1].text()?)?,
        author: Text::new(r[2].text()?),
        note: r[3].opt_text()?.map(Text::new),
        incident: Incident::from_json(&document)?,
    })
}

fn entry_of(r: &Row) -> Result<AuditEntry, RegisterError> {
    Ok(AuditEntry {
        seq: u64::try_from(r[0].int()?).map_err(|_| RegisterError::Corrupt {
            what: "a number is out of range",
        })?,
        at: r[1].text()?,
        kind: EntryKind::from_code(&r[2].text()?).ok_or(RegisterError::Corrupt {
            what: "an audit entry has an unknown kind",
        })?,
        incident: r[3].text()?,
        number: u32_of(&r[4])?,
        payload: r[5].text()?,
        prev: r[6].text()?,
        hash: r[7].text()?,
    })
}
