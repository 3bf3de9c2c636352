//! The only module that names `age`: encryption to the vault's X25519 recipient, the scrypt
//! passphrase slot, recovery recipients and identity files, plus the Padmé length buckets.
//!
//! Why one place: every byte that leaves tvault encrypted passes through these functions, so a
//! review of this file is a review of all of tvault's use of cryptography. Nothing here is
//! hand-rolled: age does the encryption, the RustCrypto crates do hashing.

use std::io::{self, BufRead, Read, Write};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use age::secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

/// The smallest scrypt work factor `init` accepts (log2 N).
pub const MIN_WORK_FACTOR: u8 = 10;
/// The default scrypt work factor (log2 N), as in age.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// The largest work factor tvault writes or accepts on unlock: 2^22 needs 4 GiB of memory, and a
/// tamperer must not be able to make an unlock take hours by editing the slot's header.
pub const MAX_WORK_FACTOR: u8 = 22;

/// Upper bound on any age file tvault decrypts into memory (the largest are index segments of
/// big vaults). Callers apply tighter limits per kind of file before reading.
pub const MAX_SMALL_FILE: u64 = 1024 * 1024 * 1024;

/// Counts passphrase key derivations with the configured work factor in this process, so that a
/// test can prove "one scrypt per command, never one per record".
static SCRYPT_RUNS: AtomicUsize = AtomicUsize::new(0);

/// How many passphrase derivations this process has run (see [`SCRYPT_RUNS`]).
pub fn scrypt_runs() -> usize {
    SCRYPT_RUNS.load(Ordering::Relaxed)
}

/// Why a decryption failed, without any content.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// No identity (or passphrase) given can open the file.
    #[error("no matching key")]
    NoMatchingKey,
    /// The scrypt work factor in the file is above [`MAX_WORK_FACTOR`].
    #[error(
        "the file asks for scrypt work factor {0}, above the accepted maximum {MAX_WORK_FACTOR}"
    )]
    ExcessiveWork(u8),
    /// The file is not a well-formed age file, or its payload does not authenticate.
    #[error("not a valid age file or damaged ciphertext")]
    Damaged,
    /// The file is larger than tvault will load into memory.
    #[error("file larger than {MAX_SMALL_FILE} bytes")]
    TooLarge,
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// An age plugin's binary (`age-plugin-NAME`) is not on `PATH`.
    #[error("the age plugin age-plugin-{0} is not installed (not found on PATH)")]
    PluginMissing(String),
    /// age refused to encrypt (for example, an invalid recipient set).
    #[error("encryption failed: {0}")]
    Encrypt(String),
}

fn map_decrypt_error(e: age::DecryptError) -> CryptoError {
    match e {
        age::DecryptError::NoMatchingKeys | age::DecryptError::KeyDecryptionFailed => {
            CryptoError::NoMatchingKey
        }
        age::DecryptError::ExcessiveWork { required, .. } => CryptoError::ExcessiveWork(required),
        age::DecryptError::Io(e) => CryptoError::Io(e),
        _ => CryptoError::Damaged,
    }
}

/// The vault's own record key pair.
pub struct VaultIdentity(age::x25519::Identity);

impl VaultIdentity {
    /// A fresh random identity.
    pub fn generate() -> Self {
        VaultIdentity(age::x25519::Identity::generate())
    }

    /// Parses an `AGE-SECRET-KEY-1...` string.
    pub fn parse(s: &str) -> Option<Self> {
        age::x25519::Identity::from_str(s.trim()).ok().map(Self)
    }

    /// The `AGE-SECRET-KEY-1...` string (a secret).
    pub fn to_secret_string(&self) -> SecretString {
        self.0.to_string()
    }

    /// The matching `age1...` recipient string (public).
    pub fn recipient_string(&self) -> String {
        self.0.to_public().to_string()
    }

    /// Encrypts `plaintext` to this vault's recipient.
    pub fn encrypt(&self, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        encrypt_to(&[Box::new(self.0.to_public())], plaintext)
    }

