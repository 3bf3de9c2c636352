//! Finding the vault and unlocking it: `--identity`, then `--passphrase-file`, then the terminal
//! prompt, exactly in SPEC.md's order. Passphrases never come from argv or environment values.

use std::fs;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::args::GlobalArgs;
use super::error::CliError;
use crate::crypto::{self, Identities};
use crate::tr;
use crate::vault::{self, Access, Layout, Unlock, Vault};

/// Largest passphrase or identity file read.
const MAX_SECRET_FILE: u64 = 1024 * 1024;

/// Passphrases shorter than this are refused at the prompt unless the user confirms.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// The vault directory: `--vault`/`TVAULT_VAULT`, else the current directory if it is a vault.
pub fn vault_dir(global: &GlobalArgs) -> Result<PathBuf, CliError> {
    if let Some(dir) = &global.vault {
        return Ok(dir.clone());
    }
    let cwd = std::env::current_dir()
        .map_err(|e| CliError::failure(tr!("err-cwd", reason = e.to_string())))?;
    match vault::probe(&cwd) {
        Ok(_) => return Ok(cwd),
        Err(crate::Error::NotAVault { .. }) => {}
        // A vault here that cannot be read (newer format, damaged header) says so.
        Err(e) => return Err(e.into()),
    }
    Err(CliError::usage(tr!("err-no-vault-given")).hint(tr!("hint-no-vault-given")))
}

/// Opens the vault named by the global flags, unlocking it by the first available method.
pub fn open(global: &GlobalArgs, access: Access) -> Result<Vault, CliError> {
    open_keeping_passphrase(global, access).map(|(vault, _)| vault)
}

/// Like [`open`], and gives back the passphrase when that is what opened the vault (a rekey
/// writes the new passphrase slot with it).
pub fn open_keeping_passphrase(
    global: &GlobalArgs,
    access: Access,
) -> Result<(Vault, Option<SecretString>), CliError> {
    let dir = vault_dir(global)?;
    let layout = vault::probe(&dir)?;
    if let Some(path) = &global.identity {
        let ids = read_identities(path)?;
        return Ok((Vault::open(&dir, Unlock::Identities(&ids), access)?, None));
    }
    let passphrase = match &global.passphrase_file {
        Some(path) => read_passphrase_file(path)?,
        None => {
            if !vault::has_passphrase(&layout) {
                return Err(
                    CliError::usage(tr!("err-no-passphrase-slot")).hint(tr!("hint-pass-identity"))
                );
            }
            prompt_secret(&tr!("prompt-passphrase", vault = display_root(&layout)))?
        }
    };
    let vault = Vault::open(&dir, Unlock::Passphrase(&passphrase), access)?;
    Ok((vault, Some(passphrase)))
}

fn display_root(layout: &Layout) -> String {
    layout.root().display().to_string()
}

/// Reads an identity file (age identities or an unencrypted SSH private key).
pub fn read_identities(path: &Path) -> Result<Identities, CliError> {
    let bytes = Zeroizing::new(read_small(path, &tr!("what-identity-file"))?);
    Identities::parse(&bytes).map_err(|e| {
        CliError::failure(tr!(
            "err-identity-file-path",
            path = path.display().to_string(),
            reason = e.to_string()
        ))
    })
}

/// The first line of FILE, without its line ending.
pub fn read_passphrase_file(path: &Path) -> Result<SecretString, CliError> {
    let bytes = Zeroizing::new(read_small(path, &tr!("what-passphrase-file"))?);
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        CliError::usage(tr!(
            "err-passphrase-file-utf8",
            path = path.display().to_string()
        ))
    })?;
    let first = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
    if first.is_empty() {
        return Err(CliError::usage(tr!(
            "err-passphrase-file-empty",
            path = path.display().to_string()
        )));
    }
    Ok(SecretString::from(first.to_owned()))
}

fn read_small(path: &Path, what: &str) -> Result<Vec<u8>, CliError> {
    let cannot = |e: std::io::Error| {
        CliError::usage(tr!(
            "err-cannot-read",
            what = what,
            path = path.display().to_string(),
            reason = e.to_string()
        ))
    };
    // Read at most a bit more than the limit: a size check on the metadata can be fooled by
    // special files such as /dev/zero.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_SECRET_FILE + 1), &mut bytes)
        })
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_SECRET_FILE {
        return Err(CliError::usage(tr!(
            "err-too-large",
            what = what,
            path = path.display().to_string()
        )));
    }
    Ok(bytes)
}

/// Whether there is a terminal to prompt on.
pub fn have_terminal() -> bool {
    #[cfg(unix)]
    {
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok()
    }
    #[cfg(not(unix))]
    {
        use std::io::IsTerminal;
        std::io::stdin().is_terminal()
    }
}

/// Asks for a secret on the terminal, without echo.
pub fn prompt_secret(prompt: &str) -> Result<SecretString, CliError> {
    if !have_terminal() {
        return Err(
            CliError::usage(tr!("err-no-terminal-passphrase")).hint(tr!("hint-no-terminal"))
        );
    }
    let typed = rpassword::prompt_password(prompt)
        .map_err(|e| CliError::failure(tr!("err-terminal-read", reason = e.to_string())))?;
    Ok(SecretString::from(typed))
}

