//! `PersonalData` on SQLite: expiry and erasure.

use super::*;

#[async_trait]
impl PersonalData for EmbeddedStore {
    async fn erase_personal_data(&self, erasure: &Erasure) -> Result<bool, PortError> {
        let erasure = erasure.clone();
        self.db
            .run("erase personal data", move |connection| {
                let erased = erase(connection, &erasure)?;
                // secure_delete zeroes the freed pages; a checkpoint writes them to the database
                // file and empties the WAL, which still held the pages as they were.
                let _ = connection.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
                Ok(erased)
            })
            .await
    }

    async fn expiring(&self, before: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        self.db
            .run("find expiring personal data", move |connection| {
                let mut statement = connection.prepare(
                    "SELECT reference FROM case_states WHERE expires_at IS NOT NULL AND expires_at <= ?1
                     ORDER BY expires_at LIMIT ?2",
                )?;
                let rows =
                    statement.query_map(params![before.as_second(), limit as i64], |row| row.get::<_, String>(0))?;
                rows.map(|row| Ok(Reference::parse(&row?))).filter_map(Result::transpose).collect()
            })
            .await
    }

    async fn erase_contact_details(&self, state: &CaseState, listing: &CaseListing) -> Result<bool, PortError> {
        let (reference, state, listing) = (listing.reference.to_string(), state.clone(), listing.clone());
        self.db
            .run("erase contact details", move |connection| {
                let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                tx.execute("DELETE FROM contacts WHERE reference = ?1", [&reference])?;
                let changed = tx.execute(
                    "UPDATE case_states SET state = ?2, version = ?3, status = ?4, expires_at = ?5, listing = ?7
                     WHERE reference = ?1 AND version = ?6",
                    params![
                        reference,
                        to_json(&state),
                        state.version as i64,
                        listing.status.as_str(),
                        state.personal_data_expires_at.map(|t| t.as_second()),
                        state.version as i64 - 1,
                        to_json(&listing)
                    ],
                )?;
                tx.commit()?;
                Ok(changed == 1)
            })
            .await
    }
}

/// Deletes a case's personal data and writes the redacted events and erased state it is given,
/// if the state is still the one erasure was worked out from.
fn erase(connection: &mut rusqlite::Connection, erasure: &Erasure) -> rusqlite::Result<bool> {
    // IMMEDIATE: a transaction that reads then writes must hold the write lock from its start,
    // or a concurrent writer makes it fail with "database is locked" despite the busy timeout.
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let reference = erasure.listing.reference.as_str();
    let state = &erasure.state;
    let written = tx.execute(
        "UPDATE case_states SET state = ?2, version = ?3, status = ?4, expires_at = ?5, listing = ?7
         WHERE reference = ?1 AND version = ?6",
        params![
            reference,
            to_json(state),
            state.version as i64,
            erasure.listing.status.as_str(),
            state.personal_data_expires_at.map(|t| t.as_second()),
            state.version as i64 - 1,
            to_json(&erasure.listing)
        ],
    )?;
    if written == 0 {
        return Ok(false);
    }
    tx.execute("DELETE FROM narratives WHERE reference = ?1", [reference])?;
    tx.execute("DELETE FROM contacts WHERE reference = ?1", [reference])?;
    for record in &erasure.redacted_events {
        tx.execute(
            "UPDATE case_events SET event = ?3 WHERE reference = ?1 AND id = ?2",
            params![reference, record.id, to_json(record)],
        )?;
    }
    tx.commit()?;
    Ok(true)
}
