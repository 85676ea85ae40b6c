"""Digest tables: who gets the weekly email, and which weeks each has been sent."""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["subscriptions"].create(
        {
            "id": int,
            "email": str,
            "name": str,
            "lans": str,  # JSON list of county codes ("18"); empty: every county
            "municipalities": str,  # JSON list of municipality names; empty: every one
            "topics": str,  # JSON list of topics (transit, rus, other_regional); empty: all
            "min_score": float,  # NULL: every flagged statement
            "created_at": str,
            "active": int,
        },
        pk="id",
        not_null={"email"},
        defaults={"active": 1, "lans": "[]", "municipalities": "[]", "topics": "[]"},
    )
    db["subscriptions"].create_index(["email"])
    # One row per delivered digest, written right after the server accepted it:
    # the UNIQUE key is what makes a rerun of the same week send nothing new.
    db.execute(
        """
        create table digest_log (
            subscription_id integer not null references subscriptions(id),
            week text not null,
            message_id text not null,
            sent_at text not null,
            unique(subscription_id, week)
        )
        """
    )
