//! The events staff record on a case: parsed at the edge, applied here (`apply_event`), and what must follow (`Consequence`).

use super::*;

/// An event an operator (or advocate) records on a case (`POST /v1/cases/{ref}/events` in docs/openapi.json).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CaseEvent {
    CallMade {
        outcome: CallOutcome,
    },
    AssignmentConfirmed {
        partner_id: String,
    },
    ShareConsentGiven {
        partner_id: String,
        channel: Channel,
        privacy_notice_version: String,
    },
    ShareConsentRefused {
        partner_id: String,
        channel: Channel,
    },
    AdvocateContactMade,
    PoliceForceChosen {
        force: String,
    },
    ConsentWithdrawn {
        scope: WithdrawalScope,
        channel: Channel,
        privacy_notice_version: String,
    },
    CaseClosed {
        reason: String,
    },
    /// An operator read a report from the public form and lets its police referral go.
    PoliceReferralReleased,
    /// The reporter, "not sure yet" in their report, told an operator what they decided about
    /// the police (a referral, anonymous or with contact details, goes at once; or none).
    PoliceDecisionRecorded {
        consent: PoliceConsent,
        channel: Channel,
        privacy_notice_version: String,
    },
    /// Free text: personal data, erased with the case's.
    Note {
        text: String,
    },
    /// The reporter added to their report with its receipt (free text, erased with the case's).
    ReporterAddedInformation {
        text: String,
    },
    /// The reporter asked for a caseworker advocate with its receipt (the phone they gave is
    /// kept with the contact details, not here).
    ReporterAskedForAdvocate,
    /// An operator confirmed with the reporter the phone they gave with their receipt, which
    /// then replaces the one held (the handoff and the advocate use it from now on).
    ReporterPhoneConfirmed,
    /// An operator found the report a duplicate or spam (or a staff test): it leaves the counts
    /// of months not yet published, and the case closes.
    WithdrawnAsDuplicateOrSpam,
}

impl CaseEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            CaseEvent::CallMade { .. } => "call_made",
            CaseEvent::AssignmentConfirmed { .. } => "assignment_confirmed",
            CaseEvent::ShareConsentGiven { .. } => "share_consent_given",
            CaseEvent::ShareConsentRefused { .. } => "share_consent_refused",
            CaseEvent::AdvocateContactMade => "advocate_contact_made",
            CaseEvent::PoliceForceChosen { .. } => "police_force_chosen",
            CaseEvent::ConsentWithdrawn { .. } => "consent_withdrawn",
            CaseEvent::CaseClosed { .. } => "case_closed",
            CaseEvent::PoliceReferralReleased => "police_referral_released",
            CaseEvent::PoliceDecisionRecorded { .. } => "police_decision_recorded",
            CaseEvent::Note { .. } => "note",
            CaseEvent::ReporterAddedInformation { .. } => "reporter_added_information",
            CaseEvent::ReporterAskedForAdvocate => "reporter_asked_for_advocate",
            CaseEvent::ReporterPhoneConfirmed => "reporter_phone_confirmed",
            CaseEvent::WithdrawnAsDuplicateOrSpam => "withdrawn_as_duplicate_or_spam",
        }
    }

    /// Whether an advocate of the partner the case is shared with may record it.
    pub fn allowed_for_advocate(&self) -> bool {
        matches!(self, CaseEvent::AdvocateContactMade | CaseEvent::Note { .. })
    }

    /// Whether it holds free text (kept apart and erased with the case's personal data).
    /// The event with its free text replaced, for erasure: what happened stays, the words go.
    pub fn redacted(&self) -> CaseEvent {
        match self {
            CaseEvent::Note { .. } => CaseEvent::Note { text: "[erased]".into() },
            CaseEvent::CaseClosed { .. } => CaseEvent::CaseClosed { reason: "[erased]".into() },
            CaseEvent::ReporterAddedInformation { .. } => {
                CaseEvent::ReporterAddedInformation { text: "[erased]".into() }
            }
            other => other.clone(),
        }
    }

    pub fn has_free_text(&self) -> bool {
        matches!(
            self,
            CaseEvent::Note { .. } | CaseEvent::CaseClosed { .. } | CaseEvent::ReporterAddedInformation { .. }
        )
    }

    /// Whether only the reporter (through their receipt) records it, never staff.
    pub fn is_reporters(&self) -> bool {
        matches!(self, CaseEvent::ReporterAddedInformation { .. } | CaseEvent::ReporterAskedForAdvocate)
    }

    /// Whether the case wants a caseworker advocate: asked for in the report or later.
    pub fn wants_advocate(summary: &CaseSummary, state: &CaseState) -> bool {
        summary.advocate_support || state.advocate_requested_at.is_some()
    }
}

