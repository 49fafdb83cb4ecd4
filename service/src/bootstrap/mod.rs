//! The composition root: one builder per function, from configuration to the handler it
//! serves (in the spirit of zero2prod's `Application::build`). Each `functions/*/src/main.rs`
//! calls one `run_*`; the local runner and the tests call the same builders with their own
//! adapters, so they exercise the wiring that ships.

#[cfg(feature = "aws")]
pub mod config;
#[cfg(feature = "aws")]
mod lambda;

#[cfg(feature = "aws")]
pub use lambda::{
    run_advocate_assignment, run_deadline_reminders, run_email_feedback, run_operator_api, run_police_referral,
    run_pre_token_generation, run_submit_report,
};
/// What a Lambda function's `main` returns when it cannot start or run.
#[cfg(feature = "aws")]
pub use lambda_runtime::Error;

use std::collections::HashMap;
use std::sync::Arc;

use oys_shared::advocate::Partner;

use crate::auth::Authenticator;
use crate::casework::Casework;
use crate::workers::{AdvocateAssignmentWorker, PoliceReferralWorker};
use crate::{http, Services};

/// `submit-report`: the public router, which the report form's origin may call (CORS).
pub fn submit_report(services: Services, form_origin: &str) -> Result<axum::Router, String> {
    http::with_form_origin(http::public_router(Arc::new(services)), form_origin)
}

/// `operator-api` (and the local runner): the report endpoint and the casework routes.
pub fn operator_api(
    services: Services,
    partners: Vec<Partner>,
    force_mailboxes: HashMap<String, String>,
    auth: Authenticator,
    console: http::ConsoleSignIn,
) -> axum::Router {
    http::operator_router(Arc::new(Casework { services, partners, force_mailboxes }), auth, console)
}

/// `police-referral`: the worker on the police-referral queue.
pub fn police_referral(services: Services, force_mailboxes: HashMap<String, String>) -> PoliceReferralWorker {
    PoliceReferralWorker::new(services, force_mailboxes)
}

/// `advocate-assignment`: the worker on the advocate-assignment queue.
pub fn advocate_assignment(services: Services, partners: Vec<Partner>) -> AdvocateAssignmentWorker {
    AdvocateAssignmentWorker::new(services, partners)
}

/// The partner list shipped in the repository: examples, for the local runner and tests (a
/// deployed function refuses them).
pub const BUNDLED_PARTNERS: &str = include_str!("../../../config/partners.json");

/// A referral mailbox for every force, on a local domain: for the local runner and tests.
pub fn local_force_mailboxes() -> HashMap<String, String> {
    oys_shared::geography::all_forces()
        .map(|force| (force.to_string(), format!("{force}@police-referrals.localhost")))
        .collect()
}
