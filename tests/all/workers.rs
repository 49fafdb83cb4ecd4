//! The police-referral and advocate-assignment workers, on both adapter sets: the consent
//! matrix decides exactly what each recipient receives; redelivery changes nothing; poison
//! messages end in the dead-letter queue; one record's failure or panic spares its neighbours.

use std::time::Duration;

use aws_lambda_events::event::sqs::{SqsEvent, SqsMessage};
use axum::http::StatusCode;
use jiff::Timestamp;
use oys_application::workers::{poller, Outcome, WorkerError};
use oys_lambda::sqs::{handle_batch, process_batch};
use oys_shared::case_record::split_report;
use oys_shared::effects::keys as effects;
use oys_shared::effects::EffectKind;
use oys_shared::report::{parse_report, Submitter};
use oys_shared::routing::{Delivery, Route, RoutingMessage};
use oys_shared::Reference;
use serde_json::{json, Value};

use crate::api::post_json;
use crate::support::backend::MAX_RECEIVES;
use crate::support::{event, event_json, Backend, Email};
use oys_test_support::on_both_backends;

const NAME: &str = "Zhao Plantedname";
const PHONE_TYPED: &str = "07700 900987";
const PHONE_E164: &str = "+447700900987";
const EMAIL: &str = "planted.person@example.org";
const DESCRIPTION: &str = "PLANTED-DESCRIPTION-8d1f they spat at me";
const SAFE_TIMES: &str = "PLANTED-SAFE-TIMES";
const POLICE_REFERENCE: &str = "PLANTED-POLICE-REF";
const PERPETRATOR: &str = "PLANTED-PERPETRATOR-51c2";
/// Planted as the time of day and the full postcode: an anonymous referral says neither.
const TIME: &str = "03:17";
const FULL_POSTCODE: &str = "M1 1AE";

fn report(police: &str, contact: bool, advocate: bool) -> Value {
    let mut body = json!({
        "language": "en",
        "reporter": {"role": "victim", "heritage": ["vietnam"]},
        "incident": {
            "occurred_on": "2026-11-21",
            "occurred_at": TIME,
            "location": {"postcode": FULL_POSTCODE, "place_type": "street"},
            "types": ["spitting_or_coughing"],
            "description": DESCRIPTION,
            "reported_to_police_already": true,
            "police_reference": POLICE_REFERENCE
        },
        "perpetrators": {"description": PERPETRATOR},
        "consent": {"police": police, "advocate_support": advocate, "support_needs": ["legal_help"], "privacy_notice_version": "2026-01"}
    });
    if contact {
        body["contact"] = json!({"name": NAME, "phone": PHONE_TYPED, "email": EMAIL, "safe_times": SAFE_TIMES});
    }
    body
}

fn about(emails: Vec<Email>, reference: &Reference) -> Vec<Email> {
    emails.into_iter().filter(|e| e.subject.contains(reference.as_str())).collect()
}

fn mentions_contact(email: &Email) -> bool {
    [NAME, PHONE_TYPED, PHONE_E164, "7700900987", EMAIL, SAFE_TIMES]
        .iter()
        .any(|v| email.text.to_lowercase().contains(&v.to_lowercase()) || email.raw.contains(v))
}

/// Any personal field of the report, in the forms it could take.
fn mentions_anything_personal(email: &Email) -> bool {
    mentions_contact(email)
        || [DESCRIPTION, POLICE_REFERENCE, PERPETRATOR, TIME, FULL_POSTCODE, "M11AE"]
            .iter()
            .any(|v| email.text.contains(v) || email.subject.contains(v))
}

