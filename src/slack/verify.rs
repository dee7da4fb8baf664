//! Request signing: every HTTP request from Slack carries
//! `X-Slack-Signature: v0=hex(hmac_sha256(secret, "v0:{ts}:{body}"))` and
//! `X-Slack-Request-Timestamp`. The check itself is slack-morphism's
//! (constant-time compare, ±5 minutes); this module only pulls the headers out
//! and names the failure for the log — never the secret, never the signature.

use axum::http::HeaderMap;
use secrecy::{ExposeSecret, SecretString};
use slack_morphism::prelude::SlackSigningSecret;
use slack_morphism::signature_verifier::{
    SlackEventSignatureVerifier, SlackEventSignatureVerifierError,
};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("missing X-Slack-Signature or X-Slack-Request-Timestamp header")]
    MissingHeaders,
    #[error("request timestamp is not within five minutes of now")]
    Stale,
    #[error("signature does not match")]
    BadSignature,
    #[error("body is not UTF-8")]
    NotUtf8,
}

#[derive(Clone)]
pub struct Verifier {
    inner: SlackEventSignatureVerifier,
}

impl Verifier {
    pub fn new(secret: &SecretString) -> Self {
        Self {
            inner: SlackEventSignatureVerifier::new(&SlackSigningSecret::new(
                secret.expose_secret().to_string(),
            )),
        }
    }

    /// Checks the request and returns the body as text.
    pub fn verify<'b>(&self, headers: &HeaderMap, body: &'b [u8]) -> Result<&'b str, VerifyError> {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let (Some(signature), Some(timestamp)) = (
            header(SlackEventSignatureVerifier::SLACK_SIGNED_HASH_HEADER),
            header(SlackEventSignatureVerifier::SLACK_SIGNED_TIMESTAMP),
        ) else {
            return Err(VerifyError::MissingHeaders);
        };
        let body = std::str::from_utf8(body).map_err(|_| VerifyError::NotUtf8)?;
        match self.inner.verify(signature, body, timestamp) {
            Ok(()) => Ok(body),
            // A timestamp that is not a number cannot be within five minutes either.
            Err(SlackEventSignatureVerifierError::IncorrectOrExpiredTimestampError(_)) => {
                Err(VerifyError::Stale)
            }
            Err(_) => Err(VerifyError::BadSignature),
        }
    }
}
