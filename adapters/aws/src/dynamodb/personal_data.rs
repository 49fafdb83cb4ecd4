//! `PersonalData` on DynamoDB: expiry and erasure.

use super::*;

#[async_trait]
impl PersonalData for DynamoStore {
    async fn erase_personal_data(&self, erasure: &Erasure) -> Result<bool, PortError> {
        let pk = case_pk(&erasure.listing.reference);
        // Deleted and redacted first: if the state write then finds the case changed, the caller
        // works the erasure out again and repeats it, which finds less to do.
        for sk in ["NARRATIVE", "CONTACT"] {
            self.client
                .delete_item()
                .table_name(&self.table)
                .key(PK, s(pk.clone()))
                .key(SK, s(sk))
                .send()
                .await
                .map_err(|e| err("erase personal data", e))?;
        }
        for record in &erasure.redacted_events {
            self.client
                .put_item()
                .table_name(&self.table)
                .set_item(Some(to_item(record, pk.clone(), &timed_sk("EVENT", record.at, &record.id))?))
                .send()
                .await
                .map_err(|e| err("erase personal data", e))?;
        }
        let item = StateItem::new(&erasure.state, &erasure.listing).to_item()?;
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("version = :expected")
            .expression_attribute_values(":expected", n(erasure.state.version as i64 - 1))
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(err("mark erased", e)),
        }
    }

    async fn expiring(&self, before: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(EXPIRY_INDEX)
            .key_condition_expression("#key = :expires AND #sort <= :before")
            .expression_attribute_names("#key", EXPIRY_KEY)
            .expression_attribute_names("#sort", EXPIRY_SORT)
            .expression_attribute_values(":expires", s(EXPIRES))
            .expression_attribute_values(":before", n(before.as_second()))
            .limit(i32::try_from(limit.max(1)).unwrap_or(i32::MAX));
        let items = self.query_pages(query, Some(limit), "find expiring personal data").await?;
        Ok(items
            .iter()
            .filter_map(|item| item.get(PK)?.as_s().ok()?.strip_prefix("CASE#").and_then(Reference::parse))
            .collect())
    }

    async fn erase_contact_details(&self, state: &CaseState, listing: &CaseListing) -> Result<bool, PortError> {
        let pk = case_pk(&listing.reference);
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s("CONTACT"))
            .send()
            .await
            .map_err(|e| err("erase contact details", e))?;
        let item = StateItem::new(state, listing).to_item()?;
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("version = :expected")
            .expression_attribute_values(":expected", n(state.version as i64 - 1))
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(err("erase contact details", e)),
        }
    }
}
