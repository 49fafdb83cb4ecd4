//! `AuditTrail` on SQLite: append-only entries (triggers refuse updates and deletes).

use super::*;

#[async_trait]
impl AuditTrail for EmbeddedStore {
    async fn append(&self, entry: &AuditEntry) -> Result<(), PortError> {
        let entry = entry.clone();
        self.db
            .run("append audit", move |connection| {
                connection.execute(
                    "INSERT INTO audit (reference, id, at_ms, entry) VALUES (?1, ?2, ?3, ?4)",
                    params![entry.reference.to_string(), entry.id, entry.at.as_millisecond(), to_json(&entry)],
                )?;
                Ok(())
            })
            .await
    }

    async fn entries(&self, reference: &Reference) -> Result<Vec<AuditEntry>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read audit", move |connection| {
                let mut statement =
                    connection.prepare("SELECT entry FROM audit WHERE reference = ?1 ORDER BY at_ms, id")?;
                let rows = statement.query_map([&reference], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }
}
