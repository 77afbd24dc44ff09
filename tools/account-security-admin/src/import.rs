//! `import-breached`: a breach corpus into the breached-passwords table, or into files for
//! DynamoDB's import from S3.
//!
//! Input: Pwned Passwords' `HASH:COUNT` lines (SHA-1, ordered by hash, as downloaded), or a
//! plain list of passwords, one a line (hashed here; a password's count is how often it
//! occurs); either may be gzipped. Memory stays bounded whatever the input's size:
//! - ordered input streams: an item (one hash prefix) is complete when the prefix changes;
//! - a password list (or `--unsorted` hashes) goes through two passes: hashes are spread into
//!   256 bucket files by their first byte, then each bucket is sorted in memory and streamed
//!   (memory: one bucket, 1/256 of the hashes at 28 bytes each).
//!
//! Writing is resumable: items are complete, whole-prefix `PutRequest`s, so writing one twice
//! changes nothing, and the checkpoint file records the last prefix up to which every item is
//! written; a rerun skips to it.

use std::cell::Cell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use aws_sdk_dynamodb::Client;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use indicatif::{ProgressBar, ProgressStyle};
use weak_password_verification::breach_item::{
    prefix_key, sha1_of, suffix, EntriesBuilder, Sha1, ENTRIES, HASH_PREFIX, PREFIX_BYTES,
};
use weak_password_verification::policy_item::Item;

use crate::dynamodb_json;

/// DynamoDB's limit of items in one `BatchWriteItem`.
const BATCH_ITEMS: usize = 25;
/// Batches in flight at once.
const CONCURRENT_BATCHES: usize = 8;
/// Attempts at a batch's unprocessed items, with exponential backoff between them.
const MAX_BATCH_ATTEMPTS: u32 = 12;
/// Items per file of an S3 export.
const ITEMS_PER_EXPORT_FILE: usize = 250_000;
/// A bucket record: the hash and its count.
const RECORD_BYTES: usize = 28;

/// What the input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// `HASH:COUNT` lines, SHA-1 in hex (Pwned Passwords).
    Hashes,
    /// One password a line.
    Passwords,
}

/// Where the items go.
pub enum Target {
    Table { client: Client, table: String },
    S3Export { dir: PathBuf },
}

pub struct Import {
    pub input: PathBuf,
    pub format: InputFormat,
    /// Hashes not ordered by hash (a password list always is).
    pub unsorted: bool,
    pub target: Target,
    /// Where progress is recorded (default: beside the input).
    pub checkpoint: PathBuf,
    pub show_progress: bool,
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub hashes: u64,
    pub items_written: u64,
    pub items_skipped: u64,
    pub malformed_lines: u64,
}

impl Import {
    pub async fn run(self) -> Result<Summary, String> {
        let resume_after = match &self.target {
            Target::Table { .. } => read_checkpoint(&self.checkpoint)?,
            Target::S3Export { .. } => None,
        };
        let mut sink = match &self.target {
            Target::Table { client, table } => {
                Sink::Table(TableWriter::new(client.clone(), table.clone(), self.checkpoint.clone()))
            }
            Target::S3Export { dir } => Sink::Export(ExportWriter::new(dir)?),
        };
        let mut summary = Summary::default();
        let mut grouper = Grouper::default();
        let progress = self.progress_bar()?;
        let malformed = Cell::new(0);
        let emit = |item: Option<(String, Vec<u8>)>, summary: &mut Summary| -> Option<(String, Vec<u8>)> {
            let (key, entries) = item?;
            if resume_after.as_ref().is_some_and(|done| key <= *done) {
                summary.items_skipped += 1;
                return None;
            }
            Some((key, entries))
        };
        if self.format == InputFormat::Hashes && !self.unsorted {
            let mut previous: Option<Sha1> = None;
            for record in self.records(&progress, &malformed)? {
                let (line, hash, count) = record?;
                if previous.is_some_and(|previous| hash < previous) {
                    return Err(format!("line {line}: hashes are not in order; run again with --unsorted"));
                }
                previous = Some(hash);
                summary.hashes += 1;
                if let Some(item) = emit(grouper.push(&hash, count), &mut summary) {
                    sink.write(item, &mut summary).await?;
                }
            }
        } else {
            let buckets = self.spread_into_buckets(&progress, &malformed)?;
            progress.set_length(256);
            progress.set_position(0);
            progress.set_style(bar_style("buckets sorted and written")?);
            for bucket in 0..256 {
                for (hash, count) in read_bucket_sorted(&buckets.join(bucket_name(bucket)))? {
                    summary.hashes += 1;
                    if let Some(item) = emit(grouper.push(&hash, count), &mut summary) {
                        sink.write(item, &mut summary).await?;
                    }
                }
                progress.inc(1);
            }
        }
        if let Some(item) = emit(grouper.finish(), &mut summary) {
            sink.write(item, &mut summary).await?;
        }
        sink.finish(&mut summary).await?;
        progress.finish_and_clear();
        summary.malformed_lines = malformed.get();
        Ok(summary)
    }

