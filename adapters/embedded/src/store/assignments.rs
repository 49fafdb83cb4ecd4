//! `Assignments` on SQLite: advocate proposals and partners' caseloads.

use super::*;

#[async_trait]
impl Assignments for EmbeddedStore {
    async fn save_proposal(&self, proposal: &Proposal) -> Result<Proposal, PortError> {
        let proposal = proposal.clone();
        self.db
            .run("save proposal", move |connection| {
                let reference = proposal.reference.to_string();
                connection.execute(
                    "INSERT OR IGNORE INTO proposals (reference, proposal) VALUES (?1, ?2)",
                    params![reference, to_json(&proposal)],
                )?;
                let stored: String =
                    connection
                        .query_row("SELECT proposal FROM proposals WHERE reference = ?1", [&reference], |r| r.get(0))?;
                from_json(&stored)
            })
            .await
    }

    async fn proposal(&self, reference: &Reference) -> Result<Option<Proposal>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read proposal", move |connection| {
                let stored: Option<String> = connection
                    .query_row("SELECT proposal FROM proposals WHERE reference = ?1", [&reference], |r| r.get(0))
                    .optional()?;
                stored.as_deref().map(from_json).transpose()
            })
            .await
    }

    async fn partner_caseloads(&self) -> Result<HashMap<String, i64>, PortError> {
        self.db
            .run("read partner caseloads", move |connection| {
                let mut statement = connection.prepare("SELECT partner_id, open_cases FROM partner_caseloads")?;
                let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?;
                rows.collect()
            })
            .await
    }
}
