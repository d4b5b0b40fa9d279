"""Give undocumented defs and classes a docstring skeleton that documents their real
signature (see the package's ``__init__`` for the rules).

What a docstring documents is decided here from the syntax tree and libcst metadata
(scopes for raised names and ``__doc__`` readers, qualified names for decorators);
the text is written by :mod:`codemods.transforms.docstrings.render`, and existing
docstrings are amended by :mod:`codemods.transforms.docstrings.update`.
"""

from __future__ import annotations

import ast
import os
import re
from typing import Iterable, List, Optional, Sequence, Set, Union

import libcst as cst
from libcst.metadata import (
    BuiltinAssignment,
    ImportAssignment,
    PositionProvider,
    ScopeProvider,
)

from codemods.cst.base import Rewriter
from codemods.cst.blank_lines import space_after_blocks
from codemods.cst.metadata import ParentNodeProvider, QualifiedNameProvider  # libcst's, cheaper
from codemods.style.settings import DEFAULT_LINE_LENGTH
from codemods.transforms.docstrings.render import (
    STYLES,
    Entry,
    Skeleton,
    function_summary,
    noun_summary,
    prevailing_style,
    render,
    words_of,
)
from codemods.transforms.docstrings.update import update_args

Definition = Union[cst.FunctionDef, cst.ClassDef]

#: qualified-name prefixes whose decorators or calls read a def's docstring at run
#: time (command-line help); ``help-names`` adds more.
HELP_NAMES = ("click", "typer", "fire.Fire", "inspect.getdoc", "pydoc.getdoc", "pydoc.render_doc",
              "docopt.docopt", "invoke.task", "invoke.tasks.task", "fabric.task", "fabric.tasks.task")
#: classes whose ``do_*`` methods' docstrings are the interactive ``help <command>`` text.
COMMAND_SHELLS = {"cmd.Cmd"}
#: methods of a click/typer object that register a command from the decorated def.
HELP_REGISTRARS = {"command", "group", "callback", "result_callback", "add_command"}
OVERLOAD = {"typing.overload", "typing_extensions.overload"}
ABSTRACT = {"abc.abstractmethod"}
STATICMETHOD = {"builtins.staticmethod", "staticmethod"}
PROPERTY = {"builtins.property", "property", "functools.cached_property"}
#: return annotations that mean "returns nothing".
NOTHING = {"None", "NoReturn", "Never", "typing.NoReturn", "typing.Never", "typing_extensions.NoReturn",
           "typing_extensions.Never"}
#: generic aliases whose first argument is what a generator yields.
GENERATORS = {"Generator", "Iterator", "Iterable", "AsyncGenerator", "AsyncIterator", "AsyncIterable"}
#: methods whose docstring pydocstyle requires although their name is a dunder.
PUBLIC_DUNDERS = {"__call__", "__new__"}
#: pydoclint's default leaves out arguments named only with underscores.
UNDERSCORES_ONLY = re.compile(r"^\**_+$")


def _is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not _is_dunder(name)


def _docstring_node(body: cst.BaseSuite) -> Optional[cst.SimpleString]:
    """The string literal that is the body's docstring, if it has one."""
    statements = body.body
    if not statements:
        return None
    first = statements[0]
    if isinstance(first, cst.SimpleStatementLine):
        first_small = first.body[0] if first.body else None
    elif isinstance(first, cst.BaseSmallStatement):  # one-line suite
        first_small = first
    else:
        return None
    if isinstance(first_small, cst.Expr) and isinstance(first_small.value, (cst.SimpleString, cst.ConcatenatedString)):
        return first_small.value  # type: ignore[return-value]
    return None


