//! Attachments (voice recordings, video, scans) and their chain of custody.
//!
//! What this module owns: streaming a file into an attachment file (`attachments/XX/NAME.age`)
//! in bounded memory, committing it with a new version of its record, reading it back (extract,
//! `verify --deep`), and the custody events the journal keeps for it. docs/FORMAT.md,
//! "Attachments", has the format.
//!
//! Why this shape: an attachment file is an ordinary age file (X25519 STREAM, to the vault's own
//! recipient) whose plaintext is exactly the original bytes followed by zero padding up to a
//! Padmé bucket, so that `age -d -i slot.txt FILE | head -c SIZE` recovers it by hand and a
//! rekey can re-encrypt it verbatim. Everything that describes it (the original file name, which
//! is sensitive, its media type, size and SHA-256) lives in the encrypted record envelope, never
//! in a file name. The SHA-256 of the original is taken at intake in the same single pass that
//! encrypts, and checked again on every extraction.
//!
//! This module never prints, prompts or reads the environment; progress goes to a callback.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde::{Deserialize, Serialize};
use sha2::Digest;
use zeroize::Zeroize;

use super::envelope::Envelope;
use super::journal::{self, Custody, Op};
use super::{Vault, names, store};
use crate::crypto::{self, CryptoError, VaultIdentity};
use crate::error::{Error, Result};

/// The smallest padded plaintext of an attachment file: every small file looks the same.
pub const MIN_PADDED: u64 = 4096;

/// Size of the pieces the pipelines pass between threads (a multiple of age's 64 KiB chunk).
const PIECE: usize = 1 << 20;

/// Pieces in flight per pipeline stage: with [`PIECE`], at most a few MiB in memory whatever
/// the file's size.
const IN_FLIGHT: usize = 3;

/// Bytes of the start of a file kept for recognising its media type.
const HEAD: usize = 64;

/// What the record envelope says of one attached file (docs/FORMAT.md, "Attachments").
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The original file name (sensitive: only ever inside the encrypted envelope).
    pub name: String,
    /// Media type recognised from the file's first bytes (`application/octet-stream` if not).
    pub media_type: String,
    /// Size of the original in bytes.
    pub size: u64,
    /// SHA-256 of the original, taken at intake.
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
    /// The attachment file, relative to the vault (`attachments/XX/NAME.age`).
    pub path: String,
    /// When it was added (RFC 3339 UTC).
    pub added_at: String,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Why no name: it is testimony (a witness's name is often in a recording's file name).
        f.debug_struct("Attachment")
            .field("path", &self.path)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl Attachment {
    /// The SHA-256 of the original, as lowercase hex.
    pub fn sha256_hex(&self) -> String {
        journal::hex(&self.sha256)
    }
}

/// How the vault was unlocked, as custody events record it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnlockMethod {
    /// The passphrase slot.
    Passphrase,
    /// A decrypted key slot given as `--identity` (the vault's own identity).
    Identity,
    /// An organisation recovery key that opens the recipients slot.
    RecoveryKey,
}

impl UnlockMethod {
    /// The code written in custody events.
    pub fn as_str(self) -> &'static str {
        match self {
            UnlockMethod::Passphrase => "passphrase",
            UnlockMethod::Identity => "identity",
            UnlockMethod::RecoveryKey => "recovery_key",
        }
    }
}

/// A custody event with the journal entry that recorded it.
#[derive(Clone, Debug)]
pub struct CustodyRecord {
    /// When (the entry's time, RFC 3339 UTC).
    pub time: String,
    /// The command that wrote the entry (`add`, `attach`, `extract`, `export`).
    pub action: String,
    /// The event.
    pub event: Custody,
}

/// The padded plaintext length of an attachment of `size` bytes: a Padmé bucket of at least
/// [`MIN_PADDED`].
pub fn padded_len(size: u64) -> u64 {
    let size = size.max(MIN_PADDED);
    match usize::try_from(size) {
        Ok(n) => crypto::padme(n) as u64,
        Err(_) => size,
    }
}

