"""Delivering digests over SMTP, at most once per subscription and week.

The order of events per subscription is: claim the week in `digest_log` (a row
in state `sending`, written under the write lock, so of two concurrent runs only
one gets it), send, then record the outcome in a transaction of its own. So a
run that dies halfway has claimed or recorded everything it gave the server, and
a rerun sends only the rest. When the server's answer shows the message was not
taken (a dropped connection, a refused login) the claim is released, and a rerun
sends it. When the server took it but recording that fails (disk full), or the
process is killed mid-send, the row stays `sending`: reruns report it as
unconfirmed and do not send again (`digest --send --retry-failed` does, after the
mail server's log has been checked).
Transient replies (4xx, a dropped connection) are retried with exponential
backoff within a run; a 4xx that outlasts them is `deferred`, and later runs try
again, MAX_ATTEMPTS runs in all; a 5xx is `failed` for that recipient and week.

The SMTP password comes only from the environment; it has `repr=False`, is
never printed, and is scrubbed from any server reply we pass on.
"""

from __future__ import annotations

import base64
import contextlib
import os
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage

from sqlite_utils import Database

from db.store import now_iso
from digest.subscriptions import SubscriptionError, validate_email

TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class SmtpConfigError(ValueError):
    """Missing or invalid SMTP settings in the environment."""


class ConnectionLost(Exception):
    """The server could not be reached (or kept dropping us) after every retry."""


class LoginFailed(Exception):
    """The session cannot be set up: login refused, no STARTTLS, certificate rejected.

    Retrying cannot help, so the whole batch stops.
    """


