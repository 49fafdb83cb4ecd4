//! The police-referral worker: each routing message on the police-referral queue is a referral
//! to make (`referral::PoliceReferrals`).

use std::collections::HashMap;

use oys_shared::routing::{Route, RoutingMessage};

use super::RoutedWorker;
use crate::referral::PoliceReferrals;
use crate::routed::{Outcome, WorkerError};
use crate::Services;

crate::services::use_case_ports! { ports: [], calls: [referral] }

pub struct PoliceReferralWorker<S = Services> {
    referrals: PoliceReferrals<S>,
}

impl<S: Ports> PoliceReferralWorker<S> {
    pub fn new(services: S, mailboxes: HashMap<String, String>) -> Self {
        PoliceReferralWorker { referrals: PoliceReferrals::new(services, mailboxes) }
    }

    pub async fn handle(&self, message: RoutingMessage) -> Result<Outcome, WorkerError> {
        self.referrals.for_message(&message).await
    }
}

#[async_trait::async_trait]
impl<S: Ports + Send> RoutedWorker for PoliceReferralWorker<S> {
    fn route(&self) -> Route {
        Route::PoliceReferral
    }

    async fn handle(&self, message: RoutingMessage) -> Result<Outcome, WorkerError> {
        PoliceReferralWorker::handle(self, message).await
    }
}