    fn progress_bar(&self) -> Result<ProgressBar, String> {
        let size = std::fs::metadata(&self.input).map_err(|e| format!("cannot read {}: {e}", self.input.display()))?;
        let bar = if self.show_progress { ProgressBar::new(size.len()) } else { ProgressBar::hidden() };
        bar.set_style(bar_style("input read")?);
        Ok(bar)
    }

    /// The input's lines, decompressed when gzipped, counted on `progress` as they are read.
    fn lines(&self, progress: &ProgressBar) -> Result<Box<dyn BufRead>, String> {
        let file = File::open(&self.input).map_err(|e| format!("cannot read {}: {e}", self.input.display()))?;
        let mut reader = BufReader::new(progress.wrap_read(file));
        let gzipped = reader.fill_buf().map_err(|e| e.to_string())?.starts_with(&[0x1f, 0x8b]);
        Ok(match gzipped {
            true => Box::new(BufReader::new(MultiGzDecoder::new(reader))),
            false => Box::new(reader),
        })
    }

    /// Each well-formed line as its line number, hash and count; a malformed line is reported
    /// (number and problem, never its text) and skipped.
    fn records<'a>(
        &self,
        progress: &'a ProgressBar,
        malformed: &'a Cell<u64>,
    ) -> Result<impl Iterator<Item = Result<(u64, Sha1, u64), String>> + 'a, String> {
        let format = self.format;
        let mut lines = self.lines(progress)?;
        let mut number = 0u64;
        let mut buffer = Vec::new();
        Ok(std::iter::from_fn(move || loop {
            buffer.clear();
            match lines.read_until(b'\n', &mut buffer) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(error) => return Some(Err(format!("line {}: cannot read: {error}", number + 1))),
            }
            number += 1;
            let line = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let parsed = match format {
                InputFormat::Hashes => parse_hash_line(line),
                InputFormat::Passwords => match std::str::from_utf8(line) {
                    Ok(password) => Ok((sha1_of(password), 1)),
                    Err(_) => Err("is not UTF-8"),
                },
            };
            match parsed {
                Ok((hash, count)) => return Some(Ok((number, hash, count))),
                Err(problem) => {
                    malformed.set(malformed.get() + 1);
                    progress.suspend(|| eprintln!("line {number}: {problem}; skipped"));
                }
            }
        }))
    }

    /// Pass one of unordered input: every hash into the bucket of its first byte, in the work
    /// directory beside the checkpoint (kept once complete, so a rerun starts at pass two).
    fn spread_into_buckets(&self, progress: &ProgressBar, malformed: &Cell<u64>) -> Result<PathBuf, String> {
        let work = self.checkpoint.with_extension("buckets");
        let complete = work.join("complete");
        if complete.exists() {
            return Ok(work);
        }
        let io = |e: std::io::Error| format!("cannot write {}: {e}", work.display());
        std::fs::create_dir_all(&work).map_err(io)?;
        let mut buckets: Vec<BufWriter<File>> = (0..256)
            .map(|bucket| File::create(work.join(bucket_name(bucket))).map(BufWriter::new))
            .collect::<Result<_, _>>()
            .map_err(io)?;
        for record in self.records(progress, malformed)? {
            let (_, hash, count) = record?;
            let bucket = &mut buckets[usize::from(hash[0])];
            bucket.write_all(&hash).and_then(|()| bucket.write_all(&count.to_le_bytes())).map_err(io)?;
        }
        for mut bucket in buckets {
            bucket.flush().map_err(io)?;
        }
        File::create(&complete).map_err(io)?;
        Ok(work)
    }
}

fn bar_style(unit: &str) -> Result<ProgressStyle, String> {
    ProgressStyle::with_template(&format!(
        "{{elapsed_precise}} [{{wide_bar}}] {{percent}}% {unit}, {{binary_bytes_per_sec}}, {{eta}} left"
    ))
    .map_err(|e| e.to_string())
}

/// `HASH:COUNT`: 40 hex digits, a colon, a whole number.
fn parse_hash_line(line: &[u8]) -> Result<(Sha1, u64), &'static str> {
    let text = std::str::from_utf8(line).map_err(|_| "is not HASH:COUNT")?.trim();
    let (hex, count) = text.split_once(':').ok_or("is not HASH:COUNT")?;
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("does not start with a SHA-1 of 40 hex digits");
    }
    let mut hash = [0u8; 20];
    for (byte, pair) in hash.iter_mut().zip(hex.as_bytes().chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("zz"), 16).map_err(|_| "is not hex")?;
    }
    let count = count.trim().parse().map_err(|_| "has no whole-number count")?;
    Ok((hash, count))
}

