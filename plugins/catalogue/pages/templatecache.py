"""The theme's templates compiled once and kept between builds, in the build's store (kind "templates").

Jinja checks a compiled template against its source itself; the store's key adds the environment's options (the
code Jinja makes depends on them). A template not kept yet (a first build, a template edited) is compiled where a
page first uses it, and kept.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from buildkit.store import Store, key
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized")


def options_key(env: Environment) -> str:
    """What the compiled code of a template depends on besides its source (which Jinja checks itself)."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else "function"
    return key(jinja2.__version__, repr(sorted(env.extensions)), repr(autoescape),
               repr(getattr(env, "newstyle_gettext", None)), *(repr(getattr(env, name)) for name in OPTIONS))


class TemplateCache(BytecodeCache):
    """``env``'s compiled templates kept in the store under ``folder`` (None: not kept)."""

    def __init__(self, env: Environment, folder: str | Path | None):
        self.store = Store(folder, "templates")
        if folder is None:
            return
        # Every page is rendered with newstyle gettext (render_language): compile everything that way from the start.
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        self.options = options_key(env)
        env.bytecode_cache = self

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get_bytes(key(self.options, bucket.key))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put_bytes(key(self.options, bucket.key), bucket.bytecode_to_string())