pub const EVENT_TYPES: &[&str] = &[
    "call_made",
    "assignment_confirmed",
    "share_consent_given",
    "share_consent_refused",
    "advocate_contact_made",
    "police_force_chosen",
    "consent_withdrawn",
    "case_closed",
    "note",
    "police_referral_released",
    "withdrawn_as_duplicate_or_spam",
    "reporter_phone_confirmed",
    "police_decision_recorded",
];

/// Parses an event body with field errors, like a report.
pub fn parse_event(body: &Value) -> Result<CaseEvent, Vec<FieldError>> {
    let Some(obj) = body.as_object() else {
        return Err(vec![FieldError::new("body", ErrorCode::InvalidType).with("expected", "object")]);
    };
    let mut errors = Vec::new();
    let text = |errors: &mut Vec<FieldError>, key: &str, rule: TextRule| -> Option<String> {
        match obj.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => rule.check(key, s).map_err(|e| errors.push(e)).ok(),
            None | Some(Value::Null) | Some(Value::String(_)) => {
                errors.push(FieldError::new(key, ErrorCode::Required));
                None
            }
            Some(_) => {
                errors.push(FieldError::new(key, ErrorCode::InvalidType).with("expected", "string"));
                None
            }
        }
    };
    fn choice<T: crate::choice::Choice>(
        errors: &mut Vec<FieldError>,
        obj: &serde_json::Map<String, Value>,
        key: &str,
    ) -> Option<T> {
        match obj.get(key).and_then(Value::as_str) {
            Some(s) => T::parse(s).or_else(|| {
                errors.push(FieldError::new(key, ErrorCode::InvalidChoice).with("allowed", T::allowed()));
                None
            }),
            None => {
                errors.push(FieldError::new(key, ErrorCode::Required));
                None
            }
        }
    }
    let kind = obj.get("type").and_then(Value::as_str).unwrap_or_default();
    let allowed_keys: &[&str] = match kind {
        "call_made" => &["outcome"],
        "assignment_confirmed" => &["partner_id"],
        "share_consent_refused" => &["partner_id", "channel"],
        "share_consent_given" => &["partner_id", "channel", "privacy_notice_version"],
        "advocate_contact_made" => &[],
        "police_force_chosen" => &["force"],
        "consent_withdrawn" => &["scope", "channel", "privacy_notice_version"],
        "case_closed" => &["reason"],
        "note" => &["text"],
        "police_referral_released" => &[],
        "withdrawn_as_duplicate_or_spam" => &[],
        "reporter_phone_confirmed" => &[],
        "police_decision_recorded" => &["consent", "channel", "privacy_notice_version"],
        _ => {
            let code = if kind.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice };
            return Err(vec![FieldError::new("type", code).with("allowed", EVENT_TYPES.join(", "))]);
        }
    };
    for key in obj.keys() {
        if key != "type" && !allowed_keys.contains(&key.as_str()) {
            // Said of an event, not of the report form.
            let field = crate::errors::sanitised_field_name(key);
            errors.push(FieldError::new(field, ErrorCode::UnknownField).with("of", kind));
        }
    }
    // How a consent decision was said: the channel, and the privacy notice it was given under.
    let how_said = |errors: &mut Vec<FieldError>| {
        let channel = choice::<Channel>(errors, obj, "channel");
        let version = text(errors, "privacy_notice_version", TextRule::line(limits::PRIVACY_NOTICE_VERSION));
        channel.zip(version)
    };
    let event = match kind {
        "call_made" => choice(&mut errors, obj, "outcome").map(|outcome| CaseEvent::CallMade { outcome }),
        "assignment_confirmed" => text(&mut errors, "partner_id", TextRule::line(64))
            .map(|partner_id| CaseEvent::AssignmentConfirmed { partner_id }),
        "share_consent_given" => {
            let partner_id = text(&mut errors, "partner_id", TextRule::line(64));
            partner_id.zip(how_said(&mut errors)).map(|(partner_id, (channel, privacy_notice_version))| {
                CaseEvent::ShareConsentGiven { partner_id, channel, privacy_notice_version }
            })
        }
        "share_consent_refused" => {
            let partner_id = text(&mut errors, "partner_id", TextRule::line(64));
            let channel = choice(&mut errors, obj, "channel");
            partner_id.zip(channel).map(|(partner_id, channel)| CaseEvent::ShareConsentRefused { partner_id, channel })
        }
        "advocate_contact_made" => Some(CaseEvent::AdvocateContactMade),
        "police_force_chosen" => {
            text(&mut errors, "force", TextRule::line(64)).map(|force| CaseEvent::PoliceForceChosen { force })
        }
        "consent_withdrawn" => {
            let scope = choice(&mut errors, obj, "scope");
            scope.zip(how_said(&mut errors)).map(|(scope, (channel, privacy_notice_version))| {
                CaseEvent::ConsentWithdrawn { scope, channel, privacy_notice_version }
            })
        }
        "case_closed" => {
            text(&mut errors, "reason", TextRule::paragraphs(500)).map(|reason| CaseEvent::CaseClosed { reason })
        }
        "note" => {
            text(&mut errors, "text", TextRule::paragraphs(limits::DESCRIPTION)).map(|text| CaseEvent::Note { text })
        }
        "police_referral_released" => Some(CaseEvent::PoliceReferralReleased),
        "withdrawn_as_duplicate_or_spam" => Some(CaseEvent::WithdrawnAsDuplicateOrSpam),
        "reporter_phone_confirmed" => Some(CaseEvent::ReporterPhoneConfirmed),
        "police_decision_recorded" => {
            // A decision: "not sure yet" is what it replaces, never one.
            let consent = match choice::<PoliceConsent>(&mut errors, obj, "consent") {
                Some(PoliceConsent::NotSure) => {
                    let allowed = "no, anonymous, with_contact_details";
                    errors.push(FieldError::new("consent", ErrorCode::InvalidChoice).with("allowed", allowed));
                    None
                }
                consent => consent,
            };
            consent.zip(how_said(&mut errors)).map(|(consent, (channel, privacy_notice_version))| {
                CaseEvent::PoliceDecisionRecorded { consent, channel, privacy_notice_version }
            })
        }
        _ => unreachable!("kinds are matched above"),
    };
    match event {
        Some(event) if errors.is_empty() => Ok(event),
        _ => Err(errors),
    }
}

