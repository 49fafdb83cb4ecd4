//! The port contracts, checked on both adapter sets: what the use cases rely on of a store,
//! a queue and a mailer.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use oys_application::ports::{CreateOutcome, NewReport, OutgoingEmail};
use oys_shared::advocate::Proposal;
use oys_shared::case_record::split_report;
use oys_shared::deadlines::{Deadline, DeadlineKind};
use oys_shared::effects::{DeliveryStatus, EffectKind, EffectRecord};
use oys_shared::report::{parse_report, Submitter};
use oys_shared::routing::{Delivery, Route};
use oys_shared::routing::{IdempotencyRecord, Receipt};
use oys_shared::Reference;

use crate::support::backend::{start_time, MAX_RECEIVES};
use crate::support::{event_json, Backend};
use oys_test_support::on_both_backends;

fn later(at: Timestamp, seconds: i64) -> Timestamp {
    at.checked_add(SignedDuration::from_secs(seconds)).unwrap()
}

/// A report ready to store, from an `events/` body, with a fresh reference.
fn new_report(fixture: &str, now: Timestamp) -> NewReport {
    let report = parse_report(&event_json(fixture), now, Submitter::Public).unwrap();
    let reference = Reference::from_entropy(uuid::Uuid::new_v4().as_u128() as u64);
    let parts = split_report(report, uuid::Uuid::new_v4(), reference, now);
    let pending = Delivery::all_for(&parts.summary.routes);
    NewReport {
        count: oys_shared::statistics::CountChange::of(&parts.summary, 1),
        listing: oys_shared::casework::CaseListing::of(&parts.summary, &Default::default()),
        receipt_hash: "sha256:stored-with-the-report".into(),
        outbox: oys_application::ports::OutboxRow::new(&parts.summary.reference, now),
        summary: parts.summary,
        narrative: parts.narrative,
        contact: parts.contact,
        pending,
        sweep_after: later(now, 120),
        idempotency: None,
        state: Default::default(),
    }
}

fn with_key(mut report: NewReport, key_hash: &str, request_hash: &str, now: Timestamp) -> NewReport {
    report.idempotency = Some(IdempotencyRecord {
        key_hash: key_hash.into(),
        request_hash: request_hash.into(),
        receipt: Receipt {
            reference: report.summary.reference.clone(),
            routes: report.summary.routes.clone(),
            next_steps: "…".into(),
        },
        created_at: now,
        expires_at: later(now, 86_400),
    });
    report
}

async fn a_stored_report_reads_back_whole(backend: Backend) {
    let svc = &backend.services;
    let now = start_time();
    let full = new_report("report-full.json", now);
    assert_eq!(svc.reports.create_report(&full, now).await.unwrap(), CreateOutcome::Created);
    let stored = svc.reports.get_report(&full.summary.reference).await.unwrap().expect("stored");
    assert_eq!(stored.summary, full.summary);
    assert_eq!(stored.narrative.as_ref(), Some(&full.narrative));
    assert_eq!(stored.contact, full.contact);
    assert_eq!(stored.pending, full.pending);

    let anonymous = new_report("report-anonymous.json", now);
    assert_eq!(svc.reports.create_report(&anonymous, now).await.unwrap(), CreateOutcome::Created);
    let stored = svc.reports.get_report(&anonymous.summary.reference).await.unwrap().unwrap();
    assert_eq!(stored.contact, None, "no contact item when nothing reaches the reporter");

    let unknown = Reference::from_entropy(1);
    assert_eq!(svc.reports.get_report(&unknown).await.unwrap(), None);
}

async fn a_taken_reference_is_refused_and_nothing_is_overwritten(backend: Backend) {
    let svc = &backend.services;
    let now = start_time();
    let first = new_report("report-full.json", now);
    svc.reports.create_report(&first, now).await.unwrap();
    let mut second = new_report("report-anonymous.json", now);
    second.summary.reference = first.summary.reference.clone();
    assert_eq!(svc.reports.create_report(&second, now).await.unwrap(), CreateOutcome::ReferenceTaken);
    let stored = svc.reports.get_report(&first.summary.reference).await.unwrap().unwrap();
    assert_eq!(stored.summary, first.summary);
    assert_eq!(stored.contact, first.contact);
    assert_eq!(backend.case_count().await, 1);
}

async fn an_idempotency_key_is_exclusive_until_it_expires(backend: Backend) {
    let svc = &backend.services;
    let now = start_time();
    let first = with_key(new_report("report-full.json", now), "key-1", "body-a", now);
    assert_eq!(svc.reports.create_report(&first, now).await.unwrap(), CreateOutcome::Created);

    let again = with_key(new_report("report-full.json", now), "key-1", "body-a", now);
    match svc.reports.create_report(&again, now).await.unwrap() {
        CreateOutcome::IdempotencyKeyUsed(earlier) => {
            assert_eq!(earlier, first.idempotency.clone().unwrap())
        }
        other => panic!("expected the earlier record, got {other:?}"),
    }
    assert_eq!(
        svc.reports.get_report(&again.summary.reference).await.unwrap(),
        None,
        "nothing of the repeat is stored"
    );
    assert_eq!(backend.case_count().await, 1);

    // A day and a bit later the key is free again, whatever TTL has or has not deleted.
    let next_day = later(now, 86_401);
    let reuse = with_key(new_report("report-anonymous.json", next_day), "key-1", "body-b", next_day);
    assert_eq!(svc.reports.create_report(&reuse, next_day).await.unwrap(), CreateOutcome::Created);
    assert_eq!(backend.case_count().await, 2);
}

