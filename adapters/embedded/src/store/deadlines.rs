//! `Deadlines` on SQLite: the partial index of deadlines with an alert to send.

use super::*;

#[async_trait]
impl Deadlines for EmbeddedStore {
    async fn save_deadline(&self, deadline: &Deadline) -> Result<Deadline, PortError> {
        let deadline = deadline.clone();
        self.db
            .run("save deadline", move |connection| {
                let (reference, kind) = (deadline.reference.to_string(), deadline.slot());
                connection.execute(
                    "INSERT OR IGNORE INTO deadlines (reference, kind, deadline, next_alert_at) VALUES (?1, ?2, ?3, ?4)",
                    params![reference, kind, to_json(&deadline), deadline.next_alert_at.map(|t| t.as_second())],
                )?;
                let stored: String = connection.query_row(
                    "SELECT deadline FROM deadlines WHERE reference = ?1 AND kind = ?2",
                    params![reference, kind],
                    |r| r.get(0),
                )?;
                from_json(&stored)
            })
            .await
    }

    async fn deadlines_due(&self, before: Timestamp, limit: usize) -> Result<Vec<Deadline>, PortError> {
        self.db
            .run("find due deadlines", move |connection| {
                let mut statement = connection.prepare(DEADLINES_DUE_SQL)?;
                let rows =
                    statement.query_map(params![before.as_second(), limit as i64], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }

    async fn update_deadline(&self, deadline: &Deadline, expected_next: Option<Timestamp>) -> Result<bool, PortError> {
        let deadline = deadline.clone();
        self.db
            .run("update deadline", move |connection| {
                let changed = connection.execute(
                    "UPDATE deadlines SET deadline = ?3, next_alert_at = ?4
                     WHERE reference = ?1 AND kind = ?2 AND next_alert_at IS ?5",
                    params![
                        deadline.reference.to_string(),
                        deadline.slot(),
                        to_json(&deadline),
                        deadline.next_alert_at.map(|t| t.as_second()),
                        expected_next.map(|t| t.as_second())
                    ],
                )?;
                Ok(changed == 1)
            })
            .await
    }

    async fn for_case(&self, reference: &Reference) -> Result<Vec<Deadline>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read deadlines", move |connection| {
                let mut statement =
                    connection.prepare("SELECT deadline FROM deadlines WHERE reference = ?1 ORDER BY kind")?;
                let rows = statement.query_map([&reference], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }
}
