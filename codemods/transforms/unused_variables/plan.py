"""The ``ast`` half of ``unused-variables``: the rewriter's decisions (``rewriter.py``),
made on the ``ast`` tree and the exact ``ast`` usage analysis, as a ``Plan`` of edits
located on the tree, for the splice path (issue 16). No libcst here.

The plan must decide exactly as the rewriter does, so it follows it rule for rule
(the rules that do not depend on the tree are shared, in ``rules.py``) and records
fixes and findings in the rewriter's order: libcst leaves nodes in post-order, so a
``for``'s renames come after its body's fixes, a handler's after its body's, a
``with`` item's before its body's. Where libcst's positions cannot be read off the
``ast`` with certainty (parentheses around a ``with`` item, a comment inside an
``except ... as`` clause, a name spelled in a non-NFKC form), the plan asks for the
libcst path rather than guess.
"""

from __future__ import annotations

import ast
import builtins
import re
import unicodedata
from typing import Callable, Dict, List, Optional, Set, Tuple

from codemods.analysis.usage import ModuleUsage, Scope, analyse_usage
from codemods.splice.plan import Edit, Plan, SpliceSource
from codemods.transforms.unused_variables import rules
from codemods.transforms.unused_variables.rules import EFFECT, LIFETIME_BOUND_CALLS, PURE, UNSURE

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_WITHS = (ast.With, ast.AsyncWith)
#: the statement lists libcst keeps in blocks (``handlers`` and ``cases`` are not)
_BLOCK_FIELDS = ("body", "orelse", "finalbody")
#: what makes evaluating a value run code of the program (``_evaluates_code``)
_RUNS_CODE = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.ListComp, ast.SetComp,
              ast.DictComp, ast.GeneratorExp, ast.FormattedValue)
_WORD = re.compile(r"\w+")
_Lines = Callable[[], Tuple[int, int]]


class _NeedsLibcst(Exception):
    """A shape whose decision or position the plan cannot show to be the rewriter's."""


def plan_unused_variables(source: SpliceSource, context, analyse=analyse_usage) -> Plan:
    """The edits, fixes and findings ``UnusedVariablesRewriter`` makes on ``source``
    (``analyse``: the usage analysis to decide from; tests pass libcst's, to tell the
    plan's differences from the analysis's)."""
    try:
        dummy = rules.dummy_pattern(context.options)
    except re.error:
        return Plan().needs_libcst("a dummy-variable-pattern that is not a pattern")  # the rewriter reports it
    if not source.text.isascii() and _respelled_identifier(source.text):
        # ast gives names in their NFKC form, libcst (and the messages) as written
        return Plan().needs_libcst("a name spelled in a non-NFKC form")
    try:
        usage = analyse(source.tree, source.text)
        if getattr(usage, "unsure", None):
            return Plan().needs_libcst(f"usage analysis: {usage.unsure}")
        planner = _Planner(source, context, dummy, usage)
        planner.block(source.tree.body)
    except _NeedsLibcst as reason:
        return Plan().needs_libcst(str(reason))
    return planner.plan


def _respelled_identifier(text: str) -> bool:
    return any(not w.isascii() and unicodedata.normalize("NFKC", w) != w for w in _WORD.findall(text))


# -- the rules on ast nodes (rewriter.py has them on libcst nodes) ----------------------