async fn the_consent_matrix_decides_exactly_what_each_recipient_receives(backend: Backend) {
    let force_mailbox = backend.police_mailbox("greater-manchester");
    let mut references = Vec::new();
    for police in ["no", "anonymous", "with_contact_details"] {
        for contact in [true, false] {
            for advocate in [true, false] {
                let case = format!("police={police} contact={contact} advocate={advocate}");
                let answer = post_json(&backend, &report(police, contact, advocate).to_string()).await;
                if (police == "with_contact_details" || advocate) && !contact {
                    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}: refused at the door");
                    let codes: Vec<&str> =
                        answer.json["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
                    let expected = if advocate { "required_for_advocate" } else { "required_for_police_contact" };
                    assert!(codes.contains(&expected), "{case}: {codes:?}");
                    assert_eq!(backend.case_count().await, references.len(), "{case}: nothing stored");
                    assert!(backend.drain(Route::PoliceReferral).await.is_empty(), "{case}: nothing queued");
                    assert!(backend.drain(Route::AdvocateAssignment).await.is_empty(), "{case}: nothing queued");
                    continue;
                }
                assert_eq!(answer.status, StatusCode::CREATED, "{case}: {}", answer.json);
                let reference = Reference::parse(answer.json["reference"].as_str().unwrap()).unwrap();
                references.push(reference.clone());
                backend.run_workers().await;
                if police != "no" {
                    // A report from the public form: prepared, then held for an operator.
                    assert!(about(backend.emails_to(&force_mailbox).await, &reference).is_empty(), "{case}: held");
                    let listing = backend
                        .services
                        .cases
                        .list_cases(&oys_application::ports::CaseFilter {
                            statuses: oys_shared::casework::CaseStatus::listed_by_default(),
                            shared_with: None,
                            limit: 200,
                        })
                        .await
                        .unwrap();
                    let listed = listing.iter().find(|l| l.reference == reference).expect("listed");
                    assert!(listed.police_release_pending, "{case}: operators see it waiting");
                    backend.release_police_referral(&reference).await;
                }

                let to_police = about(backend.emails_to(&force_mailbox).await, &reference);
                let to_operators = about(backend.emails().await, &reference);
                let effects = backend.services.effects.recorded(&reference).await.unwrap();
                let disclosures: Vec<_> = effects.iter().filter(|e| e.kind == EffectKind::Disclosure).collect();
                if police == "no" {
                    // Not this force, and not any other: every force mailbox of this test.
                    let to_any_force: Vec<_> = about(backend.all_emails().await, &reference)
                        .into_iter()
                        .filter(|e| {
                            e.to.iter().any(|to| to.ends_with(&format!("-{}@police-referrals.test", backend.id)))
                        })
                        .collect();
                    assert!(to_police.is_empty() && to_any_force.is_empty(), "{case}: nothing to any police force");
                    assert!(disclosures.is_empty(), "{case}: nothing disclosed");
                } else {
                    assert_eq!(to_police.len(), 1, "{case}: one referral");
                    let referral = &to_police[0];
                    assert!(
                        referral.text.contains(DESCRIPTION) && referral.text.contains("Greater Manchester Police"),
                        "{case}"
                    );
                    assert!(!referral.text.contains("vietnam"), "{case}: heritage is not the police's");
                    if police == "with_contact_details" {
                        for value in [NAME, PHONE_E164, EMAIL] {
                            assert!(referral.text.contains(value), "{case}: contact {value} for the police");
                        }
                    } else {
                        assert!(
                            !mentions_contact(referral),
                            "{case}: anonymous means no contact detail:\n{}",
                            referral.text
                        );
                        for said_too_much in [POLICE_REFERENCE, TIME, FULL_POSTCODE] {
                            assert!(!referral.text.contains(said_too_much), "{case}: anonymous holds {said_too_much}");
                        }
                    }
                    assert_eq!(disclosures.len(), 1, "{case}");
                    assert_eq!(
                        disclosures[0].consent.as_deref(),
                        Some(police),
                        "{case}: disclosure records its consent"
                    );
                    assert!(disclosures[0].recipient.contains(&force_mailbox));
                }

                let mut expected = vec!["New report"];
                if police != "no" {
                    expected.push("Police referral ready for release");
                    expected.push("Police referral sent");
                }
                if advocate {
                    expected.push("Advocate proposal");
                }
                let mut subjects: Vec<&str> = to_operators.iter().map(|e| e.subject.as_str()).collect();
                subjects.sort();
                assert_eq!(subjects.len(), expected.len(), "{case}: {subjects:?}");
                for prefix in &expected {
                    assert!(subjects.iter().any(|s| s.contains(prefix)), "{case}: {prefix} in {subjects:?}");
                }
                for email in &to_operators {
                    assert!(!mentions_anything_personal(email), "{case}: operators' email is clean:\n{}", email.text);
                }

                let proposal = backend.services.assignments.proposal(&reference).await.unwrap();
                assert_eq!(proposal.is_some(), advocate, "{case}: a proposal only when an advocate was asked for");
                let far = "2030-01-01T00:00:00Z".parse().unwrap();
                let deadlines = backend.services.deadlines.deadlines_due(far, 1000).await.unwrap();
                assert_eq!(deadlines.iter().any(|d| d.reference == reference), advocate, "{case}: the call-back clock");
                let release_clock = backend.services.deadlines.for_case(&reference).await.unwrap();
                let release_clock =
                    release_clock.iter().find(|d| d.kind == oys_shared::deadlines::DeadlineKind::PoliceRelease);
                assert_eq!(release_clock.is_some(), police != "no", "{case}: the release clock");
                assert!(release_clock.is_none_or(|d| d.met_at.is_some()), "{case}: met by the release");
            }
        }
    }
    // No partner organisation hears of any of these reports: nobody consented to share yet.
    // (Partner mailboxes are shared by every test on one moto server: look for ours.)
    for partner in oys_shared::advocate::parse_partners(oys_embedded::BUNDLED_PARTNERS).unwrap() {
        for email in backend.emails_to(&partner.mailbox).await {
            assert!(!references.iter().any(|r| email.subject.contains(r.as_str()) || email.text.contains(r.as_str())));
        }
    }
}

