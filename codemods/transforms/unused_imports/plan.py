"""``unused-imports`` decided on ``ast``: the same decisions, fixes and findings as
``UnusedImportsRewriter`` (rewriter.py), as a ``Plan`` of edits located by position,
without libcst. ``tests/test_unused_imports_plan.py`` and
``scripts/imports_plan_equivalence.py`` run both and require identical answers.

A text whose decision rests on a shape this module cannot read exactly (see
``statement_lines.Undecidable``) gets ``plan.fallback``: the libcst path decides it.
"""

from __future__ import annotations

import ast
import sys
from typing import List, Optional, Sequence

from codemods.contract import RewriteContext
from codemods.splice.plan import Edit, Plan, SpliceSource
from codemods.transforms.unused_imports.namespace import NamespaceFacts, described, is_docstring_or_all, \
    is_string_statement
from codemods.transforms.unused_imports.rebinding import Blocks, Line, shadowing_line
from codemods.transforms.unused_imports.rules import (EXPLAINED_HINT, EXPLAINED_MESSAGE, KEPT_HINT, LOCALS_REASON,
                                                      bound_name, catches_import_errors, comment_explains,
                                                      duplicate_message, import_key, kept_message, looked_up_by_name,
                                                      read_elsewhere, read_elsewhere_hint, read_elsewhere_message,
                                                      redefined_message, reexport_spelling, star_facade,
                                                      unused_message)
from codemods.transforms.unused_imports.side_effects import kept_for_loading
from codemods.transforms.unused_imports.statement_lines import (Undecidable, group_lines, is_compound, is_suite,
                                                               leading_comments, trailing_comment)
from codemods.transforms.unused_imports.namespace import dotted

_Imports = (ast.Import, ast.ImportFrom)
_TRY = (ast.Try,) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())


def plan_unused_imports(source: SpliceSource, context: RewriteContext, usage=None) -> Plan:
    """What ``UnusedImportsRewriter`` would do to ``source.text`` in one pass with
    ``context`` (``usage``: the text's ``analyse_usage``, when the caller has it)."""
    if sys.version_info < (3, 10):
        return Plan().needs_libcst("import names have no positions in ast before Python 3.10")
    try:
        return _Planner(source, context, usage).run()
    except Undecidable as reason:
        return Plan().needs_libcst(str(reason))


def _misplaced_future_import(groups: Sequence[Line]) -> bool:
    """A ``from __future__`` import after other code: CPython refuses to compile the
    module, and removing an import before it could make it compile."""
    seen_code = False
    for index, group in enumerate(groups):
        smalls: Sequence[Optional[ast.stmt]] = [None] if is_compound(group[0]) else group
        for small in smalls:
            if isinstance(small, ast.ImportFrom) and (small.level or 0, small.module or "") == (0, "__future__"):
                if seen_code:
                    return True
            elif not (index == 0 and is_string_statement(small)):
                seen_code = True
    return False


def _only_imports(body: Sequence[ast.stmt]) -> bool:
    """A function body made of imports (and a docstring): calling it is for the import."""
    return any(isinstance(s, _Imports) for s in body) and all(
        isinstance(s, _Imports) or (not is_compound(s) and is_docstring_or_all(s)) for s in body)


