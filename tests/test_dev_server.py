"""`make serve`'s server (scripts/serve.py), run for real: the site's 404 pages, content types, Ctrl-C, rebuilds;
and the full URLs a development build puts in its WhatsApp messages."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, build_site, make_scenario
from htmlpage import parse


@pytest.fixture(scope="module")
def dev_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The base scenario built with the development settings (pelicanconf.py): (content, output)."""
    folder = tmp_path_factory.mktemp("dev")
    content = make_scenario("base", folder)
    return content, build_site(content, folder / "output")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(output: Path, content: Path, *extra: str) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "scripts.serve", "--input", str(content), "--output", str(output), "--port", str(port),
         *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"the server stopped: {process.communicate()}") from None
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start within 20 s")


@pytest.fixture(scope="module")
def server(dev_site: tuple[Path, Path]) -> Iterator[int]:
    content, output = dev_site
    process, port = _start(output, content, "--no-reload")
    try:
        yield port
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)


def _get(port: int, path: str, method: str = "GET") -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


@pytest.mark.parametrize(("path", "page"), [
    ("/produk/tidak-ada/", "404.html"),
    ("/tidak-ada.html", "404.html"),
    ("/en/missing", "en/404.html"),
    ("/en/products/missing/", "en/404.html"),
    ("/theme/", "404.html"),  # a folder without index.html: no listing of its files
])
def test_a_missing_page_is_the_sites_404_page_in_its_language(server: int, dev_site: tuple[Path, Path], path: str,
                                                              page: str) -> None:
    status, kind, body = _get(server, path)
    assert status == 404
    assert kind.startswith("text/html")
    assert body == (dev_site[1] / page).read_bytes()
    assert (b'<html lang="en"' in body) == page.startswith("en/")


@pytest.mark.browser
@pytest.mark.parametrize(("path", "heading"), [("/produk/tidak-ada/", "Halaman tidak ditemukan"),
                                               ("/en/products/missing/", "Page not found")])
def test_in_chromium_a_missing_page_is_the_404_page_not_the_offline_one(browser, server: int, path: str,
                                                                        heading: str) -> None:
    """With the offline worker in charge (as after any visit), a missing page reaches the buyer as the site's 404
    page in its language: an empty reply would be taken for a lost connection and answered with "No connection"."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server}/", wait_until="load")
        page.wait_for_selector("html[data-kiosk=ready]", timeout=60_000)
        response = page.goto(f"http://127.0.0.1:{server}{path}")
        assert response is not None and response.status == 404
        assert response.from_service_worker  # through the worker, as a returning buyer meets it
        assert page.locator("h1").inner_text() == heading
        assert page.get_by_role("link", name=re.compile("^(Semua produk|All products)$")).count() >= 1
    finally:
        context.close()


def test_pages_and_files_with_their_types(server: int, dev_site: tuple[Path, Path]) -> None:
    output = dev_site[1]
    status, kind, body = _get(server, "/en/products/kain-contoh/")
    assert (status, kind.split(";")[0]) == (200, "text/html")
    assert body == (output / "en/products/kain-contoh/index.html").read_bytes()
    assert _get(server, "/produk/kain-contoh")[0] == 301  # to the folder's address with its slash
    types = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".webp": "image/webp",
             ".webmanifest": "application/manifest+json", ".json": "application/json"}
    seen = set()
    for path in sorted(output.rglob("*")):
        if path.suffix in types and path.suffix not in seen and path.is_file():
            status, kind, _ = _get(server, "/" + path.relative_to(output).as_posix())
            assert (status, kind.split(";")[0]) == (200, types[path.suffix]), path
            seen.add(path.suffix)
    assert {".css", ".js", ".webp", ".webmanifest"} <= seen


def _children(pid: int) -> set[int]:
    """Every process below ``pid``, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ctrl_c_stops_the_server_and_the_build_it_started(dev_site: tuple[Path, Path], tmp_path: Path) -> None:
    content, _ = dev_site
    output = tmp_path / "output"
    build_site(content, output)
    process, port = _start(output, content)
    try:
        time.sleep(1.5)  # the first look at the sources
        entry = content / "products" / "kain-contoh" / "index.en.md"
        entry.write_text(entry.read_text(encoding="utf-8").replace("sample cloth's", "sample cloth’s"),
                         encoding="utf-8")
        deadline = time.monotonic() + 15
        children: set[int] = set()
        while time.monotonic() < deadline and not children:
            children = _children(process.pid)
            time.sleep(0.1)
        assert children, "no rebuild started after an entry changed"
        assert _get(port, "/")[0] == 200  # still serving while it builds
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert time.monotonic() - started < 5
    assert process.returncode in (0, 130)
    assert "Traceback" not in err and "Traceback" not in out, err
    time.sleep(0.2)
    assert not [pid for pid in children if _alive(pid)], "a build process outlived the server"


def test_a_change_is_rebuilt_and_served(dev_site: tuple[Path, Path], tmp_path: Path) -> None:
    content, _ = dev_site
    output = tmp_path / "output"
    build_site(content, output)
    process, port = _start(output, content)
    try:
        time.sleep(1.5)
        entry = content / "products" / "kain-contoh" / "index.en.md"
        entry.write_text(entry.read_text(encoding="utf-8").replace("Sample Batik Cloth", "Sample Batik Sarong"),
                         encoding="utf-8")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if b"Sample Batik Sarong" in _get(port, "/en/products/kain-contoh/")[2]:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the changed title was not served within 120 s")
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=15)


def test_whatsapp_messages_of_a_development_build_carry_full_urls(dev_site: tuple[Path, Path]) -> None:
    output = dev_site[1]
    for lang, page, url in (("id", "produk/kain-contoh/index.html", "http://127.0.0.1:8000/produk/kain-contoh/"),
                            ("en", "en/products/kain-contoh/index.html",
                             "http://127.0.0.1:8000/en/products/kain-contoh/")):
        # The page's own messages (to the artisan, to a friend), not the footer's plain contact link
        links = [a.attrs["href"] for a in parse(output / page).find("main").find_all("a")
                 if urlsplit(a.attrs.get("href", "")).hostname == "wa.me"]
        assert links, f"no WhatsApp link on the {lang} page"
        for link in links:
            text = parse_qs(urlsplit(link).query)["text"][0]
            assert url in text, (lang, text)
