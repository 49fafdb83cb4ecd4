//! `Services`: every port a process uses, wired once at start-up (the Lambda bootstrap, the
//! local runner, the tests) and handed to the use cases. Each store port is its own field, so a
//! test can swap one port (a failing queue, a gated read) without wrapping the rest.
//!
//! A use case does not take `Services`: it takes `&impl Ports`, its module's trait naming the
//! ports it reaches (`WithReports`, `WithEffects`, …) and the `Ports` of the use cases it calls.
//! What a use case depends on is its type, checked by the compiler; `Services` has them all.

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
    /// The partner organisations a case can be handed to (the dispatcher sends the handoff);
    /// empty where nothing is handed off.
    pub partners: Vec<oys_shared::advocate::Partner>,
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
            partners: Vec::new(),
            retention,
            disclosure_threshold: oys_shared::statistics::DEFAULT_THRESHOLD,
        }
    }
}

/// One trait per port, each giving the use case that names it that port alone; `Services`, and
/// anything that points to one (`Arc<Services>`, `&Services`), has every one.
macro_rules! ports {
    ($($(#[$doc:meta])* $trait:ident: $field:ident -> $ty:ty;)*) => {
        $(
            $(#[$doc])*
            pub trait $trait {
                fn $field(&self) -> &$ty;
            }
            impl $trait for Services {
                fn $field(&self) -> &$ty {
                    &self.$field
                }
            }
            impl<T: $trait + ?Sized> $trait for Arc<T> {
                fn $field(&self) -> &$ty {
                    (**self).$field()
                }
            }
            impl<T: $trait + ?Sized> $trait for &T {
                fn $field(&self) -> &$ty {
                    (**self).$field()
                }
            }
        )*
    };
}

ports! {
    /// Reports as they arrive and their routing.
    WithReports: reports -> Arc<dyn Reports>;
    /// Things done once per report: disclosures and notices.
    WithEffects: effects -> Arc<dyn Effects>;
    WithDeadlines: deadlines -> Arc<dyn Deadlines>;
    /// Case state and events, the case lists.
    WithCases: cases -> Arc<dyn Cases>;
    /// Advocate proposals and partners' caseloads.
    WithAssignments: assignments -> Arc<dyn Assignments>;
    WithAudit: audit -> Arc<dyn AuditTrail>;
    /// Expiry and erasure of personal data.
    WithPersonalData: personal_data -> Arc<dyn PersonalData>;
    /// Receipts and what reporters add with them.
    WithFollowUps: follow_ups -> Arc<dyn FollowUps>;
    /// Monthly counters and publications, and the threshold below which counts are withheld.
    WithStatistics: statistics -> Arc<dyn Statistics>;
    WithDisclosureThreshold: disclosure_threshold -> u64;
    /// The staff console's sessions.
    WithSessions: sessions -> Arc<dyn StaffSessions>;
    WithQueue: queue -> Arc<dyn MessageQueue>;
    WithMailer: mailer -> Arc<dyn Mailer>;
    WithClock: clock -> Arc<dyn Clock>;
    WithAlerts: alerts -> AlertAddresses;
    /// The partner organisations (who a handoff goes to).
    WithPartners: partners -> Vec<oys_shared::advocate::Partner>;
    /// How long personal data is kept after the last thing done on a case.
    WithRetention: retention -> RetentionPolicy;
}

/// Declares a use-case module's `Ports`: the port traits it reaches (`ports: [WithReports, …]`)
/// and the use-case modules it calls (`calls: [send_once, …]`), whose `Ports` it then has too.
/// Anything with all of them (`Services`) is its `Ports`.
macro_rules! use_case_ports {
    (ports: [$($port:ident),* $(,)?] $(, calls: [$($callee:ident),* $(,)?])? $(,)?) => {
        /// What this use case depends on: the ports it reaches and those of the use cases it
        /// calls. The compiler holds it to them (`svc: &impl Ports`).
        pub trait Ports: Sync $(+ $crate::services::$port)* $($(+ $crate::$callee::Ports)*)? {}
        impl<T: Sync $(+ $crate::services::$port)* $($(+ $crate::$callee::Ports)*)? + ?Sized> Ports for T {}
    };
}
pub(crate) use use_case_ports;
