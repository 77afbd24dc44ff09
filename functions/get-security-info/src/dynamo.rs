//! The accounts table in DynamoDB: one `GetItem` per request, reading only what is scored.
//!
//! Item format (attribute names as Authing's DTO names them; a missing flag reads as false):
//! `userId` (S, partition key), `passwordSet`, `mfaEnrolled`, `emailBinded`, `phoneBinded`
//! (BOOL), `passwordSecurityLevel` (N, 1..=3; absent when never assessed).

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use dynamo_glue::store_error;
use scoring::{AccountFactors, PasswordSecurityLevel};

use crate::store::{AccountStore, StoreError};

pub const USER_ID: &str = "userId";
pub const PASSWORD_SET: &str = "passwordSet";
pub const PASSWORD_SECURITY_LEVEL: &str = "passwordSecurityLevel";
pub const MFA_ENROLLED: &str = "mfaEnrolled";
pub const EMAIL_BINDED: &str = "emailBinded";
pub const PHONE_BINDED: &str = "phoneBinded";

/// The attributes a request reads: all it scores, nothing else.
const SCORED_ATTRIBUTES: [&str; 5] = [PASSWORD_SET, PASSWORD_SECURITY_LEVEL, MFA_ENROLLED, EMAIL_BINDED, PHONE_BINDED];

/// Accounts in one DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoAccountStore {
    client: Client,
    table: String,
}

impl DynamoAccountStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self { client, table: table.into() }
    }
}

impl AccountStore for DynamoAccountStore {
    async fn account(&self, user_id: &str) -> Result<Option<AccountFactors>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(USER_ID, AttributeValue::S(user_id.to_owned()))
            // `AttributesToGet`, not a `ProjectionExpression`: the same projection for plain
            // top-level names, with no expression for DynamoDB to parse (docs/PERFORMANCE.md).
            .set_attributes_to_get(Some(SCORED_ATTRIBUTES.map(str::to_owned).to_vec()))
            .send()
            .await
            .map_err(store_error)?;
        output.item.map(|item| account_from_item(&item)).transpose()
    }
}

/// Reads an item's flags, refusing any attribute of the wrong type.
pub fn account_from_item(item: &HashMap<String, AttributeValue>) -> Result<AccountFactors, StoreError> {
    Ok(AccountFactors {
        password_set: flag(item, PASSWORD_SET)?,
        password_security_level: level(item)?,
        mfa_enrolled: flag(item, MFA_ENROLLED)?,
        email_binded: flag(item, EMAIL_BINDED)?,
        phone_binded: flag(item, PHONE_BINDED)?,
    })
}

fn flag(item: &HashMap<String, AttributeValue>, attribute: &'static str) -> Result<bool, StoreError> {
    match item.get(attribute) {
        None | Some(AttributeValue::Null(_)) => Ok(false),
        Some(AttributeValue::Bool(value)) => Ok(*value),
        Some(_) => Err(StoreError::MalformedItem { attribute, problem: "is not a BOOL" }),
    }
}

fn level(item: &HashMap<String, AttributeValue>) -> Result<Option<PasswordSecurityLevel>, StoreError> {
    const ATTRIBUTE: &str = PASSWORD_SECURITY_LEVEL;
    match item.get(ATTRIBUTE) {
        None | Some(AttributeValue::Null(_)) => Ok(None),
        Some(AttributeValue::N(number)) => number
            .parse()
            .ok()
            .and_then(PasswordSecurityLevel::from_number)
            .map(Some)
            .ok_or(StoreError::MalformedItem { attribute: ATTRIBUTE, problem: "is not 1, 2 or 3" }),
        Some(_) => Err(StoreError::MalformedItem { attribute: ATTRIBUTE, problem: "is not an N" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(pairs: &[(&str, AttributeValue)]) -> HashMap<String, AttributeValue> {
        pairs.iter().map(|(name, value)| ((*name).to_owned(), value.clone())).collect()
    }

    #[test]
    fn missing_flags_read_as_false() {
        assert_eq!(account_from_item(&item(&[])), Ok(AccountFactors::default()));
    }

    #[test]
    fn reads_every_attribute() {
        let full = item(&[
            (PASSWORD_SET, AttributeValue::Bool(true)),
            (PASSWORD_SECURITY_LEVEL, AttributeValue::N("2".into())),
            (MFA_ENROLLED, AttributeValue::Bool(true)),
            (EMAIL_BINDED, AttributeValue::Bool(false)),
            (PHONE_BINDED, AttributeValue::Bool(true)),
        ]);
        let expected = AccountFactors {
            password_set: true,
            password_security_level: Some(PasswordSecurityLevel::Middle),
            mfa_enrolled: true,
            email_binded: false,
            phone_binded: true,
        };
        assert_eq!(account_from_item(&full), Ok(expected));
    }

    #[test]
    fn refuses_wrong_types_and_levels() {
        let wrong_flag = item(&[(MFA_ENROLLED, AttributeValue::S("true".into()))]);
        assert_eq!(
            account_from_item(&wrong_flag),
            Err(StoreError::MalformedItem { attribute: MFA_ENROLLED, problem: "is not a BOOL" })
        );
        for bad_level in ["0", "4", "1.5", "high"] {
            let item = item(&[(PASSWORD_SECURITY_LEVEL, AttributeValue::N(bad_level.into()))]);
            assert!(matches!(account_from_item(&item), Err(StoreError::MalformedItem { .. })), "{bad_level}");
        }
        let string_level = item(&[(PASSWORD_SECURITY_LEVEL, AttributeValue::S("1".into()))]);
        assert!(account_from_item(&string_level).is_err());
    }
}
