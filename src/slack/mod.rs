//! The Slack adapter: everything that knows Slack's wire formats — request
//! verification, payload parsing, HTTP and Socket Mode ingress, the Web API
//! client and Block Kit. The domain modules use it only through
//! [`api::SlackApi`] and the normalized types of [`payload`].

pub mod api;
pub mod blocks;
pub mod followup_blocks;
pub mod ingress;
pub mod payload;
pub mod socket_mode;
pub mod verify;