/// Why a stored attachment does not give back its original.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file is missing or unreadable (the OS message, never content).
    #[error("{0}")]
    Io(String),
    /// age refused the file: truncated, altered, or not encrypted to this vault.
    #[error("damaged attachment file ({0})")]
    Damaged(String),
    /// The plaintext has the wrong length or non-zero padding.
    #[error("damaged attachment file (wrong length or padding)")]
    Padding,
    /// The original's SHA-256 differs from the one taken at intake.
    #[error("SHA-256 of the extracted file differs from the one taken at intake")]
    HashMismatch,
    /// Writing the output failed.
    #[error("{0}")]
    Write(io::Error),
}

/// Recognises the media type of a file from its first bytes (never from its name, which may
/// lie). A small table of what testimonies arrive as: recordings, video, photos, scans.
pub fn media_type(head: &[u8]) -> &'static str {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let at = |offset: usize, magic: &[u8]| head.get(offset..offset + magic.len()) == Some(magic);
    if starts(b"%PDF-") {
        "application/pdf"
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if starts(b"\xff\xd8\xff") {
        "image/jpeg"
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        "image/gif"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "image/tiff"
    } else if starts(b"BM") && head.len() >= 14 && at(6, b"\0\0\0\0") {
        "image/bmp"
    } else if starts(b"RIFF") && at(8, b"WEBP") {
        "image/webp"
    } else if starts(b"RIFF") && at(8, b"WAVE") {
        "audio/wav"
    } else if starts(b"RIFF") && at(8, b"AVI ") {
        "video/x-msvideo"
    } else if at(4, b"ftyp") {
        let brand = head.get(8..12).unwrap_or_default();
        match brand {
            b"heic" | b"heix" | b"mif1" | b"msf1" => "image/heic",
            b"avif" => "image/avif",
            b"M4A " | b"M4B " | b"M4P " => "audio/mp4",
            b"qt  " => "video/quicktime",
            b"3gp4" | b"3gp5" | b"3gp6" | b"3g2a" => "video/3gpp",
            _ => "video/mp4",
        }
    } else if starts(b"\x1a\x45\xdf\xa3") {
        if head.windows(4).any(|w| w == b"webm") {
            "video/webm"
        } else {
            "video/x-matroska"
        }
    } else if starts(b"OggS") {
        if head.windows(8).any(|w| w == b"OpusHead") {
            "audio/opus"
        } else {
            "audio/ogg"
        }
    } else if starts(b"fLaC") {
        "audio/flac"
    } else if starts(b"ID3") || (head.len() >= 2 && head[0] == 0xff && head[1] & 0xe6 == 0xe2) {
        "audio/mpeg"
    } else if head.len() >= 2 && head[0] == 0xff && head[1] & 0xf6 == 0xf0 {
        "audio/aac"
    } else if starts(b"#!AMR") {
        "audio/amr"
    } else if starts(b"PK\x03\x04") {
        "application/zip"
    } else if starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        "application/x-ole-storage"
    } else if starts(b"{\\rtf") {
        "application/rtf"
    } else {
        "application/octet-stream"
    }
}

/// The writing end of a pipeline: writes each piece to `output` while hashing it (SHA-256),
/// hands the emptied buffer back to the pool, and returns the hash of everything written.
fn write_hashed(
    output: &mut (impl Write + ?Sized),
    pieces: Receiver<Vec<u8>>,
    back: SyncSender<Vec<u8>>,
) -> io::Result<[u8; 32]> {
    let mut sha = sha2::Sha256::new();
    for mut piece in pieces {
        sha.update(&piece);
        output.write_all(&piece)?;
        piece.clear();
        let _ = back.send(piece);
    }
    output.flush()?;
    Ok(sha.finalize().into())
}

/// A buffer pool: pieces travel to the worker threads and come back, so that the pipeline
/// allocates a few MiB once instead of one buffer per piece.
fn pool(count: usize) -> (SyncSender<Vec<u8>>, Receiver<Vec<u8>>) {
    let (tx, rx) = sync_channel(count);
    for _ in 0..count {
        tx.send(Vec::with_capacity(PIECE))
            .expect("the pool has room for every buffer");
    }
    (tx, rx)
}

