//! `Services`: every port a process uses, wired once at start-up (`bootstrap`, the local
//! runner, the tests) and handed to the use cases. Each store port is its own field, so a use
//! case reads as the ports it touches (`svc.effects`, `svc.deadlines`), and a test can swap one
//! port (a failing queue, a gated read) without wrapping the rest.

use std::sync::Arc;

use oys_shared::casework::RetentionPolicy;

use crate::ports::{
    Assignments, AuditTrail, Cases, Clock, Deadlines, Effects, FollowUps, Mailer, MessageQueue, PersonalData, Reports,
    StaffSessions, Statistics, Store,
};

/// Where operator alerts come from and go to.
#[derive(Debug, Clone)]
pub struct AlertAddresses {
    pub from: String,
    pub operators: Vec<String>,
}

impl AlertAddresses {
    /// An alert to the helpline operators about one case, sent as it is (not through
    /// `send_once`, which builds its own from a recorded effect). Its words hold no personal data.
    pub fn to_operators(
        &self,
        reference: &oys_shared::Reference,
        subject: String,
        text: String,
    ) -> crate::ports::OutgoingEmail {
        crate::ports::OutgoingEmail {
            from: self.from.clone(),
            to: self.operators.clone(),
            subject,
            text,
            about: Some(reference.clone()),
            effect: None,
        }
    }
}

/// The dependencies of the use cases, built once per process.
#[derive(Clone)]
pub struct Services {
    /// Reports as they arrive and their routing (intake, the sweeper, the workers' reads).
    pub reports: Arc<dyn Reports>,
    /// Things done once per report: disclosures and notices.
    pub effects: Arc<dyn Effects>,
    pub deadlines: Arc<dyn Deadlines>,
    /// Case state and events (casework), the case lists.
    pub cases: Arc<dyn Cases>,
    /// Advocate proposals and partners' caseloads.
    pub assignments: Arc<dyn Assignments>,
    pub audit: Arc<dyn AuditTrail>,
    /// Expiry and erasure of personal data.
    pub personal_data: Arc<dyn PersonalData>,
    /// Receipts and what reporters add with them.
    pub follow_ups: Arc<dyn FollowUps>,
    /// Monthly counters and publications.
    pub statistics: Arc<dyn Statistics>,
    /// The staff console's sessions (operator-api, the local runner).
    pub sessions: Arc<dyn StaffSessions>,
    pub queue: Arc<dyn MessageQueue>,
    pub mailer: Arc<dyn Mailer>,
    pub clock: Arc<dyn Clock>,
    pub alerts: AlertAddresses,
    /// How long personal data is kept after the last thing done on a case.
    pub retention: RetentionPolicy,
    /// Published statistics withhold counts below this (and whatever would reveal them).
    pub disclosure_threshold: u64,
}

impl Services {
    /// Every store port on one adapter (`DynamoStore`, `EmbeddedStore`).
    pub fn new(
        store: Arc<impl Store + 'static>,
        queue: Arc<dyn MessageQueue>,
        mailer: Arc<dyn Mailer>,
        clock: Arc<dyn Clock>,
        alerts: AlertAddresses,
        retention: RetentionPolicy,
    ) -> Services {
        Services {
            reports: store.clone(),
            effects: store.clone(),
            deadlines: store.clone(),
            cases: store.clone(),
            assignments: store.clone(),
            audit: store.clone(),
            personal_data: store.clone(),
            follow_ups: store.clone(),
            statistics: store.clone(),
            sessions: store,
            queue,
            mailer,
            clock,
            alerts,
            retention,
            disclosure_threshold: oys_shared::statistics::DEFAULT_THRESHOLD,
        }
    }
}
