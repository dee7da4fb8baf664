//! The OAuth `state` of "Add to Slack": single-use, valid for ten minutes,
//! bound to the browser that started the flow.
//!
//! `/slack/install` makes 32 random bytes, sets them in an `HttpOnly`
//! cookie and passes them as `state`; the database keeps only their
//! SHA-256 with an expiry. `/slack/oauth_redirect` accepts a state only when
//! it equals the cookie of the same browser (so a link started elsewhere,
//! the classic login-CSRF, fails) and its hash is deleted by this very
//! request (so it cannot be used twice, even by two replicas racing).
//!
//! Why a hash rather than an HMAC or the state itself: the state is random,
//! so a plain hash is already unguessable and needs no extra key; storing
//! only the hash means a read of the database (a backup, a replica) does not
//! yield a state that could finish someone's pending install.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// How long a started install may take.
pub const STATE_TTL_SECS: i64 = 10 * 60;
/// The cookie that binds the state to the browser.
pub const COOKIE: &str = "scrumbot_oauth_state";

/// A new random state, URL-safe.
pub fn new_state() -> String {
    URL_SAFE_NO_PAD.encode(super::crypto::random_bytes())
}

/// What the database keeps of a state.
pub fn hash(state: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(state.as_bytes()))
}

/// Whether the state in the query is the one this browser's cookie holds.
/// Compared through their hashes, so the time taken says nothing about how
/// much of the cookie matched.
pub fn matches_cookie(state: &str, cookie: Option<&str>) -> bool {
    cookie.is_some_and(|c| !c.is_empty() && hash(c) == hash(state))
}

/// The state's value in a `Cookie:` header, if set.
pub fn from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

/// The `Set-Cookie` value for a new state: only sent back to our own
/// paths, never readable by scripts, and `Lax` so it comes back on Slack's
/// top-level redirect to us.
pub fn set_cookie(state: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE}={state}; Max-Age={STATE_TTL_SECS}; Path=/slack; HttpOnly; SameSite=Lax{secure}"
    )
}

/// Clears the cookie once the flow is over.
pub fn clear_cookie() -> String {
    format!("{COOKIE}=; Max-Age=0; Path=/slack; HttpOnly; SameSite=Lax")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_matches_only_its_own_cookie() {
        let state = new_state();
        assert_ne!(state, new_state());
        let header = format!("other=1; {COOKIE}={state}");
        let cookie = from_cookie_header(&header);
        assert!(matches_cookie(&state, cookie));
        assert!(!matches_cookie(&new_state(), cookie));
        assert!(!matches_cookie(&state, None));
        assert!(!matches_cookie("", Some("")));
    }
}
