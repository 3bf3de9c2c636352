//! `tvault demo`: runs the real `tvault` binary through every command on a throwaway vault of
//! fictional testimonies, printing each command and its output, then removes the vault.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use age::secrecy::ExposeSecret;

use super::args::{DemoArgs, GlobalArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::crypto::VaultIdentity;
use crate::demo::TESTIMONIES;
use crate::tr;
use crate::vault::store;

struct Demo<'a> {
    exe: PathBuf,
    ui: &'a mut Ui,
}

struct Output {
    code: i32,
    stdout: String,
}

impl Demo<'_> {
    /// A narration paragraph, as `#` comment lines of at most 96 columns.
    fn say(&mut self, text: &str) -> Result<(), CliError> {
        self.ui.line("")?;
        let mut line = String::new();
        for word in text.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 94 {
                self.ui.line(&format!("# {line}"))?;
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        self.ui.line(&format!("# {line}"))
    }

    /// Runs `tvault ARGS` (with `stdin` piped in if given), echoing command and output.
    fn run(
        &mut self,
        shown: &str,
        args: &[&str],
        stdin: Option<&str>,
        max_lines: usize,
    ) -> Result<Output, CliError> {
        self.ui.line(&format!("$ tvault {shown}"))?;
        let mut command = Command::new(&self.exe);
        command
            .args(args)
            .env_remove("TVAULT_VAULT")
            .env_remove("TVAULT_IDENTITY")
            .env_remove("TVAULT_PASSPHRASE_FILE")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .map_err(|e| CliError::failure(format!("cannot run tvault: {e}")))?;
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            pipe.write_all(text.as_bytes())
                .map_err(|e| CliError::failure(format!("demo input: {e}")))?;
        }
        let out = child
            .wait_with_output()
            .map_err(|e| CliError::failure(format!("cannot run tvault: {e}")))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let lines: Vec<&str> = stdout.lines().collect();
        for line in lines.iter().take(max_lines) {
            let line = self.ui.text(line).into_owned();
            self.ui.line(&line)?;
        }
        if lines.len() > max_lines {
            self.ui
                .line(&format!("... ({} more lines)", lines.len() - max_lines))?;
        }
        for line in String::from_utf8_lossy(&out.stderr).lines() {
            let line = self.ui.text(line).into_owned();
            self.ui.line(&format!("  [stderr] {line}"))?;
        }
        let code = out.status.code().unwrap_or(-1);
        self.ui.line(&format!("  [exit {code}]"))?;
        Ok(Output { code, stdout })
    }
}

fn write_secret_file(path: &Path, text: &str) -> Result<(), CliError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    store::write_atomic(dir, path, text.as_bytes()).map_err(CliError::from)
}

fn expect(ok: bool, what: &str) -> Result<(), CliError> {
    if ok {
        Ok(())
    } else {
        Err(CliError::failure(format!("demo step failed: {what}")))
    }
}

