//! Stand-ins for the clients a function is built without (oys-aws's `sqs` and `ses` features):
//! submit-report sends no routing message and no email (what a report owes is the outbox
//! dispatcher's), so it links neither SDK. A call through a stand-in fails loudly, naming what
//! is missing; `tests/all/infra.rs` holds each function's features to the environment the
//! template gives it, so a function that needs a client has it.

#![cfg_attr(all(feature = "sqs", feature = "ses"), allow(dead_code))]

use std::time::Duration;

use async_trait::async_trait;

use oys_application::ports::{Mailer, MessageQueue, OutgoingEmail, PortError, ReceivedMessage};
use oys_shared::routing::Route;

/// The queue of a function built without SQS.
pub struct NoQueue;

fn no_queue() -> PortError {
    PortError::new("queue", "this function is built without SQS (oys-aws feature `sqs`)")
}

#[async_trait]
impl MessageQueue for NoQueue {
    async fn send_body(&self, _: Route, _: &str) -> Result<String, PortError> {
        Err(no_queue())
    }
    async fn receive(&self, _: Route, _: u32, _: Duration) -> Result<Vec<ReceivedMessage>, PortError> {
        Err(no_queue())
    }
    async fn delete(&self, _: Route, _: &str) -> Result<(), PortError> {
        Err(no_queue())
    }
    async fn receive_dead_letters(&self, _: Route, _: u32) -> Result<Vec<ReceivedMessage>, PortError> {
        Err(no_queue())
    }
}

/// The mailer of a function built without SES. It keeps no copies, as SES keeps none.
pub struct NoMailer;

#[async_trait]
impl Mailer for NoMailer {
    async fn send(&self, _: &OutgoingEmail) -> Result<String, PortError> {
        Err(PortError::new("mailer", "this function is built without SES (oys-aws feature `ses`)"))
    }
}
