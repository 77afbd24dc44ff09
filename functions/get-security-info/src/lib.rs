//! Authing's V3 `get_security_level` as a Lambda function: the signed-in user's password
//! level, binding flags and account security score, read from DynamoDB.
//!
//! `main.rs` is the Lambda glue; [`handler::handle`] takes a request and its dependencies
//! (an [`store::AccountStore`] and a token verifier) and returns the response.

pub mod dynamo;
pub mod errors;
pub mod handler;
pub mod language;
pub mod response;
pub mod security_info;
pub mod store;

pub use handler::{handle, Service};
