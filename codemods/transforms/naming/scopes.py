"""The scope model shared by ``naming`` and ``rename``: every binding of a file as a
variable (a scope and a name) with every node that spells it, and the checks that
keep a rename from merging two names.

Built from libcst's ScopeProvider (assignments and accesses, string annotations
included) plus what it does not record: ``global``/``nonlocal`` statements and
``match`` captures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Set, Tuple

import libcst as cst
from libcst.metadata import ClassScope, ComprehensionScope, FunctionScope, GlobalScope, Scope

#: a variable: the scope that binds it and its name
Var = Tuple[Scope, str]

_DYNAMIC_CALLS = frozenset({"locals", "vars", "eval", "exec"})


@dataclass
class Variable:
    scope: Scope
    name: str
    #: Name nodes that spell the binding or a use (definitions, uses, global/nonlocal, keywords aside)
    names: List[cst.Name] = field(default_factory=list)
    #: string annotations that mention it
    strings: List[cst.CSTNode] = field(default_factory=list)
    #: definition nodes (FunctionDef, ClassDef, Param, Name, Import...)
    definitions: List[cst.CSTNode] = field(default_factory=list)
    #: scopes where the name is written or read (for shadowing checks)
    sites: List[Scope] = field(default_factory=list)
    #: why it cannot be renamed whatever the new name ("" when it can)
    unsupported: str = ""


class _Collector:
    """What ScopeProvider leaves out, and the nodes the rewriters look at."""

    def __init__(self) -> None:
        self.declarations: List[Tuple[cst.CSTNode, cst.Name]] = []  # (Global | Nonlocal, name)
        self.captures: List[cst.Name] = []
        self.calls: List[cst.Call] = []
        self.attributes: List[cst.Attribute] = []
        self.imports: List[cst.ImportFrom] = []
        self.plain_imports: List[cst.Import] = []
        self.dynamic_calls: List[cst.Call] = []
        self.strings: List[cst.SimpleString] = []

    def visit_Global(self, node: cst.Global) -> None:
        self.declarations.extend((node, item.name) for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.declarations.extend((node, item.name) for item in node.names)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self.captures.append(node.name)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self.captures.append(node.name)

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self.captures.append(node.rest)

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)
        if isinstance(node.func, cst.Name) and node.func.value in _DYNAMIC_CALLS:
            if node.func.value != "vars" or not node.args:
                self.dynamic_calls.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attributes.append(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.append(node)

    def visit_Import(self, node: cst.Import) -> None:
        self.plain_imports.append(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.strings.append(node)


def _named_accesses(scope: Scope) -> Iterable[Tuple[str, object]]:
    """(name, access) pairs: a string annotation holds one access per name in it."""
    by_name = getattr(scope.accesses, "_accesses", None)
    if isinstance(by_name, Mapping):
        for name, accesses in by_name.items():
            for access in accesses:
                yield name, access
        return
    for access in scope.accesses:
        yield (access.node.value if isinstance(access.node, cst.Name) else ""), access


def dotted(node: cst.CSTNode) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else ""
    return ""


class ScopeModel:
    """Every variable of one module, indexed for renaming."""

    def __init__(self, module: cst.Module, scope_of: Mapping[cst.CSTNode, Optional[Scope]],
                 nodes: Iterable[cst.CSTNode]) -> None:
        """``nodes``: every node of the module (a metadata mapping's keys: walking
        them is much cheaper than another visit of the tree)."""
        self.module = module
        self.collected = _Collector()
        for node in nodes:
            visit = getattr(self.collected, "visit_" + type(node).__name__, None)
            if visit is not None:
                visit(node)
        self.scopes: List[Scope] = []
        seen: Set[int] = set()
        for scope in scope_of.values():
            if scope is not None and id(scope) not in seen:
                seen.add(id(scope))
                self.scopes.append(scope)
        self.scope_of = scope_of
        self.global_scope: Optional[Scope] = next((s for s in self.scopes if isinstance(s, GlobalScope)), None)
        self.variables: Dict[Var, Variable] = {}
        self.function_scope_of: Dict[cst.CSTNode, Scope] = {}
        #: accesses by the scope they sit in: (scope, name spelled, variables referred to)
        self.uses: List[Tuple[Scope, str, Tuple[Var, ...]]] = []
        #: names bound where ScopeProvider does not see it (match captures): scope -> names
        self.hidden_bindings: Dict[int, Set[str]] = {}
        self._ancestors: Dict[int, Tuple[List[Scope], frozenset]] = {}
        self.dotted_accesses: Dict[int, Var] = {}
        self._build()
        self._index()

    # -- construction -------------------------------------------------------------
    def _variable(self, scope: Scope, name: str) -> Variable:
        key = (scope, name)
        if key not in self.variables:
            self.variables[key] = Variable(scope, name)
        return self.variables[key]

    def _build(self) -> None:
        for scope in self.scopes:
            if isinstance(scope, FunctionScope) and scope.node is not None:
                self.function_scope_of[scope.node] = scope
            for assignment in scope.assignments:
                variable = self._variable(scope, assignment.name)
                self._add_definition(variable, assignment)
        for scope in self.scopes:
            for spelled, access in _named_accesses(scope):
                referents = tuple(sorted({(a.scope, a.name) for a in access.referents
                                          if (a.scope, a.name) in self.variables}, key=lambda v: v[1]))
                self.uses.append((access.scope, spelled, referents))
                for key in referents:
                    variable = self.variables[key]
                    variable.sites.append(access.scope)
                    node = access.node
                    if isinstance(node, cst.Name):
                        variable.names.append(node)
                    elif isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
                        variable.strings.append(node)
                    elif isinstance(node, cst.Attribute):
                        self.dotted_accesses[id(node)] = key  # ``pkg.mod`` after ``import pkg.mod``
                        variable.unsupported = variable.unsupported or "used through a dotted import"
                    else:
                        variable.unsupported = variable.unsupported or f"used through {type(node).__name__}"
                if len({key[0] for key in referents}) > 1:
                    for key in referents:
                        self.variables[key].unsupported = "resolves to several scopes"
        for statement, name in self.collected.declarations:
            scope = self.scope_of.get(statement)
            target = self._declared(statement, scope, name.value)
            if target is not None:
                target.names.append(name)
                target.sites.append(scope)
        for capture in self.collected.captures:
            scope = self.scope_of.get(capture)
            if scope is None:
                continue
            self.hidden_bindings.setdefault(id(scope), set()).add(capture.value)
            if (scope, capture.value) in self.variables:
                self.variables[(scope, capture.value)].unsupported = "bound by a match pattern"

    def _add_definition(self, variable: Variable, assignment) -> None:
        node = assignment.node
        variable.definitions.append(node)
        if isinstance(node, cst.Name):
            variable.names.append(node)
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Param)):
            variable.names.append(node.name)
        elif isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(bound, cst.Name) and bound.value == variable.name:
                    variable.names.append(bound)
        elif isinstance(node, cst.Import):
            for alias in node.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(bound, cst.Name) and bound.value == variable.name:
                    variable.names.append(bound)
                    break
            else:
                variable.unsupported = "dotted import"
        else:
            variable.unsupported = f"bound by {type(node).__name__}"
        scope = self.scope_of.get(node)
        if scope is not None:
            variable.sites.append(scope)

    def _declared(self, statement: cst.CSTNode, scope: Optional[Scope], name: str) -> Optional[Variable]:
        if scope is None:
            return None
        if isinstance(statement, cst.Global):
            return self.variables.get((self.global_scope, name)) if self.global_scope is not None else None
        parent = scope.parent
        while parent is not None and not isinstance(parent, GlobalScope):
            if not isinstance(parent, ClassScope) and (parent, name) in self.variables:
                return self.variables[(parent, name)]
            parent = parent.parent
        return None

    # -- questions ------------------------------------------------------------------
    def ancestors(self, scope: Scope) -> List[Scope]:
        cached = self._ancestors.get(id(scope))
        if cached is None:
            chain = []
            current = scope
            while current is not None:
                chain.append(current)
                if isinstance(current, GlobalScope):
                    break
                current = current.parent
            cached = self._ancestors[id(scope)] = (chain, frozenset(id(c) for c in chain))
        return cached[0]

    def inside(self, scope: Scope, outer: Scope) -> bool:
        self.ancestors(scope)
        return id(outer) in self._ancestors[id(scope)][1]

    def uses_dynamic_namespace(self, scope: Scope) -> bool:
        """locals()/vars()/eval/exec in ``scope`` or any scope nested in it."""
        for call in self.collected.dynamic_calls:
            where = self.scope_of.get(call)
            if where is not None and self.inside(where, scope):
                return True
        return False

    def _index(self) -> None:
        self.by_name: Dict[str, List[Var]] = {}
        for key in self.variables:
            self.by_name.setdefault(key[1], []).append(key)
        self.unresolved: Dict[str, List[Scope]] = {}
        for where, spelled, referents in self.uses:
            if not referents and spelled:
                self.unresolved.setdefault(spelled, []).append(where)

    def conflicts(self, key: Var, new: str, final: Mapping[Var, str]) -> bool:
        """Would renaming ``key`` to ``new`` merge it with another name, given the
        other renames in ``final``?"""
        scope = key[0]
        named_new = [v for v in self.by_name.get(new, ()) if v not in final]
        named_new += [v for v, name in final.items() if name == new and v != key]
        if any(v[0] is scope for v in named_new):
            return True
        if new in self.hidden_bindings.get(id(scope), ()):
            return True
        if any(self.inside(where, scope) for where in self.unresolved.get(new, ())):
            return True
        # a use of another ``new`` inside this scope that would now find this binding
        for var in named_new:
            if self.inside(var[0], scope):
                continue  # bound deeper: it shadows us, not the other way round
            if any(self.inside(site, scope) for site in self.variables[var].sites):
                return True
        # a use of this binding from a nested scope that binds ``new`` itself
        for site in self.variables[key].sites:
            for between in self.ancestors(site):
                if between is scope:
                    break
                if new in self.hidden_bindings.get(id(between), ()):
                    return True
                if any(v[0] is between for v in named_new):
                    return True
        return False

    def enclosing_kind(self, scope: Scope) -> str:
        """"method", "module-function", "nested-function", "lambda", "comprehension",
        "class", "module"."""
        if isinstance(scope, GlobalScope):
            return "module"
        if isinstance(scope, ClassScope):
            return "class"
        if isinstance(scope, ComprehensionScope):
            return "comprehension"
        if isinstance(scope, FunctionScope):
            if isinstance(scope.node, cst.Lambda):
                return "lambda"
            parent = scope.parent
            while parent is not None and type(parent).__name__ == "AnnotationScope":
                parent = parent.parent
            if isinstance(parent, ClassScope):
                return "method"
            if isinstance(parent, GlobalScope):
                return "module-function"
            return "nested-function"
        return "other"


def rewrite_annotation_string(node: cst.CSTNode, renames: Mapping[str, str]) -> Optional[cst.CSTNode]:
    """The string annotation ``node`` with the names in ``renames`` respelled, or
    None when it cannot be rewritten safely (prefixes, escapes, concatenation)."""
    if not isinstance(node, cst.SimpleString):
        return None
    if node.prefix or "\\" in node.value:
        return None
    quote = node.quote
    body = node.value[len(node.prefix) + len(quote): len(node.value) - len(quote)]
    try:
        expression = cst.parse_expression(body)
    except Exception:
        return None

    new_expression = _respell_heads(expression, renames)
    new_body = cst.Module([]).code_for_node(new_expression)
    if quote in new_body or "\n" in new_body:
        return None
    return node.with_changes(value=f"{node.prefix}{quote}{new_body}{quote}")


def _respell_heads(expression: cst.BaseExpression, renames: Mapping[str, str]) -> cst.BaseExpression:
    """Rename Names except the ``attr`` part of attributes."""

    class _Respell(cst.CSTTransformer):
        def __init__(self) -> None:
            super().__init__()
            self.attrs: Set[int] = set()

        def visit_Attribute(self, attribute: cst.Attribute) -> None:
            self.attrs.add(id(attribute.attr))

        def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
            if id(original) in self.attrs or original.value not in renames:
                return updated
            return updated.with_changes(value=renames[original.value])

    return expression.visit(_Respell())


def names_in(nodes: Iterable[cst.CSTNode]) -> List[str]:
    return [n.value for n in nodes if isinstance(n, cst.Name)]
