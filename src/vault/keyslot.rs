//! The vault secrets and the key slots that hold them.
//!
//! A key slot is an age file whose plaintext is a standard age identity file: comment lines with
//! tvault's own fields (format version, vault id, MAC key) and one `AGE-SECRET-KEY-1...` line, the
//! identity every record is encrypted to. So after `age -d` of a slot, the stock `age` tool can
//! open every record with `age -d -i slot.txt` (docs/FORMAT.md). The same plaintext is stored once
//! per unlock method: `keys/passphrase.age` (scrypt) and `keys/recipients.age` (recovery keys).

use std::path::Path;

use age::secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::{self, RecoveryRecipient, VaultIdentity};
use crate::error::{Error, Result};
use crate::vault::names;

/// Version of the key slot plaintext.
pub const KEYSLOT_FORMAT: u64 = 1;
/// Version of `keys/config.age`.
pub const CONFIG_FORMAT: u64 = 1;

const FIELD_FORMAT: &str = "# tvault-keyslot: ";
const FIELD_VAULT_ID: &str = "# tvault-vault-id: ";
const FIELD_MAC_KEY: &str = "# tvault-mac-key: ";

/// The secrets that open a vault: its record identity, its MAC key and its id.
pub struct VaultSecrets {
    /// Random id of this vault (not secret, but kept encrypted so a seized stick does not reveal
    /// which vault it carries).
    pub vault_id: String,
    /// The X25519 identity every record is encrypted to.
    pub identity: VaultIdentity,
    /// A random key for the integrity journal's HMACs.
    pub mac_key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for VaultSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VaultSecrets")
            .field("vault_id", &self.vault_id)
            .finish_non_exhaustive()
    }
}

impl VaultSecrets {
    /// New random secrets for a new vault.
    pub fn generate() -> Self {
        VaultSecrets {
            vault_id: names::new_vault_id(),
            identity: VaultIdentity::generate(),
            mac_key: crypto::random_bytes::<32>(),
        }
    }

    /// The public fingerprint of the vault: a short hash of its id and record recipient, for
    /// telling vaults apart and checking a copy is the same vault. It reveals neither.
    pub fn fingerprint(&self) -> String {
        let mut input = b"tvault fingerprint v1\0".to_vec();
        input.extend_from_slice(self.vault_id.as_bytes());
        input.push(0);
        input.extend_from_slice(self.identity.recipient_string().as_bytes());
        let code = names::base32(&crypto::sha256(&input)[..10]);
        format!(
            "tv1-{}-{}-{}-{}",
            &code[0..4],
            &code[4..8],
            &code[8..12],
            &code[12..16]
        )
    }

    /// The plaintext of a key slot (an age identity file).
    pub fn to_slot_text(&self) -> Zeroizing<String> {
        let mac_hex: String = self.mac_key.iter().map(|b| format!("{b:02x}")).collect();
        let mac_hex = Zeroizing::new(mac_hex);
        Zeroizing::new(format!(
            "# tvault key slot. This is an age identity file: `age -d -i` it to open this vault's\n\
             # records (docs/FORMAT.md). Keep it secret; delete it after use.\n\
             {FIELD_FORMAT}{KEYSLOT_FORMAT}\n\
             {FIELD_VAULT_ID}{}\n\
             {FIELD_MAC_KEY}{}\n\
             {}\n",
            self.vault_id,
            mac_hex.as_str(),
            self.identity.to_secret_string().expose_secret()
        ))
    }

    /// Parses a decrypted key slot; `path` names the slot in errors.
    pub fn parse_slot_text(text: &[u8], path: &Path) -> Result<Self> {
        let text =
            std::str::from_utf8(text).map_err(|_| Error::corrupt(path, "key slot is not UTF-8"))?;
        let (mut format, mut vault_id, mut mac_key, mut identity) = (None, None, None, None);
        for line in text.lines() {
            if let Some(v) = line.strip_prefix(FIELD_FORMAT) {
                format = v.trim().parse::<u64>().ok();
            } else if let Some(v) = line.strip_prefix(FIELD_VAULT_ID) {
                vault_id = Some(v.trim().to_owned());
            } else if let Some(v) = line.strip_prefix(FIELD_MAC_KEY) {
                mac_key = parse_hex32(v.trim());
            } else if line.starts_with("AGE-SECRET-KEY-1") {
                identity = VaultIdentity::parse(line);
            }
        }
        let format =
            format.ok_or_else(|| Error::corrupt(path, "key slot has no format version"))?;
        if format > KEYSLOT_FORMAT {
            return Err(Error::NewerFormat {
                path: path.to_path_buf(),
                found: format,
                supported: KEYSLOT_FORMAT,
            });
        }
        Ok(VaultSecrets {
            vault_id: vault_id
                .filter(|id| names::is_id_text(id))
                .ok_or_else(|| Error::corrupt(path, "key slot has no valid vault id"))?,
            identity: identity
                .ok_or_else(|| Error::corrupt(path, "key slot has no valid identity"))?,
            mac_key: mac_key
                .ok_or_else(|| Error::corrupt(path, "key slot has no valid MAC key"))?,
        })
    }
}