/// Runs `demo`.
pub fn run(_global: &GlobalArgs, args: &DemoArgs, ui: &mut Ui) -> Result<(), CliError> {
    let exe = std::env::current_exe()
        .map_err(|e| CliError::failure(format!("cannot find the tvault binary: {e}")))?;
    let temp;
    let base: PathBuf = match &args.keep {
        Some(dir) => {
            store::create_private_dir(dir)?;
            dir.clone()
        }
        None => {
            temp = tempfile::Builder::new()
                .prefix("tvault-demo-")
                .tempdir()
                .map_err(|e| {
                    CliError::failure(format!("cannot create a temporary directory: {e}"))
                })?;
            temp.path().to_path_buf()
        }
    };
    let vault = base.join("vault");
    let pw1 = base.join("passphrase.txt");
    let pw2 = base.join("new-passphrase.txt");
    let key = base.join("recovery-key.txt");
    let recovery = VaultIdentity::generate();
    write_secret_file(&pw1, unlock::generate_passphrase().expose_secret())?;
    write_secret_file(&pw2, unlock::generate_passphrase().expose_secret())?;
    write_secret_file(
        &key,
        &format!(
            "# demo recovery key\n{}\n",
            recovery.to_secret_string().expose_secret()
        ),
    )?;
    let (v, p1, p2, k) = (
        vault.display().to_string(),
        pw1.display().to_string(),
        pw2.display().to_string(),
        key.display().to_string(),
    );
    let recipient = recovery.recipient_string();

    let mut demo = Demo { exe, ui };
    demo.say(&tr!("demo-intro", path = base.display().to_string()))?;

    demo.say(&tr!("demo-step-init"))?;
    let out = demo.run(
        &format!("init --vault {v} --passphrase-file {p1} --recipient {recipient}"),
        &[
            "init",
            "--vault",
            &v,
            "--passphrase-file",
            &p1,
            "--recipient",
            &recipient,
        ],
        None,
        5,
    )?;
    expect(out.code == 0, "init")?;

    demo.say(&tr!("demo-step-add"))?;
    let out = demo.run(
        &format!("add --vault {v} --identity {k} --from - < testimonies.json"),
        &["add", "--vault", &v, "--identity", &k, "--from", "-"],
        Some(TESTIMONIES),
        5,
    )?;
    expect(out.code == 0 && out.stdout.lines().count() == 20, "add")?;
    let first = out.stdout.lines().next().unwrap_or_default().to_owned();
    let prefix = first.get(..8).unwrap_or(&first).to_owned();

    demo.say(&tr!("demo-step-list"))?;
    let out = demo.run(
        &format!("list --vault {v} --identity {k}"),
        &["list", "--vault", &v, "--identity", &k],
        None,
        25,
    )?;
    expect(out.code == 0, "list")?;
    demo.run(
        &format!("list --json --vault {v} --identity {k}"),
        &["list", "--json", "--vault", &v, "--identity", &k],
        None,
        1,
    )?;

    demo.say(&tr!("demo-step-show"))?;
    let out = demo.run(
        &format!("show {prefix} --vault {v} --identity {k}"),
        &["show", &prefix, "--vault", &v, "--identity", &k],
        None,
        40,
    )?;
    expect(out.code == 0, "show")?;
    demo.run(
        &format!("show {prefix} --json --vault {v} --identity {k}"),
        &["show", &prefix, "--json", "--vault", &v, "--identity", &k],
        None,
        1,
    )?;

    demo.say(&tr!("demo-step-search"))?;
    for query in [
        vec!["Laputska"],
        vec!["Лапуцьку"],
        vec!["perpetrator:KGB", "act:arrest", "-status:released"],
        vec!["union:BITU", "date:2023.."],
        vec!["purpose:ilo_cfa", "risk:high"],
    ] {
        let mut command = vec!["search"];
        command.extend(query.iter().copied());
        command.extend(["--vault", &v, "--identity", &k]);
        let out = demo.run(&command.join(" "), &command, None, 8)?;
        expect(out.code == 0, "search")?;
    }

    demo.say(&tr!("demo-step-export"))?;
    let report = base.join("ilo-report.json");
    let r = report.display().to_string();
    let out = demo.run(
        &format!(
            "export --purpose ilo_cfa --format md --include-narrative --report {r} --out - --vault {v} --identity {k}"
        ),
        &[
            "export",
            "--purpose",
            "ilo_cfa",
            "--format",
            "md",
            "--include-narrative",
            "--report",
            &r,
            "--out",
            "-",
            "--vault",
            &v,
            "--identity",
            &k,
        ],
        None,
        45,
    )?;
    expect(out.code == 0, "export")?;
    expect(
        names_absent(&out.stdout, crate::record::Purpose::IloCfa),
        "no witness who withheld their name is named in the export",
    )?;
    let text =
        std::fs::read_to_string(&report).map_err(|e| CliError::failure(format!("demo: {e}")))?;
    demo.ui.line(&format!("$ head -n 24 {r}"))?;
    for line in text.lines().take(24) {
        demo.ui.line(line)?;
    }
    let ohchr = base.join("ohchr.json");
    let o = ohchr.display().to_string();
    let out = demo.run(
        &format!("export union:BITU date:2021.. --purpose ohchr --format json --out {o} --vault {v} --identity {k}"),
        &[
            "export", "union:BITU", "date:2021..", "--purpose", "ohchr", "--format", "json", "--out",
            &o, "--vault", &v, "--identity", &k,
        ],
        None,
        5,
    )?;
    expect(out.code == 0 && ohchr.is_file(), "export by script")?;

    demo.say(&tr!("demo-step-verify"))?;
    let out = demo.run(
        &format!("verify --vault {v} --identity {k}"),
        &["verify", "--vault", &v, "--identity", &k],
        None,
        6,
    )?;
    expect(out.code == 0, "verify")?;
    let planted = vault
        .join("records")
        .join("zz")
        .join("zzplanted0000000000000000.age");
    store::create_private_dir(planted.parent().unwrap_or(&vault))?;
    std::fs::write(&planted, b"age-encryption.org/v1 forged")
        .map_err(|e| CliError::failure(format!("demo: {e}")))?;
    demo.ui
        .line(&format!("$ echo forged > {}", planted.display()))?;
    let out = demo.run(
        &format!("verify --vault {v} --identity {k}"),
        &["verify", "--vault", &v, "--identity", &k],
        None,
        6,
    )?;
    expect(out.code == 1, "verify detects a planted file")?;
    std::fs::remove_file(&planted).map_err(|e| CliError::failure(format!("demo: {e}")))?;
    let _ = std::fs::remove_dir(planted.parent().unwrap_or(&vault));
    demo.ui.line(&format!("$ rm {}", planted.display()))?;

    demo.say(&tr!("demo-step-bad-input"))?;
    let bad =
        r#"{"witness": {"names": ["Demo"], "status": "jailed"}, "acts": [{"date": "2022-13"}]}"#;
    let out = demo.run(
        &format!("add --vault {v} --identity {k} --from - <<< '{bad}'"),
        &["add", "--vault", &v, "--identity", &k, "--from", "-"],
        Some(bad),
        5,
    )?;
    expect(out.code != 0, "bad input refused")?;

    demo.say(&tr!("demo-step-passwd"))?;
    let out = demo.run(
        &format!("passwd --vault {v} --passphrase-file {p1} --new-passphrase-file {p2}"),
        &[
            "passwd",
            "--vault",
            &v,
            "--passphrase-file",
            &p1,
            "--new-passphrase-file",
            &p2,
        ],
        None,
        5,
    )?;
    expect(out.code == 0, "passwd")?;
    let out = demo.run(
        &format!("list --vault {v} --passphrase-file {p1}   # the old passphrase"),
        &["list", "--vault", &v, "--passphrase-file", &p1],
        None,
        3,
    )?;
    expect(
        out.code == 1 && out.stdout.is_empty(),
        "old passphrase refused",
    )?;
    let out = demo.run(
        &format!("list --vault {v} --passphrase-file {p2}   # the new one"),
        &["list", "--vault", &v, "--passphrase-file", &p2],
        None,
        3,
    )?;
    expect(out.code == 0, "new passphrase")?;

    edit_and_merge(&mut demo, &base, &v, &k, &prefix)?;

    demo.say(&tr!("demo-step-border"))?;
    let mut files = Vec::new();
    collect_files(&vault, &vault, &mut files);
    files.sort();
    for (name, size) in files.iter().take(12) {
        demo.ui.line(&format!("{size:>8}  {name}"))?;
    }
    if files.len() > 12 {
        demo.ui
            .line(&format!("... ({} more files)", files.len() - 12))?;
    }

    demo.say(&tr!("demo-step-age"))?;
    recover_with_stock_age(&mut demo, &vault, &key)?;

    attachments_step(&mut demo, &base, &prefix, &v, &k)?;
    keys_and_destroy(&mut demo, &base, &v, &p2, &k)?;

    match &args.keep {
        Some(dir) => demo.say(&tr!("demo-kept", path = dir.display().to_string()))?,
        None => demo.say(&tr!("demo-done"))?,
    }
    Ok(())
}

