//! Lower-case hex: how the service writes SHA-256 hashes (idempotency keys, request bodies,
//! follow-up receipts) and the effect keys an SES message tag carries.

/// Two lower-case hex digits per byte.
pub fn encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes `encode` wrote, or `None` if `text` is not pairs of hex digits.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// SHA-256 of `bytes`, in hex: how idempotency keys, request bodies, follow-up receipts and the
/// follow-up limit's keys are kept without the value itself.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    encode(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_is_the_standard_digest_in_lower_case_hex() {
        // FIPS 180-2's example "abc".
        assert_eq!(super::sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(super::decode(&super::encode(&[0, 255, 16])), Some(vec![0, 255, 16]));
        assert_eq!(super::decode("abc"), None);
    }
}
