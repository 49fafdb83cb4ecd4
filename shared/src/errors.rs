//! Field-level errors: what the reporter sees next to the field that needs fixing.

choice! {
    /// Why a field was refused. Stable identifiers: clients switch on them, messages are localised.
    pub enum ErrorCode {
        Required => "required",
        InvalidType => "invalid_type",
        InvalidChoice => "invalid_choice",
        TooLong => "too_long",
        TooShort => "too_short",
        TooMany => "too_many",
        InvalidCharacters => "invalid_characters",
        InvalidDate => "invalid_date",
        InvalidTime => "invalid_time",
        InFuture => "in_future",
        InvalidPostcode => "invalid_postcode",
        InvalidPhone => "invalid_phone",
        InvalidEmail => "invalid_email",
        InvalidLanguageTag => "invalid_language_tag",
        LocationRequired => "location_required",
        RequiredForPoliceContact => "required_for_police_contact",
        RequiredForAdvocate => "required_for_advocate",
        RequiredForPreferredMethod => "required_for_preferred_method",
        UnknownField => "unknown_field",
        NotAllowed => "not_allowed",
        MalformedBody => "malformed_body",
        BodyTooLarge => "body_too_large",
        UnsupportedMediaType => "unsupported_media_type",
        InvalidIdempotencyKey => "invalid_idempotency_key",
        IdempotencyKeyReused => "idempotency_key_reused",
        ServiceUnavailable => "service_unavailable",
        CaseClosed => "case_closed",
        UnknownPartner => "unknown_partner",
        PartnerNotAssigned => "partner_not_assigned",
        ShareConsentInPlace => "share_consent_in_place",
        NoPoliceConsent => "no_police_consent",
        VersionConflict => "version_conflict",
        TooManyErrors => "too_many_errors",
        Unauthenticated => "unauthenticated",
        Forbidden => "forbidden",
        NotFound => "not_found",
        RateLimited => "rate_limited",
        CaseErased => "case_erased",
        NoAdvocateRequested => "no_advocate_requested",
        NotShared => "not_shared",
        NothingToRelease => "nothing_to_release",
        InvalidDateTime => "invalid_date_time",
        InvalidReference => "invalid_reference",
        InvalidReceipt => "invalid_receipt",
        NothingToAdd => "nothing_to_add",
        ReceiptNotRecognised => "receipt_not_recognised",
        TooManyAttempts => "too_many_attempts",
        FollowUpUnavailable => "follow_up_unavailable",
        AlreadyWithdrawn => "already_withdrawn",
        CrossSiteRequest => "cross_site_request",
        NoPhoneProposed => "no_phone_proposed",
        NoPoliceDecisionPending => "no_police_decision_pending",
    }
}

/// One problem with one field. `field` is the dotted path of the API contract
/// (`incident.types[1]`, `contact.phone`); `params` fill the localised message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: ErrorCode) -> Self {
        Self { field: field.into(), code, params: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }
}

/// At most this many errors are returned; the rest are summed up in one `too_many_errors`.
pub const MAX_ERRORS: usize = 50;
/// The longest prefix of a caller-supplied field name an answer echoes.
pub const MAX_ECHOED_FIELD_CHARS: usize = 40;

/// A caller-supplied field name as an answer may show it: at most `MAX_ECHOED_FIELD_CHARS`
/// characters of `[A-Za-z0-9._-]`, anything else replaced by `?`, and `…` when cut short.
pub fn sanitised_field_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .take(MAX_ECHOED_FIELD_CHARS)
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '?' })
        .collect();
    if name.chars().nth(MAX_ECHOED_FIELD_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// The errors an answer carries: the first `MAX_ERRORS`, then one `too_many_errors` with the
/// number left out, so no request can make the answer grow with its own size.
pub fn capped(errors: &[FieldError]) -> Vec<FieldError> {
    if errors.len() <= MAX_ERRORS {
        return errors.to_vec();
    }
    let mut kept = errors[..MAX_ERRORS].to_vec();
    kept.push(FieldError::new("body", ErrorCode::TooManyErrors).with("omitted", errors.len() - MAX_ERRORS));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caller_field_names_are_cut_and_cleaned() {
        assert_eq!(sanitised_field_name("incident.colour"), "incident.colour");
        assert_eq!(sanitised_field_name("<script>"), "?script?");
        let long = "a".repeat(60_000);
        let shown = sanitised_field_name(&long);
        assert_eq!(shown.chars().count(), MAX_ECHOED_FIELD_CHARS + 1);
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn errors_are_capped_with_a_count_of_the_rest() {
        let many: Vec<FieldError> =
            (0..8000).map(|i| FieldError::new(format!("f{i}"), ErrorCode::UnknownField)).collect();
        let kept = capped(&many);
        assert_eq!(kept.len(), MAX_ERRORS + 1);
        assert_eq!(kept.last().unwrap().code, ErrorCode::TooManyErrors);
        assert_eq!(kept.last().unwrap().params, vec![("omitted", "7950".to_string())]);
        assert_eq!(capped(&many[..3]).len(), 3);
    }
}
