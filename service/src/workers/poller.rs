//! What the Lambda event source mapping does, for the local runner and the tests: receive a
//! batch from a queue, hand it to a worker as an `SqsEvent`, delete the records that did not
//! fail. Failed records become visible again after the visibility timeout and, after the
//! queue's maximum receives, move to its dead-letter queue.

use std::future::Future;
use std::time::Duration;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use oys_shared::routing::Route;

use crate::ports::{MessageQueue, PortError};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PollSummary {
    pub received: usize,
    pub failed: usize,
}

pub async fn poll_once<F, Fut>(
    queue: &dyn MessageQueue,
    route: Route,
    visibility: Duration,
    worker: F,
) -> Result<PollSummary, PortError>
where
    F: FnOnce(SqsEvent) -> Fut,
    Fut: Future<Output = SqsBatchResponse>,
{
    let messages = queue.receive(route, 10, visibility).await?;
    if messages.is_empty() {
        return Ok(PollSummary::default());
    }
    let mut event = SqsEvent::default();
    for message in &messages {
        let mut record = SqsMessage::default();
        record.message_id = Some(message.message_id.clone());
        record.receipt_handle = Some(message.receipt.clone());
        record.body = Some(message.body.clone());
        record.attributes.insert("ApproximateReceiveCount".into(), message.receive_count.to_string());
        record.event_source = Some("aws:sqs".into());
        event.records.push(record);
    }
    let response = worker(event).await;
    let failed: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
    for message in &messages {
        if !failed.contains(&message.message_id.as_str()) {
            queue.delete(route, &message.receipt).await?;
        }
    }
    Ok(PollSummary { received: messages.len(), failed: failed.len() })
}