async fn a_message_delivered_five_times_discloses_once_and_emails_once(backend: Backend) {
    let answer = post_json(&backend, &report("with_contact_details", true, true).to_string()).await;
    let reference = Reference::parse(answer.json["reference"].as_str().unwrap()).unwrap();
    backend.run_workers().await;
    backend.release_police_referral(&reference).await;
    let stored = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
    let proposal = backend.services.assignments.proposal(&reference).await.unwrap().unwrap();
    let emails_before =
        backend.emails().await.len() + backend.emails_to(&backend.police_mailbox("greater-manchester")).await.len();

    backend.clock.advance(Duration::from_secs(3600));
    for route in [Route::PoliceReferral, Route::AdvocateAssignment] {
        let body = serde_json::to_string(&RoutingMessage::new(&stored.summary, route)).unwrap();
        let event = batch(&[body.as_str(); 5]);
        let response = match route {
            Route::PoliceReferral => handle_batch(&backend.police_worker(), event).await,
            Route::AdvocateAssignment => handle_batch(&backend.advocate_worker(), event).await,
        };
        assert!(response.batch_item_failures.is_empty(), "{route}");
    }
    let emails_after =
        backend.emails().await.len() + backend.emails_to(&backend.police_mailbox("greater-manchester")).await.len();
    assert_eq!(emails_after, emails_before, "no email repeated");
    let disclosures = backend.services.effects.recorded(&reference).await.unwrap();
    assert_eq!(disclosures.iter().filter(|e| e.key == effects::POLICE_DISCLOSED).count(), 1);
    assert_eq!(
        backend.services.assignments.proposal(&reference).await.unwrap().unwrap(),
        proposal,
        "the first proposal stands"
    );
}