async fn pending_routing_is_found_claimed_once_and_cleared(backend: Backend) {
    let svc = &backend.services;
    let now = start_time();
    let (report, reference) = stored_report(svc, now).await;

    assert!(svc.reports.due_for_sweep(now, 10).await.unwrap().is_empty(), "not due during the grace period");
    let due_time = later(now, 121);
    assert_eq!(svc.reports.due_for_sweep(due_time, 10).await.unwrap(), vec![reference.clone()]);

    let claimed =
        svc.reports.claim_for_sweep(&reference, due_time, later(due_time, 300)).await.unwrap().expect("claimed");
    assert_eq!(claimed.pending, report.pending);
    assert_eq!(claimed.summary, report.summary);
    assert!(
        svc.reports.claim_for_sweep(&reference, due_time, later(due_time, 300)).await.unwrap().is_none(),
        "held by the lease"
    );
    assert!(svc.reports.due_for_sweep(due_time, 10).await.unwrap().is_empty());

    // Partly delivered: still pending, due again once the lease is over.
    let all = report.pending.clone();
    assert!(
        !svc.reports.set_pending(&reference, &[Delivery::PoliceReferral], &[], due_time).await.unwrap(),
        "a list that changed meanwhile is not overwritten"
    );
    assert!(svc.reports.set_pending(&reference, &all, &[Delivery::OperatorAlert], due_time).await.unwrap());
    let after_lease = later(due_time, 301);
    assert_eq!(svc.reports.due_for_sweep(after_lease, 10).await.unwrap(), vec![reference.clone()]);
    assert_eq!(svc.reports.get_report(&reference).await.unwrap().unwrap().pending, vec![Delivery::OperatorAlert]);

    // Fully delivered: out of the index for good.
    assert!(svc.reports.set_pending(&reference, &[Delivery::OperatorAlert], &[], due_time).await.unwrap());
    assert!(svc.reports.due_for_sweep(later(now, 1_000_000), 10).await.unwrap().is_empty());
    assert!(svc
        .reports
        .claim_for_sweep(&reference, later(now, 1_000_000), later(now, 1_000_300))
        .await
        .unwrap()
        .is_none());
    assert!(svc.reports.get_report(&reference).await.unwrap().unwrap().pending.is_empty());

    // Something owed again (a follow-up's alert that failed) puts it back in the index, due now.
    let owed = [Delivery::FollowUpInformationAlert];
    assert!(svc.reports.set_pending(&reference, &[], &owed, later(now, 2_000_000)).await.unwrap());
    assert_eq!(svc.reports.due_for_sweep(later(now, 2_000_000), 10).await.unwrap(), vec![reference.clone()]);
}

async fn a_message_is_hidden_while_processed_and_redelivered_if_not_deleted(backend: Backend) {
    let queue = &backend.services.queue;
    queue.send_body(Route::PoliceReferral, r#"{"n":1}"#).await.unwrap();
    let first = queue.receive(Route::PoliceReferral, 10, Duration::from_secs(60)).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].body.as_str(), first[0].receive_count), (r#"{"n":1}"#, 1));
    assert!(queue.receive(Route::PoliceReferral, 10, Duration::from_secs(60)).await.unwrap().is_empty(), "hidden");
    assert!(
        queue.receive(Route::AdvocateAssignment, 10, Duration::from_secs(60)).await.unwrap().is_empty(),
        "queues are apart"
    );
    queue.delete(Route::PoliceReferral, &first[0].receipt).await.unwrap();

    queue.send_body(Route::PoliceReferral, r#"{"n":2}"#).await.unwrap();
    let once = queue.receive(Route::PoliceReferral, 10, Duration::ZERO).await.unwrap();
    let twice = queue.receive(Route::PoliceReferral, 10, Duration::ZERO).await.unwrap();
    assert_eq!(twice.len(), 1, "not deleted, so delivered again");
    assert_eq!(once[0].message_id, twice[0].message_id);
    assert_eq!(twice[0].receive_count, 2);
    queue.delete(Route::PoliceReferral, &twice[0].receipt).await.unwrap();
    assert!(queue.receive(Route::PoliceReferral, 10, Duration::ZERO).await.unwrap().is_empty(), "deleted for good");

    // A routing message goes to its own route's queue and reads back as itself.
    let summary = new_report("report-full.json", start_time()).summary;
    let message = oys_shared::routing::RoutingMessage::new(&summary, Route::AdvocateAssignment);
    queue.send(&message).await.unwrap();
    assert!(queue.receive(Route::PoliceReferral, 10, Duration::ZERO).await.unwrap().is_empty(), "not the police's");
    let got = queue.receive(Route::AdvocateAssignment, 10, Duration::ZERO).await.unwrap();
    let read = oys_shared::routing::RoutingMessage::from_queue_body(&got[0].body, Route::AdvocateAssignment);
    assert_eq!(read.unwrap(), message);
    queue.delete(Route::AdvocateAssignment, &got[0].receipt).await.unwrap();
}

async fn a_message_received_too_often_moves_to_the_dead_letter_queue(backend: Backend) {
    let queue = &backend.services.queue;
    queue.send_body(Route::AdvocateAssignment, "poison").await.unwrap();
    for attempt in 1..=MAX_RECEIVES {
        let got = queue.receive(Route::AdvocateAssignment, 10, Duration::ZERO).await.unwrap();
        assert_eq!(got.len(), 1, "receive {attempt}");
        assert_eq!(got[0].receive_count, attempt);
    }
    assert!(queue.receive(Route::AdvocateAssignment, 10, Duration::ZERO).await.unwrap().is_empty(), "moved away");
    let dead = queue.receive_dead_letters(Route::AdvocateAssignment, 10).await.unwrap();
    assert_eq!(dead.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(), vec!["poison"]);
    assert!(queue.receive_dead_letters(Route::PoliceReferral, 10).await.unwrap().is_empty());
}

async fn an_email_arrives_as_a_person_reads_it(backend: Backend) {
    let email = OutgoingEmail {
        // The configured sender: moto accepts mail only from a verified identity, as SES does.
        from: backend.services.alerts.from.clone(),
        to: vec![backend.operator_address.clone()],
        subject: "新舉報 OYS-7K2M-Q9XD — a long subject line that the encoder will have to fold somewhere".into(),
        text: "Reference: OYS-7K2M-Q9XD\n參考編號\n".into(),
        about: None,
        effect: None,
    };
    backend.services.mailer.send(&email).await.unwrap();
    let got = backend.emails().await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].subject, email.subject);
    assert_eq!(got[0].text.trim_end(), email.text.trim_end());
    assert_eq!(got[0].to, email.to);
}

