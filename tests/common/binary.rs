//! The `scrumbot` binary as a child process: for what only the real binary
//! shows (exit codes, a real port, process limits).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::{fresh_database, Db, FakeSlack, BOT_TOKEN, SIGNING_SECRET};

/// The binary with an empty environment: nothing from the developer's shell or a .env.
pub fn scrumbot() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_scrumbot"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .current_dir(std::env::temp_dir());
    cmd
}

/// A child killed on drop, so a failing assertion does not leave a bot running.
pub struct KillOnDrop(pub Option<Child>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(c) = self.0.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A free port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `scrumbot serve` on `port` against `slack` and a fresh SQLite database,
/// with `configure` applied to the command before it starts.
pub async fn serve(
    slack: &FakeSlack,
    port: u16,
    configure: impl FnOnce(&mut Command),
) -> KillOnDrop {
    let mut cmd = scrumbot();
    cmd.arg("serve")
        .env("SLACK_BOT_TOKEN", BOT_TOKEN)
        .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
        .env("SLACK_API_URL", slack.api_url())
        .env("DATABASE_URL", fresh_database(Db::Sqlite).await)
        .env("SCRUMBOT_LISTEN", format!("127.0.0.1:{port}"))
        .env("SCRUMBOT_ADMIN_LISTEN", "127.0.0.1:0")
        .env("SCRUMBOT_LOG_FORMAT", "json")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    configure(&mut cmd);
    let child = KillOnDrop(Some(cmd.spawn().unwrap()));
    let http = reqwest::Client::new();
    for _ in 0..100 {
        if http
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("scrumbot serve did not come up on port {port}");
}
