"""Rename to the project's naming convention, with every reference.

Two sources of renames meet here:

* the run's plan (``context.project``, built by ``index`` over every file):
  module-level definitions of this module, the imports and attribute references
  of other modules' renamed definitions, and keyword arguments at call sites of
  functions whose parameters are renamed;
* this file's own scopes: function locals, parameters of nested functions,
  comprehension and lambda variables, decided here with libcst's ScopeProvider.

Everything is collected first (``visit_Module``), checked so that no two names
merge, then respelled node by node.
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional, Set, Tuple

import libcst as cst
from libcst.metadata import GlobalScope, PositionProvider, ScopeProvider

from codemods.cst.base import Rewriter
from codemods.cst.metadata import ParentNodeProvider  # libcst's, cheaper
from codemods.transforms.naming.case import FRAMEWORK_NAMES, matches_any, proposed_name, validate_styles
from codemods.transforms.naming.index import (DECORATED, DYNAMIC_FUNCTION, ESCAPES, FRAMEWORK, IGNORED,
                                             NAME_EXISTS, SELF_NAMED, NamingPlan, build_plan,
                                             harmful_decorators, resolve_relative)
from codemods.transforms.naming.scopes import ScopeModel, Var, dotted, rewrite_annotation_string

METHOD_PARAMETER = "method parameter: overrides and callers may pass it by keyword"
LAMBDA_BOUND = "lambda bound to a name: callers may pass keywords"
KEYWORD_USED = "the name is passed as a keyword somewhere in this file"
UNSUPPORTED = "bound in a way the rewriter cannot follow"
STRING_ANNOTATION = "named in a string annotation that cannot be rewritten"
SUPPRESSED = "a line of it is suppressed"
DECIDED_BY_PLAN = "parameter of a module-level function: decided across the run"

_PLAN_LOOKUPS: Dict[int, "PlanLookup"] = {}


class PlanLookup:
    """The plan's tuples as dictionaries (built once per plan object)."""

    def __init__(self, plan: NamingPlan) -> None:
        self.modules = set(plan.modules)
        self.bindings: Dict[Tuple[str, str], Tuple[str, bool]] = {}
        self.origins: Dict[Tuple[str, str], Tuple[str, bool]] = {}
        for module, name, new, private in plan.renames:
            self.origins[(module, name)] = (new, private)
            self.bindings[(module, name)] = (new, private)
        for module, name, new, private in plan.bindings:
            self.bindings[(module, name)] = (new, private)
        self.params: Dict[Tuple[str, str], Tuple[Dict[str, str], bool]] = {
            (module, function): (dict(renames), private) for module, function, renames, private in plan.params}
        self.callables: Dict[Tuple[str, str], Tuple[str, str]] = {
            (module, name): (om, on) for module, name, om, on in plan.callables}
        self.skipped = plan.skipped
        self.held = plan.held

    @classmethod
    def of(cls, plan: NamingPlan) -> "PlanLookup":
        key = id(plan)
        cached = _PLAN_LOOKUPS.get(key)
        if cached is None or cached.plan_ref is not plan:
            cached = cls(plan)
            cached.plan_ref = plan
            _PLAN_LOOKUPS.clear()
            _PLAN_LOOKUPS[key] = cached
        return cached

    def split(self, qualified: str) -> Optional[Tuple[str, str]]:
        module, _, name = qualified.rpartition(".")
        return (module, name) if module in self.modules else None