fn parse_hex32(s: &str) -> Option<Zeroizing<[u8; 32]>> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = Zeroizing::new([0u8; 32]);
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// `keys/config.age`: vault settings that the CLI needs after unlocking, encrypted to the vault's
/// own recipient (CBOR).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct VaultConfig {
    /// Always `"tvault-config"`.
    pub format: String,
    /// [`CONFIG_FORMAT`].
    pub format_version: u64,
    /// Same as in the key slots.
    pub vault_id: String,
    /// When the vault was created (RFC 3339 UTC).
    pub created_at: String,
    /// The recovery recipients that `keys/recipients.age` is encrypted to (public keys).
    pub recipients: Vec<String>,
    /// The key of the export pseudonyms, kept here by a rekey so that pseudonyms survive it
    /// (absent: derived from the MAC key, see `Vault::pseudonym`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "serde_bytes_option"
    )]
    pub pseudonym_key: Option<Vec<u8>>,
}

/// `Option<Vec<u8>>` as an optional CBOR byte string.
mod serde_bytes_option {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(bytes) => s.serialize_bytes(bytes),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        Ok(Option::<serde_bytes::ByteBuf>::deserialize(d)?.map(|b| b.into_vec()))
    }
}

impl VaultConfig {
    /// Config for a new vault.
    pub fn new(vault_id: &str, recipients: &[RecoveryRecipient]) -> Self {
        VaultConfig {
            format: "tvault-config".to_owned(),
            format_version: CONFIG_FORMAT,
            vault_id: vault_id.to_owned(),
            created_at: names::now_utc(),
            recipients: recipients.iter().map(|r| r.as_str().to_owned()).collect(),
            pseudonym_key: None,
        }
    }

    /// CBOR encoding.
    pub fn to_cbor(&self) -> Vec<u8> {
        let mut out = Vec::new();
        ciborium::into_writer(self, &mut out).expect("writing CBOR to memory cannot fail");
        out
    }

    /// Decodes and checks the version; `path` names the file in errors.
    pub fn from_cbor(bytes: &[u8], path: &Path) -> Result<Self> {
        let config: VaultConfig = ciborium::from_reader(bytes)
            .map_err(|_| Error::corrupt(path, "not a valid vault config"))?;
        if config.format != "tvault-config" {
            return Err(Error::corrupt(path, "not a vault config"));
        }
        if config.format_version > CONFIG_FORMAT {
            return Err(Error::NewerFormat {
                path: path.to_path_buf(),
                found: config.format_version,
                supported: CONFIG_FORMAT,
            });
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_text_round_trips_and_is_an_age_identity_file() {
        let secrets = VaultSecrets::generate();
        let text = secrets.to_slot_text();
        let parsed = VaultSecrets::parse_slot_text(text.as_bytes(), Path::new("slot")).unwrap();
        assert_eq!(parsed.vault_id, secrets.vault_id);
        assert_eq!(parsed.mac_key[..], secrets.mac_key[..]);
        assert_eq!(
            parsed.identity.recipient_string(),
            secrets.identity.recipient_string()
        );
        assert_eq!(parsed.fingerprint(), secrets.fingerprint());
        // The stock identity-file parser accepts it as is.
        let ids = crypto::Identities::parse(text.as_bytes()).unwrap();
        let ct = secrets.identity.encrypt(b"x").unwrap();
        assert_eq!(&ids.decrypt(&ct).unwrap()[..], b"x");
    }

    #[test]
    fn newer_slot_is_refused() {
        let secrets = VaultSecrets::generate();
        let text = secrets
            .to_slot_text()
            .replace("tvault-keyslot: 1", "tvault-keyslot: 2");
        let err = VaultSecrets::parse_slot_text(text.as_bytes(), Path::new("slot")).unwrap_err();
        assert!(matches!(err, Error::NewerFormat { found: 2, .. }));
    }

    #[test]
    fn fingerprint_shape() {
        let fp = VaultSecrets::generate().fingerprint();
        assert_eq!(fp.len(), 23);
        assert!(fp.starts_with("tv1-"));
    }
}