/// A redelivery while the first instance is still working: two workers handle the same
/// message at once. At most one disclosure reaches the police or the operators' notice twice.
async fn two_instances_handling_one_message_disclose_once(backend: Backend) {
    // Taken by an operator (released at once), with consent to pass contact details.
    let mut body = report("with_contact_details", true, false);
    body["channel"] = json!("phone");
    let outcome = oys_web::submit_request(
        &backend.services,
        oys_web::ReportRequest { body, submitter: oys_shared::report::Submitter::Operator, idempotency_key: None },
        None,
    )
    .await
    .unwrap();
    let oys_application::intake::SubmitOutcome::Accepted(receipt, _) = outcome else { panic!("accepted") };
    let reference = receipt.reference;
    let stored = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
    let message = serde_json::to_string(&RoutingMessage::new(&stored.summary, Route::PoliceReferral)).unwrap();
    let (first, second) = (backend.police_worker(), backend.police_worker());
    let (a, b) = tokio::join!(handle_batch(&first, batch(&[&message])), handle_batch(&second, batch(&[&message])));
    let failed = a.batch_item_failures.len() + b.batch_item_failures.len();
    // The loser, if it lost, fails its record: SQS brings it back, and then it finds the record.
    if failed > 0 {
        handle_batch(&backend.police_worker(), batch(&[&message])).await;
    }
    let to_police = about(backend.emails_to(&backend.police_mailbox("greater-manchester")).await, &reference);
    assert_eq!(to_police.len(), 1, "one disclosure, whoever won");
    let notices = about(backend.emails().await, &reference);
    assert_eq!(notices.iter().filter(|e| e.subject.starts_with("Police referral sent")).count(), 1);
    let effects = backend.services.effects.recorded(&reference).await.unwrap();
    assert_eq!(effects.iter().filter(|e| e.key == effects::POLICE_DISCLOSED).count(), 1);
}

async fn messages_that_can_never_succeed_end_in_the_dead_letter_queue(backend: Backend) {
    let answer = post_json(&backend, &report("anonymous", false, false).to_string()).await;
    let reference = Reference::parse(answer.json["reference"].as_str().unwrap()).unwrap();
    let queue = &backend.services.queue;
    queue.send_body(Route::PoliceReferral, "{not json").await.unwrap();
    let stored = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
    let mut ghost = RoutingMessage::new(&stored.summary, Route::PoliceReferral);
    ghost.reference = Reference::from_entropy(0xdead_beef);
    queue.send(&ghost).await.unwrap();

    // The good message is in the same batches as the poison ones, and goes through once.
    backend.run_workers().await;
    backend.release_police_referral(&reference).await;
    let police = about(backend.emails_to(&backend.police_mailbox("greater-manchester")).await, &reference);
    assert_eq!(police.len(), 1);
    let dead = queue.receive_dead_letters(Route::PoliceReferral, 10).await.unwrap();
    let mut bodies: Vec<&str> = dead.iter().map(|m| m.body.as_str()).collect();
    bodies.sort();
    assert_eq!(bodies.len(), 2, "after {MAX_RECEIVES} receives each: {bodies:?}");
    assert!(bodies.contains(&"{not json"));
    assert!(bodies.iter().any(|b| b.contains(&ghost.reference.to_string())));
}

async fn an_online_or_unsure_location_asks_the_operators_for_the_force(backend: Backend) {
    for (location, expected) in [
        (json!({"online": true, "place_type": "online"}), "online"),
        (json!({"postcode": "CF10 1AA"}), "South Wales Police"),
        (json!({"postcode": "TD15 1AA"}), "Police Scotland"),
    ] {
        let mut body = report("anonymous", false, false);
        body["incident"]["location"] = location;
        let answer = post_json(&backend, &body.to_string()).await;
        let reference = Reference::parse(answer.json["reference"].as_str().unwrap()).unwrap();
        backend.run_workers().await;
        let asks = about(backend.emails().await, &reference);
        let ask =
            asks.iter().find(|e| e.subject.starts_with("Police referral needs a force")).expect("operators asked");
        assert!(ask.text.contains(expected), "{expected}: {}", ask.text);
        let effects = backend.services.effects.recorded(&reference).await.unwrap();
        assert!(effects.iter().all(|e| e.kind != EffectKind::Disclosure), "nothing sent to any force");
        let to_any_force = about(backend.all_emails().await, &reference)
            .into_iter()
            .filter(|e| e.to.iter().any(|to| to.ends_with(&format!("-{}@police-referrals.test", backend.id))))
            .count();
        assert_eq!(to_any_force, 0, "no force received anything");
    }
}

