//! Huawei Cloud DDM's weak-password check as a Lambda function: is this password weak?
//!
//! `main.rs` is the Lambda glue; [`handler::handle`] takes a request and its dependencies and
//! returns the response, so tests drive it with API Gateway event fixtures.

pub mod breach_item;
pub mod config;
pub mod errors;
pub mod handler;
pub mod limits;
pub mod policy_cache;
pub mod policy_item;
pub mod range_api;
pub mod request;
pub mod tables;

pub use handler::{handle, Service};
