//! The command-line interface definition (clap). Only the structs: the doc comments here are the
//! one source of `--help`, and later of the man page and shell completions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// An encrypted, portable vault for testimonies of persecuted trade unionists.
///
/// Every testimony is stored as an age-encrypted file in a vault directory that can live on a
/// USB stick; nothing readable ever touches the disk. Unlock with --identity FILE (scripts,
/// recovery keys), --passphrase-file FILE, or the terminal prompt. Passphrases are never
/// accepted in arguments or environment variable values.
#[derive(Debug, Parser)]
#[command(
    name = "tvault",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts, before or after the command name.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The vault directory [default: the current directory, if it is a vault]
    #[arg(
        long,
        global = true,
        env = "TVAULT_VAULT",
        value_name = "DIR",
        hide_env_values = true
    )]
    pub vault: Option<PathBuf>,

    /// Unlock with an age identity file (AGE-SECRET-KEY-1... lines) or an unencrypted SSH
    /// private key that the vault was shared with
    #[arg(
        long,
        global = true,
        env = "TVAULT_IDENTITY",
        value_name = "FILE",
        hide_env_values = true
    )]
    pub identity: Option<PathBuf>,

    /// Unlock with the passphrase on the first line of FILE
    #[arg(
        long,
        global = true,
        env = "TVAULT_PASSPHRASE_FILE",
        value_name = "FILE",
        hide_env_values = true
    )]
    pub passphrase_file: Option<PathBuf>,

    /// Machine-readable output: JSON Lines, or one JSON object for `show`
    #[arg(long, global = true)]
    pub json: bool,

    /// Interface language: en, be or ru [default: TVAULT_LANG, else the locale, else en]
    #[arg(long, global = true, value_name = "LANG",
          value_parser = clap::builder::PossibleValuesParser::new(["en", "be", "ru"]))]
    pub lang: Option<String>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault in an empty or absent directory; prints its public fingerprint
    Init(InitArgs),
    /// Add testimonies from a JSON file or stdin, or by a guided prompt on a terminal; prints the
    /// new record ids
    Add(AddArgs),
    /// List every current record
    List(ListArgs),
    /// Show one record (an unambiguous id prefix of 6 or more characters is accepted)
    #[command(disable_version_flag = true)]
    Show(ShowArgs),
    /// Search the records' metadata (decrypted in memory only); prints matching records, most
    /// recent act first
    Search(SearchArgs),
    /// Export redacted summaries of the matching records (all without a query) for one purpose,
    /// as the witnesses' consent allows
    Export(ExportArgs),
    /// Rebuild the encrypted search index from the records
    Reindex(ReindexArgs),
    /// Change the passphrase without rewriting any record
    Passwd(PasswdArgs),
    /// Check every file against the integrity journal; exit 1 if anything is wrong
    Verify(VerifyArgs),
    /// Describe the vault: id, formats, record count, recipients, passphrase strength, index and
    /// journal state (decrypts nothing but the key slot, config, journal and index)
    Info(InfoArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(CompletionsArgs),
    /// Print the man page (roff) on standard output
    Man(ManArgs),
    /// List, add or remove the organisation recovery keys that can open the vault
    Recipients(RecipientsArgs),
    /// Re-encrypt the whole vault to a new key (new identity and MAC key), so that no old key
    /// slot, recovery key or copied identity opens it any more; prints the new fingerprint
    Rekey(RekeyArgs),
    /// Destroy the vault: overwrite and remove its key slots first, then every other file
    Destroy(DestroyArgs),
    /// Run every command on a throwaway vault of fictional testimonies, then remove it
    Demo(DemoArgs),
    /// Measure add, search, list, export and verify on synthetic vaults (a Markdown report)
    Bench(BenchArgs),
    /// Write a new version of a record from JSON (a complete record, or a partial one applied as
    /// a JSON merge patch), or in an editor on a terminal
    Edit(EditArgs),
    /// List the versions of a record: when, what (created, edited, deleted, conflict) and which
    /// fields changed
    History(HistoryArgs),
    /// Delete a record: a new version marks it deleted (hidden from list, search and export; its
    /// history stays until a purge)
    Delete(DeleteArgs),
    /// Remove every version and attachment of a record for good
    Purge(PurgeArgs),
    /// Take into this vault what another copy of it has and this one lacks (or, with --import,
    /// the records of another vault)
    Merge(MergeArgs),
    /// Attach files to a record (a new version of it); prints the new attachments' indices, one
    /// per line
    Attach(AttachArgs),
    /// Restore an attachment's original exactly, checking its SHA-256 on the way out
    Extract(ExtractArgs),
    /// Print the chain of custody of a record's attachments (intake, extractions, exports) as
    /// a table, or JSON Lines with --json
    Custody(CustodyArgs),
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// A recovery public key (age1..., ssh-ed25519/ssh-rsa ..., or a plugin key such as
    /// age1yubikey1...) that can also open the vault; repeatable
    #[arg(long = "recipient", short = 'r', value_name = "RECIPIENT")]
    pub recipients: Vec<String>,

    /// A file of recovery public keys, one per line (# comments allowed)
    #[arg(long = "recipients-file", short = 'R', value_name = "FILE")]
    pub recipients_files: Vec<PathBuf>,

    /// scrypt work factor of the passphrase (log2 N): 18 takes about a second; lower values are
    /// only for tests
    #[arg(long, value_name = "N", default_value_t = tvault_default_work_factor(),
          value_parser = clap::value_parser!(u8).range(i64::from(crate::crypto::MIN_WORK_FACTOR)..=i64::from(crate::crypto::MAX_WORK_FACTOR)))]
    pub work_factor: u8,
}

