"""Build speed and memory: our full build against plain Pelican + i18n-subsites, side by side on this machine.

For each size (products; both languages): write a synthetic catalogue (timed), build it once to fill the image
cache, then time
- ours cold: a fresh output folder and no catalogue cache (entries, pages, search indexes), photo derivatives
  and QR codes already cached;
- ours warm: the same build again with nothing changed;
- ours one entry: after changing one product's story (its own pages change; the search index does not);
- ours one title: after changing one product's title (its pages, every list showing it and the Indonesian index);
- plain Pelican: the same products as articles in two languages (pelican-i18n-subsites 1.0.0, installed on demand
  into the bench folder), their artisans as authors, a minimal theme, no images; each cold build of ours is
  followed by one of plain Pelican's, five pairs at 1,000 products (``build_vs_pelican_1k`` is the median of the
  pairs' ratios, ``…_pairs`` lists them all), one at 10,000.
Peak memory is the largest resident set of one process of the build (wait4) and the peak sum of proportional set
sizes of the build's process tree, sampled from /proc in builds of their own: the first build, and one more cold
build after the timed pairs. The builds whose times make the figures are not sampled: reading every process's
smaps_rollup five times a second slowed a cold 1,000-product build of ours by 5 % (2.64 s against 2.51 s, the
means of four builds each, alternating; its processes are many and large) and plain Pelican's one small process
hardly at all.

Usage: ``python -m scripts.benchmarks.build --sizes 1000[,10000] [--workdir DIR]``; under ``make bench`` the
sizes come from BENCH_SIZES (default 1000,10000).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
I18N_SUBSITES = "pelican-i18n-subsites==1.0.0"
PELICAN_VERSION = "4.12.0"
COLD_PAIRS = 5  # cold builds of ours and plain Pelican's, side by side, at sizes up to MANY_PAIRS_UP_TO
MANY_PAIRS_UP_TO = 2000


# -- measuring ---------------------------------------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def timed(args: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT, sample: bool = False
          ) -> tuple[float, float, float]:
    """Run a child; (wall seconds, peak RSS MB of one process, peak PSS MB of the whole tree: 0 unless
    ``sample``, as sampling it slows the build measured)."""
    peak = [0]
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    done = threading.Event()
    output: list[bytes] = []

    def drain() -> None:
        assert proc.stdout is not None
        output.append(proc.stdout.read())

    def sample_tree() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)))
            done.wait(0.2)

    reader = threading.Thread(target=drain, daemon=True)
    sampler = threading.Thread(target=sample_tree, daemon=True)
    reader.start()
    if sample:
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    reader.join()
    if sample:
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = b"".join(output).decode("utf-8", "replace")[-4000:]
        raise RuntimeError(f"{' '.join(args[:4])} … failed with exit {proc.returncode}:\n{tail}")
    return wall, usage.ru_maxrss / 1024, peak[0] / 1024


# -- our build ---------------------------------------------------------------------------------------------------

SETTINGS = """
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403 - the catalogue's own settings, with the bench's cache
CACHE_PATH = {cache!r}
"""


def ours(content: Path, output: Path, cache: Path, images: Path, sample: bool = False) -> tuple[float, float, float]:
    """``make html``'s command (scripts/build.py), quiet as plain Pelican's ``-q``, with the bench's caches: the
    catalogue's ``cache`` (a stage's folder under CACHE_PATH), and beside it the photos' ``images``, a link to the
    one every size shares; its memory sampled when ``sample`` (see timed)."""
    root = cache.parent
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "images").is_symlink():
        images.mkdir(parents=True, exist_ok=True)
        (root / "images").symlink_to(images, target_is_directory=True)
    settings = output.with_name(f"{output.name}-settings.py")
    settings.write_text(SETTINGS.format(root=str(ROOT), cache=str(root)), encoding="utf-8")
    return timed([PY, "-m", "scripts.build", "--quiet", "--settings", str(settings), "--input", str(content),
                  "--output", str(output)], sample=sample)


# -- plain Pelican -----------------------------------------------------------------------------------------------

THEME = {
    "base.html": '<!DOCTYPE html><html lang="{{ DEFAULT_LANG }}"><head><meta charset="utf-8">'
                 "<title>{% block title %}{{ SITENAME }}{% endblock %}</title></head><body>"
                 "{% block content %}{% endblock %}</body></html>",
    "article.html": '{% extends "base.html" %}{% block title %}{{ article.title }}{% endblock %}{% block content %}'
                    "<h1>{{ article.title }}</h1>{{ article.content }}"
                    "{% for t in article.translations %}<a href=\"{{ SITEURL }}/{{ t.url }}\">{{ t.lang }}</a>"
                    "{% endfor %}{% endblock %}",
    "page.html": '{% extends "base.html" %}{% block content %}<h1>{{ page.title }}</h1>{{ page.content }}'
                 "{% endblock %}",
    "index.html": '{% extends "base.html" %}{% block content %}<ul>{% for a in articles_page.object_list %}'
                  '<li><a href="{{ SITEURL }}/{{ a.url }}">{{ a.title }}</a></li>{% endfor %}</ul>{% endblock %}',
}
for _name in ("category", "tag", "author"):
    THEME[f"{_name}.html"] = THEME["index.html"]
for _name in ("categories", "tags", "authors", "archives", "period_archives"):
    THEME[f"{_name}.html"] = '{% extends "base.html" %}{% block content %}list{% endblock %}'

PELICANCONF = """
SITENAME = "Plain"
SITEURL = ""
DEFAULT_LANG = "id"
TIMEZONE = "Asia/Jakarta"
THEME = {theme!r}
PATH = {content!r}
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = ["i18n_subsites"]
I18N_SUBSITES = {{"en": {{"SITENAME": "Plain"}}}}
JINJA_ENVIRONMENT = {{"extensions": ["jinja2.ext.i18n"]}}
READERS = {{"rst": None}}
ARTICLE_URL = "{{slug}}/"
ARTICLE_SAVE_AS = "{{slug}}/index.html"
ARTICLE_LANG_URL = "{{lang}}/{{slug}}/"
ARTICLE_LANG_SAVE_AS = "{{lang}}/{{slug}}/index.html"
PAGINATION_PATTERNS = ((1, "{{url}}", "{{save_as}}"), (2, "{{base_name}}/page/{{number}}/",
                       "{{base_name}}/page/{{number}}/index.html"))
