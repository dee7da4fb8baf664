//! Asana: "Create issue" adds a task to the channel's project
//! (`POST /tasks`, body wrapped in `data` as every Asana write is); a
//! task's status is whether it is completed (`GET /tasks/{gid}`). The
//! personal access token is a bearer token.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::{client, issue_body, plain, send, TicketError};
use crate::context::Context;
use crate::followup::ActionItem;
use crate::render::tickets::TicketView;

/// Asana wraps every request and answer body in `{"data": …}`.
#[derive(Serialize, Deserialize)]
struct Data<T> {
    data: T,
}

/// `POST /tasks`: a task in one project, assigned when the owner is known.
#[derive(Serialize)]
struct NewTask<'a> {
    name: String,
    notes: &'a str,
    projects: [&'a str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee: Option<String>,
}

/// What scrumbot reads of a task.
#[derive(Deserialize)]
struct Task {
    permalink_url: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    completed: bool,
}

/// A user found by `GET /users/{email}`.
#[derive(Deserialize)]
struct User {
    gid: String,
}

fn token(ctx: &Context) -> Result<&SecretString, TicketError> {
    ctx.config
        .tickets
        .asana_token
        .as_ref()
        .ok_or(TicketError::NotConfigured("ASANA_TOKEN"))
}

/// Creates the item's task in `project` (a project gid); returns its link.
pub async fn create(
    ctx: &Context,
    project: &str,
    item: &ActionItem,
    owner_email: Option<&str>,
) -> Result<String, TicketError> {
    let token = token(ctx)?.expose_secret();
    let base = &ctx.config.tickets.asana_api_url;
    let assignee = match owner_email {
        Some(email) => user_by_email(base, token, email).await,
        None => None,
    };
    let body = issue_body(item);
    let created: Data<Task> = send(
        client()
            .post(format!("{base}/tasks"))
            .bearer_auth(token)
            .json(&Data {
                data: NewTask {
                    name: plain(&item.text),
                    notes: &body,
                    projects: [project],
                    assignee,
                },
            }),
    )
    .await?;
    created.data.permalink_url.ok_or(TicketError::NoLink)
}

/// Asana's `GET /users/{user}` takes an e-mail in place of a gid and answers
/// 404 when no user of the token's workspaces has it. Passing the e-mail as
/// `assignee` directly would fail the whole task on a mismatch, hence the
/// look-up first; a failed one leaves the task unassigned.
async fn user_by_email(base: &str, token: &str, email: &str) -> Option<String> {
    let found: Result<Data<User>, _> = send(
        client()
            .get(format!("{base}/users/{}", urlencode(email)))
            .query(&[("opt_fields", "gid")])
            .bearer_auth(token),
    )
    .await;
    found.ok().map(|u| u.data.gid)
}

/// An e-mail as one path segment (`+` and `@` are the usual suspects).
fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The task `gid`: its name and whether it is completed.
pub async fn status(ctx: &Context, gid: &str) -> Result<TicketView, TicketError> {
    let token = token(ctx)?.expose_secret();
    let base = &ctx.config.tickets.asana_api_url;
    let task: Data<Task> = send(
        client()
            .get(format!("{base}/tasks/{gid}"))
            .query(&[("opt_fields", "name,completed,permalink_url")])
            .bearer_auth(token),
    )
    .await?;
    let task = task.data;
    Ok(TicketView {
        reference: gid.to_string(),
        url: task.permalink_url,
        title: task.name,
        status: if task.completed { "Completed" } else { "Open" }.into(),
        done: task.completed,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_request_and_answer_have_asanas_shapes() {
        let task = Data {
            data: NewTask {
                name: "Fix it".into(),
                notes: "b",
                projects: ["1204"],
                assignee: Some("1205".into()),
            },
        };
        assert_eq!(
            serde_json::to_value(&task).unwrap(),
            json!({ "data": { "name": "Fix it", "notes": "b", "projects": ["1204"], "assignee": "1205" } })
        );
        let got: Data<Task> = serde_json::from_str(
            r#"{"data":{"gid":"1","name":"Fix it","completed":true,"permalink_url":"https://app.asana.com/0/1204/1"}}"#,
        )
        .unwrap();
        assert!(got.data.completed);
        assert_eq!(urlencode("a+b@x.io"), "a%2Bb%40x.io");
    }
}