async fn effects_proposals_and_deadlines_are_written_once(backend: Backend) {
    let svc = &backend.services;
    let now = start_time();
    let (_, reference) = stored_report(svc, now).await;

    let effect = EffectRecord {
        key: "police_referral:disclosed".into(),
        kind: EffectKind::Disclosure,
        recipient: "Greater Manchester Police <gmp@police.test>".into(),
        consent: Some("anonymous".into()),
        detail: "police referral: incident details (no contact details)".into(),
        at: now,
        delivery: DeliveryStatus::Sent,
    };
    assert!(svc.effects.record_effect(&reference, &effect).await.unwrap());
    let later_effect = EffectRecord { at: later(now, 60), ..effect.clone() };
    assert!(!svc.effects.record_effect(&reference, &later_effect).await.unwrap(), "once per key");
    assert_eq!(svc.effects.recorded(&reference).await.unwrap(), vec![effect.clone()]);

    // A bounce reported later marks it not delivered; the answer is the record as it was.
    let before = svc.effects.mark_undelivered(&reference, &effect.key, DeliveryStatus::Bounced).await.unwrap();
    assert_eq!(before, Some(effect.clone()));
    let bounced = EffectRecord { delivery: DeliveryStatus::Bounced, ..effect.clone() };
    assert_eq!(svc.effects.recorded(&reference).await.unwrap(), vec![bounced.clone()]);
    let again = svc.effects.mark_undelivered(&reference, &effect.key, DeliveryStatus::Bounced).await.unwrap();
    assert_eq!(again, Some(bounced));
    assert_eq!(
        svc.effects.mark_undelivered(&reference, "no_such_effect", DeliveryStatus::Bounced).await.unwrap(),
        None
    );

    let proposal = Proposal { reference: reference.clone(), ranked: vec![], proposed_at: now };
    assert_eq!(svc.assignments.save_proposal(&proposal).await.unwrap(), proposal);
    let second = Proposal { proposed_at: later(now, 60), ..proposal.clone() };
    assert_eq!(svc.assignments.save_proposal(&second).await.unwrap(), proposal, "the first proposal wins");
    assert_eq!(svc.assignments.proposal(&reference).await.unwrap(), Some(proposal));

    let deadline = |remind: i64| Deadline {
        reference: reference.clone(),
        kind: DeadlineKind::OperatorCall,
        remind_at: later(now, remind),
        due_at: later(now, remind + 86_400),
        next_alert_at: Some(later(now, remind)),
        created_at: now,
        calendar_covered: true,
        sent: vec![],
        met_at: None,
        partner_id: None,
    };
    assert_eq!(svc.deadlines.save_deadline(&deadline(3600)).await.unwrap(), deadline(3600));
    assert_eq!(svc.deadlines.save_deadline(&deadline(7200)).await.unwrap(), deadline(3600), "the first deadline wins");
    assert!(svc.deadlines.deadlines_due(later(now, 3599), 10).await.unwrap().is_empty());
    assert_eq!(svc.deadlines.deadlines_due(later(now, 3600), 10).await.unwrap(), vec![deadline(3600)]);
    assert!(svc.assignments.partner_caseloads().await.unwrap().is_empty());
}

async fn expiring_personal_data_is_found_by_its_time_and_contact_details_erased_alone(backend: Backend) {
    use oys_shared::casework::{contact_details_erased, RetentionPolicy};
    let svc = &backend.services;
    let now = start_time();
    let mut report = new_report("report-full.json", now);
    report.state = RetentionPolicy::new(10, 30).unwrap().extend(&Default::default(), now);
    let reference = report.summary.reference.clone();
    svc.reports.create_report(&report, now).await.unwrap();
    let expires = report.state.personal_data_expires_at.unwrap();
    assert_eq!(expires, later(now, 10 * 86_400), "the contact details' expiry, the earlier");
    assert!(!svc.personal_data.expiring(later(expires, -1), 10).await.unwrap().contains(&reference));
    assert!(svc.personal_data.expiring(expires, 10).await.unwrap().contains(&reference));

    let state = contact_details_erased(&report.state, expires);
    let stale = oys_shared::casework::CaseState { version: state.version + 1, ..state.clone() };
    assert!(
        !svc.personal_data
            .erase_contact_details(&stale, &oys_shared::casework::CaseListing::of(&report.summary, &stale))
            .await
            .unwrap(),
        "only from the stored version"
    );
    assert!(svc
        .personal_data
        .erase_contact_details(&state, &oys_shared::casework::CaseListing::of(&report.summary, &state))
        .await
        .unwrap());
    let stored = svc.reports.get_report(&reference).await.unwrap().unwrap();
    assert!(stored.contact.is_none() && stored.narrative.is_some());
    assert_eq!(stored.state, state);
    assert!(
        !svc.personal_data.expiring(later(expires, 86_400), 10).await.unwrap().contains(&reference),
        "next: the narrative"
    );
    assert!(svc.personal_data.expiring(later(now, 30 * 86_400), 10).await.unwrap().contains(&reference));
}