fn bucket_name(bucket: usize) -> String {
    format!("{bucket:02x}.bin")
}

/// A bucket's hashes in order, each once (counts of a hash seen twice add up).
fn read_bucket_sorted(path: &Path) -> Result<Vec<(Sha1, u64)>, String> {
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|mut file| file.read_to_end(&mut bytes))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut records: Vec<(Sha1, u64)> = bytes
        .chunks_exact(RECORD_BYTES)
        .map(|record| {
            let (hash, count) = record.split_at(20);
            (hash.try_into().expect("20 bytes"), u64::from_le_bytes(count.try_into().expect("8 bytes")))
        })
        .collect();
    records.sort_unstable_by_key(|record| record.0);
    records.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = kept.1.saturating_add(later.1);
        }
        same
    });
    Ok(records)
}

/// Groups ordered hashes into items, one per prefix.
#[derive(Default)]
struct Grouper {
    prefix: Option<[u8; PREFIX_BYTES]>,
    key: String,
    entries: EntriesBuilder,
}

impl Grouper {
    /// Adds a hash; returns the previous prefix's item once this hash starts a new one.
    fn push(&mut self, hash: &Sha1, count: u64) -> Option<(String, Vec<u8>)> {
        let prefix: [u8; PREFIX_BYTES] = hash[..PREFIX_BYTES].try_into().expect("a prefix");
        let finished = match self.prefix {
            Some(current) if current == prefix => None,
            _ => {
                let finished = self.finish();
                self.prefix = Some(prefix);
                self.key = prefix_key(hash);
                finished
            }
        };
        self.entries.push(suffix(hash), count);
        finished
    }

    fn finish(&mut self) -> Option<(String, Vec<u8>)> {
        let entries = std::mem::take(&mut self.entries);
        (!entries.is_empty()).then(|| (std::mem::take(&mut self.key), entries.finish()))
    }
}

fn item(key: String, entries: Vec<u8>) -> Item {
    Item::from([
        (HASH_PREFIX.to_owned(), AttributeValue::S(key)),
        (ENTRIES.to_owned(), AttributeValue::B(entries.into())),
    ])
}

enum Sink {
    Table(TableWriter),
    Export(ExportWriter),
}

impl Sink {
    async fn write(&mut self, (key, entries): (String, Vec<u8>), summary: &mut Summary) -> Result<(), String> {
        match self {
            Self::Table(writer) => writer.write(key, entries, summary).await,
            Self::Export(writer) => writer.write(key, entries, summary),
        }
    }

    async fn finish(&mut self, summary: &mut Summary) -> Result<(), String> {
        match self {
            Self::Table(writer) => writer.finish(summary).await,
            Self::Export(writer) => writer.finish(),
        }
    }
}

/// A batch being written: its task, the last prefix it holds, and its number of items.
type InFlight = (tokio::task::JoinHandle<Result<(), String>>, String, u64);

/// `BatchWriteItem`s of 25 items, [`CONCURRENT_BATCHES`] in flight; the checkpoint moves as
/// the oldest batch completes, so it never passes an item not yet written.
struct TableWriter {
    client: Client,
    table: String,
    checkpoint: PathBuf,
    batch: Vec<WriteRequest>,
    last_key: String,
    in_flight: VecDeque<InFlight>,
    last_saved: Instant,
}

impl TableWriter {
    fn new(client: Client, table: String, checkpoint: PathBuf) -> Self {
        let (batch, last_key, in_flight) = (Vec::new(), String::new(), VecDeque::new());
        Self { client, table, checkpoint, batch, last_key, in_flight, last_saved: Instant::now() }
    }

    async fn write(&mut self, key: String, entries: Vec<u8>, summary: &mut Summary) -> Result<(), String> {
        self.last_key.clone_from(&key);
        let put = PutRequest::builder().set_item(Some(item(key, entries))).build().map_err(|e| e.to_string())?;
        self.batch.push(WriteRequest::builder().put_request(put).build());
        if self.batch.len() == BATCH_ITEMS {
            self.send_batch();
            if self.in_flight.len() >= CONCURRENT_BATCHES {
                self.complete_oldest(summary).await?;
            }
        }
        Ok(())
    }

    fn send_batch(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        let items = batch.len() as u64;
        let task = tokio::spawn(write_batch(self.client.clone(), self.table.clone(), batch));
        self.in_flight.push_back((task, self.last_key.clone(), items));
    }

