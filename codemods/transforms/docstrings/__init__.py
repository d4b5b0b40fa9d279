"""Give public functions, methods and classes a docstring skeleton that documents
their real signature, in the style the project already uses.

What it changes
    Every public def and class without a docstring (those pydocstyle's D1 rules
    ask for; private, dunder and nested ones by option) gets a docstring:

    * a summary derived from the name, ending in a period, in the imperative mood
      that numpy/pep257 conventions check (D401): ``get_user_by_id`` → "Get user
      by id.", ``returns_total`` → "Return total.", ``is_ready`` → "Return
      whether it is ready."; a name that does not start with a verb gets one
      from what the function does (``square`` → "Return square.", a generator
      → "Yield ...", otherwise "Run ..."); classes and properties are named
      (``HTTPError`` → "HTTP error.");
    * Args: exactly the parameters of the signature in order, without the
      ``self``/``cls`` of methods, ``*args``/``**kwargs`` spelled so,
      positional-only and keyword-only ones included, the type taken from the
      annotation when there is one (parameters named only ``_`` are left out, as
      pydoclint wants);
    * Returns only when the function returns a value or is annotated to (type from
      the annotation); Yields for generators and async generators (type from an
      ``Iterator[...]``/``Generator[...]`` annotation); properties get their
      summary and Returns;
    * Raises: the exception classes raised directly in the body (not in nested
      functions); ``raise err`` names what ``except ... as err``
      catches, ``raise problem`` the class ``problem = RuntimeError(...)`` was
      built from, a bare ``raise`` what the enclosing ``except`` catches (nothing
      for a bare ``except:``), and an abstract method that raises
      ``NotImplementedError`` documents it (one whose body is ``...`` raises
      nothing and documents nothing: pydoclint would flag a Raises section
      there); a raised argument (``raise error``) is of unknown class and is left
      for a person;
    * classes document their ``__init__`` parameters (and what it raises) in the
      class docstring, or in ``__init__``'s own docstring with
      ``init-args-in = "init"`` (pydoclint's ``allow-init-docstring``).

    Each description is the placeholder ``TODO: describe.``, easy to grep and
    accepted by the checkers. The style is Google, numpy or Sphinx (reST); with
    ``style = "auto"`` it is the one most docstrings of the module use, else the
    one of its package's other modules, else Google. Indentation follows the
    body (nested classes, tabs; ruff's D206 flags every multi-line docstring of
    tab-indented code, a conflict ruff documents), CRLF files stay CRLF, and
    ``def f(): return 1`` becomes a block with the statement (and its comment)
    on its own line.

    With ``update = true``, an existing docstring that already has sections in a
    known style gets an entry for each undocumented parameter and loses the
    entries of parameters that no longer exist (the removed text is quoted in
    the fix's message, so nothing written disappears unreported); a section
    left with no entry loses its heading (and a docstring left with only its
    summary closes on the summary line); every other line is kept byte for byte. A docstring that is only a summary or free text
    is left alone, as pydoclint skips short docstrings too.

    Skeleton lines longer than the project's line length are wrapped at spaces
    (a summary that fits without its closing quotes stays on one line).

Never
    Changes an existing docstring unless ``update = true``; documents
    ``@overload`` variants or property setters/deleters; writes a module
    docstring (``docopt(__doc__)`` and ``ArgumentParser(description=__doc__)``
    read that one); touches a def or class whose docstring is used at run time as
    help text unless ``document-help-commands = true``: click and typer commands
    and groups (decided by qualified name, also through ``@cli.command()`` of a
    group defined in the module or ``@app.command()`` of a ``typer.Typer()``),
    anything whose ``__doc__`` the module reads (``description=main.__doc__``,
    ``docopt(main.__doc__)``), or that it passes to ``fire.Fire`` or
    ``inspect.getdoc``; invoke/fabric ``@task`` functions (``inv --list``) and
    the ``do_*`` methods of ``cmd.Cmd`` subclasses (``help <command>``).

Fix safety
    Safe, and off by default. A docstring is visible at run time through
    ``__doc__``, ``help()`` and tools built on them, so adding one changes what
    those return. The codemod skips every def whose docstring the module is
    known to consume (command-line help above), and the text it writes contains
    no ``>>>`` examples, so doctest collects nothing new; what remains is
    documentation becoming visible where documentation is expected (Sphinx,
    ``help()``, API schema descriptions), which is the point of the change. It is
    not on by default because it writes placeholders that a person still has to
    fill in, and requiring docstrings everywhere is a project's policy choice:
    select it (``--select docstrings``) when you want the skeletons.

Options
    ``style`` ("auto"): "google", "numpy", "sphinx" or "auto".
    ``update`` (false): amend the argument lists of existing docstrings.
    ``init-args-in`` ("class"): where ``__init__`` parameters are documented,
    "class" (pydoclint ``allow-init-docstring = false``) or "init" (``true``).
    ``include-private`` (false), ``include-dunder`` (false), ``include-nested``
    (false): also document private names, dunder methods other than
    ``__init__``/``__new__``/``__call__``, and defs/classes inside functions.
    ``types-in-docstring`` (true): write types from annotations (pydoclint's
    ``arg-type-hints-in-docstring``).
    ``placeholder`` ("TODO: describe."): the description text.
    ``document-help-commands`` (false): document click/typer commands and other
    defs whose docstring is used as help text anyway.
    ``help-names`` ([]): more qualified names (prefixes) of decorators or
    functions that read docstrings at run time, e.g. "my_cli.command".
"""

