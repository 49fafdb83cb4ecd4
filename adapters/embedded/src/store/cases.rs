//! `Cases` on SQLite: version-checked changes with their events, caseloads and counts; the case lists.

use super::*;

#[async_trait]
impl Cases for EmbeddedStore {
    async fn change_case(&self, reference: &Reference, change: &CaseChange) -> Result<bool, PortError> {
        let (reference, change) = (reference.to_string(), change.clone());
        self.db
            .run("change case", move |connection| {
                let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let changed = tx.execute(
                    "UPDATE case_states SET state = ?2, version = ?3, status = ?4, shared_with = ?5, expires_at = ?7,
                                            listing = ?8
                     WHERE reference = ?1 AND version = ?6",
                    params![
                        reference,
                        to_json(&change.state),
                        change.state.version as i64,
                        change.listing.status.as_str(),
                        change.state.shared_with(),
                        change.state.version as i64 - 1,
                        change.state.personal_data_expires_at.map(|t| t.as_second()),
                        to_json(&change.listing)
                    ],
                )?;
                if changed == 0 {
                    return Ok(false);
                }
                tx.execute(
                    "INSERT INTO case_events (reference, id, at_ms, event) VALUES (?1, ?2, ?3, ?4)",
                    params![reference, change.event.id, change.event.at.as_millisecond(), to_json(&change.event)],
                )?;
                for moved in &change.caseloads {
                    tx.execute(
                        "INSERT INTO partner_caseloads (partner_id, open_cases) VALUES (?1, ?2)
                         ON CONFLICT (partner_id) DO UPDATE SET open_cases = open_cases + ?2",
                        params![moved.partner_id, moved.delta],
                    )?;
                }
                if let Some(count) = &change.count {
                    apply_count(&tx, count)?;
                }
                if let Some(contact) = &change.contact {
                    tx.execute(
                        "INSERT INTO contacts (reference, contact) VALUES (?1, ?2)
                         ON CONFLICT (reference) DO UPDATE SET contact = excluded.contact",
                        params![reference, to_json(contact)],
                    )?;
                }
                if let Some(owed) = &change.owed {
                    super::reports::add_owed(&tx, &reference, owed)?;
                }
                tx.commit()?;
                Ok(true)
            })
            .await
    }

    async fn events(&self, reference: &Reference) -> Result<Vec<EventRecord>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read case events", move |connection| {
                let mut statement =
                    connection.prepare("SELECT event FROM case_events WHERE reference = ?1 ORDER BY at_ms, id")?;
                let rows = statement.query_map([&reference], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }

    async fn list_cases(&self, filter: &CaseFilter) -> Result<Vec<CaseListing>, PortError> {
        let filter = filter.clone();
        self.db
            .run("list cases", move |connection| {
                let mut statement = connection.prepare(
                    "SELECT s.listing FROM case_states s JOIN cases c ON c.reference = s.reference
                     WHERE s.status IN (SELECT value FROM json_each(?1))
                       AND (?2 IS NULL OR s.shared_with = ?2)
                     ORDER BY c.rowid DESC LIMIT ?3",
                )?;
                let rows = statement
                    .query_map(params![to_json(&filter.statuses), filter.shared_with, filter.limit as i64], |row| {
                        row.get::<_, String>(0)
                    })?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }
}
