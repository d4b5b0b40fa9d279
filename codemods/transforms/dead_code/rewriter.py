"""The libcst half of ``dead-code``: removes what the project plan names, and
unreachable statements in functions. See the package's ``__init__`` for the rules."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst
from libcst.metadata import PositionProvider, ScopeProvider

from codemods.cst.base import Rewriter
from codemods.cst.statement_removal import cap_blank_runs, longest_blank_run, tidy_body
from codemods.transforms.dead_code.index import DeadCodePlan, build_plan, scan_file

_Definition = Union[cst.FunctionDef, cst.ClassDef, cst.SimpleStatementLine]
_TERMINATORS = (cst.Return, cst.Raise, cst.Continue, cst.Break)
_KIND_WORDS = {"function": "function", "class": "class", "assignment": "constant", "method": "method",
               "attribute": "class attribute"}


class DeadCodeRewriter(Rewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        self._remove: Set[Tuple[str, str]] = set()
        self._reports: Dict[Tuple[str, str], Tuple[str, str]] = {}
        self._depth = 0  # function and class nesting
        self._functions = 0

    # -- the plan ----------------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        plan: Optional[DeadCodePlan] = self.context.project
        if plan is None:  # a single string (tests, examples): the file is its own project
            facts = scan_file(self.context.path, node.code)
            plan = build_plan([facts] if facts is not None else [], [self.context.path])
        unsafe = self.context.unsafe_fixes
        self._remove = plan.removals_for(self.context.path, unsafe)
        self._reports = {(qualname, kind): (message, hint)
                         for qualname, kind, _, message, hint in plan.reports_for(self.context.path, unsafe)}

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._depth += 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._depth += 1
        self._functions += 1

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        self._depth -= 1
        self._functions -= 1
        return updated_node

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self._depth -= 1
        if self._depth or not isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node
        owner = original_node.name.value
        members = _members(original_node.body.body, owner, member=True)  # type: ignore[union-attr]
        doomed = self._doomed(members)
        if not doomed:
            return updated_node
        body, orphans = _without(updated_node.body.body, doomed, strip_first=True)  # type: ignore[union-attr]
        if not body:
            body = [cst.SimpleStatementLine(body=(cst.Pass(),), leading_lines=orphans)]
            orphans = []
        block = updated_node.body.with_changes(body=body, footer=list(orphans) + list(updated_node.body.footer))
        return updated_node.with_changes(body=block)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        doomed = self._doomed(_members(original_node.body, "", member=False))
        if not doomed:
            return updated_node
        strip_first = not updated_node.header or updated_node.header[-1].comment is None
        body, orphans = _without(updated_node.body, doomed, strip_first)
        remains = bool(body or updated_node.header or orphans or updated_node.footer)
        # a file without a final newline keeps it so; an emptied file is empty
        return updated_node.with_changes(body=body, footer=list(orphans) + list(updated_node.footer),
                                         has_trailing_newline=updated_node.has_trailing_newline and remains)

    def _doomed(self, members: Sequence[Tuple[int, cst.BaseStatement, str, str, cst.CSTNode]]) -> Set[int]:
        """Indexes of the statements to remove; records the fixes and findings."""
        doomed: Set[int] = set()
        for index, statement, qualname, kind, name_node in members:
            key = (qualname, kind)
            if key in self._remove:
                doomed.add(index)
                private = qualname.rpartition(".")[2].startswith("_")
                self.record_fix(name_node, f"removed unused {'private ' if private else ''}{_KIND_WORDS[kind]} "
                                f"'{qualname}'", safe=private)
            elif key in self._reports:
                message, hint = self._reports.pop(key)
                self.record_finding(name_node, message, hint)
        return doomed

    # -- unreachable statements ---------------------------------------------------

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        if not self._functions:
            return updated_node  # module and class level: left alone
        cut = _terminator_index(updated_node.body)
        if cut is None:
            return updated_node
        statement_index, small_index = cut
        line = updated_node.body[statement_index]
        trailing_small = line.body[small_index + 1:]  # type: ignore[union-attr]
        after = list(updated_node.body[statement_index + 1:])
        originals = list(original_node.body[statement_index + 1:])
        if not after and not trailing_small:
            return updated_node
        if not self._removable(originals, original_node.body[statement_index], small_index):
            return updated_node
        body = list(updated_node.body)
        if trailing_small:
            kept = list(line.body[: small_index + 1])  # type: ignore[union-attr]
            kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            body[statement_index] = line.with_changes(body=kept)
        first = original_node.body[statement_index + 1] if originals else original_node.body[statement_index]
        self.record_fix(first, f"removed unreachable code after '{_keyword(line.body[small_index])}'")  # type: ignore[union-attr]
        emptied = {id(statement) for statement in after}
        new_body, orphans = tidy_body(body, True, lambda statement: id(statement) in emptied)
        return updated_node.with_changes(body=new_body or body[: statement_index + 1],
                                         footer=list(orphans) + list(updated_node.footer))

    def _removable(self, statements: Sequence[cst.BaseStatement], line: cst.BaseStatement, small_index: int) -> bool:
        """Removing them changes nothing that runs: no yield (the function would stop
        being a generator), no global/nonlocal, and every name they bind is also bound
        elsewhere in the function (else it would stop being local)."""
        nodes: List[cst.CSTNode] = list(statements)
        if isinstance(line, cst.SimpleStatementLine):
            nodes.extend(line.body[small_index + 1:])
        inside: Set[int] = set()
        for node in nodes:
            if _contains_generator_or_declaration(node):
                return False
            _collect_ids(node, inside)
        if not nodes:
            return True
        try:
            scope = self.get_metadata(ScopeProvider, nodes[0])
        except KeyError:
            return False
        if scope is None:
            return False
        for assignment in scope.assignments:
            node = getattr(assignment, "node", None)
            if node is None or id(node) not in inside:
                continue
            bound_elsewhere = any(id(getattr(other, "node", None)) not in inside
                                  for other in scope.assignments[assignment.name])
            if not bound_elsewhere and _mentions(scope.node, assignment.name, inside):
                return False  # a read elsewhere would then resolve to another scope
        return True


def _keyword(node: cst.BaseSmallStatement) -> str:
    return {cst.Return: "return", cst.Raise: "raise", cst.Continue: "continue", cst.Break: "break"}[type(node)]


def _terminator_index(body: Sequence[cst.BaseStatement]) -> Optional[Tuple[int, int]]:
    for index, statement in enumerate(body):
        if isinstance(statement, cst.SimpleStatementLine):
            for small_index, small in enumerate(statement.body):
                if isinstance(small, _TERMINATORS):
                    return index, small_index
    return None


class _Finder(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = False

    def visit_Yield(self, node: cst.Yield) -> bool:
        self.found = True
        return False

    def visit_Global(self, node: cst.Global) -> bool:
        self.found = True
        return False

    def visit_Nonlocal(self, node: cst.Nonlocal) -> bool:
        self.found = True
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for decorator in node.decorators:
            decorator.visit(self)
        node.params.visit(self)
        return False  # its own yields and declarations are its own

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        node.params.visit(self)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        for decorator in node.decorators:
            decorator.visit(self)
        for argument in node.bases + node.keywords:
            argument.visit(self)
        return False


def _contains_generator_or_declaration(node: cst.CSTNode) -> bool:
    finder = _Finder()
    node.visit(finder)
    return finder.found


class _Mentions(cst.CSTVisitor):
    def __init__(self, name: str, skip: Set[int]) -> None:
        self.name, self.skip, self.found = name, skip, False

    def on_visit(self, node: cst.CSTNode) -> bool:
        if id(node) in self.skip or self.found:
            return False
        if isinstance(node, cst.Name) and node.value == self.name:
            self.found = True
        return True


def _mentions(root: cst.CSTNode, name: str, skip: Set[int]) -> bool:
    """``name`` appears in ``root`` outside ``skip`` (any use counts: over-approximate)."""
    visitor = _Mentions(name, skip)
    root.visit(visitor)
    return visitor.found


class _Ids(cst.CSTVisitor):
    def __init__(self, into: Set[int]) -> None:
        self.into = into

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.into.add(id(node))
        return True


def _collect_ids(node: cst.CSTNode, into: Set[int]) -> None:
    node.visit(_Ids(into))


def _members(body: Sequence[cst.BaseStatement], owner: str,
             member: bool) -> List[Tuple[int, cst.BaseStatement, str, str, cst.CSTNode]]:
    """(index, statement, qualname, kind, name node) of each definition of a block."""
    found = []
    prefix = f"{owner}." if owner else ""
    for index, statement in enumerate(body):
        if isinstance(statement, cst.FunctionDef):
            found.append((index, statement, prefix + statement.name.value, "method" if member else "function",
                          statement.name))
        elif isinstance(statement, cst.ClassDef) and not member:
            found.append((index, statement, statement.name.value, "class", statement.name))
        elif isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
            small = statement.body[0]
            target = None
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target = small.targets[0].target
            elif isinstance(small, cst.AnnAssign) and small.value is not None and not member:
                target = small.target
            if isinstance(target, cst.Name):
                found.append((index, statement, prefix + target.value, "attribute" if member else "assignment", target))
    return found


def _without(body: Sequence[cst.BaseStatement], doomed: Set[int],
             strip_first: bool) -> Tuple[List[cst.BaseStatement], List[cst.EmptyLine]]:
    """The block less the doomed statements. Each takes the comment lines directly
    above it; comments further up (a section header) stay, for the next statement,
    which keeps the separation the removed one had from what came before it
    (``def f(): ...`` then ``_X = 1`` then ``Y = 2``: Y keeps two blank lines)."""
    result: List[cst.BaseStatement] = []
    carried: List[cst.EmptyLine] = []
    limit = 0
    for index, statement in enumerate(body):
        if index in doomed:
            lines = list(statement.leading_lines)
            while lines and lines[-1].comment is not None:
                lines.pop()  # the comment block directly above goes with it
            carried.extend(lines)
            limit = max(limit, longest_blank_run(lines))
            continue
        if index and (carried or limit):
            own = list(statement.leading_lines)
            statement = statement.with_changes(
                leading_lines=cap_blank_runs(carried + own, max(limit, longest_blank_run(own))))
            carried, limit = [], 0
        if not result and strip_first and index > 0:
            lines = list(statement.leading_lines)
            while lines and lines[0].comment is None:
                lines.pop(0)
            statement = statement.with_changes(leading_lines=lines)
        result.append(statement)
    orphans = carried
    while orphans and orphans[0].comment is None:
        orphans.pop(0)
    return result, orphans
