# English: the fallback language. Every message id must exist here.

## Field errors (id: error-<code>)
error-required = This is required.
error-invalid_type = This has the wrong kind of value: expected { $expected }.
error-invalid_choice = This is not one of the allowed values: { $allowed }.
error-too_long = This is too long: at most { $max } characters.
error-too_short = This is too short: at least { $min } characters.
error-too_many = Too many values: at most { $max }.
error-invalid_characters = This contains characters we cannot accept (control characters).
error-invalid_date = Enter a real date as YYYY-MM-DD, after 1900.
error-invalid_time = Enter a time as HH:MM, for example 18:30.
error-in_future = This cannot be in the future.
error-invalid_postcode = Enter a UK postcode, such as M1 1AE, or its first part, such as M1.
error-invalid_phone = Enter a phone number we can call, such as 07700 900123.
error-invalid_email = Enter an email address, such as name@example.org.
error-invalid_language_tag = Enter a language code, such as yue for Cantonese.
error-location_required = Tell us where it happened: a postcode, a town, or that it happened online.
error-required_for_police_contact = To pass your contact details to the police we need a phone number or an email address.
error-required_for_advocate = A caseworker advocate needs a phone number to call you. You can stay anonymous otherwise.
error-required_for_preferred_method = Give the contact detail for the method you chose.
error-unknown_field = { $of ->
    [report] This field is not part of the report form.
   *[other] This field is not part of a { $of } event.
}
error-not_allowed = This can only be set by a helpline operator.
error-malformed_body = The report could not be read: { $detail }.
error-body_too_large = The report is too large: at most { $max } bytes.
error-unsupported_media_type = Send the report as application/json or application/x-www-form-urlencoded.
error-invalid_idempotency_key = The Idempotency-Key header must be 1 to 128 visible ASCII characters.
error-idempotency_key_reused = This Idempotency-Key was already used for a different report.
error-service_unavailable = We could not save your report just now, and nothing was kept. Please try again in a minute, or call our free helpline on 0808 801 0393.
error-service_unavailable-staff = This could not be done just now, and nothing was changed. Please try again in a minute.

error-case_closed = This case is closed: only notes can be added.
error-unknown_partner = There is no partner organisation with this id.
error-partner_not_assigned = Confirm this partner as the case's advocate organisation first.
error-share_consent_in_place = The reporter's consent to share with a partner is in place: record its withdrawal first.
error-no_police_consent = The reporter has not agreed to a police referral (or withdrew it).
error-version_conflict = Someone else changed this case at the same moment: reload it and try again.
error-too_many_errors = There are too many problems to list: { $omitted } more were left out. Fix the ones above and send again.
error-unauthenticated = Sign in first: this needs valid staff credentials.
error-forbidden = Your role does not allow this.
error-not_found = There is nothing here, or you may not see it.
error-rate_limited = Too many requests from your connection. Please wait { $retry_after } seconds and try again.
error-case_erased = This case's personal data was erased: free text can no longer be added to it.
error-no_advocate_requested = The reporter did not ask for a caseworker advocate.
error-not_shared = The reporter has not consented to share their details with a partner, or withdrew it.
error-nothing_to_release = No police referral is waiting for release on this case (it was not from the public form, or was released already).
error-invalid_date_time = Enter a date as YYYY-MM-DD, or a date and time such as 2026-12-01T09:00:00Z.

## The answer to an accepted report
next-steps-received = Thank you for telling us what happened. Your reference is { $reference }. Please keep it and quote it whenever you contact us.
next-steps-police-anonymous = We will pass your report to the police without your name or contact details. They will record it, but are unlikely to investigate.
next-steps-police-with-contact = We will pass your report and your contact details to the police. The police may contact you and investigate.
next-steps-advocate = A helpline operator will phone you within 3 working days to tell you which caseworker advocate can support you, and to ask whether you agree to share your details with them.
next-steps-contact-given = A helpline operator may get in touch using the details you gave, to offer support.
next-steps-no-contact = You did not leave contact details, so we will not contact you.
next-steps-helpline = You can talk to us on our free helpline, 0808 801 0393, Monday to Friday, 9am to 5pm.