DEFAULT_PAGINATION = 24
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
"""


def install_i18n_subsites(folder: Path) -> Path:
    """pelican-i18n-subsites 1.0.0 in the bench folder only (not a dependency of the catalogue)."""
    plugins = folder / "pelican" / "plugins"
    if not (plugins / "i18n_subsites").is_dir():
        subprocess.run([PY, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(folder), I18N_SUBSITES],
                       check=True)
    return plugins


def plain_site(content: Path, dest: Path) -> Path:
    """The synthetic products as Pelican articles, in both languages, artisans as authors, no images."""
    import yaml

    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content").mkdir(parents=True)
    for folder in sorted((content / "products").iterdir()):
        for lang in ("id", "en"):
            meta_id, body_id = _split((folder / "index.id.md").read_text(encoding="utf-8"))
            meta, body = (meta_id, body_id) if lang == "id" else _split((folder / "index.en.md").read_text("utf-8"))
            info = yaml.safe_load(meta_id)
            title = yaml.safe_load(meta)["title"]
            head = [f"Title: {title}", f"Date: {info['added']}", f"Category: {info['category']}",
                    f"Tags: {', '.join(info.get('tags', []))}", f"Author: {info['artisan']}",
                    f"Slug: {folder.name}", f"Lang: {lang}"]
            (dest / "content" / f"{folder.name}.{lang}.md").write_text("\n".join(head) + "\n\n" + body,
                                                                       encoding="utf-8")
    theme = dest / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    for name, text in THEME.items():
        (theme / "templates" / name).write_text(text, encoding="utf-8")
    return dest


def _split(text: str) -> tuple[str, str]:
    _, meta, body = text.split("---\n", 2)
    return meta, body


def plain(site: Path, plugins: Path, output: Path) -> tuple[float, float, float]:
    conf = site / "pelicanconf.py"
    conf.write_text(PELICANCONF.format(theme=str(site / "theme"), content=str(site / "content"),
                                       plugins=str(plugins)), encoding="utf-8")
    return timed([PY, "-m", "pelican", str(site / "content"), "-o", str(output), "-s", str(conf), "-q"], cwd=site)


# -- the figures -------------------------------------------------------------------------------------------------


def _label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def measure(workdir: Path, size: int) -> list[tuple[str, str]]:
    from scripts.synthetic import generate, retitle_one, touch_one

    k = _label(size)
    workdir.mkdir(parents=True, exist_ok=True)
    figures: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    content = generate(workdir / f"content-{k}", size)
    figures.append((f"synthetic_generate_{k}_s", f"{time.perf_counter() - t0:.1f}"))
    # The catalogue's cache (under CACHE_PATH: buildkit/settings.py) is set aside before each cold build; the
    # photos' is kept, and shared by the sizes.
    images, cache = workdir / "image-cache", workdir / f"cache-{k}" / "catalogue"
    out = workdir / f"out-{k}"

    prime = ours(content, out, cache, images, sample=True)  # fills the image cache: later builds have photos cached
    figures.append((f"ours_first_build_{k}_s", f"{prime[0]:.1f}"))
    plugins = install_i18n_subsites(workdir / "pelican-plugins")
    site = plain_site(content, workdir / f"plain-{k}")
    # Cold builds side by side, ours then plain Pelican's, COLD_PAIRS times at the smaller sizes (a build of a
    # few seconds moves by 10-30 % from run to run here); the ratio is the median of the pairs' ratios.
    aside = workdir / f"set-aside-{k}"
    aside.mkdir()
    colds, bases = [], []
    for pair in range(COLD_PAIRS if size <= MANY_PAIRS_UP_TO else 1):
        # Set aside, not removed, until the figures are taken: removing a quarter of a million files just
        # before a build slows the file system's next allocations for minutes (ext4 skips recently freed
        # inodes), which a fresh checkout's first build never meets.
        for folder in (cache, out, out.with_name(f".{out.name}-previous")):
            if folder.exists():
                folder.rename(aside / f"{folder.name}-{pair}")
        colds.append(ours(content, out, cache, images))
        bases.append(plain(site, plugins, workdir / f"plain-out-{k}-{pair}"))
    # One more cold build of ours, its memory sampled (the timed ones are not: see timed).
    for folder in (cache, out, out.with_name(f".{out.name}-previous")):
        if folder.exists():
            folder.rename(aside / f"{folder.name}-memory")
    memory = ours(content, out, cache, images, sample=True)
    ratios = sorted(c[0] / b[0] for c, b in zip(colds, bases, strict=True))
    cold = sorted(colds)[len(colds) // 2]
    base = sorted(bases)[len(bases) // 2]
    warm = ours(content, out, cache, images)
    touch_one(content)
    one = ours(content, out, cache, images)
    retitle_one(content)
    searched = ours(content, out, cache, images)
    pages_ours = _pages(out)
    pages_plain = _pages(workdir / f"plain-out-{k}-0")

    figures += [
        (f"ours_cold_{k}_s", f"{cold[0]:.1f}"),
        (f"ours_warm_{k}_s", f"{warm[0]:.1f}"),
        (f"ours_one_entry_{k}_s", f"{one[0]:.1f}"),
        (f"ours_one_title_{k}_s", f"{searched[0]:.1f}"),
        (f"pelican_cold_{k}_s", f"{base[0]:.1f}"),
        (f"pages_ours_{k}", str(pages_ours)),
        (f"pages_pelican_{k}", str(pages_plain)),
        (f"build_vs_pelican_{k}", f"{ratios[len(ratios) // 2]:.2f}"),
        (f"build_vs_pelican_{k}_pairs", " ".join(f"{r:.2f}" for r in ratios)),
        (f"rebuild_one_entry_vs_cold_{k}", f"{one[0] / cold[0]:.2f}"),
        (f"rebuild_one_title_vs_cold_{k}", f"{searched[0] / cold[0]:.2f}"),
        (f"warm_rebuild_vs_cold_{k}", f"{warm[0] / cold[0]:.2f}"),
        (f"peak_rss_mb_{k}", f"{max(r[1] for r in (prime, *colds, memory, warm, one, searched)):.0f}"),
        (f"peak_tree_pss_mb_{k}", f"{max(r[2] for r in (prime, memory)):.0f}"),
        (f"pelican_peak_rss_mb_{k}", f"{max(b[1] for b in bases):.0f}"),
    ]
    return figures


def sizes_from(text: str) -> list[int]:
    return [int(s) for s in text.replace(" ", "").split(",") if s]


def run(workdir: Path, sizes: list[int] | None = None) -> list[tuple[str, str]]:
    sizes = sizes or sizes_from(os.environ.get("BENCH_SIZES", "1000,10000"))
    figures: list[tuple[str, str]] = [("pelican_version", PELICAN_VERSION)]
    for size in sizes:
        figures += measure(workdir, size)
    # The outputs set aside are removed once every figure is taken: removed between two sizes, they slowed the
    # next size's builds (see measure).
    for size in sizes:
        shutil.rmtree(workdir / f"set-aside-{_label(size)}", ignore_errors=True)
    # The headline names the issue asks for, without a size suffix: those of the largest size.
    k = _label(max(sizes))
    values = dict(figures)
    for name in ("rebuild_one_entry_vs_cold", "rebuild_one_title_vs_cold", "warm_rebuild_vs_cold"):
        figures.append((name, values[f"{name}_{k}"]))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000"))
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kriya-bench-build-") as tmp:
        for name, value in run(args.workdir or Path(tmp), sizes_from(args.sizes)):
            print(f"{name}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
