//! What the Lambda event source mapping does, for the local runner and the tests: receive a
//! batch from a queue, hand it to a worker, delete the messages that did not fail. Failed
//! messages become visible again after the visibility timeout and, after the queue's maximum
//! receives, move to its dead-letter queue.

use std::future::Future;
use std::time::Duration;

use oys_shared::routing::{Route, RoutingMessage};

use super::{handle_deliveries, Delivery};
use crate::ports::{MessageQueue, PortError};
use crate::routed::{Outcome, WorkerError};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PollSummary {
    pub received: usize,
    pub failed: usize,
}

/// Receives up to ten messages from `route`'s queue and hands each to `handle`.
pub async fn poll_once<F, Fut>(
    queue: &dyn MessageQueue,
    route: Route,
    visibility: Duration,
    handle: F,
) -> Result<PollSummary, PortError>
where
    F: Fn(RoutingMessage) -> Fut,
    Fut: Future<Output = Result<Outcome, WorkerError>>,
{
    let messages = queue.receive(route, 10, visibility).await?;
    if messages.is_empty() {
        return Ok(PollSummary::default());
    }
    let deliveries = messages
        .iter()
        .map(|message| {
            Delivery::read(message.message_id.clone(), message.receive_count.to_string(), &message.body, route)
        })
        .collect();
    let failed = handle_deliveries(deliveries, handle).await;
    for message in &messages {
        if !failed.contains(&message.message_id) {
            queue.delete(route, &message.receipt).await?;
        }
    }
    Ok(PollSummary { received: messages.len(), failed: failed.len() })
}
