//! Trello: "Create issue" adds a card to the channel's list
//! (`POST /1/cards`); a card's status is the list it sits in
//! (`GET /1/cards/{id}?list=true`).
//!
//! The API key and token go in Trello's `Authorization: OAuth
//! oauth_consumer_key="…", oauth_token="…"` header rather than in the
//! `key`/`token` query parameters, so they never appear in a URL (and so
//! in no proxy or error log).

use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::{client, issue_body, plain, send, TicketError};
use crate::context::Context;
use crate::followup::ActionItem;
use crate::render::tickets::TicketView;

/// Trello's `POST /1/cards` parameters, sent as a JSON body.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewCard<'a> {
    id_list: &'a str,
    name: String,
    desc: &'a str,
    /// The card's members: its owner when their e-mail is a Trello member's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    id_members: Vec<String>,
}

/// What scrumbot reads of a card: its short link (`https://trello.com/c/…`),
/// and for a status its name, list and whether it is archived or complete.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Card {
    short_url: Option<String>,
    url: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    due_complete: bool,
    list: Option<CardList>,
}

#[derive(Deserialize)]
struct CardList {
    name: String,
}

/// A member found by `GET /1/search/members`.
#[derive(Deserialize)]
struct Member {
    id: String,
}

/// The `Authorization` header value, or why there is none.
fn authorization(ctx: &Context) -> Result<String, TicketError> {
    let (key, token) = ctx
        .config
        .tickets
        .trello
        .as_ref()
        .ok_or(TicketError::NotConfigured(
            "TRELLO_API_KEY and TRELLO_TOKEN",
        ))?;
    Ok(format!(
        "OAuth oauth_consumer_key=\"{}\", oauth_token=\"{}\"",
        key.expose_secret(),
        token.expose_secret()
    ))
}

/// Creates the item's card in `list`; returns its link.
pub async fn create(
    ctx: &Context,
    list: &str,
    item: &ActionItem,
    owner_email: Option<&str>,
) -> Result<String, TicketError> {
    let auth = authorization(ctx)?;
    let base = &ctx.config.tickets.trello_api_url;
    let members = match owner_email {
        Some(email) => member_by_email(base, &auth, email).await,
        None => Vec::new(),
    };
    let body = issue_body(item);
    let card: Card = send(
        client()
            .post(format!("{base}/1/cards"))
            .header("authorization", &auth)
            .json(&NewCard {
                id_list: list,
                name: plain(&item.text),
                desc: &body,
                id_members: members,
            }),
    )
    .await?;
    card.short_url.or(card.url).ok_or(TicketError::NoLink)
}

/// Trello shows members' e-mails to no one but themselves; its member
/// search does match a full address, so a single hit is taken as the owner.
/// A failed search leaves the card unassigned.
async fn member_by_email(base: &str, auth: &str, email: &str) -> Vec<String> {
    let found: Result<Vec<Member>, _> = send(
        client()
            .get(format!("{base}/1/search/members"))
            .query(&[("query", email), ("limit", "2")])
            .header("authorization", auth),
    )
    .await;
    match found {
        Ok(mut m) if m.len() == 1 => vec![m.remove(0).id],
        _ => Vec::new(),
    }
}

/// The card `short_link` (from `trello.com/c/{short_link}`): its name and list.
pub async fn status(ctx: &Context, short_link: &str) -> Result<TicketView, TicketError> {
    let auth = authorization(ctx)?;
    let base = &ctx.config.tickets.trello_api_url;
    let card: Card = send(
        client()
            .get(format!("{base}/1/cards/{short_link}"))
            .query(&[
                ("fields", "name,closed,dueComplete,shortUrl,url"),
                ("list", "true"),
            ])
            .header("authorization", &auth),
    )
    .await?;
    let list = card.list.map(|l| l.name).unwrap_or_default();
    // Boards name their last list "Done" (Trello's templates do); an
    // archived card or a ticked due date also means the work is over.
    let done = card.closed || card.due_complete || list.to_lowercase().contains("done");
    let status = if card.closed { "Archived".into() } else { list };
    Ok(TicketView {
        reference: short_link.to_string(),
        url: card.short_url.or(card.url),
        title: card.name,
        status,
        done,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_request_and_answer_have_trellos_shapes() {
        let card = NewCard {
            id_list: "5abbe4b7ddc1b351ef961414",
            name: "Fix it".into(),
            desc: "b",
            id_members: vec![],
        };
        assert_eq!(
            serde_json::to_value(&card).unwrap(),
            json!({ "idList": "5abbe4b7ddc1b351ef961414", "name": "Fix it", "desc": "b" })
        );
        let card: Card = serde_json::from_str(
            r#"{"id":"1","name":"Fix it","closed":false,"dueComplete":true,"shortUrl":"https://trello.com/c/AbCd1234","list":{"id":"2","name":"Doing"}}"#,
        )
        .unwrap();
        assert!(card.due_complete && card.list.unwrap().name == "Doing");
        assert_eq!(
            card.short_url.as_deref(),
            Some("https://trello.com/c/AbCd1234")
        );
    }
}