    async fn complete_oldest(&mut self, summary: &mut Summary) -> Result<(), String> {
        let Some((task, last_key, items)) = self.in_flight.pop_front() else { return Ok(()) };
        task.await.map_err(|e| e.to_string())??;
        summary.items_written += items;
        if self.last_saved.elapsed() >= Duration::from_secs(1) || self.in_flight.is_empty() {
            save_checkpoint(&self.checkpoint, &last_key)?;
            self.last_saved = Instant::now();
        }
        Ok(())
    }

    async fn finish(&mut self, summary: &mut Summary) -> Result<(), String> {
        if !self.batch.is_empty() {
            self.send_batch();
        }
        while !self.in_flight.is_empty() {
            self.complete_oldest(summary).await?;
        }
        Ok(())
    }
}

/// One `BatchWriteItem`, its unprocessed items retried with exponential backoff.
async fn write_batch(client: Client, table: String, mut requests: Vec<WriteRequest>) -> Result<(), String> {
    let mut backoff = Duration::from_millis(50);
    for _ in 0..MAX_BATCH_ATTEMPTS {
        let answer = client.batch_write_item().request_items(&table, requests.clone()).send().await;
        match answer {
            Ok(output) => {
                requests = output.unprocessed_items.and_then(|mut left| left.remove(&table)).unwrap_or_default();
                if requests.is_empty() {
                    return Ok(());
                }
            }
            Err(error) => match dynamo_glue::store_error(error) {
                dynamo_glue::StoreError::Throttled | dynamo_glue::StoreError::Timeout => {}
                other => return Err(format!("cannot write to {table}: {other}")),
            },
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
    Err(format!("{table} kept refusing writes after {MAX_BATCH_ATTEMPTS} attempts"))
}

fn read_checkpoint(path: &Path) -> Result<Option<String>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text.trim().to_owned()).filter(|key| !key.is_empty())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(format!("cannot read {}: {error}", path.display())),
    }
}

/// Written beside, then renamed over: a crash never leaves half a checkpoint.
fn save_checkpoint(path: &Path, key: &str) -> Result<(), String> {
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, key)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Gzipped DynamoDB JSON files, one `{"Item": ...}` a line, for DynamoDB's import from S3.
struct ExportWriter {
    dir: PathBuf,
    file: Option<GzEncoder<BufWriter<File>>>,
    files: usize,
    in_file: usize,
}

impl ExportWriter {
    fn new(dir: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Self { dir: dir.to_owned(), file: None, files: 0, in_file: 0 })
    }

    fn write(&mut self, key: String, entries: Vec<u8>, summary: &mut Summary) -> Result<(), String> {
        let io = |e: std::io::Error| e.to_string();
        if self.file.is_none() || self.in_file == ITEMS_PER_EXPORT_FILE {
            self.finish()?;
            let path = self.dir.join(format!("breached-passwords-{:05}.json.gz", self.files));
            let file = File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            self.file = Some(GzEncoder::new(BufWriter::new(file), flate2::Compression::default()));
            self.files += 1;
            self.in_file = 0;
        }
        let line = serde_json::json!({ "Item": dynamodb_json(&item(key, entries)) });
        let file = self.file.as_mut().expect("a file is open");
        serde_json::to_writer(&mut *file, &line).map_err(|e| e.to_string())?;
        file.write_all(b"\n").map_err(io)?;
        self.in_file += 1;
        summary.items_written += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<(), String> {
        if let Some(file) = self.file.take() {
            file.finish().and_then(|mut inner| inner.flush()).map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pwned_passwords_lines() {
        let (hash, count) = parse_hash_line(b"5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:52256179").unwrap();
        assert_eq!(hash, sha1_of("password"));
        assert_eq!(count, 52_256_179);
        assert!(parse_hash_line(b"5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8:1").is_ok());
        for bad in [
            &b"5BAA61E4:3"[..],
            b"5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8",
            b"ZZAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:1",
        ] {
            assert!(parse_hash_line(bad).is_err());
        }
    }

    #[test]
    fn groups_ordered_hashes_by_prefix() {
        let mut grouper = Grouper::default();
        let mut a = [0u8; 20];
        let mut b = a;
        b[5] = 1;
        let mut c = a;
        c[2] = 1;
        assert_eq!(grouper.push(&a, 1), None);
        assert_eq!(grouper.push(&b, 2), None);
        let (key, entries) = grouper.push(&c, 3).unwrap();
        assert_eq!(key, "000000");
        assert_eq!(weak_password_verification::breach_item::count_in(&entries, &suffix(&a)), Ok(1));
        a[2] = 1;
        assert_eq!(grouper.finish().unwrap().0, prefix_key(&a));
    }
}
