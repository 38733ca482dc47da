"""pindesk's gunicorn worker: gunicorn's asyncio worker with a header timeout and JSON refusals.

Connections live on the worker's event loop, not in threads, so a client that opens a socket and sends
half a request costs almost nothing; one that has not finished its headers within HEADER_SECONDS is
answered 408 and closed. What gunicorn refuses itself (a request line or headers too long, a malformed
request) is answered as JSON {"error": ...}, as the API answers everything else.
"""
from __future__ import annotations

from http import HTTPStatus

import orjson
from gunicorn.asgi.protocol import ASGIProtocol
from gunicorn.workers import gasgi

HEADER_SECONDS = 10.0  # from the connection opening to the end of the first request's headers
REFUSALS = {
    414: "the request line is too long: send a long query with POST /api/v1/ask",
    431: "the request headers are too large",
}


class PindeskProtocol(ASGIProtocol):
    """One HTTP/1.1 connection, with a deadline for the first request's headers."""

    def connection_made(self, transport):
        """Start the connection and its header deadline."""
        super().connection_made(transport)
        self._header_deadline = self.worker.loop.call_later(HEADER_SECONDS, self._headers_too_slow)

    def _cancel_header_deadline(self) -> None:
        """The headers came (or the connection went): no deadline any more."""
        deadline = getattr(self, "_header_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._header_deadline = None

    def _on_headers_complete(self):
        """The first request's headers are complete; later ones are bounded by gunicorn's keep-alive."""
        self._cancel_header_deadline()
        return super()._on_headers_complete()

    def connection_lost(self, exc):
        """Drop the deadline with the connection."""
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def _headers_too_slow(self) -> None:
        """Refuse a client that opened a connection and did not finish a request's headers in time."""
        self._header_deadline = None
        if not self._closed and self.req_count <= 1 and self._current_request is None:
            self._send_error_response(408, f"the request headers did not arrive within {HEADER_SECONDS:g} s")
            self._close_transport()

    def _send_error_response(self, status, message, extra_headers=()):
        """gunicorn's own refusals as JSON {"error": ...}, like the API's."""
        body = orjson.dumps({"error": REFUSALS.get(status, str(message) or "bad request")})
        head = (f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n"
                + "".join(f"{name}: {value}\r\n" for name, value in extra_headers) + "Connection: close\r\n\r\n")
        self._safe_write(head.encode("latin-1"))
        self._safe_write(body)


class PindeskWorker(gasgi.ASGIWorker):
    """gunicorn's ASGI worker serving connections with PindeskProtocol."""

    def init_process(self):
        """Serve with pindesk's protocol: gasgi builds ASGIProtocol by its module name, so name ours there."""
        gasgi.ASGIProtocol = PindeskProtocol
        super().init_process()