/// Reads until `buf` holds [`PIECE`] bytes or the input ends.
fn fill(input: &mut dyn Read, buf: &mut Vec<u8>) -> io::Result<()> {
    // Only grown, never cleared first: what is there is overwritten, and zeroing a MiB per
    // piece would cost a pass over the whole file.
    buf.resize(PIECE, 0);
    let mut filled = 0;
    while filled < PIECE {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                buf.truncate(filled);
                return Err(e);
            }
        }
    }
    buf.truncate(filled);
    Ok(())
}

/// The ciphertext side of the intake pipeline: collects age's 64 KiB chunks into pieces and
/// hands them to a thread that hashes and writes them.
struct PieceSink {
    buf: Vec<u8>,
    full: SyncSender<Vec<u8>>,
    empty: Receiver<Vec<u8>>,
}

impl PieceSink {
    fn ship(&mut self) -> io::Result<()> {
        let next = self
            .empty
            .recv()
            .map_err(|_| io::Error::other("the writing thread stopped"))?;
        let full = std::mem::replace(&mut self.buf, next);
        self.full
            .send(full)
            .map_err(|_| io::Error::other("the writing thread stopped"))
    }
}

impl Write for PieceSink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= PIECE {
            self.ship()?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What one pass over an original gave.
pub(crate) struct Intake {
    /// Size of the original.
    pub size: u64,
    /// SHA-256 of the original.
    pub sha256: [u8; 32],
    /// SHA-256 of the attachment file written.
    pub file_sha256: [u8; 32],
    /// The media type recognised from the first bytes.
    pub media_type: &'static str,
}

/// Encrypts `input` to the vault's recipient into `output`, padded (see [`padded_len`]), in one
/// pass and bounded memory. Three threads: this one reads and encrypts, one hashes the original,
/// one hashes the ciphertext and writes it (on two cores, encryption is the bottleneck and the
/// hashes ride along). `progress` gets the bytes read so far.
pub(crate) fn encrypt_stream(
    identity: &VaultIdentity,
    input: &mut dyn Read,
    output: &mut (dyn Write + Send),
    progress: &(dyn Fn(u64) + Sync),
) -> std::result::Result<Intake, io::Error> {
    let (_, plain_free) = pool(IN_FLIGHT + 1);
    let (ct_back, ct_free) = pool(IN_FLIGHT + 1);
    let (to_hash, hash_rx) = sync_channel::<Arc<Vec<u8>>>(IN_FLIGHT);
    let (plain_return, plain_returned) = sync_channel::<Arc<Vec<u8>>>(IN_FLIGHT + 1);
    let (to_write, write_rx) = sync_channel::<Vec<u8>>(IN_FLIGHT);
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut sha = sha2::Sha256::new();
            for piece in hash_rx {
                sha.update(&piece[..]);
                if plain_return.send(piece).is_err() {
                    break;
                }
            }
            <[u8; 32]>::from(sha.finalize())
        });
        let writer = scope.spawn(move || write_hashed(output, write_rx, ct_back));
        let run = || -> io::Result<(u64, &'static str)> {
            let sink = PieceSink {
                buf: ct_free.recv().expect("the pool is full at the start"),
                full: to_write,
                empty: ct_free,
            };
            let mut encrypt = identity
                .encrypt_writer(sink)
                .map_err(|e| io::Error::other(e.to_string()))?;
            let mut size = 0u64;
            let mut kind = None;
            // Buffers come from the pool, then back from the hasher once it is done with them.
            let fresh = plain_free;
            let take = || -> io::Result<Vec<u8>> {
                if let Ok(buf) = fresh.try_recv() {
                    return Ok(buf);
                }
                let arc = plain_returned
                    .recv()
                    .map_err(|_| io::Error::other("the hashing thread stopped"))?;
                Ok(Arc::try_unwrap(arc).unwrap_or_else(|_| Vec::with_capacity(PIECE)))
            };
            loop {
                let mut buf = take()?;
                fill(input, &mut buf)?;
                if buf.is_empty() {
                    break;
                }
                if kind.is_none() {
                    let mut head = buf[..buf.len().min(HEAD)].to_vec();
                    kind = Some(media_type(&head));
                    head.zeroize();
                }
                size += buf.len() as u64;
                let piece = Arc::new(buf);
                encrypt.write_all(&piece)?;
                to_hash
                    .send(Arc::clone(&piece))
                    .map_err(|_| io::Error::other("the hashing thread stopped"))?;
                progress(size);
            }
            drop(to_hash);
            // Padding: zeros up to the bucket, so that the file's size reveals only the bucket.
            let mut pad = padded_len(size) - size;
            let zeros = vec![0u8; PIECE];
            while pad > 0 {
                let n = pad.min(PIECE as u64) as usize;
                encrypt.write_all(&zeros[..n])?;
                pad -= n as u64;
            }
            let mut sink = encrypt.finish()?;
            if !sink.buf.is_empty() {
                sink.ship()?;
            }
            drop(sink);
            Ok((size, kind.unwrap_or("application/octet-stream")))
        };
        let outcome = run();
        let sha256 = hasher.join().expect("the hashing thread panicked");
        let file_sha256 = writer.join().expect("the writing thread panicked")?;
        let (size, media_type) = outcome?;
        Ok(Intake {
            size,
            sha256,
            file_sha256,
            media_type,
        })
    })
}

