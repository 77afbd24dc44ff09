//! Bounds on what one request may carry; each keeps an assessment's cost bounded.

/// The largest request body accepted, in bytes (a 256-character password is at most 1 KiB).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// At most this many `user_inputs` context words...
pub const MAX_USER_INPUTS: usize = 20;
/// ...each of at most this many characters.
pub const MAX_USER_INPUT_CHARS: usize = 128;
/// A project id: 1 to 64 ASCII letters, digits, `-` or `_` (Huawei's are 32 hex digits).
pub const MAX_PROJECT_ID_CHARS: usize = 64;
