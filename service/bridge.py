"""The buffering front of the WSGI app: a request reaches Flask only once all of it has arrived.

gunicorn's asyncio worker (service.worker) reads requests without giving a thread to a connection;
this bridge reads the body on the event loop, bounded in size and time, then runs the Flask app with
the whole body in memory. A slow or idle client costs a coroutine, never a thread.

Answering is CPU work of a millisecond or so: it runs on the event loop itself, as a sync worker would
run it, without a hop to a thread and back. Requests that may wait (on the store, on Slack, on a
rebuilt index) go to a small thread pool instead, so that the loop keeps reading other requests.
"""
from __future__ import annotations

import asyncio
import io
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import orjson

MAX_BODY_BYTES = 64 * 1024  # a 4,000-character query with a comment, JSON-escaped, stays well under this
BODY_SECONDS = 10.0  # a whole body, however it trickles in
APP_THREADS = 4  # for the requests that may wait; answering itself stays on the loop
JSON_PREFIXES = ("/api/", "/healthz", "/readyz", "/slack/")


def refusal(status: int, message: str, path: str) -> tuple[bytes, bytes]:
    """A short refusal the bridge gives itself: JSON under the API, plain text elsewhere."""
    if path.startswith(JSON_PREFIXES):
        return orjson.dumps({"error": message}), b"application/json"
    return message.encode(), b"text/plain; charset=utf-8"


def wsgi_environ(scope: dict, body: bytes) -> dict:
    """The WSGI environ for an ASGI HTTP scope, with the body already read (PEP 3333)."""
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client") or ("", 0)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", "").encode().decode("latin-1"),
        "PATH_INFO": scope["path"].encode().decode("latin-1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]), "SERVER_PORT": str(server[1] if len(server) > 1 else 80),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": str(client[0]), "REMOTE_PORT": str(client[1] if len(client) > 1 else 0),
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0), "wsgi.url_scheme": scope.get("scheme", "http"), "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "wsgi.input_terminated": True,
    }
    for raw_name, raw_value in scope.get("headers", []):
        name, value = raw_name.decode("latin-1").upper().replace("-", "_"), raw_value.decode("latin-1")
        if name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            if name == "CONTENT_TYPE":
                environ[name] = value
            continue
        key = f"HTTP_{name}"
        environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ


def call_wsgi(app, environ: dict) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Run the WSGI app to the end (in a pool thread): status, headers and the whole body."""
    started = {}

    def start_response(status, headers, exc_info=None):
        """Remember the status and headers; the body is returned whole."""
        started["status"], started["headers"] = status, headers

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in started["headers"]]
    return int(started["status"].split(" ", 1)[0]), headers, body


class WsgiBridge:
    """An ASGI app that serves a WSGI app: bodies buffered with limits, the app run in threads.

    `on_start` runs once in each worker when it starts serving (after gunicorn's fork): the place
    for threads of the worker's own, such as the catalog watcher. `waits(scope)` says which requests
    may wait on something and so run in the pool; the others run on the loop. `body_limits(path)`
    gives a path's own (bytes, seconds) for its body where it takes more than the default (uploads).
    """

    def __init__(self, app, on_start=None, waits=lambda scope: True, max_body: int = MAX_BODY_BYTES,
                 body_seconds: float = BODY_SECONDS, threads: int = APP_THREADS, body_limits=None):
        self.app = app
        self.on_start = on_start or (lambda: None)
        self.waits = waits
        self.max_body, self.body_seconds, self.threads = max_body, body_seconds, threads
        self.body_limits = body_limits or (lambda path: None)
        self._pool: ThreadPoolExecutor | None = None

    async def __call__(self, scope, receive, send):
        """Serve one ASGI connection scope: lifespan or an HTTP request."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive, send):
        """Start the worker's own threads on startup; nothing to undo at shutdown."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.on_start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._pool is not None:
                    self._pool.shutdown(wait=False, cancel_futures=True)
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _read_body(self, scope, receive) -> tuple[bytes | None, int, str]:
        """The whole body; or None with the status and reason to refuse it (413 too large, 408 too slow)."""
        max_body, body_seconds = self.body_limits(scope["path"]) or (self.max_body, self.body_seconds)
        declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > max_body:
            return None, 413, f"the body is over {max_body // 1024} KiB"
        chunks, size = [], 0
        deadline = time.monotonic() + body_seconds
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                return None, 408, f"the body did not arrive within {body_seconds:g} s"
            if message["type"] == "http.disconnect":
                return None, 0, "disconnected"
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > max_body:  # a chunked body has no length to check beforehand
                return None, 413, f"the body is over {max_body // 1024} KiB"
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), 200, ""

    async def _http(self, scope, receive, send):
        """Read the request whole, answer it from the WSGI app run in a thread."""
        body, status, reason = await self._read_body(scope, receive)
        if body is None:
            if status:
                content, content_type = refusal(status, reason, scope["path"])
                await send({"type": "http.response.start", "status": status,
                            "headers": [(b"content-type", content_type), (b"connection", b"close"),
                                        (b"content-length", str(len(content)).encode())]})
                await send({"type": "http.response.body", "body": content})
            return
        environ = wsgi_environ(scope, body)
        if self.waits(scope):
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="pindesk-request")
            status, headers, content = await asyncio.get_running_loop().run_in_executor(
                self._pool, call_wsgi, self.app, environ)
        else:
            status, headers, content = call_wsgi(self.app, environ)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})
