"""Pagefind run as a service (``pagefind --service``): one language's records handed over one by one, in order.

Why not the ``pagefind`` command over a folder of records, as before: it took the files in the order the file
system lists them, so the index's page order was arbitrary. Pagefind returns results found by filters alone in
page order; handed over newest first, the index lists them newest first without a sort list in the metadata that
every search downloads (order.py). It also reads the records from memory, and so holds a fraction of what the
command over the same records, written to disk first, held (docs/performance.md).
Why not Pagefind's own Python client (``pagefind.index``): it sleeps before reading each answer, so a large
catalogue's records take far longer than the indexing itself.

The protocol, as that client speaks it: each request and answer is a JSON object, base64-encoded and followed by
a comma, on the service's stdin and stdout; answers carry the ``message_id`` of their request. The service stops
when its stdin closes.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

PIPE_BYTES = 1 << 20  # Linux's largest pipe for a process without privileges, by default


class ServiceError(RuntimeError):
    """Pagefind refused a record or stopped; the message says which record and what it said."""


def executable() -> str:
    from pagefind_bin_extended import get_executable  # the binary of the pinned pagefind[extended]

    return str(get_executable())


class Service:
    """One ``pagefind --service`` process; ``index()`` makes one bundle with it."""

    def __init__(self) -> None:
        self.errors: IO[bytes] = tempfile.TemporaryFile()
        self.process = subprocess.Popen([executable(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.errors, env={**os.environ, "RUST_BACKTRACE": "0"})
        self.sent = 0
        self.queued = bytearray()
        self.pending = b""
        for pipe in (self.process.stdin, self.process.stdout):
            try:  # fewer, larger writes and reads: a large catalogue's records run to megabytes
                fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[union-attr]
            except (OSError, AttributeError):  # a system that allows less, or not Linux: only slower
                pass

    def index(self, records: Iterable[tuple[str, str]]) -> list[tuple[str, bytes]]:
        """Index ``records`` (URL and HTML, in the order the index lists them); returns the bundle's files (path
        in the bundle, bytes). Pagefind leaves out a record without words: see Indexing.run.

        The files come back in the answer rather than written by Pagefind: it answers WriteFiles while its last
        writes may still be under way, and stops at once when its stdin closes (a large bundle once came out with
        a file cut short at the pipe's size). Writing them here was also faster on a busy machine.
        """
        try:
            created = self._answer(self._queue({"type": "NewIndex", "config": None}))
            index_id = created["index_id"]
            urls: dict[int, str] = {}
            for url, html in records:
                urls[self._queue({"type": "AddFile", "index_id": index_id, "file_path": None, "url": url,
                                  "file_contents": html})] = url
            made = self._queue({"type": "GetFiles", "index_id": index_id})
            self._flush()
            # Pagefind answers in order: one answer per record, then the bundle's.
            for message_id, payload in self._answers():
                if message_id == made:
                    self._check(payload, "GetFiles", "making the index")
                    return [(file["path"], base64.b64decode(file["content"])) for file in payload["files"]]
                self._check(payload, "IndexedFile", urls.get(message_id, f"request {message_id}"))
            raise ServiceError("pagefind stopped before making the index" + self._stderr())
        except (BrokenPipeError, ConnectionResetError):
            raise ServiceError("pagefind stopped while reading the records" + self._stderr()) from None
        finally:
            self.close()

    def _queue(self, payload: dict[str, Any]) -> int:
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}, ensure_ascii=False)
        self.queued += base64.b64encode(message.encode("utf-8")) + b","
        return self.sent

    def _flush(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(self.queued)
        self.process.stdin.flush()
        self.queued.clear()

    def _answer(self, message_id: int) -> dict[str, Any]:
        self._flush()
        for got, payload in self._answers():
            if got == message_id:
                self._check(payload, "NewIndex", "starting an index")
                return payload
        raise ServiceError("pagefind did not start" + self._stderr())

    def _answers(self) -> Iterator[tuple[int | None, dict[str, Any]]]:
        assert self.process.stdout is not None
        while True:
            chunk = self.process.stdout.read1(PIPE_BYTES)
            if not chunk:
                return
            *complete, self.pending = (self.pending + chunk).split(b",")
            for encoded in complete:
                answer = json.loads(base64.b64decode(encoded))
                yield answer.get("message_id"), answer.get("payload") or {}

    def _check(self, payload: dict[str, Any], expected: str, what: str) -> None:
        if payload.get("type") != expected:
            raise ServiceError(f"pagefind failed on {what}: {payload.get('message') or payload}{self._stderr()}")

    def _stderr(self) -> str:
        self.errors.seek(0)
        said = self.errors.read().decode("utf-8", "replace").strip()
        return f": {said[-2000:]}" if said else ""

    def close(self) -> None:
        """Close the service's stdin (it stops) and wait for it."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.errors.close()

    def kill(self) -> None:
        self.process.kill()
