"""Reviews remember the flag they judged (``reviews.model_conflict``).

A verdict says whether the model's flag was right *when the reviewer saw it*. After a
reclassification with a new model the statement's flag may differ, and reading the
verdict against the new flag would turn "that flag was wrong" into the opposite label.
A trigger copies the statement's flag into every new review; existing reviews get the
statement's current flag, the best that is known for them.
"""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute("alter table reviews add column model_conflict integer")
    db.execute(
        "update reviews set model_conflict = "
        "(select conflict from statements s where s.id = reviews.statement_id)"
    )
    db.execute(
        """
        create trigger reviews_model_conflict after insert on reviews
        when new.model_conflict is null
        begin
            update reviews set model_conflict =
                (select conflict from statements where id = new.statement_id)
            where id = new.id;
        end
        """
    )
