//! Crockford's base32, shared by references and follow-up receipts: no I, L, O or U, so
//! nothing is misheard or misread, and the look-alikes people type are read as meant.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The low `5 × symbols` bits of `entropy` as `symbols` symbols, most significant first.
pub(crate) fn encode(entropy: u128, symbols: usize) -> String {
    (0..symbols).rev().map(|i| ALPHABET[((entropy >> (i * 5)) & 0x1f) as usize] as char).collect()
}

/// What was typed, without spaces or hyphens, upper case, O read as 0 and I and L as 1.
/// May still hold characters outside the alphabet: see `all_symbols`.
pub(crate) fn normalise(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// Whether every character of `text` is a symbol of the alphabet.
pub(crate) fn all_symbols(text: &str) -> bool {
    text.bytes().all(|b| ALPHABET.contains(&b))
}