    /// Decrypts a stream encrypted to this vault's recipient, in bounded memory: age's STREAM
    /// authenticates each 64 KiB chunk before releasing it, and reports truncation at the end
    /// (read the stream to its end to be sure the whole file was authentic).
    pub fn decrypt_stream<'a, R: Read + 'a>(
        &self,
        input: R,
    ) -> Result<impl Read + 'a, CryptoError> {
        let decryptor = age::Decryptor::new(input).map_err(map_decrypt_error)?;
        decryptor
            .decrypt(std::iter::once(&self.0 as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::DecryptionFailed => CryptoError::NoMatchingKey,
                other => map_decrypt_error(other),
            })
    }

    /// A writer that encrypts everything written through it to this vault's recipient with
    /// age's STREAM (64 KiB chunks, each sealed as it fills), in bounded memory: an attachment of
    /// any size passes through it. Call [`EncryptWriter::finish`] to seal the last chunk.
    pub fn encrypt_writer<W: Write>(&self, output: W) -> Result<EncryptWriter<W>, CryptoError> {
        let encryptor = age::Encryptor::with_recipients(std::iter::once(
            &self.0.to_public() as &dyn age::Recipient
        ))
        .map_err(|e| CryptoError::Encrypt(e.to_string()))?;
        Ok(EncryptWriter(encryptor.wrap_output(output)?))
    }

    /// Decrypts a file encrypted to this vault's recipient.
    pub fn decrypt(&self, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        decrypt_with(&[&self.0], ciphertext)
    }
}

/// An age STREAM encryptor writing to `W` (see [`VaultIdentity::encrypt_writer`]).
pub struct EncryptWriter<W: Write>(age::stream::StreamWriter<W>);

impl<W: Write> EncryptWriter<W> {
    /// Seals the last chunk and returns the inner writer. Without it the file is truncated
    /// (and age refuses it).
    pub fn finish(self) -> io::Result<W> {
        self.0.finish()
    }
}

impl<W: Write> Write for EncryptWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// How an age plugin (`age-plugin-yubikey`, ...) talks to the user: messages ("touch your
/// YubiKey"), confirmations and PINs. The CLI installs these; the core never prints or prompts,
/// so by default a plugin gets no answer.
#[derive(Clone, Copy)]
pub struct PluginUi {
    /// Shows a message.
    pub message: fn(&str),
    /// Asks a yes/no question: (message, yes, no).
    pub confirm: fn(&str, &str, Option<&str>) -> Option<bool>,
    /// Asks for a non-secret string.
    pub request_public: fn(&str) -> Option<String>,
    /// Asks for a secret (a PIN), without echo.
    pub request_secret: fn(&str) -> Option<SecretString>,
}

static PLUGIN_UI: std::sync::OnceLock<PluginUi> = std::sync::OnceLock::new();

/// Installs the user interface age plugins use (once; later calls are ignored).
pub fn set_plugin_ui(ui: PluginUi) {
    let _ = PLUGIN_UI.set(ui);
}

/// The callbacks handed to age plugins: [`PluginUi`] where installed, silence otherwise.
#[derive(Clone, Copy)]
struct PluginCallbacks;

impl age::Callbacks for PluginCallbacks {
    fn display_message(&self, message: &str) {
        if let Some(ui) = PLUGIN_UI.get() {
            (ui.message)(message);
        }
    }
    fn confirm(&self, message: &str, yes: &str, no: Option<&str>) -> Option<bool> {
        PLUGIN_UI
            .get()
            .and_then(|ui| (ui.confirm)(message, yes, no))
    }
    fn request_public_string(&self, description: &str) -> Option<String> {
        PLUGIN_UI
            .get()
            .and_then(|ui| (ui.request_public)(description))
    }
    fn request_passphrase(&self, description: &str) -> Option<SecretString> {
        PLUGIN_UI
            .get()
            .and_then(|ui| (ui.request_secret)(description))
    }
}

/// A public key that can open the vault's recipients slot: `age1...`, `ssh-ed25519 ...`,
/// `ssh-rsa ...`, or an age plugin's recipient (`age1yubikey1...`; its plugin binary,
/// `age-plugin-yubikey`, must be on `PATH` to encrypt to it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryRecipient(String);