/// Decrypts an attachment file from `input`, writes the original's `size` bytes to `output`,
/// and checks its SHA-256 and the zero padding, in bounded memory. Two threads: this one
/// decrypts, the other hashes and writes. `progress` gets the original's bytes done so far.
pub(crate) fn decrypt_stream(
    identity: &VaultIdentity,
    input: &mut (dyn Read + Send),
    size: u64,
    sha256: &[u8],
    output: &mut (dyn Write + Send),
    progress: &(dyn Fn(u64) + Sync),
) -> std::result::Result<(), ReadError> {
    let damaged = |e: CryptoError| ReadError::Damaged(e.to_string());
    let mut reader = identity
        .decrypt_stream(io::BufReader::with_capacity(PIECE, input))
        .map_err(damaged)?;
    let (back, free) = pool(IN_FLIGHT + 1);
    let (to_write, write_rx) = sync_channel::<Vec<u8>>(IN_FLIGHT);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || write_hashed(output, write_rx, back));
        let run = || -> std::result::Result<(), ReadError> {
            let mut done = 0u64;
            let mut total = 0u64;
            let mut padding_ok = true;
            loop {
                let mut buf = free
                    .recv()
                    .map_err(|_| ReadError::Io("the writing thread stopped".into()))?;
                fill(&mut reader, &mut buf).map_err(|e| {
                    if matches!(
                        e.kind(),
                        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
                    ) {
                        ReadError::Damaged(e.to_string())
                    } else {
                        ReadError::Io(e.to_string())
                    }
                })?;
                if buf.is_empty() {
                    break;
                }
                total += buf.len() as u64;
                let keep = (size - done).min(buf.len() as u64) as usize;
                padding_ok &= buf[keep..].iter().all(|&b| b == 0);
                buf.truncate(keep);
                done += keep as u64;
                if !buf.is_empty() {
                    to_write
                        .send(buf)
                        .map_err(|_| ReadError::Io("the writing thread stopped".into()))?;
                }
                progress(done);
            }
            drop(to_write);
            if !padding_ok || total != padded_len(size) || done != size {
                return Err(ReadError::Padding);
            }
            Ok(())
        };
        let outcome = run();
        let written = writer.join().expect("the writing thread panicked");
        // The pool's buffers were overwritten piece after piece; what the last pieces left in
        // them is cleared here, once, instead of after every piece.
        while let Ok(mut buf) = free.try_recv() {
            buf.zeroize();
        }
        outcome?;
        let digest = written.map_err(ReadError::Write)?;
        if digest[..] != sha256[..] {
            return Err(ReadError::HashMismatch);
        }
        Ok(())
    })
}

/// Bytes written between two early flushes.
const FLUSH_EVERY: u64 = 64 << 20;

/// A writer that has a helper thread flush the file to the device every [`FLUSH_EVERY`] bytes.
struct EarlyFlush<'a> {
    inner: io::BufWriter<&'a mut File>,
    flush: Option<SyncSender<()>>,
    since: u64,
}

