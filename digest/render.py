"""Turning a Digest into an email: Jinja2 templates for text and HTML, headers from controlled values.

Nothing from an article reaches a header: the subject is built from the week
number and a count, the recipient from a validated subscription address, and
the Message-ID from ids. Article text goes only into the bodies, escaped in HTML.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from digest.collect import Digest

_env: Environment | None = None


def environment() -> Environment:
    """One Jinja2 environment; autoescape is on for every *.html.j2 template."""
    global _env
    if _env is None:
        _env = Environment(
            loader=PackageLoader("digest", "templates"),
            autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        _env.filters["sv_date"] = lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
        _env.filters["sv_number"] = lambda x: f"{x:.1f}".replace(".", ",")
        _env.filters["http_url"] = http_url
    return _env


def http_url(url: str | None) -> str:
    """Only http(s) links go into href: a crawled `javascript:` URL becomes inert."""
    value = (url or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else "#"


_MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


def subject(digest: Digest) -> str:
    """Swedish subject line; only the week number and the count vary."""
    n = digest.count
    if n == 0:
        return f"Bevakning vecka {digest.week.number}: inget nytt"
    noun = "ny konflikt" if n == 1 else "nya konflikter"
    return f"Bevakning vecka {digest.week.number}: {n} {noun} mot regionala prioriteringar"


def message_id(digest: Digest, domain: str) -> str:
    """Stable per subscription and week, so a receiving server can spot a resend."""
    sub = digest.subscription
    token = hashlib.sha256(f"{sub.id}:{sub.email}:{digest.week}".encode()).hexdigest()[:12]
    return f"<bevakning.{digest.week}.s{sub.id}.{token}@{domain}>"


def render_bodies(digest: Digest, unsubscribe_url: str | None = None) -> tuple[str, str]:
    """The plain-text and HTML bodies."""
    env = environment()
    context = {"d": digest, "subject": subject(digest), "unsubscribe_url": unsubscribe_url}
    return (
        env.get_template("digest.txt.j2").render(context),
        env.get_template("digest.html.j2").render(context),
    )


def build_message(
    digest: Digest, sender: str, *, now: datetime | None = None, secret: str | None = None
) -> EmailMessage:
    """A multipart/alternative message ready for SMTP or an .eml file.

    With a ``secret`` (digest.unsubscribe.secret_for) the bodies end with an
    unsubscribe link and the message carries List-Unsubscribe (the link and a
    mailto: to the sender with the token in the subject) and
    List-Unsubscribe-Post for one-click unsubscribe (RFC 8058).
    """
    from digest.unsubscribe import make_token, unsubscribe_url

    sub = digest.subscription
    link = unsubscribe_url(digest.datasette_url, sub.id, secret) if secret else None
    text, html = render_bodies(digest, link)
    msg = EmailMessage()
    msg["Subject"] = subject(digest)
    msg["From"] = Address("Bevakning", addr_spec=sender)
    msg["To"] = Address(sub.name or "", addr_spec=sub.email)
    msg["Date"] = format_datetime(now or datetime.now().astimezone())
    msg["Message-ID"] = message_id(digest, sender.rpartition("@")[2] or "bevakning.local")
    msg["X-Bevakning-Week"] = str(digest.week)
    if secret and link:
        token = make_token(sub.id, secret)
        msg["List-Unsubscribe"] = f"<{link}>, <mailto:{sender}?subject=avregistrera%20{token}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg
