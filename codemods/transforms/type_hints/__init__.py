"""Annotate every function: certain types where the code proves them, an explicit,
searchable placeholder everywhere else, so the module passes
``mypy --disallow-untyped-defs`` and no annotation claims more than is known.

What it changes
    Every parameter and return of every ``def`` and ``async def`` (module level,
    methods, nested) that has no annotation gets one. ``self``/``cls`` stay bare
    (the first parameter of a ``@staticmethod`` is annotated).

    Certain types, in this order of preference:

    * from a ``.pyi`` stub with ``stubs = "DIR"`` (stubgen, MonkeyType, pyright):
      the stub's annotation where the source has none, with the imports it needs
      (standard-library modules imported at run time, others under
      ``if TYPE_CHECKING:`` with the annotation quoted); a stub's ``TypeVar``
      (``ParamSpec``...) is defined under ``if TYPE_CHECKING:`` too, only when
      every slot of the signature that uses it takes the stub's annotation and
      the stub's class is not generic over it;
    * from the method it overrides: a method of a module-level class whose
      nearest base method (left-to-right, depth first through the bases) is
      annotated takes that method's annotations, parameter by parameter (by
      name, else by position; ``*args``/``**kwargs`` by kind) and its return
      type, rather than ``-> None`` or a type derived from a default, so mypy's
      override check stays quiet. The base may be in the same module, in another
      module of the run, in a module of the project the run does not name (found
      from the package folders, as pre-commit passes only staged files), or a
      standard-library class described by typeshed (the copy inside an installed
      mypy; without mypy, standard-library bases are not looked up). Names the
      annotation needs are imported as for stubs: what the base's module defines
      comes from that module under ``if TYPE_CHECKING:`` (quoted). Where the
      base's type cannot be written here (it uses the base class's type
      parameters, a name bound to something else here, a default that does not
      fit it, an overloaded or version-dependent base, a base the search cannot
      see earlier in the MRO, a static/class/property mismatch), that slot gets
      the placeholder. ``__init__``, ``__new__``, ``__init_subclass__``,
      ``__post_init__`` and ``__class_getitem__`` are not override-checked and
      follow the rules below;
    * from the docstring: reST ``:type x: int`` / ``:param int x:`` /
      ``:rtype:``, Google ``x (int): ...`` / ``Returns:``, NumPy ``x : int`` /
      ``Returns`` (``int or None`` and ``str, optional`` with a ``None``
      default become optional types), only when the text is an expression of
      names bound where the annotation is evaluated;
    * ``-> None`` for a function that returns no value (bare ``return``,
      ``return None``, raising on some paths), and for a function that is not
      a method whose body is only ``pass`` and/or a docstring; ``__init__``,
      ``__init_subclass__``, ``__setattr__``, ``__setitem__``, ``__set__``,
      ``__set_name__``, ``__del__``, ``__post_init__``... always get ``None``;
    * literal defaults and literal returns: ``int``, ``float``, ``bool``,
      ``str``, ``bytes``, ``complex`` (``-1``, ``-0.5``, ``+2``, implicit
      concatenation, f-strings, ``not x``, ``x in y``, ``len(...)`` where
      ``len`` is the builtin in the body, ``"%s" % x``); ``int`` and ``float`` together give ``float``; a ``None``
      default or an explicit ``return None`` beside one certain type gives
      ``Optional[X]`` (``X | None`` when the target version is 3.10 or later).
      A bare ``return`` or an end of body that can be reached next to returned
      values gives the placeholder: mypy rejects every other declared type there;
      a parameter the body assigns to is not typed from its default;
    * dunders with fixed types: ``__str__``/``__repr__``/``__format__`` ->
      ``str``, ``__len__``/``__hash__``/``__index__`` -> ``int``,
      ``__bool__``/``__contains__`` -> ``bool``, ``__eq__``/``__ne__`` -> ``bool``
      with ``other: object`` when every use of ``other`` is fine for an
      ``object`` (identity, equality, ``isinstance`` and code it narrows);
      ``__exit__`` -> ``None`` when it returns nothing, ``bool`` only when it
      can return True (``True``, a comparison, ``isinstance``...),
      ``Optional[bool]`` when it may also ``return None``, ``Literal[False]``
      when it always returns False (mypy rejects ``bool`` there);
    * generators -> ``Iterator[Y]`` (``Generator[Y, S, R]`` when they return a
      value or receive sent values), async generators -> ``AsyncIterator[Y]``;
      an ``async def`` is annotated with the awaited value.

    Everything else gets the placeholder: ``Any``, spelled the way the module
    already imports ``typing`` (``from typing import ...`` extended,
    ``typing.Any``, ``t.Any`` for ``import typing as t``, ``A`` for
    ``from typing import Any as A``; imports that come after the first def are
    not bound when it is defined and are not relied on). A name to import joins
    an existing ``from typing import ...`` (its own statement where the project's
    import sorter wants one name per line), or a new statement goes where the
    project's sorter (ruff's or isort's settings, OpenStack's hacking, else
    isort's defaults) puts it: its section and sorted place in the first import
    block, never above the module docstring, a leading comment block or
    ``__future__`` imports, with the blank lines the sorter wants. With
    ``placeholder = "Incomplete"`` it is typeshed's ``Incomplete``, imported
    from ``_typeshed`` under ``if TYPE_CHECKING:`` and quoted unless the module
    has ``from __future__ import annotations``.

    A header the annotations make longer than the project's line length is
    wrapped as its formatter would (black/ruff format: the parameters on one
    indented line, else one per line with a trailing comma), else in the file's
    own continuation style (``codemod explain`` below says which length applies).

Never
    Changes an existing annotation (a partly annotated def only gets the
    missing ones); annotates a def that has a ``# type:`` signature or argument
    comment, or a lambda; touches a function whose annotations are
    read at run time: decorated by (or passed to) typer, click, FastAPI
    (``@app.get`` of a ``FastAPI()``/``APIRouter()``, ``Depends(func)``),
    pydantic ``validate_call``, beartype or typeguard (also on the class), or
    registered with a ``functools.singledispatch``/``singledispatchmethod``
    ``register`` (decided by qualified name, see ``annotation-readers``); writes
    an annotation whose names are not bound where it is evaluated (a name bound
    only later, or only conditionally, is quoted); claims ``-> None`` for
    abstract methods, Protocol members, ``@overload`` variants, stub bodies of
    methods (``...``, ``pass``, docstring only, ``raise NotImplementedError``:
    a subclass may override them) and of functions (``...``, ``raise
    NotImplementedError``: still to be written) or bodies that always raise; writes a placeholder with ``placeholders = false``; adds
    an import the annotations do not use.

Fix safety
    Safe, and off by default. An annotation changes what a function does only
    when something reads it at run time, or when evaluating it fails at import.
    The readers known to change behaviour from annotations (command-line
    parsers, request validation, dependency injection in FastAPI, runtime type
    checkers, singledispatch) are excluded by qualified name, both as decorators
    and when a function is passed to them; the list is configurable for
    in-house ones. Every annotation written evaluates at import time: builtins
    and ``typing`` names resolved in the def's own scope, docstring and stub
    names bound before the def (otherwise quoted), ``Incomplete`` quoted unless
    annotations are postponed, and syntax newer than the target version quoted
    (``X | Y`` before 3.10, ``list[int]`` or ``collections.abc.Mapping[...]``
    before 3.9). What remains is code that introspects arbitrary
    functions (``inspect.signature``, ``typing.get_type_hints``, a dependency
    injection container reading ``__init__``): it now sees ``Any`` or a certain
    type where it saw nothing; add such a reader to ``annotation-readers``. For a
    type checker the result is never worse where the codemod claims certainty;
    note that mypy starts checking the bodies of functions once they are
    annotated, so errors already there become visible. It is off by default
    because it annotates every def of a project: select it when you want that.

Options
    ``placeholder`` ("Any"): "Any" (``typing.Any``) or "Incomplete"
    (``_typeshed.Incomplete``, the typeshed convention).
    ``placeholders`` (true): false writes only certain types.
    ``annotation-readers`` (list below): qualified names (prefixes) of
    decorators and functions that read annotations at run time; setting it
    replaces the default list: typer, click, fastapi, pydantic.validate_call,
    pydantic.validate_arguments, beartype, typeguard,
    functools.singledispatch.register, functools.singledispatchmethod.register.
    ``extend-annotation-readers`` ([]): more names, added to the list.
    ``stubs`` (""): a folder of ``.pyi`` stubs to merge types from
    (``pkg/mod.pyi`` for module ``pkg.mod``, else ``mod.pyi``), relative to
    the configuration file's folder; ``--stubs DIR`` on the command line sets
    it too. Results then depend on the stub files, so such a run does not use
    the cache.
"""

