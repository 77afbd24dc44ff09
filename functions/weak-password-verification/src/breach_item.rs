//! The breached-passwords table: every SHA-1 hash of the corpus, grouped by its first 24 bits.
//!
//! Item format: `hashPrefix` (S, partition key: the hash's first 6 hex digits, upper case) and
//! `entries` (B): for each hash of that prefix, in ascending order, the next 8 bytes of the
//! hash (64 bits) and its breach count as an unsigned LEB128 varint. A billion hashes make
//! 2^24 items of about 60 entries (at most ~110), about 600 bytes: one eventually consistent
//! `GetItem` of well under 4 KB per check. The arithmetic is in the README.

use dynamo_glue::StoreError;

pub const HASH_PREFIX: &str = "hashPrefix";
pub const ENTRIES: &str = "entries";

/// The hash's first 3 bytes are the key...
pub const PREFIX_BYTES: usize = 3;
/// ...and the next 8 are kept: a false match needs 64 more bits to agree by chance.
pub const SUFFIX_BYTES: usize = 8;

/// A SHA-1 digest.
pub type Sha1 = [u8; 20];

/// The SHA-1 of exactly the bytes sent.
pub fn sha1_of(password: &str) -> Sha1 {
    use sha1::Digest;
    sha1::Sha1::digest(password.as_bytes()).into()
}

/// The item key of `hash`: its first 6 hex digits, upper case.
pub fn prefix_key(hash: &Sha1) -> String {
    hash[..PREFIX_BYTES].iter().map(|byte| format!("{byte:02X}")).collect()
}

/// The part of `hash` an entry keeps.
pub fn suffix(hash: &Sha1) -> [u8; SUFFIX_BYTES] {
    let mut suffix = [0; SUFFIX_BYTES];
    suffix.copy_from_slice(&hash[PREFIX_BYTES..PREFIX_BYTES + SUFFIX_BYTES]);
    suffix
}

/// Builds one item's `entries`, from hashes pushed in ascending order.
#[derive(Debug, Default)]
pub struct EntriesBuilder {
    bytes: Vec<u8>,
    last: Option<([u8; SUFFIX_BYTES], u64)>,
}

impl EntriesBuilder {
    /// Adds a hash's suffix and count; the same suffix twice adds up its counts.
    pub fn push(&mut self, suffix: [u8; SUFFIX_BYTES], count: u64) {
        match &mut self.last {
            Some((last, total)) if *last == suffix => *total = total.saturating_add(count),
            _ => {
                self.flush_last();
                self.last = Some((suffix, count));
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.last.is_none()
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.flush_last();
        self.bytes
    }

    fn flush_last(&mut self) {
        if let Some((suffix, mut count)) = self.last.take() {
            self.bytes.extend_from_slice(&suffix);
            loop {
                let low = (count & 0x7f) as u8;
                count >>= 7;
                if count == 0 {
                    self.bytes.push(low);
                    break;
                }
                self.bytes.push(low | 0x80);
            }
        }
    }
}

/// The breach count of `suffix` in an item's `entries` (0 when absent).
pub fn count_in(entries: &[u8], wanted: &[u8; SUFFIX_BYTES]) -> Result<u64, StoreError> {
    const TRUNCATED: StoreError = StoreError::MalformedItem { attribute: ENTRIES, problem: "is truncated" };
    let mut rest = entries;
    while !rest.is_empty() {
        let (suffix, after) = rest.split_at_checked(SUFFIX_BYTES).ok_or(TRUNCATED)?;
        let mut count: u64 = 0;
        let mut used = 0;
        loop {
            let byte = *after.get(used).ok_or(TRUNCATED)?;
            count |= u64::from(byte & 0x7f).checked_shl(7 * used as u32).ok_or(TRUNCATED)?;
            used += 1;
            if byte & 0x80 == 0 {
                break;
            }
        }
        if suffix == wanted {
            return Ok(count);
        }
        rest = &after[used..];
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_and_key_as_pwned_passwords_gives_them() {
        // SHA-1("password") = 5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8
        let hash = sha1_of("password");
        assert_eq!(prefix_key(&hash), "5BAA61");
        assert_eq!(suffix(&hash), [0xE4, 0xC9, 0xB9, 0x3F, 0x3F, 0x06, 0x82, 0x25]);
    }

    #[test]
    fn entries_round_trip_with_any_count() {
        let mut builder = EntriesBuilder::default();
        let counts = [1u64, 127, 128, 300, 52_256_179, u64::MAX];
        for (n, count) in counts.iter().enumerate() {
            builder.push([n as u8; SUFFIX_BYTES], *count);
        }
        builder.push([5; SUFFIX_BYTES], 1); // the same suffix again saturates, never wraps
        let entries = builder.finish();
        for (n, count) in counts.iter().enumerate() {
            assert_eq!(count_in(&entries, &[n as u8; SUFFIX_BYTES]), Ok(*count));
        }
        assert_eq!(count_in(&entries, &[9; SUFFIX_BYTES]), Ok(0));
        assert!(count_in(&entries[..entries.len() - 1], &[9; SUFFIX_BYTES]).is_err());
    }
}
