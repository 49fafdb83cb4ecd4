//! The police-referral worker: each routing message on the police-referral queue is a referral
//! to make (`referral::PoliceReferrals`).

use std::collections::HashMap;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};

use oys_shared::routing::{Route, RoutingMessage};

use super::batch::process_batch;
use crate::referral::PoliceReferrals;
use crate::routed::{Outcome, WorkerError};
use crate::Services;

pub struct PoliceReferralWorker {
    referrals: PoliceReferrals,
}

impl PoliceReferralWorker {
    pub fn new(services: Services, mailboxes: HashMap<String, String>) -> Self {
        PoliceReferralWorker { referrals: PoliceReferrals::new(services, mailboxes) }
    }

    pub async fn handle_batch(&self, event: SqsEvent) -> SqsBatchResponse {
        process_batch(event, Route::PoliceReferral, |message| self.handle(message)).await
    }

    pub async fn handle(&self, message: RoutingMessage) -> Result<Outcome, WorkerError> {
        self.referrals.for_message(&message).await
    }
}
