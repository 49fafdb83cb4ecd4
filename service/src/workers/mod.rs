//! The SQS workers: police referral and advocate assignment.
//!
//! Each takes a batch of routing messages and answers which records failed, so SQS retries
//! only those (`ReportBatchItemFailures`). Every effect is claimed, done, then recorded per
//! report (`send_once::send_and_record`), so a redelivered message, even one handled at the same time by
//! another instance, changes nothing.

mod advocate;
mod batch;
mod police;
pub mod poller;

pub use crate::routed::{Outcome, WorkerError};
pub use advocate::AdvocateAssignmentWorker;
pub use batch::process_batch;
pub use police::PoliceReferralWorker;
