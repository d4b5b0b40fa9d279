"""The libcst half of ``unused-variables``: see the package's ``__init__``."""

from __future__ import annotations

import builtins
from collections import defaultdict
from typing import Dict, List, Mapping, Optional, Set, Tuple, Union

import libcst as cst
from libcst.metadata import FunctionScope, GlobalScope, PositionProvider, Scope, ScopeProvider

from codemods.cst.scope_usage import ModuleUsage, analyse_module
from codemods.cst.statement_removal import StatementRemovingRewriter
from codemods.transforms.unused_variables import rules
from codemods.transforms.unused_variables.rules import EFFECT, LIFETIME_BOUND_CALLS, PURE, UNSURE

_LITERALS = (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.Ellipsis)
_CONSTANT_NAMES = frozenset({"None", "True", "False"})
_Handler = Union[cst.ExceptHandler, cst.ExceptStarHandler]


def _is_constant(node: cst.BaseExpression) -> bool:
    if isinstance(node, _LITERALS):
        return True
    if isinstance(node, cst.Name):
        return node.value in _CONSTANT_NAMES
    if isinstance(node, cst.ConcatenatedString):
        return _is_constant(node.left) and _is_constant(node.right)
    if isinstance(node, cst.UnaryOperation) and not isinstance(node.operator, cst.Not):
        return isinstance(node.expression, (cst.Integer, cst.Float, cst.Imaginary))
    return False


#: the operators CPython folds between constants at compile time
_OPERATIONS = (cst.BinaryOperation, cst.UnaryOperation)


def _only_constants(node: cst.BaseExpression) -> bool:
    """``node`` is made of literals and operators only (no name but None/True/False)."""
    if _is_constant(node):
        return True
    if isinstance(node, cst.BinaryOperation):
        return _only_constants(node.left) and _only_constants(node.right)
    if isinstance(node, cst.UnaryOperation):
        return _only_constants(node.expression)
    if isinstance(node, cst.Tuple):
        return all(isinstance(e, cst.Element) and _only_constants(e.value) for e in node.elements)
    return False


def _folds_to_a_constant(node: cst.BaseExpression) -> bool:
    """Operators between literals that CPython's compiler folds into one constant.

    The compiler folds only what evaluates without an error and stays small (at
    most 128-bit integers, 4096-character strings, 256-item sequences), so folding
    is the proof that evaluating the expression can do nothing: ``1 + 1``,
    ``60 * 60``, ``"-" * 40``, ``2 ** 8``, ``(1, 2) + (3,)`` fold; ``1 / 0``,
    ``"a" + 1``, ``"a" * 10**10``, ``2 ** 10**8``, ``10.0 ** 400`` do not (they
    raise, or would take time and memory) and stay as they are."""
    if not isinstance(node, _OPERATIONS) or not _only_constants(node):
        return False
    return rules.compiles_to_one_constant(cst.Module([]).code_for_node(node))


