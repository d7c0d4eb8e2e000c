"""Template calls made directly (catalogue/pages/templatecalls.py) render what Jinja's own calls render."""

from __future__ import annotations

import traceback

import jinja2
import pytest
from catalogue.pages.templatecalls import DirectCallContext, use_direct_calls, wants_nothing
from jinja2 import pass_context, pass_environment, pass_eval_context

TEMPLATE = """\
{%- macro pair(a, b) %}[{{ a }}|{{ b }}]{% endmacro -%}
{%- macro wrap(a) %}<{{ caller() }}{{ a }}>{% endmacro -%}
{%- block body %}{{ plain("x") }} {{ who() }} {{ env_name() }} {{ auto() }} {{ obj(3) }} {{ ctx_obj() }}
{% for item in items %}{{ plain(item) }}:{{ who() }}:{{ pair(item, loop.index) }} {% endfor %}
{{ unhashable(5) }} {{ stops() is undefined }} {% call wrap("c") %}in{% endcall %}{% endblock -%}
"""


class Doubler:
    def __call__(self, n: int) -> int:
        return n * 2


class ContextReader:
    @pass_context
    def __call__(self, context: jinja2.runtime.Context) -> str:
        return f"ctx:{context['name']}"


class Unhashable:
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unhashable)

    def __call__(self, n: int) -> str:
        return f"u{n}"


def stops() -> None:
    raise StopIteration


def names() -> dict[str, object]:
    return {
        "name": "page",
        "items": ["a", "b"],
        "plain": lambda value: value.upper(),
        "who": pass_context(lambda context: context["name"]),
        "env_name": pass_environment(lambda env: type(env).__name__),
        "auto": pass_eval_context(lambda eval_ctx: eval_ctx.autoescape),
        "obj": Doubler(),
        "ctx_obj": ContextReader(),
        "unhashable": Unhashable(),
        "stops": stops,
    }


def render(direct: bool) -> str:
    env = jinja2.Environment(autoescape=True)
    if direct:
        use_direct_calls(env)
    return env.from_string(TEMPLATE).render(names())


def test_every_kind_of_call_renders_as_jinja_renders_it():
    ours = render(direct=True)
    assert ours == render(direct=False)
    assert "X page Environment True 6 ctx:page" in ours
    assert "A:page:[a|1] B:page:[b|2]" in ours  # in a loop, where Jinja passes the loop's variables too
    assert "u5 True <inc>" in ours


def test_the_context_is_ours_only_where_asked_for():
    env = jinja2.Environment()
    assert env.from_string("").new_context({}).__class__ is jinja2.runtime.Context
    use_direct_calls(env)
    assert isinstance(env.from_string("").new_context({}), DirectCallContext)


class Counting:
    """A callable that counts how often it is asked whether it wants something passed."""

    asked = 0

    def __getattr__(self, name: str) -> object:
        if name == "jinja_pass_arg":
            type(self).asked += 1
        raise AttributeError(name)

    def __call__(self) -> str:
        return "n"


@pytest.mark.parametrize("direct, asked", [(False, 10), (True, 1)])
def test_a_callable_is_asked_once_a_build(direct, asked):
    Counting.asked = 0
    env = jinja2.Environment()
    if direct:
        use_direct_calls(env)
    out = env.from_string("{% for _ in range(10) %}{{ f() }}{% endfor %}").render(f=Counting())
    assert out == "n" * 10
    assert Counting.asked == asked  # Jinja asks at each call


@pytest.mark.parametrize("obj, expected", [
    (len, True),
    (Doubler(), True),
    (pass_context(lambda c: c), False),
    (ContextReader(), False),
    (pass_environment(lambda e: e), False),
])
def test_wants_nothing(obj, expected):
    assert wants_nothing(obj) is expected


def failing_frames(direct: bool) -> list[tuple[str, int, str]]:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "line one\n{{ boom() }}\n"}))
    if direct:
        use_direct_calls(env)

    def boom() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError) as info:
        env.get_template("page.html").render(boom=boom)
    return [(frame.filename, frame.lineno, frame.name) for frame in traceback.extract_tb(info.value.__traceback__)]


def test_an_error_in_a_call_is_reported_as_jinja_reports_it():
    frames = failing_frames(direct=True)
    assert frames == failing_frames(direct=False)
    assert ("<template>", 2, "top-level template code") in frames  # the template's line, and no frame of ours


class Item:
    def __init__(self, n: int):
        self.n = n

    def label(self) -> str:
        return f"#{self.n}"


def test_what_is_remembered_stays_small():
    env = jinja2.Environment()
    use_direct_calls(env)
    page = env.from_string("{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(item.label()) }}{{ shout('a') }}")
    out = [page.render(item=Item(n), shout=str.upper) for n in range(50)]
    assert out[7] == "<#7>A"
    # A bound method by its function (not one per item), a builtin; never the macros made at each render.
    assert env.kriya_plain_callables == {Item.label, str.upper}


def test_callables_made_for_each_page_fill_the_memo_only_up_to_its_limit(monkeypatch):
    monkeypatch.setattr("catalogue.pages.templatecalls.MEMO_LIMIT", 5)
    env = jinja2.Environment()
    use_direct_calls(env)
    page = env.from_string("{{ f() }}")
    assert [page.render(f=lambda n=n: n) for n in range(20)] == [str(n) for n in range(20)]
    assert len(env.kriya_plain_callables) == 5
