"""Bounds on what one visitor can make the server do: time, threads, bytes, and what it reveals.

* **Time**: :func:`time_limited` puts a plugin page's SQL (``execute_fn`` runs outside Datasette's
  ``sql_time_limit_ms``) under the same limit, with a progress handler that interrupts SQLite.
* **Threads**: Datasette runs every query on one pool of ``num_sql_threads``. Hand-written SQL
  (``?sql=``, ``?_where=``) gets a budget of its own, :data:`ADHOC_SLOTS` at a time; the rest wait
  without holding a thread, so four slow queries cannot starve the article and search pages.
* **Bytes**: one value may not exceed :data:`MAX_VALUE_BYTES` (``SQLITE_LIMIT_LENGTH``: no
  ``randomblob(1e9)``), and one response not :data:`MAX_RESPONSE_BYTES`: a whole response above it
  is refused with 413, a stream (CSV ``_stream=on``) is cut there with a last line saying so.
* **Paths**: nothing names the server's files: an SQLite authorizer reads the ``file`` column of
  ``pragma_database_list`` as NULL, and the introspection pages that list paths
  (:data:`HIDDEN_PATHS`) answer 404.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
import weakref
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, TypeVar
from urllib.parse import parse_qs

from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response

_T = TypeVar("_T")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Send = Callable[[Message], Awaitable[None]]
Receive = Callable[[], Awaitable[Message]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Hand-written queries running at once. Each may run for the whole ``sql_time_limit_ms`` on a
#: core of its own (SQLite releases the GIL), so on a small machine one is the budget: the other
#: threads and cores stay with the pages most visitors read.
ADHOC_SLOTS = 1
#: How long a hand-written query waits for its turn before the server answers 503.
ADHOC_WAIT_S = 15.0
#: Largest string or blob one SQL expression may build (article bodies are a few KB; the search
#: page's list of matching ids is ~8 bytes per article: 32 MB covers 4 million articles).
MAX_VALUE_BYTES = 32 * 1024 * 1024
#: Largest response body. 1,000 rows of full articles are ~4 MB of JSON; bulk exports are the
#: published archive file's job, not the web server's.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
#: Introspection pages that show file paths (``/-/databases``, ``/-/plugins``) or server internals.
HIDDEN_PATHS = re.compile(r"^/-/(databases|plugins|threads)(\.json)?$")
#: Query-string keys that carry SQL written by the visitor.
ADHOC_KEYS = frozenset({"sql", "_where"})
#: (table, column) read as NULL on every connection Datasette opens: they name the server's files.
#: (Datasette's own ``PRAGMA database_list``, which it uses for attached databases, is not a read.)
HIDDEN_COLUMNS = frozenset({("pragma_database_list", "file")})


def _authorizer(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    if action == sqlite3.SQLITE_READ and ((arg1 or "").lower(), (arg2 or "").lower()) in HIDDEN_COLUMNS:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


def prepare(conn: sqlite3.Connection) -> None:
    """Bound every connection Datasette opens: value size, and no file names from SQL."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.set_authorizer(_authorizer)


class TimeLimitExceeded(sqlite3.OperationalError):
    """SQLite was interrupted at the time limit (whatever error it then reported: an FTS5 table
    interrupted while opening says "vtable constructor failed")."""


class _Deadline:
    def __init__(self, ms: int) -> None:
        self.at = time.perf_counter() + ms / 1000
        self.fired = False

    def __call__(self) -> int:
        if time.perf_counter() >= self.at:
            self.fired = True
            return 1
        return 0


def time_limited(
    datasette: Any, fn: Callable[[sqlite3.Connection], _T]
) -> Callable[[sqlite3.Connection], _T]:
    """``fn`` for ``db.execute_fn``, interrupted after ``sql_time_limit_ms`` (the limit Datasette
    applies to its own queries) with :class:`TimeLimitExceeded`."""
    ms = int(datasette.setting("sql_time_limit_ms"))

    def run(conn: sqlite3.Connection) -> _T:
        deadline = _Deadline(ms)
        conn.set_progress_handler(deadline, 1000 if ms > 20 else 1)
        try:
            return fn(conn)
        except sqlite3.Error as exc:
            if deadline.fired:
                raise TimeLimitExceeded(f"interrupted after {ms} ms") from exc
            raise
        finally:
            conn.set_progress_handler(None, 0)

    return run


