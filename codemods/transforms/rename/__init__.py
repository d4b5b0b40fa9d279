"""Rename one definition, class member or module, and every reference to it.

What it changes
    ``codemod rename OLD NEW [PATH ...]`` with dotted qualified names:

    * ``pkg.mod.func`` (a module-level function, class or variable): the
      definition, every use in its module (``global`` statements, closures,
      f-strings, string annotations, ``__all__``), and in every file of the run
      whatever resolves to it through imports and aliases: ``from pkg.mod import
      func``, ``import pkg.mod as m`` then ``m.func``, re-exports through a package
      ``__init__``, and strings that spell the full path (``mock.patch("pkg.mod.func")``).
      NEW may be the bare new name.
    * ``pkg.mod.Class.method`` (or a class attribute): the definition in the class
      and in every subclass of the run, ``self.method`` / ``cls.method`` /
      ``super().method`` inside them, and ``Class.method`` wherever ``Class``
      resolves to one of them.
    * ``pkg.mod`` (a module): ``import``/``from`` statements, relative ones included,
      and dotted references; the file itself is yours to move (a finding says where).

    References are found with libcst's ScopeProvider and QualifiedNameProvider, not
    by text: a local variable or an attribute of another object that happens to be
    spelled the same is left alone. Files that never mention the last part of OLD
    are not parsed at all.

Never
    Moves a definition to another module (NEW must keep OLD's parent). Merges two
    names: when the new name already exists in OLD's module (or class), nothing
    changes and a finding says so; in an importing module where the new name is
    taken, the import keeps the old local name (``from pkg.mod import new as old``).
    Renames ``obj.method`` when the type of ``obj`` is unknown: each such access is
    reported as a finding to review. Rewrites a file the run leaves alone (``#
    codemod: skip-file``, ``@generated``, a ``# codemod: ignore`` line, ``--since``,
    per-file ignores): when such a file mentions OLD, the rename refuses to start
    and names the file and line whose reference would break.

Fix safety
    Safe within the run: the definition and every reference the run can resolve
    change together. Callers outside the run (other projects, string lookups the
    run cannot resolve) keep the old name; that is the point of a migration, and
    ``codemod check`` shows the diff first. Not on by default; it runs only through
    ``codemod rename``.

Options
    ``old`` and ``new``: set by ``codemod rename OLD NEW``.
"""

from __future__ import annotations

import ast
import os
import re
from typing import Any, Mapping, Sequence

from codemods.contract import Codemod


class Rename(Codemod):
    id = "rename"
    summary = "Rename a definition, class member or module and every reference (codemod rename OLD NEW)."
    default = False
    safe = True
    order = 90
    cross_file = True
    options = {"old": "", "new": ""}
    metadata = ("position", "scope", "qualified_name", "parent")
    rewriter = "codemods.transforms.rename.rewriter:RenameRewriter"

    def detect(self, tree: ast.Module, source: str) -> bool:
        # every file the rename touches spells the last part of OLD
        word = str(self.settings.get("old", "") or "").rsplit(".", 1)[-1]
        return not word or word in source

    def prepare(self, paths: Sequence[str], options: Mapping[str, Any], *,
                frozen_paths: Sequence[str] = (), model: Any = None) -> Any:
        """``paths``: every file of the project; ``frozen_paths``: those this run does not
        rewrite (outside the named paths, left out by ``--since``, per-file ignores).
        One that mentions OLD could be left behind with the old name, so the rename
        refuses to start, naming the file and line."""
        from codemods.transforms.naming.index import read_sources
        from codemods.transforms.rename.plan import RenameError, build_rename_plan, rename_words

        word = rename_words(options)
        # every file: a subclass that never mentions the member still passes it on
        sources = read_sources(paths)
        plan = build_rename_plan(sources, options, model=model)
        frozen = {os.path.abspath(path) for path in frozen_paths}
        for path, text in sources:
            if not word or word not in text:
                continue
            if os.path.abspath(path) in frozen:
                line = next(number for number, content in enumerate(text.splitlines(), 1) if word in content)
                raise RenameError(f"{path}:{line} mentions {word} but is not rewritten in this run (outside the "
                                  "named paths, or left out by --since or per-file-ignores): run it on both files "
                                  "or rename the whole project")
            line = _suppressed_mention(text, word, self.id)
            if line:
                raise RenameError(f"{path}:{line}: mentions {word} but is suppressed (skip-file, @generated or "
                                  f"an ignore comment): a rename cannot rewrite it and the reference there "
                                  "would break; lift the suppression or rename by hand")
        return plan


def _suppressed_mention(text: str, word: str, codemod_id: str) -> int:
    """The first line mentioning ``word`` that the runner will not rewrite for
    ``codemod_id`` (a ``skip-file`` or ``@generated`` file: its first mention), or 0."""
    if "codemod:" not in text and "@generated" not in text:
        return 0
    from codemods.engine.suppression import find_suppressions

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        tree = None
    found = find_suppressions(text, tree)
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    suppressed = found.lines_for(codemod_id)
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.search(line) and (found.skip_file or found.generated or number in suppressed):
            return number
    return 0
