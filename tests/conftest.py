"""Shared fixtures: a database path, fixture sites on 127.0.0.1, the CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from demo.server import SiteServer

FIXTURES = Path(__file__).parent / "fixtures"
SITES = FIXTURES / "sites"
BEVAKNING = [sys.executable, "-m", "bevakning"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database file location (not yet created)."""
    return tmp_path / "test.db"


@pytest.fixture
def fixture_site() -> Iterator[Callable[[str], SiteServer]]:
    """Start a fixture site from tests/fixtures/sites/<name> on a free loopback port."""
    servers: list[SiteServer] = []

    def start(name: str) -> SiteServer:
        srv = SiteServer(SITES / name)
        srv.start()
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.stop()


def write_sources(path: Path, sites: dict[str, SiteServer], lan: str = "18") -> Path:
    """A sources file pointing at running fixture sites' rss.xml (on 127.0.0.1, so allow_private)."""
    parts = []
    for sid, srv in sites.items():
        parts.append(
            f'[[sources]]\nid = "{sid}"\nname = "{sid.title()}"\nhomepage = "{srv.url}/"\n'
            f'lan = "{lan}"\nfeeds = ["{srv.url}/rss.xml"]\nallow_private = true\n'
        )
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def run_cli(
    *args: str, input: str | None = None, env: dict | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    """Run `bevakning` in a subprocess, as a user would (the Twisted reactor runs once per process)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("BEVAKNING_DB", None) if env is None or "BEVAKNING_DB" not in env else None
    return subprocess.run(
        [*BEVAKNING, *args],
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


@pytest.fixture
def output_dir(request: pytest.FixtureRequest) -> Path:
    """A folder under test-output/ for screenshots and other artefacts a person may look at."""
    out = Path(__file__).parent.parent / "test-output" / request.node.name
    out.mkdir(parents=True, exist_ok=True)
    return out


# --- SMTP (digest) --------------------------------------------------------------------------


class SmtpRecorder:
    """aiosmtpd handler: records each accepted message and misbehaves on request.

    reject[rcpt] = "550 ..." refuses a recipient; transient[rcpt] = n answers
    451 n times first; drop_after = n drops the connection at MAIL FROM once n
    messages have been accepted (for every later session too, until reset).
    """

    def __init__(self) -> None:
        import threading

        self.messages: list = []  # email.message.EmailMessage, with .envelope_rcpt set
        self.reject: dict[str, str] = {}
        self.transient: dict[str, int] = {}
        self.drop_after: int | None = None
        self.logins: list[str] = []
        self.lock = threading.Lock()

    def by_rcpt(self, rcpt: str) -> list:
        return [m for m in self.messages if rcpt in m.envelope_rcpt]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.drop_after is not None and len(self.messages) >= self.drop_after:
            server.transport.abort()
            return "421 4.4.2 connection dropped"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return self.reject[address]
        with self.lock:
            if self.transient.get(address, 0) > 0:
                self.transient[address] -= 1
                return "451 4.3.0 Temporary failure, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        msg.envelope_rcpt = list(envelope.rcpt_tos)
        msg.envelope_from = envelope.mail_from
        msg.raw = envelope.original_content
        self.messages.append(msg)
        return "250 2.0.0 Message accepted"


class SmtpServer:
    """A running aiosmtpd Controller on 127.0.0.1 and what the client needs to reach it."""

    def __init__(self, controller, handler: SmtpRecorder, tls: str, cafile: str | None) -> None:
        self.controller = controller
        self.handler = handler
        self.host = "127.0.0.1"
        self.port = controller.port
        self.tls = tls
        self.cafile = cafile

    @property
    def messages(self) -> list:
        return self.handler.messages

    def env(self, **extra: str) -> dict[str, str]:
        """BEVAKNING_SMTP_* settings pointing at this server, fast retries."""
        env = {
            "BEVAKNING_SMTP_HOST": self.host,
            "BEVAKNING_SMTP_PORT": str(self.port),
            "BEVAKNING_SMTP_TLS": self.tls,
            "BEVAKNING_SMTP_FROM": "bevakning@example.org",
            "BEVAKNING_SMTP_RETRIES": "2",
            "BEVAKNING_SMTP_BACKOFF": "0.05",
            "BEVAKNING_SMTP_TIMEOUT": "10",
        }
        if self.cafile:
            env["BEVAKNING_SMTP_CAFILE"] = self.cafile
        env.update(extra)
        return env


def _self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1/localhost, made with `cryptography`."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[Callable[..., SmtpServer]]:
    """Start a real SMTP server (aiosmtpd) on a free loopback port.

    smtp_server() is plain SMTP; smtp_server(tls="starttls" | "ssl") uses a
    self-signed certificate (the client trusts it via BEVAKNING_SMTP_CAFILE);
    logins={"user": "password"} requires AUTH.
    """
    import socket
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    started: list = []

    def start(tls: str = "none", logins: dict[str, str] | None = None) -> SmtpServer:
        handler = SmtpRecorder()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        kwargs: dict = {}
        cafile = None
        if tls != "none":
            cert, key = _self_signed_cert(tmp_path)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            cafile = str(cert)
            kwargs["ssl_context" if tls == "ssl" else "tls_context"] = context
            if tls == "starttls":
                kwargs["require_starttls"] = True
        if logins is not None:

            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = (
                    isinstance(auth_data, LoginPassword)
                    and logins.get(auth_data.login.decode()) == auth_data.password.decode()
                )
                if ok:
                    handler.logins.append(auth_data.login.decode())
                return AuthResult(success=ok, handled=False)

            kwargs.update(
                authenticator=authenticator, auth_required=True, auth_require_tls=tls != "none"
            )
        controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        started.append(controller)
        return SmtpServer(controller, handler, tls, cafile)

    yield start
    for controller in started:
        controller.stop()
