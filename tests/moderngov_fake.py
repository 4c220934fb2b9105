"""A fake ModernGov site on loopback: the recorded responses, small generated PDFs, and misbehaviour on request.

It serves the files in tests/fixtures/moderngov/ with the council's address replaced by its own (so
document links point back to it), records every request, answers 304 to a matching ETag, and can be
told to fail once, be slow, or answer with anything else.
"""

from __future__ import annotations

import hashlib
import io
import threading
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from time import sleep   # bound here: the tests replace time.sleep to skip the importer's pauses
from urllib.parse import parse_qs, urlsplit

from pypdf import PdfWriter

FIXTURES = Path(__file__).parent / "fixtures" / "moderngov"
COUNCIL = "https://democracy.manchester.gov.uk"
MEETINGS = {"4966": "GetMeeting.cancelled-no-minutes.xml", "4967": "GetMeeting.with-minutes.xml",
            "4968": "derived.GetMeeting.restricted.xml"}


@cache
def small_pdf(title: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class FakeModernGov:
    """Start with `with FakeModernGov() as site:`; `site.base` is the service address to import from."""

    def __init__(self, listing: str = "derived.GetMeetings.xml") -> None:
        self.listing = listing
        self.requests: list[dict] = []
        self.overrides: dict[str, tuple[int, dict, bytes]] = {}   # path?query -> (status, headers, body)
        self.fail_once: set[str] = set()
        self.slow: dict[str, float] = {}
        self.etags = True
        self.meetings = dict(MEETINGS)
        self.replace: dict[str, tuple[str, str]] = {}              # file -> (old text, new text)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                fake.requests.append({"path": self.path, "if_none_match": self.headers.get("If-None-Match")})
                key = self.path
                if key in fake.slow:
                    sleep(fake.slow.pop(key))
                if key in fake.fail_once:
                    fake.fail_once.discard(key)
                    return self.answer(503, {"Content-Type": "text/html"}, b"<html>Service Unavailable</html>")
                if key in fake.overrides:
                    return self.answer(*fake.overrides[key])
                status, headers, body = fake.route(self.path)
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if fake.etags and status == 200:
                    headers["ETag"] = etag
                    if self.headers.get("If-None-Match") == etag:
                        return self.answer(304, {"ETag": etag}, b"")
                return self.answer(status, headers, body)

            def answer(self, status, headers, body):
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.site = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.base = f"{self.site}/mgWebService.asmx"

    def fixture(self, name: str) -> bytes:
        text = (FIXTURES / name).read_text(encoding="utf-8").replace(COUNCIL, self.site)
        if name in self.replace:
            text = text.replace(*self.replace[name])
        return text.encode("utf-8")

    def route(self, path: str) -> tuple[int, dict, bytes]:
        parts = urlsplit(path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        xml = {"Content-Type": "text/xml; charset=utf-8"}
        if parts.path == "/mgWebService.asmx/GetCommittees":
            return 200, xml, self.fixture("GetCommittees.xml")
        if parts.path == "/mgWebService.asmx/GetMeetings":
            return 200, xml, self.fixture(self.listing)
        if parts.path == "/mgWebService.asmx/GetMeeting" and query.get("lMeetingId") in self.meetings:
            return 200, xml, self.fixture(self.meetings[query["lMeetingId"]])
        if parts.path == "/mgConvert2PDF.aspx" and query.get("ID", "").isdigit():
            if query["ID"] == "90007":         # a page, not a document
                return 200, {"Content-Type": "text/html"}, b"<!DOCTYPE html><html><body>Briefing</body></html>"
            return 200, {"Content-Type": "application/pdf"}, small_pdf(f"Document {query['ID']}")
        return 404, {"Content-Type": "text/html"}, b"<html>Not found</html>"

    def requested(self, fragment: str) -> list[dict]:
        return [r for r in self.requests if fragment in r["path"]]

    def __enter__(self) -> FakeModernGov:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
