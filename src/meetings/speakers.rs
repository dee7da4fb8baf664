//! Matching the names in a transcript to Slack members: the real name or
//! the display name, ignoring case and spacing; a single first name only
//! when exactly one member has it. An unmatched speaker stays a plain name.

use std::collections::HashSet;

/// A workspace member as `users.list` describes them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Member {
    pub id: String,
    pub real_name: String,
    pub display_name: String,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The member id for each name, in order (`None` when no one matches, or
/// when the name could be several people).
pub fn match_all(names: &[String], members: &[Member]) -> Vec<Option<String>> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let found = match_one(name, members).filter(|id| !taken.contains(id));
        if let Some(id) = &found {
            taken.insert(id.clone());
        }
        out.push(found);
    }
    out
}

fn match_one(name: &str, members: &[Member]) -> Option<String> {
    let name = norm(name);
    if name.is_empty() {
        return None;
    }
    let exact: Vec<&Member> = members
        .iter()
        .filter(|m| norm(&m.real_name) == name || norm(&m.display_name) == name)
        .collect();
    if let [one] = exact.as_slice() {
        return Some(one.id.clone());
    }
    if !exact.is_empty() || name.contains(' ') {
        return None;
    }
    let by_first: Vec<&Member> = members
        .iter()
        .filter(|m| norm(&m.real_name).split(' ').next() == Some(name.as_str()))
        .collect();
    match by_first.as_slice() {
        [one] => Some(one.id.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: &str, real: &str, display: &str) -> Member {
        Member {
            id: id.into(),
            real_name: real.into(),
            display_name: display.into(),
        }
    }

    #[test]
    fn real_display_and_unique_first_names_match_and_nothing_else() {
        let members = [
            m("U1", "Ana Lima", "ana"),
            m("U2", "Bo Chen", "bochen"),
            m("U3", "Bo Diaz", ""),
            m("U4", "Cy Park", "cy"),
        ];
        let names: Vec<String> = ["ana  lima", "bochen", "Bo", "Cy", "Dee Ray"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            match_all(&names, &members),
            vec![
                Some("U1".into()),
                Some("U2".into()),
                None,
                Some("U4".into()),
                None
            ]
        );
    }
}