@dataclass
class SmtpSettings:
    host: str
    port: int
    sender: str
    tls: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    cafile: str | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings:
        """Read BEVAKNING_SMTP_*; every problem is a one-line SmtpConfigError."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(f"BEVAKNING_SMTP_{name}")
            return value.strip() if value and value.strip() else None

        host = get("HOST")
        if not host:
            raise SmtpConfigError("BEVAKNING_SMTP_HOST is not set (needed for --send)")
        tls = (get("TLS") or "starttls").lower()
        if tls not in TLS_MODES:
            raise SmtpConfigError(
                f"invalid BEVAKNING_SMTP_TLS {tls!r}: choose {', '.join(TLS_MODES)}"
            )
        port = _number(get("PORT"), "PORT", int) if get("PORT") else DEFAULT_PORTS[tls]
        if not 0 < port < 65536:
            raise SmtpConfigError(f"invalid BEVAKNING_SMTP_PORT {port}")
        user = get("USER")
        password = env.get("BEVAKNING_SMTP_PASSWORD") or None
        if user and password is None:
            raise SmtpConfigError("BEVAKNING_SMTP_USER is set but BEVAKNING_SMTP_PASSWORD is not")
        sender = get("FROM") or (user if user and "@" in user else None)
        if not sender:
            raise SmtpConfigError("BEVAKNING_SMTP_FROM is not set (the sender address)")
        try:
            sender = validate_email(sender)
        except SubscriptionError:
            raise SmtpConfigError(f"invalid BEVAKNING_SMTP_FROM {sender!r}") from None
        cafile = get("CAFILE")
        if cafile and not os.path.isfile(cafile):
            raise SmtpConfigError(f"BEVAKNING_SMTP_CAFILE not found: {cafile}")
        return cls(
            host=host,
            port=port,
            sender=sender,
            tls=tls,
            user=user,
            password=password,
            cafile=cafile,
            timeout=_number(get("TIMEOUT"), "TIMEOUT", float, 30.0),
            retries=_number(get("RETRIES"), "RETRIES", int, 3),
            backoff=_number(get("BACKOFF"), "BACKOFF", float, 2.0),
        )

    def scrub(self, text: str) -> str:
        """Remove the password from text that came from elsewhere (server replies)."""
        return text.replace(self.password, "***") if self.password else text


def _number(raw: str | None, name: str, kind: type, default: float | int | None = None):
    if raw is None:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SmtpConfigError(f"invalid BEVAKNING_SMTP_{name} {raw!r}: not a number") from None
    if value < 0:
        raise SmtpConfigError(f"invalid BEVAKNING_SMTP_{name} {raw!r}: negative")
    return value


class Mailer:
    """One SMTP connection reused for a batch, reopened when the server drops it."""

    def __init__(self, settings: SmtpSettings, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.sleep = sleep
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context(cafile=s.cafile)
        try:
            if s.tls == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=context
                )
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        except ssl.SSLCertVerificationError as exc:
            raise LoginFailed(
                f"TLS certificate of {s.host} rejected: {exc.verify_message}"
            ) from None
        try:
            smtp.ehlo()
            if s.tls == "starttls":
                try:
                    smtp.starttls(context=context)
                except smtplib.SMTPNotSupportedError:
                    raise LoginFailed(
                        f"{s.host}:{s.port} does not offer STARTTLS (set BEVAKNING_SMTP_TLS)"
                    ) from None
                smtp.ehlo()
            if s.user:
                try:
                    _login(smtp, s.user, s.password or "")
                except smtplib.SMTPAuthenticationError as exc:
                    raise LoginFailed(
                        f"SMTP login failed for user {s.user!r}: {exc.smtp_code} "
                        f"{s.scrub(_reply_text(exc.smtp_error))}"
                    ) from None
        except ssl.SSLCertVerificationError as exc:
            _quietly_close(smtp)
            raise LoginFailed(
                f"TLS certificate of {s.host} rejected: {exc.verify_message}"
            ) from None
        except BaseException:
            _quietly_close(smtp)
            raise
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                _quietly_close(self._smtp)
            self._smtp = None

    def send(self, msg: EmailMessage, recipient: str) -> None:
        """Deliver one message to one recipient, retrying transient failures.

        Raises PermanentFailure (5xx, or 4xx after every retry) for this
        recipient, ConnectionLost when the server stays unreachable, and
        LoginFailed when the credentials are refused.
        """
        s = self.settings
        last = ""
        for attempt in range(s.retries + 1):
            if attempt:
                self.sleep(s.backoff * 2 ** (attempt - 1))
            code: int | None = None
            try:
                if self._smtp is None:
                    self._smtp = self._connect()
                self._smtp.send_message(msg, from_addr=s.sender, to_addrs=[recipient])
                return
            except smtplib.SMTPRecipientsRefused as exc:
                code, reply = exc.recipients.get(recipient, (None, b""))
                last = f"{code} {_reply_text(reply)}"
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                code, last = exc.smtp_code, f"{exc.smtp_code} {_reply_text(exc.smtp_error)}"
            except smtplib.SMTPResponseException as exc:
                code, last = exc.smtp_code, f"{exc.smtp_code} {_reply_text(exc.smtp_error)}"
                self._drop()
            except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as exc:
                # OSError covers refused connections, resets, timeouts and TLS errors.
                last = f"connection lost ({type(exc).__name__}: {exc})"
                self._drop()
            if code == 421:  # "service closing": smtplib has already closed the socket
                self._drop()
            if code is not None and code >= 500:
                raise PermanentFailure(s.scrub(last), code=code)
        if code is None:
            raise ConnectionLost(
                f"cannot deliver via {s.host}:{s.port} after {s.retries + 1} attempts: "
                f"{s.scrub(last)}"
            )
        raise PermanentFailure(
            f"{s.scrub(last)} (still failing after {s.retries + 1} attempts)", code=code
        )

    def _drop(self) -> None:
        if self._smtp is not None:
            _quietly_close(self._smtp)
            self._smtp = None


class PermanentFailure(Exception):
    """The server would not take the message for this recipient (`code`: its reply code)."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib encodes credentials as ASCII; AUTH PLAIN is UTF-8 (RFC 4616), so non-ASCII
    user names or passwords go through a hand-made AUTH PLAIN."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if "plain" not in smtp.esmtp_features.get("auth", "").lower().split():
        raise smtplib.SMTPAuthenticationError(
            504, b"server does not offer AUTH PLAIN, needed for a non-ASCII password"
        )
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
    code, reply = smtp.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _reply_text(reply: bytes | str | None) -> str:
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return " ".join((reply or "").split())


def _quietly_close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):
        smtp.close()


