"""Numbered schema migrations.

Each step is a module ``mNNNN_<area>.py`` with one function ``migrate(db)``.
Steps are registered in file-name order and, once applied anywhere, never
edited: change the schema by adding a new module with the next number.
Reserved numbers: 0001 core, 0002 reference data, 0003 crawler, 0004 classifier,
0005 Datasette/review, 0006 digest, 0007 review queue, 0008 review label,
0009 crawl health, 0010 digest send states, 0011 reviewer sessions,
0012 conflict cases, 0013 WARC imports, 0014 labels.
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlite_utils.migrations import Migrations

migrations = Migrations("bevakning")


def _register_all() -> None:
    names = sorted(
        m.name
        for m in pkgutil.iter_modules(__path__)
        if m.name.startswith("m") and m.name[1:5].isdigit()
    )
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        migrations(name=name[1:])(module.migrate)


_register_all()
