//! Ingress: how requests reach the bot — signed HTTP ([`http`]) or Socket
//! Mode ([`socket_mode`]) — and the durable [`inbox`] both write to before
//! acknowledging. From here requests go to the handlers (`src/handlers/`).

pub mod http;
pub mod inbox;
pub mod install;
pub mod server;
pub mod socket_mode;