impl Write for EarlyFlush<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(data)?;
        self.since += n as u64;
        if self.since >= FLUSH_EVERY {
            self.since = 0;
            if let Some(flush) = &self.flush {
                // Never waits: a flush still running covers the new bytes on its next round.
                let _ = flush.try_send(());
            }
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Runs `body` with a buffered writer to `file` while a helper thread flushes the file to the
/// device every 64 MiB. Why: the kernel keeps gigabytes dirty before writing any back, so the
/// final flush of a big file (which the commit protocol needs, and `extract` does) would
/// otherwise start only once everything is encrypted; this way the device writes while the
/// pipeline encrypts, and the final flush finds little left to do.
pub fn with_early_flush<T>(file: &mut File, body: impl FnOnce(&mut (dyn Write + Send)) -> T) -> T {
    let clone = file.try_clone().ok();
    std::thread::scope(|scope| {
        let flush = clone.map(|clone| {
            let (tx, rx) = sync_channel::<()>(1);
            scope.spawn(move || {
                for () in rx {
                    let _ = clone.sync_data();
                }
            });
            tx
        });
        let mut writer = EarlyFlush {
            inner: io::BufWriter::with_capacity(PIECE, file),
            flush,
            since: 0,
        };
        let result = body(&mut writer);
        // Close the channel so that the helper thread ends with the scope.
        drop(writer);
        result
    })
}

/// A file stream-hashed (SHA-256) in bounded memory, refusing symlinks.
pub(crate) fn sha256_file(path: &Path) -> Result<[u8; 32]> {
    store::regular_file_metadata(path)?;
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = crypto::HashingReader::new(io::BufReader::with_capacity(PIECE, file));
    io::copy(&mut reader, &mut io::sink()).map_err(|e| Error::io(path, e))?;
    Ok(reader.finish())
}

/// An attachment file written to `staging/` and not yet committed.
pub(crate) struct Staged {
    /// Its content-addressed name in `staging/`.
    pub staged: PathBuf,
    /// Its final path, relative to the vault.
    pub rel: String,
    /// SHA-256 of its bytes.
    pub file_sha256: [u8; 32],
    /// What the envelope will say of it.
    pub attachment: Attachment,
}

/// One file to attach: where to read it, and the name to record.
pub struct Source<'a> {
    /// The file to read.
    pub path: &'a Path,
    /// Its position among the files given (1-based), for errors: the file's name is never
    /// put in an error message.
    pub position: usize,
}

/// Why a source file could not be attached (never its name: errors name its position).
fn source_error(position: usize, reason: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("attachment {position}: {reason}"))
}

impl Vault {
    /// How the vault was unlocked (recorded in custody events).
    pub fn unlock_method(&self) -> UnlockMethod {
        self.unlock
    }

    /// Streams one file into `staging/` as an attachment file (not yet committed).
    fn stage_attachment(
        &self,
        source: &Source<'_>,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Staged> {
        let position = source.position;
        let meta = fs::metadata(source.path).map_err(|e| source_error(position, e.to_string()))?;
        if !meta.is_file() {
            return Err(source_error(position, "not a regular file"));
        }
        let name = source
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut input = io::BufReader::with_capacity(
            64 * 1024,
            File::open(source.path).map_err(|e| source_error(position, e.to_string()))?,
        );
        let staging = self.layout.staging();
        let mut tmp = store::private_temp_in(&staging)?;
        let intake = with_early_flush(tmp.as_file_mut(), |out| {
            encrypt_stream(&self.secrets.identity, &mut input, out, progress)
        })
        // A read error is the source's; a write error is the vault's medium.
        .map_err(|e| source_error(position, e.to_string()))?;
        store::crash_point(tmp.path())?;
        let staged = staging.join(super::staged_name(&intake.file_sha256));
        tmp.persist(&staged)
            .map_err(|e| Error::io(&staged, e.error))?;
        let stem = names::new_file_stem();
        let rel = format!("attachments/{}/{stem}.age", &stem[..2]);
        Ok(Staged {
            staged,
            rel: rel.clone(),
            file_sha256: intake.file_sha256,
            attachment: Attachment {
                name,
                media_type: intake.media_type.to_owned(),
                size: intake.size,
                sha256: intake.sha256.to_vec(),
                path: rel,
                added_at: names::now_utc(),
            },
        })
    }