class _BodyFacts(cst.CSTVisitor):
    """Returns, yields and raises of one function body, not entering nested scopes."""

    def __init__(self, rewriter: "DocstringsRewriter") -> None:
        super().__init__()
        self.rewriter = rewriter
        self.returns_value = False
        self.yields = False
        self.raises: List[str] = []
        self._handlers: List[Union[cst.ExceptHandler, cst.ExceptStarHandler]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None and not (isinstance(node.value, cst.Name) and node.value.value == "None"):
            self.returns_value = True

    def visit_Yield(self, node: cst.Yield) -> None:
        self.yields = True

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._handlers.append(node)

    def leave_ExceptHandler(self, original_node: cst.ExceptHandler) -> None:
        self._handlers.pop()

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> None:
        self._handlers.append(node)

    def leave_ExceptStarHandler(self, original_node: cst.ExceptStarHandler) -> None:
        self._handlers.pop()

    def visit_Raise(self, node: cst.Raise) -> None:
        if node.exc is None:
            names = self.rewriter.handler_types(self._handlers[-1]) if self._handlers else []
        else:
            names = self.rewriter.exception_names(node.exc)
        for name in names:
            if name not in self.raises:
                self.raises.append(name)


class _DocReaders(cst.CSTVisitor):
    """Finds the defs whose docstring the module itself reads at run time."""

    def __init__(self, rewriter: "DocstringsRewriter") -> None:
        super().__init__()
        self.rewriter = rewriter
        self.found: Set[int] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "__doc__":
            self.found.update(id(d) for d in self.rewriter.definitions_of(node.value))

    def visit_Call(self, node: cst.Call) -> None:
        if self.rewriter.is_help_name(node.func):
            for arg in node.args:
                self.found.update(id(d) for d in self.rewriter.definitions_of(arg.value))


class DocstringsRewriter(Rewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider, QualifiedNameProvider, ParentNodeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        options = self.options
        self.update = bool(options.get("update", False))
        self.init_args_in = options.get("init-args-in", "class")
        if self.init_args_in not in ("class", "init"):
            raise ValueError(f"init-args-in must be 'class' or 'init', not {self.init_args_in!r}")
        self.placeholder = str(options.get("placeholder", "TODO: describe."))
        if not self.placeholder.strip() or any(c in self.placeholder for c in ('"', "\\", "\n", "\r")):
            raise ValueError(f"placeholder must be one line of text without quotes or backslashes, not {self.placeholder!r}")
        self.help_names = tuple(HELP_NAMES) + tuple(options.get("help-names", ()))
        self.style = "google"
        self.module: Optional[cst.Module] = None
        self._indents: List[str] = []
        self._owners: List[Definition] = []
        self._runtime_docs: Set[int] = set()
        self._public_names: Optional[Set[str]] = None
        self._private_module = False
        #: ids of definitions a docstring turned from one-liners into blocks (see blank_lines)
        self._expanded: Set[int] = set()
        self._keep: List[cst.CSTNode] = []

    # ----------------------------------------------------------------- module set-up
    def visit_Module(self, node: cst.Module) -> None:
        self.module = node
        self.style = self._choose_style(node)
        self._public_names = self._dunder_all(node)
        module_name = self.context.module_name or ""
        self._private_module = any(_is_private(part) for part in module_name.split("."))
        if not self.options.get("document-help-commands", False):
            readers = _DocReaders(self)
            node.visit(readers)
            self._runtime_docs = readers.found

    def _choose_style(self, module: cst.Module) -> str:
        style = self.options.get("style", "auto")
        if style != "auto":
            if style not in STYLES:
                raise ValueError(f"unknown docstring style {style!r} (expected auto, {', '.join(STYLES)})")
            return style
        return prevailing_style(_docstrings_in(module)) or _package_style(self.context.path) or "google"

    @staticmethod
    def _dunder_all(module: cst.Module) -> Optional[Set[str]]:
        """Names listed in a literal module-level ``__all__`` (None when there is none)."""
        for statement in module.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if isinstance(small, (cst.Assign, cst.AnnAssign)):
                    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                    if any(isinstance(t, cst.Name) and t.value == "__all__" for t in targets):
                        value = small.value
                        if isinstance(value, (cst.List, cst.Tuple)):
                            return {e.value.evaluated_value for e in value.elements
                                    if isinstance(e.value, cst.SimpleString)}
        return None

    # -------------------------------------------------------------- indentation
    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._indents.append(self._unit(node))

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        self._indents.pop()
        if self._expanded and any(id(statement) in self._expanded for statement in updated_node.body):
            return updated_node.with_changes(body=space_after_blocks(updated_node.body, self._expanded, False))
        return updated_node

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if self._expanded and any(id(statement) in self._expanded for statement in updated_node.body):
            return updated_node.with_changes(body=space_after_blocks(updated_node.body, self._expanded, True))
        return updated_node

    def _unit(self, block: cst.BaseSuite) -> str:
        assert self.module is not None
        if isinstance(block, cst.IndentedBlock) and block.indent is not None:
            return block.indent
        return self.module.default_indent

    # ------------------------------------------------------------------ defs
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._owners.append(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._owners.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        self._owners.pop()
        if not self._wants_function(original_node):
            return updated_node
        return self._document(original_node, updated_node, "function")

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self._owners.pop()
        if not self._wants_class(original_node):
            return updated_node
        return self._document(original_node, updated_node, "class")

    # ------------------------------------------------------------- which defs
    def _in_function(self) -> bool:
        return any(isinstance(owner, cst.FunctionDef) for owner in self._owners)

    def _enclosing_class(self) -> Optional[cst.ClassDef]:
        if self._owners and isinstance(self._owners[-1], cst.ClassDef):
            return self._owners[-1]
        return None

    def _is_public_path(self, name: str) -> bool:
        """Public as pydocstyle sees it: a public name in public classes of a public module."""
        if self._private_module or _is_private(name):
            return False
        if any(_is_private(owner.name.value) for owner in self._owners):
            return False
        if not self._owners and self._public_names is not None:
            return name in self._public_names
        return True

    def _common_exclusions(self, node: Definition) -> bool:
        if self._in_function() and not self.options.get("include-nested", False):
            return True
        if id(node) in self._runtime_docs or self._registers_help(node):
            return True
        return self._is_shell_command(node)

    def _is_shell_command(self, node: Definition) -> bool:
        """``do_greet`` of a ``cmd.Cmd`` subclass: ``help greet`` prints its docstring."""
        owner = self._enclosing_class()
        if self.options.get("document-help-commands", False) or owner is None:
            return False
        return (isinstance(node, cst.FunctionDef) and node.name.value.startswith("do_")
                and self._derives_from(owner, COMMAND_SHELLS, set()))

    def _derives_from(self, node: cst.ClassDef, names: Set[str], seen: Set[int]) -> bool:
        """``node`` has one of ``names`` among its bases, directly or through classes of this module."""
        if id(node) in seen:
            return False
        seen.add(id(node))
        for base in node.bases:
            if self.qualified_names(base.value) & names:
                return True
            if any(isinstance(d, cst.ClassDef) and self._derives_from(d, names, seen)
                   for d in self.definitions_of(base.value)):
                return True
        return False

    def _wants_class(self, node: cst.ClassDef) -> bool:
        if self._common_exclusions(node):
            return False
        if not self._is_public_path(node.name.value) and not self.options.get("include-private", False):
            return False
        return True

    def _wants_function(self, node: cst.FunctionDef) -> bool:
        name = node.name.value
        if self._common_exclusions(node):
            return False
        if self._decorated_by(node, OVERLOAD) or self._is_accessor(node):
            return False
        owner = self._enclosing_class()
        if name == "__init__" and owner is not None:
            # documented in the class docstring unless configured to live in __init__
            return self.init_args_in == "init" and self._wants_class_quietly(owner)
        if _is_dunder(name) and name not in PUBLIC_DUNDERS:
            return bool(self.options.get("include-dunder", False)) and self._is_public_path("dunder")
        if not self._is_public_path(name) and not self.options.get("include-private", False):
            return False
        return True

    def _wants_class_quietly(self, owner: cst.ClassDef) -> bool:
        """Whether ``owner`` is a documented class (evaluated while inside it)."""
        inner, self._owners = self._owners, self._owners[:-1]
        try:
            return self._wants_class(owner)
        finally:
            self._owners = inner

    def _is_accessor(self, node: cst.FunctionDef) -> bool:
        """``@name.setter`` / ``@name.deleter``: the property's doc comes from its getter."""
        for decorator in node.decorators:
            expression = decorator.decorator
            if isinstance(expression, cst.Attribute) and expression.attr.value in ("setter", "deleter"):
                return True
        return False

    # --------------------------------------------------------- metadata helpers
    def qualified_names(self, node: cst.CSTNode) -> Set[str]:
        return {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}

    def _decorated_by(self, node: Definition, names: Set[str]) -> bool:
        for decorator in node.decorators:
            expression = decorator.decorator
            if isinstance(expression, cst.Call):
                expression = expression.func
            if self.qualified_names(expression) & names:
                return True
        return False

    def is_help_name(self, expression: cst.BaseExpression) -> bool:
        for name in self.qualified_names(expression):
            if any(name == prefix or name.startswith(prefix + ".") for prefix in self.help_names):
                return True
        return False

    def _registers_help(self, node: Definition) -> bool:
        """Decorated as a click/typer command (directly or through a group/app object)."""
        if self.options.get("document-help-commands", False):
            return False
        return any(self._is_help_object(d.decorator, set()) for d in node.decorators)

    def _is_help_object(self, expression: cst.BaseExpression, seen: Set[int]) -> bool:
        if id(expression) in seen:
            return False
        seen.add(id(expression))
        if isinstance(expression, cst.Call):
            return self._is_help_object(expression.func, seen)
        if self.is_help_name(expression):
            return True
        if isinstance(expression, cst.Attribute) and expression.attr.value in HELP_REGISTRARS:
            return self._is_help_object(expression.value, seen)
        if isinstance(expression, cst.Name):
            for assigned in self._assigned_values(expression):
                if isinstance(assigned, (cst.FunctionDef, cst.ClassDef)):
                    if any(self._is_help_object(d.decorator, seen) for d in assigned.decorators):
                        return True
                elif isinstance(assigned, cst.BaseExpression) and self._is_help_object(assigned, seen):
                    return True
        return False

    def _assignments(self, name: cst.Name):
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return []
        return list(scope[name.value])

    def _assigned_values(self, name: cst.Name) -> List[cst.CSTNode]:
        """What a name is bound to: defs and classes, or the right-hand side of ``name = value``."""
        values: List[cst.CSTNode] = []
        for assignment in self._assignments(name):
            node = getattr(assignment, "node", None)
            if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                values.append(node)
                continue
            parent = self.get_metadata(ParentNodeProvider, node, None) if isinstance(node, cst.CSTNode) else None
            if isinstance(parent, cst.AssignTarget):
                parent = self.get_metadata(ParentNodeProvider, parent, None)
            if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is not None:
                values.append(parent.value)
        return values

    def definitions_of(self, expression: cst.BaseExpression) -> List[Definition]:
        """The defs/classes of this module an expression names (``f``, ``Cls.method``)."""
        if isinstance(expression, cst.Name):
            return [v for v in self._assigned_values(expression) if isinstance(v, (cst.FunctionDef, cst.ClassDef))]
        if isinstance(expression, cst.Attribute):
            found: List[Definition] = []
            for owner in self.definitions_of(expression.value):
                if isinstance(owner, cst.ClassDef) and isinstance(owner.body, cst.IndentedBlock):
                    for statement in owner.body.body:
                        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and statement.name.value == expression.attr.value:
                            found.append(statement)
            return found
        return []

    def _code(self, node: cst.CSTNode) -> str:
        assert self.module is not None
        return self.module.code_for_node(node)

    def handler_types(self, handler: Union[cst.ExceptHandler, cst.ExceptStarHandler]) -> List[str]:
        kind = handler.type
        if kind is None:
            return []
        if isinstance(kind, cst.Tuple):
            return [self._code(element.value) for element in kind.elements]
        return [self._code(kind)]

    def exception_names(self, exc: cst.BaseExpression) -> List[str]:
        """The exception classes a ``raise`` expression raises, as far as the module tells."""
        if isinstance(exc, cst.Call):
            return [self._code(exc.func)]
        if not isinstance(exc, cst.Name):
            return [self._code(exc)]
        assignments = self._assignments(exc)
        if not assignments or any(isinstance(a, (BuiltinAssignment, ImportAssignment)) for a in assignments):
            return [exc.value]
        names: List[str] = []
        for assignment in assignments:
            node = getattr(assignment, "node", None)
            if isinstance(node, cst.ClassDef):
                return [exc.value]
            parent = self.get_metadata(ParentNodeProvider, node, None) if isinstance(node, cst.CSTNode) else None
            if isinstance(parent, cst.AsName):
                handler = self.get_metadata(ParentNodeProvider, parent, None)
                if isinstance(handler, (cst.ExceptHandler, cst.ExceptStarHandler)):
                    names.extend(self.handler_types(handler))
                    continue
            for value in self._assigned_values(exc):
                if isinstance(value, cst.Call):
                    names.append(self._code(value.func))
        # an argument or anything else unknown: nothing certain to document
        return list(dict.fromkeys(names))

    # -------------------------------------------------------------- skeletons
    def _type_text(self, annotation: Optional[cst.Annotation]) -> Optional[str]:
        if annotation is None or not self.options.get("types-in-docstring", True):
            return None
        return _normalized_type(annotation.annotation, self._code(annotation.annotation))

    def _arguments(self, node: cst.FunctionDef, is_method: bool) -> List[Entry]:
        params = node.params
        positional = list(params.posonly_params) + list(params.params)
        if is_method and positional and not self._decorated_by(node, STATICMETHOD):
            positional = positional[1:]
        entries = [Entry(p.name.value, self._type_text(p.annotation)) for p in positional]
        if isinstance(params.star_arg, cst.Param):
            entries.append(Entry("*" + params.star_arg.name.value, self._type_text(params.star_arg.annotation)))
        entries.extend(Entry(p.name.value, self._type_text(p.annotation)) for p in params.kwonly_params)
        if params.star_kwarg is not None:
            entries.append(Entry("**" + params.star_kwarg.name.value, self._type_text(params.star_kwarg.annotation)))
        return [e for e in entries if not UNDERSCORES_ONLY.match(e.name)]

    def _facts(self, node: cst.FunctionDef) -> _BodyFacts:
        facts = _BodyFacts(self)
        node.body.visit(facts)
        return facts

    def _function_skeleton(self, node: cst.FunctionDef, owner: Optional[cst.ClassDef]) -> Skeleton:
        facts = self._facts(node)
        is_property = owner is not None and self._decorated_by(node, PROPERTY)
        name = node.name.value
        owner_words = words_of(owner.name.value) if owner is not None else None
        skeleton = Skeleton("", self._arguments(node, owner is not None), raises=facts.raises)
        annotation = node.returns
        return_type = self._type_text(annotation)
        nothing = annotation is not None and self._code(_unquoted(annotation.annotation)) in NOTHING
        if facts.yields:
            skeleton.yields = Entry(type=self._generic_argument(annotation, 0))
            if facts.returns_value:
                skeleton.returns = Entry(type=self._generic_argument(annotation, 2))
        elif nothing:
            pass
        elif annotation is not None or facts.returns_value or is_property:
            skeleton.returns = Entry(type=return_type)
        produces = "yield" if skeleton.yields else "return" if skeleton.returns else ""
        skeleton.summary = noun_summary(name) if is_property else function_summary(name, owner_words, produces)
        return skeleton

    def _generic_argument(self, annotation: Optional[cst.Annotation], index: int) -> Optional[str]:
        """``Iterator[int]`` → "int" (index 0); None unless a generator alias is subscripted."""
        if annotation is None or not self.options.get("types-in-docstring", True):
            return None
        expression = _unquoted(annotation.annotation)
        if not isinstance(expression, cst.Subscript):
            return None
        base = expression.value
        base_name = base.attr.value if isinstance(base, cst.Attribute) else getattr(base, "value", "")
        if base_name not in GENERATORS or len(expression.slice) <= index:
            return None
        element = expression.slice[index].slice
        if not isinstance(element, cst.Index):
            return None
        return _normalized_type(element.value, self._code(element.value))

    def _init_of(self, node: cst.ClassDef) -> Optional[cst.FunctionDef]:
        found = None
        if isinstance(node.body, cst.IndentedBlock):
            for statement in node.body.body:
                if isinstance(statement, cst.FunctionDef) and statement.name.value == "__init__":
                    if not self._decorated_by(statement, OVERLOAD):
                        found = statement
        return found

    def _class_skeleton(self, node: cst.ClassDef) -> Skeleton:
        skeleton = Skeleton(noun_summary(node.name.value))
        init = self._init_of(node)
        if init is not None and self.init_args_in == "class" and _docstring_node(init.body) is None:
            skeleton.args = self._arguments(init, is_method=True)
            skeleton.raises = self._facts(init).raises
        return skeleton

    def _expected_args(self, node: Definition, owner: Optional[cst.ClassDef]) -> Optional[List[Entry]]:
        """What the Args section of an existing docstring should list (None: no Args here)."""
        if isinstance(node, cst.FunctionDef):
            if node.name.value == "__init__" and owner is not None and self.init_args_in == "class":
                return None
            return self._arguments(node, owner is not None)
        init = self._init_of(node)
        if init is None or self.init_args_in != "class" or _docstring_node(init.body) is not None:
            return None
        return self._arguments(init, is_method=True)

    # ---------------------------------------------------------------- writing
    def _document(self, original: Definition, updated, kind: str):
        owner = self._enclosing_class()
        existing = _docstring_node(original.body)
        if existing is not None:
            return self._update_existing(original, updated, existing, owner)
        if isinstance(original, cst.FunctionDef):
            skeleton = self._function_skeleton(original, owner)
            what = "method" if owner is not None else "function"
        else:
            skeleton = self._class_skeleton(original)
            what = "class"
        assert self.module is not None
        outer = "".join(self._indents)
        unit = self._unit(updated.body)
        width = self.context.style.line_length if self.context.style is not None else DEFAULT_LINE_LENGTH
        literal = render(skeleton, self.style, outer + unit, unit, self.module.default_newline, self.placeholder,
                         width)
        self.record_fix(original, f"added a {self.style}-style docstring to {what} `{original.name.value}`")
        result = updated.with_changes(body=_with_docstring(updated.body, literal, is_class=kind == "class"))
        if isinstance(updated.body, cst.SimpleStatementSuite):  # a one-liner became a block
            self._expanded.add(id(result))
            self._keep.append(result)  # (ids stay unique while the tree is rebuilt)
        return result

    def _update_existing(self, original: Definition, updated, existing: cst.BaseExpression,
                         owner: Optional[cst.ClassDef]):
        if not self.update or not isinstance(existing, cst.SimpleString):
            return updated
        expected = self._expected_args(original, owner)
        if expected is None:
            return updated
        assert self.module is not None
        outer = "".join(self._indents) + self._unit(updated.body)
        result = update_args(existing.value, expected, self.style, outer, self._unit(updated.body),
                             self.module.default_newline, self.placeholder)
        if result is None:
            return updated
        new_literal, added, removed = result
        parts = []
        if added:
            parts.append("added " + ", ".join(f"`{n}`" for n in added))
        if removed:
            parts.append("removed entries of parameters that no longer exist: " + " | ".join(repr(t) for t in removed))
        self.record_fix(original, f"docstring of `{original.name.value}`: " + "; ".join(parts))
        current = _docstring_node(updated.body)
        if current is None:
            return updated
        new_body = _replace_docstring(updated.body, current, new_literal)
        return updated.with_changes(body=new_body)


# ------------------------------------------------------------------ tree edits
def _with_docstring(body: cst.BaseSuite, literal: str, is_class: bool) -> cst.IndentedBlock:
    docstring = cst.SimpleStatementLine([cst.Expr(cst.SimpleString(literal))])
    if isinstance(body, cst.SimpleStatementSuite):
        # ``def f(): return 1`` becomes a block; the trailing comment stays on its statement
        statement = cst.SimpleStatementLine(body.body, trailing_whitespace=body.trailing_whitespace)
        statements: List[cst.BaseStatement] = [statement]
        header = cst.TrailingWhitespace()
        indent = None
        footer: Sequence[cst.EmptyLine] = ()
    else:
        assert isinstance(body, cst.IndentedBlock)
        statements = list(body.body)
        header, indent, footer = body.header, body.indent, body.footer
    if statements:
        first = statements[0]
        lines = list(first.leading_lines)
        while lines and lines[0].comment is None:
            lines.pop(0)  # no blank line may follow a function docstring (D202)
        if is_class or isinstance(first, (cst.FunctionDef, cst.ClassDef)):
            # exactly one after a class docstring (D204), and before a nested def or class
            # (D202 allows it; ruff format and black want it)
            lines.insert(0, cst.EmptyLine(indent=False))
        statements[0] = first.with_changes(leading_lines=lines)
    return cst.IndentedBlock(body=[docstring] + statements, header=header, indent=indent, footer=footer)


def _replace_docstring(body: cst.BaseSuite, old: cst.SimpleString, new_literal: str) -> cst.BaseSuite:
    return body.deep_replace(old, cst.SimpleString(new_literal))  # type: ignore[return-value]


def _unquoted(expression: cst.BaseExpression) -> cst.BaseExpression:
    """``"Iterator[int]"`` (a string annotation) as the expression it stands for."""
    if isinstance(expression, cst.SimpleString):
        value = expression.evaluated_value
        if isinstance(value, str):
            try:
                return cst.parse_expression(value.strip())
            except cst.ParserSyntaxError:
                pass
    return expression


def _normalized_type(expression: cst.BaseExpression, code: str) -> Optional[str]:
    """An annotation as one line of text the checkers compare (quotes of a string
    annotation dropped); None when it cannot sit inside a docstring."""
    if isinstance(expression, cst.SimpleString):
        value = expression.evaluated_value
        code = value if isinstance(value, str) else code
    try:
        text = ast.unparse(ast.parse(code.strip(), mode="eval")) if hasattr(ast, "unparse") else " ".join(code.split())
    except SyntaxError:
        text = " ".join(code.split())
    if '"""' in text or "\\" in text or "\n" in text:
        return None
    return text


def _docstrings_in(module: cst.Module) -> Iterable[str]:
    """Text of every docstring in the module (module, classes, functions)."""
    found: List[str] = []
    module_doc = module.get_docstring(clean=False)
    if module_doc:
        found.append(module_doc)

    class Collect(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            doc = node.get_docstring(clean=False)
            if doc:
                found.append(doc)

        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            doc = node.get_docstring(clean=False)
            if doc:
                found.append(doc)

    module.visit(Collect())
    return found


#: siblings read to learn a package's style, and how much of each.
PACKAGE_FILES_LIMIT = 50
PACKAGE_BYTES_LIMIT = 65536


def _package_style(path: str) -> Optional[str]:
    """The prevailing style of the other modules in the same package folder."""
    folder = os.path.dirname(os.path.abspath(path))
    if not path or not os.path.isfile(os.path.join(folder, "__init__.py")):
        return None
    texts: List[str] = []
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".py"))
    except OSError:
        return None
    for name in names[:PACKAGE_FILES_LIMIT]:
        full = os.path.join(folder, name)
        if os.path.abspath(full) == os.path.abspath(path):
            continue
        try:
            with open(full, encoding="utf-8", errors="replace") as handle:
                text = handle.read(PACKAGE_BYTES_LIMIT)
        except OSError:
            continue
        texts.extend(_string_literals(text))
    return prevailing_style(texts)


def _string_literals(text: str) -> List[str]:
    """Triple-quoted literals of a sibling file (docstrings, approximately; text only)."""
    return re.findall(r'"""(.*?)"""', text, re.DOTALL) + re.findall(r"'''(.*?)'''", text, re.DOTALL)