async fn a_receipt_hash_is_replaced_attempts_are_taken_to_a_limit_and_a_change_saves_contact(backend: Backend) {
    let svc = &backend.services;
    let now = start_time();
    let (report, reference) = stored_report(svc, now).await;
    let stored = svc.follow_ups.receipt_hash(&reference).await.unwrap();
    assert_eq!(stored.as_deref(), Some("sha256:stored-with-the-report"), "written with the report");
    svc.follow_ups.set_receipt_hash(&reference, "sha256:first").await.unwrap();
    svc.follow_ups.set_receipt_hash(&reference, "sha256:second").await.unwrap();
    assert_eq!(svc.follow_ups.receipt_hash(&reference).await.unwrap().as_deref(), Some("sha256:second"));
    let other = Reference::from_entropy(7);
    assert_eq!(svc.follow_ups.receipt_hash(&other).await.unwrap(), None);

    let window_ends = later(now, 3600);
    for _ in 0..3 {
        assert!(svc.follow_ups.take_attempt("key-a", 3, window_ends).await.unwrap());
    }
    assert!(!svc.follow_ups.take_attempt("key-a", 3, window_ends).await.unwrap(), "the limit holds");
    assert!(svc.follow_ups.take_attempt("key-b", 3, window_ends).await.unwrap(), "counted per key");
    svc.follow_ups.give_back_attempt("key-a").await.unwrap();
    assert!(svc.follow_ups.take_attempt("key-a", 3, window_ends).await.unwrap(), "one given back is free again");
    assert!(!svc.follow_ups.take_attempt("key-a", 3, window_ends).await.unwrap());
    svc.follow_ups.give_back_attempt("key-never-taken").await.unwrap();
    // Forty at the same moment: exactly the limit taken.
    let takes = (0..40).map(|_| svc.follow_ups.take_attempt("key-c", 5, window_ends));
    let taken = futures_util::future::join_all(takes).await.into_iter().filter(|t| *t.as_ref().unwrap()).count();
    assert_eq!(taken, 5);

    // A phone given later, on a report that had none of it: saved with the change that records
    // it, and only from the stored version.
    let mut contact = report.contact.clone().unwrap();
    contact.phone = Some(oys_shared::fields::PhoneNumber::parse("07700 900456").unwrap());
    let asked = oys_shared::casework::CaseState { version: 1, ..report.state.clone() };
    let change = oys_application::ports::CaseChange {
        listing: oys_shared::casework::CaseListing::of(&report.summary, &asked),
        state: asked.clone(),
        event: event_record(oys_shared::casework::CaseEvent::ReporterAskedForAdvocate, later(now, 60)),
        caseloads: vec![],
        count: None,
        contact: Some(contact.clone()),
        owed: None,
    };
    let stale = oys_application::ports::CaseChange {
        state: oys_shared::casework::CaseState { version: 5, ..asked.clone() },
        ..change.clone()
    };
    assert!(!svc.cases.change_case(&reference, &stale).await.unwrap());
    assert_eq!(svc.reports.get_report(&reference).await.unwrap().unwrap().contact, report.contact, "not saved");
    assert!(svc.cases.change_case(&reference, &change).await.unwrap());
    let stored = svc.reports.get_report(&reference).await.unwrap().unwrap();
    assert_eq!(stored.contact, Some(contact));
    assert_eq!(stored.narrative, Some(report.narrative), "nothing else moves");
}

async fn statistics_count_with_the_report_and_its_withdrawal_and_a_month_is_published_once(backend: Backend) {
    use oys_shared::statistics::{publish, MonthCounts};
    let svc = &backend.services;
    let now = start_time();
    let (report, reference) = stored_report(svc, now).await;
    let mut expected = MonthCounts::new(oys_shared::statistics::month_of(report.summary.received_at));
    expected.add(&report.summary);
    let counted = svc.statistics.month_counts().await.unwrap();
    assert_eq!(counted, vec![expected.clone()], "counted in the report's own write");
    // A report refused for a taken reference counts nothing.
    assert_eq!(svc.reports.create_report(&report, now).await.unwrap(), CreateOutcome::ReferenceTaken);
    assert_eq!(svc.statistics.month_counts().await.unwrap(), vec![expected.clone()]);

    // Withdrawn: the change that records it takes it out of the counts.
    let state = oys_shared::casework::CaseState { version: 1, ..report.state.clone() };
    let change = oys_application::ports::CaseChange {
        listing: oys_shared::casework::CaseListing::of(&report.summary, &state),
        state,
        event: event_record(oys_shared::casework::CaseEvent::WithdrawnAsDuplicateOrSpam, later(now, 60)),
        caseloads: vec![],
        count: Some(oys_shared::statistics::CountChange::of(&report.summary, -1)),
        contact: None,
        owed: None,
    };
    assert!(svc.cases.change_case(&reference, &change).await.unwrap());
    let after = svc.statistics.month_counts().await.unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!((after[0].reports, after[0].nations.values().sum::<u64>()), (0, 0));

    let key = oys_shared::statistics::NoiseKey([0; 32]);
    let month = publish(&expected, 1, &key);
    assert!(svc.statistics.publish_month(&month).await.unwrap());
    let other = publish(&MonthCounts::new(&expected.month), 1, &key);
    assert!(!svc.statistics.publish_month(&other).await.unwrap(), "a month is published once");
    assert_eq!(svc.statistics.published_months().await.unwrap(), vec![month], "and never replaced");
}