fn tvault_default_work_factor() -> u8 {
    crate::crypto::DEFAULT_WORK_FACTOR
}

/// Arguments of `add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// JSON input: one record, an array of records, or JSON Lines; `-` reads stdin
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// Attach a file to the new record (repeatable; the input must hold exactly one record): it
    /// is streamed into the vault encrypted, its SHA-256 taken on the way in
    #[arg(long, value_name = "PATH")]
    pub attach: Vec<PathBuf>,

    /// After the attached files are stored and checked, overwrite and remove the originals
    /// (flash media and journaling file systems may still keep copies)
    #[arg(long, requires = "attach")]
    pub shred_original: bool,
}

/// Arguments of `attach`.
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// Record id, or an unambiguous prefix of at least 6 characters
    pub id: String,

    /// The files to attach
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// After the files are stored and checked, overwrite and remove the originals (flash media
    /// and journaling file systems may still keep copies)
    #[arg(long)]
    pub shred_original: bool,
}

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Record id, or an unambiguous prefix of at least 6 characters
    pub id: String,

    /// The attachment: its 1-based index (as `show` lists them) or its file name
    #[arg(value_name = "ATTACHMENT")]
    pub attachment: String,

    /// Write the original to FILE (`-`: standard output, never a terminal); never inside the
    /// vault
    #[arg(long, value_name = "FILE", required = true)]
    pub out: PathBuf,

    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `custody`.
#[derive(Debug, Args)]
pub struct CustodyArgs {
    /// Record id, or an unambiguous prefix of at least 6 characters
    pub id: String,
}

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Record id, or an unambiguous prefix of at least 6 characters
    pub id: String,

    /// Show version N of the record (versions count from 1; `history` lists them)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub version: Option<u64>,
}

/// Arguments of `edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Record id, or an unambiguous prefix of at least 6 characters
    pub id: String,

    /// JSON input: a complete record (replaces the current version; `show --json` output is
    /// accepted) or a partial one (a JSON merge patch: given fields replace, null removes); `-`
    /// reads stdin [default: an editor, on a terminal]
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// Apply the input as a JSON merge patch even when it names witness.names
    #[arg(long)]
    pub patch: bool,
}

/// Arguments of `history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Record id, or an unambiguous prefix of at least 6 characters
    pub id: String,
}

/// Arguments of `delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Record id, or an unambiguous prefix of at least 6 characters
    pub id: String,
}

/// Arguments of `purge`.
#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Record id, or an unambiguous prefix of at least 6 characters
    pub id: String,

    /// Do not ask for confirmation on a terminal (scripts are never asked)
    #[arg(long)]
    pub yes: bool,
}

/// Arguments of `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The other vault directory (another copy of this vault, or with --import another vault)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// DIR is a different vault: re-encrypt its current records into this one under new ids
    /// (prints OLD-ID -> NEW-ID lines)
    #[arg(long)]
    pub import: bool,

    /// With --import: unlock the other vault with this identity file [default: the same
    /// credentials as this vault, else a prompt]
    #[arg(long, value_name = "FILE", requires = "import")]
    pub from_identity: Option<PathBuf>,

    /// With --import: unlock the other vault with the passphrase on the first line of FILE
    #[arg(long, value_name = "FILE", requires = "import")]
    pub from_passphrase_file: Option<PathBuf>,
}

