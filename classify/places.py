"""The classifier's access point to the gazetteer (classify/gazetteer.py).

One cached instance per process: building it generates every inflected form
of 290 municipality names, which is too slow to repeat per statement.
"""

from __future__ import annotations

import functools

from classify.gazetteer import Gazetteer, default_gazetteer


@functools.cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded from db/reference once per process."""
    return default_gazetteer()