/// Steps 14 and 15: a second recovery key, the first one locked out by a rekey; an emergency
/// destroy of a copy of the vault.
fn keys_and_destroy(
    demo: &mut Demo<'_>,
    base: &Path,
    v: &str,
    pw: &str,
    old_key: &str,
) -> Result<(), CliError> {
    demo.say(&tr!("demo-step-rekey"))?;
    let second = VaultIdentity::generate();
    let second_key = base.join("new-recovery-key.txt");
    write_secret_file(
        &second_key,
        &format!(
            "# demo recovery key 2\n{}\n",
            second.to_secret_string().expose_secret()
        ),
    )?;
    let (k2, r2) = (second_key.display().to_string(), second.recipient_string());
    let old_recipient = std::fs::read_to_string(old_key)
        .ok()
        .and_then(|t| t.lines().find_map(VaultIdentity::parse))
        .map(|id| id.recipient_string())
        .unwrap_or_default();
    let out = demo.run(
        &format!("recipients add {r2} --vault {v} --passphrase-file {pw}"),
        &[
            "recipients",
            "add",
            &r2,
            "--vault",
            v,
            "--passphrase-file",
            pw,
        ],
        None,
        3,
    )?;
    expect(out.code == 0, "recipients add")?;
    let out = demo.run(
        &format!("recipients list --vault {v} --identity {k2}"),
        &["recipients", "list", "--vault", v, "--identity", &k2],
        None,
        3,
    )?;
    expect(
        out.code == 0 && out.stdout.lines().count() == 2,
        "recipients list",
    )?;
    let out = demo.run(
        &format!("recipients remove {old_recipient} --rekey --vault {v} --passphrase-file {pw}"),
        &[
            "recipients",
            "remove",
            &old_recipient,
            "--rekey",
            "--vault",
            v,
            "--passphrase-file",
            pw,
        ],
        None,
        4,
    )?;
    expect(out.code == 0, "recipients remove --rekey")?;
    let out = demo.run(
        &format!("list --vault {v} --identity {old_key}   # the old key"),
        &["list", "--vault", v, "--identity", old_key],
        None,
        3,
    )?;
    expect(out.code == 1 && out.stdout.is_empty(), "old key refused")?;
    let out = demo.run(
        &format!("verify --vault {v} --identity {k2}"),
        &["verify", "--vault", v, "--identity", &k2],
        None,
        4,
    )?;
    expect(out.code == 0, "verify after the rekey")?;

    demo.say(&tr!("demo-step-destroy"))?;
    let copy = base.join("copy-of-vault");
    copy_tree(Path::new(v), &copy)?;
    let c = copy.display().to_string();
    demo.ui.line(&format!("$ cp -r {v} {c}"))?;
    let out = demo.run(
        &format!("destroy --yes --vault {c}"),
        &["destroy", "--yes", "--vault", &c],
        None,
        6,
    )?;
    expect(out.code == 0 && !copy.exists(), "destroy")?;
    Ok(())
}