/// Arguments of `search`.
#[derive(Debug, Args)]
#[command(
    after_help = "QUERY: words are ANDed; -word negates; \"a phrase\" matches a phrase; \
field:value restricts to a field (name, status, act, place, union, employer, perpetrator, charge, \
tag, purpose, risk); date:FROM..TO matches acts whose dates overlap (either side may be empty; \
YYYY, YYYY-MM or YYYY-MM-DD). Matching ignores case and diacritics, meets Cyrillic and Latin \
spellings of a name, and tolerates Slavic inflection.\n\nExamples:\n  tvault search Лукашэвіч\n  \
tvault search union:BITU status:convicted_in_absentia date:2022..\n  \
tvault search perpetrator:GUBOPiK act:interrogation place:Salihorsk"
)]
pub struct SearchArgs {
    /// The query (see below); no query lists every record
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Also search the narrative (slower: decrypts each record)
    #[arg(long)]
    pub narrative: bool,

    /// Print at most N records
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
#[command(
    after_help = "For each matching record, its consent for --purpose decides: none, no_use or \
aggregate_only: withheld (counted, never listed); anonymous: no name (`Witness 1`, ...); pseudonym: \
the record's pseudonym or a stable one derived from a vault secret; named_limited: the primary name \
is kept; named_full: also full dates and places. Whatever the level, contacts, whereabouts, \
residence, third parties, interviewers, sensitive terms, phone numbers, e-mail addresses, handles, \
ID numbers, addresses and plates are removed from every field and from free text, and officials \
are removed unless the purpose is accountability. The finished output is re-scanned; if anything \
is left, nothing is written and the record is named. docs/EXPORT.md explains every rule.\n\n\
The export is plaintext: it is never printed to a terminal unless you pass --out -.\n\n\
Examples:\n  tvault export --purpose ilo_cfa --format md --out ilo.md --report ilo-report.json\n  \
tvault export union:BITU date:2022.. --purpose ohchr --format json --out ohchr.json"
)]
pub struct ExportArgs {
    /// The query, as for `search`; no query exports every record
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// What the export is for; each record's consent for this purpose decides what leaves
    #[arg(long, value_name = "PURPOSE", required = true,
          value_parser = clap::builder::PossibleValuesParser::new(crate::record::Purpose::NAMES))]
    pub purpose: String,

    /// Output format
    #[arg(long, value_name = "FORMAT", default_value = "json",
          value_parser = clap::builder::PossibleValuesParser::new(["json", "csv", "md"]))]
    pub format: String,

    /// Write the export to FILE (`-`: standard output, even a terminal) [default: standard
    /// output, unless it is a terminal]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Also write a redaction report (JSON: counts by kind and record, withheld records by
    /// reason, generalisations; never a removed value) to FILE
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Replace FILE of --out and --report if it exists
    #[arg(long)]
    pub force: bool,

    /// Include the testimony itself (redacted like every other text)
    #[arg(long)]
    pub include_narrative: bool,

    /// Do not remove names that nobody listed in a record but that look like names
    #[arg(long)]
    pub keep_unlisted_names: bool,

    /// Let the query also search the narrative (slower: decrypts each record)
    #[arg(long)]
    pub narrative: bool,
}

/// Arguments of `reindex`.
#[derive(Debug, Args)]
pub struct ReindexArgs {}

/// Arguments of `passwd`.
#[derive(Debug, Args)]
pub struct PasswdArgs {
    /// Read the new passphrase from the first line of FILE instead of prompting twice
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,

    /// scrypt work factor for the new passphrase [default: keep the current one]
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u8).range(i64::from(crate::crypto::MIN_WORK_FACTOR)..=i64::from(crate::crypto::MAX_WORK_FACTOR)))]
    pub work_factor: Option<u8>,
}

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Also decrypt and re-validate every record, and decrypt every attachment to check its
    /// original's SHA-256
    #[arg(long)]
    pub deep: bool,

    /// The journal head fingerprint written down after an earlier verify: detects a rollback of
    /// the whole vault to an earlier state
    #[arg(long, value_name = "FINGERPRINT")]
    pub expect: Option<String>,
}

