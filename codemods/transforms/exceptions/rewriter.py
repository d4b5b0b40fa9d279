"""The libcst half of ``exceptions``: see the package's ``__init__``.

The rewriter keeps a stack of what surrounds the node it visits: the handlers
(``except`` and ``except*`` clauses), ``finally`` blocks and nested scopes. A
``raise`` or a logging call belongs to the innermost handler only when no
``finally`` or nested function, lambda or class stands between them. Every decision
is taken while visiting (on the original nodes, with their metadata) and applied
when leaving.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst
from libcst.metadata import CodeRange, PositionProvider, QualifiedNameSource, Scope, ScopeProvider

from codemods.cst.base import Rewriter
from codemods.cst.metadata import QualifiedNameProvider
from codemods.cst.wrapping import LineFitter
from codemods.transforms.exceptions import classes
from codemods.transforms.exceptions.bindings import ModuleNames, inside, overwrites
from codemods.transforms.exceptions.comments import LineComments
from codemods.transforms.exceptions.recognise import Recogniser, names_option
from codemods.transforms.exceptions.shapes import (deletes, has_bare_raise, jumps_in_finally, swallowing,
                                                    touches_traceback)

_HandlerNode = Union[cst.ExceptHandler, cst.ExceptStarHandler]
_BARRIER, _FINALLY = "scope", "finally"


@dataclass
class _Handler:
    node: _HandlerNode
    star: bool
    #: the name it binds (``except E as name``), if a plain name
    name: Optional[str]
    #: that name is still the caught exception wherever the handler's body reads it
    stable: bool
    #: the handler catches GeneratorExit, StopIteration or StopAsyncIteration
    control_flow: bool
    #: a name this run gives the handler so raises can chain from it
    new_name: Optional[str] = None
    #: the handler's ``except`` header lines may not change (noqa E722 on a bare one)
    fixed_header: bool = False
    #: raises chained from ``new_name`` that were written (a chain that would not fit
    #: the line length is reported instead; with none written, the name is not given)
    chains_written: int = 0


@dataclass
class _HeaderPlan:
    """What changes in a handler's header."""

    elements: Optional[List[int]] = None  # indices of the tuple's elements kept
    oserror_at: Optional[int] = None  # index of an alias to spell ``OSError``
    bare_to: Optional[str] = None  # a bare ``except:`` gets this class (unsafe)
    notes: List[str] = field(default_factory=list)


