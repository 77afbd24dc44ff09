//! The admin tool's commands, as functions the binary and the tests share.

pub mod import;

use std::collections::HashMap;
use std::path::Path;

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use serde_json::{json, Value};
use weak_password_verification::policy_item::{policy_from_item, Item, ProjectPolicy};

/// The item for `policy`, refused unless the function would read it back as exactly `policy`:
/// what is written is what the function enforces, and a typo is an error here, not weaker rules.
pub fn validated_item(project_id: &str, policy: &ProjectPolicy) -> Result<Item, String> {
    let valid_id = (1..=64).contains(&project_id.len())
        && project_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid_id {
        return Err("the project id must be 1 to 64 letters, digits, '-' or '_'".into());
    }
    let item = policy.to_item(project_id);
    match policy_from_item(&item) {
        Ok(read_back) if read_back == *policy => Ok(item),
        Ok(_) => Err("the policy would not read back as written".into()),
        Err(error) => Err(format!("invalid policy: {error}")),
    }
}

/// Validates `policy`, then writes it as the project's item (replacing any it had).
pub async fn set_policy(client: &Client, table: &str, project_id: &str, policy: &ProjectPolicy) -> Result<(), String> {
    let item = validated_item(project_id, policy)?;
    client
        .put_item()
        .table_name(table)
        .set_item(Some(item))
        .send()
        .await
        .map_err(|error| format!("cannot write to {table}: {}", dynamo_glue::store_error(error)))?;
    Ok(())
}

/// Words of a file, one a line; blank lines and `#` comments skipped.
pub fn read_words(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

/// An item in DynamoDB's JSON form, as `aws dynamodb put-item --item` and import from S3 take it.
pub fn dynamodb_json(item: &HashMap<String, AttributeValue>) -> Value {
    Value::Object(item.iter().map(|(name, value)| (name.clone(), attribute_json(value))).collect())
}

fn attribute_json(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::S(text) => json!({ "S": text }),
        AttributeValue::N(number) => json!({ "N": number }),
        AttributeValue::Bool(flag) => json!({ "BOOL": flag }),
        AttributeValue::Ss(list) => json!({ "SS": list }),
        AttributeValue::L(list) => json!({ "L": list.iter().map(attribute_json).collect::<Vec<_>>() }),
        AttributeValue::B(bytes) => json!({ "B": base64(bytes.as_ref()) }),
        _ => json!({ "NULL": true }),
    }
}

/// Standard base64 with padding, as DynamoDB JSON writes binary attributes.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, byte)| n | u32::from(*byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_rfc_4648_gives_it() {
        for (bytes, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(bytes.as_bytes()), encoded);
        }
    }

    #[test]
    fn refuses_a_policy_the_function_would_not_read() {
        let too_short = ProjectPolicy { banned_words: vec!["abc".into()], ..ProjectPolicy::default() };
        assert!(validated_item("p", &too_short).unwrap_err().contains("bannedWords"));
        let too_long = ProjectPolicy { min_length: Some(65), ..ProjectPolicy::default() };
        assert!(validated_item("p", &too_long).unwrap_err().contains("minLength"));
        assert!(validated_item("not a project!", &ProjectPolicy::default()).is_err());
        assert!(validated_item("p", &ProjectPolicy { min_score: Some(4), ..ProjectPolicy::default() }).is_ok());
    }
}