impl RecoveryRecipient {
    /// Parses and normalises (trims) one recipient.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if age::x25519::Recipient::from_str(s).is_ok()
            || age::ssh::Recipient::from_str(s).is_ok()
            || age::plugin::Recipient::from_str(s).is_ok()
        {
            Some(RecoveryRecipient(s.to_owned()))
        } else {
            None
        }
    }

    /// The recipient as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn to_age(&self) -> Result<Box<dyn age::Recipient + Send>, CryptoError> {
        if let Ok(r) = age::x25519::Recipient::from_str(&self.0) {
            Ok(Box::new(r))
        } else if let Ok(r) = age::ssh::Recipient::from_str(&self.0) {
            Ok(Box::new(r))
        } else {
            let r = age::plugin::Recipient::from_str(&self.0)
                .expect("RecoveryRecipient is only constructed from a valid key");
            let plugin = age::plugin::RecipientPluginV1::new(
                r.plugin(),
                std::slice::from_ref(&r),
                &[],
                PluginCallbacks,
            )
            .map_err(|_| CryptoError::PluginMissing(r.plugin().to_owned()))?;
            Ok(Box::new(plugin))
        }
    }
}

/// Identities read from an `--identity` file: age identities or an unencrypted SSH private key.
pub struct Identities {
    ids: Vec<Box<dyn age::Identity + Send + Sync>>,
    /// The recipients of the native age identities in the file, for `init --identity`.
    pub recipients: Vec<RecoveryRecipient>,
    /// The whole file, when it is a decrypted tvault key slot (which is also an identity file).
    slot_text: Option<Zeroizing<String>>,
}

impl std::fmt::Debug for Identities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Identities({} keys)", self.ids.len())
    }
}

/// Why an identity file could not be used (never its content).
#[derive(Debug, thiserror::Error)]
pub enum IdentityFileError {
    /// Not an age identity file nor an SSH private key; the line number only.
    #[error("not an age identity file or SSH private key{0}")]
    Invalid(String),
    /// An SSH key protected by a passphrase.
    #[error("passphrase-protected SSH keys are not supported")]
    EncryptedSsh,
    /// An SSH key type age cannot use.
    #[error("unsupported SSH key type")]
    UnsupportedSsh,
    /// The file holds no identity.
    #[error("the file holds no identity")]
    Empty,
    /// A plugin identity whose plugin binary is not installed.
    #[error("the age plugin age-plugin-{0} is not installed (not found on PATH)")]
    PluginMissing(String),
}

impl Identities {
    /// Parses the bytes of an identity file.
    pub fn parse(bytes: &[u8]) -> Result<Self, IdentityFileError> {
        let text = Zeroizing::new(String::from_utf8_lossy(bytes).into_owned());
        if text.trim_start().starts_with("-----BEGIN") {
            let id = age::ssh::Identity::from_buffer(io::Cursor::new(bytes), None)
                .map_err(|_| IdentityFileError::Invalid(String::new()))?;
            return match id {
                age::ssh::Identity::Unencrypted(_) => Ok(Identities {
                    ids: vec![Box::new(id)],
                    recipients: Vec::new(),
                    slot_text: None,
                }),
                age::ssh::Identity::Encrypted(_) => Err(IdentityFileError::EncryptedSsh),
                age::ssh::Identity::Unsupported(_) => Err(IdentityFileError::UnsupportedSsh),
            };
        }
        let mut ids: Vec<Box<dyn age::Identity + Send + Sync>> = Vec::new();
        let mut recipients = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Ok(id) = age::plugin::Identity::from_str(line) {
                // A hardware key (`AGE-PLUGIN-YUBIKEY-1...`): its plugin does the decryption.
                let plugin = age::plugin::IdentityPluginV1::new(
                    id.plugin(),
                    std::slice::from_ref(&id),
                    PluginCallbacks,
                )
                .map_err(|_| IdentityFileError::PluginMissing(id.plugin().to_owned()))?;
                ids.push(Box::new(plugin));
                continue;
            }
            match age::x25519::Identity::from_str(line) {
                Ok(id) => {
                    recipients.push(RecoveryRecipient(id.to_public().to_string()));
                    ids.push(Box::new(id));
                }
                // Why only the line number: the line may be a secret key with a typo.
                Err(_) => {
                    return Err(IdentityFileError::Invalid(format!(
                        " (line {})",
                        number + 1
                    )));
                }
            }
        }
        if ids.is_empty() {
            return Err(IdentityFileError::Empty);
        }
        let slot_text = text
            .lines()
            .any(|l| l.starts_with("# tvault-keyslot:"))
            .then(|| text.clone());
        Ok(Identities {
            ids,
            recipients,
            slot_text,
        })
    }

    /// The file's text if it is a decrypted tvault key slot.
    pub fn slot_text(&self) -> Option<&str> {
        self.slot_text.as_deref().map(String::as_str)
    }

    /// Decrypts a file encrypted to any of these identities.
    pub fn decrypt(&self, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        let refs: Vec<&dyn age::Identity> = self
            .ids
            .iter()
            .map(|i| i.as_ref() as &dyn age::Identity)
            .collect();
        decrypt_with(&refs, ciphertext)
    }
}

