"""Server-side sessions for reviewer logins (``reviewer_sessions``).

A signed cookie alone cannot be taken back: it stayed valid after logout, after the
account was removed and forever. The cookie now carries a random token; this table
holds the token's SHA-256 (never the token), the account, a fingerprint of the
account's password hash at login (a new password ends old sessions) and the expiry.
Logout deletes the row. Only admins can see the table in Datasette.
"""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute(
        """
        create table reviewer_sessions (
            token_hash text primary key,
            account text not null,
            hash_key text not null,
            created_at text not null,
            expires_at text not null
        )
        """
    )
    db.execute("create index reviewer_sessions_expires on reviewer_sessions(expires_at)")