class ExceptionsRewriter(Rewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider, QualifiedNameProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.stack: List[Union[_Handler, str]] = []
        self.comments: Optional[LineComments] = None
        self.names: Optional[ModuleNames] = None
        self.recognise: Optional[Recogniser] = None
        #: id(original Raise) -> name to chain from, or "" for a bare ``raise``
        self.raise_plans: Dict[int, str] = {}
        #: id(name node) of every ``raise name`` that becomes a bare ``raise``
        self.bare_names: Set[int] = set()
        #: id(original Call) of logging calls that become ``.exception``
        self.log_plans: Set[int] = set()
        #: id(original handler) -> header change
        self.header_plans: Dict[int, _HeaderPlan] = {}
        #: id(original handler) -> names of classes earlier handlers of its ``try`` catch
        self.caught_before: Dict[int, List[str]] = {}
        #: id(original handler) -> its ``try`` statement
        self.try_of: Dict[int, cst.CSTNode] = {}
        #: handlers given a new name: (their range, the name), to keep nested ones apart
        self.named: List[Tuple[CodeRange, str]] = []
        self.handler_names: Sequence[str] = tuple(names_option(self.options, "handler-names"))

    # -- helpers -----------------------------------------------------------------------

    def _range(self, node: cst.CSTNode) -> Optional[CodeRange]:
        return self.get_metadata(PositionProvider, node, None)

    def _lines(self, node: cst.CSTNode, last: Optional[cst.CSTNode] = None) -> range:
        start, end = self._range(node), self._range(last if last is not None else node)
        if start is None or end is None:
            return range(0)
        return range(start.start.line, end.end.line + 1)

    def _header_lines(self, handler: _HandlerNode) -> range:
        """The lines of ``except ...:`` (a tuple may span several)."""
        if handler.type is not None:
            return self._lines(handler, handler.type)
        start = self._range(handler)
        return range(start.start.line, start.start.line + 1) if start is not None else range(0)

    def _silenced(self, lines: range, *codes: str) -> bool:
        assert self.comments is not None
        return self.comments.silenced(lines, codes)

    def _qualified(self, node: cst.CSTNode):
        return self.get_metadata(QualifiedNameProvider, node, set()) or set()

    def _class_key(self, node: cst.BaseExpression) -> Optional[str]:
        """The canonical qualified name of the class an ``except`` element names, when it
        is certain (a plain name or dotted name with one meaning), else None."""
        if not isinstance(node, (cst.Name, cst.Attribute)) or node.lpar or node.rpar:
            return None
        found = self._qualified(node)
        if len(found) != 1:
            return None
        qualified = next(iter(found))
        assert self.names is not None
        if qualified.source is QualifiedNameSource.BUILTIN and self.names.star_import:
            # ``from m import *`` may shadow the built-in: only the same spelling is the same class
            return "text:" + qualified.name
        if qualified.source is QualifiedNameSource.LOCAL and not isinstance(node, cst.Name):
            return None  # ``self.Error``: an attribute read, not a binding
        return classes.canonical(qualified.name)

    def _type_elements(self, handler: _HandlerNode) -> Optional[List[cst.BaseExpression]]:
        kind = handler.type
        if kind is None:
            return None
        if isinstance(kind, cst.Tuple):
            if any(isinstance(e, cst.StarredElement) for e in kind.elements):
                return []
            return [e.value for e in kind.elements]
        return [kind]

    def _keys(self, handler: _HandlerNode) -> List[Optional[str]]:
        return [self._class_key(e) for e in self._type_elements(handler) or []]

    # -- module ------------------------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        star = any(isinstance(small, cst.ImportFrom) and isinstance(small.names, cst.ImportStar)
                   for statement in node.body if isinstance(statement, cst.SimpleStatementLine)
                   for small in statement.body)
        self.names = ModuleNames(self.metadata[ScopeProvider].values(), star)
        self.comments = LineComments(self._comment_lines, self.context.codemod_id)
        self.recognise = Recogniser(self, node)
        self.module_node = node
        self.fitter: Optional[LineFitter] = None
        #: id of a raise given ``from name`` -> name (its fix is recorded with its line)
        self.chained: Dict[int, str] = {}

    def _comment_lines(self):
        """(line, text) of every comment that may silence a rule."""
        positions = self.metadata[PositionProvider]
        for node in positions:
            if isinstance(node, cst.Comment) and ("noqa" in node.value.lower() or "codemod:" in node.value):
                yield positions[node].start.line, node.value

    # -- the stack ---------------------------------------------------------------------

    def _innermost(self) -> Optional[_Handler]:
        for entry in reversed(self.stack):
            if isinstance(entry, _Handler):
                return entry
            return None  # a finally block or a nested scope comes first
        return None

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(_BARRIER)

    def leave_FunctionDef(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.stack.append(_BARRIER)

    def leave_Lambda(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.stack.append(_BARRIER)

    def leave_ClassDef(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    def visit_Finally(self, node: cst.Finally) -> None:
        self.stack.append(_FINALLY)
        for jump in jumps_in_finally(node.body):
            if self._silenced(self._lines(jump), "B012"):
                continue
            word = {cst.Return: "return", cst.Break: "break", cst.Continue: "continue"}[type(jump)]
            self.record_finding(jump, f"`{word}` in a `finally` block discards any exception in flight "
                                      "(and any value being returned)",
                                hint=f"move the `{word}` after the try statement, or re-raise explicitly")

    def leave_Finally(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    # -- try statements: what earlier handlers catch -----------------------------------

    def visit_Try(self, node: cst.Try) -> None:
        self._index_try(node, across=True)

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._index_try(node, across=False)

    def _index_try(self, node: Union[cst.Try, cst.TryStar], across: bool) -> None:
        earlier: List[str] = []
        for handler in node.handlers:
            self.try_of[id(handler)] = node
            self.caught_before[id(handler)] = list(earlier) if across else []
            earlier.extend(k for k in self._keys(handler) if k is not None)

    # -- handlers ----------------------------------------------------------------------

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._enter_handler(node, star=False)

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> None:
        self._enter_handler(node, star=True)

    def _enter_handler(self, node: _HandlerNode, star: bool) -> None:
        keys = self._keys(node)
        name = node.name.name.value if node.name is not None and isinstance(node.name.name, cst.Name) else None
        control = any(k in classes.CONTROL_FLOW for k in keys if k is not None)
        bare_kept = node.type is None and self._silenced(self._header_lines(node), "E722")
        entry = _Handler(node, star, name, name is not None and self._stable(node, name), control,
                         fixed_header=bare_kept)
        self.stack.append(entry)
        self.header_plans[id(node)] = self._plan_header(node, keys)
        self._report_swallowed(node, keys)

    def _stable(self, handler: _HandlerNode, name: str) -> bool:
        """``name`` keeps the caught exception through the handler's body: nothing in the
        body rebinds or deletes it, no nested scope rebinds it (``nonlocal``/``global``),
        and the handler's scope does not declare it global or nonlocal."""
        scope: Optional[Scope] = self.get_metadata(ScopeProvider, handler, None)
        own = self._range(handler)
        if scope is None or own is None or name in overwrites(scope):
            return False
        binding = handler.name.name if handler.name is not None else None
        for assignment in scope.assignments[name]:
            target = getattr(assignment, "node", None)
            if target is binding:
                continue
            if target is None or self.get_metadata(ScopeProvider, target, None) is not scope:
                return False  # bound from a nested scope: could happen at any call
            where = self._range(target)
            if where is None or inside(where, own):
                return False
        return not deletes(handler.body, name)

    def _plan_header(self, handler: _HandlerNode, keys: List[Optional[str]]) -> _HeaderPlan:
        plan = _HeaderPlan()
        lines = self._header_lines(handler)
        if handler.type is None:
            # a bare ``except:`` that re-raises is a cleanup that must see every exception
            # (pycodestyle and ruff accept it too): left alone
            if not self._silenced(lines, "E722") and self.context.unsafe_fixes and not has_bare_raise(handler.body):
                plan.bare_to = "Exception"
                if plan.bare_to is not None and self._shadowed(plan.bare_to):
                    plan.bare_to = None
            return plan
        elements = self._type_elements(handler) or []
        if len(elements) < 1 or "#" in _code(handler.type):
            return plan
        before = self.caught_before.get(id(handler), [])
        kept: List[int] = []
        merged_aliases = False
        notes: List[str] = []
        for index, key in enumerate(keys):
            if key is None:
                kept.append(index)
                continue
            wider = next((k for k in before if classes.covers(k, key)), None)
            if wider is not None:
                notes.append(f"`{_code(elements[index])}` (an earlier handler catches `{_short(wider)}`)")
                continue
            covering = [j for j, other in enumerate(keys) if j != index and other is not None
                        and classes.covers(other, key) and (other != key or j < index)
                        and not any(classes.covers(k, other) for k in before)]
            if covering:
                if keys[covering[0]] == key:
                    merged_aliases = merged_aliases or _code(elements[index]) != _code(elements[covering[0]])
                notes.append(f"`{_code(elements[index])}` (`{_code(elements[covering[0]])}` catches it)")
                continue
            kept.append(index)
        if not notes:
            return plan
        if not kept:
            if not self._silenced(lines, "B025"):
                self.record_finding(handler, "this handler is never reached: earlier handlers of the try "
                                             "statement catch everything it names",
                                    hint="merge its body into the earlier handler, or remove it")
            return plan
        codes = ("B014",) if all("earlier handler" not in n for n in notes) else ("B014", "B025")
        if self._silenced(lines, *codes):
            return plan
        plan.elements, plan.notes = kept, notes
        if merged_aliases:
            survivor = kept[[keys[i] for i in kept].index("builtins.OSError")] \
                if "builtins.OSError" in [keys[i] for i in kept] else None
            if survivor is not None and _code(elements[survivor]) != "OSError" and not self._shadowed("OSError"):
                plan.oserror_at = survivor
        return plan

    def _shadowed(self, name: str) -> bool:
        assert self.names is not None
        return self.names.shadowed(name)

    def _report_swallowed(self, handler: _HandlerNode, keys: List[Optional[str]]) -> None:
        broad = handler.type is None or any(k in classes.BROAD for k in keys)
        if not broad:
            return
        what = swallowing(handler.body)
        if what is None:
            return
        codes = ("BLE001", "S110", "S112") + (("E722",) if handler.type is None else ())
        if self._silenced(self._header_lines(handler), *codes) or self._silenced(self._lines(handler.body), *codes):
            return
        caught = self._caught_after_fix(handler)
        statement = self.try_of.get(id(handler))
        assert self.recognise is not None
        call = self.recognise.database_call(statement.body) if statement is not None else None
        if call is not None:
            self.record_finding(handler, f"swallowed database error: `{caught}` around `{call}` discards "
                                         f"the error ({what}); the transaction may be left half done",
                                hint="catch the driver's specific error, roll back and log it with "
                                     "logger.exception(...), or re-raise")
        else:
            self.record_finding(handler, f"`{caught}` swallows every error ({what})",
                                hint="catch the specific exceptions you expect, or log with logger.exception(...)")

    def _caught_after_fix(self, handler: _HandlerNode) -> str:
        """The handler's header as this run leaves it (a widened bare ``except:``, a
        reduced tuple): a later round over the fixed text then reports the same."""
        plan = self.header_plans.get(id(handler), _HeaderPlan())
        if plan.bare_to is not None:
            return f"except {plan.bare_to}"
        if handler.type is None:
            return "except:"
        kind = handler.type
        if plan.elements is not None and isinstance(kind, cst.Tuple):
            kind = _reduced(handler, plan).get("type", kind)  # type: ignore[assignment]
        return f"except {_code(kind)}"

    def leave_ExceptHandler(self, original_node, updated_node):
        return self._leave_handler(original_node, updated_node)

    def leave_ExceptStarHandler(self, original_node, updated_node):
        return self._leave_handler(original_node, updated_node)

    def _leave_handler(self, original: _HandlerNode, updated: _HandlerNode) -> _HandlerNode:
        entry = self.stack.pop()
        assert isinstance(entry, _Handler) and entry.node is original
        plan = self.header_plans.get(id(original), _HeaderPlan())
        changes: Dict[str, object] = {}
        if entry.new_name is not None and not entry.chains_written:
            entry.new_name = None  # every chain from it was left to a person: no name needed
        if plan.bare_to is not None:
            changes["type"] = cst.Name(plan.bare_to)
            changes["whitespace_after_except"] = cst.SimpleWhitespace(" ")
            self.record_fix(original, f"bare `except:` spelled `except {plan.bare_to}:` (it no longer catches "
                                      "KeyboardInterrupt, SystemExit and GeneratorExit)", safe=False)
        elif entry.new_name is not None and original.type is None:
            changes["type"] = cst.Name("BaseException")
            changes["whitespace_after_except"] = cst.SimpleWhitespace(" ")
        if plan.elements is not None and isinstance(updated.type, cst.Tuple):
            changes.update(_reduced(updated, plan))
            self.record_fix(original, "removed redundant exception classes: " + ", ".join(plan.notes))
        if entry.name is not None and self._only_reraised(original, entry.name):
            changes["name"] = None
            self.record_fix(original, f"dropped the handler's name `{entry.name}`: only `raise {entry.name}` read it")
        if entry.new_name is not None:
            changes["name"] = cst.AsName(name=cst.Name(entry.new_name))
            self.record_fix(original, f"named the handler `{entry.new_name}` to chain the exceptions raised in it")
        return updated.with_changes(**changes) if changes else updated

    def _only_reraised(self, handler: _HandlerNode, name: str) -> bool:
        """Every read of the handler's name is a ``raise name`` that became a bare
        ``raise``: the name is left unread (pyflakes would flag it), so it goes too."""
        if handler.name is None:
            return False
        scope = self.get_metadata(ScopeProvider, handler, None)
        if scope is None:
            return False
        for assignment in scope.assignments[name]:
            if getattr(assignment, "node", None) is handler.name.name:
                references = assignment.references
                return bool(references) and all(id(r.node) in self.bare_names for r in references)
        return False

    # -- raise ---------------------------------------------------------------------------

    def visit_Raise(self, node: cst.Raise) -> None:
        handler = self._innermost()
        if handler is None or node.exc is None or node.cause is not None or handler.control_flow:
            return
        lines = self._lines(node)
        exc = node.exc
        if isinstance(exc, cst.Name) and handler.name is not None and exc.value == handler.name:
            if (not handler.star and handler.stable and not touches_traceback(handler.node.body, handler.name)
                    and not self._silenced(lines, "TRY201")):
                self.raise_plans[id(node)] = ""
                self.bare_names.add(id(exc))
            return
        assert self.recognise is not None
        if not self.recognise.new_exception(exc) or self._silenced(lines, "B904"):
            return
        name = self._chain_name(handler)
        if name is not None:
            self.raise_plans[id(node)] = name

    def _chain_name(self, handler: _Handler) -> Optional[str]:
        if handler.name is not None:
            return handler.name if handler.stable else None
        if handler.new_name is not None:
            return handler.new_name
        if handler.fixed_header or self._silenced(self._header_lines(handler.node), "B904"):
            return None
        if handler.node.type is None and self._shadowed("BaseException"):
            return None
        scope = self.get_metadata(ScopeProvider, handler.node, None)
        own = self._range(handler.node)
        if scope is None or own is None:
            return None
        assert self.names is not None
        for candidate in self.handler_names:
            if not isinstance(candidate, str) or not candidate.isidentifier():
                continue
            if not self.names.is_free(scope, candidate):
                continue
            if any(n == candidate and (inside(r, own) or inside(own, r)) for r, n in self.named):
                continue  # a handler around it or inside it already uses that name
            handler.new_name = candidate
            self.named.append((own, candidate))
            return candidate
        return None

    def leave_Raise(self, original_node, updated_node):
        plan = self.raise_plans.get(id(original_node))
        if plan is None:
            return updated_node
        if plan == "":
            self.record_fix(original_node, f"`raise {_code(original_node.exc)}` of the caught exception became a "
                                           "bare `raise` (keeps the original traceback)")
            return updated_node.with_changes(exc=None, whitespace_after_raise=cst.MaybeSentinel.DEFAULT)
        # recorded by the statement's line, once it is known to fit the line length
        self.chained[id(original_node)] = plan
        return updated_node.with_changes(cause=cst.From(item=cst.Name(plan)))

    def leave_SimpleStatementLine(self, original_node, updated_node):
        """A ``raise`` that gained ``from err`` is laid out to the project's line length
        when that made its line too long (codemods.cst.wrapping); when no layout fits,
        the chain is left to a person (reported) rather than break the line length."""
        chained = [index for index, small in enumerate(original_node.body) if id(small) in self.chained]
        if not chained:
            return updated_node
        fitted = self._fitted(original_node, updated_node, chained)
        for index in chained:
            raise_node = original_node.body[index]
            name = self.chained.pop(id(raise_node))
            if fitted is None:
                self.record_finding(raise_node, f"chain this raise to the caught exception (`from {name}`) by hand: "
                                                "written here, the line would be longer than the project's line "
                                                f"length ({self.fitter.style.line_length if self.fitter else 88})",
                                    hint="split the message so that the raise fits, then add the `from` clause")
            else:
                self.record_fix(raise_node, f"chained the new exception to the caught one (`from {name}`): "
                                            "its __cause__ is set")
                self._chain_written(name)
        if fitted is None:
            body = [small.with_changes(cause=original_node.body[index].cause) if index in chained else small
                    for index, small in enumerate(updated_node.body)]
            return updated_node.with_changes(body=body)
        return fitted

    def leave_SimpleStatementSuite(self, original_node, updated_node):
        for small in original_node.body:
            name = self.chained.pop(id(small), None)
            if name is not None:
                self.record_fix(small, f"chained the new exception to the caught one (`from {name}`): "
                                       "its __cause__ is set")
                self._chain_written(name)
        return updated_node

    def _chain_written(self, name: str) -> None:
        for entry in reversed(self.stack):
            if isinstance(entry, _Handler):
                if entry.new_name == name:
                    entry.chains_written += 1
                return

    def _fitted(self, original, updated, chained: List[int]):
        """The line with its chained raises fitted to the line length, or None when
        they make a line too long that was not."""
        if len(updated.body) != len(original.body):
            return updated
        changed = [updated.body[index].exc for index in chained
                   if isinstance(updated.body[index], cst.Raise) and updated.body[index].exc is not None]
        try:
            where = self.get_metadata(PositionProvider, original)
        except KeyError:
            return updated
        if self.fitter is None:
            self.fitter = LineFitter(self.module_node, self.context.style)
        fitter = self.fitter
        start = where.start
        fitted = fitter.fit_statement_calls(original, updated, start.line, start.column, changed)
        indent = fitter.lines[start.line - 1][:start.column] if start.line <= len(fitter.lines) else ""
        if any(fitter.too_long(line) for line in fitter.statement_lines(fitted, indent)) and not fitter.any_too_long(
                start.line, where.end.line):
            return None
        return fitted

    # -- logging -------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        if not self.context.unsafe_fixes or not isinstance(node.func, cst.Attribute) or node.func.attr.value != "error":
            return
        if self._innermost() is None or any(a.keyword is not None and a.keyword.value == "exc_info" for a in node.args):
            return
        assert self.recognise is not None
        if self.recognise.logger_call(node) and not self._silenced(self._lines(node), "TRY400"):
            self.log_plans.add(id(node))

    def leave_Call(self, original_node, updated_node):
        if id(original_node) not in self.log_plans:
            return updated_node
        self.record_fix(original_node, f"`{_code(original_node.func)}(...)` in a handler became "
                                       "`.exception(...)` (the log gains the traceback)", safe=False)
        return updated_node.with_changes(func=updated_node.func.with_changes(
            attr=updated_node.func.attr.with_changes(value="exception")))


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _short(qualified: str) -> str:
    return qualified[len("builtins."):] if qualified.startswith("builtins.") else qualified


def _reduced(handler: _HandlerNode, plan: _HeaderPlan) -> Dict[str, object]:
    """The handler's type with only the kept elements (each removed element hands its
    comma to the kept one before it, so the layout around the others stays)."""
    kind = handler.type
    assert isinstance(kind, cst.Tuple) and plan.elements is not None
    elements = list(kind.elements)
    kept: List[cst.Element] = []
    for index, element in enumerate(elements):
        if index in plan.elements:
            value = element.value
            if index == plan.oserror_at:
                value = cst.Name("OSError")
            kept.append(element.with_changes(value=value))
        elif kept:
            kept[-1] = kept[-1].with_changes(comma=element.comma)
    if len(kept) == 1:
        single = kept[0].value
        changes: Dict[str, object] = {"type": single}
        # ``except(A, B):`` becomes ``except A:`` (``except*(A, B):`` becomes ``except* A:``)
        star = isinstance(handler, cst.ExceptStarHandler)
        field_name = "whitespace_after_star" if star else "whitespace_after_except"
        space = getattr(handler, field_name)
        if isinstance(space, cst.SimpleWhitespace) and not space.value:
            changes[field_name] = cst.SimpleWhitespace(" ")
        # ``except(A, B)as e:`` becomes ``except A as e:``
        name = handler.name
        if name is not None and isinstance(name.whitespace_before_as, cst.SimpleWhitespace) \
                and not name.whitespace_before_as.value:
            changes["name"] = name.with_changes(whitespace_before_as=cst.SimpleWhitespace(" "))
        return changes
    return {"type": kind.with_changes(elements=kept)}
