//! API tokens (MCP over HTTP, `/api/v1`): made, listed and revoked by
//! `scrumbot token`, looked up by hash on every request.
//!
//! Only the SHA-256 of a token is stored. Not argon2 or bcrypt: those slow
//! hashes exist to protect low-entropy passwords from guessing, while a
//! token here is 256 bits from the operating system's generator, which no
//! guessing reaches however fast the hash; and a fast, unsalted hash lets a
//! request find its token with one indexed lookup (`token_hash` is unique)
//! instead of trying a slow hash against every stored row.

use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{get_i64, Store, StoreResult};

/// What a token lets its bearer do (the secret itself is never stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub team_id: String,
    pub user_id: String,
    pub read_only: bool,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// The prefix of every token: recognisable in a leaked file or a secret scanner.
pub const TOKEN_PREFIX: &str = "sbt_";

/// A new token: the prefix and 32 random bytes in hex.
pub fn generate_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("no randomness from the operating system: {e}"))?;
    Ok(format!("{TOKEN_PREFIX}{}", hex::encode(bytes)))
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn token_from_row(r: &AnyRow) -> ApiToken {
    ApiToken {
        id: get_i64(r, "id"),
        team_id: r.get("team_id"),
        user_id: r.get("user_id"),
        read_only: get_i64(r, "read_only") != 0,
        created_at: get_i64(r, "created_at"),
        revoked_at: r.try_get::<Option<i64>, _>("revoked_at").ok().flatten(),
    }
}

const TOKEN_COLS: &str = "id, team_id, user_id, read_only, created_at, revoked_at";

impl Store {
    /// Stores the hash of a new token; returns its id.
    pub async fn token_insert(
        &self,
        team_id: &str,
        user_id: &str,
        read_only: bool,
        token_hash: &str,
    ) -> StoreResult<i64> {
        let row = sqlx::query(
            "INSERT INTO api_tokens (team_id, user_id, token_hash, read_only, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(team_id)
        .bind(user_id)
        .bind(token_hash)
        .bind(i64::from(read_only))
        .bind(self.now())
        .fetch_one(&self.pool)
        .await?;
        Ok(get_i64(&row, "id"))
    }

    /// The live (not revoked) token with this hash.
    pub async fn token_by_hash(&self, token_hash: &str) -> StoreResult<Option<ApiToken>> {
        let sql = format!(
            "SELECT {TOKEN_COLS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(token_from_row))
    }

    /// Every token, revoked ones included, oldest first.
    pub async fn tokens_list(&self) -> StoreResult<Vec<ApiToken>> {
        let sql = format!("SELECT {TOKEN_COLS} FROM api_tokens ORDER BY id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(token_from_row).collect())
    }

    /// Revokes a token; false when there is no live token with this id.
    pub async fn token_revoke(&self, id: i64) -> StoreResult<bool> {
        let r = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(self.now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_prefixed_random_hex_and_its_hash_is_not_the_token() {
        let a = generate_token().unwrap();
        let b = generate_token().unwrap();
        assert!(a.starts_with(TOKEN_PREFIX) && a.len() == TOKEN_PREFIX.len() + 64);
        assert_ne!(a, b);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert!(!hash_token(&a).contains(&a[TOKEN_PREFIX.len()..]));
    }
}
