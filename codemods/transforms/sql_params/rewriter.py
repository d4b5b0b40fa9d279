"""The ``sql-params`` rewriter: string-built SQL becomes bound parameters.

The whole module is planned in ``visit_Module`` on the original tree (where every
metadata lookup is valid); the plan is a set of node replacements and statements to
insert, applied as the transformer leaves those nodes. This module finds sinks and
the fragments of their query, decides each value's bind and the paramstyle.
Helpers: ``text`` (how the string is built), ``sql`` (where
each value sits in the SQL), ``style`` (which placeholder the driver
wants), ``facts`` (metadata questions about names and values),
``render`` (the plan and how it is written back), ``attach``
(where the parameters go).
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Set

import libcst as cst
from libcst.metadata import FunctionScope, PositionProvider, ScopeProvider

from codemods.cst.wrapping import LineFitter
from codemods.transforms.sql_params.attach import ParamsPlacement
from codemods.transforms.sql_params.numbering import RUNTIME, number_at_runtime, runtime_mark
from codemods.transforms.sql_params.render import (Bind, Fragment, Problem, Sink, _code, _mixed_value, _param_statements,
                                                  _rebuild, _short, _walk)
from codemods.transforms.sql_params.project import ConnectionEvidence, absolute_module, single_driver
from codemods.transforms.sql_params.sql import Group, tokenize
from codemods.transforms.sql_params.style import (DRIVER_STYLES, EXACT_FLOAT_DRIVERS, NAMED_VARIANT, STYLES,
                                                 driver_of_url, is_named, placeholder, single_style, style_of_url,
                                                 uses_percent)
from codemods.transforms.sql_params.text import Field, NotAQuery, flatten_query, text_code

_SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|PRAGMA|MERGE|TRUNCATE|UPSERT)\b", re.I)
_METHOD_SINKS = {"execute": "dbapi", "executemany": "many", "executescript": "script",
                 "exec_driver_sql": "driver", "raw": "raw"}
_STABLE_CALLS = {"str", "int", "float", "len", "bool"}


class SqlParamsRewriter(ParamsPlacement):
    # -- driving -------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> bool:
        self.module = node
        self.fitter: Optional[LineFitter] = None
        self.replacements = {}
        self.inserted = {}
        self.comments_above: Dict[int, List[str]] = {}
        self.claimed = set()
        self.needed_imports = []
        # the evidence of the driver comes from the file as the run found it: an import
        # or URL that another codemod of the run removed (an unread ``import sqlite3``)
        # still tells which placeholder the driver wants
        evidence = self.context.original_module or node
        self.module_drivers = self._module_drivers(evidence)
        self.url_style = single_style(style_of_url(n.evaluated_value) for n in _walk(evidence)
                                      if isinstance(n, cst.SimpleString) and "://" in n.value
                                      and isinstance(n.evaluated_value, str))
        self.url_driver = single_style(driver_of_url(n.evaluated_value) for n in _walk(node)
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
        moved = self.comments_above.get(id(original_node))
        if moved and isinstance(result, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            result = result.with_changes(leading_lines=[*result.leading_lines,
                                                        *(cst.EmptyLine(comment=cst.Comment(c)) for c in moved)])
        if isinstance(result, cst.SimpleStatementLine) and result is not original_node:
            result = self._fit(original_node, result)
        extra = self.inserted.get(id(original_node))
        if extra:
            return cst.FlattenSentinel([result, *extra])
        return result

    def _fit(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        """The statement's rewritten calls wrapped to the project's line length when the
        rewrite made a line too long (codemods.cst.wrapping)."""
        changed = [node for node in self.replacements.values() if isinstance(node, cst.CSTNode)]
        if not changed:
            return updated
        fitter = self.fitter
        if fitter is None:
            fitter = self.fitter = LineFitter(self.module, self.context.style)
        try:
            start = self.get_metadata(PositionProvider, original).start
        except KeyError:
            return updated
        return fitter.fit_statement_calls(original, updated, start.line, start.column, changed)

    # -- finding sinks ---------------------------------------------------------------
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
            local = self.url_style or single_style(DRIVER_STYLES.get(d) for d in dbapi)
        elif driver in DRIVER_STYLES:
            return DRIVER_STYLES[driver]
        else:
            local = single_style(DRIVER_STYLES.get(d) for d in self.module_drivers if d != "sqlalchemy")
        if local is None and receiver is not None:
            traced = self._traced_driver(receiver)
            return DRIVER_STYLES.get(traced[0]) if traced is not None else None
        return local

    # -- which driver: the project's evidence -------------------------------------------
    def _traced_driver(self, receiver: cst.BaseExpression):
        """(driver, where) when the connection comes from an imported function or
        object of a project module that connects with one driver only."""
        evidence = self.context.project
        if not isinstance(evidence, ConnectionEvidence):
            return None
        drivers = set()
        for origin in self._receiver_origins(receiver):
            parts = self._absolute(origin).split(".")
            for cut in range(len(parts), 0, -1):  # the longest prefix that is a project module
                module = ".".join(parts[:cut])
                if evidence.knows(module):
                    drivers.add(self._one_driver(evidence.in_module(module, parts[cut] if cut < len(parts) else None)))
                    break
        return drivers.pop() if len(drivers) == 1 and None not in drivers else None

    @staticmethod
    def _one_driver(connections):
        driver = single_driver(connections)
        return (driver, connections[0].where()) if driver is not None else None

    def _absolute(self, qualified: str) -> str:
        if not qualified.startswith("."):
            return qualified
        level = len(qualified) - len(qualified.lstrip("."))
        rest = qualified[level:]
        base = absolute_module(self.context.module_name, self.context.is_package_init, level, None)
        return f"{base}.{rest}" if base else rest

    def _project_driver(self):
        """(driver, where) when every connection the project makes uses one driver."""
        evidence = self.context.project
        if not isinstance(evidence, ConnectionEvidence) or not evidence.connections:
            return None
        driver = single_driver(evidence.connections)
        return (driver, evidence.connections[0].where()) if driver in DRIVER_STYLES else None

    def _exact_floats(self, sink: Sink) -> bool:
        """Whether the statement's driver gives a bound float the meaning of its
        ``repr()`` spliced into the SQL text."""
        receiver = sink.call.func.value if isinstance(sink.call.func, cst.Attribute) else None
        driver = self._receiver_driver(receiver) if receiver is not None and sink.kind != "text" else None
        if driver is not None and driver != "sqlalchemy":
            return driver in EXACT_FLOAT_DRIVERS
        if sink.kind in ("text", "driver") or driver == "sqlalchemy":
            return self.url_driver in EXACT_FLOAT_DRIVERS
        dbapi = {d for d in self.module_drivers if d != "sqlalchemy"}
        return len(dbapi) == 1 and dbapi <= EXACT_FLOAT_DRIVERS

    # -- where the query comes from ---------------------------------------------------
    def _fragments(self, sink: Sink) -> Optional[List[Fragment]]:
        expr = sink.query
        if isinstance(expr, cst.Name):
            return self._variable_fragments(expr, sink)
        lead = _leading_operand(expr)
        if isinstance(lead, cst.Name):  # query + " ORDER BY id": the variable, then the rest at the call
            built = self._variable_fragments(lead, sink)
            if built is None:
                return None
            try:
                return built + [Fragment(flatten_query(expr, skip=lead), "tail")]
            except NotAQuery:
                return None
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

    # -- what the values are -----------------------------------------------------------
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
        for problem in problems:
            self.record_finding(problem.node, problem.message, problem.hint)
        if any(p.blocking for p in problems):
            return None
        if any(fr.binds for fr in fragments) and (sink.params is not None or len(fragments) > 1) and any(
                self._written_placeholders(f.expr) for fr in fragments for f in fr.query.fields):
            self.record_finding(call, "cannot merge the bound values with parameters that fill placeholders "
                                      "joined at run time", "pass every value of the statement as a parameter")
            return None
        style = self._style(sink)
        guessed = None
        if style is None:
            guessed = self._project_driver()
            if guessed is None:
                self.record_finding(call, f"cannot tell the driver's paramstyle for {_short(call.func)}",
                                    'set paramstyle = "qmark" (or "format", "named", ...) in [tool.codemods.sql-params]')
                return None
            if not self.context.unsafe_fixes:
                self.record_finding(call, f"cannot tell the driver's paramstyle for {_short(call.func)}: every "
                                          f"connection the project makes uses {guessed[0]} ({guessed[1]}), but "
                                          "this one's origin is not visible",
                                    f'rerun with --unsafe-fixes to use {guessed[0]}\'s placeholders, or set '
                                    f'paramstyle = "{DRIVER_STYLES[guessed[0]]}" in [tool.codemods.sql-params]')
                return None
            style = DRIVER_STYLES[guessed[0]]
        binds = [b for fr in fragments for b in fr.binds]
        unsafe = [b for b in binds if not b.safe]
        if unsafe and not self.context.unsafe_fixes:
            for bind in unsafe:
                if bind.expanding or bind.per_item:
                    self.record_finding(bind.node, f"cannot safely bind IN list '{_short(bind.node)}'",
                                        "binding sends each item as data: if the items are plain values (not SQL), "
                                        "rerun with --unsafe-fixes")
                else:
                    self.record_finding(bind.node, f"cannot safely bind unquoted value '{_short(bind.node)}'",
                                        "binding sends it as data, not SQL text: if it is a plain value (not SQL "
                                        "such as NOW()), rerun with --unsafe-fixes")
            for fragment in fragments:
                fragment.binds = [b for b in fragment.binds if b.safe]
            binds = [b for b in binds if b.safe]
        if not binds:
            return None
        if guessed is not None:  # the driver is the project's only one, not this call's own
            for bind in binds:
                bind.safe = False
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
        """A module function that returns the query: one ``return <built string>``, or
        a local query variable assigned and grown (``+=``, also under ``if`` or in a
        loop) and returned by the function's only ``return``. It then returns
        ``(sql, params)`` and every caller, each passing its result straight to
        ``execute()``, unpacks it."""
        if id(function) in self.claimed:
            return
        self.claimed.add(id(function))
        body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
        statements = list(body)
        if statements and _is_docstring(statements[0]):
            statements = statements[1:]
        last = statements[-1] if statements else None
        returned = last.body[0].value if isinstance(last, cst.SimpleStatementLine) and len(last.body) == 1 \
            and isinstance(last.body[0], cst.Return) else None
        fragments: Optional[List[Fragment]] = None
        if len(statements) == 1 and returned is not None:
            try:
                fragments = [Fragment(flatten_query(returned), "return")]
            except NotAQuery:
                return
        reported = len(self.context.findings)
        if fragments is None and isinstance(returned, cst.Name) and self._only_return(function):
            fragments = self._variable_fragments(returned, sink)
        if fragments is None:
            if self._builds_query(function) and len(self.context.findings) == reported:  # else said already
                self.record_finding(function, f"cannot bind values of query helper '{function.name.value}': it "
                                              "builds the query over several statements",
                                    "return the SQL and its parameters separately (return sql, params)")
            return
        assert returned is not None
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
                if any(not self._constant(f.expr) for fr in fragments for f in fr.query.fields):
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
        style = self._prepare(callers[0], fragments)
        if style is None:
            return
        public = not function.name.value.startswith("_")
        if public and not self.context.unsafe_fixes:
            self.record_finding(function, f"cannot safely bind values of query helper '{function.name.value}': "
                                          "other modules may call it", "rerun with --unsafe-fixes if only this module calls it")
            return
        binds = [b for fr in fragments for b in fr.binds]
        for bind in binds:
            bind.safe = bind.safe and not public
        if fragments[0].kind == "return":
            fragment = fragments[0]
            self._assign_marks([fragment], style, None)
            new_query = _rebuild(fragment, uses_percent(style))
            params_code = self._params_code(callers[0], [fragment], fragment.binds, style, None)
            if params_code is None:
                return
            self._keep_comments(returned, new_query, self._statement_of(returned))
            pair = cst.Tuple([cst.Element(new_query, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                              cst.Element(cst.parse_expression(params_code))], lpar=[], rpar=[])
            self.replacements[id(returned)] = pair
        else:
            params_name = self._fresh_name(returned, "params")
            if not self._build_params_beside(fragments, style, params_name, returned):
                return
            self.replacements[id(returned)] = cst.parse_expression(f"{returned.value}, {params_name}")
        for caller in callers:
            self.claimed.add(id(caller.call))
            first = caller.call.args[0]
            self.replacements[id(caller.call)] = caller.call.with_changes(args=[first.with_changes(star="*")])
        for bind in binds:
            self.record_fix(bind.node, f"bound {_short(bind.node)} as a query parameter", bind.safe)

    def _build_params_beside(self, fragments: List[Fragment], style: str, params_name: str,
                             anchor: cst.CSTNode) -> bool:
        """Rewrite a query built over several statements that a helper returns: each
        assignment's values go to a ``params`` list (dict) built beside it."""
        bases = self._numeric_bases(anchor, fragments) if style == "numeric" else None
        dynamic = style == "numeric" and bases is None
        self._assign_marks(fragments, style, None, _runtime_bases(fragments) if dynamic else bases)
        rebuilt = [_rebuild(fragment, uses_percent(style)) for fragment in fragments]
        if dynamic:
            numbered = [number_at_runtime(new, params_name) for new in rebuilt]
            if any(new is None for new in numbered):
                self.record_finding(anchor, "cannot number the placeholders of a query built differently on "
                                            "different paths (numeric paramstyle) inside a % or .format template",
                                    'build the query with f-strings or +, or use a named paramstyle ("named")')
                return False
            rebuilt = numbered  # type: ignore[assignment]
        for fragment, new in zip(fragments, rebuilt):
            self._replace_value(fragment, new)
            self._keep_comments(fragment.query.expr, new, fragment.statement)
            lines = _param_statements(fragment, params_name, style)
            if lines:
                assert fragment.statement is not None
                self.inserted[id(fragment.statement)] = [cst.parse_statement(line) for line in lines]
        return True

    def _only_return(self, function: cst.FunctionDef) -> bool:
        """One ``return`` in the function, no ``yield`` and no nested function or class
        (whose returns would be counted too)."""
        returns = 0
        for node in _walk(function.body):
            if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Yield)):
                return False
            returns += isinstance(node, cst.Return)
        return returns == 1

    def _builds_query(self, function: cst.FunctionDef) -> bool:
        """Whether the function splices a value into SQL text somewhere."""
        for node in _walk(function.body):
            value = node.value if isinstance(node, (cst.Assign, cst.AugAssign, cst.Return)) else None
            if not isinstance(value, cst.BaseExpression):
                continue
            try:
                query = flatten_query(value)
            except NotAQuery:
                continue
            if _SQL_WORDS.search(query.sql_text()) and any(not self._constant(f.expr) for f in query.fields):
                return True
        return False

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
            if any(p.blocking for p in problems):
                continue
            kind = group.kind
            if kind == "quoted" and len(group.content) == 1 and _quoted_join(first.expr) and group.parens:
                kind = "in_list"
                group = Group("in_list", group.parens[0], group.parens[1], group.fields)
            # an identifier or a direction stays in place; the statement's values are still bound
            if kind == "identifier":
                problems.append(Problem(first.expr, f"cannot bind identifier '{shown}'", _identifier_hint(sink),
                                        blocking=False))
            elif kind == "direction":
                problems.append(Problem(first.expr, f"cannot bind ORDER BY direction '{shown}'",
                                        f'map it through an allowlist: {{"asc": "ASC", "desc": "DESC"}}[{shown}]',
                                        blocking=False))
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
                bind = self._in_list_bind(group, fragment, first, sink)
                if bind is None:
                    problems.append(Problem(first.expr, f"cannot bind variable-length IN list '{shown}'",
                                            "write one placeholder per item (\", \".join([\"?\"] * len(items))) and "
                                            "pass the items as parameters, or use sqlalchemy bindparam(expanding=True)"))
                else:
                    fragment.binds.append(bind)
            elif kind == "quoted":
                fragment.binds.append(self._quoted_bind(group, fragment))
            elif kind == "value":
                if first.how == "formatted" and not first.integer:
                    problems.append(Problem(first.expr, f"cannot bind formatted value '{shown}' ({first.detail}) "
                                            "outside a quoted string", "format the value in Python first (or bind "
                                            "the plain value if the format was only cosmetic), then rerun"))
                else:
                    fragment.binds.append(self._value_bind(group, fragment, first, sink))
        return problems

    def _in_list_bind(self, group: Group, fragment: Fragment, f: Field, sink: Sink) -> Optional[Bind]:
        """``IN ({", ".join(str(i) for i in ids)})``: an expanding bind parameter in
        ``text()`` (the items in a list); with a DB-API driver (``?`` or ``%s``
        placeholders) one placeholder per item, joined where the list was, and the
        items as parameters: the sequence is then read twice (``len()`` and the
        items), so it must be a name or attribute that is not visibly a one-shot
        iterator. Safe when each item was written as ``str()`` or ``int()`` of the
        item (a number in the SQL: the item, or ``int(item)``, is the same value);
        raw string items (SQL text) and quoted ones (``"', '".join(names)`` reads
        an empty list as ``IN ('')``) are unsafe."""
        found = _in_list_items(f.expr)
        if found is None:
            return None
        sequence, items, converted = found
        safe = converted in ("str", "int")
        hint = _hint_name(sequence)
        if sink.kind == "text":
            value = items if items.startswith("[") else f"list({items})"
            return Bind(group, value, safe, hint, f.expr, expanding=True, fragment=fragment)
        if sink.kind not in ("dbapi", "driver", "raw") or converted == "quoted" or not self._plain_iterable(sequence):
            return None
        if self._style(sink) not in ("qmark", "format", None) or sink.params is not None \
                and _existing_params(sink) is not None and _existing_params(sink)[0] == "dict":  # type: ignore[index]
            return None
        return Bind(group, "*" + items, safe, hint, f.expr, per_item=_code(sequence), fragment=fragment)

    def _plain_iterable(self, sequence: cst.BaseExpression) -> bool:
        """A name or attribute (evaluated twice: ``len()`` and the items) that is not
        assigned a generator, ``map``, ``filter``, ``zip``, ``iter`` ... in sight."""
        node = sequence
        while isinstance(node, cst.Attribute):
            node = node.value
        if not isinstance(node, cst.Name):
            return False
        if node is not sequence:
            return True
        for source in self._assigned_sources(node):
            if isinstance(source, cst.GeneratorExp) or isinstance(source, cst.Call) and isinstance(source.func, cst.Name) \
                    and source.func.value in _ONE_SHOT_ITERATORS:
                return False
        return True

    def _quoted_bind(self, group: Group, fragment: Fragment) -> Bind:
        elements = fragment.query.elements
        content = group.content
        if len(content) == 1 and isinstance(content[0], int):
            f = elements[content[0]].item
            assert isinstance(f, Field)
            value = text_code(f, _code(f.expr), self._provably_str(f.expr))
            return Bind(group, value, True, _hint_name(f.expr), f.expr, fragment=fragment)
        value = _mixed_value(content, elements, self._provably_str)
        node = next(elements[c].item.expr for c in content if isinstance(c, int))  # type: ignore[union-attr]
        names = [elements[c].item.expr for c in content if isinstance(c, int)]  # type: ignore[union-attr]
        return Bind(group, value, True, _hint_name(names[0]) if len(names) == 1 else "pattern", node, fragment=fragment)

    def _value_bind(self, group: Group, fragment: Fragment, f: Field, sink: Sink) -> Bind:
        """An unquoted value. Safe when the text was certainly a number: ``%d`` /
        ``{:d}`` (padded or signed too) of any value is bound as ``int(value)``, the
        number those formats write; ``int(...)``, ``len(...)`` and ``int``-annotated
        names as they are; ``float(...)`` (and ``float`` annotations), whose text is
        ``repr()``, on drivers that read a float parameter as the same REAL or write it
        into the statement with ``repr()`` (see ``exact_float_drivers``)."""
        expr = f.expr
        if f.how in ("operand", "str") and isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) \
                and expr.func.value == "str" and len(expr.args) == 1 and not expr.args[0].keyword:
            expr = expr.args[0].value
        if f.how == "int" or f.integer:
            safe = True
            value = _code(expr) if self._numeric(expr) else f"int({_code(expr)})"
        else:
            safe = self._numeric(expr) or (self._float(expr) and self._exact_floats(sink))
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
        per_item = [b for fr in fragments for b in fr.binds if b.per_item]
        if per_item and (style not in ("qmark", "format") or sink.kind == "many"):
            self.record_finding(per_item[0].node, f"cannot bind variable-length IN list '{_short(per_item[0].node)}' "
                                                  "next to named parameters", "use one placeholder style per statement")
            return
        tail = fragments[-1] if fragments[-1].kind == "tail" else None
        built = fragments[:-1] if tail is not None else fragments
        bases = self._numeric_bases(sink.call, fragments) if style == "numeric" else None
        dynamic = style == "numeric" and bases is None
        if dynamic:  # numbered at run time, from the length of the parameter list
            if existing is not None or sink.kind in ("many", "rawsql", "text"):
                self.record_finding(sink.call, "cannot number the placeholders of a query built differently on "
                                               "different paths (numeric paramstyle) next to the parameters it passes",
                                    'build the whole query in one expression, or use a named paramstyle ("named")')
                return
            bases = _runtime_bases(fragments)
        self._assign_marks(fragments, style, taken, bases)
        percent = uses_percent(style) and sink.params is None
        rebuilt = [_rebuild(fragment, percent) for fragment in fragments]
        params_name = self._fresh_name(sink.query, "params")
        if dynamic:
            numbered = [number_at_runtime(new, params_name) for new in rebuilt]
            if any(new is None for new in numbered):
                self.record_finding(sink.call, "cannot number the placeholders of a query built differently on "
                                               "different paths (numeric paramstyle) inside a % or .format template",
                                    'build the query with f-strings or +, or use a named paramstyle ("named")')
                return
            rebuilt = numbered  # type: ignore[assignment]
        binds = [b for fr in fragments for b in fr.binds]

        def keep_comments() -> None:
            for fragment, new in zip(fragments, rebuilt):
                self._keep_comments(fragment.query.expr, new, fragment.statement or self._statement_of(sink.call))

        if len(fragments) == 1 and fragments[0].kind == "inline":
            if self._attach(sink, rebuilt[0], fragments, binds, style, existing):
                keep_comments()
            return
        new_tail = rebuilt[-1] if tail is not None else None
        if len(built) == 1 and not dynamic and self._stable([b for b in binds if b.fragment is built[0]], built[0], sink) \
                and not any(b.per_item for b in built[0].binds):  # len(items) and the items: read together
            if self._attach(sink, new_tail, fragments, binds, style, existing):
                self._replace_value(built[0], rebuilt[0])
                keep_comments()
            return
        if existing is not None or sink.kind in ("many", "rawsql"):
            self.record_finding(sink.call, "cannot merge the values of a query built over several statements "
                                           "with the parameters already passed",
                                "collect all values in one parameter list next to the query")
            return
        if sink.kind == "text" and any(b.expanding for b in binds):
            self._bindparam_reference(sink.call)  # fails (NotAQuery) before anything is planned
        for index, fragment in enumerate(built):
            self._replace_value(fragment, rebuilt[index])
            lines = _param_statements(fragment, params_name, style)
            if lines:
                assert fragment.statement is not None
                self.inserted[id(fragment.statement)] = [cst.parse_statement(line) for line in lines]
        self._attach_name(sink, params_name, style, new_tail, tail.binds if tail is not None else (),
                          sorted({b.name for b in binds if b.expanding}))
        keep_comments()
        for bind in binds:
            self.record_fix(bind.node, f"bound {_short(bind.node)} as a query parameter", bind.safe)

    def _assign_marks(self, fragments: List[Fragment], style: str, taken: Optional[Set[str]],
                      bases: Optional[Dict[int, int]] = None) -> None:
        """Give every bind its placeholder (and name, for named styles); ``bases``: for
        the numeric style, how many values precede each fragment."""
        taken = set(taken or ())
        by_value: Dict[str, str] = {}
        position = 0
        for index, fragment in enumerate(fragments):
            if bases is not None:
                position = bases[index]
            dynamic = position == RUNTIME
            if dynamic:
                position = 0
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
                bind.mark = runtime_mark(position) if dynamic else placeholder(style, bind.name, position)

    def _numeric_bases(self, anchor: cst.CSTNode, fragments: List[Fragment]) -> Optional[Dict[int, int]]:
        """For each fragment, the number of values bound before it, when that number
        is the same on every path through the function (else None). ``anchor``: where
        the query is used (the execute call, or the helper's ``return``)."""
        if len(fragments) == 1:
            return {0: 0}
        sizes = [len(fr.binds) + len(fr.analysis.params if fr.analysis else []) for fr in fragments]
        at = {id(fr.statement): i for i, fr in enumerate(fragments) if fr.statement is not None}
        tail = len(fragments) - 1 if fragments[-1].kind == "tail" else None
        sink_statement = self._statement_of(anchor)
        function = self._parent(sink_statement) if sink_statement is not None else None
        while function is not None and not isinstance(function, (cst.FunctionDef, cst.Module)):
            function = self._parent(function)
        if not isinstance(function, cst.FunctionDef) or not isinstance(function.body, cst.IndentedBlock):
            return None
        bases: Dict[int, int] = {}
        clash: List[bool] = []

        def record(index: int, counts) -> None:
            if len(counts) != 1 or bases.get(index, min(counts)) != min(counts):
                clash.append(True)
            bases[index] = min(counts)

        def block(statements, counts):
            for statement in statements:
                counts = step(statement, counts)
            return counts

        def body_of(node):
            return node.body if isinstance(node, cst.IndentedBlock) else [node] if node is not None else []

        def step(statement, counts):
            index = at.get(id(statement))
            if index is not None and fragments[index].kind != "assign" and not sizes[index]:
                bases.setdefault(index, 0)  # adds no placeholder: its position does not matter
                return counts
            if index is not None:
                record(index, frozenset({0}) if fragments[index].kind == "assign" else counts)
                return frozenset({bases[index] + sizes[index]})
            if statement is sink_statement:
                if tail is not None and sizes[tail]:
                    record(tail, counts)
                elif tail is not None:
                    bases.setdefault(tail, 0)
                return counts
            if isinstance(statement, cst.If):
                taken = block(body_of(statement.body), counts)
                other = statement.orelse
                if other is None:
                    return taken | counts
                return taken | (step(other, counts) if isinstance(other, cst.If) else block(body_of(other.body), counts))
            if isinstance(statement, (cst.For, cst.While)):
                once = block(body_of(statement.body), counts)
                again = block(body_of(statement.body), counts | once)
                after = counts | once | again
                return block(body_of(statement.orelse.body), after) if statement.orelse else after
            if isinstance(statement, (cst.Try, getattr(cst, "TryStar", cst.Try))):
                done = block(body_of(statement.body), counts)
                entry = counts | done
                ends = [block(body_of(h.body), entry) for h in statement.handlers]
                ends.append(block(body_of(statement.orelse.body), done) if statement.orelse else done)
                merged = frozenset().union(*ends) | entry
                return block(body_of(statement.finalbody.body), merged) if statement.finalbody else merged
            if isinstance(statement, cst.With):
                return block(body_of(statement.body), counts)
            if isinstance(statement, getattr(cst, "Match", ())):
                ends = [block(body_of(case.body), counts) for case in statement.cases]
                return frozenset().union(counts, *ends)
            return counts

        block(function.body.body, frozenset({0}))
        if clash or any(i not in bases for i in range(len(fragments))):
            return None
        return bases

    def _keep_comments(self, old: cst.CSTNode, new: cst.CSTNode, statement: Optional[cst.CSTNode]) -> None:
        """Comments that lived in the dropped parts of a query (around a removed
        operand, ``%`` or ``.format``) move above the statement."""
        kept = [n.value for n in _walk(new) if isinstance(n, cst.Comment)]
        lost = []
        for node in _walk(old):
            if isinstance(node, cst.Comment):
                if node.value in kept:
                    kept.remove(node.value)
                else:
                    lost.append(node.value)
        if lost and statement is not None:
            self.comments_above.setdefault(id(statement), []).extend(lost)

    def _statement_of(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        current: Optional[cst.CSTNode] = node
        while current is not None and not isinstance(current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            current = self._parent(current)
        return current

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

# -- free helpers ------------------------------------------------------------------------

def _runtime_bases(fragments: Sequence[Fragment]) -> Dict[int, int]:
    """Numeric placeholders numbered at run time: from 1 in an assignment, after
    ``len(params)`` in a ``+=`` or at the call."""
    return {index: 0 if fragment.kind == "assign" else RUNTIME for index, fragment in enumerate(fragments)}


def _leading_operand(expr: cst.BaseExpression) -> cst.BaseExpression:
    """The first operand of a ``+`` chain (``query`` in ``query + " LIMIT 5"``)."""
    while isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        expr = expr.left
    return expr


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


_ONE_SHOT_ITERATORS = {"map", "filter", "zip", "iter", "reversed", "enumerate"}


def _in_list_items(expr: cst.BaseExpression):
    """What an IN list joined from a sequence holds: (the sequence, Python code of
    its items as the SQL read them, how each item was written: "str" (``str(i)``,
    ``map(str, ids)``), "int" (``str(int(i))``, ``"%d" % i``), "quoted"
    (``"'%s'" % i``, ``"', '".join(names)``) or "raw" (``",".join(ids)``)), or None."""
    if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "join"
            and isinstance(expr.func.value, cst.SimpleString) and len(expr.args) == 1):
        return None
    separator = str(expr.func.value.evaluated_value).replace("'", "").strip()
    if separator != ",":
        return None
    quoted = "'" in str(expr.func.value.evaluated_value)
    inner = expr.args[0].value
    if isinstance(inner, (cst.GeneratorExp, cst.ListComp)) and inner.for_in.inner_for_in is None \
            and not inner.for_in.ifs and isinstance(inner.for_in.target, cst.Name) and not quoted:
        element, target = inner.elt, inner.for_in.target.value
        sequence = inner.for_in.iter
        if isinstance(element, cst.Name) and element.value == target:
            return sequence, _code(sequence), "raw"
        if _quotes_item(element, target):
            return sequence, _code(sequence), "quoted"
        found = _item_conversion(element, target)
        if found is None:
            return None
        converted, item = found
        item_code = f"int({_code(item)})" if converted == "int" else _code(item)
        if item_code == target:
            return sequence, _code(sequence), converted
        return sequence, f"[{item_code} for {target} in {_code(sequence)}]", converted
    if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) and inner.func.value == "map" \
            and len(inner.args) == 2 and _code(inner.args[0].value) == "str" and not quoted:
        return inner.args[1].value, _code(inner.args[1].value), "str"
    if isinstance(inner, (cst.Name, cst.Attribute)):
        return inner, _code(inner), "quoted" if quoted else "raw"
    return None


