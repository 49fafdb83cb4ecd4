//! The queue workers: police referral and advocate assignment.
//!
//! Each handles one routing message at a time; `handle_deliveries` runs a batch, answering which
//! messages failed so the queue retries only those. Every effect is claimed, done, then recorded
//! per report (`send_once::send_and_record`), so a redelivered message, even one handled at the
//! same time by another instance, changes nothing.

mod advocate;
mod delivery;
mod police;
pub mod poller;

pub use crate::routed::{Outcome, WorkerError};
pub use advocate::AdvocateAssignmentWorker;
pub use delivery::{handle_deliveries, Delivery};
pub use police::PoliceReferralWorker;

use oys_shared::routing::{Route, RoutingMessage};

/// A worker on one route's queue.
#[async_trait::async_trait]
pub trait RoutedWorker: Send + Sync {
    /// The route whose queue it reads.
    fn route(&self) -> Route;
    async fn handle(&self, message: RoutingMessage) -> Result<Outcome, WorkerError>;
}