/// Encrypts to one or more recipients (all of one kind, as age requires).
fn encrypt_to(
    recipients: &[Box<dyn age::Recipient + Send>],
    plaintext: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let encryptor = age::Encryptor::with_recipients(
        recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient),
    )
    .map_err(|e| CryptoError::Encrypt(e.to_string()))?;
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plaintext)?;
    writer.finish()?;
    Ok(out)
}

/// Encrypts to the recovery recipients (the recipients slot).
pub fn encrypt_to_recipients(
    recipients: &[RecoveryRecipient],
    plaintext: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let boxed = recipients
        .iter()
        .map(RecoveryRecipient::to_age)
        .collect::<Result<Vec<_>, _>>()?;
    encrypt_to(&boxed, plaintext)
}

fn decrypt_with(
    identities: &[&dyn age::Identity],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if ciphertext.len() as u64 > MAX_SMALL_FILE {
        return Err(CryptoError::TooLarge);
    }
    let decryptor = age::Decryptor::new_buffered(ciphertext).map_err(map_decrypt_error)?;
    let mut reader = decryptor
        .decrypt(identities.iter().copied())
        .map_err(|e| match e {
            // In the header, a stanza that does not open is a wrong key, not damage.
            age::DecryptError::DecryptionFailed => CryptoError::NoMatchingKey,
            other => map_decrypt_error(other),
        })?;
    let mut out = Zeroizing::new(Vec::with_capacity(ciphertext.len()));
    reader.read_to_end(&mut out).map_err(|e| {
        if e.kind() == io::ErrorKind::InvalidData {
            CryptoError::Damaged
        } else {
            CryptoError::Io(e)
        }
    })?;
    Ok(out)
}

/// Encrypts `plaintext` under a passphrase with scrypt work factor `log_n`.
pub fn encrypt_with_passphrase(
    passphrase: &SecretString,
    log_n: u8,
    plaintext: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(log_n.clamp(MIN_WORK_FACTOR, MAX_WORK_FACTOR));
    SCRYPT_RUNS.fetch_add(1, Ordering::Relaxed);
    let boxed: Vec<Box<dyn age::Recipient + Send>> = vec![Box::new(recipient)];
    encrypt_to(&boxed, plaintext)
}

/// Decrypts a passphrase-encrypted file (one scrypt at the file's work factor).
pub fn decrypt_with_passphrase(
    passphrase: &SecretString,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    SCRYPT_RUNS.fetch_add(1, Ordering::Relaxed);
    // A wrong passphrase fails the stanza's AEAD in the header (NoMatchingKey); damage to the
    // payload is reported as damage.
    decrypt_with(&[&identity], ciphertext)
}

/// Reads the scrypt work factor from a passphrase-encrypted age file's header, without
/// decrypting anything (the header is public).
pub fn scrypt_work_factor(ciphertext: &[u8]) -> Option<u8> {
    let mut lines = io::BufReader::new(ciphertext).lines();
    let first = lines.next()?.ok()?;
    if first != "age-encryption.org/v1" {
        return None;
    }
    let stanza = lines.next()?.ok()?;
    let mut parts = stanza.split(' ');
    if (parts.next(), parts.next()) != (Some("->"), Some("scrypt")) {
        return None;
    }
    parts.nth(1)?.parse().ok()
}

