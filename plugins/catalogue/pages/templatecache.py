"""The theme's templates compiled once and kept between builds.

Jinja keeps compiled templates in a bytecode cache, checked against each template's source; ours lives beside
the page cache, in a folder named after the environment's options (the code Jinja makes depends on them). A
template not in it yet (a first build, a template edited) is compiled where a page first uses it, and kept.
"""

from __future__ import annotations

import hashlib
import logging
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
    """``env``'s compiled templates kept under ``folder`` (None: not kept)."""

    def __init__(self, env: Environment, folder: Path | None):
        self.env = env
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
