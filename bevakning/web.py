"""Build the Datasette instance that `bevakning serve` and `bevakning demo` run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
METADATA = PROJECT_ROOT / "datasette_metadata.json"


def load_metadata(path: Path = METADATA) -> dict[str, Any]:
    """The project's Datasette metadata (titles, descriptions, canned queries)."""
    return json.loads(path.read_text(encoding="utf-8"))


def make_datasette(db_path: str | Path, *, metadata: dict[str, Any] | None = None) -> Any:
    """A Datasette serving the database read-only for anonymous users, with our metadata."""
    from datasette.app import Datasette

    return Datasette(
        files=[str(db_path)],
        metadata=metadata if metadata is not None else load_metadata(),
        settings={"sql_time_limit_ms": 5000},
    )


def serve(db_path: str | Path, host: str, port: int, on_ready: Any = None) -> None:
    """Run Datasette with uvicorn until interrupted."""
    import uvicorn

    ds = make_datasette(db_path)
    config = uvicorn.Config(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    if on_ready:
        on_ready(f"http://{host}:{port}/")
    server.run()