/// Copies a directory tree (the demo's vault, to destroy the copy).
/// Step 10: an edit and its history, then a copy of the vault carried on a second stick, changed
/// there, and merged back.
fn edit_and_merge(
    demo: &mut Demo<'_>,
    base: &Path,
    v: &str,
    k: &str,
    prefix: &str,
) -> Result<(), CliError> {
    demo.say(&tr!("demo-step-edit"))?;
    let patch = r#"{"witness": {"status": "released", "status_as_of": "2025-02"}}"#;
    let out = demo.run(
        &format!("edit {prefix} --vault {v} --identity {k} --from - <<< '{patch}'"),
        &["edit", prefix, "--vault", v, "--identity", k, "--from", "-"],
        Some(patch),
        3,
    )?;
    expect(out.code == 0, "edit")?;
    let out = demo.run(
        &format!("history {prefix} --vault {v} --identity {k}"),
        &["history", prefix, "--vault", v, "--identity", k],
        None,
        5,
    )?;
    expect(out.code == 0 && out.stdout.lines().count() == 3, "history")?;
    let stick = base.join("stick");
    copy_tree(Path::new(v), &stick)?;
    let s = stick.display().to_string();
    demo.ui.line(&format!("$ cp -r {v} {s}"))?;
    let note = r#"{"tags": ["sentence-served"]}"#;
    let out = demo.run(
        &format!("edit {prefix} --vault {s} --identity {k} --from - <<< '{note}'"),
        &[
            "edit",
            prefix,
            "--vault",
            &s,
            "--identity",
            k,
            "--from",
            "-",
        ],
        Some(note),
        3,
    )?;
    expect(out.code == 0, "edit on the copy")?;
    let new = r#"{"witness": {"names": ["Demo Witness On The Stick"]}, "consent": [{"purpose": "internal", "level": "named_full"}]}"#;
    let out = demo.run(
        &format!("add --vault {s} --identity {k} --from - <<< '{new}'"),
        &["add", "--vault", &s, "--identity", k, "--from", "-"],
        Some(new),
        3,
    )?;
    expect(out.code == 0, "add on the copy")?;
    let out = demo.run(
        &format!("merge {s} --vault {v} --identity {k}"),
        &["merge", &s, "--vault", v, "--identity", k],
        None,
        3,
    )?;
    expect(out.code == 0, "merge")?;
    let out = demo.run(
        &format!("history {prefix} --vault {v} --identity {k}"),
        &["history", prefix, "--vault", v, "--identity", k],
        None,
        5,
    )?;
    expect(
        out.code == 0 && out.stdout.lines().count() == 4,
        "history after merge",
    )?;
    let out = demo.run(
        &format!("verify --vault {v} --identity {k}"),
        &["verify", "--vault", v, "--identity", k],
        None,
        3,
    )?;
    expect(out.code == 0, "verify after merge")?;
    std::fs::remove_dir_all(&stick).map_err(|e| CliError::failure(format!("demo: {e}")))?;
    Ok(())
}

