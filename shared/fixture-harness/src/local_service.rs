//! Local stand-ins for AWS services in tests (DynamoDB Local, moto's server), each started
//! once per test binary by its script in `scripts/`, unless the test command already did.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A loopback port nothing listens on (bound, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port()
}

/// Starts `scripts/{script} PORT` on a free port and waits, up to `patience` (a first run
/// installs the service), until it accepts connections; its endpoint. `parent_variable` tells
/// the script this process's id, so that it stops the service when the tests end; `needs`
/// says what the script needs, should it not start.
pub fn start(script: &str, parent_variable: &str, needs: &str, patience: Duration) -> String {
    let port = free_port();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts").join(script);
    // Kept, never waited on: the script stops the service itself once this process is gone.
    static STARTED: Mutex<Vec<Child>> = Mutex::new(Vec::new());
    let child = Command::new("bash")
        .arg(path)
        .arg(port.to_string())
        .env(parent_variable, std::process::id().to_string())
        .spawn()
        .unwrap_or_else(|error| panic!("scripts/{script} starts (needs {needs}): {error}"));
    STARTED.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(child);
    let deadline = Instant::now() + patience;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "scripts/{script} did not start a service on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    format!("http://127.0.0.1:{port}")
}