def _item_conversion(element: cst.BaseExpression, target: str):
    """("str", item) for ``str(item)`` / ``f"{item}"`` / ``"%s" % item``, ("int",
    item) for ``str(int(item))`` / ``"%d" % item`` / ``f"{item:d}"`` (written as a
    number), where the item is the loop variable or an attribute or constant
    subscript of it (``r.id``, ``row[0]``); else None."""
    if isinstance(element, cst.Call) and isinstance(element.func, cst.Name) and element.func.value == "str" \
            and len(element.args) == 1 and not element.args[0].keyword and not element.args[0].star:
        arg = element.args[0].value
        if _of_loop_variable(arg, target):
            return "str", arg
        if isinstance(arg, cst.Call) and isinstance(arg.func, cst.Name) and arg.func.value == "int" \
                and len(arg.args) == 1 and _of_loop_variable(arg.args[0].value, target):
            return "int", arg.args[0].value
        return None
    try:
        query = flatten_query(element)
    except NotAQuery:
        return None
    fields = query.fields
    if len(query.elements) != 1 or len(fields) != 1 or not _of_loop_variable(fields[0].expr, target):
        return None
    how = "int" if fields[0].how == "int" else "str" if fields[0].how == "str" else None
    return (how, fields[0].expr) if how else None


def _of_loop_variable(expr: cst.BaseExpression, target: str) -> bool:
    """``i``, ``i.id``, ``row[0]``, ``row["id"]``: the loop variable, read without a call."""
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        if isinstance(expr, cst.Subscript) and not (
                len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index)
                and isinstance(expr.slice[0].slice.value, (cst.Integer, cst.SimpleString))):
            return False
        expr = expr.value
    return isinstance(expr, cst.Name) and expr.value == target


def _quotes_item(element: cst.BaseExpression, target: str) -> bool:
    """``"'%s'" % item``, ``f"'{item}'"``, ``"'{}'".format(item)`` or ``"'" + item + "'"``:
    each item of an IN list spliced in as one quoted SQL string."""
    try:
        query = flatten_query(element)
    except NotAQuery:
        return False
    fields = query.fields
    return len(fields) == 1 and isinstance(fields[0].expr, cst.Name) and fields[0].expr.value == target \
        and fields[0].how in ("str", "operand") and query.elements[0].item is not fields[0] \
        and query.elements[-1].item is not fields[0] and len(query.elements) == 3 \
        and query.sql_text() == "''"


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