/// What age plugins (hardware keys such as age-plugin-yubikey) may show and ask: messages on
/// stderr ("touch your YubiKey"), questions and PINs on the terminal; nothing without one.
pub fn plugin_ui() -> crypto::PluginUi {
    crypto::PluginUi {
        message: |message| eprintln!("{}", super::ui::sanitize(message)),
        confirm: |message, yes, no| {
            let question = format!("{message} ({yes}/{})", no.unwrap_or("no"));
            have_terminal()
                .then(|| confirm(&super::ui::sanitize(&question), true).ok())
                .flatten()
        },
        request_public: |description| {
            ask_line(&super::ui::sanitize(description))
                .ok()
                .map(|line| line.trim_end().to_owned())
        },
        request_secret: |description| prompt_secret(&super::ui::sanitize(description)).ok(),
    }
}

/// Asks for one line of (non-secret) text on the terminal.
pub fn ask_line(prompt: &str) -> Result<String, CliError> {
    let mut tty = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|_| CliError::usage(tr!("err-no-terminal-confirm")))?;
    write!(tty, "{prompt} ")
        .map_err(|e| CliError::failure(tr!("err-terminal-read", reason = e.to_string())))?;
    let mut line = String::new();
    std::io::BufReader::new(tty)
        .read_line(&mut line)
        .map_err(|e| CliError::failure(tr!("err-terminal-read", reason = e.to_string())))?;
    Ok(line)
}

/// Asks a yes/no question on the terminal; `default` is the answer to an empty line.
pub fn confirm(question: &str, default: bool) -> Result<bool, CliError> {
    let mut tty = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|_| CliError::usage(tr!("err-no-terminal-confirm")))?;
    let choices = if default {
        tr!("confirm-default-yes")
    } else {
        tr!("confirm-default-no")
    };
    write!(tty, "{question} [{choices}] ")
        .map_err(|e| CliError::failure(tr!("err-terminal-read", reason = e.to_string())))?;
    let mut line = String::new();
    std::io::BufReader::new(tty)
        .read_line(&mut line)
        .map_err(|e| CliError::failure(tr!("err-terminal-read", reason = e.to_string())))?;
    Ok(match line.trim().to_lowercase().as_str() {
        "" => default,
        answer => answer.starts_with('y') || answer.starts_with('д') || answer.starts_with('т'),
    })
}

/// A new passphrase: from `file`, or prompted twice on the terminal (empty generates one, short
/// ones need confirming). `ui_note` prints status on stderr.
pub fn new_passphrase(
    file: Option<&Path>,
    ui_note: &dyn Fn(&str),
) -> Result<SecretString, CliError> {
    if let Some(path) = file {
        let passphrase = read_passphrase_file(path)?;
        if crypto::passphrase_len(&passphrase) < MIN_PASSPHRASE_CHARS {
            ui_note(&format!(
                "warning: {}",
                tr!(
                    "warn-short-passphrase-file",
                    path = path.display().to_string(),
                    min = MIN_PASSPHRASE_CHARS
                )
            ));
        }
        return Ok(passphrase);
    }
    if !have_terminal() {
        return Err(
            CliError::usage(tr!("err-no-terminal-new-passphrase")).hint(tr!("hint-no-terminal"))
        );
    }
    let first = prompt_secret(&tr!("prompt-new-passphrase"))?;
    if first.expose_secret().is_empty() {
        let generated = generate_passphrase();
        ui_note(&tr!("note-generated-passphrase"));
        ui_note(&format!("    {}", generated.expose_secret()));
        return Ok(generated);
    }
    let len = crypto::passphrase_len(&first);
    if len < MIN_PASSPHRASE_CHARS && !confirm(&tr!("confirm-short-passphrase", len = len), false)? {
        return Err(CliError::failure(tr!("err-passphrase-too-short"))
            .hint(tr!("hint-passphrase-too-short")));
    }
    let second = prompt_secret(&tr!("prompt-repeat-passphrase"))?;
    if first.expose_secret() != second.expose_secret() {
        return Err(CliError::failure(tr!("err-passphrases-differ")));
    }
    Ok(first)
}

const WORDLIST: &str = include_str!("bip39-english.txt");

/// Ten random words of the BIP-39 English list (about 110 bits), as age does.
pub fn generate_passphrase() -> SecretString {
    let words: Vec<&str> = WORDLIST.lines().collect();
    let random = crypto::random_bytes::<20>();
    let chosen: Vec<&str> = random
        .chunks(2)
        .map(|pair| words[usize::from(u16::from_le_bytes([pair[0], pair[1]])) % words.len()])
        .collect();
    SecretString::from(chosen.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passphrases_are_ten_words() {
        assert_eq!(WORDLIST.lines().count(), 2048);
        let p = generate_passphrase();
        assert_eq!(p.expose_secret().split('-').count(), 10);
        assert_ne!(p.expose_secret(), generate_passphrase().expose_secret());
    }

    #[test]
    fn passphrase_file_first_line_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        fs::write(&path, "correct horse battery\r\nsecond line\n").unwrap();
        assert_eq!(
            read_passphrase_file(&path).unwrap().expose_secret(),
            "correct horse battery"
        );
        fs::write(&path, "\nsecond").unwrap();
        assert!(read_passphrase_file(&path).is_err());
    }
}
