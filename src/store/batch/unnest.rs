//! PostgreSQL's form of the batched statements: one statement per table
//! whose text never changes, the rows passed column by column as arrays
//! (`UNNEST($1::text[], …)`). A multi-row `VALUES` has a different text for
//! every batch size, so PostgreSQL parses and plans each new size again
//! (sqlx keeps 100 prepared statements per connection; 200 sizes of three
//! statements do not fit), and binds up to 1,400 parameters a statement.
//!
//! sqlx's `Any` driver binds no arrays, so each column goes as the text of
//! a PostgreSQL array (`{"a","b"}`, `{1,2}`), which the `::text[]` /
//! `::bigint[]` cast reads on the server.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;

use super::{AnswerWrite, NewItem};

/// The text form of a `text[]`: every element quoted, `"` and `\` escaped,
/// so commas, braces, spaces, `NULL` and newlines are taken literally.
pub(super) fn text_array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from("{");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        for c in item.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
    out.push('}');
    out
}

/// The text form of a `bigint[]`.
pub(super) fn int_array(items: impl IntoIterator<Item = i64>) -> String {
    let list: Vec<String> = items.into_iter().map(|n| n.to_string()).collect();
    format!("{{{}}}", list.join(","))
}

/// The inbox rows; returns `id, team_id, dedup_key` of those it created.
pub(super) fn insert_inbox(items: &[NewItem]) -> Query<'static, Any, AnyArguments> {
    sqlx::query(
        "INSERT INTO inbox (team_id, dedup_key, kind, payload, received_at) \
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) \
         ON CONFLICT (team_id, dedup_key) DO NOTHING RETURNING id, team_id, dedup_key",
    )
    .bind(text_array(items.iter().map(|i| i.team_id.as_str())))
    .bind(text_array(items.iter().map(|i| i.dedup_key.as_str())))
    .bind(text_array(items.iter().map(|i| i.kind.as_str())))
    .bind(text_array(items.iter().map(|i| i.payload.as_str())))
    .bind(int_array(items.iter().map(|i| i.received_at)))
}

/// The answers' seven columns as arrays, then `conflict`: `ANSWER_NEW`
/// for new answers (returning the keys of those it created, see
/// `insert_answers`), `ANSWER_CONFLICT` for a round of upserts (no message
/// twice, see `upsert_answers`).
pub(super) fn answer_rows<'a>(
    answers: impl Iterator<Item = &'a AnswerWrite> + Clone,
    conflict: &str,
) -> Query<'static, Any, AnyArguments> {
    let sql = format!(
        "INSERT INTO answers (team_id, run_id, user_id, message_ts, body, answered_at, late) \
         SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], \
         $6::bigint[], $7::bigint[]) {conflict}"
    );
    let a = answers;
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(text_array(a.clone().map(|a| a.team_id.as_str())))
        .bind(int_array(a.clone().map(|a| a.run_id)))
        .bind(text_array(a.clone().map(|a| a.user_id.as_str())))
        .bind(text_array(a.clone().map(|a| a.message_ts.as_str())))
        .bind(text_array(a.clone().map(|a| a.body.as_str())))
        .bind(int_array(a.clone().map(|a| a.at)))
        .bind(int_array(a.map(|a| i64::from(a.late))))
}

/// Marks the inbox rows `ids` processed at `at`.
pub(super) fn mark_processed(at: i64, ids: &[(i64, i64)]) -> Query<'static, Any, AnyArguments> {
    sqlx::query("UPDATE inbox SET processed_at = $1, payload = '' WHERE id = ANY($2::bigint[])")
        .bind(at)
        .bind(int_array(ids.iter().map(|(id, _)| *id)))
}

#[cfg(test)]
mod tests {
    use super::{int_array, text_array};

    #[test]
    fn text_arrays_quote_every_element_and_escape_quotes_and_backslashes() {
        assert_eq!(text_array([]), "{}");
        assert_eq!(
            text_array(["a", "NULL", "b,c {d}", "say \"hi\"", "C:\\x", ""]),
            r#"{"a","NULL","b,c {d}","say \"hi\"","C:\\x",""}"#
        );
    }

    #[test]
    fn int_arrays_list_the_numbers() {
        assert_eq!(int_array([]), "{}");
        assert_eq!(int_array([1, -2, i64::MAX]), "{1,-2,9223372036854775807}");
    }
}