/// Copies a directory tree (the demo's "second stick").
fn copy_tree(from: &Path, to: &Path) -> Result<(), CliError> {
    let fail = |e: std::io::Error| CliError::failure(format!("demo: {e}"));
    store::create_private_dir(to)?;
    for entry in std::fs::read_dir(from).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(fail)?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(fail)?;
        }
    }
    Ok(())
}

/// A fictional voice recording (a WAV file of a quiet tone) goes in with its SHA-256 taken at
/// intake, comes back out bit for bit, and every handling is in the custody log.
fn attachments_step(
    demo: &mut Demo<'_>,
    base: &Path,
    prefix: &str,
    v: &str,
    k: &str,
) -> Result<(), CliError> {
    demo.say(&tr!("demo-step-attach"))?;
    let recording = base.join("interview-2024-03-02.wav");
    let samples = 8000 * 12; // 12 s of 8 kHz, 8-bit mono
    let mut wav = Vec::with_capacity(44 + samples);
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + samples as u32).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&[16, 0, 0, 0, 1, 0, 1, 0]);
    wav.extend_from_slice(&8000u32.to_le_bytes());
    wav.extend_from_slice(&8000u32.to_le_bytes());
    wav.extend_from_slice(&[1, 0, 8, 0]);
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&(samples as u32).to_le_bytes());
    wav.extend((0..samples).map(|i| (128.0 + 20.0 * (i as f64 * 0.2).sin()) as u8));
    std::fs::write(&recording, &wav).map_err(|e| CliError::failure(format!("demo: {e}")))?;
    let sha = crate::vault::journal::hex(&crate::crypto::sha256(&wav));
    demo.ui.line(&format!(
        "$ sha256sum {}\n{sha}  (the original)",
        recording.display()
    ))?;
    let r = recording.display().to_string();
    let out = demo.run(
        &format!("attach {prefix} {r} --vault {v} --identity {k}"),
        &["attach", prefix, &r, "--vault", v, "--identity", k],
        None,
        3,
    )?;
    expect(out.code == 0 && out.stdout.trim() == "1", "attach")?;
    let out = demo.run(
        &format!("show {prefix} --vault {v} --identity {k}   # (last lines)"),
        &["show", prefix, "--vault", v, "--identity", k],
        None,
        0,
    )?;
    expect(
        out.code == 0 && out.stdout.contains(&sha),
        "show lists the attachment",
    )?;
    for line in out.stdout.lines().filter(|l| l.contains("sha256:")) {
        let line = demo.ui.text(line).into_owned();
        demo.ui.line(&line)?;
    }
    let restored = base.join("restored.wav");
    let o = restored.display().to_string();
    let out = demo.run(
        &format!("extract {prefix} 1 --out {o} --vault {v} --identity {k}"),
        &[
            "extract",
            prefix,
            "1",
            "--out",
            &o,
            "--vault",
            v,
            "--identity",
            k,
        ],
        None,
        3,
    )?;
    let back = std::fs::read(&restored).unwrap_or_default();
    let back_sha = crate::vault::journal::hex(&crate::crypto::sha256(&back));
    demo.ui
        .line(&format!("$ sha256sum {o}\n{back_sha}  (the restored file)"))?;
    expect(
        out.code == 0 && back == wav,
        "extract gives back the original",
    )?;
    let out = demo.run(
        &format!("custody {prefix} --vault {v} --identity {k}"),
        &["custody", prefix, "--vault", v, "--identity", k],
        None,
        6,
    )?;
    expect(out.code == 0 && out.stdout.lines().count() == 3, "custody")?;
    let _ = std::fs::remove_file(&restored);
    let _ = std::fs::remove_file(&recording);
    Ok(())
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(String, u64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(root, &path, out);
        } else if let Ok(meta) = entry.metadata() {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push((name, meta.len()));
        }
    }
}