from __future__ import annotations

import ast
from typing import Any, Mapping, Sequence

from codemods.contract import Codemod, Example

#: decorators and functions that read a function's annotations at run time
#: (qualified-name prefixes; ``app.get`` of ``app = FastAPI()`` is ``fastapi.FastAPI.get``).
DEFAULT_ANNOTATION_READERS = (
    "typer", "click", "fastapi", "pydantic.validate_call", "pydantic.validate_arguments",
    "pydantic.deprecated.decorator.validate_arguments", "beartype", "typeguard",
    "functools.singledispatch.register", "functools.singledispatchmethod.register",
)


class TypeHints(Codemod):
    id = "type-hints"
    summary = "Annotate every def: certain types inferred, explicit Any/Incomplete placeholders elsewhere."
    default = False
    safe = True
    order = 500
    wraps_lines = True
    one_pass = True
    cross_file = True  # an override takes the annotations of a base class in another file
    options = {
        "placeholder": "Any",
        "placeholders": True,
        "annotation-readers": list(DEFAULT_ANNOTATION_READERS),
        "extend-annotation-readers": [],
        "stubs": "",
    }
    metadata = ("position", "scope", "qualified_name", "parent_node")
    rewriter = "codemods.transforms.type_hints.rewriter:TypeHintsRewriter"
    examples = (
        Example(
            "def retry(attempts=-1, delay=0.5, label=None):\n"
            "    print(label)\n",
            "from typing import Any\n"
            "\n"
            "\n"
            "def retry(attempts: int = -1, delay: float = 0.5, label: Any = None) -> None:\n"
            "    print(label)\n",
        ),
        Example(
            "import typing as t\n"
            "\n"
            "def ratio(total, part):\n"
            "    if not total:\n"
            "        return None\n"
            "    return 0.5 if part else 1\n",
            "import typing as t\n"
            "\n"
            "def ratio(total: t.Any, part: t.Any) -> t.Any:\n"
            "    if not total:\n"
            "        return None\n"
            "    return 0.5 if part else 1\n",
        ),
        Example(
            "def scale(value, factor=2):\n"
            '    """Scale a value.\n'
            "\n"
            "    :type value: float\n"
            "    :rtype: float\n"
            '    """\n'
            "    return value * factor\n",
            "def scale(value: float, factor: int = 2) -> float:\n"
            '    """Scale a value.\n'
            "\n"
            "    :type value: float\n"
            "    :rtype: float\n"
            '    """\n'
            "    return value * factor\n",
        ),
        Example(
            "class Box:\n"
            "    def __init__(self, items):\n"
            "        self.items = items\n"
            "\n"
            "    def __len__(self):\n"
            "        return len(self.items)\n",
            "from typing import TYPE_CHECKING\n"
            "\n"
            "if TYPE_CHECKING:\n"
            "    from _typeshed import Incomplete\n"
            "\n"
            "\n"
            "class Box:\n"
            '    def __init__(self, items: "Incomplete") -> None:\n'
            "        self.items = items\n"
            "\n"
            "    def __len__(self) -> int:\n"
            "        return len(self.items)\n",
            options={"placeholder": "Incomplete"},
        ),
        Example("def typed(x: int) -> int:\n    return x\n"),
        Example("square = lambda x: x * x\n"),
    )

    def prepare(self, paths: Sequence[str], options: Mapping[str, Any], *,
                frozen_paths: Sequence[str] = ()) -> Any:
        """The classes of the run and their annotated methods (``overrides``)."""
        from codemods.transforms.type_hints.overrides import index_paths

        return index_paths(paths)

    def detect(self, tree: ast.Module, source: str) -> bool:
        if "def " not in source:
            return False
        methods = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                methods.update(id(s) for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.returns is None:
                    return True
                arguments = node.args
                every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                         arguments.vararg, arguments.kwarg]
                # a method's first parameter (self/cls) stays bare, unless it is static
                skip_first = id(node) in methods and not any(
                    isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
                if any(a is not None and a.annotation is None for a in every[1 if skip_first else 0:]):
                    return True
        return False
