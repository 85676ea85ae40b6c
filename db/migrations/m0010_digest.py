"""The digest log records each send's state, not only its success.

A row is written (claimed) *before* the message goes to the SMTP server, under the
write lock, so two concurrent runs cannot both send, and a run whose bookkeeping
fails after the server's 250 leaves a row that stops every rerun from sending again.
``status``: ``sending`` (claimed; the outcome was never recorded), ``sent``,
``deferred`` (the server answered 4xx; later runs try again, up to a limit) or
``failed`` (5xx, or 4xx too often; not retried without ``--retry-failed``).
``sent_at`` becomes nullable: only a sent row has it.
"""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    table = db["digest_log"]
    table.add_column("status", str, not_null_default="sent")
    table.add_column("attempts", int, not_null_default=1)
    table.add_column("detail", str)
    table.add_column("claimed_at", str)
    table.add_column("claimed_by", str)
    table.transform(not_null={"sent_at": False})
    db.execute("update digest_log set claimed_at = sent_at where claimed_at is null")