def _catches(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return catches_import_errors(None)
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return catches_import_errors(dotted(t.value if isinstance(t, ast.Starred) else t) for t in types)


class _Planner:
    def __init__(self, source: SpliceSource, context: RewriteContext, usage) -> None:
        self.source = source
        self.lines = source.lines
        self.context = context
        self.options = context.options
        if usage is None:
            from codemods.analysis.usage import analyse_usage

            usage = analyse_usage(source.tree, source.text)
        self.usage = usage
        self.plan = Plan()
        self.blocks: Optional[Blocks] = None
        self.facts = NamespaceFacts(source.tree, self.lines, source.original_tree)
        if "globals" in usage.builtin_reads:
            self.facts.dynamic_reason = "reads globals()"

    def run(self) -> Plan:
        if getattr(self.usage, "unsure", None):
            return self.plan.needs_libcst(f"usage: {self.usage.unsure}")
        tree = self.source.tree
        groups = group_lines(tree.body, self.lines)
        if _misplaced_future_import(groups):
            return self.plan  # the module must stay as it is
        self._body(tree.body, False, 0, [])
        return self.plan

    # -- the walk: statements in source order, as the rewriter leaves them ----------

    def _body(self, body: Sequence[ast.stmt], suite: bool, guarded: int, functions: List[bool]) -> None:
        for group in group_lines(body, self.lines):
            for statement in group:
                if isinstance(statement, _Imports):
                    self._prune(statement, None if suite else group, guarded, functions)
                elif is_compound(statement):
                    self._compound(statement, guarded, functions)

    def _compound(self, statement: ast.stmt, guarded: int, functions: List[bool]) -> None:
        if isinstance(statement, _TRY):
            guarded += any(_catches(h) for h in statement.handlers)  # type: ignore[attr-defined]
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            guarded += 1
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions = functions + [_only_imports(statement.body)]
        parts: List[Sequence[ast.stmt]] = [statement.body] if hasattr(statement, "body") else []
        parts += [h.body for h in getattr(statement, "handlers", ())]
        parts += [c.body for c in getattr(statement, "cases", ())]
        parts += [getattr(statement, f) for f in ("orelse", "finalbody") if getattr(statement, f, None)]
        for part in parts:
            suite = any(isinstance(s, _Imports) for s in part) and is_suite(part, self.lines)
            self._body(part, suite, guarded, functions)

    # -- one import statement ----------------------------------------------------------

    def _prune(self, statement: ast.stmt, line: Optional[Line], guarded: int, functions: List[bool]) -> None:
        if isinstance(statement, ast.ImportFrom) and (statement.level or 0, statement.module or "") == (0, "__future__"):
            return
        if any(a.name == "*" for a in statement.names) or guarded:  # type: ignore[attr-defined]
            return
        if functions and functions[-1]:
            return  # the function exists to import
        scope = self.usage.scope_of(statement)
        if scope is None or scope.kind == "class":
            return  # a class attribute, not a dead name
        if self.context.is_package_init and self.options.get("keep-in-package-init", True):
            return
        keep = [self._keep(statement, alias, scope, line) for alias in statement.names]  # type: ignore[attr-defined]
        if all(keep):
            return
        if not any(keep):
            self.plan.edits.append(Edit("delete", statement))
        else:
            self.plan.edits.append(Edit("drop-names", statement, tuple(keep)))

    def _position(self, node: ast.AST):
        return node.lineno, self.lines.character_column(node)  # type: ignore[attr-defined]

    def _fix(self, node: ast.AST, message: str) -> None:
        self.plan.fixes.append((*self._position(node), message, True))

    def _finding(self, node: ast.AST, message: str, hint: str) -> None:
        self.plan.findings.append((*self._position(node), message, hint))

    def _keep(self, statement: ast.stmt, alias: ast.alias, scope, line: Optional[Line]) -> bool:
        usage, facts = self.usage, self.facts
        kind, dots, module, name, asname = what = described(statement, alias)
        bound = bound_name(name, asname)
        if asname is not None and asname == name:
            return True  # ``import x as x``: an explicit re-export
        if bound.startswith("__") and bound.endswith("__"):
            return True  # ``from m import __all__``, ``__version__``: the module's own metadata
        if any(usage.suppression.covers(n, "F401", self.context.codemod_id) for n in {alias.lineno, statement.lineno}):
            return True
        target = usage.assignment_scope(scope, bound)
        if self._shadowed(statement, alias, bound, target, line):
            return False
        module_level = target.kind == "module"
        if usage.is_read(target, bound):
            if id(alias) in facts.duplicates and self._only_bound_by(target, bound, import_key(*what)):
                self._fix(alias, duplicate_message(bound))
                return False
            return True
        if module_level and (bound in facts.exported or facts.exports_unknown or star_facade(self.context.project, self.context.path, self.facts.star_reexport)
                             or facts.only_imports):
            return True
        reason = None
        if not module_level and usage.reads_locals_dynamically(target):
            reason = LOCALS_REASON
        elif facts.dynamic_reason is not None:
            reason = f"module {facts.dynamic_reason}"
        if reason is not None:
            self._finding(alias, kept_message(bound, reason), KEPT_HINT)
            return True
        if module_level and looked_up_by_name(bound, facts.parameters, kind, module, facts.has_all):
            return True
        if self.options.get("keep-side-effect-imports", True) and kept_for_loading(self.context.path, *what):
            return True
        if self._explained(line, name, bound):
            self._finding(alias, EXPLAINED_MESSAGE.format(bound=bound), EXPLAINED_HINT)
            return True
        where = read_elsewhere(self.context.project, self.context.path, bound) if module_level else None
        if where is not None:
            self._finding(alias, read_elsewhere_message(bound, where), read_elsewhere_hint(reexport_spelling(*what)))
            return True
        self._fix(alias, unused_message(name, asname))
        return False

    def _shadowed(self, statement: ast.stmt, alias: ast.alias, bound: str, scope, line: Optional[Line]) -> bool:
        usage = self.usage
        if scope is not usage.scope_of(statement) or len(scope.assignments.get(bound, ())) < 2:
            return False
        if bound in usage.everywhere or self.facts.dynamic_reason or usage.reads_locals_dynamically(scope) \
                or any(bound in declared for declared in usage.declared.values()):
            return False
        if self.blocks is None:
            self.blocks = Blocks(self.source.tree, self.lines)
        redefinition = shadowing_line(self.blocks, line, statement, bound)
        if redefinition is None:
            return False
        if self.options.get("keep-side-effect-imports", True) and kept_for_loading(
                self.context.path, *described(statement, alias)):
            return False  # imported for what importing does: the unused-import rules keep it
        self._fix(alias, redefined_message(alias.name, bound, redefinition[0].lineno))
        return True

    def _explained(self, line: Optional[Line], name: str, bound: str) -> bool:
        if line is None:
            return False
        body = self.source.tree.body
        first_in_module = line[0] is body[0] if body else False
        previous = self._previous(line)
        comments = leading_comments(line, previous, first_in_module, self.lines)
        trailing = trailing_comment(line, self.lines)
        if trailing is not None:
            comments.append(trailing)
        return comment_explains("\n".join(comments), bound, name)

    def _previous(self, line: Line) -> Optional[ast.stmt]:
        """The statement before ``line`` in its body (None: it is the first)."""
        for node in ast.walk(self.source.tree):
            for field in ("body", "orelse", "finalbody"):
                part = getattr(node, field, None)
                if isinstance(part, list) and any(s is line[0] for s in part):
                    index = next(i for i, s in enumerate(part) if s is line[0])
                    return part[index - 1] if index else None
        return None

    def _only_bound_by(self, scope, bound: str, key: tuple) -> bool:
        """Every binding of ``bound`` in ``scope`` is this very import."""
        for binding in scope.assignments.get(bound, ()):
            if binding.kind != "import":
                return False
            statement = binding.statement
            if any(a.name == "*" for a in statement.names):
                return False
            if any(bound_name(a.name, a.asname) == bound and import_key(*described(statement, a)) != key
                   for a in statement.names):
                return False
        return True
