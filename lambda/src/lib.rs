//! The Lambda bootstrap: what turns AWS's events into the application's calls, and each
//! function's start (configuration from the environment, JSON logs, warm AWS clients).
//!
//! - `config`: what each function reads from its environment, as types.
//! - `functions`: one `run_*` per function, called by `functions/*/src/main.rs`. The HTTP ones
//!   are behind features (`public`, `staff`), so a function links only the routers it serves.
//! - `sqs`: an SQS batch → typed routing messages → the worker → the records that failed.
//! - `stream`: the table's stream records (outbox rows) → the dispatcher → the records that failed.
//! - `scheduled`, `email_feedback`: the scheduler's tick and SES's delivery notifications.
//! - `telemetry`: the log subscriber (JSON in Lambda, text locally) and its filter.

pub mod config;
pub mod email_feedback;
mod functions;
pub mod scheduled;
pub mod sqs;
pub mod stream;
pub mod telemetry;

pub use functions::*;
/// What a Lambda function's `main` returns when it cannot start or run.
pub use lambda_runtime::Error;
