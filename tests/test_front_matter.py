"""Front matter loaded in one pass where that is safe, refused as before where it is hostile (frontmatter.py)."""

from __future__ import annotations

import datetime

import pytest
import yaml
from catalogue.reading import frontmatter
from catalogue.reading.frontmatter import COMPOSE_AT_ONCE_CHARS, MAX_DEPTH, FrontMatterError, split_front_matter

ENTRY = """\
---
title: Kain Batik Gentongan
price: 350000
featured: yes
added: 2026-08-17
materials: [katun, "sutra"]
storefronts:
  - platform: tokopedia
    url: https://www.tokopedia.com/contoh/kain
  - {platform: whatsapp, url: "https://wa.me/6281234567890"}
captions:
  id: &caption Kain dijemur
weight_g: 3.5e2
empty:
---
Cerita kain.
"""


def nested(depth: int) -> str:
    """An entry whose `tags` holds lists inside lists: the front matter's mapping plus ``depth - 1`` levels."""
    return f"---\ntitle: Kain\nprice: 1\ntags: {'[' * (depth - 1)}x{']' * (depth - 1)}\n---\nCerita\n"


def test_one_pass_builds_what_the_safe_loader_builds():
    entry = split_front_matter(ENTRY)
    block = ENTRY.split("---\n")[1]
    assert entry.meta == yaml.safe_load(block)
    assert entry.meta["added"] == datetime.date(2026, 8, 17) and entry.meta["featured"] is True
    assert entry.meta["storefronts"][1] == {"platform": "whatsapp", "url": "https://wa.me/6281234567890"}
    assert entry.body == "Cerita kain.\n"


def test_a_short_block_without_aliases_is_parsed_once(monkeypatch):
    def scanned(_text: str) -> None:
        raise AssertionError("scanned before loading")

    monkeypatch.setattr(frontmatter, "_refuse_hostile", scanned)
    assert split_front_matter(ENTRY).meta["price"] == 350000
    with pytest.raises(AssertionError):  # '*' may be an alias: scanned first
        split_front_matter(ENTRY.replace("title: Kain", "title: '*' Kain"))


@pytest.mark.parametrize("extra", [0, COMPOSE_AT_ONCE_CHARS])  # composed at once; scanned first (long block)
def test_nesting_too_deep_is_refused_at_its_line_either_way(extra):
    padding = f"note: {'x' * extra}\n" if extra else ""
    text = nested(MAX_DEPTH + 1).replace("price: 1\n", f"price: 1\n{padding}")
    with pytest.raises(FrontMatterError) as info:
        split_front_matter(text)
    assert info.value.code == "yaml_deep"
    assert info.value.params["line"] == str(4 + bool(extra))  # the `tags:` line, counted from the first '---'
    block = text.split("---\n")[1]
    with pytest.raises(FrontMatterError) as scanned:
        frontmatter._refuse_hostile(block)
    assert scanned.value.params == info.value.params


def test_nesting_up_to_the_limit_is_data():
    tags = split_front_matter(nested(MAX_DEPTH)).meta["tags"]
    for _ in range(MAX_DEPTH - 1):
        tags = tags[0]
    assert tags == "x"


def test_the_first_deep_collection_in_the_text_is_the_one_named():
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    text = f"---\na:\n  b: {deep}\nc: {deep}\n---\n"
    with pytest.raises(FrontMatterError) as info:
        split_front_matter(text)
    assert info.value.params["line"] == "3"


@pytest.mark.parametrize("block, code", [
    ("a: &x [1, 2]\nb: *x\n", "yaml_alias"),
    ("a: [1, 2\n", "yaml_invalid"),
    ("- just\n- a list\n", "yaml_not_mapping"),
    ("a: !!python/object:os.system {}\n", "yaml_invalid"),
])
def test_hostile_and_broken_blocks_are_refused(block, code):
    with pytest.raises(FrontMatterError) as info:
        split_front_matter(f"---\n{block}---\n")
    assert info.value.code == code


def test_without_libyaml_every_block_is_scanned_first(monkeypatch):
    """PyYAML's own composer recurses in Python: a short block nested a thousand deep must be refused by the scan,
    not stop the build with a RecursionError."""
    monkeypatch.setattr(frontmatter, "SAFE_LOADER", yaml.SafeLoader)
    text = nested(1000)
    assert len(text) < COMPOSE_AT_ONCE_CHARS
    with pytest.raises(FrontMatterError) as info:
        split_front_matter(text)
    assert info.value.code == "yaml_deep"
    assert split_front_matter(ENTRY).meta == yaml.safe_load(ENTRY.split("---\n")[1])