def _evaluates_code(node: cst.CSTNode) -> bool:
    """Evaluating ``node`` may run code of the program: a call (a lambda's body
    included, to stay simple), ``await``, ``yield``, ``:=``, a comprehension (it
    iterates), a formatted value (``__format__``)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.Call, cst.Await, cst.Yield, cst.NamedExpr, cst.ListComp, cst.SetComp,
                                cst.DictComp, cst.GeneratorExp, cst.FormattedStringExpression)):
            return True
        stack.extend(current.children)
    return False


def _callee(call: cst.Call) -> str:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else ""


def _binds(statement: cst.CSTNode, name: str) -> bool:
    """``statement`` binds ``name`` every time it completes."""
    if isinstance(statement, cst.SimpleStatementLine):
        return any(_binds(small, name) for small in statement.body)
    if isinstance(statement, cst.Assign):
        return any(isinstance(t.target, cst.Name) and t.target.value == name for t in statement.targets)
    if isinstance(statement, cst.AnnAssign):
        return statement.value is not None and isinstance(statement.target, cst.Name) and statement.target.value == name
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return statement.name.value == name
    if isinstance(statement, cst.With):
        return any(i.asname is not None and isinstance(i.asname.name, cst.Name) and i.asname.name.value == name
                   for i in statement.items)
    return False


def _path_to(root: cst.CSTNode, node: cst.CSTNode) -> List[cst.CSTNode]:
    """The nodes from ``root`` down to the statement ``node`` (empty when it is not
    inside). Only statement structure is searched: no expression holds a statement."""
    parents = {id(root): None}
    pending = [root]
    while pending:
        current = pending.pop()
        if current is node:
            path = [current]
            parent = parents[id(current)]
            while parent is not None:
                path.append(parent)
                parent = parents[id(parent)]
            return path[::-1]
        for child in current.children:
            if not isinstance(child, cst.BaseExpression):
                parents[id(child)] = current
                pending.append(child)
    return []


class _Rebindings(cst.CSTVisitor):
    """The values each name is given by plain assignments, by scope."""

    def __init__(self, scopes: Mapping[cst.CSTNode, Scope]) -> None:
        super().__init__()
        self.scopes = scopes
        self.values: Dict[Tuple[Scope, str], List[cst.BaseExpression]] = defaultdict(list)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.values[(self.scopes.get(node), target.target.value)].append(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None and isinstance(node.target, cst.Name):
            self.values[(self.scopes.get(node), node.target.value)].append(node.value)

    def released(self) -> Set[Tuple[Scope, str]]:
        """Names set to ``None`` after holding something built: ``f = wrap(fd)`` then
        ``f = None`` releases the object there (finalizers, ResourceWarning), so every
        one of those assignments decides when it dies."""
        return {key for key, values in self.values.items()
                if any(isinstance(v, cst.Name) and v.value == "None" for v in values)
                and any(not _is_constant(v) for v in values)}


class UnusedVariablesRewriter(StatementRemovingRewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.usage: Optional[ModuleUsage] = None
        self.dummy = rules.dummy_pattern(self.options)
        self.module_names: Set[str] = set()
        self.released: Set[Tuple[Scope, str]] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.usage = analyse_module(node, self.metadata[ScopeProvider], self.metadata[PositionProvider])
        rebindings = _Rebindings(self.metadata[ScopeProvider])
        node.visit(rebindings)
        self.released = rebindings.released()
        for statement in node.body:
            if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                self.module_names.add(statement.name.value)
            elif isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign):
                        self.module_names.update(t.target.value for t in small.targets if isinstance(t.target, cst.Name))
                    elif isinstance(small, cst.AnnAssign) and small.value is not None and isinstance(small.target, cst.Name):
                        self.module_names.add(small.target.value)
                    elif isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
                        for alias in small.names:
                            bound = alias.asname.name if alias.asname is not None else alias.name
                            while isinstance(bound, cst.Attribute):
                                bound = bound.value
                            if isinstance(bound, cst.Name):
                                self.module_names.add(bound.value)

    # -- which names may go ----------------------------------------------------------

    def _function_scope(self, node: cst.CSTNode) -> Optional[Scope]:
        scope = self.get_metadata(ScopeProvider, node, None)
        if isinstance(scope, FunctionScope) and isinstance(scope.node, cst.FunctionDef):
            return scope
        return None

    def _unused(self, scope: Scope, name: str, node: cst.CSTNode) -> bool:
        usage = self.usage
        assert usage is not None
        if usage.reads_locals_dynamically(scope) or rules.meant_unused(name, self.dummy):
            return False
        if name in usage.declared.get(scope, {}) or name in usage.walrus.get(scope, ()):
            return False
        if usage.is_read(scope, name):
            return False
        return not self._suppressed(node)

    def _suppressed(self, node: cst.CSTNode) -> bool:
        assert self.usage is not None
        position = self.get_metadata(PositionProvider, node, None)
        if position is None:
            return False
        return any(self.usage.suppression.covers(line, "F841", self.context.codemod_id)
                   for line in range(position.start.line, position.end.line + 1))

    def _releases(self, scope: Scope, name: str, node: cst.CSTNode) -> bool:
        """``name`` is set to None elsewhere to end an object's life: report, keep."""
        if (scope, name) not in self.released:
            return False
        message, hint = rules.released_finding(name)
        self.record_finding(node, message, hint=hint)
        return True

    # -- what evaluating the value may do ----------------------------------------------

    def _effects(self, value: cst.BaseExpression, scope: Scope, statement: cst.CSTNode) -> int:
        if _is_constant(value) or _folds_to_a_constant(value):
            return PURE
        if isinstance(value, cst.Name):
            return PURE if self._definitely_bound(value.value, scope, statement) else UNSURE
        if isinstance(value, cst.FormattedString):
            return PURE if all(isinstance(p, cst.FormattedStringText) for p in value.parts) else EFFECT
        if isinstance(value, (cst.Tuple, cst.List)):
            if any(isinstance(e, cst.StarredElement) for e in value.elements):
                return EFFECT  # unpacking iterates
            return max((self._effects(e.value, scope, statement) for e in value.elements), default=PURE)
        if isinstance(value, cst.Set):
            return PURE if all(_is_constant(e.value) for e in value.elements if isinstance(e, cst.Element)) \
                and all(isinstance(e, cst.Element) for e in value.elements) else EFFECT
        if isinstance(value, cst.Dict):
            if not all(isinstance(e, cst.DictElement) and _is_constant(e.key) for e in value.elements):
                return EFFECT  # hashing a computed key, or ``**`` unpacking
            return max((self._effects(e.value, scope, statement) for e in value.elements), default=PURE)
        if isinstance(value, cst.Lambda):
            defaults = [p.default for p in value.params.params + value.params.kwonly_params if p.default is not None]
            return max((self._effects(d, scope, statement) for d in defaults), default=PURE)
        return EFFECT

    def _definitely_bound(self, name: str, scope: Scope, statement: cst.CSTNode) -> bool:
        """Reading ``name`` at ``statement`` cannot raise NameError/UnboundLocalError."""
        usage = self.usage
        assert usage is not None
        target = usage.binding_scope(scope, name)
        if name in usage.deleted.get(target, ()):
            return False
        if isinstance(target, GlobalScope):
            if name in usage.bound.get(target, ()):
                return name in self.module_names
            return hasattr(builtins, name)
        if not isinstance(target, FunctionScope):
            return False
        if any(isinstance(a.node, cst.Param) for a in target.assignments[name]):
            return True
        return target is scope and self._bound_before(name, statement, scope.node)

    def _bound_before(self, name: str, node: cst.CSTNode, function: cst.CSTNode) -> bool:
        """An earlier statement of this block, or of a block around it, binds ``name``."""
        path = _path_to(function, node)
        for parent, child in zip(path, path[1:]):
            if isinstance(parent, (cst.IndentedBlock, cst.SimpleStatementLine, cst.SimpleStatementSuite)):
                for sibling in parent.body:
                    if sibling is child:
                        break
                    if _binds(sibling, name):
                        return True
            elif isinstance(parent, cst.With) and child is parent.body and _binds(parent, name):
                return True
        return False

    # -- assignments ---------------------------------------------------------------------

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign):
        scope = self._function_scope(original_node)
        if scope is None:
            return updated_node
        targets: List[cst.AssignTarget] = []
        removed: List[str] = []
        renamed = False
        for original, target in zip(original_node.targets, updated_node.targets):
            if isinstance(original.target, cst.Name) and self._unused(scope, original.target.value, original_node) \
                    and not self._releases(scope, original.target.value, original_node):
                removed.append(original.target.value)
                continue
            # targets hold no statements, so the original target is the current one
            new_target = self._rename_unused(original.target, scope, original_node)
            renamed = renamed or new_target is not original.target
            targets.append(target.with_changes(target=new_target) if new_target is not original.target else target)
        if not removed:
            return updated_node.with_changes(targets=targets) if renamed else updated_node
        if targets:
            for name in removed:
                self.record_fix(original_node, rules.chained_fix(name))
            return updated_node.with_changes(targets=targets)
        return self._drop_binding(original_node, updated_node, original_node.value, removed, scope)

    def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign):
        scope = self._function_scope(original_node)
        if scope is None or original_node.value is None or not isinstance(original_node.target, cst.Name):
            return updated_node
        if not self._unused(scope, original_node.target.value, original_node) \
                or self._releases(scope, original_node.target.value, original_node):
            return updated_node
        return self._drop_binding(original_node, updated_node, original_node.value, [original_node.target.value], scope)

    def _drop_binding(self, original, updated, value: cst.BaseExpression, names: List[str], scope: Scope):
        if self._effects(value, scope, original) == PURE:
            self.record_fix(original, rules.removed_fix(names))
            return cst.RemovalSentinel.REMOVE
        if isinstance(value, cst.Call) and _callee(value) in LIFETIME_BOUND_CALLS:
            message, hint = rules.lifetime_finding(names, _callee(value))
            self.record_finding(original, message, hint=hint)
            return updated
        if isinstance(value, (cst.Call, cst.Await, cst.Yield)):
            self.record_fix(original, rules.still_computed_fix(names))
            return cst.Expr(value=updated.value, semicolon=updated.semicolon)
        # ``loop = self._loop`` as ``self._loop`` would read as a mistake, and dropping
        # it could skip a property, a KeyError or a NameError: say so instead, or, with
        # --unsafe-fixes, delete it when nothing in it runs code of the program
        if self.context.unsafe_fixes and not _evaluates_code(value):
            self.record_fix(original, rules.unsafe_removed_fix(names), safe=False)
            return cst.RemovalSentinel.REMOVE
        message, hint = rules.effects_finding(names, self.context.unsafe_fixes, _evaluates_code(value))
        self.record_finding(original, message, hint=hint)
        return updated

    # -- except ... as / with ... as -----------------------------------------------------

    def leave_ExceptHandler(self, original_node: cst.ExceptHandler, updated_node: cst.ExceptHandler):
        return self._handler(original_node, updated_node)

    def leave_ExceptStarHandler(self, original_node: cst.ExceptStarHandler, updated_node: cst.ExceptStarHandler):
        return self._handler(original_node, updated_node)

    def _handler(self, original: _Handler, updated: _Handler):
        if original.name is None or not isinstance(original.name.name, cst.Name):
            return updated
        scope = self._function_scope(original)
        name = original.name.name.value
        if scope is None or not self._unused(scope, name, original.name):
            return updated
        self.record_fix(original, rules.handler_fix(name))
        return updated.with_changes(name=None)

    def leave_WithItem(self, original_node: cst.WithItem, updated_node: cst.WithItem):
        if original_node.asname is None:
            return updated_node
        scope = self._function_scope(original_node)
        if scope is None:
            return updated_node
        target = original_node.asname.name
        if isinstance(target, cst.Name):
            if not self._unused(scope, target.value, original_node):
                return updated_node
            self.record_fix(original_node, rules.with_fix(target.value))
            return updated_node.with_changes(asname=None)
        new_target = self._rename_unused(target, scope, original_node)
        if new_target is target:
            return updated_node
        return updated_node.with_changes(asname=updated_node.asname.with_changes(name=new_target))

    # -- unpacking and loop targets: ``_`` only with --unsafe-fixes ----------------------

    def leave_For(self, original_node: cst.For, updated_node: cst.For):
        scope = self._function_scope(original_node)
        if scope is None:
            return updated_node
        new_target = self._rename_unused(original_node.target, scope, original_node.target, loop=True)
        if new_target is original_node.target:
            return updated_node
        return updated_node.with_changes(target=new_target)

    def _rename_unused(self, target: cst.BaseExpression, scope: Scope, node: cst.CSTNode, loop: bool = False):
        """``target`` with its unread names renamed to ``_`` (the same object when none)."""
        if not self.context.unsafe_fixes or isinstance(target, cst.Name) and not loop:
            return target
        usage = self.usage
        assert usage is not None
        if usage.read_within(scope, "_") or "_" in usage.declared.get(scope, {}):
            return target  # ``_`` means something here (gettext, say)
        renamed, changed = self._renamed(target, scope, node)
        return renamed if changed else target

    def _renamed(self, target: cst.BaseExpression, scope: Scope, node: cst.CSTNode) -> Tuple[cst.BaseExpression, bool]:
        if isinstance(target, cst.Name):
            if target.value != "_" and self._unused(scope, target.value, node):
                self.record_fix(target, rules.rename_fix(target.value), safe=False)
                return target.with_changes(value="_"), True
            return target, False
        if isinstance(target, cst.StarredElement):
            value, changed = self._renamed(target.value, scope, node)
            return (target.with_changes(value=value) if changed else target), changed
        if isinstance(target, (cst.Tuple, cst.List)):
            elements, any_changed = [], False
            for element in target.elements:
                value, changed = self._renamed(element.value, scope, node)
                elements.append(element.with_changes(value=value) if changed else element)
                any_changed = any_changed or changed
            return (target.with_changes(elements=elements) if any_changed else target), any_changed
        return target, False
