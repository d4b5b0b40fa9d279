"""The libcst half of ``unused-imports``: see the package's ``__init__``."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst
from libcst.metadata import ClassScope, GlobalScope, ImportAssignment, PositionProvider, Scope, ScopeProvider

from codemods.cst.base import dotted
from codemods.cst.scope_usage import ModuleUsage, analyse_module, string_value
from codemods.cst.statement_removal import StatementRemovingRewriter
from codemods.transforms.unused_imports.rules import (EXPLAINED_HINT, EXPLAINED_MESSAGE, KEPT_HINT, LOCALS_REASON,
                                                      bound_name, catches_import_errors, comment_explains,
                                                      duplicate_message, import_key, kept_message, looked_up_by_name,
                                                      read_elsewhere, read_elsewhere_hint, read_elsewhere_message,
                                                      redefined_message, reexport_spelling, star_facade,
                                                      unused_message)
from codemods.transforms.unused_imports.side_effects import kept_for_loading

_ImportNode = Union[cst.Import, cst.ImportFrom]


def _from_module(statement: cst.ImportFrom) -> Tuple[int, str]:
    return len(statement.relative), dotted(statement.module)


def _described(statement: _ImportNode, alias: cst.ImportAlias) -> Tuple[str, int, str, str, Optional[str]]:
    """(kind, dots, module, name, asname): the import as ``rules`` and ``side_effects`` take it."""
    asname = dotted(alias.asname.name) if alias.asname is not None else None
    if isinstance(statement, cst.Import):
        return "import", 0, "", dotted(alias.name), asname
    dots, module = _from_module(statement)
    return "from", dots, module, dotted(alias.name), asname


def _bound_name(alias: cst.ImportAlias) -> str:
    return bound_name(dotted(alias.name), dotted(alias.asname.name) if alias.asname is not None else None)


def _import_key(statement: _ImportNode, alias: cst.ImportAlias) -> tuple:
    return import_key(*_described(statement, alias))


def _catches_import_errors(handler: Union[cst.ExceptHandler, cst.ExceptStarHandler]) -> bool:
    if handler.type is None:
        return True
    types = [e.value for e in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
    return catches_import_errors(dotted(t) for t in types)


# -- what the module says about its own namespace ---------------------------------------

def _is_docstring_or_all(small: cst.BaseSmallStatement) -> bool:
    if isinstance(small, cst.Expr):
        return isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString))
    return isinstance(small, (cst.Assign, cst.AugAssign)) and "__all__" in (
        [dotted(t.target) for t in small.targets] if isinstance(small, cst.Assign) else [dotted(small.target)])


def _misplaced_future_import(body: Sequence[cst.BaseStatement]) -> bool:
    """A ``from __future__`` import after other code: CPython refuses to compile the
    module, and removing an import before it could make it compile."""
    seen_code = False
    for index, statement in enumerate(body):
        smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else [None]
        for small in smalls:
            if isinstance(small, cst.ImportFrom) and _from_module(small) == (0, "__future__"):
                if seen_code:
                    return True
            elif not (index == 0 and isinstance(small, cst.Expr)
                      and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString))):
                seen_code = True
    return False


def _only_imports(body: cst.BaseSuite) -> bool:
    """A function body made of imports (and a docstring): calling it is for the import
    (``def module_code(): import i_do_not_exist`` raises ModuleNotFoundError)."""
    lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
    smalls = [small for line in lines
              for small in (line.body if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) else [None])]
    return any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in smalls) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) or _is_docstring_or_all(s) for s in smalls)


def _comment_above(line: cst.SimpleStatementLine) -> List[str]:
    """The comment block directly above ``line`` and its own trailing comment."""
    block: List[str] = []
    for empty in reversed(line.leading_lines):
        if empty.comment is None:
            break
        block.append(empty.comment.value)
    if line.trailing_whitespace.comment is not None:
        block.append(line.trailing_whitespace.comment.value)
    return block


def imports_only(module: cst.Module) -> bool:
    """A module that only imports (a docstring and ``__all__`` aside) exists to
    re-export or to load what it imports."""
    return all(
        isinstance(s, cst.SimpleStatementLine) and all(
            isinstance(small, (cst.Import, cst.ImportFrom)) or _is_docstring_or_all(small) for small in s.body)
        for s in module.body) and any(
        isinstance(small, (cst.Import, cst.ImportFrom)) for s in module.body for small in s.body)


class _NamespaceFacts(cst.CSTVisitor):
    """``__all__``, dynamic reads of the module namespace, and duplicate imports."""

    def __init__(self, scopes) -> None:
        super().__init__()
        self.scopes = scopes
        self.exported: Set[str] = set()
        self.exports_unknown = False
        self.dynamic_reason: Optional[str] = None
        self.duplicates: Set[cst.ImportAlias] = set()
        self.star_reexport = False
        self.parameters: Set[str] = set()
        self.has_all = False
        self.only_imports = False

    def _at_module_level(self, node: cst.CSTNode) -> bool:
        return isinstance(self.scopes.get(node), GlobalScope)

    def _export(self, expression: cst.BaseExpression) -> None:
        value = string_value(expression)
        if isinstance(expression, cst.Name) and expression.value == "__all__":
            return  # ``__all__ = __all__ + [...]``
        if value is not None:
            self.exported.add(value)
        elif isinstance(expression, (cst.List, cst.Tuple, cst.Set)):
            for element in expression.elements:
                self._export(element.value)
        elif isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Add):
            self._export(expression.left)
            self._export(expression.right)
        else:
            self.exports_unknown = True

    def visit_Assign(self, node: cst.Assign) -> None:
        if any(dotted(t.target) == "__all__" for t in node.targets) and self._at_module_level(node):
            self.has_all = True
            self._export(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if dotted(node.target) == "__all__" and node.value is not None and self._at_module_level(node):
            self.has_all = True
            self._export(node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if dotted(node.target) == "__all__" and self._at_module_level(node):
            self._export(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        callee = dotted(node.func)
        if callee in ("__all__.extend", "__all__.append", "__all__.__iadd__"):
            for arg in node.args:
                self._export(arg.value)
        elif callee == "__all__.insert" and len(node.args) == 2:
            self._export(node.args[1].value)
        elif callee in ("eval", "exec") and (not node.args or string_value(node.args[0].value) is None):
            self.dynamic_reason = self.dynamic_reason or f"runs {callee}() on computed code"
        elif callee in ("vars", "locals", "dir") and not node.args and self._at_module_level(node):
            self.dynamic_reason = self.dynamic_reason or f"reads its namespace with {callee}()"
        elif callee.rsplit(".", 1)[-1] in ("import_module", "__import__") and any(
                dotted(a.value) == "__name__" for a in node.args):
            self.dynamic_reason = self.dynamic_reason or "imports itself by name"

    def visit_Param(self, node: cst.Param) -> None:
        self.parameters.add(node.name.value)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar) and self._at_module_level(node):
            self.star_reexport = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if dotted(node) == "sys.modules":
            # what is imported is observable: sys.modules[__name__] lookups, or
            # tests asserting which modules an import loaded
            self.dynamic_reason = self.dynamic_reason or "reads sys.modules"

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if dotted(node.value).endswith("modules") and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index) and dotted(index.value) == "__name__":
                self.dynamic_reason = self.dynamic_reason or "reads sys.modules[__name__]"

    def visit_Module(self, node: cst.Module) -> None:
        self._find_duplicates(node.body)
        self.only_imports = imports_only(node)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._find_duplicates(node.body)

    def _find_duplicates(self, body: Sequence[cst.BaseStatement]) -> None:
        """A repeated import in one run of import lines (nothing in between can have
        changed what it binds)."""
        seen: Set[tuple] = set()
        for statement in body:
            imports = [s for s in statement.body if isinstance(s, (cst.Import, cst.ImportFrom))] \
                if isinstance(statement, cst.SimpleStatementLine) else []
            if not imports or len(imports) != len(statement.body):
                seen = set()
                continue
            for small in imports:
                if isinstance(small.names, cst.ImportStar):
                    continue
                for alias in small.names:
                    key = _import_key(small, alias)
                    if key in seen:
                        self.duplicates.add(alias)
                    seen.add(key)


class UnusedImportsRewriter(StatementRemovingRewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.usage: Optional[ModuleUsage] = None
        self.facts: Optional[_NamespaceFacts] = None
        self.guarded = 0  # depth of with blocks and of try blocks that catch ImportError
        self.frozen = False  # a misplaced __future__ import: the module must stay as it is
        self.import_only_functions: List[bool] = []  # per enclosing def: is its body only imports?
        self.line: Optional[cst.SimpleStatementLine] = None
        self.module: Optional[cst.Module] = None
        self.blocks = None  # shadowing's index of statement blocks, built when first needed

    def visit_Module(self, node: cst.Module) -> None:
        self.frozen = _misplaced_future_import(node.body)
        self.module = node
        scopes = self.metadata[ScopeProvider]
        self.usage = analyse_module(node, scopes, self.metadata[PositionProvider])
        self.facts = _NamespaceFacts(scopes)
        node.visit(self.facts)
        if self.context.original_module is not None:
            # judged on the file as the run found it: a module another codemod of the
            # run emptied down to its imports (dead-code) was no facade
            self.facts.only_imports = imports_only(self.context.original_module)
        if "globals" in self.usage.builtin_reads:
            self.facts.dynamic_reason = "reads globals()"

    # availability probes: try: import x / except ImportError
    def visit_Try(self, node: cst.Try) -> None:
        self.guarded += any(_catches_import_errors(h) for h in node.handlers)

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try) -> cst.Try:
        self.guarded -= any(_catches_import_errors(h) for h in original_node.handlers)
        return updated_node

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self.guarded += any(_catches_import_errors(h) for h in node.handlers)

    def leave_TryStar(self, original_node: cst.TryStar, updated_node: cst.TryStar) -> cst.TryStar:
        self.guarded -= any(_catches_import_errors(h) for h in original_node.handlers)
        return updated_node

    # an import under ``with`` is there for what importing does: assertRaises(ImportError),
    # catch_warnings (a deprecation warning), patched sys.modules, suppress(ImportError)
    def visit_With(self, node: cst.With) -> None:
        self.guarded += 1

    def leave_With(self, original_node: cst.With, updated_node: cst.With) -> cst.With:
        self.guarded -= 1
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.import_only_functions.append(_only_imports(node.body))

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        self.import_only_functions.pop()
        return updated_node

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.line = node

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import):
        return self._prune(original_node, updated_node)

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        if _from_module(original_node) == (0, "__future__"):
            return updated_node
        return self._prune(original_node, updated_node)

    def _prune(self, original: _ImportNode, updated: _ImportNode):
        if isinstance(original.names, cst.ImportStar) or self.guarded or self.frozen:
            return updated
        if self.import_only_functions and self.import_only_functions[-1]:
            return updated  # the function exists to import
        scope = self.get_metadata(ScopeProvider, original)
        if scope is None or isinstance(scope, ClassScope):
            return updated  # a class attribute, not a dead name
        if self.context.is_package_init and self.options.get("keep-in-package-init", True):
            return updated
        keep = [self._keep(original, alias, scope) for alias in original.names]
        if all(keep):
            return updated
        if not any(keep):
            return cst.RemovalSentinel.REMOVE
        return updated.with_changes(**_without_names(updated, keep))

    def _keep(self, statement: _ImportNode, alias: cst.ImportAlias, scope: Scope) -> bool:
        assert self.usage is not None and self.facts is not None
        bound = _bound_name(alias)
        if alias.asname is not None and dotted(alias.asname.name) == dotted(alias.name):
            return True  # ``import x as x``: an explicit re-export
        if bound.startswith("__") and bound.endswith("__"):
            return True  # ``from m import __all__``, ``__version__``: the module's own metadata
        if self._suppressed(statement, alias):
            return True
        target = self.usage.assignment_scope(scope, bound)
        if self._shadowed(statement, alias, bound, target):
            return False
        if self.usage.is_read(target, bound):
            if alias in self.facts.duplicates and self._only_bound_by(target, bound, _import_key(statement, alias)):
                self.record_fix(alias, duplicate_message(bound))
                return False
            return True
        if isinstance(target, GlobalScope) and (bound in self.facts.exported or self.facts.exports_unknown
                                                or star_facade(self.context.project, self.context.path, self.facts.star_reexport) or self.facts.only_imports):
            return True  # exported; or a facade module (``from x import *``) re-exporting more
        reason = None
        if not isinstance(target, GlobalScope) and self.usage.reads_locals_dynamically(target):
            reason = LOCALS_REASON
        elif self.facts.dynamic_reason is not None:
            reason = f"module {self.facts.dynamic_reason}"
        if reason is not None:
            self.record_finding(alias, kept_message(bound, reason), hint=KEPT_HINT)
            return True
        described = _described(statement, alias)
        if isinstance(target, GlobalScope) and looked_up_by_name(bound, self.facts.parameters, described[0],
                                                                 described[2], self.facts.has_all):
            return True
        if self.options.get("keep-side-effect-imports", True) and kept_for_loading(self.context.path, *described):
            return True
        if self._explained(statement, alias, bound):
            self.record_finding(alias, EXPLAINED_MESSAGE.format(bound=bound), hint=EXPLAINED_HINT)
            return True
        where = read_elsewhere(self.context.project, self.context.path, bound) if isinstance(target, GlobalScope) else None
        if where is not None:
            self.record_finding(alias, read_elsewhere_message(bound, where),
                                hint=read_elsewhere_hint(reexport_spelling(*described)))
            return True
        self.record_fix(alias, unused_message(*described[3:]))
        return False

    def _shadowed(self, statement: _ImportNode, alias: cst.ImportAlias, bound: str, scope: Scope) -> bool:
        """Rebound by a later ``def``/``class``/assignment of the same block before
        anything can read it (pyflakes F811): see ``shadowing``."""
        assert self.usage is not None and self.facts is not None and self.module is not None
        if scope is not self.get_metadata(ScopeProvider, statement) or len(scope.assignments[bound]) < 2:
            return False
        usage = self.usage
        if bound in usage.everywhere or self.facts.dynamic_reason or usage.reads_locals_dynamically(scope) \
                or any(bound in declared for declared in usage.declared.values()):
            return False
        from codemods.transforms.unused_imports.shadowing import index_blocks, shadowing_statement

        if self.blocks is None:
            self.blocks = index_blocks(self.module)
        redefinition = shadowing_statement(self.blocks, self.line, statement, bound)
        if redefinition is None:
            return False
        if self.options.get("keep-side-effect-imports", True) and kept_for_loading(
                self.context.path, *_described(statement, alias)):
            return False  # imported for what importing does: the unused-import rules below keep it
        self.record_fix(alias, redefined_message(dotted(alias.name), bound, self.position(redefinition)[0]))
        return True

    def _explained(self, statement: _ImportNode, alias: cst.ImportAlias, bound: str) -> bool:
        """A comment right above the import (or on its line) names what it imports and
        says it is there to be loaded ("need unicodedata already imported")."""
        line = self.line
        if line is None or not any(small is statement for small in line.body):
            return False
        return comment_explains("\n".join(_comment_above(line)), bound, dotted(alias.name))

    def _suppressed(self, statement: _ImportNode, alias: cst.ImportAlias) -> bool:
        assert self.usage is not None
        lines = {self.position(alias)[0], self.position(statement)[0]}
        return any(self.usage.suppression.covers(line, "F401", self.context.codemod_id) for line in lines)

    def _only_bound_by(self, scope: Scope, bound: str, key: tuple) -> bool:
        """Every binding of ``bound`` in ``scope`` is this very import."""
        for assignment in scope.assignments[bound]:
            if not isinstance(assignment, ImportAssignment):
                return False
            statement = assignment.node
            if isinstance(statement.names, cst.ImportStar):
                return False
            if any(_bound_name(a) == bound and _import_key(statement, a) != key for a in statement.names):
                return False
        return True


# -- rewriting the name list -------------------------------------------------------------

def _without_names(statement: _ImportNode, keep: Sequence[bool]) -> Dict[str, object]:
    """The changed fields of ``statement`` once the aliases not kept are gone: comments
    of the remaining lines stay, and the closing ``)`` keeps its place."""
    names = list(statement.names)
    kept = [alias for alias, wanted in zip(names, keep) if wanted]
    changes: Dict[str, object] = {}
    if keep[-1]:
        changes["names"] = kept
        return changes
    last_removed, new_last = names[-1], kept[-1]
    own = new_last.comma.whitespace_after if isinstance(new_last.comma, cst.Comma) else None
    trailing = last_removed.comma if isinstance(last_removed.comma, cst.Comma) else None
    rpar = getattr(statement, "rpar", None)
    closing = trailing.whitespace_after if trailing is not None else (rpar.whitespace_before if rpar else None)
    if isinstance(own, cst.ParenthesizedWhitespace) and (
            isinstance(closing, cst.ParenthesizedWhitespace) or own.first_line.comment is not None):
        # one name per line: this line keeps its comment, the ``)`` line stays as it was
        if isinstance(closing, cst.ParenthesizedWhitespace):
            whitespace = own.with_changes(indent=closing.indent, last_line=closing.last_line)
        else:
            whitespace = own.with_changes(last_line=cst.SimpleWhitespace(""))
        new_last = new_last.with_changes(comma=new_last.comma.with_changes(whitespace_after=whitespace))
        if trailing is None and rpar is not None:
            changes["rpar"] = rpar.with_changes(whitespace_before=cst.SimpleWhitespace(""))
    elif trailing is not None and rpar is not None:
        new_last = new_last.with_changes(comma=new_last.comma.with_changes(whitespace_after=trailing.whitespace_after))
    else:
        new_last = new_last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    changes["names"] = kept[:-1] + [new_last]
    return changes
