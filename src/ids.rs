//! Slack's identifiers as types of the bot's own, so a channel can never be
//! passed where a user is expected: `record_answer(team, channel, user, …)`
//! with six `&str` in a row compiles whatever the order; with these it does
//! not. They are the bot's own rather than slack-morphism's `SlackTeamId` &
//! co. so that the domain and the store stay free of the Slack crate; the
//! inbound adapter converts once, at the edge.
//!
//! Each is a transparent string on the wire (serde) and in the database
//! (bound with [`as_str`](TeamId::as_str)).

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_string())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

string_id!(
    /// A workspace (`T…`).
    TeamId
);
string_id!(
    /// A channel, private channel or DM (`C…`, `G…`, `D…`).
    ChannelId
);
string_id!(
    /// A member (`U…`, `W…`).
    UserId
);
string_id!(
    /// A message's timestamp, Slack's id of a message within its channel (`1700000000.000100`).
    Ts
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_with_their_text_and_print_as_it() {
        let c = ChannelId::from("C1");
        assert_eq!(c, "C1");
        assert_eq!(c.to_string(), "C1");
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"C1\"");
        let back: UserId = serde_json::from_str("\"U9\"").unwrap();
        assert_eq!(back.as_str(), "U9");
    }
}