/// A reader that computes the SHA-256 of everything read through it.
pub struct HashingReader<R> {
    inner: R,
    hasher: sha2::Sha256,
}

impl<R: Read> HashingReader<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        use sha2::Digest;
        HashingReader {
            inner,
            hasher: sha2::Sha256::new(),
        }
    }

    /// The SHA-256 of the bytes read so far.
    pub fn finish(self) -> [u8; 32] {
        use sha2::Digest;
        self.hasher.finalize().into()
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}

/// Fills a buffer with random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Zeroizing<[u8; N]> {
    let mut buf = Zeroizing::new([0u8; N]);
    getrandom::fill(buf.as_mut()).expect("the operating system's random source failed");
    buf
}

/// Padmé (Nikitin et al., PETS 2019): the padded length for a plaintext of `len` bytes. It leaks
/// O(log log len) bits of the length with at most 12% overhead.
pub fn padme(len: usize) -> usize {
    if len < 2 {
        return len;
    }
    let e = usize::BITS - 1 - len.leading_zeros(); // floor(log2 len)
    let s = usize::BITS - (e as usize).leading_zeros(); // floor(log2 e) + 1
    let last_bits = e - s;
    let mask = (1usize << last_bits) - 1;
    (len + mask) & !mask
}

/// Exposes a passphrase for hashing or comparison, in one place a grep can find.
pub fn passphrase_len(passphrase: &SecretString) -> usize {
    passphrase.expose_secret().chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padme_matches_the_paper() {
        assert_eq!(padme(0), 0);
        assert_eq!(padme(1), 1);
        for len in [2usize, 9, 100, 1000, 4096, 5000, 65_537, 1_000_000] {
            let p = padme(len);
            assert!(p >= len);
            assert!(p - len <= len / 8 + 1, "{len} -> {p}");
            assert_eq!(padme(p), p, "buckets are fixed points");
        }
        // Lengths in one bucket give one size.
        assert_eq!(padme(4097), padme(4100));
    }

    #[test]
    fn record_key_round_trip() {
        let id = VaultIdentity::generate();
        let ct = id.encrypt(b"testimony").unwrap();
        assert_eq!(&id.decrypt(&ct).unwrap()[..], b"testimony");
        let other = VaultIdentity::generate();
        assert!(matches!(
            other.decrypt(&ct),
            Err(CryptoError::NoMatchingKey)
        ));
        let mut bad = ct.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(matches!(id.decrypt(&bad), Err(CryptoError::Damaged)));
    }

    #[test]
    fn passphrase_round_trip_counts_one_scrypt() {
        let pw = SecretString::from("correct horse battery staple".to_owned());
        let ct = encrypt_with_passphrase(&pw, 10, b"slot").unwrap();
        assert_eq!(scrypt_work_factor(&ct), Some(10));
        let before = scrypt_runs();
        assert_eq!(&decrypt_with_passphrase(&pw, &ct).unwrap()[..], b"slot");
        assert_eq!(scrypt_runs() - before, 1);
        let wrong = SecretString::from("wrong".to_owned());
        assert!(matches!(
            decrypt_with_passphrase(&wrong, &ct),
            Err(CryptoError::NoMatchingKey)
        ));
    }

    #[test]
    fn identity_file_errors_name_the_line_only() {
        let err = Identities::parse(b"# comment\nAGE-SECRET-KEY-1NOTAKEY\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "not an age identity file or SSH private key (line 2)"
        );
        assert!(matches!(
            Identities::parse(b"# only comments\n"),
            Err(IdentityFileError::Empty)
        ));
    }

    #[test]
    fn recipients_parse() {
        let id = VaultIdentity::generate();
        assert!(RecoveryRecipient::parse(&id.recipient_string()).is_some());
        assert!(RecoveryRecipient::parse("age1nope").is_none());
        let ssh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB+VHtZ6isGN alice@rust";
        assert!(RecoveryRecipient::parse(ssh).is_some());
    }
}
