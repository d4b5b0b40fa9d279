"""The rules of ``unused-variables`` that do not depend on the tree they are read
from: shared by the libcst rewriter and the ``ast`` plan, so that the two cannot
drift apart (the plan must decide exactly as the rewriter does). No libcst here."""

from __future__ import annotations

import re
import warnings
from typing import List, Pattern

# what evaluating a value may do: nothing, fail with NameError, anything
PURE, UNSURE, EFFECT = 0, 1, 2

#: calls whose result matters while it is alive, read or not: a buffer export that
#: blocks resizing, an open file or socket, a temporary file deleted when collected,
#: a child process, a mapping, a weak reference with a callback, a frame
LIFETIME_BOUND_CALLS = frozenset({
    "memoryview", "open", "socket", "create_connection", "mmap", "Popen", "NamedTemporaryFile",
    "TemporaryFile", "SpooledTemporaryFile", "TemporaryDirectory", "create_string_buffer", "ExitStack",
    "ref", "proxy", "WeakMethod", "_getframe", "currentframe",  # a weakref's callback needs the weakref alive
})

#: what a folded constant expression compiles to, besides the constant's load
_FRAME_OPCODES = frozenset({"RESUME", "NOP", "CACHE", "RETURN_VALUE"})
_CONSTANT_LOADS = frozenset({"LOAD_CONST", "LOAD_SMALL_INT", "RETURN_CONST"})


def dummy_pattern(options) -> Pattern[str]:
    """The option as a pattern (``re.error`` when it is not one)."""
    return re.compile(str(options.get("dummy-variable-pattern", "^_")))


def meant_unused(name: str, dummy: Pattern[str]) -> bool:
    """Names matching the dummy pattern, and dunders (``__tracebackhide__``), which
    tools read from the frame."""
    return bool(dummy.search(name)) or (name.startswith("__") and name.endswith("__"))


def compiles_to_one_constant(code: str) -> bool:
    """``code`` (an expression made of literals and operators, as written) compiles
    to the load of one constant: CPython's compiler folded it, which it does only
    when evaluating it raises nothing and gives a small value."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compiled = compile("(\n" + code + "\n)", "<constant>", "eval", dont_inherit=True)
    except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError):
        return False
    import dis  # only for a value made of operators between literals

    loads = [i.opname for i in dis.get_instructions(compiled) if i.opname not in _FRAME_OPCODES]
    return len(loads) == 1 and loads[0] in _CONSTANT_LOADS


def listed(names: List[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


# -- what is reported (one wording for both paths) ------------------------------------

def released_finding(name: str):
    return (f"`{name}` is never read, but it is also set to None: the assignments "
            "decide when its object is released (finalizers, ResourceWarning)",
            "delete the assignments by hand if the object's lifetime does not matter")


def chained_fix(name: str) -> str:
    return f"removed unused variable `{name}` from a chained assignment"


def removed_fix(names: List[str]) -> str:
    return f"removed unused variable {listed(names)}"


def lifetime_finding(names: List[str], callee: str):
    return (f"{listed(names)} is never read, but keeps the result of {callee}() "
            "alive until the function returns; dropping the name could release it early",
            "delete the name by hand if the object's lifetime does not matter")


def still_computed_fix(names: List[str]) -> str:
    return f"removed unused variable {listed(names)}; the value is still computed"


def unsafe_removed_fix(names: List[str]) -> str:
    return (f"removed unused variable {listed(names)}; its value (which may have effects: "
            "attribute or item access, an operator) is no longer evaluated")


def effects_finding(names: List[str], unsafe_fixes: bool, evaluates_code: bool):
    return (f"{listed(names)} is never read, but evaluating its value may have effects "
            "(attribute or item access, an operator, a name that may be unbound)",
            "delete the assignment by hand if the value has no effects, "
            "or keep only the part that matters"
            + ("" if unsafe_fixes or evaluates_code else " (--unsafe-fixes deletes it)"))


def handler_fix(name: str) -> str:
    return f"removed unused exception name `{name}`"


def with_fix(name: str) -> str:
    return f"removed unused name `{name}` of a with statement"


def rename_fix(name: str) -> str:
    return f"renamed unused `{name}` to `_`"
