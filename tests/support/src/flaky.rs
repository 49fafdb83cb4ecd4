//! Adapters that fail on demand, wrapped around real ones: to show what happens when a queue,
//! SES or the store is down.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use oys_application::ports::*;
use oys_shared::advocate::Proposal;
use oys_shared::case_history::{AuditEntry, EventRecord};
use oys_shared::casework::CaseListing;
use oys_shared::deadlines::Deadline;
use oys_shared::effects::EffectRecord;
use oys_shared::routing::{Delivery, Route};
use oys_shared::Reference;
use std::collections::HashMap;

#[derive(Clone, Default)]
pub struct Switch(Arc<AtomicBool>, Arc<std::sync::atomic::AtomicUsize>);

impl Switch {
    pub fn fail(&self, failing: bool) {
        self.0.store(failing, Ordering::SeqCst);
    }
    /// Fails the next `n` calls only.
    pub fn fail_next(&self, n: usize) {
        self.1.store(n, Ordering::SeqCst);
    }
    fn check(&self, operation: &'static str) -> Result<(), PortError> {
        let once = self.1.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
        if once || self.0.load(Ordering::SeqCst) {
            Err(PortError::transient(operation, "injected outage"))
        } else {
            Ok(())
        }
    }
}

pub struct Flaky<T: ?Sized> {
    pub inner: Arc<T>,
    pub switch: Switch,
    /// Makes the first two reads of a report wait for each other, so two requests surely
    /// work from the same state (a race that would otherwise depend on scheduling).
    pub read_gate: Option<ReadGate>,
}

#[derive(Clone)]
pub struct ReadGate {
    barrier: Arc<tokio::sync::Barrier>,
    seen: Arc<std::sync::atomic::AtomicUsize>,
}

impl ReadGate {
    pub fn pairs() -> Self {
        ReadGate { barrier: Arc::new(tokio::sync::Barrier::new(2)), seen: Default::default() }
    }
    async fn pass(&self) {
        if self.seen.fetch_add(1, Ordering::SeqCst) < 2 {
            self.barrier.wait().await;
        }
    }
}

impl<T: ?Sized> Flaky<T> {
    pub fn new(inner: Arc<T>, switch: Switch) -> Self {
        Flaky { inner, switch, read_gate: None }
    }
}

#[async_trait]
impl MessageQueue for Flaky<dyn MessageQueue> {
    async fn send_body(&self, route: Route, body: &str) -> Result<String, PortError> {
        self.switch.check("send message")?;
        self.inner.send_body(route, body).await
    }
    async fn receive(&self, route: Route, max: u32, visibility: Duration) -> Result<Vec<ReceivedMessage>, PortError> {
        self.inner.receive(route, max, visibility).await
    }
    async fn delete(&self, route: Route, receipt: &str) -> Result<(), PortError> {
        self.inner.delete(route, receipt).await
    }
    async fn receive_dead_letters(&self, route: Route, max: u32) -> Result<Vec<ReceivedMessage>, PortError> {
        self.inner.receive_dead_letters(route, max).await
    }
}

#[async_trait]
impl Mailer for Flaky<dyn Mailer> {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, PortError> {
        self.switch.check("send email")?;
        self.inner.send(email).await
    }
    async fn erase_copies(&self, reference: &Reference) -> Result<usize, PortError> {
        self.inner.erase_copies(reference).await
    }
}

/// A store whose writes fail while switched on (reads still work).
#[async_trait]
impl Reports for Flaky<dyn Reports> {
    async fn create_report(&self, report: &NewReport, now: Timestamp) -> Result<CreateOutcome, PortError> {
        self.switch.check("create report")?;
        self.inner.create_report(report, now).await
    }
    async fn get_report(&self, reference: &Reference) -> Result<Option<StoredReport>, PortError> {
        let report = self.inner.get_report(reference).await?;
        if let Some(gate) = &self.read_gate {
            gate.pass().await;
        }
        Ok(report)
    }
    async fn set_pending(
        &self,
        reference: &Reference,
        expected: &[Delivery],
        remaining: &[Delivery],
        now: Timestamp,
    ) -> Result<bool, PortError> {
        self.switch.check("record deliveries")?;
        self.inner.set_pending(reference, expected, remaining, now).await
    }
    async fn due_for_sweep(&self, now: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        let due = self.inner.due_for_sweep(now, limit).await?;
        Ok(due)
    }
    async fn outbox(&self, written_by: Timestamp, limit: usize) -> Result<Vec<OutboxRow>, PortError> {
        self.inner.outbox(written_by, limit).await
    }
    async fn clear_outbox(&self, row: &OutboxRow) -> Result<(), PortError> {
        self.switch.check("clear outbox row")?;
        self.inner.clear_outbox(row).await
    }
    async fn owe(&self, reference: &Reference, owed: &oys_application::ports::Owed) -> Result<(), PortError> {
        self.switch.check("owe deliveries")?;
        self.inner.owe(reference, owed).await
    }
    async fn claim_for_sweep(
        &self,
        reference: &Reference,
        now: Timestamp,
        lease: Timestamp,
    ) -> Result<Option<RoutingState>, PortError> {
        self.inner.claim_for_sweep(reference, now, lease).await
    }
}