/// What applying an event to a case asks the service to do afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consequence {
    /// Send the handoff to this partner and start the advocate's 7-day clock.
    HandOff { partner_id: String },
    /// Tell this partner consent was withdrawn.
    NotifyWithdrawal { partner_id: String },
    /// Tell the force a referral went to (if one did) that police consent was withdrawn.
    NotifyPoliceWithdrawal,
    /// Send the police referral an operator released, or that a reporter who was not sure
    /// agreed to later (and stop the release clock, if it runs).
    ReleasePoliceReferral,
    /// Send the police referral to this force (chosen by an operator).
    ReferToPolice { force: String },
    /// The operator reached the reporter: the operator-call deadline is met.
    MeetOperatorCall,
    /// The advocate made contact: the advocate-call deadline is met.
    MeetAdvocateCall,
    /// The case is closed: every deadline is met.
    Close,
    /// The reporter asked for an advocate after reporting: route the case to advocate
    /// assignment, as if they had asked in the report.
    AssignAdvocate,
    /// A reporter who was not sure agreed to a police referral: route the case to the police
    /// referral, as if they had agreed in the report (owed with the change, so the sweeper
    /// finishes it if sending fails).
    RouteToPolice,
}

impl Consequence {
    /// What the consequence owes the dispatcher, if it must tell someone: owed in the change's
    /// own write, so it is never lost once the event is recorded. The rest are the case's own
    /// records (deadlines met), done with the request.
    pub fn delivery(&self) -> Option<crate::routing::Delivery> {
        use crate::routing::Delivery;
        match self {
            Consequence::HandOff { .. } => Some(Delivery::PartnerHandoff),
            Consequence::NotifyWithdrawal { .. } => Some(Delivery::PartnerWithdrawalNotice),
            Consequence::NotifyPoliceWithdrawal => Some(Delivery::PoliceWithdrawalNotice),
            // The police-referral worker reads the release, the chosen force or the decision
            // from the case, as it does for a report's own route.
            Consequence::ReleasePoliceReferral | Consequence::ReferToPolice { .. } | Consequence::RouteToPolice => {
                Some(Delivery::PoliceReferral)
            }
            // A follow-up's own write owes the advocate message (`follow_up::add_to_report`).
            Consequence::AssignAdvocate => None,
            Consequence::MeetOperatorCall | Consequence::MeetAdvocateCall | Consequence::Close => None,
        }
    }
}

