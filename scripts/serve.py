"""The development server of `make serve`: the built site over HTTP, rebuilt when the sources change.

Usage: ``python -m scripts.serve [--input content] [--output output] [--settings pelicanconf.py] [--bind 127.0.0.1]
[--port 8000] [--no-reload]``.

A missing page gets the site's own 404 page with status 404 (``/en/…`` the English one), so the browser and the
offline service worker see "not found" rather than an empty reply they take for a lost connection. While it
serves, the sources (content, theme, plugins, settings) are looked at once a second; a change starts
``scripts.build`` in a process of its own, which replaces the output folder only when the whole build succeeded.
Ctrl-C (or SIGTERM) stops the server and any build it started, and exits with status 0.
"""

from __future__ import annotations

import argparse
import functools
import mimetypes
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POLL_SECONDS = 1.0
# Types the standard library's table lacks or gets wrong on some systems (it also reads /etc/mime.types).
TYPES = {
    ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".json": "application/json",
    ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".webp": "image/webp",
    ".avif": "image/avif", ".woff2": "font/woff2", ".xml": "application/xml", ".pdf": "application/pdf",
    ".txt": "text/plain", ".html": "text/html", ".ico": "image/x-icon", ".wasm": "application/wasm",
}


class SiteHandler(SimpleHTTPRequestHandler):
    """Files of the built site; the site's 404 page for anything else, and no folder listings."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass  # the build's messages are what a contributor reads in this terminal

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            super().send_error(code, message, explain)
            return
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(page)

    def not_found_page(self) -> bytes | None:
        """The built site's 404 page in the language of the asked path: en/404.html under /en/, else 404.html."""
        site = Path(self.directory)
        english = self.path == "/en" or self.path.startswith("/en/")
        for candidate in ([site / "en" / "404.html"] if english else []) + [site / "404.html"]:
            try:
                return candidate.read_bytes()
            except OSError:
                continue
        return None

    def end_headers(self) -> None:
        # A development server: the page a contributor just rebuilt, never a copy the browser kept.
        if not self._headers_buffer or b"Cache-Control" not in b"".join(self._headers_buffer):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def make_server(output: Path, bind: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server of the site in ``output`` (read at each request: a rebuild replaces the folder)."""
    for suffix, kind in TYPES.items():
        mimetypes.add_type(kind, suffix)
    handler = functools.partial(SiteHandler, directory=str(output))
    server = ThreadingHTTPServer((bind, port), handler)
    server.daemon_threads = True
    return server


def _sources(folders: list[Path]) -> Iterator[tuple[str, int, int]]:
    for folder in folders:
        if folder.is_file():
            st = folder.stat()
            yield str(folder), st.st_mtime_ns, st.st_size
            continue
        for base, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for name in files:
                path = os.path.join(base, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                yield path, st.st_mtime_ns, st.st_size


def snapshot(folders: list[Path]) -> frozenset[tuple[str, int, int]]:
    """What the sources look like now: every file with its modification time and size."""
    return frozenset(_sources(folders))


class Rebuilder:
    """Runs the build again when the sources change, one build at a time, each in a process group of its own."""

    def __init__(self, command: list[str], folders: list[Path]):
        self.command = command
        self.folders = folders
        self.stopping = threading.Event()
        self.process: subprocess.Popen[bytes] | None = None
        self.thread = threading.Thread(target=self.watch, name="rebuild", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def watch(self) -> None:
        seen = snapshot(self.folders)
        while not self.stopping.wait(POLL_SECONDS):
            now = snapshot(self.folders)
            if now == seen:
                continue
            seen = now
            print("Sources changed: rebuilding…", flush=True)
            # A session of its own: Ctrl-C in the terminal reaches only this server, which stops the build itself
            # (with its rendering processes), so no build is left writing after the server is gone.
            self.process = subprocess.Popen(self.command, cwd=ROOT, start_new_session=True)
            code = self.process.wait()
            if not self.stopping.is_set():
                print("Rebuilt." if code == 0 else f"The build failed (exit {code}); still serving the last good "
                      "site.", flush=True)
            seen = snapshot(self.folders)  # what the build itself wrote (demo photos) is not a change

    def stop(self) -> None:
        self.stopping.set()
        process = self.process
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                pass
        self.thread.join(timeout=5)


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-reload", action="store_true", help="serve only; do not rebuild on changes")
    args = parser.parse_args(argv)
    output = Path(args.output).absolute()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    server = make_server(output, args.bind, args.port)
    rebuilder = None
    if not args.no_reload:
        command = [sys.executable, "-m", "scripts.build", "--settings", args.settings, "--input", args.input,
                   "--output", str(output)]
        watched = [Path(args.input), ROOT / "theme", ROOT / "plugins", ROOT / args.settings]
        rebuilder = Rebuilder(command, [p for p in watched if p.exists()])
        rebuilder.start()
    host, port = server.server_address[:2]
    print(f"Serving the catalogue at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\nStopping.", flush=True)
    finally:
        if rebuilder is not None:
            rebuilder.stop()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
