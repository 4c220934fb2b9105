"""Talking to a council's ModernGov web service politely: long timeouts, a few retries, conditional requests.

Self-hosted installs can take a minute to answer and sometimes fail once, so every request waits up to
`timeout` seconds and is tried again with a growing pause. Answers that say nothing changed (304) save
downloading the same meeting or paper again.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Callable

SERVICE = "mgWebService.asmx"
RETRY_STATUSES = {408, 429, 500, 502, 503, 504}
MAX_XML_BYTES = 20 * 1024 * 1024


class SourceError(Exception):
    """The council's service could not be read; the message is one line for the officer."""


@dataclass(frozen=True)
class Answer:
    """One response: its body (None when not modified), its type and the validators to send next time."""

    body: bytes | None
    content_type: str
    etag: str | None
    last_modified: str | None
    filename: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.body is None


def check_base_url(url: str) -> str:
    """The service address without a trailing slash; a ValueError saying what is wrong otherwise."""
    parsed = urllib.parse.urlsplit(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"`{url}` is not a web address: give the service's address, such as "
                         f"https://democracy.example.gov.uk/{SERVICE}")
    if not parsed.path.rstrip("/").endswith("/" + SERVICE) or parsed.query or parsed.fragment:
        raise ValueError(f"`{url}` does not end in {SERVICE}: give the web service's address, such as "
                         f"https://democracy.example.gov.uk/{SERVICE}")
    return url.strip().rstrip("/")


class Client:
    """GET requests to one ModernGov site; `sleep` and `opener` are replaceable so tests run fast."""

    def __init__(self, base_url: str, timeout: float = 90, retries: int = 3, backoff: float = 2.0,
                 sleep: Callable[[float], None] | None = None, max_bytes: int = 50 * 1024 * 1024) -> None:
        self.base_url = check_base_url(base_url)
        self.site = self.base_url[: -len(SERVICE) - 1]
        self.timeout, self.retries, self.backoff, self.sleep = timeout, retries, backoff, sleep or time.sleep
        self.max_bytes = max_bytes
        self.requests = 0

    def call(self, operation: str, etag: str | None = None, last_modified: str | None = None,
             **params: str) -> tuple[ET.Element | None, Answer]:
        """An operation's XML root (None when the server says it has not changed) and the answer."""
        query = urllib.parse.urlencode(params)
        url = f"{self.base_url}/{operation}" + (f"?{query}" if query else "")
        answer = self.get(url, etag, last_modified, limit=MAX_XML_BYTES)
        if answer.not_modified:
            return None, answer
        return parse_xml(answer.body, operation), answer

    def same_site(self, url: str) -> bool:
        """Only documents on the service's own site are downloaded: a source cannot send us elsewhere."""
        ours, theirs = urllib.parse.urlsplit(self.site), urllib.parse.urlsplit(url)
        return (theirs.scheme, theirs.netloc.lower()) == (ours.scheme, ours.netloc.lower())

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            limit: int | None = None, accept: Callable[[str, str | None], bool] | None = None) -> Answer:
        """The answer to a GET, retried on timeouts and server errors; `accept(type, filename)` may refuse a body."""
        headers = {"User-Agent": "hwbsite (ModernGov import)", "Accept": "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = limit or self.max_bytes
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                            timeout=self.timeout) as response:
                    return self._read(response, limit, accept)
            except urllib.error.HTTPError as error:
                if error.code == 304:
                    return Answer(None, "", etag, last_modified)
                if error.code not in RETRY_STATUSES or attempt == self.retries:
                    raise SourceError(f"{url} answered {error.code} {error.reason}") from None
                reason = f"{error.code} {error.reason}"
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
                reason = getattr(error, "reason", None) or error
                if attempt == self.retries:
                    raise SourceError(f"{url} could not be reached after {self.retries + 1} tries "
                                      f"({reason})") from None
            self.sleep(self.backoff * 2 ** attempt)
        raise SourceError(f"{url} could not be read ({reason})")   # pragma: no cover - the loop returns or raises

    def _read(self, response, limit: int, accept) -> Answer:
        content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        filename = _filename(response.headers.get("Content-Disposition") or "")
        answer = Answer(b"", content_type, response.headers.get("ETag"), response.headers.get("Last-Modified"),
                        filename)
        if accept is not None and not accept(content_type, filename):
            return answer
        length = response.headers.get("Content-Length")
        if length and length.strip().isdigit() and int(length) > limit:
            raise TooLarge(f"{int(length) // (1024 * 1024)} MB")
        body = response.read(limit + 1)
        if len(body) > limit:
            raise TooLarge(f"more than {limit // (1024 * 1024)} MB")
        return Answer(body, content_type, answer.etag, answer.last_modified, filename)


class TooLarge(SourceError):
    """A document larger than the importer will download."""


def _filename(disposition: str) -> str | None:
    for part in disposition.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "filename" and value:
            return value.strip().strip('"')
    return None


def parse_xml(body: bytes, operation: str) -> ET.Element:
    """The XML root; a SourceError when the answer is not XML (a login page, an error page)."""
    head = body[:2048].lstrip().lower()
    if b"<!doctype" in head or b"<!entity" in body[:65536].lower():
        raise SourceError(f"{operation} did not answer with ModernGov's XML (it sent a web page or a document "
                          "type declaration): check the address")
    try:
        return ET.fromstring(body)
    except ET.ParseError as error:
        raise SourceError(f"{operation} did not answer with readable XML ({error}): check the address") from None
