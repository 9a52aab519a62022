"""What keeps a game server on a school network safe: headers, sizes, forms, joins, secrets.

Everything here is small and independent of the game: the app in :mod:`game.web.app`
wires it in. The rules, in one place:

- a server on 127.0.0.1 answers only to its own names (no DNS rebinding);
- every response carries a Content-Security-Policy that allows only the game's own
  files (no inline script, nothing from elsewhere) and ``X-Content-Type-Options: nosniff``;
- a request body larger than :data:`MAX_BODY_BYTES` is refused before it is read whole;
- every form carries a token bound to the visitor's own cookie (compared in constant
  time), and a POST from another site is refused by its ``Origin``/``Sec-Fetch-Site``;
- joins are rate-limited per device and for the whole server;
- the dashboard's secret and every token come from the operating system's secure source.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 8 * 1024  # the largest form is a nickname and three tokens: a few hundred bytes
MAX_FORM_FIELDS = 12
COOKIE_NAME = "dl_id"
COOKIE_MAX_AGE = 60 * 60 * 24 * 60  # two months: a game may be finished next lesson

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# the class report is one self-contained file with its own <style> and no script at all
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make a form's Origin "null"
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def new_secret() -> str:
    """A random token for a cookie or a link: 256 bits from the OS's secure source."""
    return secrets.token_urlsafe(32)


def same_secret(given: str, expected: str) -> bool:
    """Whether two secrets match, in time that does not depend on where they differ."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def file_key(cookie: str) -> str:
    """The name a visitor's state file gets: a hash, so the folder never holds the cookie."""
    return hashlib.sha256(cookie.encode("utf-8", "replace")).hexdigest()[:32]


def looks_like_cookie(value: str | None) -> bool:
    """A cookie this server could have made (43 URL-safe characters), not anything sent."""
    return (value is not None and len(value) == 43
            and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value))


def form_token(key: bytes, cookie: str, purpose: str = "form") -> str:
    """The token every form of this visitor carries: bound to its cookie and this server."""
    return hmac.new(key, f"{purpose}:{cookie}".encode(), hashlib.sha256).hexdigest()


# --- headers and body size --------------------------------------------------------------


class SecurityMiddleware:
    """Adds the security headers to every response and refuses oversized bodies (413)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES,
                 hosts: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.max_body = max_body
        # when set, the only Host headers answered: a server on 127.0.0.1 answers to its own
        # names, so a page elsewhere cannot reach it by pointing a name of its own at 127.0.0.1
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self.hosts and headers.get(b"host", b"").decode("latin-1").lower() not in self.hosts:
            await _refuse(send, 421, "This game answers only at the address it printed: "
                          + ", ".join(sorted(f"http://{h}/" for h in self.hosts)))
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _refuse(send, 413, "That request is too large for this game (at most "
                          f"{self.max_body} bytes). Nothing was changed.")
            return
        seen = 0
        too_large = False
        started = time.perf_counter()

        async def limited_receive() -> Message:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_large = True
                    raise BodyTooLarge
            return message

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(SECURITY_HEADERS)
                names = {name.lower() for name, _ in message.get("headers", [])}
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", CSP.encode()))
                # the time spent in the server, apart from the network and the queue to it
                spent = (time.perf_counter() - started) * 1000
                extra.append((b"server-timing", f"app;dur={spent:.1f}".encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except BodyTooLarge:
            if too_large:
                await _refuse(send, 413, "That request is too large for this game. "
                              "Nothing was changed.")


class BodyTooLarge(Exception):
    """A streamed body went past the limit (no Content-Length, or a false one)."""


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS, (b"content-security-policy", CSP.encode())]})
    await send({"type": "http.response.body", "body": body})


# --- forms -----------------------------------------------------------------------------


class FormError(Exception):
    """A form that cannot be used; the message says why, for the person who sent it."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def parse_form(content_type: str, body: bytes) -> dict[str, str]:
    """An HTML form's fields (the first of each name); FormError for anything else."""
    if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise FormError("This address only takes the game's own forms.", 415)
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=False,
                          max_num_fields=MAX_FORM_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise FormError("That form could not be read. Please try again.") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields


def cross_site(headers: MutableMapping[str, str] | Any, host: str) -> bool:
    """Whether a request says it comes from another site (a forged form or script)."""
    if headers.get("sec-fetch-site", "") in ("cross-site", "same-site"):
        return True
    origin = headers.get("origin")
    if origin is None:
        return False  # old browsers send none on same-origin posts; the form token decides
    if origin == "null":
        return True
    return urlsplit(origin).netloc.lower() != host.lower()


# --- joins -----------------------------------------------------------------------------


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class RateLimit:
    """A token bucket per device and one for the whole server.

    The defaults let a class of 30 join within a minute from 30 devices, let one device
    retry a few mistyped codes, and turn a loop of thousands away at once.
    """

    per_device: float = 8  # joins in a burst from one address
    device_refill: float = 1 / 10  # then one every ten seconds
    overall: float = 120  # joins in a burst for the whole server
    overall_refill: float = 2.0  # then two a second
    clock: Callable[[], float] = time.monotonic
    _devices: dict[str, _Bucket] = field(default_factory=dict)
    _overall: _Bucket | None = None

    def allow(self, device: str) -> float:
        """0 if this join may go ahead (and count it), else the seconds to wait."""
        now = self.clock()
        if self._overall is None:
            self._overall = _Bucket(self.overall, now)
        if len(self._devices) > 10_000:  # a flood of addresses: forget the full buckets
            self._devices = {k: b for k, b in self._devices.items() if b.tokens < self.per_device}
        device_bucket = self._devices.setdefault(device, _Bucket(self.per_device, now))
        wait = 0.0
        for bucket, size, refill in ((device_bucket, self.per_device, self.device_refill),
                                     (self._overall, self.overall, self.overall_refill)):
            bucket.tokens = min(size, bucket.tokens + (now - bucket.at) * refill)
            bucket.at = now
            if bucket.tokens < 1:
                wait = max(wait, (1 - bucket.tokens) / refill)
        if wait:
            return wait
        device_bucket.tokens -= 1
        self._overall.tokens -= 1
        return 0.0
