//! `account-security-admin`: the operator's commands against the service's tables.

use std::path::PathBuf;
use std::process::ExitCode;

use account_security_admin::import::{Import, InputFormat, Target};
use account_security_admin::{dynamodb_json, read_words, set_policy};
use aws_config::BehaviorVersion;
use clap::{Parser, Subcommand};
use weak_password_verification::policy_item::{BasePolicy, ProjectPolicy};

#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Another DynamoDB endpoint, e.g. DynamoDB Local (else AWS_ENDPOINT_URL_DYNAMODB or AWS).
    #[arg(long, global = true)]
    endpoint_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validates a project's password policy, then writes it (replacing any it had).
    SetPolicy {
        /// The project-policies table (PROJECT_POLICIES_TABLE).
        #[arg(long, env = "PROJECT_POLICIES_TABLE")]
        table: String,
        /// The project id, as in /v3/{project_id}/weak-password-verification.
        #[arg(long)]
        project: String,
        /// Base rules, `nist` or `ddm` (default: the deployment's).
        #[arg(long, value_parser = parse_base)]
        policy: Option<BasePolicy>,
        /// Shortest password that is not weak (1 to 64).
        #[arg(long)]
        min_length: Option<usize>,
        /// Lowest zxcvbn score that is not weak (0 to 4).
        #[arg(long)]
        min_score: Option<u8>,
        /// A banned word (4 to 32 characters); repeat for more.
        #[arg(long = "banned-word")]
        banned_words: Vec<String>,
        /// A file of banned words, one a line (blank lines and `#` comments skipped).
        #[arg(long)]
        banned_words_file: Option<PathBuf>,
        /// Breach count from which a breached password is weak (1 or more).
        #[arg(long)]
        breached_min_count: Option<u64>,
        /// Print the item (DynamoDB JSON, as `aws dynamodb put-item --item` takes it) instead
        /// of writing it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Imports a breach corpus into the breached-passwords table (or S3 import files).
    ImportBreached {
        /// Pwned Passwords `HASH:COUNT` lines, or passwords one a line; gzipped or not.
        input: PathBuf,
        /// What the input holds.
        #[arg(long, value_enum, default_value = "hashes")]
        format: InputFormat,
        /// The hashes are not ordered by hash (sorted in two passes, in bounded memory).
        #[arg(long)]
        unsorted: bool,
        /// The breached-passwords table (BREACHED_PASSWORDS_TABLE).
        #[arg(long, env = "BREACHED_PASSWORDS_TABLE", required_unless_present = "s3_export_dir")]
        table: Option<String>,
        /// Instead of writing to a table, write gzipped DynamoDB JSON files here, for
        /// DynamoDB's import from S3.
        #[arg(long, conflicts_with = "table")]
        s3_export_dir: Option<PathBuf>,
        /// Where progress is kept, so that a rerun resumes (default: INPUT.import-progress).
        #[arg(long)]
        checkpoint: Option<PathBuf>,
        /// No progress bar.
        #[arg(long)]
        quiet: bool,
    },
}

fn parse_base(name: &str) -> Result<BasePolicy, String> {
    BasePolicy::parse(name).ok_or_else(|| "must be nist or ddm".to_owned())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(endpoint) = &cli.endpoint_url {
        loader = loader.endpoint_url(endpoint);
    }
    match cli.command {
        Command::SetPolicy {
            table,
            project,
            policy,
            min_length,
            min_score,
            mut banned_words,
            banned_words_file,
            breached_min_count,
            dry_run,
        } => {
            if let Some(path) = banned_words_file {
                banned_words.extend(read_words(&path)?);
            }
            let policy = ProjectPolicy { base: policy, min_length, min_score, banned_words, breached_min_count };
            if dry_run {
                let item = account_security_admin::validated_item(&project, &policy)?;
                println!("{}", serde_json::to_string_pretty(&dynamodb_json(&item)).unwrap_or_default());
                return Ok(());
            }
            let client = aws_sdk_dynamodb::Client::new(&loader.load().await);
            set_policy(&client, &table, &project, &policy).await?;
            println!("set the policy of project {project} in {table}");
            Ok(())
        }
        Command::ImportBreached { input, format, unsorted, table, s3_export_dir, checkpoint, quiet } => {
            let target = match (s3_export_dir, table) {
                (Some(dir), _) => Target::S3Export { dir },
                (None, Some(table)) => {
                    Target::Table { client: aws_sdk_dynamodb::Client::new(&loader.load().await), table }
                }
                (None, None) => return Err("name a --table or an --s3-export-dir".into()),
            };
            let mut default_checkpoint = input.clone().into_os_string();
            default_checkpoint.push(".import-progress");
            let checkpoint = checkpoint.unwrap_or_else(|| default_checkpoint.into());
            let started = std::time::Instant::now();
            let import = Import { input, format, unsorted, target, checkpoint, show_progress: !quiet };
            let summary = import.run().await?;
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{} hashes, {} items written ({} already written), {:.0} hashes/s",
                summary.hashes,
                summary.items_written,
                summary.items_skipped,
                summary.hashes as f64 / seconds.max(0.001)
            );
            match summary.malformed_lines {
                0 => Ok(()),
                lines => Err(format!("{lines} malformed line(s) skipped (numbers above)")),
            }
        }
    }
}
