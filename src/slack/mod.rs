//! The Slack adapter: what knows Slack's wire formats on the way in —
//! request verification and the typed inbound payloads — and the Web API
//! client on the way out. The domain modules use it only through
//! [`api::SlackApi`] and the typed values of [`inbound`]; Block Kit is
//! composed in `src/render/`, and requests arrive through `src/ingress/`.

pub mod api;
pub mod inbound;
pub mod verify;
