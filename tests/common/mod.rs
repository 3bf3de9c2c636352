//! The hermetic test environment of the `tvault` integration tests.
//!
//! A [`TestEnv`] is one temporary directory that is also the child's HOME. It holds the vault
//! directory (`vault/`, not created until `init`), a `tmp/` directory that is the child's TMPDIR,
//! a 28-character passphrase file and an age identity file. Every command runs the real binary
//! with a cleared environment (only PATH, HOME, TMPDIR and LANG=C) and, where `setsid` exists,
//! in a new session without a controlling terminal, so that nothing can ever prompt.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use age::secrecy::ExposeSecret;
use serde_json::Value;

/// The passphrase of every test vault: 28 characters.
pub const PASSPHRASE: &str = "tvault-test-passphrase-28chr";

/// `setsid` runs the child in a new session: no controlling terminal, so no prompt can open
/// `/dev/tty`.
const SETSID: &str = "/usr/bin/setsid";

/// The scrypt work factor of every test vault (the default, 18, is far too slow for tests).
pub const WORK_FACTOR: &str = "10";

/// What one command did.
#[derive(Debug)]
pub struct Out {
    /// Exit code.
    pub code: i32,
    /// Standard output (UTF-8).
    pub stdout: String,
    /// Standard error (UTF-8).
    pub stderr: String,
}

impl Out {
    /// Asserts exit code `code`, showing both streams if it differs.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}, got {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Asserts success (exit 0, no `error:` or `warning:` on stderr) and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        self.code(0);
        assert!(
            !self.stderr.contains("error") && !self.stderr.contains("warning"),
            "a successful command reported a problem:\n{}",
            self.stderr
        );
        &self.stdout
    }

    /// Asserts exit `code` with nothing on stdout, and on stderr exactly what SPEC.md allows:
    /// one `error:` line, plus an optional `hint:` line, together containing `needle`. Returns
    /// stderr.
    #[track_caller]
    pub fn fails(&self, code: i32, needle: &str) -> &str {
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert!(
            matches!(lines.len(), 1 | 2) && lines.get(1).is_none_or(|l| l.starts_with("hint: ")),
            "stderr is not one error line and an optional hint:\n{}",
            self.stderr
        );
        self.fails_clap(code, needle)
    }

    /// As [`Out::fails`], for the usage errors that clap itself reports (its message is
    /// followed by a blank line and "For more information, try '--help'.").
    #[track_caller]
    pub fn fails_clap(&self, code: i32, needle: &str) -> &str {
        self.code(code);
        assert_eq!(self.stdout, "", "a failed command wrote to stdout");
        assert!(
            self.stderr.starts_with("error: "),
            "stderr does not start with `error: `:\n{}",
            self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "stderr does not mention {needle:?}:\n{}",
            self.stderr
        );
        &self.stderr
    }

    /// Stdout's lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// One invocation of `tvault` being built.
pub struct Run<'a> {
    env: &'a TestEnv,
    args: Vec<OsString>,
    vars: Vec<(&'static str, OsString)>,
    cwd: Option<PathBuf>,
    stdin: Option<Vec<u8>>,
}

impl Run<'_> {
    /// Adds arguments.
    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Adds one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// Sets an environment variable for the child (on top of the hermetic base).
    pub fn env(mut self, key: &'static str, value: impl AsRef<OsStr>) -> Self {
        self.vars.push((key, value.as_ref().to_owned()));
        self
    }

    /// Runs the child in `dir` (default: the test's root directory, which is not a vault).
    pub fn cwd(mut self, dir: impl AsRef<Path>) -> Self {
        self.cwd = Some(dir.as_ref().to_owned());
        self
    }

    /// Feeds `bytes` to the child's stdin (default: /dev/null).
    pub fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(bytes.as_ref().to_vec());
        self
    }

    /// Runs the command to completion.
    pub fn output(self) -> Out {
        let exe = env!("CARGO_BIN_EXE_tvault");
        let mut command = self.env.command(exe);
        command
            .args(&self.args)
            .current_dir(self.cwd.as_deref().unwrap_or(self.env.root()));
        for (key, value) in &self.vars {
            command.env(key, value);
        }
        run_to_end(command, self.stdin.as_deref())
    }
}

