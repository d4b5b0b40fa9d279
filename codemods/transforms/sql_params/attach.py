"""Where the bound values go once a query is rewritten: a parameter argument of the
execute call (merged with the parameters it already passes, extended row by row for
executemany), a dict or ``.bindparams`` for SQLAlchemy ``text()``, or a parameter
variable built beside each assignment of a query variable."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Set

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.cst.imports import NeededImport, add_imports, settings_for
from codemods.transforms.sql_params.facts import SqlFacts
from codemods.transforms.sql_params.render import Bind, Fragment, Sink, _code, _short, _walk, _with_bindparams
from codemods.transforms.sql_params.text import NotAQuery
from codemods.transforms.sql_params.style import is_named


class ParamsPlacement(SqlFacts):
    """Writes parameters next to the rewritten query (see SqlParamsRewriter)."""

    #: the plan, filled by SqlParamsRewriter.visit_Module (keys are id() of original nodes).
    module: cst.Module
    replacements: Dict[int, cst.CSTNode]
    inserted: Dict[int, List[cst.BaseStatement]]
    claimed: Set[int]
    #: names to import once the tree is rewritten (``bindparam``)
    needed_imports: List[NeededImport]

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not getattr(self, "needed_imports", None):
            return updated_node
        body = add_imports(updated_node.body, self.needed_imports, settings_for(self.context), self.context.path)
        return updated_node.with_changes(body=body)

    def _replace_value(self, fragment: Fragment, new: cst.BaseExpression) -> None:
        self.replacements[id(fragment.query.expr)] = new

    def _fresh_name(self, near: cst.CSTNode, base: str) -> str:
        scope = self.get_metadata(ScopeProvider, near, None)
        candidates = [base, "query_params", "sql_params"] + [f"{base}_{i}" for i in range(2, 50)]
        for candidate in candidates:
            if scope is None or (candidate not in scope and not scope.accesses[candidate]):
                return candidate
        return base + "_x"

    def _attach(self, sink: Sink, query: Optional[cst.BaseExpression], fragments: Sequence[Fragment],
                binds: List[Bind], style: str, existing) -> bool:
        """Attach the parameters; False (and a finding) when they cannot be merged."""
        call = sink.call
        query_arg = call.args[0]
        new_query_arg = query_arg.with_changes(value=query) if query is not None else query_arg
        messages = [(b.node, f"bound {_short(b.node)} as a query parameter", b.safe) for b in binds]
        if sink.kind == "text":
            self._attach_text(sink, new_query_arg, binds)
        else:
            params_code = self._params_code(sink, fragments, binds, style, existing)
            if params_code is None:
                self.record_finding(call, "cannot merge the bound values with the parameters already passed",
                                    "pass the parameters as a literal tuple, list or dict, then rerun")
                return False
            params = cst.parse_expression(params_code)
            if sink.params is None:
                args = _query_and_params(new_query_arg, params)
            else:
                args = [new_query_arg, sink.params.with_changes(value=params)]
            self.replacements[id(call)] = call.with_changes(args=args)
        for node, message, safe in messages:
            self.record_fix(node, message, safe)
        return True

    def _params_code(self, sink: Sink, fragments: Sequence[Fragment], binds: List[Bind], style: str,
                     existing) -> Optional[str]:
        """The parameters argument: the bound values merged, in statement order, with
        the parameters the call already passes."""
        place = {id(fr): index for index, fr in enumerate(fragments)}
        known = [p for fr in fragments for p in (fr.analysis.params if fr.analysis else [])]
        order = sorted([("b", (place.get(id(b.fragment), 0), b.group.start), b) for b in binds] +
                       [("p", (index, p.start), p) for index, fr in enumerate(fragments)
                        for p in (fr.analysis.params if fr.analysis else [])],
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
            if len(values) != len(known):
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
            if order and all(what == "p" for what, _, _ in order[:len(known)]):
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
                args = _query_and_params(first, params)
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
                # imported beside text, where the project's import sorter wants it (leave_Module)
                needed = NeededImport(_code(node.module), "bindparam")
                if needed not in self.needed_imports:
                    self.needed_imports.append(needed)
                return "bindparam"
        raise NotAQuery("no import to extend with bindparam")

    def _imports_bindparam(self) -> bool:
        for node in _walk(self.module):
            if isinstance(node, cst.ImportFrom) and node.module is not None and _code(node.module).startswith("sqlalchemy") \
                    and not isinstance(node.names, cst.ImportStar) \
                    and any(isinstance(a.name, cst.Name) and a.name.value == "bindparam" and a.asname is None for a in node.names):
                return True
        return False

    def _attach_name(self, sink: Sink, params_name: str, style: str, query: Optional[cst.BaseExpression] = None,
                     extra: Sequence[Bind] = (), expanding: Sequence[str] = ()) -> None:
        """Pass the parameter variable built beside the query's assignments; ``query``
        and ``extra`` are the rewritten tail and its values when the call itself
        adds to the query (``query + " AND x = ?"``); ``expanding``: the names of
        IN-list parameters, declared on the ``text()``."""
        call = sink.call
        if query is not None:
            call = call.with_changes(args=[call.args[0].with_changes(value=query), *call.args[1:]])
        params: cst.BaseExpression = cst.Name(params_name)
        entries = [(b.name, b.value) for b in extra]
        if entries and is_named(style):
            params = cst.parse_expression("{**" + params_name + ", " +
                                          ", ".join(f'"{k}": {v}' for k, v in dict(entries).items()) + "}")
        elif entries:
            params = cst.parse_expression("[*" + params_name + ", " + ", ".join(v for _, v in entries) + "]")
        if sink.kind == "text":
            if expanding:
                reference = self._bindparam_reference(sink.call)
                call = _with_bindparams(call, [f'{reference}("{name}", expanding=True)' for name in expanding])
            runner = sink.runner
            if runner is not None and len(runner.args) == 1:
                first = runner.args[0].with_changes(value=call)
                self.replacements[id(runner)] = runner.with_changes(args=_query_and_params(first, params))
                self.claimed.add(id(runner))
            elif not entries:
                self.replacements[id(sink.call)] = _with_bindparams(call, [f"**{params_name}"])
            else:
                self.replacements[id(sink.call)] = _with_bindparams(call, [f"**{_code(params)}"])
            return
        self.replacements[id(sink.call)] = call.with_changes(args=_query_and_params(call.args[0], params))


def _dict_key(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _row_slice(row: str, start: int, end: int, total: int) -> str:
    if end == total:
        return f"*{row}" if start == 0 else f"*{row}[{start}:]"
    return f"*{row}[{start}:{end}]" if start else f"*{row}[:{end}]"


def _query_and_params(query_arg: cst.Arg, params: cst.BaseExpression) -> List[cst.Arg]:
    """The query argument followed by a new parameters argument, keeping the layout
    after the query (a line break before ``)``, a trailing comma) after the new one."""
    trailing = query_arg.comma if isinstance(query_arg.comma, cst.Comma) else cst.MaybeSentinel.DEFAULT
    first = query_arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                                   whitespace_after_arg=cst.SimpleWhitespace(""))
    return [first, cst.Arg(params, comma=trailing, whitespace_after_arg=query_arg.whitespace_after_arg)]
