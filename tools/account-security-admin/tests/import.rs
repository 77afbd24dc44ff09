//! `account-security-admin import-breached` against DynamoDB Local, run as an operator runs
//! it: a generated corpus plus known hashes with known counts, gzipped or not, ordered or not,
//! killed halfway and run again, and the S3 export.
//!
//! `IMPORT_TEST_HASHES` sets the generated corpus' size (default 20,000). `make import-scale`
//! runs these tests with 2,000,000, the release build of the tool (`IMPORT_TEST_ADMIN`) and
//! `IMPORT_FIGURES`, a file to which each timed import appends its figures as a JSON line.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use aws_sdk_dynamodb::types::{AttributeValue, ScalarAttributeType};
use aws_sdk_dynamodb::Client;
use dynamo_glue::dynamodb_local::{client_for, endpoint, fresh_table, patient};
use weak_password_verification::breach_item::{count_in, prefix_key, sha1_of, suffix, Sha1, ENTRIES, HASH_PREFIX};
use weak_password_verification::tables::{DynamoTables, Tables};

fn generated_hashes() -> usize {
    std::env::var("IMPORT_TEST_HASHES").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000)
}

/// Known passwords and their counts, among the generated hashes.
const KNOWN: [(&str, u64); 4] =
    [("password", 52_256_179), ("123456", 37_359_195), ("hunter2", 24_230), ("correct horse battery staple", 3829)];

fn hex(hash: &Sha1) -> String {
    hash.iter().map(|byte| format!("{byte:02X}")).collect()
}

/// The corpus: generated hashes with counts 1 to 1,000, and the known ones; ordered by hash.
fn corpus() -> Vec<(Sha1, u64)> {
    let mut corpus: Vec<(Sha1, u64)> =
        (0..generated_hashes()).map(|n| (sha1_of(&format!("generated-{n}")), (n % 1000) as u64 + 1)).collect();
    corpus.extend(KNOWN.iter().map(|(password, count)| (sha1_of(password), *count)));
    corpus.sort();
    corpus
}

/// A test's own directory, removed when the test ends (at 2 million hashes, ~100 MB).
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("import-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write_hashes(path: &Path, corpus: &[(Sha1, u64)], gzip: bool) {
    let text: String = corpus.iter().map(|(hash, count)| format!("{}:{count}\r\n", hex(hash))).collect();
    let file = std::fs::File::create(path).unwrap();
    if gzip {
        let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap();
    } else {
        std::io::BufWriter::new(file).write_all(text.as_bytes()).unwrap();
    }
}

fn admin() -> Command {
    let binary = std::env::var_os("IMPORT_TEST_ADMIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_account-security-admin")), PathBuf::from);
    let mut command = Command::new(binary);
    command
        .args(["--endpoint-url", endpoint()])
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "local")
        .env("AWS_SECRET_ACCESS_KEY", "local");
    command
}

fn import(args: &[&str]) -> Output {
    admin().arg("import-breached").args(args).arg("--quiet").output().expect("the admin tool runs")
}

/// Appends a timed import's figures to `IMPORT_FIGURES`, when set.
fn record_figures(figures: serde_json::Value) {
    let Some(path) = std::env::var_os("IMPORT_FIGURES") else { return };
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).unwrap();
    writeln!(file, "{figures}").unwrap();
}