from __future__ import annotations

import ast
import re
from typing import List, Tuple, Union

from codemods.contract import Codemod, Example

_Def = Union[ast.FunctionDef, ast.AsyncFunctionDef]


class AddDocstrings(Codemod):
    id = "docstrings"
    summary = "Add docstring skeletons (Args/Returns/Yields/Raises) to undocumented public defs and classes."
    default = False
    safe = True
    order = 600
    wraps_lines = True
    one_pass = True
    options = {
        "style": "auto",
        "update": False,
        "init-args-in": "class",
        "include-private": False,
        "include-dunder": False,
        "include-nested": False,
        "types-in-docstring": True,
        "placeholder": "TODO: describe.",
        "document-help-commands": False,
        "help-names": [],
    }
    metadata = ("position", "scope", "qualified_name", "parent_node")
    rewriter = "codemods.transforms.docstrings.rewriter:DocstringsRewriter"
    # the package's other modules decide the style of a module that has none yet
    cross_file = True
    examples = (
        Example(
            "def get_user_by_id(user_id: int, *, strict=False) -> dict:\n"
            "    if user_id < 0:\n"
            "        raise ValueError(user_id)\n"
            "    return {}\n",
            "def get_user_by_id(user_id: int, *, strict=False) -> dict:\n"
            '    """Get user by id.\n'
            "\n"
            "    Args:\n"
            "        user_id (int): TODO: describe.\n"
            "        strict: TODO: describe.\n"
            "\n"
            "    Returns:\n"
            "        dict: TODO: describe.\n"
            "\n"
            "    Raises:\n"
            "        ValueError: TODO: describe.\n"
            '    """\n'
            "    if user_id < 0:\n"
            "        raise ValueError(user_id)\n"
            "    return {}\n",
        ),
        Example(
            "def scale(value: float, factor: float = 2.0) -> float: return value * factor\n",
            "def scale(value: float, factor: float = 2.0) -> float:\n"
            '    """Scale.\n'
            "\n"
            "    Parameters\n"
            "    ----------\n"
            "    value : float\n"
            "        TODO: describe.\n"
            "    factor : float\n"
            "        TODO: describe.\n"
            "\n"
            "    Returns\n"
            "    -------\n"
            "    float\n"
            "        TODO: describe.\n"
            '    """\n'
            "    return value * factor\n",
            options={"style": "numpy"},
        ),
        Example(
            "class Point:\n"
            "    def __init__(self, x, y):\n"
            "        self.x, self.y = x, y\n",
            "class Point:\n"
            '    """Point.\n'
            "\n"
            "    :param x: TODO: describe.\n"
            "    :param y: TODO: describe.\n"
            '    """\n'
            "\n"
            "    def __init__(self, x, y):\n"
            "        self.x, self.y = x, y\n",
            options={"style": "sphinx"},
        ),
        Example('def documented(x):\n    """Already written."""\n    return x\n'),
        Example("def _private(x):\n    return x\n"),
    )

    def detect(self, tree: ast.Module, source: str) -> bool:
        # a def or class the options put in scope without a docstring, or (with
        # ``update``) a docstring whose argument list may not match the signature
        if "def " not in source and "class " not in source:
            return False
        update = bool(self.settings.get("update", False))
        pending: List[Tuple[ast.AST, bool]] = [(tree, False)]
        while pending:
            node, in_function = pending.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    docstring = ast.get_docstring(child, clean=False)
                    if docstring is None:
                        if self._in_scope(child.name, in_function):
                            return True
                    elif update:
                        signature = _init_of(child) if isinstance(child, ast.ClassDef) else child
                        if signature is not None and _may_need_update(docstring, signature):
                            return True
                    pending.append((child, in_function or not isinstance(child, ast.ClassDef)))
                elif isinstance(child, ast.stmt) or child.__class__.__name__ in ("ExceptHandler", "match_case"):
                    pending.append((child, in_function))
        return False

    def _in_scope(self, name: str, nested: bool) -> bool:
        """Whether the options ask for a docstring on a def or class of this name."""
        if nested and not self.settings.get("include-nested", False):
            return False
        if name.startswith("__") and name.endswith("__"):
            return name in ("__init__", "__new__", "__call__") or bool(self.settings.get("include-dunder", False))
        if name.startswith("_"):
            return bool(self.settings.get("include-private", False))
        return True


def _init_of(node: ast.ClassDef):
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == "__init__":
            return statement
    return None


def _parameter_names(node: _Def) -> List[str]:
    arguments = node.args
    names = [a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]
    names += [a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None]
    return names


def _may_need_update(docstring: str, node: _Def) -> bool:
    """Whether ``update = true`` could change this docstring (cheap text checks first)."""
    names = _parameter_names(node)
    if not re.search(r"^\s*(Args|Arguments|Parameters|Params|Returns?|Yields?|Raises)\b|^\s*:\w+", docstring, re.MULTILINE):
        return False
    from codemods.transforms.docstrings.update import documented_names  # plain text, no libcst

    documented = documented_names(docstring)
    if documented is None:
        return False
    plain = {name.lstrip("*") for name in documented}
    wanted = set(names)
    missing = wanted - plain - {"self", "cls"}
    return bool(plain - wanted) or any(not re.fullmatch(r"_+", name) for name in missing)
