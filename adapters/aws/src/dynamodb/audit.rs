//! `AuditTrail` on DynamoDB: append-only entries.

use super::*;

#[async_trait]
impl AuditTrail for DynamoStore {
    async fn append(&self, entry: &AuditEntry) -> Result<(), PortError> {
        let item = to_item(entry, case_pk(&entry.reference), &timed_sk("AUDIT", entry.at, &entry.id))?;
        if self.put_new(item).await? {
            Ok(())
        } else {
            Err(PortError::new("append audit", "an entry with this id exists"))
        }
    }

    async fn entries(&self, reference: &Reference) -> Result<Vec<AuditEntry>, PortError> {
        self.query_prefix(reference, "AUDIT#").await
    }
}