/// The full example report, stored: what most contracts start from.
async fn stored_report(svc: &oys_application::Services, now: Timestamp) -> (NewReport, Reference) {
    let report = new_report("report-full.json", now);
    let reference = report.summary.reference.clone();
    assert_eq!(svc.reports.create_report(&report, now).await.unwrap(), CreateOutcome::Created);
    (report, reference)
}

/// A recorded case event, as casework writes one.
fn event_record(event: oys_shared::casework::CaseEvent, at: Timestamp) -> oys_shared::case_history::EventRecord {
    oys_shared::case_history::EventRecord {
        id: uuid::Uuid::new_v4().simple().to_string(),
        at,
        by: "operator-1".into(),
        role: oys_shared::casework::StaffRole::Operator,
        event,
        partner_id: None,
    }
}

async fn an_effect_is_claimed_by_one_sender_until_released_or_lapsed(backend: Backend) {
    use oys_application::ports::EffectClaim;
    let svc = &backend.services;
    let now = start_time();
    let (_, reference) = stored_report(svc, now).await;
    let key = "partner_handoff:example";

    let claim = |at: Timestamp| svc.effects.claim_effect(&reference, key, at, later(at, 300));
    assert_eq!(claim(now).await.unwrap(), EffectClaim::Claimed);
    assert_eq!(claim(later(now, 10)).await.unwrap(), EffectClaim::Busy, "a second sender finds the claim");
    assert_eq!(
        svc.effects.claim_effect(&reference, "another_effect", now, later(now, 300)).await.unwrap(),
        EffectClaim::Claimed,
        "claims are per effect"
    );
    svc.effects.release_effect_claim(&reference, key).await.unwrap();
    assert_eq!(claim(later(now, 20)).await.unwrap(), EffectClaim::Claimed, "released: a retry may go at once");
    assert_eq!(claim(later(now, 319)).await.unwrap(), EffectClaim::Busy);
    assert_eq!(claim(later(now, 321)).await.unwrap(), EffectClaim::Claimed, "a crashed sender's claim lapses");
    assert!(svc.effects.recorded(&reference).await.unwrap().is_empty(), "a claim is not a record");
}

async fn a_deadline_moves_only_from_the_state_it_was_read_in(backend: Backend) {
    let svc = &backend.services;
    let now = start_time();
    let (_, reference) = stored_report(svc, now).await;
    let times = oys_shared::deadlines::DeadlineTimes {
        remind_at: later(now, 3600),
        due_at: later(now, 7200),
        calendar_covered: true,
    };
    let deadline = Deadline::new(&reference, DeadlineKind::AdvocateCall, &times, now, Some("partner-a"));
    svc.deadlines.save_deadline(&deadline).await.unwrap();
    let other_partner = Deadline::new(&reference, DeadlineKind::AdvocateCall, &times, now, Some("partner-b"));
    svc.deadlines.save_deadline(&other_partner).await.unwrap();
    let mut stored = svc.deadlines.for_case(&reference).await.unwrap();
    stored.sort_by_key(|d| d.slot());
    assert_eq!(stored, vec![deadline.clone(), other_partner.clone()], "one clock per partner");

    let advanced = Deadline { next_alert_at: Some(times.due_at), ..deadline.clone() };
    assert!(svc.deadlines.update_deadline(&advanced, deadline.next_alert_at).await.unwrap());
    let stale = Deadline { next_alert_at: Some(later(now, 99_999)), ..deadline.clone() };
    assert!(
        !svc.deadlines.update_deadline(&stale, deadline.next_alert_at).await.unwrap(),
        "a second reminder run that read the old time changes nothing"
    );
    assert!(svc
        .deadlines
        .update_deadline(&advanced.clone().met(later(now, 60)), advanced.next_alert_at)
        .await
        .unwrap());
    let stored = svc.deadlines.for_case(&reference).await.unwrap();
    let met = stored.iter().find(|d| d.slot() == deadline.slot()).unwrap();
    assert_eq!((met.met_at, met.next_alert_at), (Some(later(now, 60)), None));
    assert_eq!(svc.deadlines.deadlines_due(later(now, 1_000_000), 10).await.unwrap(), vec![other_partner]);
}

