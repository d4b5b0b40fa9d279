"""The ``sql-params`` rewriter: string-built SQL becomes bound parameters.

The whole module is planned in ``visit_Module`` on the original tree (where every
metadata lookup is valid); the plan is a set of node replacements and statements to
insert, applied as the transformer leaves those nodes. Helpers:
``sql_params_text`` (how the string is built), ``sql_params_sql`` (where each value
sits in the SQL), ``sql_params_style`` (which placeholder the driver wants).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst
from libcst.metadata import (FunctionScope, ParentNodeProvider, PositionProvider, QualifiedNameProvider,
                             ScopeProvider)

from codemods.rewriters.base import Rewriter
from codemods.rewriters.sql_params_sql import Analysis, Group, tokenize
from codemods.rewriters.sql_params_style import (DRIVER_STYLES, NAMED_VARIANT, STYLES, driver_of_qualified_name,
                                                 is_named, placeholder, single_style, style_of_url, uses_percent)
from codemods.rewriters.sql_params_text import Field, NotAQuery, PieceEdit, Query, Unit, flatten_query, render_piece

_SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|PRAGMA|MERGE|TRUNCATE|UPSERT)\b", re.I)
_METHOD_SINKS = {"execute": "dbapi", "executemany": "many", "executescript": "script",
                 "exec_driver_sql": "driver", "raw": "raw"}
_STR_METHODS = {"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold", "format",
                "join", "swapcase", "zfill", "center", "ljust", "rjust"}
_ESCAPING_CALLS = {"escape_string", "escape", "escape_str", "escape_literal", "quote", "literal", "sql_escape",
                   "quote_string", "escape_sql", "sanitize", "mogrify"}
_STABLE_CALLS = {"str", "int", "float", "len", "bool"}
_EMPTY = cst.Module([])


def _code(node: cst.CSTNode) -> str:
    return _EMPTY.code_for_node(node)


def _short(node: cst.CSTNode) -> str:
    text = " ".join(_code(node).split())
    return text if len(text) <= 40 else text[:37] + "..."


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


@dataclass
class Sink:
    call: cst.Call  # the call whose argument is the query
    kind: str  # dbapi | many | script | driver | raw | text | rawsql
    query: cst.BaseExpression
    params: Optional[cst.Arg]
    #: for text(): the execute() call that runs it directly, if any.
    runner: Optional[cst.Call] = None


@dataclass
class Fragment:
    query: Query
    kind: str  # inline | assign | augassign | return
    statement: Optional[cst.SimpleStatementLine] = None
    analysis: Optional[Analysis] = None
    binds: List["Bind"] = field(default_factory=list)


@dataclass
class Bind:
    group: Group
    value: str  # Python code of the bound value
    safe: bool
    hint_name: str
    node: cst.CSTNode
    expanding: bool = False
    name: str = ""
    mark: str = ""
    fragment: Optional[Fragment] = None


@dataclass
class Problem:
    node: cst.CSTNode
    message: str
    hint: str


class SqlParamsRewriter(Rewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider, QualifiedNameProvider, ParentNodeProvider)

    # -- driving -------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> bool:
        self.module = node
        self.replacements: Dict[int, cst.CSTNode] = {}
        self.inserted: Dict[int, List[cst.BaseStatement]] = {}
        self.claimed: Set[int] = set()
        self.module_drivers = self._module_drivers(node)
        self.url_style = single_style(style_of_url(n.evaluated_value) for n in _walk(node)
                                      if isinstance(n, cst.SimpleString) and "://" in n.value
                                      and isinstance(n.evaluated_value, str))
        calls = [n for n in _walk(node) if isinstance(n, cst.Call)]
        for call in calls:
            try:
                self._consider(call)
            except NotAQuery:
                continue
        return bool(self.replacements or self.inserted)  # nothing planned: no need to walk the tree

    def on_visit(self, node: cst.CSTNode) -> bool:
        if id(node) in self.replacements if hasattr(self, "replacements") else False:
            return False
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):
        result = super().on_leave(original_node, updated_node)
        replacement = self.replacements.get(id(original_node))
        if replacement is not None:
            return replacement
        extra = self.inserted.get(id(original_node))
        if extra:
            return cst.FlattenSentinel([result, *extra])
        return result

    # -- finding sinks ---------------------------------------------------------------
    def _qualified(self, node: cst.CSTNode) -> Set[str]:
        try:
            return {q.name for q in self.get_metadata(QualifiedNameProvider, node)}
        except KeyError:
            return set()

    def _parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        try:
            return self.get_metadata(ParentNodeProvider, node)
        except KeyError:
            return None

    def _sink(self, call: cst.Call) -> Optional[Sink]:
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if isinstance(call.func, cst.Attribute) and call.func.attr.value in _METHOD_SINKS:
            kind = _METHOD_SINKS[call.func.attr.value]
            if kind == "raw" and "django" not in self.module_drivers:
                return None
            if not positional or call.args[0] is not positional[0]:
                return None
            if len(call.args) > 2 or any(a.star for a in call.args):
                return None
            params = call.args[1] if len(call.args) == 2 else None
            if params is not None and params.keyword is not None and params.keyword.value not in ("parameters", "params", "args", "seq_of_parameters"):
                return None
            if kind == "dbapi" and self._receiver_driver(call.func.value) == "sqlalchemy":
                kind = "driver"
            return Sink(call, kind, positional[0].value, params)
        names = self._qualified(call.func)
        if any(n.startswith("sqlalchemy") and n.endswith(".text") for n in names):
            if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
                return None
            runner = None
            parent = self._parent(call)
            if isinstance(parent, cst.Arg) and parent.keyword is None:
                outer = self._parent(parent)
                if isinstance(outer, cst.Call) and outer.args and outer.args[0] is parent \
                        and isinstance(outer.func, cst.Attribute) and outer.func.attr.value == "execute" \
                        and len(outer.args) <= 2 and all(not a.star and a.keyword is None for a in outer.args):
                    runner = outer
            return Sink(call, "text", call.args[0].value, None, runner)
        if any(n.startswith("django") and n.endswith(".RawSQL") for n in names):
            if len(positional) != 2 or len(call.args) != 2:
                return None
            return Sink(call, "rawsql", positional[0].value, call.args[1])
        return None

    # -- which driver ------------------------------------------------------------------
    def _module_drivers(self, module: cst.Module) -> Set[str]:
        found: Set[str] = set()
        for node in _walk(module):
            if isinstance(node, cst.Import):
                for alias in node.names:
                    driver = driver_of_qualified_name(_code(alias.name))
                    if driver:
                        found.add(driver)
            elif isinstance(node, cst.ImportFrom) and node.module is not None and not node.relative:
                driver = driver_of_qualified_name(_code(node.module))
                if driver:
                    found.add(driver)
        return found

    def _receiver_driver(self, receiver: cst.BaseExpression, depth: int = 0) -> Optional[str]:
        """The driver a connection/cursor expression comes from, when the code says so."""
        if depth > 4:
            return None
        if isinstance(receiver, cst.Call):
            for name in self._qualified(receiver.func):
                driver = driver_of_qualified_name(name)
                if driver:
                    return driver
            if isinstance(receiver.func, cst.Attribute):
                return self._receiver_driver(receiver.func.value, depth + 1)
            if receiver.args and _code(receiver.func) in ("closing", "contextlib.closing"):
                return self._receiver_driver(receiver.args[0].value, depth + 1)
            return None
        for name in self._qualified(receiver):
            driver = driver_of_qualified_name(name)
            if driver:
                return driver
        if not isinstance(receiver, cst.Name):
            return None
        try:
            scope = self.get_metadata(ScopeProvider, receiver)
        except KeyError:
            return None
        if scope is None:
            return None
        drivers = set()
        for assignment in scope[receiver.value]:
            target = getattr(assignment, "node", None)
            parent = self._parent(target) if isinstance(target, cst.CSTNode) else None
            source: Optional[cst.CSTNode] = None
            if isinstance(target, cst.Param):
                source = target.annotation.annotation if target.annotation is not None else None
            elif isinstance(parent, cst.AssignTarget):
                grand = self._parent(parent)
                source = grand.value if isinstance(grand, cst.Assign) else None
            elif isinstance(parent, cst.AsName):
                item = self._parent(parent)
                source = item.item if isinstance(item, cst.WithItem) else None
            elif isinstance(parent, (cst.AnnAssign,)):
                source = parent.value or parent.annotation.annotation
            if isinstance(source, cst.BaseExpression):
                drivers.add(self._receiver_driver(source, depth + 1))
        drivers.discard(None)
        return drivers.pop() if len(drivers) == 1 else None

    def _style(self, sink: Sink) -> Optional[str]:
        configured = self.options.get("paramstyle", "auto")
        if configured in STYLES and sink.kind != "text":
            return configured
        if sink.kind == "text":
            return "named"
        if sink.kind in ("raw", "rawsql"):
            return "format"
        receiver = sink.call.func.value if isinstance(sink.call.func, cst.Attribute) else None
        driver = self._receiver_driver(receiver) if receiver is not None else None
        if sink.kind == "driver" or driver == "sqlalchemy":
            dbapi = {d for d in self.module_drivers if d != "sqlalchemy"}
            return self.url_style or single_style(DRIVER_STYLES.get(d) for d in dbapi)
        if driver in DRIVER_STYLES:
            return DRIVER_STYLES[driver]
        return single_style(DRIVER_STYLES.get(d) for d in self.module_drivers if d != "sqlalchemy")

    # -- where the query comes from ---------------------------------------------------
    def _fragments(self, sink: Sink) -> Optional[List[Fragment]]:
        expr = sink.query
        if isinstance(expr, cst.Name):
            return self._variable_fragments(expr, sink)
        try:
            return [Fragment(flatten_query(expr), "inline")]
        except NotAQuery:
            return None

    def _variable_fragments(self, name: cst.Name, sink: Sink) -> Optional[List[Fragment]]:
        try:
            scope = self.get_metadata(ScopeProvider, name)
        except KeyError:
            return None
        if not isinstance(scope, FunctionScope) or name.value not in scope:
            return None
        accesses = list(scope.accesses[name.value])
        if len(accesses) != 1 or accesses[0].node is not name:
            self._report_shared_query(name, scope)
            return None
        assignments = sorted(scope.assignments[name.value], key=lambda a: self._start(getattr(a, "node", name)))
        fragments: List[Fragment] = []
        for assignment in assignments:
            target = getattr(assignment, "node", None)
            if not isinstance(target, cst.Name) or self._start(target) > self._start(name):
                return None
            parent = self._parent(target)
            if isinstance(parent, cst.AssignTarget):
                statement_node = self._parent(parent)
                if not isinstance(statement_node, cst.Assign) or len(statement_node.targets) != 1:
                    return None
                value, kind = statement_node.value, "assign"
            elif isinstance(parent, cst.AnnAssign) and parent.value is not None:
                statement_node, value, kind = parent, parent.value, "assign"
            elif isinstance(parent, cst.AugAssign) and isinstance(parent.operator, cst.AddAssign):
                statement_node, value, kind = parent, parent.value, "augassign"
            else:
                return None
            line = self._parent(statement_node)
            if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1 \
                    or not isinstance(self._parent(line), (cst.IndentedBlock, cst.Module)):
                return None
            try:
                query = flatten_query(value)
            except NotAQuery:
                return None
            fragments.append(Fragment(query, kind, line))
        if not fragments or fragments[0].kind != "assign":
            return None
        return fragments

    def _report_shared_query(self, name: cst.Name, scope) -> None:
        """A string-built query that other code reads too: binding would change what
        they see, so say so instead."""
        for assignment in scope.assignments[name.value]:
            key = id(assignment.node)
            parent = self._parent(assignment.node)
            statement = self._parent(parent) if isinstance(parent, cst.AssignTarget) else parent
            value = getattr(statement, "value", None)
            if key in self.claimed or not isinstance(value, cst.BaseExpression):
                continue
            try:
                query = flatten_query(value)
            except NotAQuery:
                continue
            if _SQL_WORDS.search(query.sql_text()) and any(not self._constant(f.expr) for f in query.fields):
                self.claimed.add(key)
                self.record_finding(value, f"cannot bind values of query '{name.value}': other code reads it too",
                                    "build the statement with placeholders and keep its values in a separate "
                                    "parameter list")

    def _start(self, node: cst.CSTNode) -> Tuple[int, int]:
        try:
            position = self.get_metadata(PositionProvider, node).start
        except KeyError:
            return (0, 0)
        return position.line, position.column

    def _end(self, node: cst.CSTNode) -> Tuple[int, int]:
        try:
            position = self.get_metadata(PositionProvider, node).end
        except KeyError:
            return (0, 0)
        return position.line, position.column

    # -- what the values are -----------------------------------------------------------
    def _constant(self, expr: cst.BaseExpression) -> bool:
        """A literal, or a module-level name bound once to a literal."""
        if isinstance(expr, (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)):
            return not isinstance(expr, cst.ConcatenatedString) or all(
                isinstance(n, (cst.SimpleString, cst.ConcatenatedString)) for n in (expr.left, expr.right))
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("str", "int") \
                and len(expr.args) == 1:
            return self._constant(expr.args[0].value)
        if not isinstance(expr, cst.Name):
            return False
        try:
            scope = self.get_metadata(ScopeProvider, expr)
        except KeyError:
            return False
        if scope is None or expr.value not in scope:
            return False
        assignments = list(scope[expr.value])
        if len(assignments) != 1:
            return False
        target = getattr(assignments[0], "node", None)
        if not isinstance(target, cst.Name):
            return False
        target_scope = self.get_metadata(ScopeProvider, target, None)
        if target_scope is None or type(target_scope).__name__ != "GlobalScope":
            return False
        parent = self._parent(target)
        if isinstance(parent, cst.AssignTarget):
            assign = self._parent(parent)
            return isinstance(assign, cst.Assign) and self._constant(assign.value)
        if isinstance(parent, cst.AnnAssign) and parent.value is not None:
            return self._constant(parent.value)
        return False

    def _provably_str(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            return True
        if isinstance(expr, cst.Call):
            func = expr.func
            if isinstance(func, cst.Name):
                return func.value == "str"
            if isinstance(func, cst.Attribute):
                if func.attr.value in ("format", "join"):
                    return isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString))
                return func.attr.value in _STR_METHODS and self._provably_str(func.value)
            return False
        if isinstance(expr, cst.Name):
            return self._annotated(expr) == "str"
        return False

    def _annotated(self, expr: cst.Name) -> Optional[str]:
        try:
            scope = self.get_metadata(ScopeProvider, expr)
        except KeyError:
            return None
        if scope is None or expr.value not in scope:
            return None
        found = set()
        for assignment in scope[expr.value]:
            target = getattr(assignment, "node", None)
            if isinstance(target, cst.Param) and target.annotation is not None:
                found.add(_code(target.annotation.annotation))
            else:
                return None
        return found.pop() if len(found) == 1 else None

    def _numeric(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Integer):
            return True
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("int", "len"):
            return True
        return isinstance(expr, cst.Name) and self._annotated(expr) == "int"

    def _hand_escaped(self, expr: cst.BaseExpression) -> bool:
        for node in _walk(expr):
            if not isinstance(node, cst.Call):
                continue
            func = node.func
            name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if name == "replace" and node.args and isinstance(node.args[0].value, cst.SimpleString) \
                    and "'" in str(node.args[0].value.evaluated_value):
                return True
            if name in _ESCAPING_CALLS or "escape" in name.lower():
                return True
        return False

    def _imported(self, expr: cst.BaseExpression) -> bool:
        for node in _walk(expr):
            if isinstance(node, cst.Name):
                for name in self._qualified(node):
                    if "." in name and not name.startswith(("builtins.", "<")):
                        scope = self.get_metadata(ScopeProvider, node, None)
                        if scope is not None and node.value in scope and any(
                                type(a).__name__ == "ImportAssignment" for a in scope[node.value]):
                            return True
        return False

    # -- planning ----------------------------------------------------------------------
    def _consider(self, call: cst.Call) -> None:
        if id(call) in self.claimed:
            return
        sink = self._sink(call)
        if sink is None:
            return
        helper = self._helper(sink)
        if helper is not None:
            self._consider_helper(sink, helper)
            return
        fragments = self._fragments(sink)
        if not fragments:
            return
        style = self._prepare(sink, fragments)
        if style is not None:
            self._apply(sink, fragments, style)

    def _prepare(self, sink: Sink, fragments: List[Fragment]) -> Optional[str]:
        """Analyse the fragments and plan their binds; the paramstyle to write, or None
        when nothing changes (findings recorded)."""
        call = sink.call
        variable = [f for fr in fragments for f in fr.query.fields if not self._constant(f.expr)]
        if not variable:
            return None
        if not any(_SQL_WORDS.search(fr.query.sql_text()) for fr in fragments):
            return None
        if sink.kind == "script":
            self.record_finding(call, "cannot bind parameters in executescript()",
                                "run each statement with execute() and pass the values as parameters")
            return None
        problems: List[Problem] = []
        for fragment in fragments:
            fragment.analysis = tokenize(fragment.query.elements)
            if not fragment.analysis.complete:
                problems.append(Problem(call, "cannot follow the quoting of this SQL",
                                        "build the statement with placeholders and pass the values as parameters"))
                continue
            if fragment.analysis.params and sink.kind != "text" and (sink.params is None or len(fragments) > 1):
                return None  # placeholders without parameters: not a query this codemod understands
            problems.extend(self._plan_fragment(fragment, sink))
        if problems:
            for problem in problems:
                self.record_finding(problem.node, problem.message, problem.hint)
            return None
        style = self._style(sink)
        if style is None:
            self.record_finding(call, f"cannot tell the driver's paramstyle for {_short(call.func)}",
                                'set paramstyle = "qmark" (or "format", "named", ...) in [tool.codemods.sql-params]')
            return None
        binds = [b for fr in fragments for b in fr.binds]
        unsafe = [b for b in binds if not b.safe]
        if unsafe and not self.context.unsafe_fixes:
            for bind in unsafe:
                if bind.expanding:
                    self.record_finding(bind.node, f"cannot safely bind IN list '{_short(bind.node)}'",
                                        "an expanding bind parameter sends each item as data: if the items are "
                                        "plain values, rerun with --unsafe-fixes")
                else:
                    self.record_finding(bind.node, f"cannot safely bind unquoted value '{_short(bind.node)}'",
                                        "binding sends it as data, not SQL text: if it is a plain value (not SQL "
                                        "such as NOW()), rerun with --unsafe-fixes")
            for fragment in fragments:
                fragment.binds = [b for b in fragment.binds if b.safe]
            binds = [b for b in binds if b.safe]
        if not binds:
            return None
        for fragment in fragments:
            bound_fields = {i for b in fragment.binds for i in b.group.fields}
            for index, element in enumerate(fragment.query.elements):
                if isinstance(element.item, Field) and index not in bound_fields and element.piece is not None \
                        and fragment.query.pieces[element.piece].kind == "percent":
                    if self._constant(element.item.expr):
                        self.record_finding(element.item.expr, f"cannot bind values of a % template that also "
                                            f"formats '{_short(element.item.expr)}'",
                                            "format the constant part with an f-string, then rerun")
                    return None
        return style

    # -- a query returned by a helper of this module ------------------------------------
    def _helper(self, sink: Sink) -> Optional[cst.FunctionDef]:
        call = sink.query
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Name)) or sink.kind not in ("dbapi", "driver"):
            return None
        scope = self.get_metadata(ScopeProvider, call.func, None)
        if scope is None or call.func.value not in scope:
            return None
        assignments = list(scope[call.func.value])
        if len(assignments) != 1:
            return None
        function = getattr(assignments[0], "node", None)
        if not isinstance(function, cst.FunctionDef) or not isinstance(self._parent(function), cst.Module) \
                or function.decorators or function.asynchronous is not None:
            return None
        return function

    def _consider_helper(self, sink: Sink, function: cst.FunctionDef) -> None:
        if id(function) in self.claimed:
            return
        self.claimed.add(id(function))
        body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
        statements = list(body)
        if statements and _is_docstring(statements[0]):
            statements = statements[1:]
        if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine) \
                or len(statements[0].body) != 1 or not isinstance(statements[0].body[0], cst.Return) \
                or statements[0].body[0].value is None:
            return
        returned = statements[0].body[0].value
        try:
            fragment = Fragment(flatten_query(returned), "return")
        except NotAQuery:
            return
        module_scope = self.get_metadata(ScopeProvider, function, None)
        callers: List[Sink] = []
        references = [r for a in (module_scope[function.name.value] if module_scope is not None else ())
                      for r in a.references]
        for access in references:
            call = self._parent(access.node)
            arg = self._parent(call) if isinstance(call, cst.Call) and call.func is access.node else None
            outer = self._parent(arg) if isinstance(arg, cst.Arg) else None
            sink_of_caller = self._sink(outer) if isinstance(outer, cst.Call) else None
            if sink_of_caller is None or sink_of_caller.query is not call or sink_of_caller.params is not None \
                    or sink_of_caller.kind not in ("dbapi", "driver"):
                if fragment.query.fields and any(not self._constant(f.expr) for f in fragment.query.fields):
                    self.record_finding(function, f"cannot bind values of query helper '{function.name.value}': "
                                                  "a caller does not pass its result straight to execute()",
                                        "return the SQL and its parameters separately")
                return
            callers.append(sink_of_caller)
        if not callers:
            return
        styles = {self._style(caller) for caller in callers}
        if len(styles) != 1:
            return
        style = self._prepare(callers[0], [fragment])
        if style is None:
            return
        public = not function.name.value.startswith("_")
        if public and not self.context.unsafe_fixes:
            self.record_finding(function, f"cannot safely bind values of query helper '{function.name.value}': "
                                          "other modules may call it", "rerun with --unsafe-fixes if only this module calls it")
            return
        for bind in fragment.binds:
            bind.safe = bind.safe and not public
        self._assign_marks([fragment], style, None)
        new_query = _rebuild(fragment, uses_percent(style))
        params_code = self._params_code(callers[0], fragment, fragment.binds, style, None)
        if params_code is None:
            return
        pair = cst.Tuple([cst.Element(new_query, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                          cst.Element(cst.parse_expression(params_code))], lpar=[], rpar=[])
        self.replacements[id(returned)] = pair
        for caller in callers:
            self.claimed.add(id(caller.call))
            first = caller.call.args[0]
            self.replacements[id(caller.call)] = caller.call.with_changes(args=[first.with_changes(star="*")])
        for bind in fragment.binds:
            self.record_fix(bind.node, f"bound {_short(bind.node)} as a query parameter", bind.safe)

    def _plan_fragment(self, fragment: Fragment, sink: Sink) -> List[Problem]:
        problems: List[Problem] = []
        assert fragment.analysis is not None
        elements = fragment.query.elements
        for group in fragment.analysis.groups:
            fields = [elements[i].item for i in group.fields]
            assert all(isinstance(f, Field) for f in fields)
            variable = [f for f in fields if isinstance(f, Field) and not self._constant(f.expr)]
            if not variable:
                continue
            first = variable[0]
            assert isinstance(first, Field)
            shown = _short(first.expr)
            for f in variable:
                assert isinstance(f, Field)
                if self._hand_escaped(f.expr):
                    problems.append(Problem(f.expr, f"cannot bind hand-escaped value '{_short(f.expr)}'",
                                            "pass the unescaped value as a parameter: the driver quotes it"))
                elif f.how == "unsupported":
                    problems.append(Problem(f.expr, f"cannot bind formatted value '{_short(f.expr)}' ({f.detail})",
                                            "format the value in Python first, then pass it as a parameter"))
            if problems:
                continue
            kind = group.kind
            if kind == "quoted" and len(group.content) == 1 and _quoted_join(first.expr) and group.parens:
                kind = "in_list"
                group = Group("in_list", group.parens[0], group.parens[1], group.fields)
            if kind == "identifier":
                problems.append(Problem(first.expr, f"cannot bind identifier '{shown}'", _identifier_hint(sink)))
            elif kind == "direction":
                problems.append(Problem(first.expr, f"cannot bind ORDER BY direction '{shown}'",
                                        f'map it through an allowlist: {{"asc": "ASC", "desc": "DESC"}}[{shown}]'))
            elif kind == "statement":
                words = fragment.query.sql_text().split()
                problems.append(Problem(first.expr, f"cannot bind '{shown}' in a {words[0].upper()} statement",
                                        "this statement takes no parameters: check the value against an allowlist"))
            elif kind in ("fragment", "comment"):
                if self._imported(first.expr):
                    problems.append(Problem(first.expr, f"cannot bind SQL fragment '{shown}' built in another module",
                                            "build the fragment where it is executed, from bound values, or pass a "
                                            "composed statement (sqlalchemy expressions, psycopg.sql.Composed)"))
                else:
                    problems.append(Problem(first.expr, f"cannot bind SQL fragment '{shown}'",
                                            "build the statement from constant SQL with placeholders, and bind only values"))
            elif kind == "in_list":
                sequence = _in_list_sequence(first.expr)
                if sink.kind != "text" or sequence is None:
                    problems.append(Problem(first.expr, f"cannot bind variable-length IN list '{shown}'",
                                            "write one placeholder per item (\", \".join([\"?\"] * len(items))) and "
                                            "pass the items as parameters, or use sqlalchemy bindparam(expanding=True)"))
                else:
                    fragment.binds.append(Bind(group, f"list({_code(sequence)})", False, _hint_name(sequence),
                                               first.expr, expanding=True, fragment=fragment))
            elif kind == "quoted":
                fragment.binds.append(self._quoted_bind(group, fragment))
            elif kind == "value":
                fragment.binds.append(self._value_bind(group, fragment, first))
        return problems

    def _quoted_bind(self, group: Group, fragment: Fragment) -> Bind:
        elements = fragment.query.elements
        content = group.content
        if len(content) == 1 and isinstance(content[0], int):
            f = elements[content[0]].item
            assert isinstance(f, Field)
            if f.how == "operand" or self._provably_str(f.expr):
                value = _code(f.expr)
            else:
                value = f"str({_code(f.expr)})"
            return Bind(group, value, f.how != "int", _hint_name(f.expr), f.expr, fragment=fragment)
        value = _mixed_value(content, elements, self._provably_str)
        node = next(elements[c].item.expr for c in content if isinstance(c, int))  # type: ignore[union-attr]
        names = [elements[c].item.expr for c in content if isinstance(c, int)]  # type: ignore[union-attr]
        return Bind(group, value, True, _hint_name(names[0]) if len(names) == 1 else "pattern", node, fragment=fragment)

    def _value_bind(self, group: Group, fragment: Fragment, f: Field) -> Bind:
        expr = f.expr
        if f.how in ("operand", "str") and isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) \
                and expr.func.value == "str" and len(expr.args) == 1 and not expr.args[0].keyword:
            expr = expr.args[0].value
        if f.how == "int":
            safe = True
            value = _code(expr) if self._numeric(expr) else f"int({_code(expr)})"
        else:
            safe = self._numeric(expr)
            value = _code(expr)
        return Bind(group, value, safe, _hint_name(expr), f.expr, fragment=fragment)

    # -- writing -----------------------------------------------------------------------
    def _apply(self, sink: Sink, fragments: List[Fragment], style: str) -> None:
        existing = _existing_params(sink)
        if existing is not None and existing[0] == "dict" or any(
                p.value.startswith((":", "%(")) for fr in fragments for p in (fr.analysis.params if fr.analysis else [])):
            style = NAMED_VARIANT[style]
        taken = {p.value.strip(":%()s") for fr in fragments for p in (fr.analysis.params if fr.analysis else [])}
        if existing is not None and existing[0] == "dict":
            taken.update(existing[1].keys())  # type: ignore[union-attr]
        self._assign_marks(fragments, style, taken)
        percent = uses_percent(style) and sink.params is None
        rebuilt: Dict[int, cst.BaseExpression] = {}
        for index, fragment in enumerate(fragments):
            rebuilt[index] = _rebuild(fragment, percent)
        binds = [b for fr in fragments for b in fr.binds]
        if len(fragments) == 1 and fragments[0].kind == "inline":
            self._attach(sink, rebuilt[0], fragments[0], binds, style, existing)
            return
        statement_fragment = fragments[0]
        if len(fragments) == 1 and self._stable(binds, statement_fragment, sink):
            self._replace_value(statement_fragment, rebuilt[0])
            self._attach(sink, None, statement_fragment, binds, style, existing)
            return
        if existing is not None or sink.kind in ("many", "rawsql"):
            self.record_finding(sink.call, "cannot merge the values of a query built over several statements "
                                           "with the parameters already passed",
                                "collect all values in one parameter list next to the query")
            return
        params_name = self._fresh_name(sink.query, "params")
        for index, fragment in enumerate(fragments):
            self._replace_value(fragment, rebuilt[index])
            lines = _param_statements(fragment, params_name, style)
            if lines:
                assert fragment.statement is not None
                self.inserted[id(fragment.statement)] = [cst.parse_statement(line) for line in lines]
        self._attach_name(sink, params_name, style)
        for bind in binds:
            self.record_fix(bind.node, f"bound {_short(bind.node)} as a query parameter", bind.safe)

    def _assign_marks(self, fragments: List[Fragment], style: str, taken: Optional[Set[str]]) -> None:
        """Give every bind its placeholder (and name, for named styles)."""
        taken = set(taken or ())
        by_value: Dict[str, str] = {}
        position = 0
        for fragment in fragments:
            order = sorted([("b", b.group.start, b) for b in fragment.binds] +
                           [("p", p.start, p) for p in (fragment.analysis.params if fragment.analysis else [])],
                           key=lambda item: item[1])
            for what, _, item in order:
                position += 1
                if what != "b":
                    continue
                bind = item
                assert isinstance(bind, Bind)
                if is_named(style):
                    if bind.value in by_value:
                        bind.name = by_value[bind.value]
                    else:
                        bind.name = _unique(bind.hint_name, taken)
                        taken.add(bind.name)
                        by_value[bind.value] = bind.name
                bind.mark = placeholder(style, bind.name, position)

    def _replace_value(self, fragment: Fragment, new: cst.BaseExpression) -> None:
        self.replacements[id(fragment.query.expr)] = new

    def _stable(self, binds: Sequence[Bind], fragment: Fragment, sink: Sink) -> bool:
        """True when every bound value means the same at the execute call as where the
        query was built (so the values can move there)."""
        assert fragment.statement is not None
        start, end = self._end(fragment.statement), self._start(sink.call)
        for bind in binds:
            for node in _walk(bind.node):
                if isinstance(node, (cst.Await, cst.Yield, cst.Lambda, cst.NamedExpr)):
                    return False
                if isinstance(node, cst.Call) and not (isinstance(node.func, cst.Name) and node.func.value in _STABLE_CALLS):
                    return False
                if isinstance(node, cst.Name):
                    scope = self.get_metadata(ScopeProvider, node, None)
                    if scope is None or node.value not in scope:
                        continue
                    for assignment in scope[node.value]:
                        target = getattr(assignment, "node", None)
                        if isinstance(target, cst.CSTNode) and start <= self._start(target) <= end:
                            return False
        return True

    def _fresh_name(self, near: cst.CSTNode, base: str) -> str:
        scope = self.get_metadata(ScopeProvider, near, None)
        candidates = [base, "query_params", "sql_params"] + [f"{base}_{i}" for i in range(2, 50)]
        for candidate in candidates:
            if scope is None or (candidate not in scope and not scope.accesses[candidate]):
                return candidate
        return base + "_x"

    def _attach(self, sink: Sink, query: Optional[cst.BaseExpression], fragment: Fragment, binds: List[Bind],
                style: str, existing) -> None:
        call = sink.call
        query_arg = call.args[0]
        new_query_arg = query_arg.with_changes(value=query) if query is not None else query_arg
        messages = [(b.node, f"bound {_short(b.node)} as a query parameter", b.safe) for b in binds]
        if sink.kind == "text":
            self._attach_text(sink, new_query_arg, binds)
        else:
            params_code = self._params_code(sink, fragment, binds, style, existing)
            if params_code is None:
                self.record_finding(call, "cannot merge the bound values with the parameters already passed",
                                    "pass the parameters as a literal tuple, list or dict, then rerun")
                return
            params = cst.parse_expression(params_code)
            if sink.params is None:
                args = [new_query_arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                        cst.Arg(params, comma=query_arg.comma if isinstance(query_arg.comma, cst.Comma) else cst.MaybeSentinel.DEFAULT)]
                if isinstance(query_arg.comma, cst.Comma) and query_arg.comma.whitespace_after.__class__ is cst.ParenthesizedWhitespace:
                    args[1] = cst.Arg(params, comma=cst.Comma())
            else:
                args = [new_query_arg, sink.params.with_changes(value=params)]
            self.replacements[id(call)] = call.with_changes(args=args)
        for node, message, safe in messages:
            self.record_fix(node, message, safe)

    def _params_code(self, sink: Sink, fragment: Fragment, binds: List[Bind], style: str, existing) -> Optional[str]:
        assert fragment.analysis is not None
        order = sorted([("b", b.group.start, b) for b in binds] + [("p", p.start, p) for p in fragment.analysis.params],
                       key=lambda item: item[1])
        if is_named(style):
            entries: List[str] = []
            seen: Set[str] = set()
            for b in binds:
                if b.name not in seen:
                    seen.add(b.name)
                    entries.append(f'"{b.name}": {b.value}')
            if existing is None:
                return "{" + ", ".join(entries) + "}"
            kind, payload = existing
            if sink.kind == "many":
                row = self._row_name(binds)
                return f"[{{**{row}, {', '.join(entries)}}} for {row} in {payload}]"
            if kind == "dict":
                return "{" + ", ".join([f"{_dict_key(k)}: {v}" for k, v in payload.items()] + entries) + "}" \
                    if isinstance(payload, dict) and all(isinstance(k, str) for k in payload) else None
            if kind == "name":
                return "{**" + payload + ", " + ", ".join(entries) + "}"
            return None
        if existing is None:
            items = [b.value for b in binds]
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")" \
                if sink.kind not in ("raw",) else "[" + ", ".join(items) + "]"
        kind, payload = existing
        if sink.kind == "many":
            row = self._row_name(binds)
            parts, taken_rows = [], 0
            total = sum(1 for what, _, _ in order if what == "p")
            run_start = None
            for what, _, item in order:
                if what == "p":
                    if run_start is None:
                        run_start = taken_rows
                    taken_rows += 1
                    continue
                if run_start is not None:
                    parts.append(_row_slice(row, run_start, taken_rows, total))
                    run_start = None
                parts.append(item.value)  # type: ignore[union-attr]
            if run_start is not None:
                parts.append(_row_slice(row, run_start, taken_rows, total))
            return f"[({', '.join(parts)}{',' if len(parts) == 1 else ''}) for {row} in {payload}]"
        if kind in ("tuple", "list"):
            values = list(payload)
            if len(values) != len(fragment.analysis.params):
                return None
            merged, cursor = [], 0
            for what, _, item in order:
                if what == "p":
                    merged.append(values[cursor])
                    cursor += 1
                else:
                    merged.append(item.value)  # type: ignore[union-attr]
            if kind == "list":
                return "[" + ", ".join(merged) + "]"
            return "(" + ", ".join(merged) + ("," if len(merged) == 1 else "") + ")"
        if kind == "name":
            if order and all(what == "p" for what, _, _ in order[:len(fragment.analysis.params)]):
                return "(*" + payload + ", " + ", ".join(b.value for b in binds) + ")"
        return None

    def _row_name(self, binds: Sequence[Bind]) -> str:
        used = " ".join(b.value for b in binds)
        for candidate in ("row", "params_row", "row_"):
            if not re.search(rf"\b{candidate}\b", used):
                return candidate
        return "row__"

    def _attach_text(self, sink: Sink, query_arg: cst.Arg, binds: List[Bind]) -> None:
        text_call = sink.call.with_changes(args=[query_arg])
        expanding = [b for b in binds if b.expanding]
        bindparam = self._bindparam_reference(sink.call) if expanding else ""
        entries, seen = [], set()
        for b in binds:
            if b.name not in seen:
                seen.add(b.name)
                entries.append((b.name, b.value))
        runner = sink.runner
        if runner is not None:
            existing = runner.args[1].value if len(runner.args) == 2 else None
            if expanding:
                text_call = _with_bindparams(text_call, [f'{bindparam}("{b.name}", expanding=True)' for b in expanding])
            pairs = ", ".join(f'"{k}": {v}' for k, v in entries)
            if existing is None:
                params = cst.parse_expression("{" + pairs + "}")
            elif isinstance(existing, cst.Dict):
                params = cst.parse_expression("{" + ", ".join([_code(e) for e in existing.elements] + [pairs]) + "}")
            else:
                params = cst.parse_expression("{**" + _code(existing) + ", " + pairs + "}")
            first = runner.args[0].with_changes(value=text_call)
            if existing is None:
                args = [first.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(params)]
            else:
                args = [first, runner.args[1].with_changes(value=params)]
            self.replacements[id(runner)] = runner.with_changes(args=args)
            self.claimed.add(id(runner))
            return
        arguments = [f'{bindparam}("{b.name}", {b.value}, expanding=True)' for b in expanding]
        arguments += [f"{k}={v}" for k, v in entries if k not in {b.name for b in expanding}]
        self.replacements[id(sink.call)] = _with_bindparams(text_call, arguments)

    def _bindparam_reference(self, text_call: cst.Call) -> str:
        func = text_call.func
        if isinstance(func, cst.Attribute):
            return _code(func.value) + ".bindparam"
        if self._imports_bindparam():
            return "bindparam"
        for node in _walk(self.module):
            if isinstance(node, cst.ImportFrom) and node.module is not None and _code(node.module).startswith("sqlalchemy") \
                    and not isinstance(node.names, cst.ImportStar) \
                    and any(isinstance(a.name, cst.Name) and a.name.value == "text" and a.asname is None for a in node.names):
                if id(node) not in self.replacements:
                    names = list(node.names)
                    last = names[-1]
                    names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                    names.append(cst.ImportAlias(cst.Name("bindparam"), comma=last.comma))
                    self.replacements[id(node)] = node.with_changes(names=names)
                return "bindparam"
        raise NotAQuery("no import to extend with bindparam")

    def _imports_bindparam(self) -> bool:
        for node in _walk(self.module):
            if isinstance(node, cst.ImportFrom) and node.module is not None and _code(node.module).startswith("sqlalchemy") \
                    and not isinstance(node.names, cst.ImportStar) \
                    and any(isinstance(a.name, cst.Name) and a.name.value == "bindparam" and a.asname is None for a in node.names):
                return True
        return False

    def _attach_name(self, sink: Sink, params_name: str, style: str) -> None:
        call = sink.call
        if sink.kind == "text":
            runner = sink.runner
            if runner is not None and len(runner.args) == 1:
                first = runner.args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                self.replacements[id(runner)] = runner.with_changes(args=[first, cst.Arg(cst.Name(params_name))])
                self.claimed.add(id(runner))
            else:
                self.replacements[id(call)] = _with_bindparams(call, [f"**{params_name}"])
            return
        first = call.args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        self.replacements[id(call)] = call.with_changes(args=[first, cst.Arg(cst.Name(params_name))])


# -- free helpers ------------------------------------------------------------------------

def _dict_key(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _row_slice(row: str, start: int, end: int, total: int) -> str:
    if end == total:
        return f"*{row}" if start == 0 else f"*{row}[{start}:]"
    return f"*{row}[{start}:{end}]" if start else f"*{row}[:{end}]"


def _is_docstring(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
        and isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, cst.SimpleString)


def _identifier_hint(sink: Sink) -> str:
    if sink.kind == "text":
        return "check it against an allowlist of known names, or build the statement with sqlalchemy Table/column objects"
    return "check it against an allowlist of known names (or quote it with psycopg.sql.Identifier)"


def _quoted_join(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "join" \
        and isinstance(expr.func.value, cst.SimpleString) and "'" in str(expr.func.value.evaluated_value)


def _in_list_sequence(expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """``ids`` from ``", ".join(str(i) for i in ids)``, ``",".join(map(str, ids))``, ``",".join(ids)``."""
    if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "join"
            and isinstance(expr.func.value, cst.SimpleString) and len(expr.args) == 1):
        return None
    separator = str(expr.func.value.evaluated_value).replace("'", "").strip()
    if separator != ",":
        return None
    inner = expr.args[0].value
    if isinstance(inner, (cst.GeneratorExp, cst.ListComp)) and inner.for_in.inner_for_in is None \
            and not inner.for_in.ifs and isinstance(inner.for_in.target, cst.Name):
        element, target = inner.elt, inner.for_in.target.value
        if isinstance(element, cst.Name) and element.value == target:
            return inner.for_in.iter
        if isinstance(element, cst.Call) and isinstance(element.func, cst.Name) and element.func.value == "str" \
                and len(element.args) == 1 and isinstance(element.args[0].value, cst.Name) \
                and element.args[0].value.value == target:
            return inner.for_in.iter
        return None
    if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) and inner.func.value == "map" \
            and len(inner.args) == 2 and _code(inner.args[0].value) == "str":
        return inner.args[1].value
    if isinstance(inner, (cst.Name, cst.Attribute)):
        return inner
    return None


def _hint_name(expr: cst.BaseExpression) -> str:
    node = expr
    while True:
        if isinstance(node, cst.Call) and len(node.args) == 1 and isinstance(node.func, cst.Name):
            node = node.args[0].value
        elif isinstance(node, cst.Subscript) and len(node.slice) == 1 \
                and isinstance(node.slice[0].slice, cst.Index) and isinstance(node.slice[0].slice.value, cst.SimpleString):
            value = str(node.slice[0].slice.value.evaluated_value)
            return value if value.isidentifier() else "value"
        else:
            break
    if isinstance(node, cst.Name):
        return node.value.lstrip("_") or "value"
    if isinstance(node, cst.Attribute):
        return node.attr.value.lstrip("_") or "value"
    return "value"


def _unique(base: str, taken: Set[str]) -> str:
    if base not in taken:
        return base
    index = 2
    while f"{base}_{index}" in taken:
        index += 1
    return f"{base}_{index}"


def _existing_params(sink: Sink):
    if sink.params is None or sink.kind == "text":
        return None
    value = sink.params.value
    if isinstance(value, (cst.Tuple, cst.List)) and all(isinstance(e, cst.Element) for e in value.elements):
        return ("tuple" if isinstance(value, cst.Tuple) else "list", [_code(e.value) for e in value.elements])
    if isinstance(value, cst.Dict) and all(isinstance(e, cst.DictElement) for e in value.elements):
        pairs = {}
        for element in value.elements:
            assert isinstance(element, cst.DictElement)
            key = element.key
            if not isinstance(key, cst.SimpleString):
                return ("other", _code(value))
            pairs[str(key.evaluated_value)] = _code(element.value)
        return ("dict", pairs)
    return ("name", _code(value))


def _mixed_value(content: Sequence[Union[str, int]], elements, provably_str) -> str:
    """A Python expression for the text of a quoted SQL string that mixes literal text
    and values: an f-string when it can spell it, else a concatenation."""
    parts: List[Union[str, Field]] = []
    for item in content:
        if isinstance(item, int):
            parts.append(elements[item].item)
        elif parts and isinstance(parts[-1], str):
            parts[-1] += item
        else:
            parts.append(item)
    texts = "".join(p for p in parts if isinstance(p, str))
    quote = "'" if '"' in texts and "'" not in texts else '"'
    codes = [_code(p.expr) for p in parts if isinstance(p, Field)]
    if all(quote not in c and "\\" not in c and "\n" not in c and "#" not in c and not c.startswith("{") and "!" not in c
           for c in codes):
        body = ""
        for part in parts:
            if isinstance(part, Field):
                body += "{" + _code(part.expr) + "}"
            else:
                spelled = repr(part)
                inner = spelled[1:-1]
                if spelled[0] != quote:
                    inner = inner.replace("\\" + spelled[0], spelled[0]).replace(quote, "\\" + quote)
                body += inner.replace("{", "{{").replace("}", "}}")
        return "f" + quote + body + quote
    pieces = []
    for part in parts:
        if isinstance(part, Field):
            code = _code(part.expr)
            pieces.append(code if part.how == "operand" or provably_str(part.expr) else f"str({code})")
        else:
            pieces.append(repr(part))
    return " + ".join(pieces)


def _with_bindparams(text_call: cst.Call, arguments: Sequence[str]) -> cst.Call:
    code = _code(text_call) + ".bindparams(" + ", ".join(arguments) + ")"
    parsed = cst.parse_expression(code)
    assert isinstance(parsed, cst.Call)
    return parsed.with_changes(func=parsed.func.with_changes(value=text_call))  # type: ignore[union-attr]


def _param_statements(fragment: Fragment, params_name: str, style: str) -> List[str]:
    binds = fragment.binds
    if fragment.kind == "assign":
        if is_named(style):
            return [f"{params_name} = {{" + ", ".join(f'"{b.name}": {b.value}' for b in _distinct(binds)) + "}"]
        return [f"{params_name} = [" + ", ".join(b.value for b in binds) + "]"]
    if not binds:
        return []
    if is_named(style):
        return [f'{params_name}["{b.name}"] = {b.value}' for b in _distinct(binds)]
    if len(binds) == 1:
        return [f"{params_name}.append({binds[0].value})"]
    return [f"{params_name}.extend([" + ", ".join(b.value for b in binds) + "])"]


def _distinct(binds: Sequence[Bind]) -> List[Bind]:
    seen, out = set(), []
    for b in binds:
        if b.name not in seen:
            seen.add(b.name)
            out.append(b)
    return out


def _rebuild(fragment: Fragment, percent: bool) -> cst.BaseExpression:
    """The fragment's expression with every bound group replaced by its placeholder."""
    query = fragment.query
    edits: Dict[int, PieceEdit] = {i: PieceEdit() for i in range(len(query.pieces))}
    removed_operands: Set[int] = set()
    elements = query.elements
    for bind in fragment.binds:
        group = bind.group
        for index in range(group.start, group.end + 1):
            element = elements[index]
            if element.piece is None:
                removed_operands.add(id(element.item.expr))  # type: ignore[union-attr]
            else:
                edits[element.piece].dropped.add(element.slot)
        anchor = elements[group.start]
        if anchor.piece is not None:
            _insert(edits[anchor.piece], anchor.slot, bind.mark)
            continue
        before = [e for e in elements[:group.start] if e.piece is not None]
        after = [e for e in elements[group.end + 1:] if e.piece is not None]
        if before:
            _insert(edits[before[-1].piece], before[-1].slot + 1, bind.mark)  # type: ignore[index]
        else:
            _insert(edits[after[0].piece], after[0].slot, bind.mark, front=True)  # type: ignore[index]
    rendered = {id(p.node): render_piece(p, edits[i], percent) for i, p in enumerate(query.pieces)}
    return _rebuild_node(query.expr, query, rendered, removed_operands, edits)  # type: ignore[return-value]


