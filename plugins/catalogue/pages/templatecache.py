"""The theme's templates compiled once, kept between builds, and compiled ahead while the catalogue loads.

Each language's process compiled the forty templates it uses again, at every build: 0.15 s of each at 1,000
products. Jinja keeps compiled templates in a bytecode cache, checked against each template's source; ours lives
beside the page cache, in a folder named after the environment's options (the code Jinja makes depends on them).
When the cache lacks templates (a first build, a template edited), a helper process compiles them into it while
the catalogue is read and checked: then one core of two has nothing else to do. The languages' processes load
what it compiled, and compile themselves what it has not reached yet.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache

logger = logging.getLogger(__name__)

OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized")


def options_key(env: Environment) -> str:
    """What the compiled code of a template depends on besides its source (which Jinja checks itself)."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else "function"
    parts = [jinja2.__version__, repr(sorted(env.extensions)), repr(autoescape),
             repr(getattr(env, "newstyle_gettext", None)), *(repr(getattr(env, name)) for name in OPTIONS)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


class TemplateCache:
    """``env``'s compiled templates kept under ``folder`` (None: not kept, nothing compiled ahead)."""

    def __init__(self, env: Environment, folder: Path | None):
        self.env = env
        self.pid: int | None = None
        if folder is None:
            return
        # Every page is rendered with newstyle gettext (render_language): compile everything that way from the start.
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        path = folder / options_key(env)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # only slower: every process compiles what it uses
            logger.warning("templates: %s cannot hold compiled templates (%s)", path, exc)
            return
        env.bytecode_cache = FileSystemBytecodeCache(str(path))

    def compile_ahead(self, names: list[str]) -> None:
        """Compile the templates ``names`` into the cache in a forked helper, at low priority."""
        if self.env.bytecode_cache is None or self.pid is not None:
            return
        pid = os.fork()
        if pid == 0:  # the helper: whatever happens, it only ends
            try:
                os.nice(10)
                for name in names:
                    try:
                        self.env.get_template(name)  # from the cache when there, else compiled and stored
                    except jinja2.TemplateError:
                        pass  # reported where a page uses it
            finally:
                os._exit(0)
        self.pid = pid

    def reap(self) -> None:
        """Wait for the helper (long done by the time the pages are written)."""
        if self.pid is not None:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = None