def _is_constant(node: ast.AST) -> bool:
    """libcst's literals (numbers, strings, ``...``, None/True/False, concatenated
    plain strings) and a sign before a number."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not):
        operand = node.operand
        return isinstance(operand, ast.Constant) and isinstance(operand.value, (int, float, complex)) \
            and not isinstance(operand.value, bool)
    return False


def _only_constants(node: ast.AST) -> bool:
    if _is_constant(node):
        return True
    if isinstance(node, ast.BinOp):
        return _only_constants(node.left) and _only_constants(node.right)
    if isinstance(node, ast.UnaryOp):
        return _only_constants(node.operand)
    if isinstance(node, ast.Tuple):
        return all(not isinstance(e, ast.Starred) and _only_constants(e) for e in node.elts)
    return False


def _evaluates_code(node: ast.AST) -> bool:
    return any(isinstance(n, _RUNS_CODE) for n in ast.walk(node))


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _binds(statement: ast.stmt, name: str) -> bool:
    """``statement`` binds ``name`` every time it completes."""
    if isinstance(statement, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
    if isinstance(statement, ast.AnnAssign):
        return statement.value is not None and isinstance(statement.target, ast.Name) and statement.target.id == name
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement.name == name
    if isinstance(statement, _WITHS):
        return any(isinstance(i.optional_vars, ast.Name) and i.optional_vars.id == name for i in statement.items)
    return False


def _blocks(node: ast.AST) -> List[List[ast.stmt]]:
    return [getattr(node, f) for f in _BLOCK_FIELDS if isinstance(getattr(node, f, None), list)]


def _path_to(root: ast.AST, node: ast.AST) -> List[ast.AST]:
    """The statements (and handlers, cases) from ``root`` down to ``node``."""
    parents: Dict[int, Optional[ast.AST]] = {id(root): None}
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
        children = [s for block in _blocks(current) for s in block]
        children += getattr(current, "handlers", None) or []
        children += getattr(current, "cases", None) or []
        for child in children:
            parents[id(child)] = current
            pending.append(child)
    return []


def _bound_before(name: str, node: ast.AST, function: ast.AST) -> bool:
    """An earlier statement of this block, or of a block around it, binds ``name``
    (libcst's blocks hold the statements of one line separately: the same order)."""
    path = _path_to(function, node)
    for parent, child in zip(path, path[1:]):
        for block in _blocks(parent):
            for sibling in block:
                if sibling is child:
                    if isinstance(parent, _WITHS) and block is parent.body and _binds(parent, name):
                        return True
                    break
                if _binds(sibling, name):
                    return True
    return False


def _module_names(tree: ast.Module) -> Set[str]:
    names: Set[str] = set()
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign):
            names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.AnnAssign):
            if statement.value is not None and isinstance(statement.target, ast.Name):
                names.add(statement.target.id)
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            for alias in statement.names:
                if alias.name != "*":
                    names.add(alias.asname if alias.asname is not None else alias.name.split(".", 1)[0])
    return names


