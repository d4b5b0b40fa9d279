"""What ``codemod rename OLD NEW`` will do, decided once over the whole run with
``ast`` (no libcst): what OLD is (a module, a module-level definition, or a
member of a class), which classes of the run inherit the member, which import
bindings follow the new name, and whether the new name is free.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple

from codemods.transforms.naming.index import _Module, _module_name_for, resolve_relative, scan_module


class RenameError(ValueError):
    """OLD or NEW cannot be used (the message is for the user)."""


@dataclass(frozen=True)
class RenamePlan:
    kind: str  # "module" | "definition" | "member"
    old: str
    new: str
    #: the module holding the definition or class (the parent of OLD for modules)
    module: str
    #: the definition's name, or the class's name for members
    name: str
    #: the new name of the definition (or of the member, or the new module path)
    new_name: str
    member: str = ""
    #: (module, class) whose member is renamed: the class and its subclasses in the run
    classes: Tuple[Tuple[str, str], ...] = ()
    #: import bindings ``from m import name`` renamed along (the others get ``as name``)
    followers: Tuple[Tuple[str, str], ...] = ()
    #: why nothing will change ("" when the rename goes ahead)
    refused: str = ""
    modules: Tuple[str, ...] = ()


def _check_dotted(value: str, what: str) -> List[str]:
    parts = value.split(".")
    if not value or not all(p.isidentifier() for p in parts):
        raise RenameError(f"{what} must be a dotted name such as pkg.mod.func, not {value!r}")
    return parts


def _class_bases(facts: _Module, tree: ast.Module) -> Dict[str, List[Tuple[str, str]]]:
    """Module-level class -> its bases as (module, name) where they can be resolved."""
    found: Dict[str, List[Tuple[str, str]]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = []
        for base in node.bases:
            if isinstance(base, ast.Name):
                if base.id in facts.imported:
                    target, original, _ = facts.imported[base.id]
                    bases.append((target, original))
                else:
                    bases.append((facts.name, base.id))
            elif isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name):
                bases.append((f"{_module_of_binding(facts, base.value.id)}", base.attr))
        found[node.name] = bases
    return found


def _module_of_binding(facts: _Module, bound: str) -> str:
    if bound in facts.imported:
        target, original, _ = facts.imported[bound]
        return f"{target}.{original}"
    return bound


def _class_members(tree: ast.Module, class_name: str) -> Set[str]:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            names: Set[str] = set()
            for statement in node.body:
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.add(statement.name)
                for sub in ast.walk(statement) if isinstance(statement, (ast.Assign, ast.AnnAssign)) else ():
                    if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                        names.add(sub.id)
            return names
    return set()


def build_rename_plan(sources: Sequence[Tuple[str, str]], options: Mapping[str, object],
                      model=None) -> RenamePlan:
    """``model``: the project model, whose facts are used instead of scanning again."""
    old = str(options.get("old", "") or "")
    new = str(options.get("new", "") or "")
    if not old or not new:
        raise RenameError("rename needs OLD and NEW (codemod rename OLD NEW [PATH ...])")
    old_parts = _check_dotted(old, "OLD")
    new_parts = _check_dotted(new, "NEW")
    modules: Dict[str, _Module] = {}
    trees: Dict[str, ast.Module] = {}
    imported_modules: Set[str] = set()
    for path, text in sources:
        name, is_init = _module_name_for(path)
        try:
            tree = ast.parse(text, filename=path)
        except (SyntaxError, ValueError):
            continue
        if not name or name in modules:
            continue
        known = model.facts(path) if model is not None else None
        modules[name] = known if known is not None and known.name == name else scan_module(path, text, tree, name, is_init)
        trees[name] = tree
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported_modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                target = resolve_relative(name, is_init, node.level, node.module)
                if target:
                    imported_modules.add(target)
    names = tuple(sorted(modules))
    if old in modules or (old in imported_modules and len(new_parts) > 0):
        if new in modules:
            return RenamePlan("module", old, new, old.rpartition(".")[0], old_parts[-1], new,
                              refused=f"module {new} already exists", modules=names)
        return RenamePlan("module", old, new, old.rpartition(".")[0], old_parts[-1], new, modules=names)
    if len(new_parts) == 1:
        new_parts = old_parts[:-1] + new_parts
        new = ".".join(new_parts)
    if new_parts[:-1] != old_parts[:-1]:
        raise RenameError(f"NEW must keep the parent of OLD ({'.'.join(old_parts[:-1])}): "
                          "moving a definition to another module is not a rename")
    new_name = new_parts[-1]
    # a member of a class: pkg.mod.Class.member where pkg.mod is a module of the run
    parent_is_module = ".".join(old_parts[:-1]) in modules
    if not parent_is_module and len(old_parts) >= 3 and ".".join(old_parts[:-2]) in modules:
        module, class_name, member = ".".join(old_parts[:-2]), old_parts[-2], old_parts[-1]
        classes = _subclasses(modules, trees, (module, class_name))
        refused = ""
        for owner_module, owner in classes:
            if new_name in _class_members(trees[owner_module], owner):
                refused = f"cannot rename '{member}' to '{new_name}': name exists in {owner_module}.{owner}"
        return RenamePlan("member", old, new, module, class_name, new_name, member=member,
                          classes=tuple(sorted(classes)), refused=refused, modules=names)
    module, name = ".".join(old_parts[:-1]), old_parts[-1]
    refused = ""
    facts = modules.get(module)
    if facts is not None and (new_name in facts.identifiers or new_name in facts.definitions):
        refused = f"cannot rename '{name}' to '{new_name}': name exists in {module}"
    followers = _followers(modules, module, name, new_name)
    return RenamePlan("definition", old, new, module, name, new_name, followers=tuple(sorted(followers)),
                      refused=refused, modules=names)


def _followers(modules: Mapping[str, _Module], module: str, name: str, new_name: str) -> Set[Tuple[str, str]]:
    """Bindings ``from <m> import name`` (no ``as``) that can take the new name:
    transitively, and only where the new name is free."""
    renamed = {(module, name)}
    followers: Set[Tuple[str, str]] = set()
    changed = True
    while changed:
        changed = False
        for importer, facts in sorted(modules.items()):
            for bound, (target, original, aliased) in facts.imported.items():
                key = (importer, bound)
                if aliased or key in renamed or (target, original) not in renamed:
                    continue
                if new_name in facts.identifiers:
                    continue
                renamed.add(key)
                followers.add(key)
                changed = True
    return followers


def _subclasses(modules: Mapping[str, _Module], trees: Mapping[str, ast.Module],
                root: Tuple[str, str]) -> Set[Tuple[str, str]]:
    bases = {module: _class_bases(modules[module], trees[module]) for module in modules}
    found = {root}
    changed = True
    while changed:
        changed = False
        for module, classes in bases.items():
            for class_name, parents in classes.items():
                if (module, class_name) in found:
                    continue
                if any(_origin(modules, p) in found for p in parents):
                    found.add((module, class_name))
                    changed = True
    return found


def _origin(modules: Mapping[str, _Module], key: Tuple[str, str], depth: int = 0) -> Tuple[str, str]:
    module, name = key
    facts = modules.get(module)
    if facts is None or depth > 20 or name not in facts.imported:
        return key
    target, original, _ = facts.imported[name]
    return _origin(modules, (target, original), depth + 1)


def rename_words(options: Mapping[str, object]) -> Optional[str]:
    """The word every file touched by the rename mentions: the last part of OLD."""
    old = str(options.get("old", "") or "")
    return old.rsplit(".", 1)[-1] or None
