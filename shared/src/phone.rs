//! Telephone numbers as people type them → E.164.
//!
//! Written here rather than with libphonenumber (the `phonenumber` crate), measured with
//! `scripts/bench`: the library checks the syntax of every one of its metadata's regular
//! expressions on first use, ~100 ms of CPU on the first report with a phone after a cold start
//! (or at init, if loaded there), ~6 MB of memory and ~0.4 MB of binary. The service needs less
//! than the library knows: a number a caseworker can dial back. So the rules are the UK
//! numbering plan's shape (Ofcom: national significant numbers of 9 or 10 digits, starting
//! 1, 2, 3, 5, 7, 8 or 9) and, for other countries, an assigned ITU calling code and E.164's
//! length. `tests` cross-check both against libphonenumber's own example numbers for every
//! country (a dev-dependency only).

/// The E.164 form (`+447700900123`) of `raw`, or `None` if it is not a dialable number.
/// National numbers (no `+` or `00`) are read as UK numbers.
pub fn to_e164(raw: &str) -> Option<String> {
    let raw = raw.trim();
    // "+44 (0)20 …": the bracketed trunk zero is a UK habit, written but not dialled.
    let raw = raw.replacen("(0)", "", 1);
    let mut digits = String::with_capacity(16);
    let mut international = false;
    for (i, c) in raw.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => international = true,
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' => {}
            _ => return None,
        }
        if digits.len() > 17 {
            return None;
        }
    }
    if !international {
        if let Some(rest) = digits.strip_prefix("00") {
            digits = rest.to_string();
            international = true;
        }
    }
    if international {
        let code_len = calling_code_length(&digits)?;
        let (code, national) = digits.split_at(code_len);
        if code == "44" {
            // Some write the trunk zero after +44 too.
            let national = national.strip_prefix('0').unwrap_or(national);
            return uk_national(national);
        }
        // E.164: at most 15 digits; the shortest numbers in use (Niue, St Helena) have 4.
        return (4..=15 - code_len).contains(&national.len()).then(|| format!("+{digits}"));
    }
    uk_national(digits.strip_prefix('0')?)
}

/// A UK national significant number (after the trunk `0` or `+44`) → E.164.
fn uk_national(national: &str) -> Option<String> {
    let shape_ok =
        (9..=10).contains(&national.len()) && matches!(national.as_bytes()[0], b'1'..=b'3' | b'5' | b'7'..=b'9');
    shape_ok.then(|| format!("+44{national}"))
}

/// How many leading digits of `digits` are an assigned country calling code. The codes are
/// prefix-free, so at most one length matches.
fn calling_code_length(digits: &str) -> Option<usize> {
    (1..=3).find(|&len| {
        digits.get(..len).and_then(|code| code.parse().ok()).is_some_and(|code: u16| CALLING_CODES.contains(&code))
    })
}

/// ITU-T E.164 country calling codes in service (ITU Operational Bulletin list), including the
/// global services (800 freephone, 870 Inmarsat, 881–883 satellite and international networks).
const CALLING_CODES: &[u16] = &[
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60,
    61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211, 212, 213, 216, 218, 220, 221, 222, 223,
    224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246,
    247, 248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290,
    291, 297, 298, 299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377, 378,
    380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 590, 591,
    592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 685, 686,
    687, 688, 689, 690, 691, 692, 800, 808, 850, 852, 853, 855, 856, 870, 878, 880, 881, 882, 883, 886, 888, 960, 961,
    962, 963, 964, 965, 966, 967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_numbers_as_people_write_them() {
        for (raw, e164) in [
            ("07700 900123", "+447700900123"),
            ("07700-900-123", "+447700900123"),
            ("+44 7700 900123", "+447700900123"),
            ("+44 (0)7700 900123", "+447700900123"),
            ("+44 07700 900123", "+447700900123"),
            ("0044 7700 900123", "+447700900123"),
            ("(020) 7946 0018", "+442079460018"),
            ("0161 496 0000", "+441614960000"),
            ("016977 3456", "+44169773456"),
            (" 0800 123 4567 ", "+448001234567"),
        ] {
            assert_eq!(to_e164(raw).as_deref(), Some(e164), "{raw}");
        }
    }

    #[test]
    fn overseas_numbers_are_kept_as_given() {
        assert_eq!(to_e164("+852 2123 4567").as_deref(), Some("+85221234567"));
        assert_eq!(to_e164("00852 2123 4567").as_deref(), Some("+85221234567"));
        assert_eq!(to_e164("+86 138 0013 8000").as_deref(), Some("+8613800138000"));
        assert_eq!(to_e164("+1 (415) 555-0132").as_deref(), Some("+14155550132"));
        assert_eq!(to_e164("+683 4002").as_deref(), Some("+6834002"));
    }

    #[test]
    fn what_cannot_be_dialled_is_refused() {
        for raw in [
            "",
            "12",
            "phone me",
            "077009001",     // 8 digits after the trunk zero
            "07700 9001234", // 11
            "0447700900123", // 04 is not a UK range
            "0600 123 4567", // nor 06
            "+44 7700 9001234567",
            "+1 555",
            "+999 1234 5678", // no such calling code
            "+852 2123 4567 890 12",
            "07700 900123 ext 4",
            "++447700900123",
            "44+7700900123",
            "٠٧٧٠٠٩٠٠١٢٣", // digits of another script
        ] {
            assert_eq!(to_e164(raw), None, "{raw}");
        }
    }

    /// Every example number libphonenumber's metadata gives, for every region and number type,
    /// written internationally: accepted, as the same E.164 the library makes (where the library
    /// finds its own answer valid). UK examples are also written nationally.
    #[test]
    fn agrees_with_libphonenumber_on_its_example_numbers() {
        use phonenumber::metadata::DATABASE;
        let mut checked = 0;
        let mut mismatches = Vec::new();
        for code in 1..1000u16 {
            let Some(regions) = DATABASE.by_code(&code) else { continue };
            assert!(CALLING_CODES.contains(&code), "calling code {code} missing");
            for meta in regions {
                let d = meta.descriptors();
                for descriptor in
                    [d.fixed_line(), d.mobile(), d.toll_free(), d.voip(), d.personal_number()].into_iter().flatten()
                {
                    let Some(example) = descriptor.example() else { continue };
                    let written = format!("+{code} {example}");
                    let parsed = phonenumber::parse(None, &written).unwrap();
                    let theirs = parsed.format().mode(phonenumber::Mode::E164).to_string();
                    // A handful (Russia's and Belarus's 8-00 freephone, Lithuania's 800) the
                    // library itself mangles, taking the 8 for a trunk prefix: it calls its own
                    // result invalid. Ours keeps the digits as written.
                    if !phonenumber::is_valid(&parsed) {
                        continue;
                    }
                    if to_e164(&written).as_deref() != Some(theirs.as_str()) {
                        mismatches.push(format!(
                            "{written}: ours {:?}, theirs {theirs} (valid: {})",
                            to_e164(&written),
                            phonenumber::is_valid(&parsed)
                        ));
                    }
                    if code == 44 {
                        assert_eq!(to_e164(&format!("0{example}")).as_deref(), Some(theirs.as_str()));
                    }
                    checked += 1;
                }
            }
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
        assert!(checked > 500, "only {checked} examples");
    }

    #[test]
    fn every_listed_code_is_one_libphonenumber_knows() {
        for &code in CALLING_CODES {
            let known = phonenumber::metadata::DATABASE.by_code(&code).is_some();
            // 379 (Vatican, reserved) and 888 (OCHA) are assigned but not in its metadata.
            assert!(known || [888].contains(&code), "{code}");
        }
    }
}
