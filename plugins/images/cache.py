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


def publish(source: str | Path, target: str | Path) -> int:
    """Hard-link (or copy, across file systems) a cached file into the output; returns its size in bytes.

    Raises FileNotFoundError when the cache no longer has the file.
    """
    place(source, target)
    return os.stat(target).st_size