/// The transactional outbox: a row written only with the report or change that owes deliveries
/// (never by a write refused), found by age, cleared once.
async fn an_outbox_row_is_written_with_what_owes_it_and_cleared_once(backend: Backend) {
    use oys_application::ports::{CaseChange, OutboxRow, Owed};
    let svc = &backend.services;
    let now = start_time();
    let (report, reference) = stored_report(svc, now).await;
    let mine = |rows: Vec<OutboxRow>| rows.into_iter().filter(|r| r.reference == reference).collect::<Vec<_>>();
    assert_eq!(mine(svc.reports.outbox(now, 10).await.unwrap()), vec![report.outbox.clone()]);
    assert!(mine(svc.reports.outbox(later(now, -1), 10).await.unwrap()).is_empty(), "not written before now");

    // A report that owes nothing writes no row.
    let mut quiet = new_report("report-anonymous.json", now);
    quiet.pending.clear();
    svc.reports.create_report(&quiet, now).await.unwrap();
    let rows = svc.reports.outbox(later(now, 10), 100).await.unwrap();
    assert!(!rows.iter().any(|r| r.reference == quiet.summary.reference), "{rows:?}");

    // A change that owes deliveries writes its row with it; a refused change writes none.
    let state = oys_shared::casework::CaseState { version: 1, ..Default::default() };
    let owed_row = OutboxRow::new(&reference, later(now, 60));
    let change = CaseChange {
        listing: oys_shared::casework::CaseListing::of(&report.summary, &state),
        caseloads: vec![],
        state,
        event: event_record(
            oys_shared::casework::CaseEvent::ReporterAddedInformation { text: "more".into() },
            later(now, 60),
        ),
        count: None,
        contact: None,
        owed: Some(Owed {
            deliveries: vec![Delivery::FollowUpInformationAlert],
            sweep_after: later(now, 180),
            outbox: owed_row.clone(),
        }),
    };
    assert!(svc.cases.change_case(&reference, &change).await.unwrap());
    let refused = CaseChange {
        owed: Some(Owed { outbox: OutboxRow::new(&reference, later(now, 61)), ..change.owed.clone().unwrap() }),
        ..change.clone()
    };
    assert!(!svc.cases.change_case(&reference, &refused).await.unwrap(), "the same version twice");
    let rows = mine(svc.reports.outbox(later(now, 120), 10).await.unwrap());
    assert_eq!(rows, vec![report.outbox.clone(), owed_row.clone()], "oldest first, the refused change's absent");
    assert_eq!(mine(svc.reports.outbox(later(now, 120), 1).await.unwrap()).len(), 1, "at most the limit");

    svc.reports.clear_outbox(&report.outbox).await.unwrap();
    svc.reports.clear_outbox(&report.outbox).await.unwrap();
    assert_eq!(mine(svc.reports.outbox(later(now, 120), 10).await.unwrap()), vec![owed_row.clone()]);

    // Owed outside a change (an erasure's notices): added to what is pending, with its row, in
    // one write; for no such report, an error and nothing written.
    let notices_row = OutboxRow::new(&reference, later(now, 90));
    let notices =
        Owed { deliveries: vec![Delivery::ErasureNotices], sweep_after: later(now, 210), outbox: notices_row.clone() };
    svc.reports.owe(&reference, &notices).await.unwrap();
    let pending = svc.reports.get_report(&reference).await.unwrap().unwrap().pending;
    assert!(pending.contains(&Delivery::ErasureNotices) && pending.contains(&Delivery::FollowUpInformationAlert));
    assert!(pending.contains(&Delivery::OperatorAlert), "what was owed before stays owed: {pending:?}");
    let rows = mine(svc.reports.outbox(later(now, 120), 10).await.unwrap());
    assert_eq!(rows, vec![owed_row, notices_row], "{rows:?}");
    assert!(
        svc.reports.due_for_sweep(later(now, 211), 1000).await.unwrap().contains(&reference),
        "the sweeper sees it"
    );
    let nobody = Reference::parse("ZZZZZZZZ").unwrap();
    let stray = Owed { outbox: OutboxRow::new(&nobody, later(now, 90)), ..notices };
    assert!(svc.reports.owe(&nobody, &stray).await.is_err(), "no such report");
    let strays = svc.reports.outbox(later(now, 120), 1000).await.unwrap();
    assert!(!strays.iter().any(|r| r.reference == nobody), "no row for no report");
}

async fn a_case_changes_only_from_its_stored_version_with_its_event_and_caseloads(backend: Backend) {
    use oys_application::ports::{CaseChange, CaseFilter};
    use oys_shared::casework::{caseload_changes, status, CaseEvent, CaseStatus};
    let svc = &backend.services;
    let now = start_time();
    let (report, reference) = stored_report(svc, now).await;
    let listed = |status| {
        let filter = CaseFilter { statuses: vec![status], shared_with: None, limit: 500 };
        let reference = &reference;
        async move { svc.cases.list_cases(&filter).await.unwrap().into_iter().any(|c| &c.reference == reference) }
    };
    assert!(listed(status(&report.summary, &report.state)).await);

    let closed_state =
        oys_shared::casework::CaseState { version: 1, closed_at: Some(later(now, 60)), ..Default::default() };
    let change = CaseChange {
        listing: oys_shared::casework::CaseListing::of(&report.summary, &closed_state),
        caseloads: vec![oys_shared::casework::CaseloadChange { partner_id: "partner-a".into(), delta: 1 }],
        state: closed_state.clone(),
        event: event_record(CaseEvent::CaseClosed { reason: "resolved".into() }, later(now, 60)),
        count: None,
        contact: None,
        owed: None,
    };
    assert_eq!(status(&report.summary, &closed_state), CaseStatus::Closed);
    assert!(svc.cases.change_case(&reference, &change).await.unwrap());
    assert!(!svc.cases.change_case(&reference, &change).await.unwrap(), "the same version twice: a conflict");
    assert_eq!(svc.cases.events(&reference).await.unwrap(), vec![change.event.clone()], "no event without its change");
    assert_eq!(svc.reports.get_report(&reference).await.unwrap().unwrap().state, closed_state);
    assert!(listed(CaseStatus::Closed).await);
    assert_eq!(svc.assignments.partner_caseloads().await.unwrap().get("partner-a"), Some(&1));

    let unshared = oys_shared::casework::CaseState { version: 2, ..closed_state.clone() };
    let moved = vec![oys_shared::casework::CaseloadChange { partner_id: "partner-a".into(), delta: -1 }];
    assert!(caseload_changes(&closed_state, &unshared).is_empty(), "(the rule is the domain's; the store adds)");
    let change = CaseChange {
        listing: oys_shared::casework::CaseListing::of(&report.summary, &unshared),
        state: unshared,
        caseloads: moved,
        event: event_record(CaseEvent::AdvocateContactMade, later(now, 90)),
        ..change
    };
    assert!(svc.cases.change_case(&reference, &change).await.unwrap());
    assert_eq!(svc.assignments.partner_caseloads().await.unwrap().get("partner-a").copied().unwrap_or(0), 0);
    assert_eq!(svc.cases.events(&reference).await.unwrap().len(), 2);
}