async fn the_sqs_batch_events_are_handled_record_by_record(backend: Backend) {
    // The report the events refer to.
    let received: Timestamp = "2026-11-24T10:15:07Z".parse().unwrap();
    let report = parse_report(&event_json("report-full.json"), received, Submitter::Public).unwrap();
    let reference = Reference::parse("OYS-K7M2-Q9XD").unwrap();
    let parts =
        split_report(report, "5b0f4c1e-7d2a-4e8b-9a61-3c2f1d0e9b7a".parse().unwrap(), reference.clone(), received);
    let pending = Delivery::all_for(&parts.summary.routes);
    let new_report = oys_application::ports::NewReport {
        count: oys_shared::statistics::CountChange::of(&parts.summary, 1),
        listing: oys_shared::casework::CaseListing::of(&parts.summary, &Default::default()),
        receipt_hash: "sha256:stored-with-the-report".into(),
        outbox: oys_application::ports::OutboxRow::new(&parts.summary.reference, received),
        summary: parts.summary,
        narrative: parts.narrative,
        contact: parts.contact,
        pending,
        sweep_after: received,
        idempotency: None,
        state: Default::default(),
    };
    backend.services.reports.create_report(&new_report, received).await.unwrap();

    let police: SqsEvent = serde_json::from_str(&event("sqs-police-referral-batch.json")).unwrap();
    let response = handle_batch(&backend.police_worker(), police.clone()).await;
    let failed: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
    assert_eq!(failed, vec!["0f8c5c2e-1a11-4b7e-9d5e-000000000003"], "only the malformed record");
    assert!(backend.emails_to(&backend.police_mailbox("greater-manchester")).await.is_empty(), "held for release");
    backend.release_police_referral(&reference).await;
    // The batch delivered again after the release sends nothing more.
    handle_batch(&backend.police_worker(), police).await;
    let referrals = backend.emails_to(&backend.police_mailbox("greater-manchester")).await;
    assert_eq!(referrals.len(), 1, "the duplicate delivery sent nothing more");
    assert!(referrals[0].text.contains("British Transport Police may also have jurisdiction"));
    assert!(!mentions_contact(&referrals[0]) && !referrals[0].text.contains("Chan Tai Man"), "anonymous consent");

    let advocate: SqsEvent = serde_json::from_str(&event("sqs-advocate-assignment-batch.json")).unwrap();
    let response = handle_batch(&backend.advocate_worker(), advocate).await;
    assert_eq!(response.batch_item_failures.len(), 1);
    let proposals: Vec<Email> =
        backend.emails().await.into_iter().filter(|e| e.subject.starts_with("Advocate proposal")).collect();
    assert_eq!(proposals.len(), 1);
    // Received Tuesday 24 Nov 10:15: reminder Thursday 17:00, due Friday 27 Nov 17:00 (GMT).
    assert!(proposals[0].subject.ends_with("Fri 27 Nov 2026 17:00 GMT"), "{}", proposals[0].subject);
    assert!(proposals[0].text.contains("1. Example partner: North West England"), "{}", proposals[0].text);

    // The deadline is found through its index: not before the reminder time, then yes.
    let remind: Timestamp = "2026-11-26T17:00:00Z".parse().unwrap();
    let before = remind.checked_sub(jiff::SignedDuration::from_secs(1)).unwrap();
    assert!(backend.services.deadlines.deadlines_due(before, 10).await.unwrap().is_empty());
    let due = backend.services.deadlines.deadlines_due(remind, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].reference.as_str(), due[0].due_at.to_string().as_str()),
        ("OYS-K7M2-Q9XD", "2026-11-27T17:00:00Z")
    );
}