# -- the ASGI wrapper ---------------------------------------------------------------------------


def interrupted_response(datasette: Any, exception: Exception) -> Response | None:
    """A plain-text 400 for a query the time limit stopped; None for any other exception."""
    if not isinstance(exception, QueryInterrupted | TimeLimitExceeded):
        return None
    seconds = datasette.setting("sql_time_limit_ms") / 1000
    return Response.text(
        f"The query took longer than the time limit ({seconds:g} s) and was stopped. "
        "Narrow it (more words, a filter) or try again when the server is less busy.\n",
        status=400,
    )


class ResponseCut(Exception):
    """Raised into the app once a stream was cut, so it stops producing rows."""


async def _send_text(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class CappedSend:
    """An ASGI ``send`` that lets through at most ``cap`` body bytes (see the module docstring)."""

    def __init__(self, send: Send, cap: int) -> None:
        self.send, self.cap, self.sent = send, cap, 0
        self.start: Message | None = None
        self.cut = False

    async def __call__(self, message: Message) -> None:
        if self.cut:
            raise ResponseCut
        if message["type"] == "http.response.start":
            self.start = message  # held until the first body part shows how big the response is
            return
        if message["type"] != "http.response.body":
            await self.send(message)
            return
        body: bytes = message.get("body", b"")
        if self.start is not None:
            start, self.start = self.start, None
            length = dict(start.get("headers") or []).get(b"content-length")
            whole = not message.get("more_body", False)
            if (whole and len(body) > self.cap) or (length and int(length) > self.cap):
                self.cut = True
                await _send_text(self.send, 413, too_large_text(self.cap))
                raise ResponseCut
            await self.send(start)
        if self.sent + len(body) > self.cap:
            self.cut = True
            note = f"\n# cut here: {too_large_text(self.cap)}\n".encode()
            await self.send({"type": "http.response.body", "body": body[: self.cap - self.sent] + note})
            raise ResponseCut
        self.sent += len(body)
        await self.send(message)


def too_large_text(cap: int) -> str:
    return (
        f"the response is larger than {cap // (1024 * 1024)} MB, the most this server sends; ask for fewer "
        "rows or columns (LIMIT, _size, _col), or download the published archive file"
    )


def is_adhoc(scope: Scope) -> bool:
    """A request that runs SQL the visitor wrote (``?sql=``, ``?_where=``)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return any(key in ADHOC_KEYS for key in query)


class Budget:
    """At most ``slots`` hand-written queries at once, per event loop (tests run several loops)."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self._semaphores: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    def semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if loop not in self._semaphores:
            self._semaphores[loop] = asyncio.Semaphore(self.slots)
        return self._semaphores[loop]


ADHOC_BUDGET = Budget(ADHOC_SLOTS)


def wrap(app: App) -> App:
    """The ASGI app with the bounds of this module around it."""

    async def bounded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        if HIDDEN_PATHS.match(scope.get("path", "")):
            await _send_text(send, 404, "Not found")
            return
        capped = CappedSend(send, MAX_RESPONSE_BYTES)
        try:
            if not is_adhoc(scope):
                await app(scope, receive, capped)
                return
            semaphore = ADHOC_BUDGET.semaphore()
            try:
                await asyncio.wait_for(semaphore.acquire(), ADHOC_WAIT_S)
            except TimeoutError:
                await _send_text(send, 503, "busy: other hand-written queries are running; try again shortly")
                return
            try:
                await app(scope, receive, capped)
            finally:
                semaphore.release()
        except ResponseCut:
            pass

    return bounded