#[async_trait]
impl Effects for Flaky<dyn Effects> {
    async fn record_effect(&self, reference: &Reference, effect: &EffectRecord) -> Result<bool, PortError> {
        self.switch.check("record effect")?;
        self.inner.record_effect(reference, effect).await
    }
    async fn claim_effect(
        &self,
        reference: &Reference,
        key: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<EffectClaim, PortError> {
        self.switch.check("claim effect")?;
        self.inner.claim_effect(reference, key, now, lease_until).await
    }
    async fn release_effect_claim(&self, reference: &Reference, key: &str) -> Result<(), PortError> {
        self.inner.release_effect_claim(reference, key).await
    }
    async fn mark_undelivered(
        &self,
        reference: &Reference,
        key: &str,
        status: oys_shared::effects::DeliveryStatus,
    ) -> Result<Option<EffectRecord>, PortError> {
        self.switch.check("mark undelivered")?;
        self.inner.mark_undelivered(reference, key, status).await
    }
    async fn recorded(&self, reference: &Reference) -> Result<Vec<EffectRecord>, PortError> {
        let effects = self.inner.recorded(reference).await?;
        Ok(effects)
    }
}

#[async_trait]
impl Deadlines for Flaky<dyn Deadlines> {
    async fn save_deadline(&self, deadline: &Deadline) -> Result<Deadline, PortError> {
        self.switch.check("save deadline")?;
        self.inner.save_deadline(deadline).await
    }
    async fn deadlines_due(&self, before: Timestamp, limit: usize) -> Result<Vec<Deadline>, PortError> {
        let due = self.inner.deadlines_due(before, limit).await?;
        Ok(due)
    }
    async fn update_deadline(&self, deadline: &Deadline, expected_next: Option<Timestamp>) -> Result<bool, PortError> {
        self.switch.check("update deadline")?;
        self.inner.update_deadline(deadline, expected_next).await
    }
    async fn for_case(&self, reference: &Reference) -> Result<Vec<Deadline>, PortError> {
        let deadlines = self.inner.for_case(reference).await?;
        Ok(deadlines)
    }
}

#[async_trait]
impl Cases for Flaky<dyn Cases> {
    async fn change_case(&self, reference: &Reference, change: &CaseChange) -> Result<bool, PortError> {
        self.switch.check("change case")?;
        self.inner.change_case(reference, change).await
    }
    async fn events(&self, reference: &Reference) -> Result<Vec<EventRecord>, PortError> {
        self.inner.events(reference).await
    }
    async fn list_cases(&self, filter: &CaseFilter) -> Result<Vec<CaseListing>, PortError> {
        let cases = self.inner.list_cases(filter).await?;
        Ok(cases)
    }
}

#[async_trait]
impl Assignments for Flaky<dyn Assignments> {
    async fn save_proposal(&self, proposal: &Proposal) -> Result<Proposal, PortError> {
        self.switch.check("save proposal")?;
        self.inner.save_proposal(proposal).await
    }
    async fn proposal(&self, reference: &Reference) -> Result<Option<Proposal>, PortError> {
        self.inner.proposal(reference).await
    }
    async fn partner_caseloads(&self) -> Result<HashMap<String, i64>, PortError> {
        self.inner.partner_caseloads().await
    }
}

#[async_trait]
impl AuditTrail for Flaky<dyn AuditTrail> {
    async fn append(&self, entry: &AuditEntry) -> Result<(), PortError> {
        self.switch.check("append audit")?;
        self.inner.append(entry).await
    }
    async fn entries(&self, reference: &Reference) -> Result<Vec<AuditEntry>, PortError> {
        self.inner.entries(reference).await
    }
}

#[async_trait]
impl PersonalData for Flaky<dyn PersonalData> {
    async fn erase_personal_data(&self, erasure: &Erasure) -> Result<bool, PortError> {
        self.switch.check("erase")?;
        self.inner.erase_personal_data(erasure).await
    }
    async fn expiring(&self, before: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        self.inner.expiring(before, limit).await
    }
    async fn erase_contact_details(
        &self,
        state: &oys_shared::casework::CaseState,
        listing: &oys_shared::casework::CaseListing,
    ) -> Result<bool, PortError> {
        self.switch.check("erase contact details")?;
        self.inner.erase_contact_details(state, listing).await
    }
}

/// Makes every store port of `services` fail its writes while `switch` is on: the store (DynamoDB,
/// SQLite) is down, whichever port a use case reaches it through.
pub fn store_outage(services: &mut oys_application::Services, switch: &Switch) {
    services.reports = Arc::new(Flaky::new(services.reports.clone(), switch.clone()));
    services.effects = Arc::new(Flaky::new(services.effects.clone(), switch.clone()));
    services.deadlines = Arc::new(Flaky::new(services.deadlines.clone(), switch.clone()));
    services.cases = Arc::new(Flaky::new(services.cases.clone(), switch.clone()));
    services.assignments = Arc::new(Flaky::new(services.assignments.clone(), switch.clone()));
    services.audit = Arc::new(Flaky::new(services.audit.clone(), switch.clone()));
    services.personal_data = Arc::new(Flaky::new(services.personal_data.clone(), switch.clone()));
}
