"""The derivative cache: files named by what made them, so an unchanged photo is never decoded again."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from catalogue.hardlinks import place

from .plan import VERSION, Derivative


@dataclass(frozen=True)
class Meta:
    """What the pipeline learnt from decoding a photo once."""

    width: int  # upright, full resolution
    height: int
    placeholder: str


class Cache:
    """``<dir>/v<VERSION>/files/ab/<key>.webp`` per derivative, ``meta/<digest>-<background>.json`` per photo."""

    def __init__(self, folder: Path):
        self.root = folder / f"v{VERSION}"
        self._files = os.fspath(self.root / "files")

    def file(self, d: Derivative) -> Path:
        return Path(self.name(d))

    def name(self, d: Derivative) -> str:
        """``file(d)`` as a string: placing 30 files a product, pathlib's joins cost more than the links."""
        return f"{self._files}/{d.key[:2]}/{d.key}{d.suffix}"

    def _meta_path(self, digest: str, background: tuple[int, int, int]) -> Path:
        return self.root / "meta" / f"{digest}-{bytes(background).hex()}.json"

    def read_meta(self, digest: str, background: tuple[int, int, int]) -> Meta | None:
        try:
            data = json.loads(self._meta_path(digest, background).read_text(encoding="utf-8"))
            return Meta(int(data["width"]), int(data["height"]), str(data["placeholder"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write_meta(self, digest: str, background: tuple[int, int, int], meta: Meta) -> None:
        path = self._meta_path(digest, background)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        tmp.write_text(json.dumps(meta.__dict__), encoding="utf-8")
        os.replace(tmp, path)


def publish_all(links: list[tuple[str, str]], processes: int = 1) -> None:
    """``place`` every (cached file, output path); in ``processes`` forked processes when there are many.

    At 10,000 products a build places a quarter of a million files, in some 10,000 folders: the file system's
    work, in the kernel, which two processes on two cores do in about half the time. Each takes a run of
    folders of its own (the links are sorted by path); where two runs meet in one folder, ``place`` copes with
    the other process making it or its file first.
    """
    if processes < 2 or len(links) < PARALLEL_FROM:
        for source, target in links:
            place(source, target)
        return
    from catalogue.forked import in_forks

    ordered = sorted(links, key=lambda link: link[1])
    cut = [len(ordered) * i // processes for i in range(processes + 1)]
    parts = {f"part {i + 1}": ordered[cut[i]:cut[i + 1]] for i in range(processes)}

    def place_part(part: str) -> list[None]:
        for source, target in parts[part]:
            place(source, target)
        return []

    in_forks(place_part, list(parts), processes, "placing the photos' files")


PARALLEL_FROM = 5000  # files to place before a second process is worth starting
