//! The outbox dispatcher's event: the table's stream records. The stream carries keys only (no
//! report's words ever leave the table), and the event source's filter passes only the inserts
//! of outbox rows; anything else that arrives is skipped.
//!
//! Records are handled in order. The first that fails is reported by its sequence number
//! (`ReportBatchItemFailures`): Lambda retries the batch from there, so a later row is never
//! acknowledged before an earlier one that failed (a retry of a row already done sends nothing:
//! `dispatch` finds nothing owed).

use aws_lambda_events::event::dynamodb::Event;
use aws_lambda_events::event::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use serde::Deserialize;
use tracing::{error, warn};

use oys_application::dispatch;

/// The keys of a stream record.
#[derive(Deserialize)]
struct Keys {
    pk: String,
    sk: String,
}

pub async fn handle_stream_batch(svc: &impl dispatch::Ports, event: Event) -> DynamoDbEventResponse {
    let mut response = DynamoDbEventResponse::default();
    for record in event.records {
        let sequence_number = record.change.sequence_number.clone();
        let row = serde_dynamo::from_item::<_, Keys>(record.change.keys)
            .ok()
            .and_then(|keys| oys_aws::outbox_row(&keys.pk, &keys.sk));
        let Some(row) = row.filter(|_| record.event_name == "INSERT") else {
            warn!(event = %record.event_name, "a stream record that is not a new outbox row: skipped (check the filter)");
            continue;
        };
        if let Err(error) = dispatch::dispatch(svc, &row).await {
            error!(reference = %row.reference, %error, "outbox row not dispatched; the stream retries it");
            let mut failure = DynamoDbBatchItemFailure::default();
            failure.item_identifier = sequence_number;
            response.batch_item_failures.push(failure);
            break;
        }
    }
    response
}
