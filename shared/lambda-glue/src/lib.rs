//! The Lambda glue both functions share, so that none of it is written twice: access-token
//! verification, request reading, JSON responses and structured request logs.

pub mod auth;
mod jwks;
mod keys;
pub mod logging;
pub mod request;
pub mod response;

pub use auth::{AuthError, AuthFailure, AuthSettings, Identity, InvalidAuthSettings, Secret, TokenVerifier};