class NamingRewriter(Rewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider, ParentNodeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.respell: Dict[cst.CSTNode, str] = {}
        self.restring: Dict[cst.CSTNode, cst.CSTNode] = {}
        self.aliases: Dict[cst.CSTNode, List[Tuple[str, str]]] = {}  # keep-alias: statement -> (old, new)
        #: (line, name, proposed, reason) of local candidates left alone (for statistics)
        self.skipped: List[Tuple[int, str, str, str]] = []

    # -- deciding ------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> bool:
        self.styles = validate_styles(self.options)
        self.ignore = tuple(self.options.get("ignore-names", ()) or ())
        self.module_name = self.context.module_name or ""
        plan = self.context.project
        if not isinstance(plan, NamingPlan) or self.module_name not in plan.modules:
            plan = build_plan([(self.context.path, node.code)], self.options, self.context.codemod_id)
        self.plan = PlanLookup.of(plan)
        self.model = ScopeModel(node, self.metadata[ScopeProvider], self.metadata[ParentNodeProvider].keys())
        self.suppressed = _suppressed_lines(node.code, self.context.codemod_id)
        self.final: Dict[Var, str] = {}
        self.safe_of: Dict[Var, bool] = {}
        self.keyword_renames: Dict[cst.CSTNode, Tuple[Dict[str, str], bool]] = {}  # def node -> params
        self.imported_keys: Set[Var] = set()
        self._plan_module_names()
        self._plan_imports()
        self._plan_parameters()
        self._decide_locals()
        self.var_of_name = {id(n): key for key, v in self.model.variables.items() for n in v.names}
        self.dotted_access = self.model.dotted_accesses
        self._plan_attributes()
        self._plan_keywords()
        self._apply_variables()
        self._report_plan_conflicts()
        self._report_held(node)
        return True

    def applies(self, private: bool) -> bool:
        return private or self.context.unsafe_fixes

    def _plan_module_names(self) -> None:
        scope = self.model.global_scope
        if scope is None:
            return
        bound_now = {name for (s, name) in self.model.variables if s is scope}
        for (module, name), (new, private) in sorted(self.plan.origins.items()):
            if module != self.module_name or not self.applies(private) or new in bound_now:
                continue
            key = (scope, name)
            variable = self.model.variables.get(key)
            if variable is None or variable.unsupported or self._touches_suppressed(variable):
                continue
            self.final[key] = new
            self.safe_of[key] = private
            if not private and self.options.get("keep-alias"):
                self._leave_alias(variable, name, new)

    def _leave_alias(self, variable, old: str, new: str) -> None:
        statement = None
        for definition in variable.definitions:
            candidate = self._top_level_statement(definition)
            if candidate is not None:
                statement = candidate
        if statement is not None:
            self.aliases.setdefault(statement, []).append((old, new))

    def _top_level_statement(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        current = node
        while current is not None:
            parent = self.get_metadata(ParentNodeProvider, current, None)
            if isinstance(parent, cst.Module):
                return current
            current = parent
        return None

    def _plan_imports(self) -> None:
        for statement in self.model.collected.imports:
            if isinstance(statement.names, cst.ImportStar):
                continue
            target = self._absolute(statement)
            if not target:
                continue
            for alias in statement.names:
                if not isinstance(alias.name, cst.Name):
                    continue
                found = self.plan.bindings.get((target, alias.name.value))
                if found is None or not self.applies(found[1]):
                    continue
                new, private = found
                if alias.asname is not None:
                    self.respell[alias.name] = new
                    self.record_fix(alias, f"renamed import of '{alias.name.value}' to '{new}'", safe=private)
                    continue
                scope = self.get_metadata(ScopeProvider, alias.name, None) or self.model.scope_of.get(statement)
                key = (scope, alias.name.value)
                if key in self.model.variables:
                    self.final[key] = new
                    self.safe_of[key] = private
                    self.imported_keys.add(key)

    def _absolute(self, statement: cst.ImportFrom) -> Optional[str]:
        level = len(statement.relative)
        target = dotted(statement.module) if statement.module is not None else None
        return resolve_relative(self.module_name, self.context.is_package_init, level, target)

    def _plan_parameters(self) -> None:
        scope = self.model.global_scope
        if scope is None:
            return
        for (module, function), (renames, private) in sorted(self.plan.params.items()):
            if module != self.module_name or not self.applies(private):
                continue
            variable = self.model.variables.get((scope, function))
            if variable is None:
                continue
            for definition in variable.definitions:
                if not isinstance(definition, cst.FunctionDef):
                    continue
                inner = self.model.function_scope_of.get(definition)
                if inner is None:
                    continue
                applied = {}
                for old, new in renames.items():
                    key = (inner, old)
                    if key in self.model.variables and not self.model.variables[key].unsupported:
                        self.final[key] = new
                        self.safe_of[key] = private
                        applied[old] = new
                self.keyword_renames[definition] = (applied, private)

    # -- function locals -------------------------------------------------------------
    def _decide_locals(self) -> None:
        candidates: Dict[Var, str] = {}
        keywords_used = {arg.keyword.value for call in self.model.collected.calls for arg in call.args
                         if arg.keyword is not None}
        for key, variable in sorted(self.model.variables.items(), key=self._order):
            scope, name = key
            where = self.model.enclosing_kind(scope)
            if where in ("module", "class", "other") or key in self.final:
                continue
            kind = self._kind(variable)
            if kind is None:
                continue
            new = proposed_name(name, kind, self.styles)
            if new is None:
                continue
            reason = self._local_blocker(key, variable, kind, where, keywords_used)
            if reason == DECIDED_BY_PLAN:
                continue
            if reason:
                self._skip(variable, name, new, reason)
                continue
            candidates[key] = new
        # drop candidates that would merge names, until none does
        while True:
            final = dict(self.final)
            final.update(candidates)
            clashing = [key for key, new in candidates.items() if self.model.conflicts(key, new, final)]
            if not clashing:
                break
            for key in clashing:
                new = candidates.pop(key)
                variable = self.model.variables[key]
                self._skip(variable, key[1], new, NAME_EXISTS)
                self.record_finding(variable.names[0] if variable.names else variable.definitions[0],
                                    f"cannot rename '{key[1]}' to '{new}': name exists",
                                    hint="rename one of them by hand, or add the name to ignore-names")
        for key, new in candidates.items():
            self.final[key] = new
            self.safe_of[key] = True
        # nested functions: their parameters follow to keyword call sites
        for key, new in candidates.items():
            scope, name = key
            if self.model.enclosing_kind(scope) == "nested-function":
                owner = scope.node
                if isinstance(owner, cst.FunctionDef) and self._is_parameter(self.model.variables[key]):
                    self.keyword_renames.setdefault(owner, ({}, True))[0][name] = new

    def _order(self, item):
        (scope, name), variable = item
        node = variable.names[0] if variable.names else (variable.definitions[0] if variable.definitions else None)
        line, column = self.position(node) if node is not None else (0, 0)
        return line, column, name

    @staticmethod
    def _is_parameter(variable) -> bool:
        return bool(variable.definitions) and all(isinstance(d, cst.Param) for d in variable.definitions)

    @staticmethod
    def _kind(variable) -> Optional[str]:
        kinds = {type(d) for d in variable.definitions}
        if not kinds or kinds & {cst.Import, cst.ImportFrom}:
            return None
        if cst.ClassDef in kinds:
            return "class"
        if cst.FunctionDef in kinds:
            return "function"
        if kinds == {cst.Param}:
            return "argument"
        return "variable"

    def _local_blocker(self, key: Var, variable, kind: str, where: str, keywords_used: Set[str]) -> str:
        scope, name = key
        if name in FRAMEWORK_NAMES:
            return FRAMEWORK
        if matches_any(name, self.ignore):
            return IGNORED
        if variable.unsupported:
            return UNSUPPORTED
        if self._touches_suppressed(variable):
            return SUPPRESSED
        owner = _function_owner(scope)
        if self.model.uses_dynamic_namespace(owner if owner is not None else scope):
            return DYNAMIC_FUNCTION
        if any(self._self_named(d) for d in variable.definitions):
            return SELF_NAMED
        for definition in variable.definitions:
            if isinstance(definition, (cst.FunctionDef, cst.ClassDef)):
                if harmful_decorators([dotted(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
                                       or "?" for d in definition.decorators]):
                    return DECORATED
        if self._is_parameter(variable):
            reason = self._parameter_blocker(scope, name, variable, where, keywords_used)
            if reason:
                return reason
        if variable.strings and any(rewrite_annotation_string(s, {name: name + "_"}) is None for s in variable.strings):
            return STRING_ANNOTATION
        return ""

    def _parameter_blocker(self, scope, name: str, variable, where: str, keywords_used: Set[str]) -> str:
        param = variable.definitions[0]
        by_keyword = self._keyword_passable(scope.node, param)
        if not by_keyword:
            return ""  # *args, **kwargs, positional-only: no caller spells them
        if where == "method":
            return METHOD_PARAMETER
        if where == "module-function":
            return DECIDED_BY_PLAN
        if where == "lambda":
            parent = self.get_metadata(ParentNodeProvider, scope.node, None)
            if isinstance(parent, (cst.Assign, cst.AnnAssign)) and self._local_lambda_only_called(parent):
                return ""  # a local no caller can pass keywords to: its parameters are locals
            if isinstance(parent, (cst.Assign, cst.AnnAssign, cst.NamedExpr, cst.Return)):
                return LAMBDA_BOUND
            return KEYWORD_USED if name in keywords_used else ""
        if where == "nested-function":
            owner = scope.node
            if not isinstance(owner, cst.FunctionDef):
                return UNSUPPORTED
            if harmful_decorators([dotted(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
                                   or "?" for d in owner.decorators]):
                return DECORATED
            if not self._only_called(owner):
                return ESCAPES
        return ""

    @staticmethod
    def _keyword_passable(owner: Optional[cst.CSTNode], param: cst.Param) -> bool:
        parameters = getattr(owner, "params", None)
        if not isinstance(parameters, cst.Parameters):
            return True
        if any(p is param for p in parameters.posonly_params):
            return False
        if parameters.star_arg is param or parameters.star_kwarg is param:
            return False
        return True

    def _local_lambda_only_called(self, statement) -> bool:
        """``name = lambda ...`` binds a function local whose every use is a direct
        call with neither keywords nor ``**``."""
        if isinstance(statement, cst.Assign):
            if len(statement.targets) != 1:
                return False
            target = statement.targets[0].target
        else:
            target = statement.target
        if not isinstance(target, cst.Name):
            return False
        scope = self.get_metadata(ScopeProvider, statement, None)
        if self.model.enclosing_kind(scope) not in ("module-function", "nested-function", "method", "lambda"):
            return False
        variable = self.model.variables.get((scope, target.value))
        if variable is None or variable.strings or variable.unsupported:
            return False
        callees = {id(call.func): call for call in self.model.collected.calls}
        for name in variable.names:
            if name is target:
                continue
            if any(name is d for d in variable.definitions):
                return False  # bound again elsewhere (another assignment, a loop, a parameter)
            call = callees.get(id(name))
            if call is None or any(arg.keyword is not None or arg.star == "**" for arg in call.args):
                return False
        return True

    def _only_called(self, definition: cst.FunctionDef) -> bool:
        """Every use of the function is a direct call without ``**`` arguments."""
        outer = self.get_metadata(ScopeProvider, definition, None)
        variable = self.model.variables.get((outer, definition.name.value))
        if variable is None or len(variable.definitions) != 1 or variable.strings:
            return False
        callees = {id(call.func): call for call in self.model.collected.calls}
        for name in variable.names:
            if name is definition.name:
                continue
            call = callees.get(id(name))
            if call is None or any(arg.star == "**" for arg in call.args):
                return False
        return True

    def _self_named(self, definition: cst.CSTNode) -> bool:
        if not isinstance(definition, cst.Name):
            return False
        parent = self.get_metadata(ParentNodeProvider, definition, None)
        while isinstance(parent, (cst.AssignTarget, cst.Tuple, cst.List, cst.Element, cst.StarredElement)):
            parent = self.get_metadata(ParentNodeProvider, parent, None)
        value = getattr(parent, "value", None) if isinstance(parent, (cst.Assign, cst.AnnAssign)) else None
        if isinstance(value, cst.Call) and value.args and isinstance(value.args[0].value, cst.SimpleString):
            return value.args[0].value.evaluated_value == definition.value
        return False

    def _touches_suppressed(self, variable) -> bool:
        if not self.suppressed:
            return False
        nodes = list(variable.names) + list(variable.strings)
        return any(self.position(n)[0] in self.suppressed for n in nodes)

    def _skip(self, variable, name: str, new: str, reason: str) -> None:
        node = variable.names[0] if variable.names else (variable.definitions[0] if variable.definitions else None)
        line = self.position(node)[0] if node is not None else 0
        self.skipped.append((line, name, new, reason))

    # -- references to other modules ------------------------------------------------
    def _resolve(self, node: cst.CSTNode) -> List[Tuple[str, str]]:
        """(module, name) a Name or ``module.attr`` refers to across the run, from
        the scope model's bindings (cheaper than QualifiedNameProvider)."""
        if isinstance(node, cst.Name):
            key = self.var_of_name.get(id(node))
            if key is None:
                return []
            found = self._origin_of_binding(key)
            return [found] if found is not None else []
        if isinstance(node, cst.Attribute):
            module = self._module_denoted(node.value)
            return [(module, node.attr.value)] if module else []
        return []

    def _origin_of_binding(self, key) -> Optional[Tuple[str, str]]:
        """What a variable is bound to: (this module, name) for a module-level
        definition, (module, name) for ``from module import name``."""
        scope, name = key
        variable = self.model.variables[key]
        for definition in variable.definitions:
            if isinstance(definition, cst.ImportFrom) and not isinstance(definition.names, cst.ImportStar):
                target = self._absolute(definition)
                for alias in definition.names:
                    bound = alias.asname.name if alias.asname is not None else alias.name
                    if isinstance(bound, cst.Name) and bound.value == name and isinstance(alias.name, cst.Name):
                        return (target, alias.name.value) if target else None
                return None
            if isinstance(definition, cst.Import):
                return None
        if scope is self.model.global_scope:
            return self.module_name, name
        return None

    def _module_denoted(self, node: cst.BaseExpression) -> Optional[str]:
        """The module an expression names: ``m`` after ``import pkg.mod as m`` or
        ``from pkg import mod``, and ``pkg.mod`` after ``import pkg.mod``."""
        text = dotted(node)
        if not text:
            return None
        head = node
        while isinstance(head, cst.Attribute):
            head = head.value
        key = self.var_of_name.get(id(head)) if isinstance(head, cst.Name) else None
        if key is None:
            key = self.dotted_access.get(id(node))
            if key is None:
                return None
        for definition in self.model.variables[key].definitions:
            if isinstance(definition, cst.Import):
                for alias in definition.names:
                    imported = dotted(alias.name)
                    if alias.asname is not None:
                        if isinstance(alias.asname.name, cst.Name) and alias.asname.name.value == text:
                            return imported
                    elif imported == text:
                        return imported
            elif isinstance(definition, cst.ImportFrom) and isinstance(node, cst.Name):
                origin = self._origin_of_binding(key)
                if origin is not None:
                    return f"{origin[0]}.{origin[1]}"
        return None

    def _plan_attributes(self) -> None:
        for attribute in self.model.collected.attributes:
            if not isinstance(attribute.value, (cst.Name, cst.Attribute)):
                continue
            for module, name in self._resolve(attribute):
                if module == self.module_name or name != attribute.attr.value:
                    continue
                found = self.plan.bindings.get((module, name))
                if found is not None and self.applies(found[1]):
                    self.respell[attribute.attr] = found[0]
                    self.record_fix(attribute, f"renamed reference '{dotted(attribute)}' to '{found[0]}'",
                                    safe=found[1])
                    break

    def _plan_keywords(self) -> None:
        for call in self.model.collected.calls:
            if not any(arg.keyword is not None for arg in call.args):
                continue
            renames, private = self._parameter_renames(call.func)
            if not renames or not self.applies(private):
                continue
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value in renames:
                    new = renames[arg.keyword.value]
                    self.respell[arg.keyword] = new
                    self.record_fix(arg, f"renamed keyword '{arg.keyword.value}' to '{new}'", safe=private)

    def _parameter_renames(self, func: cst.BaseExpression) -> Tuple[Dict[str, str], bool]:
        if isinstance(func, cst.Name):
            key = self.var_of_name.get(id(func))
            if key is not None and key[0] is not self.model.global_scope:
                for definition in self.model.variables[key].definitions:
                    if definition in self.keyword_renames:
                        return self.keyword_renames[definition]
        for module, name in self._resolve(func) if isinstance(func, (cst.Name, cst.Attribute)) else ():
            origin = self.plan.callables.get((module, name), (module, name))
            found = self.plan.params.get(origin)
            if found is not None:
                return found
        return {}, True

    # -- applying ------------------------------------------------------------------
    def _apply_variables(self) -> None:
        by_string: Dict[cst.CSTNode, Dict[str, str]] = {}
        for key, new in sorted(self.final.items(), key=lambda item: self._order((item[0], self.model.variables[item[0]]))):
            variable = self.model.variables[key]
            for name in variable.names:
                self.respell[name] = new
            for string in variable.strings:
                by_string.setdefault(string, {})[key[1]] = new
            safe = self.safe_of.get(key, True)
            anchor = variable.names[0] if variable.names else variable.definitions[0]
            uses = max(len(variable.names) + len(variable.strings) - len(variable.definitions), 0)
            what = "imported name" if key in self.imported_keys else "name"
            self.record_fix(anchor, f"renamed {what} '{key[1]}' to '{new}'"
                            + (f" ({uses} reference{'s' if uses != 1 else ''})" if uses else ""), safe=safe)
        for string, renames in by_string.items():
            rewritten = rewrite_annotation_string(string, renames)
            if rewritten is not None:
                self.restring[string] = rewritten

    def _report_plan_conflicts(self) -> None:
        scope = self.model.global_scope
        for module, name, new, reason in self.plan.skipped:
            if module != self.module_name or reason != NAME_EXISTS or "(" in name:
                continue
            variable = self.model.variables.get((scope, name))
            if variable is None or not variable.names:
                continue
            self.record_finding(variable.names[0], f"cannot rename '{name}' to '{new}': name exists",
                                hint="rename one of them by hand, or add the name to ignore-names")

    def _report_held(self, module: cst.Module) -> None:
        """Definitions and parameters of this module that a file outside the run refers
        to: renaming them here alone would break that file."""
        scope = self.model.global_scope
        for owner, label, new, private, where in self.plan.held:
            if owner != self.module_name or not self.applies(private):
                continue
            function, _, param = label.partition("(")
            if param:
                anchor = _parameter_name(module, function, param.rstrip(")"))
                what = f"parameter '{param.rstrip(')')}' of '{function}'"
                old = param.rstrip(")")
            else:
                variable = self.model.variables.get((scope, label))
                anchor = variable.names[0] if variable is not None and variable.names else None
                what, old = f"'{label}'", label
            if anchor is None:
                continue
            other = where.rsplit(":", 1)[0]
            self.record_finding(anchor, f"cannot rename {what} to '{new}': {where} refers to '{old}' "
                                        "and is not part of this run",
                                hint=f"run codemod on both files ({self.context.path} {other}) "
                                     "or on the whole project to rename everywhere")

    # -- rewriting -----------------------------------------------------------------
    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        new = self.respell.get(original)
        return updated.with_changes(value=new) if new is not None else updated

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.BaseExpression:
        return self.restring.get(original, updated)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        if not self.aliases:
            return updated
        body = []
        for before, after in zip(original.body, updated.body):
            body.append(after)
            for old, new in self.aliases.get(before, ()):
                alias = cst.parse_statement(f"{old} = {new}  # kept for callers outside the project\n")
                if isinstance(after, (cst.FunctionDef, cst.ClassDef)):  # PEP 8, E305: two blank lines after a def
                    alias = alias.with_changes(leading_lines=[cst.EmptyLine(indent=False)] * 2)
                body.append(alias)
        return updated.with_changes(body=body)


def _parameter_name(module: cst.Module, function: str, param: str) -> Optional[cst.Name]:
    """The name node of ``param`` in the module-level ``def function`` (inside if/try
    blocks too, not inside classes or other functions)."""
    pending: List[cst.CSTNode] = list(module.body)
    while pending:
        statement = pending.pop(0)
        if isinstance(statement, cst.FunctionDef):
            if statement.name.value == function:
                params = statement.params
                every = [*params.posonly_params, *params.params, *params.kwonly_params]
                for star in (params.star_arg, params.star_kwarg):
                    if isinstance(star, cst.Param):
                        every.append(star)
                for candidate in every:
                    if candidate.name.value == param:
                        return candidate.name
            continue
        if isinstance(statement, cst.ClassDef) or not isinstance(statement, (cst.BaseCompoundStatement, cst.Else,
                                                                                 cst.ExceptHandler, cst.Finally)):
            continue
        body = getattr(statement, "body", None)
        if isinstance(body, cst.IndentedBlock):
            pending.extend(body.body)
        for part in ("orelse", "finalbody"):
            follow = getattr(statement, part, None)
            if follow is not None:
                pending.append(follow)  # an elif (If), an Else or a Finally
        pending.extend(getattr(statement, "handlers", ()))
    return None


def _function_owner(scope):
    """The innermost def or lambda scope around ``scope`` (comprehensions belong to it)."""
    from libcst.metadata import ComprehensionScope, FunctionScope

    current = scope
    while current is not None and not isinstance(current, GlobalScope):
        if isinstance(current, FunctionScope):
            return current
        if not isinstance(current, ComprehensionScope):
            return None
        current = current.parent
    return None


def _suppressed_lines(code: str, codemod_id: str) -> frozenset:
    if "codemod:" not in code:
        return frozenset()
    from codemods.engine.suppression import find_suppressions

    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        tree = None
    return find_suppressions(code, tree).lines_for(codemod_id)
