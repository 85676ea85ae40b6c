"""Datasette plugin: a client error (404, 403, 400) is one log line, not a traceback.

Datasette's own handler prints a rich traceback with local variables for every
exception, so each mistyped address filled the console with ~160 lines and hid
the errors that matter. Client errors are the visitor's, not the program's: log
them in one line and answer with the same error page. Server errors (500) still
reach Datasette's handler and keep their traceback.
"""

from __future__ import annotations

import logging
from typing import Any

import datasette.handle_exception as datasette_errors
from datasette import Response, hookimpl
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError
from markupsafe import Markup

log = logging.getLogger("bevakning.web")

# Every handle_exception hook runs, ours first; Datasette's default one then prints
# a rich traceback with local variables for any exception, the visitor's 404s too.
# Without rich it prints nothing for client errors and a plain traceback for
# server errors (datasette 0.65.5's handle_exception.py; pinned in pyproject).
datasette_errors.rich = None

# What a visitor reads on the error page, in Swedish; the English detail is logged.
MESSAGES = {
    400: "Felaktig förfrågan.",
    403: (
        "Du har inte behörighet till den här sidan. Granskare loggar in via menyn "
        "uppe till höger (Logga in) och öppnar sedan länken igen."
    ),
    404: "Sidan finns inte.",
    405: "Metoden är inte tillåten här.",
}


def client_error(exception: BaseException) -> tuple[int, str, dict[str, Any], str | None] | None:
    """(status, message, info, title) for an exception that is the visitor's, else None."""
    if isinstance(exception, Base400):
        return exception.status, str(exception.args[0] if exception.args else ""), {}, None
    if isinstance(exception, DatasetteError) and exception.status < 500:
        message = exception.message
        if exception.message_is_html:
            message = Markup(message)
        return exception.status, message, dict(exception.error_dict), exception.title
    return None


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    """Answer client errors quietly; leave server errors to Datasette's handler."""
    found = client_error(exception)
    if found is None:
        return None
    status, message, info, title = found

    async def inner() -> Response:
        log.info("%s %s %s: %s", status, request.method, request.path, message)
        shown = MESSAGES.get(status, "Något gick fel.")
        info.update({"ok": False, "error": message, "status": status, "title": title})
        if request.path.endswith(".json"):
            return Response.json(info, status=status)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        context = dict(info, error=Markup(f"{shown}<br><small>{Markup.escape(message)}</small>"))
        html = await template.render_async(
            dict(
                context,
                urls=datasette.urls,
                app_css_hash=datasette.app_css_hash(),
                menu_links=lambda: [],
            )
        )
        return Response.html(html, status=status)

    return inner


@hookimpl(tryfirst=True)
def forbidden(datasette, request, message):
    """A 403 in Swedish that says how to log in (Datasette's says "Forbidden" in English)."""

    async def inner() -> Response:
        log.info("403 %s %s: %s", request.method, request.path, message)
        error = Markup(f"{MESSAGES[403]}<br><small>{Markup.escape(message)}</small>")
        html = await datasette.render_template(
            "error.html", {"title": None, "status": 403, "error": error}, request=request
        )
        return Response.html(html, status=403)

    return inner
