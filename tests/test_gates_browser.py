"""Quality gates in Chromium on the gate site: axe-core on every page kind, byte budgets, blocking, shifts, fonts.

The first view is what a 360-px phone shows before scrolling; bytes come from the browser's own resource timing
(transferSize, over a gzip-compressing server) and, without a browser, from the built files gzip-measured.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.gates import AXE_JS, BUDGET_TEXT, BUDGET_TOTAL, KB, PHONE, GateSite, Page, budget_pages, page_types

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".json")
WATCH = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
}).observe({type: "layout-shift", buffered: true});
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""
MEASURE = """
async () => {
  await document.fonts.ready;
  await new Promise((r) => setTimeout(r, 300));
  const nav = performance.getEntriesByType("navigation")[0];
  const entries = [{name: nav.name, kind: "navigation", transfer: nav.transferSize, body: nav.encodedBodySize,
                    blocking: "non-blocking"}];
  for (const r of performance.getEntriesByType("resource")) {
    entries.push({name: r.name, kind: r.initiatorType, transfer: r.transferSize, body: r.encodedBodySize,
                  blocking: r.renderBlockingStatus || "unknown"});
  }
  const fonts = [...document.fonts].map((f) => ({family: f.family, display: f.display, status: f.status}));
  return {entries, shift: window.__shift, fonts, csp: window.__csp};
}
"""


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> GateSite:
    return GateSite.get(tmp_path_factory)


def _is_text(entry: dict) -> bool:
    path = re.sub(r"[?#].*$", "", entry["name"])
    return entry["kind"] == "navigation" or path.endswith(TEXT_SUFFIXES) or entry["kind"] in ("script", "css")


@pytest.mark.browser
def test_axe_finds_nothing_on_any_page_kind(gate: GateSite, browser) -> None:
    pages = page_types(gate.output)
    assert {p.lang for p in pages} == {"id", "en"} and len(pages) >= 20, f"too few page kinds found: {pages}"
    axe = AXE_JS.read_text(encoding="utf-8")
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_init_script(WATCH)
    report: list[str] = []
    try:
        for page_ in pages:
            tab = context.new_page()
            tab.goto(gate.url + page_.path, wait_until="load")
            tab.wait_for_timeout(200)
            report += [f"{page_.label}: Content-Security-Policy violation: {v}" for v in tab.evaluate("window.__csp")]
            tab.evaluate(axe)  # evaluated over the DevTools protocol, so the page's CSP does not block it
            result = tab.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            for v in result["violations"]:
                targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
                report.append(f"{page_.label}: {v['id']} ({v['impact']}, {len(v['nodes'])} node(s)): "
                              f"{v['help']} → {targets}")
            tab.close()
    finally:
        context.close()
    assert not report, "axe-core and CSP violations (WCAG 2.1 AA + best-practice):\n" + "\n".join(report)


def _first_view(browser, gate: GateSite, page_: Page) -> dict:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        context.add_init_script(WATCH)
        tab = context.new_page()
        tab.goto(gate.url + page_.path, wait_until="load")
        tab.wait_for_load_state("networkidle")
        return tab.evaluate(MEASURE)
    finally:
        context.close()


@pytest.mark.browser
def test_first_view_of_each_budget_page_is_within_budget(gate: GateSite, browser) -> None:
    pages = budget_pages(gate.output)
    assert {(p.lang, p.kind) for p in pages} >= {(lang, kind) for lang in ("id", "en")
                                                   for kind in ("home", "products", "product", "artisan")}
    report: list[str] = []
    lines: list[str] = []
    for page_ in pages:
        view = _first_view(browser, gate, page_)
        entries = view["entries"]
        text = sum(e["transfer"] for e in entries if _is_text(e))
        total = sum(e["transfer"] for e in entries)
        lines.append(f"{page_.label}: text {text / KB:.1f} KB, all {total / KB:.1f} KB, {len(entries)} requests, "
                     f"layout shift {view['shift']:.4f}")
        if any(e["transfer"] == 0 for e in entries):
            report.append(f"{page_.label}: transferSize 0 (cached or opaque): "
                          f"{[e['name'] for e in entries if e['transfer'] == 0]}")
        if text > BUDGET_TEXT:
            detail = ", ".join(f"{e['name'].removeprefix(gate.url)} {e['transfer'] / KB:.1f}"
                               for e in entries if _is_text(e))
            report.append(f"{page_.label}: HTML+CSS+JS {text / KB:.1f} KB > {BUDGET_TEXT / KB:.0f} KB ({detail})")
        if total > BUDGET_TOTAL:
            detail = ", ".join(f"{e['name'].removeprefix(gate.url)} {e['transfer'] / KB:.1f}"
                               for e in sorted(entries, key=lambda e: -e["transfer"])[:8])
            report.append(f"{page_.label}: first view {total / KB:.1f} KB > {BUDGET_TOTAL / KB:.0f} KB ({detail})")
        blocking = [e for e in entries if e["blocking"] == "blocking"]
        if len(blocking) > 1 or any(not e["name"].split("?")[0].endswith(".css") for e in blocking):
            report.append(f"{page_.label}: render-blocking requests besides one CSS file: "
                          f"{[e['name'] for e in blocking]}")
        report += [f"{page_.label}: Content-Security-Policy violation: {v}" for v in view["csp"]]
        if view["shift"] > 0:
            report.append(f"{page_.label}: layout shift {view['shift']:.4f} (must be 0)")
        flashing = [f for f in view["fonts"] if f["display"] != "optional"]
        if flashing:
            report.append(f"{page_.label}: web fonts that can flash (font-display not optional): {flashing}")
    print("\n".join(lines))
    assert not report, "first-view budget failures:\n" + "\n".join(report) + "\n\nmeasured:\n" + "\n".join(lines)


def _linked(html: str, site: Path, origin: str) -> list[Path]:
    """Stylesheets and scripts a page loads, as files of the built site."""
    refs = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    refs += re.findall(r'<link\b[^>]*href="([^"]+)"[^>]*rel="stylesheet"', html)
    refs += re.findall(r'<script\b[^>]*src="([^"]+)"', html)
    files = []
    for ref in dict.fromkeys(refs):
        path = re.sub(r"[?#].*$", "", ref.removeprefix(origin))
        if path.startswith("/"):
            files.append(site / path.lstrip("/"))
    return files


def test_built_files_of_each_budget_page_fit_the_text_budget(gate: GateSite) -> None:
    report, lines = [], []
    for page_ in budget_pages(gate.output):
        html_file = gate.output / page_.path.lstrip("/")
        html_file = html_file / "index.html" if html_file.is_dir() else html_file
        html = html_file.read_text(encoding="utf-8")
        files = [html_file, *_linked(html, gate.output, gate.url)]
        missing = [f for f in files if not f.is_file()]
        assert not missing, f"{page_.label} links files that were not built: {missing}"
        sizes = {f.relative_to(gate.output).as_posix(): len(gzip.compress(f.read_bytes(), 9)) for f in files}
        total = sum(sizes.values())
        lines.append(f"{page_.label}: {total / KB:.1f} KB gzip ({sizes})")
        if total > BUDGET_TEXT:
            report.append(lines[-1])
    assert not report, f"HTML+CSS+JS over {BUDGET_TEXT / KB:.0f} KB gzip:\n" + "\n".join(report)