async fn the_audit_trail_keeps_every_entry(backend: Backend) {
    use oys_shared::case_history::AuditEntry;
    let svc = &backend.services;
    let now = start_time();
    let (_, reference) = stored_report(svc, now).await;
    let entry = |action: &str, at| AuditEntry {
        id: uuid::Uuid::new_v4().simple().to_string(),
        reference: reference.clone(),
        at,
        actor: "lead-1".into(),
        role: oys_shared::casework::StaffRole::Lead,
        action: action.into(),
    };
    let (read, export) = (entry("read", now), entry("export", later(now, 1)));
    svc.audit.append(&read).await.unwrap();
    svc.audit.append(&export).await.unwrap();
    assert!(svc.audit.append(&read).await.is_err(), "an entry is never overwritten");
    let mut entries = svc.audit.entries(&reference).await.unwrap();
    entries.sort_by_key(|e| e.at);
    assert_eq!(entries, vec![read, export]);
}

/// Sessions and sign-ins are kept under their keys until removed; a sign-in is taken once.
async fn a_staff_session_is_kept_replaced_and_ended_and_a_sign_in_taken_once(backend: Backend) {
    use oys_shared::casework::{Caller, StaffRole};
    use oys_shared::staff_session::{PendingSignIn, StaffSession};
    let svc = &backend.services;
    let now = Timestamp::now();
    let caller = Caller { user: "op".into(), roles: vec![StaffRole::Operator], partner_id: None };
    let session = StaffSession::new(caller, "token".into(), now);
    let key = uuid::Uuid::new_v4().simple().to_string();
    assert_eq!(svc.sessions.session(&key).await.unwrap(), None);
    svc.sessions.put_session(&key, &session).await.unwrap();
    assert_eq!(svc.sessions.session(&key).await.unwrap(), Some(session.clone()));
    let seen = session.seen(later(now, 90));
    svc.sessions.put_session(&key, &seen).await.unwrap();
    assert_eq!(svc.sessions.session(&key).await.unwrap(), Some(seen));
    svc.sessions.end_session(&key).await.unwrap();
    assert_eq!(svc.sessions.session(&key).await.unwrap(), None);

    let pending = PendingSignIn { verifier: "v".into(), nonce: "n".into(), started_at: now, return_to: None };
    svc.sessions.put_sign_in(&key, &pending).await.unwrap();
    assert_eq!(svc.sessions.session(&key).await.unwrap(), None, "a sign-in is not a session");
    let (first, second) = tokio::join!(svc.sessions.take_sign_in(&key), svc.sessions.take_sign_in(&key));
    let taken: Vec<_> = [first.unwrap(), second.unwrap()].into_iter().flatten().collect();
    assert_eq!(taken, vec![pending], "two callbacks with one state: one finds it");
}

async fn erasure_deletes_personal_data_and_writes_what_it_is_given(backend: Backend) {
    use oys_application::ports::{CaseChange, Erasure};
    use oys_shared::casework::{erased, CaseEvent, RetentionPolicy};
    let svc = &backend.services;
    let now = start_time();
    let mut report = new_report("report-full.json", now);
    report.state = RetentionPolicy::new(10, 30).unwrap().extend(&Default::default(), now);
    let reference = report.summary.reference.clone();
    svc.reports.create_report(&report, now).await.unwrap();
    let note = event_record(CaseEvent::Note { text: "ERASE-ME-4411 said the man lives at 9 Mill Lane".into() }, now);
    let noted = oys_shared::casework::CaseState { version: 1, ..report.state.clone() };
    let change = CaseChange {
        listing: oys_shared::casework::CaseListing::of(&report.summary, &noted),
        state: noted.clone(),
        event: note.clone(),
        caseloads: vec![],
        count: None,
        contact: None,
        owed: None,
    };
    assert!(svc.cases.change_case(&reference, &change).await.unwrap());

    let state = erased(&noted, later(now, 60));
    let erasure = Erasure {
        listing: oys_shared::casework::CaseListing::of(&report.summary, &state),
        state: state.clone(),
        redacted_events: vec![note.erased().unwrap()],
    };
    let stale = Erasure { state: erased(&report.state, later(now, 60)), ..erasure.clone() };
    assert!(!svc.personal_data.erase_personal_data(&stale).await.unwrap(), "only over the stored version");
    assert!(svc.personal_data.erase_personal_data(&erasure).await.unwrap());
    let stored = svc.reports.get_report(&reference).await.unwrap().unwrap();
    assert!(stored.narrative.is_none() && stored.contact.is_none());
    assert_eq!(stored.state, state);
    assert_eq!(stored.summary, report.summary, "the categories stay");
    assert_eq!(svc.cases.events(&reference).await.unwrap(), vec![note.erased().unwrap()]);
    assert!(!backend.everything_stored().await.contains("ERASE-ME-4411"));
    assert!(!svc.personal_data.expiring(later(now, 1_000 * 86_400), 500).await.unwrap().contains(&reference));
}