/// A store that never records which deliveries are done: as after a request killed, or an
/// outage, between sending the operators' alert and recording it.
pub(crate) struct DeliveriesNeverRecorded(pub(crate) std::sync::Arc<dyn oys_application::ports::Reports>);

#[async_trait::async_trait]
impl oys_application::ports::Reports for DeliveriesNeverRecorded {
    async fn create_report(
        &self,
        report: &oys_application::ports::NewReport,
        now: Timestamp,
    ) -> Result<oys_application::ports::CreateOutcome, oys_application::ports::PortError> {
        self.0.create_report(report, now).await
    }
    async fn get_report(
        &self,
        reference: &Reference,
    ) -> Result<Option<oys_application::ports::StoredReport>, oys_application::ports::PortError> {
        self.0.get_report(reference).await
    }
    async fn set_pending(
        &self,
        _: &Reference,
        _: &[Delivery],
        _: &[Delivery],
        _: Timestamp,
    ) -> Result<bool, oys_application::ports::PortError> {
        Err(oys_application::ports::PortError::transient("record deliveries", "injected outage"))
    }
    async fn due_for_sweep(
        &self,
        now: Timestamp,
        limit: usize,
    ) -> Result<Vec<Reference>, oys_application::ports::PortError> {
        self.0.due_for_sweep(now, limit).await
    }
    async fn claim_for_sweep(
        &self,
        reference: &Reference,
        now: Timestamp,
        lease: Timestamp,
    ) -> Result<Option<oys_application::ports::RoutingState>, oys_application::ports::PortError> {
        self.0.claim_for_sweep(reference, now, lease).await
    }
    async fn outbox(
        &self,
        written_by: Timestamp,
        limit: usize,
    ) -> Result<Vec<oys_application::ports::OutboxRow>, oys_application::ports::PortError> {
        self.0.outbox(written_by, limit).await
    }
    async fn clear_outbox(
        &self,
        row: &oys_application::ports::OutboxRow,
    ) -> Result<(), oys_application::ports::PortError> {
        self.0.clear_outbox(row).await
    }
    async fn owe(
        &self,
        reference: &Reference,
        owed: &oys_application::ports::Owed,
    ) -> Result<(), oys_application::ports::PortError> {
        self.0.owe(reference, owed).await
    }
}

/// The sweeper finishing a report whose dispatcher sent the operators' alert but could not
/// record it sends the alert no second time (it is claimed, sent and recorded once, `send_once`).
async fn the_sweeper_never_repeats_an_operators_alert_the_dispatcher_sent(backend: Backend) {
    let mut unrecorded = backend.services.clone();
    unrecorded.reports = std::sync::Arc::new(DeliveriesNeverRecorded(backend.services.reports.clone()));
    let submission = oys_web::ReportRequest {
        body: event_json("report-anonymous.json"),
        submitter: Submitter::Public,
        idempotency_key: None,
    };
    let outcome = oys_web::submit_request(&backend.services, submission, None).await.unwrap();
    let oys_application::intake::SubmitOutcome::Accepted(receipt, _) = outcome else { panic!("{outcome:?}") };
    let drained = oys_application::dispatch::drain_outbox(&unrecorded, jiff::Timestamp::MAX, 10).await.unwrap();
    // Delivered, so the row is done; the pending list still names it all, for the sweeper.
    assert_eq!((drained.rows, drained.dispatched), (1, 1), "{drained:?}");
    backend.clock.advance(oys_application::intake::SWEEP_GRACE + Duration::from_secs(1));
    let sweep = oys_application::intake::sweep_pending_routing(&backend.services, 10).await.unwrap();
    assert_eq!((sweep.claimed, sweep.completed), (1, 1), "{sweep:?}");
    let alerts =
        |emails: Vec<Email>| emails.iter().filter(|e| e.subject.contains(&receipt.reference.to_string())).count();
    // (`emails` dispatches the row left behind first: it finds nothing owed.)
    assert_eq!(alerts(backend.emails().await), 1, "the alert is not sent again");
    let state = backend.services.reports.get_report(&receipt.reference).await.unwrap().unwrap();
    assert!(state.pending.is_empty(), "{:?}", state.pending);
}

