"""Swedish labels and typed names for codes: ``labels``, ``label_terms``, ``lan_lookup``.

Users filter canned queries by county, topic and role in words ("Örebro",
"kollektivtrafik", "kommunalråd"); the queries look the words up here instead
of each query spelling out its own list. Filled from db/reference/labels.csv
by ``db.labels.load_labels`` (see that module).
"""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute(
        """
        create table if not exists labels (
            kind text not null,     -- lan | topic | role | status | quote_kind | verdict | flag
            code text not null,     -- as stored: "18", "transit", "kso", "1"
            sv text not null,       -- the Swedish label users read
            aliases text,           -- other names users may type, "|"-separated
            primary key (kind, code)
        )
        """
    )
    db.execute(
        """
        create table if not exists label_terms (
            kind text not null,
            term text not null collate nocase,
            code text not null,
            primary key (kind, term)
        )
        """
    )
    db.execute(
        """
        create view if not exists lan_lookup as
        select t.term, t.code, l.sv as lan_name
        from label_terms t join labels l on l.kind = t.kind and l.code = t.code
        where t.kind = 'lan'
        """
    )
    # What a person reads, for browsing: Swedish labels, rounded score, a link.
    db.execute(
        """
        create view if not exists uttalanden as
        select s.id as id, s.text as citat, s.speaker as talare,
          coalesce(rl.sv, s.actor_role) as roll, s.municipality as kommun,
          coalesce(tl.sv, s.topic) as "ämne", coalesce(fl.sv, s.conflict) as flaggad,
          round(s.score, 2) as "poäng", src.name as tidning,
          substr(a.published, 1, 10) as datum, a.url as "länk", s.article_id as artikel
        from statements s
        join articles a on a.id = s.article_id
        left join sources src on src.id = a.source_id
        left join labels rl on rl.kind = 'role' and rl.code = s.actor_role
        left join labels tl on tl.kind = 'topic' and tl.code = s.topic
        left join labels fl on fl.kind = 'flag' and fl.code = cast(s.conflict as text)
        """
    )
    db.execute(
        """
        create view if not exists artiklar as
        select a.id as id, a.title as rubrik, src.name as tidning,
          substr(a.published, 1, 10) as datum,
          substr(coalesce(a.lead, a.text), 1, 200) as utdrag, a.url as "länk"
        from articles a left join sources src on src.id = a.source_id
        """
    )
    from db.labels import load_labels

    load_labels(db)
