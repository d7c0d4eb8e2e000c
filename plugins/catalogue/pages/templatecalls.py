"""Calls from templates to Python made directly, once Jinja knows the callable wants nothing passed to it.

Every ``{{ _("…") }}``, ``{{ urls(…) }}`` or macro call in a template goes through ``Context.call``, which asks
the callable each time whether it wants the template's context, its environment or neither (two attribute lookups
that miss, and each miss raises inside Python). A product page makes some seventy such calls: at 1,000 products
that asking was 0.15 CPU-seconds of a cold build. ``DirectCallContext`` remembers, for the build, the callables
that want nothing, and calls those directly; the others it calls as Jinja does.

>>> from jinja2 import Environment
>>> env = Environment()
>>> use_direct_calls(env)
>>> env.from_string("{{ f(2) }}").render(f=lambda n: n * 2)
'4'
"""

from __future__ import annotations

from types import MethodType
from typing import Any

from jinja2 import Environment
from jinja2.runtime import Context
from jinja2.utils import _PassArg, internalcode

_MEMO = "kriya_plain_callables"  # the environment's attribute: the callables known to want nothing passed
MEMO_LIMIT = 4096  # callables remembered at most: a template making new ones for each page would fill it


def use_direct_calls(env: Environment) -> None:
    """Make ``env``'s templates call through ``DirectCallContext``, with a memo of its own (a build's environment
    lives as long as the build: the memo never outlives the objects it names)."""
    env.context_class = DirectCallContext
    setattr(env, _MEMO, set())


def wants_nothing(obj: Any) -> bool:
    """True when Jinja would pass ``obj`` neither the context, nor the evaluation context, nor the environment
    (Context.call's own test: the callable, or the ``__call__`` of a callable object, marked with pass_…)."""
    if _PassArg.from_obj(obj) is not None:
        return False
    call = getattr(obj, "__call__", None)  # noqa: B004 - Jinja's own test for callable objects
    return call is None or _PassArg.from_obj(call) is None


class DirectCallContext(Context):
    """Jinja's context, calling the callables that want nothing passed without asking them again.

    Only those are remembered, so that a macro (which wants its evaluation context), made anew each time a
    template is rendered, is never kept. A bound method is remembered by its function: that is where Jinja finds
    the mark, and ``product.t`` is a new object each time a page asks for it.
    """

    @internalcode  # hidden from the tracebacks of template errors, as Jinja's own call is
    def call(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        key = obj.__func__ if type(obj) is MethodType else obj
        memo: set[Any] | None = getattr(self.environment, _MEMO, None)
        try:
            known = memo is not None and key in memo
        except TypeError:  # a callable that cannot be a key: Jinja asks it each time
            return super().call(obj, *args, **kwargs)
        if not known:
            if memo is None or not wants_nothing(obj):
                return super().call(obj, *args, **kwargs)
            if len(memo) < MEMO_LIMIT:
                memo.add(key)
        # What Jinja adds for callables that take the context; the others never see it (as in Context.call).
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return obj(*args, **kwargs)
        except StopIteration:
            return self.environment.undefined("value was undefined because a callable raised a StopIteration "
                                              "exception")
