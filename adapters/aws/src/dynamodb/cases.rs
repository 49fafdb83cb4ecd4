//! `Cases` on DynamoDB: version-checked changes with their events, caseloads and counts; the case lists.

use super::*;

#[async_trait]
impl Cases for DynamoStore {
    async fn change_case(&self, reference: &Reference, change: &CaseChange) -> Result<bool, PortError> {
        let state_item = StateItem::new(&change.state, &change.listing).to_item()?;
        let mut items = vec![
            TransactWriteItem::builder()
                .put(
                    Put::builder()
                        .table_name(&self.table)
                        .set_item(Some(state_item))
                        .condition_expression("version = :expected")
                        .expression_attribute_values(":expected", n(change.state.version as i64 - 1))
                        .build()
                        .expect("table and item are set"),
                )
                .build(),
            TransactWriteItem::builder()
                .put(self.put(to_item(
                    &change.event,
                    case_pk(reference),
                    &timed_sk("EVENT", change.event.at, &change.event.id),
                )?))
                .build(),
        ];
        for moved in &change.caseloads {
            let (partner, delta) = (&moved.partner_id, moved.delta);
            items.push(
                TransactWriteItem::builder()
                    .update(
                        aws_sdk_dynamodb::types::Update::builder()
                            .table_name(&self.table)
                            .key(PK, s("PARTNERS"))
                            .key(SK, s(format!("CASELOAD#{partner}")))
                            .update_expression("SET partner_id = :id ADD open_cases :delta")
                            .expression_attribute_values(":id", s(partner))
                            .expression_attribute_values(":delta", n(delta))
                            .build()
                            .expect("key and expression are set"),
                    )
                    .build(),
            );
        }
        if let Some(count) = &change.count {
            items.push(self.count_update(count));
        }
        if let Some(contact) = &change.contact {
            items.push(
                TransactWriteItem::builder().put(self.put(to_item(contact, case_pk(reference), "CONTACT")?)).build(),
            );
        }
        if let Some(owed) = &change.owed {
            items.extend(self.owed_items(reference, owed)?);
        }
        match self.client.transact_write_items().set_transact_items(Some(items)).send().await {
            Ok(_) => Ok(true),
            Err(e) => {
                let e = e.into_service_error();
                let conflict = matches!(
                    &e,
                    aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(c)
                        if c.cancellation_reasons().first().and_then(|r| r.code()) == Some("ConditionalCheckFailed")
                );
                if conflict {
                    Ok(false)
                } else {
                    Err(err("change case", e))
                }
            }
        }
    }

    async fn events(&self, reference: &Reference) -> Result<Vec<EventRecord>, PortError> {
        self.query_prefix(reference, "EVENT#").await
    }

    async fn list_cases(&self, filter: &CaseFilter) -> Result<Vec<CaseListing>, PortError> {
        let statuses = &filter.statuses;
        let mut listings = Vec::new();
        if let Some(partner) = &filter.shared_with {
            let items = self.query_index(PARTNER_INDEX, PARTNER_KEY, s(partner), filter.limit).await?;
            for item in items {
                let state: StateItem = from_item(item)?;
                if statuses.contains(&state.case_status) {
                    listings.push(state.listing);
                }
            }
        } else {
            for status in statuses.iter().copied() {
                for item in self.query_index(STATUS_INDEX, STATUS_KEY, s(status.as_str()), filter.limit).await? {
                    listings.push(from_item::<StateItem>(item)?.listing);
                }
            }
        }
        listings.sort_by_key(|listing| std::cmp::Reverse(listing.received_at));
        listings.truncate(filter.limit);
        Ok(listings)
    }
}