/// Applies `event` to `state`: the new state and what must follow, or field errors (an unknown
/// partner or force, sharing with a partner other than the confirmed one, acting on a closed
/// case). Pure: the caller stores the new state, then carries out the consequences.
pub fn apply_event(
    state: &CaseState,
    summary: &CaseSummary,
    event: &CaseEvent,
    actor: &str,
    at: Timestamp,
    known_partners: &[&str],
    known_forces: &[&str],
) -> Result<(CaseState, Vec<Consequence>), Vec<FieldError>> {
    let refuse = |field: &str, code: ErrorCode| Err(vec![FieldError::new(field, code)]);
    if state.erased_at.is_some() && (event.has_free_text() || event.is_reporters()) {
        // The words of an erased case are gone; new ones would be kept after erasure.
        return refuse("text", ErrorCode::CaseErased);
    }
    let adds_words = matches!(event, CaseEvent::Note { .. } | CaseEvent::ReporterAddedInformation { .. });
    if state.withdrawn_at.is_some() && matches!(event, CaseEvent::WithdrawnAsDuplicateOrSpam) {
        return refuse("type", ErrorCode::AlreadyWithdrawn);
    }
    // A closed case may still be found to be spam: it leaves the statistics all the same.
    let withdraws = matches!(event, CaseEvent::WithdrawnAsDuplicateOrSpam);
    if state.closed_at.is_some() && !adds_words && !withdraws {
        return refuse("type", ErrorCode::CaseClosed);
    }
    let mut next = state.clone();
    next.version += 1;
    // A reporter's addition waits in the work queue until staff next record something.
    next.reporter_added_at = match event {
        CaseEvent::ReporterAddedInformation { .. } => Some(at),
        event if event.is_reporters() => state.reporter_added_at,
        _ => None,
    };
    let mut consequences = Vec::new();
    let record = |channel: Channel, version: &str| ConsentRecord {
        at,
        channel,
        recorded_by: actor.to_string(),
        privacy_notice_version: version.to_string(),
    };
    match event {
        CaseEvent::CallMade { outcome } => {
            if *outcome == CallOutcome::Reached && next.first_call_reached_at.is_none() {
                next.first_call_reached_at = Some(at);
                consequences.push(Consequence::MeetOperatorCall);
            }
        }
        CaseEvent::AssignmentConfirmed { partner_id } => {
            if !known_partners.contains(&partner_id.as_str()) {
                return refuse("partner_id", ErrorCode::UnknownPartner);
            }
            if !CaseEvent::wants_advocate(summary, state) {
                return refuse("type", ErrorCode::NoAdvocateRequested);
            }
            if state.shared_with().is_some_and(|p| p != partner_id) {
                // Moving a shared case needs the reporter's consent to be withdrawn first.
                return refuse("partner_id", ErrorCode::ShareConsentInPlace);
            }
            next.assigned_partner = Some(partner_id.clone());
        }
        CaseEvent::ShareConsentGiven { partner_id, channel, privacy_notice_version } => {
            if next.assigned_partner.as_deref() != Some(partner_id.as_str()) {
                return refuse("partner_id", ErrorCode::PartnerNotAssigned);
            }
            if state.shared_with() != Some(partner_id.as_str()) {
                consequences.push(Consequence::HandOff { partner_id: partner_id.clone() });
            }
            next.share = Some(ShareConsent {
                partner_id: partner_id.clone(),
                decision: ShareDecision::Given,
                record: record(*channel, privacy_notice_version),
            });
        }
        CaseEvent::ShareConsentRefused { partner_id, channel } => {
            if next.assigned_partner.as_deref() != Some(partner_id.as_str()) {
                return refuse("partner_id", ErrorCode::PartnerNotAssigned);
            }
            if state.shared_with().is_some() {
                return refuse("type", ErrorCode::ShareConsentInPlace);
            }
            next.share = Some(ShareConsent {
                partner_id: partner_id.clone(),
                decision: ShareDecision::Refused,
                record: record(*channel, &summary.privacy_notice_version),
            });
        }
        CaseEvent::AdvocateContactMade => {
            if state.shared_with().is_none() {
                return refuse("type", ErrorCode::NotShared);
            }
            if next.advocate_contact_made_at.is_none() {
                next.advocate_contact_made_at = Some(at);
                consequences.push(Consequence::MeetAdvocateCall);
            }
        }
        CaseEvent::PoliceForceChosen { force } => {
            if !known_forces.contains(&force.as_str()) {
                return refuse("force", ErrorCode::InvalidChoice);
            }
            if !police_consent_now(summary, state).agreed() || state.police_consent_withdrawn.is_some() {
                return refuse("type", ErrorCode::NoPoliceConsent);
            }
            next.police_force = Some(force.clone());
            consequences.push(Consequence::ReferToPolice { force: force.clone() });
        }
        CaseEvent::ConsentWithdrawn { scope, channel, privacy_notice_version } => match scope {
            WithdrawalScope::Police => {
                if !police_consent_now(summary, state).agreed() {
                    return refuse("scope", ErrorCode::NoPoliceConsent);
                }
                next.police_consent_withdrawn = Some(record(*channel, privacy_notice_version));
                consequences.push(Consequence::NotifyPoliceWithdrawal);
            }
            WithdrawalScope::Partner => {
                let Some(partner_id) = state.shared_with() else {
                    return refuse("scope", ErrorCode::NotShared);
                };
                consequences.push(Consequence::NotifyWithdrawal { partner_id: partner_id.to_string() });
                consequences.push(Consequence::MeetAdvocateCall);
                next.share = Some(ShareConsent {
                    partner_id: partner_id.to_string(),
                    decision: ShareDecision::Withdrawn,
                    record: record(*channel, privacy_notice_version),
                });
            }
        },
        CaseEvent::PoliceReferralReleased => {
            if !police_consent_now(summary, state).agreed() || state.police_consent_withdrawn.is_some() {
                return refuse("type", ErrorCode::NoPoliceConsent);
            }
            if !police_release_pending(summary, state) {
                // Not from the public form, or released already.
                return refuse("type", ErrorCode::NothingToRelease);
            }
            next.police_referral_released_at = Some(at);
            next.police_referral_released_by = Some(actor.to_string());
            consequences.push(Consequence::ReleasePoliceReferral);
        }
        CaseEvent::PoliceDecisionRecorded { consent, channel, privacy_notice_version } => {
            if summary.police_consent != PoliceConsent::NotSure || state.police_decided.is_some() {
                // Only "not sure yet" waits for a decision, once.
                return refuse("type", ErrorCode::NoPoliceDecisionPending);
            }
            if state.erased_at.is_some() {
                return refuse("type", ErrorCode::CaseErased);
            }
            let reachable = (summary.phone_given || summary.email_given) && state.contact_erased_at.is_none();
            if *consent == PoliceConsent::WithContactDetails && !reachable {
                return refuse("consent", ErrorCode::RequiredForPoliceContact);
            }
            next.police_decided =
                Some(PoliceDecision { consent: *consent, record: record(*channel, privacy_notice_version) });
            if consent.agreed() {
                // A person heard the decision: the referral goes now, with no release to wait for.
                consequences.push(Consequence::RouteToPolice);
            }
        }
        CaseEvent::CaseClosed { .. } => {
            next.closed_at = Some(at);
            consequences.push(Consequence::Close);
        }
        CaseEvent::Note { .. } | CaseEvent::ReporterAddedInformation { .. } => {}
        CaseEvent::WithdrawnAsDuplicateOrSpam => {
            next.withdrawn_at = Some(at);
            if next.closed_at.is_none() {
                next.closed_at = Some(at);
                consequences.push(Consequence::Close);
            }
        }
        CaseEvent::ReporterAskedForAdvocate => {
            if !CaseEvent::wants_advocate(summary, state) {
                next.advocate_requested_at = Some(at);
                consequences.push(Consequence::AssignAdvocate);
            }
        }
        CaseEvent::ReporterPhoneConfirmed => {
            if state.phone_proposed_at.is_none() {
                return refuse("type", ErrorCode::NoPhoneProposed);
            }
            next.phone_proposed_at = None;
        }
    }
    Ok((next, consequences))
}
