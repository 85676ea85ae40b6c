"""The database: schema migrations, connection handling and small write helpers.

db/ knows nothing of the crawler, the classifier or the digest; they all talk
to each other only through the tables defined here.
"""

from db.core import DEFAULT_DB, DatabaseError, open_db, resolve_db_path

__all__ = ["DEFAULT_DB", "DatabaseError", "open_db", "resolve_db_path"]
