//! Lower-case hex: how the service writes SHA-256 hashes (idempotency keys, request bodies,
//! follow-up receipts) and the effect keys an SES message tag carries.

/// Two lower-case hex digits per byte.
pub fn encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes `encode` wrote, or `None` if `text` is not pairs of hex digits.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}