/// The number before `label` in the import's summary line, e.g. `items written`.
fn summary_figure(summary: &str, label: &str) -> u64 {
    let before = &summary[..summary.find(label).unwrap_or_else(|| panic!("{label} in {summary}"))];
    before.trim_end().rsplit(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
}

async fn breach_table() -> (Client, String) {
    let client = client_for(endpoint()).await;
    let table = fresh_table(&client, "breached", HASH_PREFIX, ScalarAttributeType::S, &[]).await;
    (client, table)
}

/// Every item of the table, by prefix.
async fn scan(client: &Client, table: &str) -> HashMap<String, Vec<u8>> {
    let mut items = HashMap::new();
    let mut start = None;
    loop {
        let page = patient(client).scan().table_name(table).set_exclusive_start_key(start).send().await.unwrap();
        for item in page.items() {
            let (Some(AttributeValue::S(key)), Some(AttributeValue::B(entries))) =
                (item.get(HASH_PREFIX), item.get(ENTRIES))
            else {
                panic!("an item of the wrong shape")
            };
            assert!(items.insert(key.clone(), entries.as_ref().to_vec()).is_none(), "one item per prefix");
        }
        start = page.last_evaluated_key.clone();
        if start.is_none() {
            return items;
        }
    }
}

/// The table holds exactly `corpus` (see [`assert_items_hold_exactly`]), and the function's own
/// read finds the known hashes in it.
async fn assert_holds_exactly(client: &Client, table: &str, corpus: &[(Sha1, u64)]) {
    assert_items_hold_exactly(&scan(client, table).await, corpus);
    let tables = DynamoTables::new(client.clone()).with_breach_table(table);
    for (password, count) in KNOWN {
        assert_eq!(tables.breach_count(&sha1_of(password)).await, Ok(count), "{password}");
    }
}

/// The items, by prefix, hold exactly `corpus`: each hash with its count, one item per prefix,
/// and 100,000 other hashes never found.
fn assert_items_hold_exactly(items: &HashMap<String, Vec<u8>>, corpus: &[(Sha1, u64)]) {
    let prefixes: std::collections::HashSet<String> = corpus.iter().map(|(hash, _)| prefix_key(hash)).collect();
    assert_eq!(items.len(), prefixes.len(), "one item per prefix, none lost");
    for (hash, count) in corpus {
        assert_eq!(count_in(&items[&prefix_key(hash)], &suffix(hash)), Ok(*count), "{}", hex(hash));
    }
    for n in 0..100_000 {
        let absent = sha1_of(&format!("absent-{n}"));
        let found = items.get(&prefix_key(&absent)).map_or(Ok(0), |entries| count_in(entries, &suffix(&absent)));
        assert_eq!(found, Ok(0));
    }
}

#[tokio::test]
async fn imports_a_gzipped_pwned_passwords_file_then_resumes_after_a_kill() {
    let (client, table) = breach_table().await;
    let dir = Scratch::new("gzipped");
    let input = dir.join("pwned-passwords.txt.gz");
    let corpus = corpus();
    write_hashes(&input, &corpus, true);
    let checkpoint = dir.join("progress");
    // Killed as soon as the checkpoint shows progress...
    let mut first = admin()
        .args(["import-breached", input.to_str().unwrap(), "--table", &table, "--quiet"])
        .args(["--checkpoint", checkpoint.to_str().unwrap()])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    while !checkpoint.exists() && first.try_wait().unwrap().is_none() {
        std::thread::yield_now();
    }
    first.kill().unwrap();
    first.wait().unwrap();
    // ...then run again to the end: nothing lost, nothing doubled.
    let started = Instant::now();
    let output = import(&[input.to_str().unwrap(), "--table", &table, "--checkpoint", checkpoint.to_str().unwrap()]);
    let seconds = started.elapsed().as_secs_f64();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let summary = String::from_utf8_lossy(&output.stdout);
    println!("import: {summary}");
    assert!(summary.contains(&format!("{} hashes", corpus.len())), "{summary}");
    assert_holds_exactly(&client, &table, &corpus).await;
    record_figures(serde_json::json!({
        "path": "table",
        "hashes": corpus.len(),
        "items_written": summary_figure(&summary, "items written"),
        "items_before_kill": summary_figure(&summary, "already written"),
        "seconds": seconds,
    }));
}

#[tokio::test]
async fn reports_malformed_lines_by_number_and_imports_the_rest() {
    let (client, table) = breach_table().await;
    let dir = Scratch::new("malformed");
    let input = dir.join("hashes.txt");
    let good: Vec<(Sha1, u64)> = {
        let mut good: Vec<_> = KNOWN.iter().map(|(password, count)| (sha1_of(password), *count)).collect();
        good.sort();
        good
    };
    let mut lines: Vec<String> = good.iter().map(|(hash, count)| format!("{}:{count}", hex(hash))).collect();
    lines.insert(1, "not a hash line".into());
    lines.insert(3, format!("{}:many", hex(&sha1_of("x"))));
    std::fs::write(&input, lines.join("\n")).unwrap();
    let output = import(&[input.to_str().unwrap(), "--table", &table, "--checkpoint", dir.join("p").to_str().unwrap()]);
    assert!(!output.status.success(), "malformed lines make the exit status a failure");
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("line 2:") && errors.contains("line 4:"), "{errors}");
    assert!(!errors.contains("not a hash line"), "a line is never quoted");
    assert_holds_exactly(&client, &table, &good).await;
}

#[tokio::test]
async fn hashes_and_counts_a_plain_password_list() {
    let (client, table) = breach_table().await;
    let dir = Scratch::new("passwords");
    let input = dir.join("passwords.txt");
    // Unordered, with repeats: a password's count is how often it occurs.
    std::fs::write(&input, "hunter2\npassword\nhunter2\r\ncorrect horse battery staple\n\nhunter2\n").unwrap();
    let output = import(&[
        input.to_str().unwrap(),
        "--format",
        "passwords",
        "--table",
        &table,
        "--checkpoint",
        dir.join("p").to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let expected = [(sha1_of("hunter2"), 3), (sha1_of("password"), 1), (sha1_of("correct horse battery staple"), 1)];
    assert_items_hold_exactly(&scan(&client, &table).await, &expected);
}

#[test]
fn writes_gzipped_dynamodb_json_for_import_from_s3() {
    let dir = Scratch::new("export");
    let input = dir.join("hashes.txt");
    let corpus = corpus();
    write_hashes(&input, &corpus, false);
    let export = dir.join("s3");
    let started = Instant::now();
    let output = import(&[input.to_str().unwrap(), "--s3-export-dir", export.to_str().unwrap()]);
    let seconds = started.elapsed().as_secs_f64();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (mut exported, mut gzipped_bytes): (HashMap<String, Vec<u8>>, u64) = (HashMap::new(), 0);
    for file in std::fs::read_dir(&export).unwrap() {
        let file = file.unwrap();
        gzipped_bytes += file.metadata().unwrap().len();
        let reader = BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(file.path()).unwrap()));
        for line in reader.lines() {
            let line: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            let key = line["Item"][HASH_PREFIX]["S"].as_str().unwrap().to_owned();
            let entries = base64_decode(line["Item"][ENTRIES]["B"].as_str().unwrap());
            assert!(exported.insert(key, entries).is_none(), "one item per prefix");
        }
    }
    assert_items_hold_exactly(&exported, &corpus);
    record_figures(serde_json::json!({
        "path": "s3",
        "hashes": corpus.len(),
        "items_written": exported.len(),
        "gzipped_bytes": gzipped_bytes,
        "seconds": seconds,
    }));
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let values: Vec<u32> =
        text.bytes().filter(|b| *b != b'=').map(|b| ALPHABET.iter().position(|a| *a == b).unwrap() as u32).collect();
    let mut bytes = Vec::new();
    for chunk in values.chunks(4) {
        let n = chunk.iter().enumerate().fold(0, |n, (i, v)| n | v << (18 - 6 * i));
        bytes.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    bytes
}
