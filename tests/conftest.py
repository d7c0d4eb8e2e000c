"""Shared fixtures: real builds of real content trees, a local server for the built site, and Chromium."""

from __future__ import annotations

import functools
import shutil
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
for folder in (ROOT, ROOT / "plugins"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from catalogue.reading.loader import LoadResult, load_catalogue  # noqa: E402
from images.inspect import Inspector  # noqa: E402

from scripts import make_demo_photos  # noqa: E402
from scripts.build import build  # noqa: E402


def build_site(content: Path, output: Path, settings: Path = ROOT / "pelicanconf.py", **overrides: object) -> Path:
    """Build ``content`` into ``output`` with the project's own settings, exactly as `make html` does."""
    build_run(content, output, settings, **overrides)
    return output


def build_run(content: Path, output: Path, settings: Path = ROOT / "pelicanconf.py", **overrides: object) -> Any:
    """As build_site, but returns the Pelican instance that ran: what the plugins did is left on it (images.run…)."""
    make_demo_photos.main(["--content", str(content)])
    return build(settings, content, output, overrides)


def check_tree(content: Path) -> LoadResult:
    """Validate ``content`` as `make check` does and return every problem."""
    make_demo_photos.main(["--content", str(content)])
    return load_catalogue(content, photo_checks=[Inspector()])


def make_scenario(name: str, dest: Path) -> Path:
    """A content tree: the small valid base under fixtures/base, with fixtures/<name> laid over it.

    A file named ``<something>.delete`` in the scenario removes ``<something>`` from the base.
    """
    content = dest / "content"
    shutil.copytree(FIXTURES / "base", content)
    shutil.copytree(ROOT / "content" / "data", content / "data", dirs_exist_ok=True)
    overlay = FIXTURES / name
    if name != "base":
        for path in sorted(overlay.rglob("*")):
            rel = path.relative_to(overlay)
            if path.name.endswith(".delete"):
                target = content / rel.with_name(path.name.removesuffix(".delete"))
                shutil.rmtree(target) if target.is_dir() else target.unlink()
            elif path.is_dir():
                (content / rel).mkdir(parents=True, exist_ok=True)
            else:
                shutil.copy2(path, content / rel)
    return content


@pytest.fixture
def scenario(tmp_path: Path):
    """``scenario("missing-price")`` → a content tree in tmp_path."""
    return functools.partial(make_scenario, dest=tmp_path)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo catalogue in content/, built once per test session."""
    return build_site(ROOT / "content", tmp_path_factory.mktemp("demo") / "output")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(demo_site: Path) -> Iterator[str]:
    """The built demo served on 127.0.0.1 for browser tests."""
    yield from serve(demo_site)


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    # pytest-playwright's page.goto("/produk/") resolves against this.
    return site_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Debian's Chromium: vendor browser downloads don't work on these machines.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
    }
