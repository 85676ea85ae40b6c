"""Datasette plugin: /-/avregistrera, where a digest's unsubscribe link ends a subscription.

GET shows a Swedish confirmation page with one button (a link scanner that
follows every link in a mail must not unsubscribe anyone); POST, from that
button or a mail client's one-click List-Unsubscribe-Post (RFC 8058),
deactivates the subscription named by the signed token (digest/unsubscribe.py)
and keeps the row and its send log, like `bevakning subscribers remove`.
The token is the proof, so the route needs no login and no CSRF token.
"""

from __future__ import annotations

import os
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import escape

from digest.unsubscribe import DIGEST_SECRET_ENV, ROUTE, verify_token

_PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Avsluta prenumerationen</title></head><body><h1>Avsluta prenumerationen</h1>{body}</body></html>"""


def _secret(datasette: Any) -> str:
    return os.environ.get(DIGEST_SECRET_ENV) or datasette._secret


def _page(body: str, status: int = 200) -> Response:
    return Response.html(_PAGE.format(body=body), status=status)


async def unsubscribe(request: Any, datasette: Any) -> Response:
    """Confirm (GET) or carry out (POST) the unsubscribe a token asks for."""
    token = request.args.get("token", "")
    if request.method == "POST" and not token:
        token = (await request.post_vars()).get("token", "")
    sub_id = verify_token(token, _secret(datasette))
    if sub_id is None:
        return _page(
            "<p>Länken är ogiltig eller ofullständig. Kopiera hela länken från mejlet, "
            "eller svara på mejlet och be om att bli avregistrerad.</p>",
            status=400,
        )
    db = datasette.get_database()
    if request.method != "POST":
        return _page(
            f'<form method="post" action="{ROUTE}"><input type="hidden" name="token" '
            f'value="{escape(token)}"><p>Vill du sluta få Bevakningens veckobrev?</p>'
            '<button type="submit">Avsluta prenumerationen</button></form>'
        )
    await db.execute_write(
        "update subscriptions set active = 0 where id = ? and active = 1", [sub_id]
    )
    return _page("<p>Klart: du får inte fler veckobrev från Bevakning.</p>")


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(rf"^{ROUTE}$", unsubscribe)]


@hookimpl
def skip_csrf(scope: dict[str, Any]) -> bool | None:
    """Mail clients' one-click POST carries no CSRF token; the signed token is the proof."""
    return True if scope.get("path") == ROUTE else None