class _Planner:
    def __init__(self, source: SpliceSource, context, dummy, usage: ModuleUsage) -> None:
        self.source = source
        self.text = source.text
        self.lines = source.lines
        self.context = context
        self.dummy = dummy
        self.plan = Plan()
        self.usage = usage
        self._module_names: Optional[Set[str]] = None
        self._released: Optional[Set[Tuple[int, str]]] = None

    # -- recording ------------------------------------------------------------------------

    def _position(self, node: ast.AST) -> Tuple[int, int]:
        return node.lineno, self.lines.character_column(node)

    def fix(self, node: ast.AST, message: str, safe: bool = True) -> None:
        line, column = self._position(node)
        self.plan.fixes.append((line, column, message, safe))

    def finding(self, node: ast.AST, message_and_hint: Tuple[str, str]) -> None:
        line, column = self._position(node)
        self.plan.findings.append((line, column) + tuple(message_and_hint))

    def edit(self, kind: str, node: ast.AST, flags: Tuple[bool, ...] = ()) -> None:
        self.plan.edits.append(Edit(kind, node, flags))

    # -- the walk, in libcst's order of leave_* calls ---------------------------------------

    def block(self, statements: List[ast.stmt]) -> None:
        for statement in statements:
            self.statement(statement)

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Assign):
            self.assign(node)
        elif isinstance(node, ast.AnnAssign):
            self.ann_assign(node)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self.block(node.body)
            self.block(node.orelse)
            self.for_target(node)
        elif isinstance(node, _WITHS):
            for index, item in enumerate(node.items):
                self.with_item(node, index)
            self.block(node.body)
        elif isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            self.block(node.body)
            for handler in node.handlers:
                self.block(handler.body)
                self.handler(handler)
            self.block(node.orelse)
            self.block(node.finalbody)
        elif isinstance(node, getattr(ast, "Match", ())):
            for case in node.cases:
                self.block(case.body)
        else:
            for block in _blocks(node):  # if, while, def, class
                self.block(block)

    # -- which names may go -------------------------------------------------------------

    def function_scope(self, node: ast.AST) -> Optional[Scope]:
        scope = self.usage.scope_of(node)
        if scope is not None and scope.kind == "function" and isinstance(scope.node, _FUNCTIONS):
            return scope
        return None

    def unused(self, scope: Scope, name: str, lines: _Lines) -> bool:
        usage = self.usage
        if usage.reads_locals_dynamically(scope) or rules.meant_unused(name, self.dummy):
            return False
        if name in usage.declared.get(scope, {}) or name in usage.walrus.get(scope, ()):
            return False
        if usage.is_read(scope, name):
            return False
        first, last = lines()
        return not any(usage.suppression.covers(line, "F841", self.context.codemod_id)
                       for line in range(first, last + 1))

    def node_lines(self, node: ast.AST) -> _Lines:
        return lambda: (node.lineno, node.end_lineno)

    def releases(self, scope: Scope, name: str, node: ast.AST) -> bool:
        if self._released is None:
            self._released = self._released_names()
        if (id(scope), name) not in self._released:
            return False
        self.finding(node, rules.released_finding(name))
        return True

    def _released_names(self) -> Set[Tuple[int, str]]:
        """Names set to None after holding something built (``_Rebindings.released``)."""
        values: Dict[Tuple[int, str], List[ast.AST]] = {}
        for node in ast.walk(self.source.tree):
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            else:
                continue
            for target in targets:
                if isinstance(target, ast.Name):
                    values.setdefault((id(self.usage.scope_of(node)), target.id), []).append(value)
        return {key for key, found in values.items()
                if any(isinstance(v, ast.Constant) and v.value is None for v in found)
                and any(not _is_constant(v) for v in found)}

    # -- what evaluating the value may do ----------------------------------------------

    def effects(self, value: ast.AST, scope: Scope, statement: ast.AST) -> int:
        if _is_constant(value) or self.folds_to_a_constant(value):
            return PURE
        if isinstance(value, ast.Name):
            return PURE if self.definitely_bound(value.id, scope, statement) else UNSURE
        if isinstance(value, ast.JoinedStr):
            return PURE if all(isinstance(p, ast.Constant) for p in value.values) and self.one_string(value) \
                else EFFECT
        if isinstance(value, (ast.Tuple, ast.List)):
            if any(isinstance(e, ast.Starred) for e in value.elts):
                return EFFECT  # unpacking iterates
            return max((self.effects(e, scope, statement) for e in value.elts), default=PURE)
        if isinstance(value, ast.Set):
            return PURE if all(_is_constant(e) for e in value.elts) else EFFECT
        if isinstance(value, ast.Dict):
            if not all(k is not None and _is_constant(k) for k in value.keys):
                return EFFECT  # hashing a computed key, or ``**`` unpacking
            return max((self.effects(v, scope, statement) for v in value.values), default=PURE)
        if isinstance(value, ast.Lambda):
            args = value.args
            # libcst's ``params`` are the parameters after ``/``: the defaults of
            # positional-only ones are not looked at
            defaults = args.defaults[len(args.defaults) - min(len(args.defaults), len(args.args)):]
            defaults = list(defaults) + [d for d in args.kw_defaults if d is not None]
            return max((self.effects(d, scope, statement) for d in defaults), default=PURE)
        return EFFECT

    def one_string(self, node: ast.JoinedStr) -> bool:
        """The f-string is one string, not a concatenation (libcst's FormattedString,
        not a ConcatenatedString); from its text, which ast does not keep apart."""
        code = self.text[self.lines.start_of(node):self.lines.end_of(node)]
        match = re.match(r"[A-Za-z]*('''|\"\"\"|'|\")", code)
        if match is None:
            raise _NeedsLibcst("an f-string the plan cannot read")
        quote = match.group(1)
        body = code[match.end():]
        if not body.endswith(quote) or len(body) < len(quote):
            return False
        inner = body[:-len(quote)]
        # no fields (all parts are text): the body holds no unescaped quote of its kind
        index = 0
        while index < len(inner):
            if inner[index] == "\\":
                index += 2
                continue
            if inner.startswith(quote, index) or (len(quote) == 1 and inner[index] in "\r\n"):
                return False
            index += 1
        return True

    def folds_to_a_constant(self, node: ast.AST) -> bool:
        if not isinstance(node, (ast.BinOp, ast.UnaryOp)) or not _only_constants(node):
            return False
        # libcst compiles the node as written, its own parentheses included: they
        # change nothing in what it compiles to
        return rules.compiles_to_one_constant(self.text[self.lines.start_of(node):self.lines.end_of(node)])

    def definitely_bound(self, name: str, scope: Scope, statement: ast.AST) -> bool:
        usage = self.usage
        target = usage.binding_scope(scope, name)
        if name in usage.deleted.get(target, ()):
            return False
        if target.kind == "module":
            if name in usage.bound.get(target, ()):
                if self._module_names is None:
                    self._module_names = _module_names(self.source.tree)
                return name in self._module_names
            return hasattr(builtins, name)
        if target.kind not in ("function", "lambda"):
            return False
        if any(b.kind == "param" for b in target.assignments.get(name, ())):
            return True
        return target is scope and _bound_before(name, statement, scope.node)

    # -- assignments ---------------------------------------------------------------------

    def assign(self, node: ast.Assign) -> None:
        scope = self.function_scope(node)
        if scope is None:
            return
        lines = self.node_lines(node)
        removed: List[str] = []
        dropped: List[bool] = []
        for target in node.targets:
            if isinstance(target, ast.Name) and self.unused(scope, target.id, lines) \
                    and not self.releases(scope, target.id, node):
                removed.append(target.id)
                dropped.append(True)
                continue
            dropped.append(False)
            self.rename_unused(target, scope, lines)
        if not removed:
            return
        if len(removed) < len(node.targets):
            for name in removed:
                self.fix(node, rules.chained_fix(name))
            self.edit("drop-targets", node, tuple(dropped))
            return
        self.drop_binding(node, node.value, removed, scope)

    def ann_assign(self, node: ast.AnnAssign) -> None:
        scope = self.function_scope(node)
        if scope is None or node.value is None or not isinstance(node.target, ast.Name):
            return
        name = node.target.id
        if not self.unused(scope, name, self.node_lines(node)) or self.releases(scope, name, node):
            return
        self.drop_binding(node, node.value, [name], scope)

    def drop_binding(self, node: ast.stmt, value: ast.AST, names: List[str], scope: Scope) -> None:
        if self.effects(value, scope, node) == PURE:
            self.fix(node, rules.removed_fix(names))
            self.edit("delete", node)
        elif isinstance(value, ast.Call) and _callee(value) in LIFETIME_BOUND_CALLS:
            self.finding(node, rules.lifetime_finding(names, _callee(value)))
        elif isinstance(value, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)):
            self.fix(node, rules.still_computed_fix(names))
            self.edit("to-expression", node)
        elif self.context.unsafe_fixes and not _evaluates_code(value):
            self.fix(node, rules.unsafe_removed_fix(names), safe=False)
            self.edit("delete", node)
        else:
            self.finding(node, rules.effects_finding(names, self.context.unsafe_fixes, _evaluates_code(value)))

    # -- except ... as / with ... as -----------------------------------------------------

    def handler(self, node: ast.ExceptHandler) -> None:
        if node.name is None:
            return
        scope = self.function_scope(node)
        if scope is None or not self.unused(scope, node.name, lambda: self.as_name_lines(node)):
            return
        self.fix(node, rules.handler_fix(node.name))
        self.edit("drop-handler-name", node)

    def as_name_lines(self, node: ast.ExceptHandler) -> Tuple[int, int]:
        """The lines of libcst's AsName: from just after the type (its parentheses
        included) to the name."""
        offset = self.lines.end_of(node.type)
        start = offset
        text = self.text
        while offset < len(text) and text[offset] in " \t\f\\\r\n)":
            if text[offset] == ")":
                start = offset + 1
            offset += 1
        if not text.startswith("as", offset):
            raise _NeedsLibcst("an except clause the plan cannot read")
        offset += 2
        while offset < len(text) and text[offset] in " \t\f\\\r\n":
            offset += 1
        if not text.startswith(node.name, offset):
            raise _NeedsLibcst("an except clause the plan cannot read")
        return self.lines.position(start)[0], self.lines.position(offset)[0]

    def with_item(self, node: ast.stmt, index: int) -> None:
        item = node.items[index]
        if item.optional_vars is None:
            return
        scope = self.function_scope(item)
        if scope is None:
            return
        target = item.optional_vars
        lines = lambda: self.item_lines(node, index)  # noqa: E731
        if isinstance(target, ast.Name):
            if not self.unused(scope, target.id, lines):
                return
            self.item_lines(node, index)  # the fix's column needs the item's start
            self.fix(item.context_expr, rules.with_fix(target.id))
            self.edit("drop-with-name", item)
            return
        self.rename_unused(target, scope, lines)

    def item_lines(self, node: ast.stmt, index: int) -> Tuple[int, int]:
        """libcst's WithItem starts at its expression, parentheses included: a ``(``
        before the expression could be the item's or the statement's."""
        item = node.items[index]
        previous = node.items[index - 1] if index else None
        before = self.lines.start_of(node) if previous is None else \
            self.lines.end_of(previous.optional_vars or previous.context_expr)
        if "(" in self.text[before:self.lines.start_of(item.context_expr)]:
            raise _NeedsLibcst("a parenthesized with item")
        end = self.lines.end_of(item.optional_vars)
        after = end
        while after < len(self.text) and self.text[after] in " \t\f\\\r\n)":
            after += 1
        if "\n" in self.text[end:after] or "\r" in self.text[end:after]:
            raise _NeedsLibcst("a with item's name followed by a line break")
        return item.context_expr.lineno, item.optional_vars.end_lineno

    # -- unpacking and loop targets: ``_`` only with --unsafe-fixes ----------------------

    def for_target(self, node: ast.stmt) -> None:
        scope = self.function_scope(node)
        if scope is None:
            return
        self.rename_unused(node.target, scope, lambda: self.target_lines(node.target), loop=True)

    def target_lines(self, target: ast.AST) -> Tuple[int, int]:
        """libcst's position of an expression leaves its parentheses out (ast's
        parenthesized tuple has them)."""
        if isinstance(target, ast.Tuple) and target.elts and target.lineno != target.end_lineno \
                and self.text[self.lines.start_of(target)] == "(":
            inner = (target.elts[0].lineno, target.elts[-1].end_lineno)
            if inner != (target.lineno, target.end_lineno):
                raise _NeedsLibcst("a parenthesized loop target over several lines")
        return target.lineno, target.end_lineno

    def rename_unused(self, target: ast.AST, scope: Scope, lines: _Lines, loop: bool = False) -> None:
        if not self.context.unsafe_fixes or isinstance(target, ast.Name) and not loop:
            return
        usage = self.usage
        if usage.read_within(scope, "_") or "_" in usage.declared.get(scope, {}):
            return  # ``_`` means something here (gettext, say)
        self.renamed(target, scope, lines)

    def renamed(self, target: ast.AST, scope: Scope, lines: _Lines) -> None:
        if isinstance(target, ast.Name):
            if target.id != "_" and self.unused(scope, target.id, lines):
                self.fix(target, rules.rename_fix(target.id), safe=False)
                self.edit("rename", target)
        elif isinstance(target, ast.Starred):
            self.renamed(target.value, scope, lines)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.renamed(element, scope, lines)
