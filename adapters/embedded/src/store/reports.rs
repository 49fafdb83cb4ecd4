//! `Reports` on SQLite: a report, its counts, state and idempotency record in one transaction; the pending-routing column.

use super::*;

#[async_trait]
impl Reports for EmbeddedStore {
    async fn create_report(&self, report: &NewReport, now: Timestamp) -> Result<CreateOutcome, PortError> {
        let report = report.clone();
        self.db
            .run("create report", move |connection| {
                // On a blocking-pool thread: the capture must see it too.
                oys_application::leak_canary!("adapter_blocking_thread", &report.narrative.description);
                let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                if let Some(record) = &report.idempotency {
                    let earlier: Option<String> = tx
                        .query_row(
                            "SELECT record FROM idempotency WHERE key_hash = ?1 AND expires_at >= ?2",
                            params![record.key_hash, now.as_second()],
                            |row| row.get(0),
                        )
                        .optional()?;
                    if let Some(earlier) = earlier {
                        return Ok(CreateOutcome::IdempotencyKeyUsed(from_json::<IdempotencyRecord>(&earlier)?));
                    }
                }
                let reference = report.summary.reference.to_string();
                let taken: bool =
                    tx.query_row("SELECT EXISTS (SELECT 1 FROM cases WHERE reference = ?1)", [&reference], |row| row.get(0))?;
                if taken {
                    return Ok(CreateOutcome::ReferenceTaken);
                }
                let sweep_after = (!report.pending.is_empty()).then(|| report.sweep_after.as_second());
                tx.execute(
                    "INSERT INTO cases (reference, report_id, summary, pending, sweep_after) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        reference,
                        report.summary.report_id.to_string(),
                        to_json(&report.summary),
                        to_json(&report.pending),
                        sweep_after
                    ],
                )?;
                tx.execute(
                    "INSERT INTO narratives (reference, narrative) VALUES (?1, ?2)",
                    params![reference, to_json(&report.narrative)],
                )?;
                if let Some(contact) = &report.contact {
                    tx.execute("INSERT INTO contacts (reference, contact) VALUES (?1, ?2)", params![reference, to_json(contact)])?;
                }
                apply_count(&tx, &report.count)?;
                if !report.pending.is_empty() {
                    insert_outbox_row(&tx, &report.outbox)?;
                }
                tx.execute(
                    "INSERT INTO receipts (reference, hash) VALUES (?1, ?2)
                     ON CONFLICT (reference) DO UPDATE SET hash = excluded.hash",
                    params![reference, report.receipt_hash],
                )?;
                let state = &report.state;
                tx.execute(
                    "INSERT INTO case_states (reference, state, version, status, expires_at, listing)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        reference,
                        to_json(state),
                        state.version as i64,
                        report.listing.status.as_str(),
                        state.personal_data_expires_at.map(|t| t.as_second()),
                        to_json(&report.listing)
                    ],
                )?;
                if let Some(record) = &report.idempotency {
                    tx.execute(
                        "INSERT OR REPLACE INTO idempotency (key_hash, record, expires_at) VALUES (?1, ?2, ?3)",
                        params![record.key_hash, to_json(record), record.expires_at.as_second()],
                    )?;
                }
                tx.commit()?;
                Ok(CreateOutcome::Created)
            })
            .await
    }

    async fn get_report(&self, reference: &Reference) -> Result<Option<StoredReport>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("get report", move |connection| {
                let case: Option<(String, String)> = connection
                    .query_row("SELECT summary, pending FROM cases WHERE reference = ?1", [&reference], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })
                    .optional()?;
                let Some((summary, pending)) = case else {
                    return Ok(None);
                };
                let narrative: Option<String> = connection
                    .query_row("SELECT narrative FROM narratives WHERE reference = ?1", [&reference], |row| row.get(0))
                    .optional()?;
                let contact: Option<String> = connection
                    .query_row("SELECT contact FROM contacts WHERE reference = ?1", [&reference], |row| row.get(0))
                    .optional()?;
                let state: Option<String> = connection
                    .query_row("SELECT state FROM case_states WHERE reference = ?1", [&reference], |row| row.get(0))
                    .optional()?;
                Ok(Some(StoredReport {
                    summary: from_json::<CaseSummary>(&summary)?,
                    narrative: narrative.as_deref().map(from_json::<Narrative>).transpose()?,
                    contact: contact.as_deref().map(from_json::<ContactDetails>).transpose()?,
                    pending: from_json::<Vec<Delivery>>(&pending)?,
                    state: state.as_deref().map(from_json::<CaseState>).transpose()?.unwrap_or_default(),
                }))
            })
            .await
    }

    async fn set_pending(
        &self,
        reference: &Reference,
        expected: &[Delivery],
        remaining: &[Delivery],
        now: Timestamp,
    ) -> Result<bool, PortError> {
        let (reference, expected, remaining) = (reference.to_string(), to_json(&expected), to_json(&remaining));
        self.db
            .run("record deliveries", move |connection| {
                // With nothing left the case leaves the pending-routing index; with something
                // left it stays in it, or comes back due now.
                let changed = connection.execute(
                    "UPDATE cases SET pending = ?2,
                         sweep_after = CASE WHEN ?2 = '[]' THEN NULL ELSE COALESCE(sweep_after, ?4) END
                     WHERE reference = ?1 AND pending = ?3",
                    params![reference, remaining, expected, now.as_second()],
                )?;
                if changed == 1 {
                    return Ok(true);
                }
                let exists = connection
                    .query_row("SELECT 1 FROM cases WHERE reference = ?1", [&reference], |_| Ok(()))
                    .optional()?;
                match exists {
                    Some(()) => Ok(false),
                    None => Err(rusqlite::Error::QueryReturnedNoRows),
                }
            })
            .await
    }

    async fn due_for_sweep(&self, now: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        self.db
            .run("find reports pending routing", move |connection| {
                let mut statement = connection.prepare(
                    "SELECT reference FROM cases WHERE sweep_after IS NOT NULL AND sweep_after <= ?1 ORDER BY sweep_after LIMIT ?2",
                )?;
                let references = statement
                    .query_map(params![now.as_second(), limit as i64], |row| row.get::<_, String>(0))?
                    .filter_map(|r| r.ok().and_then(|s| Reference::parse(&s)))
                    .collect();
                Ok(references)
            })
            .await
    }

    async fn outbox(&self, written_by: Timestamp, limit: usize) -> Result<Vec<OutboxRow>, PortError> {
        self.db
            .run("read the outbox", move |connection| {
                let mut statement = connection
                    .prepare("SELECT reference, id, at FROM outbox WHERE at <= ?1 ORDER BY at, id LIMIT ?2")?;
                let rows = statement
                    .query_map(params![written_by.as_second(), limit as i64], |row| {
                        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, i64>(2)?))
                    })?
                    .filter_map(Result::ok)
                    .filter_map(|(reference, id, at)| {
                        let at = Timestamp::from_second(at).ok()?;
                        Some(OutboxRow { reference: Reference::parse(&reference)?, id, at })
                    })
                    .collect();
                Ok(rows)
            })
            .await
    }

    async fn clear_outbox(&self, row: &OutboxRow) -> Result<(), PortError> {
        let (reference, id) = (row.reference.to_string(), row.id.clone());
        self.db
            .run("clear an outbox row", move |connection| {
                connection.execute("DELETE FROM outbox WHERE reference = ?1 AND id = ?2", params![reference, id])?;
                Ok(())
            })
            .await
    }

    async fn owe(&self, reference: &Reference, owed: &Owed) -> Result<(), PortError> {
        let (reference, owed) = (reference.to_string(), owed.clone());
        self.db
            .run("owe deliveries", move |connection| {
                let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                add_owed(&tx, &reference, &owed)?;
                tx.commit()
            })
            .await
    }

    async fn claim_for_sweep(
        &self,
        reference: &Reference,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<RoutingState>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("claim report for sweep", move |connection| {
                let claimed: Option<(String, String)> = connection
                    .query_row(
                        "UPDATE cases SET sweep_after = ?3 WHERE reference = ?1 AND sweep_after IS NOT NULL AND sweep_after <= ?2
                         RETURNING summary, pending",
                        params![reference, now.as_second(), lease_until.as_second()],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                    .optional()?;
                claimed
                    .map(|(summary, pending)| {
                        Ok(RoutingState { summary: from_json(&summary)?, pending: from_json(&pending)? })
                    })
                    .transpose()
            })
            .await
    }
}

