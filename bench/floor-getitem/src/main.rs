//! The least a DynamoDB-backed lambda_http function can cost: one GetItem per request.

use aws_sdk_dynamodb::types::AttributeValue;
use lambda_http::{service_fn, Body, Error, Request, Response};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let client = aws_sdk_dynamodb::Client::new(&config);
    let table = std::env::var("ACCOUNTS_TABLE")?;
    let (client, table) = (&client, table.as_str());
    lambda_http::run(service_fn(move |_: Request| async move {
        let item =
            client.get_item().table_name(table).key("userId", AttributeValue::S("user-bare".into())).send().await?;
        let body = if item.item.is_some() { "{}" } else { "null" };
        Ok::<_, Error>(Response::new(Body::from(body)))
    }))
    .await
}
