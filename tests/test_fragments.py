"""Page parts the same on every page of a language are rendered once, with the page's own values in slots."""

from __future__ import annotations

import pytest
from catalogue.pages.fragments import FragmentError, Fragments
from jinja2 import DictLoader, Environment


def test_a_fragment_is_rendered_once_and_each_page_fills_its_slots_escaped() -> None:
    env = Environment(loader=DictLoader({"switch.html": '<a href="{{ slot("url") }}">{{ renders() }}</a>'}),
                      autoescape=True)
    renders: list[int] = []
    fragment = Fragments(env, {"renders": lambda: renders.append(1) or len(renders)})
    assert fragment("switch.html", url="/en/?a=1&b=2") == '<a href="/en/?a=1&amp;b=2">1</a>'
    assert fragment("switch.html", url='/id/"x"') == '<a href="/id/&#34;x&#34;">1</a>'
    assert renders == [1]  # the second page took the first rendering


def test_a_slot_left_without_a_value_is_named() -> None:
    env = Environment(loader=DictLoader({"switch.html": '<a href="{{ slot("url") }}">x</a>'}), autoescape=True)
    with pytest.raises(FragmentError, match="switch.html.*'url'"):
        Fragments(env, {})("switch.html")
