"""Conflict cases: one row per story, municipality and regional target (``conflict_cases``).

Users count and read conflicts, not sentences: the flagged statements of one
story (syndicated copies count once) that concern the same municipality and
the same kind of regional target make one case. The rows are derived data,
rebuilt by ``db.cases.rebuild_cases`` after every classification; the id is a
hash of story, municipality and target key, so it survives reclassification.
"""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute(
        """
        create table conflict_cases (
            id integer primary key,      -- stable: hash of story_id, municipality key, target key
            story_id integer not null,   -- coalesce(articles.story_id, articles.id)
            municipality text,           -- official name; NULL when unknown
            municipality_code text,
            lan text,                    -- county code, "18"
            lan_name text,
            k_category text,
            actor text,                  -- the speaker's name, or the institution
            actor_role text,
            target text,                 -- the regional body and decision in words
            target_key text,             -- what the case is grouped by: transit | rus | other_regional
            topic text,
            quote text,                  -- the strongest statement
            quote_kind text,             -- quote | reported | headline
            quote_statement_id integer,
            score real,                  -- the highest score among the case's statements
            first_published text,
            month text,
            outlets text,                -- JSON list of outlet names, first-published first
            urls text,                   -- JSON list: every article of the story
            article_ids text,            -- JSON list
            statement_ids text,          -- JSON list: every flagged statement of the case, all copies
            n_statements integer,        -- distinct statement texts (a copy's repeat counts once)
            model text,
            evidence text,               -- JSON: what was inferred, from where
            built_at text
        )
        """
    )
    db.execute("create index conflict_cases_story on conflict_cases(story_id)")
    db.execute("create index conflict_cases_published on conflict_cases(first_published)")
    db.execute("create index conflict_cases_municipality on conflict_cases(municipality_code)")
    db.execute("create index conflict_cases_lan on conflict_cases(lan, first_published)")
    from db.cases import rebuild_cases

    rebuild_cases(db)