/// Arguments of `info`.
#[derive(Debug, Args)]
pub struct InfoArgs {}

/// Arguments of `completions`.
#[derive(Debug, Args)]
#[command(after_help = "Install, for example:\n  \
bash: tvault completions bash > ~/.local/share/bash-completion/completions/tvault\n  \
zsh:  tvault completions zsh > ~/.zfunc/_tvault   (with fpath+=~/.zfunc before compinit)\n  \
fish: tvault completions fish > ~/.config/fish/completions/tvault.fish")]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `man`.
#[derive(Debug, Args)]
#[command(after_help = "Install, for example: tvault man > ~/.local/share/man/man1/tvault.1")]
pub struct ManArgs {}

/// Arguments of `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Sizes of the synthetic vaults, in records; repeatable
    #[arg(long = "records", value_name = "N", default_values_t = [10_000usize])]
    pub records: Vec<usize>,

    /// Runs of each timed command (the median is reported)
    #[arg(long, value_name = "K", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub runs: u32,

    /// Size in MiB of the synthetic file for the attachment benchmark (attach and extract
    /// against `rage` encrypting and decrypting the same file); 0 skips it
    #[arg(long, value_name = "MIB", default_value_t = 1024)]
    pub attachment_mib: u64,

    /// The `rage` binary to compare attachments with [default: `rage` on PATH]
    #[arg(long, value_name = "FILE")]
    pub rage: Option<PathBuf>,
}

/// Arguments of `recipients`.
#[derive(Debug, Args)]
pub struct RecipientsArgs {
    #[command(subcommand)]
    pub action: RecipientsAction,
}

/// What `recipients` does.
#[derive(Debug, Subcommand)]
pub enum RecipientsAction {
    /// Print the recovery recipients (public keys), one per line
    List(RecipientsListArgs),
    /// Add recovery recipients; rewrites only the recipients key slot, no record
    Add(RecipientsAddArgs),
    /// Remove recovery recipients; with --rekey also re-encrypts the whole vault, since a
    /// removed key may still hold an old copy of the key slot
    Remove(RecipientsRemoveArgs),
}

/// Arguments of `recipients list`.
#[derive(Debug, Args)]
pub struct RecipientsListArgs {}

/// Arguments of `recipients add`.
#[derive(Debug, Args)]
pub struct RecipientsAddArgs {
    /// Public keys to add (age1..., ssh-ed25519/ssh-rsa ..., or a plugin key such as
    /// age1yubikey1...)
    #[arg(value_name = "RECIPIENT")]
    pub recipients: Vec<String>,

    /// A file of public keys to add, one per line (# comments allowed)
    #[arg(long = "recipients-file", short = 'R', value_name = "FILE")]
    pub recipients_files: Vec<PathBuf>,
}

/// Arguments of `recipients remove`.
#[derive(Debug, Args)]
pub struct RecipientsRemoveArgs {
    /// Public keys to remove, as `recipients list` prints them
    #[arg(value_name = "RECIPIENT", required = true)]
    pub recipients: Vec<String>,

    /// Also rekey the vault, so that the removed keys open nothing, not even old copies
    #[arg(long)]
    pub rekey: bool,
}

/// Arguments of `rekey`.
#[derive(Debug, Args)]
#[command(
    after_help = "The passphrase and the recovery recipients stay as they are. A rekey \
killed half way is finished (or, if it had not reached its commit, forgotten) by the next tvault \
command; the vault is never half old, half new. Old copies of the vault (on other sticks, in \
backups) still open with the old keys: destroy them or keep them as safe as before."
)]
pub struct RekeyArgs {}

/// Arguments of `destroy`.
#[derive(Debug, Args)]
#[command(
    after_help = "Without --yes, destroy unlocks the vault and asks you to type its id. \
With --yes it asks nothing and needs no key. Overwriting cannot be guaranteed on flash media \
(USB sticks, SSDs, SD cards), and copies of the vault elsewhere still open with their keys."
)]
pub struct DestroyArgs {
    /// Do not ask; destroy at once (no passphrase or identity needed)
    #[arg(long)]
    pub yes: bool,
}

/// Arguments of `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the demo vault in this (empty or absent) directory instead of removing it; its
    /// passphrase file is written next to it
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
}
