"""Datasette: reviewers' verdicts, the joined statement view, and the indexes its queries need.

The view ``statement_details`` is what Datasette's canned queries, the
researchers' export and ``bevakning.analysis.load_statements`` all read, so
the three always agree on columns. It joins tables from migrations 0002
(municipalities, regions) and 0003 (articles.story_id), which run first on a
fresh database.
"""

from sqlite_utils import Database

STATEMENT_DETAILS = """
create view statement_details as
select
    s.id as statement_id,
    s.text as statement,
    s.speaker,
    s.speaker_party,
    s.actor_role as role,
    coalesce(m.name, s.municipality) as municipality,
    s.municipality_code,
    m.k_category,
    coalesce(m.lan_code, s.region_lan_code) as lan_code,
    coalesce(m.lan_name, r.lan_name) as lan_name,
    s.topic,
    s.conflict,
    s.score,
    s.model,
    s.quote_kind,
    a.id as article_id,
    a.title as article_title,
    a.source_id,
    src.name as outlet,
    a.published,
    substr(a.published, 1, 7) as month,
    a.url,
    coalesce(a.story_id, a.id) as story_key
from statements s
join articles a on a.id = s.article_id
left join sources src on src.id = a.source_id
left join municipalities m on m.code = s.municipality_code
left join regions r on r.lan_code = s.region_lan_code
"""


def migrate(db: Database) -> None:
    db.execute(
        """
        create table reviews (
            id integer primary key,
            statement_id integer not null references statements(id),
            verdict text not null check (verdict in ('correct', 'incorrect')),
            comment text,
            reviewer text not null,
            at text not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )
        """
    )
    db["reviews"].create_index(["statement_id"])
    # Datasette does not switch on foreign keys, so a typo in the review form
    # would otherwise store a verdict about a statement that does not exist.
    db.execute(
        """
        create trigger reviews_statement_exists before insert on reviews
        when not exists (select 1 from statements where id = new.statement_id)
        begin
            select raise(abort, 'okänt uttalande: statement_id finns inte');
        end
        """
    )
    db.execute(STATEMENT_DETAILS)
    # Flagged statements are ~2 % of all: a partial index keeps every
    # conflict query on those rows only, whatever the table's size.
    db.execute(
        "create index statements_flagged on statements(article_id, municipality_code)"
        " where conflict = 1"
    )
    # Crawl health looks up each outlet's newest article and recent volume.
    db["articles"].create_index(["source_id", "published"], if_not_exists=True)
    # The classification backlog is counted without scanning every article.
    db.execute("create index articles_unclassified on articles(id) where classified_at is null")