fn run_to_end(mut command: Command, stdin: Option<&[u8]>) -> Out {
    command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin was piped");
        // The child may exit before reading everything (a usage error); that is not a failure
        // of the test.
        let _ = pipe.write_all(bytes);
    }
    let output = child.wait_with_output().expect("waiting for the child");
    Out {
        code: output
            .status
            .code()
            .unwrap_or_else(|| panic!("{command:?} was killed: {:?}", output.status)),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Finds an executable on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// An age identity: its file and its public recipient.
pub struct Identity {
    /// The identity file (`AGE-SECRET-KEY-1...`, or an SSH private key).
    pub file: PathBuf,
    /// `age1...` (or `ssh-ed25519 ...`).
    pub recipient: String,
}

/// A temporary, hermetic home for one test.
pub struct TestEnv {
    root: tempfile::TempDir,
    /// The vault directory (absent until `init`).
    pub vault: PathBuf,
    /// The child's TMPDIR.
    pub tmp: PathBuf,
    /// A file holding [`PASSPHRASE`].
    pub passphrase_file: PathBuf,
    /// An age identity of this test (not yet known to any vault).
    pub identity: Identity,
}

impl TestEnv {
    /// A fresh environment with a passphrase file and an identity.
    pub fn new() -> Self {
        assert_eq!(PASSPHRASE.chars().count(), 28);
        let root = tempfile::Builder::new()
            .prefix("tvault-test-")
            .tempdir()
            .expect("creating a temporary directory");
        let path = root.path().to_owned();
        let tmp = path.join("tmp");
        fs::create_dir(&tmp).expect("creating tmp/");
        let passphrase_file = path.join("passphrase.txt");
        fs::write(&passphrase_file, format!("{PASSPHRASE}\n")).expect("writing the passphrase");
        let mut env = TestEnv {
            vault: path.join("vault"),
            tmp,
            passphrase_file,
            identity: Identity {
                file: PathBuf::new(),
                recipient: String::new(),
            },
            root,
        };
        env.identity = env.new_identity("identity.txt");
        env
    }

    /// The test's root directory (the child's HOME and default working directory).
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// Whether commands run without a controlling terminal. Without `setsid` a test run from a
    /// terminal would let the child prompt on it (and hang), so tests of the no-terminal
    /// behaviour skip themselves.
    pub fn no_terminal(&self) -> bool {
        Path::new(SETSID).exists()
            || fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .is_err()
    }

    /// A hermetic command running `program` (under `setsid -w` where available).
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = if Path::new(SETSID).exists() {
            let mut c = Command::new(SETSID);
            c.arg("-w").arg(program);
            c
        } else {
            Command::new(program)
        };
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root())
            .env("TMPDIR", &self.tmp)
            .env("LANG", "C")
            .current_dir(self.root());
        command
    }

    /// Runs another program (age, ssh-keygen) hermetically.
    pub fn run_program<S: AsRef<OsStr>>(
        &self,
        program: &Path,
        args: impl IntoIterator<Item = S>,
    ) -> Out {
        let mut command = self.command(program);
        command.args(args);
        run_to_end(command, None)
    }

    /// The stock `age` tool (at `age`) decrypting the vault's recipients key slot with this
    /// environment's identity: the first step of recovering a vault by hand (docs/FORMAT.md).
    pub fn age_decrypt_recipients_slot(&self, age: &Path) -> Out {
        self.run_program(
            age,
            [
                OsStr::new("-d"),
                OsStr::new("-i"),
                self.identity.file.as_os_str(),
                self.vault.join("keys/recipients.age").as_os_str(),
            ],
        )
    }

    /// A `tvault` command with `args`.
    pub fn tvault<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Run<'_> {
        Run {
            env: self,
            args: Vec::new(),
            vars: Vec::new(),
            cwd: None,
            stdin: None,
        }
        .args(args)
    }

    /// `--vault VAULT --passphrase-file PASSPHRASE_FILE` followed by `args`.
    pub fn with_passphrase(&self, args: &[&str]) -> Run<'_> {
        self.tvault(args).args([
            "--vault".as_ref(),
            self.vault.as_os_str(),
            "--passphrase-file".as_ref(),
            self.passphrase_file.as_os_str(),
        ])
    }

    /// `--vault VAULT --identity FILE` followed by `args`.
    pub fn with_identity(&self, file: &Path, args: &[&str]) -> Run<'_> {
        self.tvault(args).args([
            "--vault".as_ref(),
            self.vault.as_os_str(),
            "--identity".as_ref(),
            file.as_os_str(),
        ])
    }

    /// `init` with the passphrase, work factor 10 and `extra`; asserts success and returns the
    /// fingerprint.
    pub fn init_with(&self, extra: &[&str]) -> String {
        let out = self
            .with_passphrase(&["init", "--work-factor", WORK_FACTOR])
            .args(extra)
            .output();
        let stdout = out.ok();
        assert!(out.stderr.contains("created vault"), "{}", out.stderr);
        let fingerprint = stdout.trim_end().to_owned();
        assert!(
            is_fingerprint(&fingerprint),
            "not a fingerprint: {stdout:?}"
        );
        fingerprint
    }

    /// `init` with the passphrase only.
    pub fn init(&self) -> String {
        self.init_with(&[])
    }

    /// `init` with the passphrase and this test's identity as a recipient.
    pub fn init_with_identity(&self) -> String {
        let recipient = self.identity.recipient.clone();
        self.init_with(&["--recipient", &recipient])
    }

    /// Adds records from `input` (stdin) with the passphrase; asserts success and returns the
    /// new ids.
    pub fn add(&self, input: &str) -> Vec<String> {
        let out = self
            .with_passphrase(&["add", "--from", "-"])
            .stdin(input)
            .output();
        let ids: Vec<String> = out.ok().lines().map(str::to_owned).collect();
        for id in &ids {
            assert!(is_record_id(id), "not a record id: {id:?}");
        }
        assert!(
            out.stderr.contains(&format!("added {} record", ids.len())),
            "{}",
            out.stderr
        );
        ids
    }

    /// Every record as `list --json` prints it.
    pub fn list_json(&self) -> Vec<Value> {
        self.with_passphrase(&["list", "--json"])
            .output()
            .ok()
            .lines()
            .map(|line| serde_json::from_str(line).expect("list --json prints JSON Lines"))
            .collect()
    }

    /// `show --json ID` as a JSON value.
    pub fn show_json(&self, id: &str) -> Value {
        let out = self.with_passphrase(&["show", "--json", id]).output();
        let stdout = out.ok();
        assert_eq!(stdout.lines().count(), 1, "show --json prints one line");
        serde_json::from_str(stdout).expect("show --json prints JSON")
    }

    /// Every record file (`records/XX/NAME.age`), sorted.
    pub fn record_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = files_under(&self.vault.join("records"))
            .into_iter()
            .filter(|p| p.extension() == Some(OsStr::new("age")))
            .collect();
        files.sort();
        files
    }

    /// Writes `contents` to `name` in the test's root and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(name);
        fs::write(&path, contents).expect("writing a test file");
        path
    }

    /// A new age identity in the file `name`: made by `age-keygen` where it is installed,
    /// otherwise by the library.
    pub fn new_identity(&self, name: &str) -> Identity {
        let file = self.root().join(name);
        if let Some(keygen) = which("age-keygen") {
            let out = self.run_program(&keygen, [OsStr::new("-o"), file.as_os_str()]);
            out.code(0);
            let text = fs::read_to_string(&file).expect("reading the identity");
            let recipient = text
                .lines()
                .find_map(|l| l.strip_prefix("# public key: "))
                .expect("age-keygen writes the public key")
                .to_owned();
            return Identity { file, recipient };
        }
        let id = tvault::crypto::VaultIdentity::generate();
        let recipient = id.recipient_string();
        fs::write(
            &file,
            format!(
                "# created by the tvault tests\n# public key: {recipient}\n{}\n",
                id.to_secret_string().expose_secret()
            ),
        )
        .expect("writing the identity");
        Identity { file, recipient }
    }
}

