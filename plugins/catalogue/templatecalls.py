"""Calls from templates to Python made directly, once Jinja knows the callable wants nothing passed to it.

Every ``{{ _("…") }}``, ``{{ urls(…) }}`` or macro call in a template goes through ``Context.call``, which asks
the callable each time whether it wants the template's context, its environment or neither (two attribute lookups
that miss, and each miss raises inside Python). A product page makes some seventy such calls: at 1,000 products
that asking was 0.15 CPU-seconds of a cold build. ``DirectCallContext`` asks once per callable and build and
remembers the callables that want nothing; those it calls directly, the others as Jinja does.

>>> from jinja2 import Environment
>>> env = Environment()
>>> use_direct_calls(env)
>>> env.from_string("{{ f(2) }}").render(f=lambda n: n * 2)
'4'
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from jinja2.runtime import Context
from jinja2.utils import _PassArg, internalcode

_MEMO = "kriya_plain_callables"  # the environment's attribute: {callable: wants nothing passed}


def use_direct_calls(env: Environment) -> None:
    """Make ``env``'s templates call through ``DirectCallContext``, with a memo of its own (a build's environment
    lives as long as the build: the memo never outlives the objects it names)."""
    env.context_class = DirectCallContext
    setattr(env, _MEMO, {})


def wants_nothing(obj: Any) -> bool:
    """True when Jinja would pass ``obj`` neither the context, nor the evaluation context, nor the environment
    (Context.call's own test: the callable, or the ``__call__`` of a callable object, marked with pass_…)."""
    if _PassArg.from_obj(obj) is not None:
        return False
    call = getattr(obj, "__call__", None)  # noqa: B004 - Jinja's own test for callable objects
    return call is None or _PassArg.from_obj(call) is None


class DirectCallContext(Context):
    """Jinja's context, calling the callables that want nothing passed without asking them again."""

    @internalcode  # hidden from the tracebacks of template errors, as Jinja's own call is
    def call(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        memo: dict[Any, bool] | None = getattr(self.environment, _MEMO, None)
        try:
            plain = memo[obj] if memo is not None else False
        except KeyError:
            plain = memo[obj] = wants_nothing(obj)  # type: ignore[index]
        except TypeError:  # a callable that cannot be a key: Jinja asks it each time
            plain = False
        if not plain:
            return super().call(obj, *args, **kwargs)
        # What Jinja adds for callables that take the context; the others never see it (as in Context.call).
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return obj(*args, **kwargs)
        except StopIteration:
            return self.environment.undefined("value was undefined because a callable raised a StopIteration "
                                              "exception")
