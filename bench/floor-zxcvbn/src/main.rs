//! The least a zxcvbn-backed lambda_http function can cost: warm zxcvbn, answer a constant.

use lambda_http::{service_fn, Body, Error, Request, Response};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    zxcvbn::zxcvbn("warm-up: Tr0ub4dor&3 2024-01-01 qwerty", &[]);
    lambda_http::run(service_fn(|_: Request| async {
        Ok::<_, Error>(Response::new(Body::from(r#"{"is_weak_password":false}"#)))
    }))
    .await
}
