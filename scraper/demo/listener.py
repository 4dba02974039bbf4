"""The HTTP server every loopback site of the project listens with (demo, generated sites, tests)."""

from __future__ import annotations

from http.server import ThreadingHTTPServer


class LoopbackHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server whose listen queue holds a crawl's burst of connections.

    socketserver listens with a backlog of 5. A crawl that opens more connections at once than that
    while the accepting thread waits for a core (a busy 2-core machine) overflows the queue, and
    Linux then drops the handshake's last ACK: the client believes it is connected and sends its
    request, the server never sees the connection, and the request ends in a 30 s
    DownloadTimeoutError or a ConnectionResetError once the server gives up on the half-open
    connection. That lost 27 of 600 pages of a ``bench crawl`` site with nothing wrong in the
    crawler (most likely also the run of issue 12 that stored 1,248 of 2,000). The kernel caps
    the value at ``net.core.somaxconn``.
    """

    request_queue_size = 1024
    daemon_threads = True
