"""The theme's templates are compiled once and kept in the build's store (catalogue/pages/templatecache.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, build_site


@pytest.fixture
def compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file that gets one line per template compiled in an environment that keeps compiled templates (the
    catalogue's), from every process of the build (they are forked). Pelican's own generators, idle here, load
    a few templates too, in environments of their own."""
    log = tmp_path / "compiled.log"
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):  # noqa: ANN001
        if self.bytecode_cache is not None:
            with open(log, "a", encoding="utf-8") as file:
                file.write(f"{os.getpid()} {name}\n")
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return log


def test_templates_are_compiled_once_and_again_only_when_edited(scenario, tmp_path: Path, compiles: Path) -> None:
    content = scenario("base")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    cache = tmp_path / "cache"
    settings = {"CATALOGUE_CACHE_DIR": str(cache), "THEME": str(theme)}

    ours = {p.relative_to(theme / "templates").as_posix() for p in (theme / "templates").rglob("*.html")}

    def compiled() -> set[str]:
        lines = compiles.read_text(encoding="utf-8").splitlines() if compiles.exists() else []
        return {line.split(" ", 1)[1] for line in lines} & ours

    build_site(content, tmp_path / "out1", **settings)
    assert {"base.html", "product.html", "partials/site/footer.html"} <= compiled()
    assert len([p for p in (cache / "templates").rglob("*") if p.is_file() and p.name != ".pruned"]) == len(compiled())

    compiles.unlink()
    build_site(content, tmp_path / "out2", **settings)
    assert compiled() == set()  # every language's process loaded them compiled
    assert (tmp_path / "out2" / "index.html").read_bytes() == (tmp_path / "out1" / "index.html").read_bytes()

    footer = theme / "templates" / "partials" / "site" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</footer>", "<p>Pameran 2026</p></footer>"),
                      encoding="utf-8")
    build_site(content, tmp_path / "out3", **settings)
    assert compiled() == {"partials/site/footer.html"}
    assert "Pameran 2026" in (tmp_path / "out3" / "index.html").read_text(encoding="utf-8")
    assert "Pameran 2026" in (tmp_path / "out3" / "en" / "index.html").read_text(encoding="utf-8")
