//! The compiled blocklist of common and breached passwords (see `data/common-passwords.SOURCE.md`).

use std::sync::OnceLock;

use crate::normalize::{cores, fold_case, MIN_CORE_CHARS};

static BLOCKLIST_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/blocklist.fst"));

fn blocklist() -> &'static fst::Set<&'static [u8]> {
    static SET: OnceLock<fst::Set<&'static [u8]>> = OnceLock::new();
    SET.get_or_init(|| fst::Set::new(BLOCKLIST_FST).expect("build.rs writes a valid FST"))
}

/// Loads the blocklist now, so that the first request does not pay for it.
pub fn warm_up() {
    blocklist();
}

/// Whether the password, or a core it hides behind case, look-alikes and padding, is listed.
pub fn is_common_password(password: &str) -> bool {
    let set = blocklist();
    let folded = fold_case(password);
    (!folded.is_empty() && set.contains(folded))
        || cores(password).iter().any(|core| core.chars().count() >= MIN_CORE_CHARS && set.contains(core))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catches_disguised_common_passwords() {
        for password in ["password", "P@ssw0rd2024!", "QWERTY", "iloveyou!!", "Dr@gon99", "123456"] {
            assert!(is_common_password(password), "{password} should be listed");
        }
    }

    #[test]
    fn passes_uncommon_passwords() {
        for password in ["", "correct horse battery staple", "vK7#qPz!2mWx", "Xq!9ab"] {
            assert!(!is_common_password(password), "{password} should not be listed");
        }
    }
}
