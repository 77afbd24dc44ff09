//! What a request may read from DynamoDB, behind a small trait so that handlers can be tested
//! with an in-memory fake; [`DynamoTables`] is the real thing.

use std::future::Future;

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use dynamo_glue::{store_error, StoreError};

use crate::policy_item::{policy_from_item, ProjectPolicy, PROJECT_ID};

/// The tables weak-password-verification reads.
pub trait Tables {
    /// The project's own policy; `Ok(None)` when it has no item.
    fn policy(&self, project_id: &str) -> impl Future<Output = Result<Option<ProjectPolicy>, StoreError>> + Send;
}

/// No table configured (the deployment's defaults for every project): nothing to read.
#[derive(Debug, Clone, Copy)]
pub struct NoTables;

impl Tables for NoTables {
    async fn policy(&self, _project_id: &str) -> Result<Option<ProjectPolicy>, StoreError> {
        Ok(None)
    }
}

/// The project-policies table in DynamoDB: one eventually consistent `GetItem` per read.
#[derive(Debug, Clone)]
pub struct DynamoTables {
    client: Client,
    policies_table: String,
}

impl DynamoTables {
    pub fn new(client: Client, policies_table: impl Into<String>) -> Self {
        Self { client, policies_table: policies_table.into() }
    }
}

impl Tables for DynamoTables {
    async fn policy(&self, project_id: &str) -> Result<Option<ProjectPolicy>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.policies_table)
            .key(PROJECT_ID, AttributeValue::S(project_id.to_owned()))
            .send()
            .await
            .map_err(store_error)?;
        output.item.map(|item| policy_from_item(&item)).transpose()
    }
}
