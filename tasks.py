"""Every task a person runs on the catalogue; the Makefile sets up .venv and hands over to these."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from invoke import Context, task

ROOT = Path(__file__).resolve().parent
PY = shlex.quote(sys.executable)
INPUTDIR = os.environ.get("INPUTDIR") or str(ROOT / "content")
OUTPUTDIR = os.environ.get("OUTPUTDIR") or str(ROOT / "output")
HOST, PORT = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")


def _paths(input: str | None, output: str | None) -> tuple[str, str]:
    return shlex.quote(input or INPUTDIR), shlex.quote(output or OUTPUTDIR)


def _compiled(c: Context) -> None:
    """Byte-compile the plugins and scripts, as pip does an installed package's modules: every build then loads
    them instead of compiling them again (where PYTHONDONTWRITEBYTECODE is set, Python writes no .pyc itself).
    Quick when nothing changed: a file is compiled again only when its source is newer."""
    folders = " ".join(shlex.quote(str(ROOT / name)) for name in ("plugins", "scripts"))
    c.run(f"{PY} -m compileall -q {folders}", hide="out")


@task
def photos(c: Context, input: str | None = None) -> None:
    """Generate the demo catalogue's missing photos (files named demo-*)."""
    src, _ = _paths(input, None)
    c.run(f"{PY} -m scripts.make_demo_photos --content {src}")


@task
def check(c: Context, input: str | None = None, lang: str = "id", format: str = "text") -> None:  # noqa: A002
    """Validate the content only: one `path: field: message` line per problem (--format github: annotations)."""
    src, _ = _paths(input, None)
    photos(c, input)
    c.run(f"{PY} -m scripts.check --input {src} --lang {shlex.quote(lang)} --format {shlex.quote(format)}")


@task(name="new-product")
def new_product(c: Context, title: str = "", artisan: str = "", category: str = "", input: str | None = None) -> None:
    """Create a product folder (both language files, required fields, comments); asks for what is not given."""
    src, _ = _paths(input, None)
    opts = "".join(f" --{k} {shlex.quote(v)}" for k, v in (("title", title), ("artisan", artisan),
                                                             ("category", category)) if v)
    c.run(f"{PY} -m scripts.new_entry product --content {src}{opts}", pty=sys.stdin.isatty())


@task(name="new-artisan")
def new_artisan(c: Context, name: str = "", region: str = "", crafts: str = "", input: str | None = None) -> None:
    """Create an artisan folder (both language files, required fields, comments); asks for what is not given."""
    src, _ = _paths(input, None)
    opts = "".join(f" --{k} {shlex.quote(v)}" for k, v in (("name", name), ("region", region), ("crafts", crafts))
                   if v)
    c.run(f"{PY} -m scripts.new_entry artisan --content {src}{opts}", pty=sys.stdin.isatty())


@task
def html(c: Context, input: str | None = None, output: str | None = None, settings: str = "pelicanconf.py") -> None:
    """Build the complete site; the output folder is replaced only when the whole build succeeds."""
    src, out = _paths(input, output)
    photos(c, input)
    _compiled(c)
    c.run(f"{PY} -m scripts.build --settings {shlex.quote(settings)} --input {src} --output {out}")


@task(name="print")
def print_(c: Context, input: str | None = None, output: str | None = None, category: str = "", region: str = "",
           artisan: str = "", event: str = "") -> None:
    """The production build with its printed catalogues (A4 PDFs): --category batik etc. also print one selection."""
    src, out = _paths(input, output)
    photos(c, input)
    _compiled(c)
    options = "".join(f" --{name} {shlex.quote(value)}" for name, value in
                      (("category", category), ("region", region), ("artisan", artisan), ("event", event)) if value)
    c.run(f"{PY} -m scripts.print_catalogue --settings publishconf.py --input {src} --output {out}{options}")


@task
def publish(c: Context, input: str | None = None, output: str | None = None) -> None:
    """The production build, with publishconf.py, and its printed catalogues."""
    print_(c, input, output)


@task(name="upload-media")
def upload_media(c: Context, manifest: str = "") -> None:
    """Upload the derivatives of the last `make publish MEDIA_URL=…` the bucket lacks (MEDIA_S3_BUCKET, …)."""
    c.run(f"{PY} -m scripts.upload_media" + (f" --manifest {shlex.quote(manifest)}" if manifest else ""))


@task
def serve(c: Context, input: str | None = None, output: str | None = None) -> None:
    """Build, then serve at http://127.0.0.1:8000 and rebuild when content or theme change (scripts/serve.py)."""
    html(c, input, output)
    # The server takes this process's place: Ctrl-C reaches it directly and it stops its rebuilds itself, with
    # nothing in between to print a traceback or leave a child behind.
    os.chdir(ROOT)
    os.execv(sys.executable, [sys.executable, "-m", "scripts.serve", "--input", input or INPUTDIR, "--output",
                              output or OUTPUTDIR, "--settings", "pelicanconf.py", "--bind", HOST, "--port", PORT])


@task(name="import")
def import_entries(c: Context, src: str, input: str | None = None) -> None:
    """Turn a form package (.zip) or a spreadsheet export (.csv) into new entry folders, checked first."""
    content, _ = _paths(input, None)
    c.run(f"{PY} -m scripts.import_entries {shlex.quote(src)} --input {content}")


@task
def test(c: Context, args: str = "") -> None:
    """Run the whole test suite, browser tests included."""
    c.run(f"{PY} -m pytest {args}", pty=sys.stdout.isatty())


@task
def i18n(c: Context, check: bool = False) -> None:
    """Extract messages into the catalogues; --check fails when one is untranslated."""
    c.run(f"{PY} -m scripts.i18n" + (" --check" if check else ""))


@task
def lint(c: Context) -> None:
    """ruff on the code."""
    c.run(f"{PY} -m ruff check plugins scripts tests tasks.py pelicanconf.py publishconf.py")


@task
def bench(c: Context, only: str = "") -> None:
    """The benchmarks: one `name: value` line per figure, measured side by side in one run."""
    _compiled(c)
    c.run(f"{PY} -m scripts.bench" + (f" --only {shlex.quote(only)}" if only else ""))
