//! Linear: one GraphQL endpoint. "Create issue" finds the channel's team
//! by its key and the owner by e-mail, then runs `issueCreate`; a ticket's
//! status is its workflow state (`issue(id: "ENG-12")`, which takes the
//! identifier as well as the id). A personal API key goes bare in the
//! `Authorization` header (Linear's docs: no `Bearer` for API keys).

use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{client, issue_body, plain, TicketError};
use crate::context::Context;
use crate::followup::ActionItem;
use crate::render::tickets::TicketView;

const TEAM_BY_KEY: &str =
    "query TeamByKey($key: String!) { teams(filter: { key: { eq: $key } }) { nodes { id } } }";
const USER_BY_EMAIL: &str = "query UserByEmail($email: String!) { users(filter: { email: { eq: $email } }) { nodes { id } } }";
const ISSUE_CREATE: &str = "mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { identifier url } } }";
const ISSUE: &str =
    "query Issue($id: String!) { issue(id: $id) { identifier title url state { name type } } }";

/// A GraphQL request.
#[derive(Serialize)]
struct Request<'a, V> {
    query: &'a str,
    variables: V,
}

/// A GraphQL answer: `data`, or `errors` (with HTTP 200 or 400).
#[derive(Deserialize)]
struct Answer<T> {
    data: Option<T>,
    #[serde(default)]
    errors: Vec<GraphqlError>,
}

#[derive(Deserialize)]
struct GraphqlError {
    message: String,
}

#[derive(Deserialize)]
struct Nodes {
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct Node {
    id: String,
}

#[derive(Deserialize)]
struct Teams {
    teams: Nodes,
}

#[derive(Deserialize)]
struct Users {
    users: Nodes,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IssueInput<'a> {
    team_id: &'a str,
    title: String,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Created {
    issue_create: CreatePayload,
}

#[derive(Deserialize)]
struct CreatePayload {
    success: bool,
    issue: Option<Issue>,
}

#[derive(Deserialize)]
struct Issue {
    identifier: String,
    url: Option<String>,
    #[serde(default)]
    title: String,
    state: Option<State>,
}

#[derive(Deserialize)]
struct State {
    name: String,
    /// Linear's fixed categories: triage, backlog, unstarted, started,
    /// completed, canceled.
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct IssueData {
    issue: Option<Issue>,
}

/// Runs one GraphQL operation.
async fn call<V: Serialize, T: DeserializeOwned>(
    ctx: &Context,
    query: &str,
    variables: V,
) -> Result<T, TicketError> {
    let cfg = &ctx.config.tickets;
    let key = cfg
        .linear_api_key
        .as_ref()
        .ok_or(TicketError::NotConfigured("LINEAR_API_KEY"))?;
    let res = client()
        .post(&cfg.linear_api_url)
        .header("authorization", key.expose_secret())
        .json(&Request { query, variables })
        .send()
        .await
        .map_err(|e| TicketError::Transport(e.without_url().to_string()))?;
    let status = res.status();
    // Linear answers a refused operation (bad key, invalid input) with 400
    // and its reason in `errors`: keep the reason for the person who pressed.
    let answer: Answer<T> = match res.json().await {
        Ok(answer) => answer,
        Err(_) if !status.is_success() => return Err(TicketError::Http(status.as_u16())),
        Err(e) => return Err(TicketError::Transport(e.without_url().to_string())),
    };
    match (answer.data, answer.errors.first()) {
        (_, Some(e)) => Err(TicketError::Refused(e.message.clone())),
        (Some(data), None) => Ok(data),
        (None, None) => Err(TicketError::Refused("an empty answer".into())),
    }
}

/// Creates the item's issue in the team `team_key`; returns its link.
pub async fn create(
    ctx: &Context,
    team_key: &str,
    item: &ActionItem,
    owner_email: Option<&str>,
) -> Result<String, TicketError> {
    let teams: Teams = call(ctx, TEAM_BY_KEY, json!({ "key": team_key })).await?;
    let team = teams.teams.nodes.into_iter().next().ok_or_else(|| {
        TicketError::Refused(format!("Linear has no team with the key {team_key}"))
    })?;
    // A failed look-up leaves the issue unassigned rather than not created.
    let assignee_id = match owner_email {
        Some(email) => call::<_, Users>(ctx, USER_BY_EMAIL, json!({ "email": email }))
            .await
            .ok()
            .and_then(|u| u.users.nodes.into_iter().next())
            .map(|n| n.id),
        None => None,
    };
    let body = issue_body(item);
    let input = IssueInput {
        team_id: &team.id,
        title: plain(&item.text),
        description: &body,
        assignee_id,
    };
    let created: Created = call(ctx, ISSUE_CREATE, json!({ "input": input })).await?;
    let payload = created.issue_create;
    match payload.issue {
        Some(issue) if payload.success => issue.url.ok_or(TicketError::NoLink),
        _ => Err(TicketError::NoLink),
    }
}

/// The issue `identifier` (`ENG-12`): its title and workflow state.
pub async fn status(ctx: &Context, identifier: &str) -> Result<TicketView, TicketError> {
    let data: IssueData = call(ctx, ISSUE, json!({ "id": identifier })).await?;
    let issue = data.issue.ok_or(TicketError::Http(404))?;
    let (status, kind) = issue.state.map(|s| (s.name, s.kind)).unwrap_or_default();
    Ok(TicketView {
        reference: issue.identifier,
        url: issue.url,
        title: issue.title,
        status,
        done: kind == "completed" || kind == "canceled",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_and_answer_have_linears_shapes() {
        let input = IssueInput {
            team_id: "t1",
            title: "Fix it".into(),
            description: "b",
            assignee_id: None,
        };
        assert_eq!(
            serde_json::to_value(Request {
                query: ISSUE_CREATE,
                variables: json!({ "input": input })
            })
            .unwrap()["variables"],
            json!({ "input": { "teamId": "t1", "title": "Fix it", "description": "b" } })
        );
        let refused: Answer<Created> = serde_json::from_str(
            r#"{"errors":[{"message":"Authentication required","extensions":{"code":"AUTHENTICATION_ERROR"}}]}"#,
        )
        .unwrap();
        assert!(refused.data.is_none() && refused.errors[0].message.contains("Authentication"));
    }
}
