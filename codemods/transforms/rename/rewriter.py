"""``codemod rename OLD NEW``: respell one definition (or module, or class member)
and every reference that resolves to it through imports and aliases.

The run's plan (``plan``) says what OLD is and which import bindings
take the new name; this rewriter finds the references in one file with libcst's
ScopeProvider and QualifiedNameProvider, never by text. A binding that cannot
take the new name (it would merge with another name in that file) keeps its old
name through ``import new as old``.
"""

from __future__ import annotations

from typing import Dict, List, Optional

import libcst as cst
from libcst.metadata import (ClassScope, PositionProvider,
                             QualifiedNameSource, ScopeProvider)

from codemods.cst.base import Rewriter
from codemods.cst.metadata import ParentNodeProvider, QualifiedNameProvider  # libcst's, cheaper
from codemods.transforms.naming.index import _module_name_for, read_sources, resolve_relative
from codemods.transforms.rename.plan import RenamePlan, build_rename_plan
from codemods.transforms.naming.scopes import ScopeModel, dotted, rewrite_annotation_string


class RenameRewriter(Rewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider, QualifiedNameProvider, ParentNodeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        self.respell: Dict[cst.CSTNode, str] = {}
        self.replace: Dict[cst.CSTNode, cst.CSTNode] = {}

    def visit_Module(self, node: cst.Module) -> bool:
        plan = self.context.project
        if not isinstance(plan, RenamePlan):
            plan = build_rename_plan([(self.context.path, node.code)], self.options)
        self.plan = plan
        self.module_name = self.context.module_name or _module_name_for(self.context.path)[0] or ""
        if plan.refused:
            if self.module_name == plan.module:
                self.record_finding(node, plan.refused, hint="pick another name, or rename the other one first")
            return False
        self.model = ScopeModel(node, self.metadata[ScopeProvider], self.metadata[ParentNodeProvider].keys())
        if plan.kind == "definition":
            self._rename_definition()
        elif plan.kind == "member":
            self._rename_member()
        else:
            self._rename_module()
        self._rename_strings()
        return True

    # -- shared -----------------------------------------------------------------------
    def _absolute(self, statement: cst.ImportFrom) -> Optional[str]:
        target = dotted(statement.module) if statement.module is not None else None
        return resolve_relative(self.module_name, self.context.is_package_init, len(statement.relative), target)

    def _qualified(self, node: cst.CSTNode) -> List[str]:
        names = []
        for qualified in self.get_metadata(QualifiedNameProvider, node, set()) or ():
            name = qualified.name
            if qualified.source == QualifiedNameSource.LOCAL:
                if "." not in name and self.module_name:
                    names.append(f"{self.module_name}.{name}")
                elif self.module_name:
                    names.append(f"{self.module_name}.{name}")
                continue
            if name.startswith("."):
                dots = len(name) - len(name.lstrip("."))
                base = resolve_relative(self.module_name, self.context.is_package_init, dots, None)
                name = f"{base}.{name[dots:]}" if base else name[dots:]
            names.append(name)
        return names

    def _rename_variable(self, key, new: str, message: str) -> None:
        variable = self.model.variables[key]
        for name in variable.names:
            self.respell[name] = new
        for string in variable.strings:
            rewritten = rewrite_annotation_string(self.replace.get(string, string), {key[1]: new})
            if rewritten is not None:
                self.replace[string] = rewritten
        anchor = variable.names[0] if variable.names else variable.definitions[0]
        self.record_fix(anchor, message)

    # -- a module-level definition --------------------------------------------------
    def _rename_definition(self) -> None:
        plan = self.plan
        bindings = {(plan.module, plan.name)} | set(plan.followers)
        if self.module_name == plan.module and self.model.global_scope is not None:
            key = (self.model.global_scope, plan.name)
            if key in self.model.variables:
                self._rename_variable(key, plan.new_name, f"renamed '{plan.name}' to '{plan.new_name}'")
        for statement in self.model.collected.imports:
            if isinstance(statement.names, cst.ImportStar):
                continue
            target = self._absolute(statement)
            for alias in statement.names:
                if not isinstance(alias.name, cst.Name) or (target, alias.name.value) not in bindings:
                    continue
                self._follow_import(statement, alias, plan.new_name)
        for attribute in self.model.collected.attributes:
            if attribute.attr.value != plan.name:
                continue
            if any(q.rpartition(".")[0] and (q.rpartition(".")[0], plan.name) in bindings
                   for q in self._qualified(attribute) if q.endswith("." + plan.name)):
                self.respell[attribute.attr] = plan.new_name
                self.record_fix(attribute, f"renamed reference '{dotted(attribute)}'")
        self._rename_all_entries(plan.name, plan.new_name, bindings)

    def _follow_import(self, statement: cst.ImportFrom, alias: cst.ImportAlias, new: str) -> None:
        old = alias.name.value
        self.respell[alias.name] = new
        if alias.asname is not None:
            self.record_fix(alias, f"renamed import of '{old}' to '{new}'")
            return
        scope = self.model.scope_of.get(statement)
        key = (scope, old)
        variable = self.model.variables.get(key)
        importer_follows = (self.module_name, old) in set(self.plan.followers) or self.plan.kind == "module"
        local_only = scope is not self.model.global_scope
        if variable is not None and (importer_follows or local_only) and not variable.unsupported \
                and not self.model.conflicts(key, new, {}):
            self._rename_variable(key, new, f"renamed '{old}' to '{new}' (import)")
            return
        # keep the local name: ``from m import new as old``
        self.replace[alias] = alias.with_changes(
            name=cst.Name(new), asname=cst.AsName(name=cst.Name(old)), comma=alias.comma)
        self.record_fix(alias, f"import of '{old}' now reads '{new} as {old}'")

    def _rename_all_entries(self, old: str, new: str, bindings) -> None:
        """``__all__`` entries of modules whose binding is renamed."""
        if (self.module_name, old) not in bindings or self.model.global_scope is None:
            return
        for string in self.model.collected.strings:
            parent = self.get_metadata(ParentNodeProvider, string, None)
            grand = self.get_metadata(ParentNodeProvider, parent, None) if parent is not None else None
            holder = self.get_metadata(ParentNodeProvider, grand, None) if grand is not None else None
            if isinstance(holder, (cst.Assign, cst.AugAssign)) and _targets_all(holder):
                if string.evaluated_value == old:
                    self.replace[string] = string.with_changes(value=f"{string.prefix}{string.quote}{new}{string.quote}")
                    self.record_fix(string, f"renamed '{old}' in __all__")

    # -- a member of a class ----------------------------------------------------------
    def _rename_member(self) -> None:
        plan = self.plan
        classes = set(plan.classes)
        for key, variable in list(self.model.variables.items()):
            scope, name = key
            if name != plan.member or not isinstance(scope, ClassScope):
                continue
            owner = scope.node
            if (self.module_name, owner.name.value) in classes:
                self._rename_variable(key, plan.new_name, f"renamed '{owner.name.value}.{name}' to '{plan.new_name}'")
        class_names = {f"{m}.{c}" for m, c in classes}
        for attribute in self.model.collected.attributes:
            if attribute.attr.value != plan.member:
                continue
            receiver = attribute.value
            if any(q in class_names for q in self._qualified(receiver)) or self._is_self_of(receiver, classes):
                self.respell[attribute.attr] = plan.new_name
                self.record_fix(attribute, f"renamed reference '{dotted(attribute) or plan.member}'")
            else:
                self.record_finding(attribute, f"'.{plan.member}' on an object of unknown type was not renamed",
                                    hint=f"rename it by hand if it refers to {plan.old}")

    def _is_self_of(self, receiver: cst.BaseExpression, classes) -> bool:
        """``self``/``cls`` (the first parameter of a method) or ``super()`` inside a
        class of the set."""
        scope = self.get_metadata(ScopeProvider, receiver, None)
        if scope is None:
            return False
        method_scope = scope
        while method_scope is not None and not isinstance(getattr(method_scope, "node", None), cst.FunctionDef):
            method_scope = getattr(method_scope, "parent", None)
        if method_scope is None or not isinstance(method_scope.parent, ClassScope):
            return False
        owner = method_scope.parent.node
        if (self.module_name, owner.name.value) not in classes:
            return False
        if isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Name) and receiver.func.value == "super":
            return True
        params = method_scope.node.params.params
        return isinstance(receiver, cst.Name) and bool(params) and receiver.value == params[0].name.value

    # -- a module ------------------------------------------------------------------------
    def _rename_module(self) -> None:
        plan = self.plan
        old, new = plan.old, plan.new_name
        if self.module_name == old or self.module_name.startswith(old + "."):
            self.record_finding(self.module, f"this module is now {new}{self.module_name[len(old):]}: move the file",
                                hint="git mv the file (or package folder) to match the new name")
        old_parent, _, old_last = old.rpartition(".")
        new_parent, _, new_last = new.rpartition(".")
        for statement in self.model.collected.plain_imports:
            for alias in statement.names:
                name = dotted(alias.name)
                if name == old or name.startswith(old + "."):
                    renamed = new + name[len(old):]
                    self.replace[alias.name] = _dotted_node(renamed)
                    self.record_fix(alias, f"import {name} -> {renamed}")
        for statement in self.model.collected.imports:
            target = self._absolute(statement)
            if target and (target == old or target.startswith(old + ".")):
                renamed = new + target[len(old):]
                self.replace[statement] = self._retarget(statement, renamed)
                self.record_fix(statement, f"from {target} -> from {renamed}")
                continue
            if target == old_parent and old_parent == new_parent and not isinstance(statement.names, cst.ImportStar):
                for alias in statement.names:
                    if isinstance(alias.name, cst.Name) and alias.name.value == old_last:
                        self._follow_import(statement, alias, new_last)
        for attribute in self.model.collected.attributes:
            if dotted(attribute) == old and old in self._qualified(attribute):
                self.replace[attribute] = _dotted_node(new)
                self.record_fix(attribute, f"renamed reference '{old}' to '{new}'")

    def _retarget(self, statement: cst.ImportFrom, absolute: str) -> cst.ImportFrom:
        if statement.relative:
            current = resolve_relative(self.module_name, self.context.is_package_init, len(statement.relative), None) or ""
            if absolute.startswith(current + ".") if current else True:
                rest = absolute[len(current) + 1:] if current else absolute
                return statement.with_changes(module=_dotted_node(rest) if rest else None)
            return statement.with_changes(relative=[], module=_dotted_node(absolute))
        return statement.with_changes(module=_dotted_node(absolute))

    # -- strings that spell the full dotted name (mock.patch("pkg.mod.name")) -------
    def _rename_strings(self) -> None:
        plan = self.plan
        old = plan.old
        new = plan.new if plan.kind != "module" else plan.new_name
        for string in self.model.collected.strings:
            if string in self.replace or string.prefix.lower() not in ("",) or "\\" in string.value:
                continue
            value = string.evaluated_value
            if not isinstance(value, str):
                continue
            for separator in (".", ":"):
                if value == old or value.startswith(old + separator):
                    renamed = new + value[len(old):]
                    self.replace[string] = string.with_changes(value=f"{string.quote}{renamed}{string.quote}")
                    self.record_fix(string, f"renamed '{old}' in a string")
                    break

    # -- rewriting -------------------------------------------------------------------------
    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):
        replacement = self.replace.get(original)
        if replacement is not None:
            if isinstance(replacement, cst.ImportFrom):
                return updated.with_changes(module=replacement.module, relative=replacement.relative)
            if isinstance(replacement, cst.ImportAlias):
                return updated.with_changes(name=replacement.name, asname=replacement.asname)
            return replacement
        if isinstance(original, cst.Name) and original in self.respell:
            return updated.with_changes(value=self.respell[original])
        return updated


def _targets_all(statement: cst.CSTNode) -> bool:
    targets = statement.targets if isinstance(statement, cst.Assign) else [statement]
    return any(isinstance(t.target, cst.Name) and t.target.value == "__all__" for t in targets)


def _dotted_node(value: str) -> cst.BaseExpression:
    parts = value.split(".")
    node: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


def prepare_rename(paths, options) -> RenamePlan:
    return build_rename_plan(read_sources(paths), options)