    /// Stages every source; on an error, the files staged so far are left for the next writer
    /// to clean (they were never committed).
    fn stage_all(
        &self,
        sources: &[Source<'_>],
        progress: &(dyn Fn(usize, u64) + Sync),
    ) -> Result<Vec<Staged>> {
        sources
            .iter()
            .enumerate()
            .map(|(i, source)| self.stage_attachment(source, &|done| progress(i, done)))
            .collect()
    }

    /// Commits a new record version with the staged attachments, and intake custody events.
    fn commit_attached(
        &mut self,
        action: &str,
        envelope: Envelope,
        staged: Vec<Staged>,
    ) -> Result<()> {
        let (file, entry) = self.seal_record(&envelope)?;
        let mut pending = vec![file];
        pending.extend(self.index_segments(vec![entry])?);
        let unlock = self.unlock.as_str();
        let custody = staged
            .iter()
            .map(|s| Custody {
                event: "intake".into(),
                record: envelope.id.clone(),
                attachment: s.rel.clone(),
                sha256: s.attachment.sha256.clone(),
                unlock: unlock.into(),
            })
            .collect();
        let files = staged
            .into_iter()
            .map(|s| (s.staged, s.rel, s.file_sha256))
            .collect();
        self.commit_with(action, pending, files, Vec::new(), custody)?;
        self.compact_index_if_needed()
    }

    /// Adds one new record with files attached, all in one commit. Returns its id and the
    /// attachments as recorded.
    pub fn add_attached(
        &mut self,
        record: crate::record::Record,
        sources: &[Source<'_>],
        progress: &(dyn Fn(usize, u64) + Sync),
    ) -> Result<(String, Vec<Attachment>)> {
        record.validate()?;
        let staged = self.stage_all(sources, progress)?;
        let now = names::now_utc();
        let mut envelope = Envelope::new(names::new_record_id(), 1, now.clone(), now, record);
        envelope.attachments = staged.iter().map(|s| s.attachment.clone()).collect();
        let id = envelope.id.clone();
        let attachments = envelope.attachments.clone();
        self.commit_attached("add", envelope, staged)?;
        Ok((id, attachments))
    }

    /// Attaches files to an existing record: a new version of it (a clone of the current
    /// envelope, so every other field carries over) that lists them after the earlier ones.
    /// Returns the record id and the new attachments' 1-based indices.
    pub fn attach(
        &mut self,
        prefix: &str,
        sources: &[Source<'_>],
        progress: &(dyn Fn(usize, u64) + Sync),
    ) -> Result<(String, Vec<usize>)> {
        let view = self.index()?;
        let current = self.get(&view, prefix)?;
        let staged = self.stage_all(sources, progress)?;
        let mut envelope = current.envelope.clone();
        envelope.version += 1;
        envelope.updated_at = names::now_utc();
        let first = envelope.attachments.len() + 1;
        envelope
            .attachments
            .extend(staged.iter().map(|s| s.attachment.clone()));
        let indices = (first..first + staged.len()).collect();
        let id = envelope.id.clone();
        self.commit_attached("attach", envelope, staged)?;
        Ok((id, indices))
    }

    /// Where the attachment file the journal vouches for at `rel` is (in place, or still staged
    /// by an interrupted write).
    fn attachment_location(&self, rel: &str) -> std::result::Result<PathBuf, ReadError> {
        let (path, _) = self.vouched_path(rel).map_err(ReadError::Io)?;
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => Err(ReadError::Io(
                "symbolic link planted in the vault (never followed)".into(),
            )),
            Ok(m) if !m.is_file() => Err(ReadError::Io("not a regular file".into())),
            Ok(_) => Ok(path),
            Err(e) => Err(ReadError::Io(e.to_string())),
        }
    }

    /// Decrypts an attachment into `output`, checking the original's SHA-256 (and the padding)
    /// on the way out. On an error, what was written to `output` must be discarded.
    pub fn extract_to(
        &self,
        attachment: &Attachment,
        output: &mut (dyn Write + Send),
        progress: &(dyn Fn(u64) + Sync),
    ) -> std::result::Result<(), ReadError> {
        let path = self.attachment_location(&attachment.path)?;
        let mut file = File::open(&path).map_err(|e| ReadError::Io(e.to_string()))?;
        decrypt_stream(
            &self.secrets.identity,
            &mut file,
            attachment.size,
            &attachment.sha256,
            output,
            progress,
        )
    }

    /// Writes custody events as a journal entry of their own (an extraction, an export), with
    /// no file changed. Needs the write lock.
    pub fn record_custody(&mut self, action: &str, events: Vec<Custody>) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        self.commit_with(action, Vec::new(), Vec::new(), Vec::new(), events)
    }

    /// A custody event of `event` for `attachment` of record `id`, by this unlock method.
    pub fn custody_event(&self, event: &str, id: &str, attachment: &Attachment) -> Custody {
        Custody {
            event: event.to_owned(),
            record: id.to_owned(),
            attachment: attachment.path.clone(),
            sha256: attachment.sha256.clone(),
            unlock: self.unlock.as_str().to_owned(),
        }
    }

    /// The custody history of record `id` (full id), oldest first.
    pub fn custody(&self, id: &str) -> Vec<CustodyRecord> {
        let mut entries: Vec<_> = self.journal.entries.iter().collect();
        entries.sort_by(|a, b| (a.1.seq, a.0).cmp(&(b.1.seq, b.0)));
        entries
            .into_iter()
            .flat_map(|(_, entry)| {
                entry
                    .custody
                    .iter()
                    .filter(|c| c.record == id)
                    .map(|c| CustodyRecord {
                        time: entry.time.clone(),
                        action: entry.action.clone(),
                        event: c.clone(),
                    })
            })
            .collect()
    }

    /// The vault paths of every attachment file of every stored version of record `id` (full
    /// id), for `purge`. Fails if a version cannot be read: a purge must not leave files behind.
    pub fn attachment_files(&self, id: &str) -> Result<Vec<String>> {
        let mut out = BTreeSet::new();
        for (rel, exp) in self.journal.expected() {
            let Some((rec, version)) = &exp.record else {
                continue;
            };
            if rec != id {
                continue;
            }
            let envelope = self.read_envelope(id, *version, rel)?;
            out.extend(envelope.attachments.into_iter().map(|a| a.path));
        }
        Ok(out.into_iter().collect())
    }

    /// Checks every attachment file against the journal (stream-hashing its bytes) and finds
    /// planted ones; with `records` (the decoded record versions of `verify --deep`), also
    /// decrypts each and checks the original's SHA-256. Returns problems and the files checked.
    pub(crate) fn check_attachments(
        &self,
        records: Option<&[super::StoredRecord]>,
    ) -> Result<(Vec<super::Problem>, usize, usize)> {
        let root = &self.layout.root;
        let mut problems = Vec::new();
        let mut pending = 0;
        let on_disk = self.files_in(&self.layout.attachments(), &mut problems, &mut pending)?;
        let expected = self.journal.expected();
        let mut to_check = Vec::new();
        for (rel, exp) in
            expected.range::<String, _>(&"attachments/".to_owned()..&"attachments0".to_owned())
        {
            let staged = self.layout.staging().join(super::staged_name(&exp.sha256));
            if on_disk.contains(rel) {
                to_check.push((rel.clone(), root.join(rel), exp.sha256.clone()));
            } else if staged.is_file() {
                pending += 1;
                to_check.push((rel.clone(), staged, exp.sha256.clone()));
            } else {
                problems.push(super::Problem {
                    path: root.join(rel),
                    reason: "attachment file is missing (deleted)".into(),
                });
            }
        }
        let count = to_check.len();
        // Which record (and which attachment of it) each file belongs to, for --deep.
        let mut owners: std::collections::HashMap<&str, (&str, usize, &Attachment)> =
            std::collections::HashMap::new();
        for stored in records.unwrap_or_default() {
            for (i, a) in stored.envelope.attachments.iter().enumerate() {
                owners.insert(a.path.as_str(), (stored.id(), i + 1, a));
            }
        }
        let results = crate::parallel::map(to_check, |(rel, path, sha256)| {
            let outcome = (|| -> std::result::Result<(), String> {
                let actual = sha256_file(&path).map_err(|e| super::problem_reason(&e))?;
                if actual[..] != sha256[..] {
                    return Err(
                        "attachment file altered since it was written (SHA-256 differs from the journal)"
                            .to_owned(),
                    );
                }
                if records.is_some() {
                    let Some((id, index, attachment)) = owners.get(rel.as_str()) else {
                        return Err("attachment file that no record lists".to_owned());
                    };
                    let mut file = File::open(&path).map_err(|e| e.to_string())?;
                    decrypt_stream(
                        &self.secrets.identity,
                        &mut file,
                        attachment.size,
                        &attachment.sha256,
                        &mut io::sink(),
                        &|_| {},
                    )
                    .map_err(|e| format!("record {id} attachment {index}: {e}"))?;
                }
                Ok(())
            })();
            (path, outcome)
        });
        for (path, outcome) in results {
            if let Err(reason) = outcome {
                problems.push(super::Problem { path, reason });
            }
        }
        Ok((problems, count, pending))
    }
}

/// Custody events written with `Op`s of staged attachment files.
pub(crate) fn attachment_op(rel: &str, sha256: &[u8; 32]) -> Op {
    Op {
        kind: "put".to_owned(),
        path: rel.to_owned(),
        sha256: sha256.to_vec(),
        record: None,
        version: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(len: usize) {
        let id = VaultIdentity::generate();
        let original: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        let mut ct = Vec::new();
        let intake = encrypt_stream(&id, &mut &original[..], &mut ct, &|_| {}).unwrap();
        assert_eq!(intake.size, len as u64);
        assert_eq!(intake.sha256, crypto::sha256(&original));
        assert_eq!(intake.file_sha256, crypto::sha256(&ct));
        let plain = id.decrypt(&ct).unwrap();
        assert_eq!(plain.len() as u64, padded_len(len as u64));
        assert_eq!(&plain[..len], &original[..]);
        assert!(plain[len..].iter().all(|&b| b == 0));
        let mut out = Vec::new();
        decrypt_stream(
            &id,
            &mut &ct[..],
            len as u64,
            &intake.sha256,
            &mut out,
            &|_| {},
        )
        .unwrap();
        assert_eq!(out, original);
        // Any other hash is refused.
        let err = decrypt_stream(
            &id,
            &mut &ct[..],
            len as u64,
            &[0; 32],
            &mut io::sink(),
            &|_| {},
        )
        .unwrap_err();
        assert!(matches!(err, ReadError::HashMismatch), "{err:?}");
        // Truncated: refused.
        let cut = &ct[..ct.len() - 1];
        let err = decrypt_stream(
            &id,
            &mut &cut[..],
            len as u64,
            &intake.sha256,
            &mut io::sink(),
            &|_| {},
        )
        .unwrap_err();
        assert!(matches!(err, ReadError::Damaged(_)), "{err:?}");
    }

    #[test]
    fn round_trips_of_every_shape() {
        for len in [
            0,
            1,
            4095,
            4096,
            4097,
            65_536,
            65_537,
            PIECE,
            PIECE + 3,
            3 * PIECE - 1,
        ] {
            round_trip(len);
        }
    }

    #[test]
    fn padding_is_a_bucket() {
        assert_eq!(padded_len(0), MIN_PADDED);
        assert_eq!(padded_len(4096), 4096);
        assert_eq!(padded_len(1 << 30), 1 << 30);
        assert!(padded_len(5000) >= 5000);
        assert_eq!(padded_len(padded_len(123_456)), padded_len(123_456));
    }

    #[test]
    fn media_types_come_from_magic_bytes() {
        assert_eq!(media_type(b"%PDF-1.7\n"), "application/pdf");
        assert_eq!(media_type(b"\xff\xd8\xff\xe0\0\x10JFIF"), "image/jpeg");
        assert_eq!(media_type(b"RIFF\0\0\0\0WAVEfmt "), "audio/wav");
        assert_eq!(media_type(b"\0\0\0\x20ftypisom\0\0"), "video/mp4");
        assert_eq!(media_type(b"\0\0\0\x20ftypM4A \0\0"), "audio/mp4");
        assert_eq!(
            media_type(b"OggS\0\x02\0\0\0\0\0\0\0\0OpusHead"),
            "audio/opus"
        );
        assert_eq!(media_type(b"ID3\x04\0"), "audio/mpeg");
        assert_eq!(media_type(b"plain text"), "application/octet-stream");
        assert_eq!(media_type(b""), "application/octet-stream");
    }
}