def _insert(edit: PieceEdit, slot: int, text: str, front: bool = False) -> None:
    current = edit.inserted.get(slot, "")
    edit.inserted[slot] = text + current if front else current + text


_REMOVED = object()


def _rebuild_node(node, query: Query, rendered, removed: Set[int], edits):
    if id(node) in removed:
        return _REMOVED
    if id(node) in rendered:
        return rendered[id(node)]
    if isinstance(node, cst.ConcatenatedString):
        left = _rebuild_node(node.left, query, rendered, removed, edits)
        right = _rebuild_node(node.right, query, rendered, removed, edits)
        if _is_empty(right):
            return _with_parens(left, node)
        if _is_empty(left):
            return _with_parens(right, node)
        return node.with_changes(left=left, right=right)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left = _rebuild_node(node.left, query, rendered, removed, edits)
        right = _rebuild_node(node.right, query, rendered, removed, edits)
        if left is _REMOVED or _is_empty(left) and right is not _REMOVED:
            return _REMOVED if right is _REMOVED else _with_parens(right, node)
        if right is _REMOVED or _is_empty(right):
            return _with_parens(left, node)
        separator = _code(node.operator)
        if "\n" not in separator and "#" not in separator:
            merged = _join(left, right)
            if merged is not None:
                return _with_parens(merged, node)
            if isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Add) and not left.lpar:
                merged = _join(left.right, right)
                if merged is not None:
                    return _with_parens(left.with_changes(right=merged), node)
        return node.with_changes(left=left, right=right)
    if id(node) not in query.templates:
        return node  # a value left in place
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        template = _rebuild_node(node.left, query, rendered, removed, edits)
        return _with_parens(template, node)
    if isinstance(node, cst.Call):  # "...".format(...)
        assert isinstance(node.func, cst.Attribute)
        template = _rebuild_node(node.func.value, query, rendered, removed, edits)
        kept: List[Field] = []
        for index, piece in enumerate(query.pieces):
            if _inside(piece.node, node.func.value):
                kept.extend(s for i, s in enumerate(piece.slots) if isinstance(s, Field) and i not in edits[index].dropped)
        if not kept:
            return _with_parens(template, node)
        args = [cst.Arg(f.expr, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for f in kept]
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return node.with_changes(func=node.func.with_changes(value=template), args=args)
    return node


def _inside(piece_node: cst.CSTNode, container: cst.CSTNode) -> bool:
    return any(n is piece_node for n in _walk(container))


def _is_empty(node) -> bool:
    return isinstance(node, cst.SimpleString) and not node.lpar and node.value[len(node.prefix):] in ('""', "''", '""""""', "''''''")


def _join(left, right) -> Optional[cst.BaseExpression]:
    """``left`` and ``right`` as one literal expression, merging the two strings that
    meet (the last of ``left`` and the first of ``right``), or None."""
    left_strings, left_spaces = _concat_parts(left)
    right_strings, right_spaces = _concat_parts(right)
    merged = _merge(left_strings[-1], right_strings[0])
    if merged is None:
        return None
    strings = left_strings[:-1] + [merged] + right_strings[1:]
    spaces = left_spaces + right_spaces
    node = strings[-1]
    for string, space in zip(reversed(strings[:-1]), reversed(spaces)):
        node = cst.ConcatenatedString(left=string, right=node, whitespace_between=space)
    return node


def _concat_parts(node):
    if isinstance(node, cst.ConcatenatedString) and not node.lpar:
        left_strings, left_spaces = _concat_parts(node.left)
        right_strings, right_spaces = _concat_parts(node.right)
        return left_strings + right_strings, left_spaces + [node.whitespace_between] + right_spaces
    return [node], []


def _merge(left, right) -> Optional[cst.SimpleString]:
    if not (isinstance(left, cst.SimpleString) and isinstance(right, cst.SimpleString)):
        return None
    if left.lpar or right.lpar or left.prefix.lower() != right.prefix.lower() or left.quote != right.quote:
        return None
    body_left = left.value[len(left.prefix) + len(left.quote):-len(left.quote)]
    body_right = right.value[len(right.prefix) + len(right.quote):-len(right.quote)]
    return cst.SimpleString(left.prefix + left.quote + body_left + body_right + left.quote)


def _with_parens(result, original):
    if result is _REMOVED or not original.lpar:
        return result
    return result.with_changes(lpar=list(original.lpar) + list(result.lpar), rpar=list(result.rpar) + list(original.rpar))