# Runs in which a 4xx-deferred digest is tried before it counts as failed.
MAX_ATTEMPTS = 3


def _claimant() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claimant_alive(claimed_by: str | None) -> bool:
    """Whether the run that claimed a row is still running (only knowable on this host)."""
    host, _, pid = (claimed_by or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Claim:
    """The outcome of `claim_send`: granted, or the state that keeps this run from sending."""

    granted: bool
    status: str = ""  # when refused: sent | sending | in-progress | deferred | failed
    detail: str = ""
    previous: dict | None = None  # the row before a granted retry, to restore on release


def claim_send(
    db: Database, subscription_id: int, week: str, message_id: str, *, retry_failed: bool = False
) -> Claim:
    """Take the right to send this subscription's digest for the week, or say who has it.

    Read and write under one write lock, so of two concurrent runs exactly one is
    granted. A deferred row is granted again until MAX_ATTEMPTS; a failed row, or a
    `sending` row left by a run that is gone, only with retry_failed.
    """
    with db.atomic():
        cur = db.execute(
            "select status, attempts, detail, message_id, claimed_at, claimed_by, sent_at "
            "from digest_log where subscription_id = ? and week = ?",
            [subscription_id, week],
        )
        found = cur.fetchone()
        now = now_iso()
        if found is None:
            db.execute(
                "insert into digest_log (subscription_id, week, message_id, status, attempts, "
                "claimed_at, claimed_by) values (?, ?, ?, 'sending', 1, ?, ?)",
                [subscription_id, week, message_id, now, _claimant()],
            )
            return Claim(True)
        row = dict(zip([c[0] for c in cur.description], found, strict=True))
        status, attempts = row["status"], row["attempts"] or 1
        if status == "sending" and _claimant_alive(row["claimed_by"]):
            return Claim(False, "in-progress", f"being sent by {row['claimed_by']}")
        retry = (status == "deferred" and attempts < MAX_ATTEMPTS) or (
            retry_failed and status in ("deferred", "failed", "sending")
        )
        if not retry:
            if status == "sending":
                detail = (
                    f"claimed at {row['claimed_at']} by {row['claimed_by']}, outcome never "
                    f"recorded (Message-ID {row['message_id']}); not sent again"
                )
            else:
                detail = row["detail"] or ""
            return Claim(False, status, detail)
        db.execute(
            "update digest_log set status = 'sending', attempts = ?, message_id = ?, "
            "claimed_at = ?, claimed_by = ? where subscription_id = ? and week = ?",
            [attempts + 1, message_id, now, _claimant(), subscription_id, week],
        )
        return Claim(True, previous=row)


def record_outcome(
    db: Database, subscription_id: int, week: str, status: str, detail: str = ""
) -> None:
    """Its own transaction, straight after the server's answer: `sent` is the 'once'."""
    with db.atomic():
        db.execute(
            "update digest_log set status = ?, detail = ?, sent_at = ? "
            "where subscription_id = ? and week = ?",
            [
                status,
                detail or None,
                now_iso() if status == "sent" else None,
                subscription_id,
                week,
            ],
        )


def release_claim(db: Database, subscription_id: int, week: str, claim: Claim) -> None:
    """The server did not take the message: undo the claim so that a rerun sends it."""
    with db.atomic():
        if claim.previous is None:
            db.execute(
                "delete from digest_log where subscription_id = ? and week = ? "
                "and status = 'sending'",
                [subscription_id, week],
            )
        else:
            prev = claim.previous
            db.execute(
                "update digest_log set status = ?, attempts = ?, detail = ?, message_id = ?, "
                "claimed_at = ?, claimed_by = ? where subscription_id = ? and week = ?",
                [
                    prev["status"],
                    prev["attempts"],
                    prev["detail"],
                    prev["message_id"],
                    prev["claimed_at"],
                    prev["claimed_by"],
                    subscription_id,
                    week,
                ],
            )


__all__ = [
    "MAX_ATTEMPTS",
    "Claim",
    "ConnectionLost",
    "LoginFailed",
    "Mailer",
    "PermanentFailure",
    "SmtpConfigError",
    "SmtpSettings",
    "claim_send",
    "record_outcome",
    "release_claim",
]