on_both_backends!(
    the_sweeper_never_repeats_an_operators_alert_the_dispatcher_sent,
    the_poller_deletes_what_succeeded_and_leaves_what_failed,
    the_consent_matrix_decides_exactly_what_each_recipient_receives,
    a_message_delivered_five_times_discloses_once_and_emails_once,
    messages_that_can_never_succeed_end_in_the_dead_letter_queue,
    an_online_or_unsure_location_asks_the_operators_for_the_force,
    the_sqs_batch_events_are_handled_record_by_record,
    two_instances_handling_one_message_disclose_once,
);

fn batch(bodies: &[&str]) -> SqsEvent {
    let mut event = SqsEvent::default();
    for (i, body) in bodies.iter().enumerate() {
        let mut record = SqsMessage::default();
        record.message_id = Some(format!("m{i}"));
        record.body = Some(body.to_string());
        event.records.push(record);
    }
    event
}

/// A routing message's body for a report with the reference `OYS-0000-000<entropy>`.
fn routing_body(entropy: u64, route: Route) -> String {
    let received = "2026-11-24T10:00:00Z".parse().unwrap();
    let report = parse_report(&event_json("report-full.json"), received, Submitter::Public).unwrap();
    let summary = split_report(report, uuid::Uuid::new_v4(), Reference::from_entropy(entropy), received).summary;
    serde_json::to_string(&RoutingMessage::new(&summary, route)).unwrap()
}

#[tokio::test]
async fn one_records_panic_or_error_never_fails_its_neighbours() {
    let bodies: Vec<String> = (1..=4).map(|n| routing_body(n, Route::PoliceReferral)).collect();
    let event = batch(&bodies.iter().map(String::as_str).collect::<Vec<_>>());
    let response = process_batch(event, Route::PoliceReferral, |message: RoutingMessage| async move {
        match message.reference.as_str() {
            "OYS-0000-0002" => panic!("a bug in one record"),
            "OYS-0000-0003" => Err(WorkerError::UnknownReport),
            _ => Ok(Outcome::Done),
        }
    })
    .await;
    let failed: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
    assert_eq!(failed, vec!["m1", "m2"]);
}

#[tokio::test]
async fn a_message_for_another_route_is_refused() {
    let body = routing_body(9, Route::AdvocateAssignment);
    let response = process_batch(batch(&[&body]), Route::PoliceReferral, |_| async { Ok(Outcome::Done) }).await;
    assert_eq!(response.batch_item_failures.len(), 1);
}

async fn the_poller_deletes_what_succeeded_and_leaves_what_failed(backend: Backend) {
    let queue = backend.services.queue.as_ref();
    let (succeeds, fails) = (routing_body(1, Route::PoliceReferral), routing_body(2, Route::PoliceReferral));
    queue.send_body(Route::PoliceReferral, &succeeds).await.unwrap();
    queue.send_body(Route::PoliceReferral, &fails).await.unwrap();
    let summary = poller::poll_once(queue, Route::PoliceReferral, Duration::ZERO, |message| async move {
        match message.reference.as_str() {
            "OYS-0000-0002" => Err(WorkerError::UnknownReport),
            _ => Ok(Outcome::Done),
        }
    })
    .await
    .unwrap();
    assert_eq!((summary.received, summary.failed), (2, 1));
    let left = queue.receive(Route::PoliceReferral, 10, Duration::ZERO).await.unwrap();
    assert_eq!(left.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(), vec![fails.as_str()]);
}
