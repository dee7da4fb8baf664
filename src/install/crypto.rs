//! Tokens at rest: ChaCha20-Poly1305 (RustCrypto's AEAD) under the
//! operator's `SCRUMBOT_ENCRYPTION_KEY`.
//!
//! Each sealed value is `base64(nonce || ciphertext+tag)` with a fresh random
//! 96-bit nonce, so the same token sealed twice never looks the same, and
//! the installation's key (team or enterprise id) as associated data: a
//! sealed token copied onto another workspace's row fails to open instead
//! of serving that workspace with the wrong identity. A wrong key fails
//! every open with an authentication error, never with garbage: that is
//! what makes "wrong key at start" a clear error (see `Installations::load`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, Generate, Key, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use secrecy::{ExposeSecret, SecretString};

/// Nonce length of ChaCha20-Poly1305 (96 bits).
const NONCE_LEN: usize = 12;
/// The key's length in bytes.
pub const KEY_LEN: usize = 32;

/// The key tokens are sealed with. Its `Debug` shows nothing.
#[derive(Clone)]
pub struct TokenKey(ChaCha20Poly1305);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(…)")
    }
}

/// Why a key or a sealed value was refused. Never contains key or token bytes.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("not base64 of {KEY_LEN} bytes (`scrumbot keygen` prints a valid key)")]
    BadKey,
    #[error("a stored token cannot be decrypted with this key (a different SCRUMBOT_ENCRYPTION_KEY than the one it was stored with, or a damaged row)")]
    CannotOpen,
}

/// 32 bytes from the operating system's random source.
pub fn random_bytes() -> [u8; KEY_LEN] {
    // The AEAD key generator is the OS random source (`getrandom`) behind a
    // typed array: the one CSPRNG already in the build.
    Key::<ChaCha20Poly1305>::generate().into()
}

/// A fresh key, base64, as `scrumbot keygen` prints it.
pub fn generate_key() -> String {
    STANDARD.encode(random_bytes())
}

impl TokenKey {
    /// Parses `SCRUMBOT_ENCRYPTION_KEY`: base64 of exactly 32 bytes.
    pub fn from_base64(text: &str) -> Result<TokenKey, CryptoError> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| CryptoError::BadKey)?;
        let key: [u8; KEY_LEN] = bytes.try_into().map_err(|_| CryptoError::BadKey)?;
        Ok(TokenKey(ChaCha20Poly1305::new(&key.into())))
    }

    /// Seals `token` for the installation `aad` (its team or enterprise id).
    pub fn seal(&self, aad: &str, token: &SecretString) -> String {
        let nonce = Nonce::generate();
        let payload = Payload {
            msg: token.expose_secret().as_bytes(),
            aad: aad.as_bytes(),
        };
        // Encryption fails only past the cipher's length limit (256 GiB for
        // ChaCha20-Poly1305); a token is a few hundred bytes.
        let sealed = self
            .0
            .encrypt(&nonce, payload)
            .expect("a token is far below the cipher's length limit");
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(nonce.as_slice());
        out.extend_from_slice(&sealed);
        STANDARD.encode(out)
    }

    /// Opens a value sealed for `aad`; any tampering, another key or
    /// another installation's value is [`CryptoError::CannotOpen`].
    pub fn open(&self, aad: &str, sealed: &str) -> Result<SecretString, CryptoError> {
        let bytes = STANDARD
            .decode(sealed)
            .map_err(|_| CryptoError::CannotOpen)?;
        if bytes.len() <= NONCE_LEN {
            return Err(CryptoError::CannotOpen);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_from(nonce).map_err(|_| CryptoError::CannotOpen)?;
        let plain = self
            .0
            .decrypt(
                &nonce,
                Payload {
                    msg: ciphertext,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| CryptoError::CannotOpen)?;
        String::from_utf8(plain)
            .map(SecretString::from)
            .map_err(|_| CryptoError::CannotOpen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> TokenKey {
        TokenKey::from_base64(&generate_key()).expect("a generated key parses")
    }

    #[test]
    fn a_sealed_token_opens_with_its_key_and_installation_only() {
        let (k, other) = (key(), key());
        let token = SecretString::from("xoxb-secret-1");
        let sealed = k.seal("T1", &token);
        assert!(!sealed.contains("xoxb"));
        assert_eq!(
            k.open("T1", &sealed).unwrap().expose_secret(),
            "xoxb-secret-1"
        );
        assert_eq!(k.open("T2", &sealed).unwrap_err(), CryptoError::CannotOpen);
        assert_eq!(
            other.open("T1", &sealed).unwrap_err(),
            CryptoError::CannotOpen
        );
        assert_ne!(sealed, k.seal("T1", &token), "a fresh nonce per value");
    }

    #[test]
    fn keys_that_are_not_32_bytes_of_base64_are_refused() {
        for bad in [
            "",
            "not base64!",
            &STANDARD.encode([0u8; 31]),
            &STANDARD.encode([0u8; 33]),
        ] {
            assert_eq!(TokenKey::from_base64(bad).unwrap_err(), CryptoError::BadKey);
        }
        assert!(TokenKey::from_base64(&STANDARD.encode([7u8; 32])).is_ok());
    }
}
