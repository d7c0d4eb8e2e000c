"""Quality gates on the built files: html-validate and the W3C Nu HTML Checker over every page, linkinator over every
internal link.

Each gate also runs once on a small broken site, to prove it reports what it must.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from publish.csp import script_hash

from tests.gates import ROOT, npm_tool, run_tool

HTMLVALIDATE_CONFIG = ROOT / ".htmlvalidate.json"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_validate(folder: Path) -> list[str]:
    """Every html-validate error under ``folder`` (html-validate:standard + html-validate:a11y), one line each."""
    result = run_tool([npm_tool("html-validate"), "--config", HTMLVALIDATE_CONFIG, "--formatter", "json", folder])
    if result.returncode not in (0, 1) or not result.stdout.strip():
        raise AssertionError(f"html-validate did not run (exit {result.returncode}): {result.stderr[-2000:]}")
    problems = []
    for report in json.loads(result.stdout):
        page = Path(report["filePath"]).relative_to(folder)
        for m in report["messages"]:
            if m["severity"] >= 2:
                problems.append(f"{page}:{m['line']}:{m['column']}: {m['ruleId']}: {m['message']}"
                                f" [{m.get('selector') or ''}]")
    return problems


def nu_checker(folder: Path) -> list[str]:
    """Every error the W3C Nu HTML Checker (vnu-jar, on the Java runtime) finds under ``folder``, one line each."""
    java = shutil.which("java")
    if java is None:
        raise AssertionError("java is missing: install a Java runtime (Debian: apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        raise AssertionError(f"{VNU_JAR} is missing: run `make node_modules/.installed` (npm ci) first")
    # The report is JSON on stderr; exit 1 means errors were found.
    result = run_tool([java, "-jar", VNU_JAR, "--skip-non-html", "--errors-only", "--format", "json", folder])
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"vnu did not run (exit {result.returncode}): {result.stderr[-2000:]}") from exc
    problems = []
    for m in report["messages"]:
        if m.get("type") not in ("error", "non-document-error") and m.get("subType") != "fatal":
            continue
        page = Path(unquote(urlsplit(m.get("url", "")).path))
        where = page.relative_to(folder) if page.is_relative_to(folder) else page
        problems.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message', '')} [{m.get('extract', '').strip()}]")
    return problems


def broken_links(folder: Path) -> list[str]:
    """Broken internal links, fragments and CSS URLs under ``folder``; other hosts are skipped (no internet).

    linkinator serves the folder on localhost itself; absolute URLs to any other origin are not this folder's.
    """
    # A relative location: given an absolute path, linkinator 7 fails every request (status 0).
    result = run_tool([npm_tool("linkinator"), folder.name, "--recurse", "--check-fragments", "--check-css",
                       "--skip", r"^(?!https?://localhost[:/])", "--concurrency", "20",
                       "--format", "json"], cwd=folder.parent)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"linkinator did not run (exit {result.returncode}): {result.stderr[-2000:]}") from exc
    return [f"{link.get('parent', '?')} → {link['url']} ({link.get('status')})"
            for link in report["links"] if link["state"] == "BROKEN"]


def _report(title: str, problems: list[str]) -> str:
    shown = "\n".join(problems[:60])
    more = f"\n… and {len(problems) - 60} more" if len(problems) > 60 else ""
    return f"{title}: {len(problems)}\n{shown}{more}"


def test_every_page_passes_html_validate(demo_site: Path) -> None:
    problems = html_validate(demo_site)
    assert not problems, _report("html-validate errors", problems)


def test_every_page_passes_the_nu_html_checker(demo_site: Path) -> None:
    problems = nu_checker(demo_site)
    assert not problems, _report("W3C Nu HTML Checker errors", problems)


def test_no_internal_link_is_broken(demo_site: Path) -> None:
    problems = broken_links(demo_site)
    assert not problems, _report("broken internal links", problems)


def test_the_static_gates_catch_a_broken_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><main><img src="missing.png"><a href="/nowhere/">x</a><a href="#absent">y</a>'
        '<p><div>bad nesting</div></p></main></body></html>', encoding="utf-8")
    validation = "\n".join(html_validate(site))
    assert "wcag/h37" in validation  # an image without alt text
    nu = nu_checker(site)
    assert any(line.startswith("index.html:1: ") and "alt" in line for line in nu), nu
    assert any("No “p” element in scope" in line for line in nu), nu
    links = "\n".join(broken_links(site))
    assert "missing.png" in links and "nowhere" in links and "#absent" in links


def csp_problems(folder: Path) -> list[str]:
    """Pages that would not work under the Content-Security-Policy, or do not ship it as a <meta> tag."""
    from publish.csp import inline_scripts

    problems = []
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"')
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder)
        if rel.parts[0] == "admin":
            continue  # the staff CMS (Decap) runs under its own policy: publish.csp.CMS_EXTRA, tests/test_cms_*.py
        html = page.read_text(encoding="utf-8")
        found = meta.search(html)
        if not found:
            problems.append(f"{rel}: no Content-Security-Policy <meta> tag")
            continue
        policy = found[1].replace("&#39;", "'")
        if "default-src 'self'" not in policy or "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
            problems.append(f"{rel}: the policy is not strict: {policy}")
        for code in inline_scripts(html):
            if script_hash(code) not in policy:
                problems.append(f"{rel}: inline script without its hash in the policy: {code.strip()[:80]!r}")
        tags = re.findall(r"<[a-zA-Z][^>]*>", html)
        for attr in (a for tag in tags for a in re.findall(r"\s(style|on[a-z]+)\s*=", tag)):
            problems.append(f"{rel}: inline {attr}= attribute (blocked by the policy)")
        if re.search(r"<style\b", html):
            problems.append(f"{rel}: inline <style> block (blocked by style-src 'self')")
    return problems


def test_every_page_ships_the_policy_and_works_under_it(demo_site: Path) -> None:
    problems = csp_problems(demo_site)
    assert not problems, _report("Content-Security-Policy problems", problems)


def test_the_policy_gate_catches_inline_code(tmp_path: Path) -> None:
    from publish.csp import policy

    hashed = "console.log(1)"
    (tmp_path / "index.html").write_text(
        f'<meta http-equiv="Content-Security-Policy" content="{policy({"script-src": [script_hash(hashed)]})}">'
        f'<script>{hashed}</script><script>alert(2)</script><script type="application/ld+json">{{}}</script>'
        '<p style="color:red" onclick="x()">', encoding="utf-8")
    (tmp_path / "bare.html").write_text("<p>no policy</p>", encoding="utf-8")
    problems = "\n".join(csp_problems(tmp_path))
    assert "alert(2)" in problems and "console.log" not in problems and "ld+json" not in problems
    assert "inline style=" in problems and "inline onclick=" in problems and "bare.html: no Content" in problems
