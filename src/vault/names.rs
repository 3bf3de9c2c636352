//! Random names: record ids, vault ids and file names, and the UTC timestamps stored in records.
//!
//! Names use lowercase Crockford base32 (no i, l, o, u), so they survive case-insensitive file
//! systems (FAT, exFAT) and are easy to read aloud or type.

use crate::crypto::random_bytes;

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Encodes bytes as lowercase Crockford base32 (5 bits per character, no padding).
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// A new record id: 80 random bits, 16 characters.
pub fn new_record_id() -> String {
    base32(&random_bytes::<10>()[..])
}

/// A new vault id: 80 random bits, 16 characters.
pub fn new_vault_id() -> String {
    base32(&random_bytes::<10>()[..])
}

/// A new random file stem: 120 bits, 24 characters. The first two characters name the shard
/// directory, so no directory grows past FAT32's per-directory limits.
pub fn new_file_stem() -> String {
    base32(&random_bytes::<15>()[..])
}

/// Whether `s` could be a record id or an id prefix typed by a user.
pub fn is_id_text(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| ALPHABET.contains(&b.to_ascii_lowercase()))
}

/// Normalises what a user typed as an id: lowercase, and Crockford's look-alikes (i, l -> 1;
/// o -> 0) mapped back.
pub fn normalise_id(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            'i' | 'l' => '1',
            'o' => '0',
            c => c,
        })
        .collect()
}

/// The current time as an RFC 3339 UTC timestamp with second precision.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format_utc(secs)
}

/// Formats seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3_600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_is_fixed_width_and_fat_safe() {
        assert_eq!(base32(&[0; 10]), "0000000000000000");
        assert_eq!(base32(&[0xff; 10]), "zzzzzzzzzzzzzzzz");
        let id = new_record_id();
        assert_eq!(id.len(), 16);
        assert!(is_id_text(&id));
        assert_eq!(id, id.to_lowercase());
        assert_eq!(new_file_stem().len(), 24);
    }

    #[test]
    fn ids_typed_by_people_normalise() {
        assert_eq!(normalise_id(" AB1O "), "ab10");
        assert_eq!(normalise_id("il"), "11");
    }

    #[test]
    fn utc_formatting() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(1_798_761_599), "2026-12-31T23:59:59Z");
    }
}
