"""WARC imports: which archive files `bevakning import-warc` has read in full.

A file is identified by its resolved path, size and modification time (and a
SHA-256 of its first and last MiB, so a file replaced in place with the same
size and time is still noticed); `finished` is set only when every record of
the file was read, so an interrupted import reads the file again (records
whose URL is already stored are then skipped cheaply).
"""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["warc_files"].create(
        {
            "path": str,
            "size": int,
            "mtime": float,
            "sha256": str,  # of the first and last MiB (a fingerprint, not of the whole file)
            "records": int,  # WARC records read (all types)
            "kept": int,
            "skipped": int,
            "failed": int,
            "failures": str,  # "offset 1234: reason; …" (first few), for the summary
            "started": str,
            "finished": str,  # NULL while (or if interrupted while) importing
        },
        pk="path",
    )