async fn a_mailer_deletes_the_copies_it_keeps_of_a_cases_emails(backend: Backend) {
    let now = start_time();
    let email = |reference: &Reference, subject: &str| OutgoingEmail {
        from: backend.services.alerts.from.clone(),
        to: vec![backend.operator_address.clone()],
        subject: subject.into(),
        text: "categories only".into(),
        about: Some(reference.clone()),
        effect: None,
    };
    let other = new_report("report-full.json", now).summary.reference;
    backend.services.mailer.send(&email(&other, "about another case")).await.unwrap();
    // Eight cases with two emails each, erased at once: each erasure finds its own copies
    // while the others delete theirs.
    let erased: Vec<Reference> = (0..8).map(|_| new_report("report-full.json", now).summary.reference).collect();
    for reference in &erased {
        for _ in 0..2 {
            backend.services.mailer.send(&email(reference, "about an erased case")).await.unwrap();
        }
    }
    let mut erasures = tokio::task::JoinSet::new();
    for reference in erased.clone() {
        let mailer = backend.services.mailer.clone();
        erasures.spawn(async move { mailer.erase_copies(&reference).await });
    }
    let mut deleted = Vec::new();
    while let Some(result) = erasures.join_next().await {
        deleted.push(result.unwrap().unwrap());
    }
    let subjects: Vec<String> = backend.emails().await.into_iter().map(|e| e.subject).collect();
    if backend.is_embedded() {
        // The outbox keeps every email it "sent": the erased cases' go, the other's stays.
        assert_eq!(deleted, vec![2; 8]);
        assert_eq!(subjects, vec!["about another case"]);
        // Again, or a case that never had an email: nothing to delete, and no error.
        assert_eq!(backend.services.mailer.erase_copies(&erased[0]).await.unwrap(), 0);
    } else {
        // SES keeps no copies (moto's record of sent mail is the emulator's, not the service's).
        assert_eq!(deleted, vec![0; 8]);
        assert_eq!(subjects.len(), 17);
    }
}

/// An outbox written before the outbox had its index by case is indexed when it is opened, so
/// erasure still finds the copies it holds.
#[tokio::test]
async fn an_outbox_kept_before_its_index_is_indexed_when_opened() {
    use oys_application::ports::{Mailer, SystemClock};
    use oys_embedded::{EmbeddedPaths, OutboxMailer};
    let dir = tempfile::tempdir().unwrap();
    let paths = EmbeddedPaths::in_dir(dir.path());
    let clock = std::sync::Arc::new(SystemClock);
    let reference = Reference::from_entropy(uuid::Uuid::new_v4().as_u128() as u64);
    let email = |about: Option<Reference>| OutgoingEmail {
        from: "alerts@on-your-side.localhost".into(),
        to: vec!["operators@on-your-side.localhost".into()],
        subject: "a case".into(),
        text: "categories only".into(),
        about,
        effect: None,
    };
    let mailer = OutboxMailer::new(&paths.outbox, &paths.outbox_index, clock.clone()).unwrap();
    mailer.send(&email(Some(reference.clone()))).await.unwrap();
    mailer.send(&email(None)).await.unwrap();
    drop(mailer);
    std::fs::remove_dir_all(&paths.outbox_index).unwrap();
    let mailer = OutboxMailer::new(&paths.outbox, &paths.outbox_index, clock).unwrap();
    assert_eq!(mailer.erase_copies(&reference).await.unwrap(), 1);
    assert_eq!(std::fs::read_dir(&paths.outbox).unwrap().count(), 1, "the email about no case stays");
}

/// The local outbox keeps an effect's email once however often it is sent (a dispatcher killed
/// between sending and recording sends again), and erasure still finds it.
#[tokio::test]
async fn the_local_outbox_keeps_an_effects_email_once() {
    use oys_application::ports::{EffectTag, Mailer, SystemClock};
    use oys_embedded::{EmbeddedPaths, OutboxMailer};
    let dir = tempfile::tempdir().unwrap();
    let paths = EmbeddedPaths::in_dir(dir.path());
    let mailer = OutboxMailer::new(&paths.outbox, &paths.outbox_index, std::sync::Arc::new(SystemClock)).unwrap();
    let reference = Reference::from_entropy(uuid::Uuid::new_v4().as_u128() as u64);
    let email = |key: &str| OutgoingEmail {
        from: "alerts@on-your-side.localhost".into(),
        to: vec!["operators@on-your-side.localhost".into()],
        subject: format!("{key} about a case"),
        text: "categories only".into(),
        about: Some(reference.clone()),
        effect: Some(EffectTag { reference: reference.clone(), key: key.into() }),
    };
    let first = mailer.send(&email("operators:new_report")).await.unwrap();
    assert_eq!(mailer.send(&email("operators:new_report")).await.unwrap(), first, "the same message");
    mailer.send(&email("police:notice")).await.unwrap();
    let kept = std::fs::read_dir(&paths.outbox)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "eml"))
        .count();
    assert_eq!(kept, 2, "one file per effect");
    assert_eq!(mailer.erase_copies(&reference).await.unwrap(), 2);
    assert_eq!(std::fs::read_dir(&paths.outbox).unwrap().count(), 0);
}

on_both_backends!(
    a_staff_session_is_kept_replaced_and_ended_and_a_sign_in_taken_once,
    statistics_count_with_the_report_and_its_withdrawal_and_a_month_is_published_once,
    a_receipt_hash_is_replaced_attempts_are_taken_to_a_limit_and_a_change_saves_contact,
    an_effect_is_claimed_by_one_sender_until_released_or_lapsed,
    a_deadline_moves_only_from_the_state_it_was_read_in,
    a_case_changes_only_from_its_stored_version_with_its_event_and_caseloads,
    the_audit_trail_keeps_every_entry,
    erasure_deletes_personal_data_and_writes_what_it_is_given,
    a_mailer_deletes_the_copies_it_keeps_of_a_cases_emails,
    expiring_personal_data_is_found_by_its_time_and_contact_details_erased_alone,
    effects_proposals_and_deadlines_are_written_once,
    a_stored_report_reads_back_whole,
    a_taken_reference_is_refused_and_nothing_is_overwritten,
    an_idempotency_key_is_exclusive_until_it_expires,
    pending_routing_is_found_claimed_once_and_cleared,
    an_outbox_row_is_written_with_what_owes_it_and_cleared_once,
    a_message_is_hidden_while_processed_and_redelivered_if_not_deleted,
    a_message_received_too_often_moves_to_the_dead_letter_queue,
    an_email_arrives_as_a_person_reads_it,
);
