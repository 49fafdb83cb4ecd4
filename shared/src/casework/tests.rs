use super::*;
use serde_json::json;

#[test]
fn events_parse_with_field_errors() {
    assert_eq!(
        parse_event(&json!({"type": "call_made", "outcome": "reached"})).unwrap(),
        CaseEvent::CallMade { outcome: CallOutcome::Reached }
    );
    let err = parse_event(&json!({"type": "share_consent_given", "partner_id": "p", "colour": 1})).unwrap_err();
    let fields: Vec<(&str, ErrorCode)> = err.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert!(fields.contains(&("channel", ErrorCode::Required)), "{fields:?}");
    assert!(fields.contains(&("privacy_notice_version", ErrorCode::Required)));
    assert!(fields.contains(&("colour", ErrorCode::UnknownField)));
    assert_eq!(parse_event(&json!({"type": "dance"})).unwrap_err()[0].code, ErrorCode::InvalidChoice);
    assert_eq!(parse_event(&json!({})).unwrap_err()[0].field, "type");
    assert_eq!(parse_event(&json!({"type": "note", "text": "  "})).unwrap_err()[0].code, ErrorCode::Required);
    // A police decision is a decision: "not sure yet" is what it replaces.
    let decision = |consent: &str| json!({"type": "police_decision_recorded", "consent": consent, "channel": "phone", "privacy_notice_version": "v"});
    assert!(parse_event(&decision("anonymous")).is_ok());
    let refused = parse_event(&decision("not_sure")).unwrap_err();
    assert_eq!((refused[0].field.as_str(), refused[0].code), ("consent", ErrorCode::InvalidChoice));
}

#[test]
fn personal_data_expires_from_the_start_and_activity_pushes_it_back() {
    let policy = RetentionPolicy::new(30, 90).unwrap();
    let day = |d: i64| "2026-01-01T00:00:00Z".parse::<Timestamp>().unwrap() + SignedDuration::from_hours(24 * d);
    let new = policy.extend(&CaseState::default(), day(0));
    assert_eq!((new.contact_expires_at, new.narrative_expires_at), (Some(day(30)), Some(day(90))));
    assert_eq!(new.personal_data_expires_at, Some(day(30)), "the index holds the earlier");
    let touched = policy.extend(&new, day(20));
    assert_eq!((touched.contact_expires_at, touched.narrative_expires_at), (Some(day(50)), Some(day(110))));
    assert_eq!(policy.extend(&touched, day(1)), touched, "an old time never shortens it");

    assert_eq!(due_erasure(&touched, day(49)), None);
    assert_eq!(due_erasure(&touched, day(50)), Some(ErasureScope::ContactDetails));
    assert_eq!(due_erasure(&touched, day(110)), Some(ErasureScope::All));
    let contact_gone = CaseState { contact_erased_at: Some(day(50)), ..touched.clone() };
    let after = policy.extend(&contact_gone, day(60));
    assert_eq!((after.contact_expires_at, after.personal_data_expires_at), (None, Some(day(150))));
    let erased = CaseState { erased_at: Some(day(70)), ..after };
    assert_eq!(policy.extend(&erased, day(80)).personal_data_expires_at, None);
    assert_eq!(due_erasure(&erased, day(1000)), None);
    assert!(RetentionPolicy::new(100, 30).is_err(), "contact details go first");
    assert!(RetentionPolicy::new(0, 30).is_err());
}

#[test]
fn erasure_leaves_nothing_to_expire_and_keeps_the_first_erasure_time() {
    let at = |t: &str| t.parse::<Timestamp>().unwrap();
    let policy = RetentionPolicy::new(30, 90).unwrap();
    let live = CaseState { version: 4, ..policy.extend(&CaseState::default(), at("2026-01-01T00:00:00Z")) };
    let gone = erased(&live, at("2026-02-01T00:00:00Z"));
    assert_eq!(gone.version, 5, "written only over the state it was worked out from");
    assert_eq!(gone.erased_at, Some(at("2026-02-01T00:00:00Z")));
    let expiries = (gone.personal_data_expires_at, gone.contact_expires_at, gone.narrative_expires_at);
    assert_eq!(expiries, (None, None, None), "out of the expiry index");
    assert_eq!(erased(&gone, at("2026-03-01T00:00:00Z")).erased_at, gone.erased_at);
}

#[test]
fn a_partners_caseload_counts_the_cases_shared_with_it() {
    let record = ConsentRecord {
        at: "2026-01-01T00:00:00Z".parse().unwrap(),
        channel: Channel::Phone,
        recorded_by: "op".into(),
        privacy_notice_version: "1".into(),
    };
    let with = |partner: &str, decision| CaseState {
        share: Some(ShareConsent { partner_id: partner.into(), decision, record: record.clone() }),
        ..CaseState::default()
    };
    let moved = |partner: &str, delta| CaseloadChange { partner_id: partner.into(), delta };
    let none = CaseState::default();
    assert_eq!(caseload_changes(&none, &with("a", ShareDecision::Given)), vec![moved("a", 1)]);
    assert_eq!(
        caseload_changes(&with("a", ShareDecision::Given), &with("a", ShareDecision::Withdrawn)),
        vec![moved("a", -1)]
    );
    assert_eq!(caseload_changes(&none, &with("a", ShareDecision::Refused)), vec![], "refused is not shared");
    assert_eq!(
        caseload_changes(&with("a", ShareDecision::Given), &with("b", ShareDecision::Given)),
        vec![moved("a", -1), moved("b", 1)]
    );
    assert!(caseload_changes(&with("a", ShareDecision::Given), &with("a", ShareDecision::Given)).is_empty());
}

#[test]
fn erased_events_keep_what_happened_and_lose_the_words() {
    let record = |event| crate::case_history::EventRecord {
        id: "e1".into(),
        at: "2026-01-01T00:00:00Z".parse().unwrap(),
        by: "op".into(),
        role: StaffRole::Operator,
        event,
        partner_id: None,
    };
    let note = record(CaseEvent::Note { text: "ERASE-ME lives at 4 Hill St".into() });
    let erased = note.erased().expect("a note holds words");
    assert_eq!(erased.event, CaseEvent::Note { text: "[erased]".into() });
    assert_eq!((erased.id.as_str(), erased.at), ("e1", note.at), "the same record, rewritten in place");
    assert!(record(CaseEvent::AdvocateContactMade).erased().is_none(), "nothing to rewrite");
}

#[test]
fn advocates_may_record_only_their_own_kinds_of_event() {
    assert!(CaseEvent::AdvocateContactMade.allowed_for_advocate());
    assert!(!CaseEvent::AssignmentConfirmed { partner_id: "x".into() }.allowed_for_advocate());
    assert!(!CaseEvent::CaseClosed { reason: "x".into() }.allowed_for_advocate());
}