fn recover_with_stock_age(demo: &mut Demo<'_>, vault: &Path, key: &Path) -> Result<(), CliError> {
    let age_ok = Command::new("age")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !age_ok.is_ok_and(|s| s.success()) {
        demo.ui
            .line("(the `age` tool is not installed here; skipped)")?;
        return Ok(());
    }
    let slot = vault.join("keys").join("recipients.age");
    demo.ui.line(&format!(
        "$ age -d -i {} {} > slot.txt",
        key.display(),
        slot.display()
    ))?;
    let out = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(key)
        .arg(&slot)
        .output()
        .map_err(|e| CliError::failure(format!("cannot run age: {e}")))?;
    expect(out.status.success(), "age opens the recipients slot")?;
    let mut files = Vec::new();
    collect_files(&vault.join("records"), &vault.join("records"), &mut files);
    files.sort();
    let Some((record, _)) = files.first() else {
        return Ok(());
    };
    let record = vault.join("records").join(record);
    // The decrypted slot is an identity file; pass it on a pipe, never through the disk.
    demo.ui.line(&format!(
        "$ age -d -i slot.txt {} | (any CBOR decoder)",
        record.display()
    ))?;
    let mut child = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg("-")
        .arg(&record)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| CliError::failure(format!("cannot run age: {e}")))?;
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(&out.stdout)
            .map_err(|e| CliError::failure(format!("age: {e}")))?;
    }
    let plain = child
        .wait_with_output()
        .map_err(|e| CliError::failure(format!("age: {e}")))?;
    expect(plain.status.success(), "age opens a record")?;
    let value: Result<ciborium::Value, _> = ciborium::from_reader(&plain.stdout[..]);
    let keys: Vec<String> = value
        .ok()
        .and_then(|v| {
            v.as_map().map(|m| {
                m.iter()
                    .filter_map(|(k, _)| k.as_text().map(str::to_owned))
                    .collect()
            })
        })
        .unwrap_or_default();
    expect(!keys.is_empty(), "record decodes as CBOR")?;
    demo.ui.line(&format!(
        "{} bytes of CBOR, a map with keys: {}",
        plain.stdout.len(),
        keys.join(", ")
    ))?;
    Ok(())
}

/// Whether no witness of the demo data who consented to `purpose` only anonymously or under a
/// pseudonym is named in `export` (any word of any of their names, ignoring case): the demo
/// checks its own export as a rapporteur would read it.
fn names_absent(export: &str, purpose: crate::record::Purpose) -> bool {
    use crate::record::ConsentLevel;
    let Ok(records) = crate::record::parse_records(TESTIMONIES.as_bytes()) else {
        return false;
    };
    let text = export.to_lowercase();
    let words: Vec<&str> = crate::search::fold::words(&text);
    records
        .iter()
        .filter(|r| {
            matches!(
                r.consent_for(purpose),
                Some(ConsentLevel::Anonymous | ConsentLevel::Pseudonym)
            )
        })
        .flat_map(|r| r.witness.names.iter())
        .flat_map(|name| crate::search::fold::words(name))
        .filter(|part| part.chars().count() > 2)
        .all(|part| !words.contains(&part.to_lowercase().as_str()))
}