/// Every regular file under `dir`, recursively (symlinks are not followed).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry.expect("reading a directory entry");
            let kind = entry.file_type().expect("file type");
            if kind.is_dir() {
                todo.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    out
}

/// Every entry under `dir` (relative path) with the SHA-256 of each file's content (`None` for
/// directories): equal snapshots mean nothing was created, removed or changed.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<[u8; 32]>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(current) = todo.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries {
            let entry = entry.expect("reading a directory entry");
            let path = entry.path();
            let relative = path.strip_prefix(dir).expect("under dir").to_owned();
            if entry.file_type().expect("file type").is_dir() {
                out.insert(relative, None);
                todo.push(path);
            } else {
                let bytes = fs::read(&path).expect("reading a file");
                out.insert(relative, Some(tvault::crypto::sha256(&bytes)));
            }
        }
    }
    out
}

/// `tv1-xxxx-xxxx-xxxx-xxxx` with lowercase letters and digits.
pub fn is_fingerprint(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts[0] == "tv1"
        && parts[1..].iter().all(|p| {
            p.len() == 4
                && p.bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        })
}

/// A record id: 16 characters of lowercase Crockford base32.
pub fn is_record_id(s: &str) -> bool {
    s.len() == 16
        && s.bytes()
            .all(|b| b"0123456789abcdefghjkmnpqrstvwxyz".contains(&b))
}

/// `value` without the vault's own fields (`id`, `created_at`, `updated_at`, `version`).
pub fn without_metadata(value: &Value) -> Value {
    let mut value = value.clone();
    let object = value.as_object_mut().expect("a record is a JSON object");
    for key in ["id", "created_at", "updated_at", "version"] {
        object.remove(key);
    }
    value
}

/// Whether `haystack` contains `needle` as bytes.
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}
