//! One batch of delivered routing messages: each handled on its own, failures (including a
//! panic) reported per message, never failing its neighbours. The Lambda bootstrap hands over an
//! SQS batch this way; the poller (local runner, tests) a batch it received itself.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use tracing::{error, info, warn, Instrument};

use oys_shared::routing::{Route, RoutingMessage};

use crate::routed::{Outcome, WorkerError};

/// A message as the queue delivered it, its body already read as a routing message (or why it
/// could not be: `RoutingMessage::from_queue_body`).
#[derive(Debug)]
pub struct Delivery {
    pub message_id: String,
    /// How many times the queue has delivered it (SQS's `ApproximateReceiveCount`), for the logs.
    pub receive_count: String,
    pub message: Result<RoutingMessage, &'static str>,
}

impl Delivery {
    /// A message body the queue of `route` delivered, read as a routing message.
    pub fn read(message_id: String, receive_count: String, body: &str, route: Route) -> Delivery {
        Delivery { message_id, receive_count, message: RoutingMessage::from_queue_body(body, route) }
    }
}

/// Handles every delivery with `handle`; answers the ids of those that failed, which the queue
/// delivers again (and, after its maximum receives, dead-letters).
pub async fn handle_deliveries<F, Fut>(deliveries: Vec<Delivery>, handle: F) -> Vec<String>
where
    F: Fn(RoutingMessage) -> Fut,
    Fut: Future<Output = Result<Outcome, WorkerError>>,
{
    let mut failed = Vec::new();
    for delivery in deliveries {
        let Delivery { message_id, receive_count, message } = delivery;
        let span = tracing::info_span!("record", %message_id, %receive_count, reference = tracing::field::Empty);
        let succeeded = async {
            let message = match message {
                Ok(message) => message,
                Err(problem) => {
                    // The body is not echoed: a misrouted message could hold anything.
                    error!(problem, "malformed record; it will be retried and then dead-lettered");
                    return false;
                }
            };
            tracing::Span::current().record("reference", message.reference.as_str());
            match AssertUnwindSafe(handle(message)).catch_unwind().await {
                Ok(Ok(outcome)) => {
                    info!(?outcome, "record handled");
                    true
                }
                Ok(Err(error)) => {
                    warn!(%error, "record failed; it will be retried");
                    false
                }
                Err(_panic) => {
                    error!("record handler panicked; it will be retried");
                    false
                }
            }
        }
        .instrument(span)
        .await;
        if !succeeded {
            failed.push(message_id);
        }
    }
    failed
}