/// What owing `owed` writes, in the transaction of the change that owes it: the deliveries
/// added to the report's pending list (each kind once), due to the sweeper after
/// `sweep_after`, and the outbox row. No such report: `QueryReturnedNoRows`.
pub(super) fn add_owed(tx: &rusqlite::Transaction, reference: &str, owed: &Owed) -> rusqlite::Result<()> {
    let pending: String =
        tx.query_row("SELECT pending FROM cases WHERE reference = ?1", [reference], |row| row.get(0))?;
    let mut pending = from_json::<Vec<Delivery>>(&pending)?;
    for delivery in &owed.deliveries {
        if !pending.contains(delivery) {
            pending.push(*delivery);
        }
    }
    tx.execute(
        "UPDATE cases SET pending = ?2, sweep_after = ?3 WHERE reference = ?1",
        params![reference, to_json(&pending), owed.sweep_after.as_second()],
    )?;
    insert_outbox_row(tx, &owed.outbox)
}

/// An outbox row, in the transaction of the write that owes its deliveries.
pub(super) fn insert_outbox_row(tx: &rusqlite::Transaction, row: &OutboxRow) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO outbox (reference, id, at) VALUES (?1, ?2, ?3)",
        params![row.reference.as_str(), row.id, row.at.as_second()],
    )?;
    Ok(())
}
