"""The transform contract: what a codemod declares, and what it reports back.

A codemod is a subclass of :class:`Codemod` living in ``codemods/transforms/<id>/__init__.py``
(or in a third-party package, registered under the entry-point group
``codemods.transforms``). The declaration is cheap to import: it must not import
libcst. The libcst rewriter it names is imported only for files whose detector says
they may need it. See CONTRIBUTING.md for a worked example.
"""

from __future__ import annotations

import ast
import importlib
import sys
from dataclasses import dataclass, field
from typing import Any, ClassVar, Dict, List, Mapping, Optional, Sequence, Tuple


@dataclass(frozen=True)
class Example:
    """A code example carried by a codemod: ``after`` is None when nothing changes."""

    before: str
    after: Optional[str] = None
    options: Mapping[str, Any] = field(default_factory=dict)
    unsafe: bool = False


@dataclass(frozen=True)
class Fix:
    """One change a codemod made, for reports (the change itself is in the tree)."""

    codemod: str
    line: int
    column: int
    message: str
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    """Something a codemod will not fix safely; makes ``codemod check`` fail."""

    codemod: str
    line: int
    column: int
    message: str
    hint: str = ""


class Codemod:
    """Base class of every codemod declaration.

    Subclasses set the class attributes below and implement :meth:`detect`. The
    module docstring of the subclass' module is the codemod's documentation,
    printed by ``codemod explain ID``.
    """

    #: kebab-case id, used in --select, config tables and suppression comments.
    id: ClassVar[str] = ""
    #: one line, printed by ``codemod list``.
    summary: ClassVar[str] = ""
    #: on when nothing is selected explicitly.
    default: ClassVar[bool] = True
    #: True when every fix it makes preserves behaviour; False means --unsafe-fixes.
    safe: ClassVar[bool] = True
    #: position in the fixed run order (lower runs first).
    order: ClassVar[int] = 100
    #: option name -> default value; the [tool.codemods.<id>] table overrides.
    options: ClassVar[Mapping[str, Any]] = {}
    #: names of the libcst metadata providers the rewriter reads (documentation
    #: and a check: the rewriter's METADATA_DEPENDENCIES must match).
    metadata: ClassVar[Tuple[str, ...]] = ()
    #: "package.module:Class" of the libcst rewriter; imported lazily.
    rewriter: ClassVar[str] = ""
    #: "package.module:function" deciding the same fixes on ``ast`` and returning them
    #: as a ``codemods.splice.plan.Plan`` (the engine then splices the text instead of
    #: running the rewriter); "" when the codemod has only its rewriter.
    planner: ClassVar[str] = ""
    #: True when results depend on other files of the run: the runner then calls
    #: :meth:`prepare` once with every file of the run before any file is processed.
    cross_file: ClassVar[bool] = False
    #: True when one pass over a file leaves nothing for a second pass of the same
    #: codemod (no cascades): the engine then does not run it again over its own
    #: output (only over what later codemods change). False: it runs until nothing
    #: changes, e.g. removing one unused variable can leave another unread.
    one_pass: ClassVar[bool] = False
    #: True when its fixes may lengthen lines and are wrapped to the project's line
    #: length (``codemod explain`` then says where that length came from).
    wraps_lines: ClassVar[bool] = False
    #: valid (after is None) and invalid examples; they drive tests and docs.
    examples: ClassVar[Tuple[Example, ...]] = ()

    def __init__(self, settings: Optional[Mapping[str, Any]] = None, project: Any = None,
                 unsafe_fixes: bool = False, path: Optional[str] = None) -> None:
        #: the effective options of this run (defaults merged with the configuration)
        self.settings: Mapping[str, Any] = dict(type(self).options) if settings is None else settings
        #: what :meth:`prepare` returned for this run (cross-file codemods), else None
        self.project = project
        #: whether the run allows unsafe fixes (a detector may then say yes more often)
        self.unsafe_fixes = unsafe_fixes
        #: the file being detected, when known (e.g. to recognise a package ``__init__``)
        self.path = path

    def detect(self, tree: ast.Module, source: str) -> bool:
        """Cheaply say whether this file may need the codemod (no libcst here).

        ``self.settings``, ``self.unsafe_fixes``, ``self.path`` and ``self.project`` hold the run's
        options and, for cross-file codemods, what :meth:`prepare` returned. Returning True only
        costs time; returning False wrongly loses a fix, never correctness. The
        default says yes.
        """
        return True

    def prepare(self, paths: Sequence[str], options: Mapping[str, Any], *,
                frozen_paths: Sequence[str] = ()) -> Any:
        """For cross-file codemods: index the whole project (cheaply: ``ast``, not libcst).

        ``paths`` are every Python file of the project (codemods.analysis.project), not
        only the named ones; ``frozen_paths`` those of them the run will not rewrite for
        this codemod (not named, left out by ``--since``, or per-file ignores): what they
        define, import or refer to must keep working unchanged. The runner passes
        ``frozen_paths``, and ``model`` (the shared ``ProjectModel`` of ``paths``), only
        to an override that accepts them.

        The result must be picklable and comparable by ``repr`` (it is part of the
        cache key); each rewriter sees it as ``context.project``.
        """
        return None

    @classmethod
    def documentation(cls) -> str:
        module = sys.modules.get(cls.__module__)
        doc = (module.__doc__ if module is not None else None) or cls.__doc__ or ""
        return doc.strip()

    @classmethod
    def load_rewriter(cls) -> type:
        module_name, _, attribute = cls.rewriter.partition(":")
        return getattr(importlib.import_module(module_name), attribute)

    @classmethod
    def load_planner(cls) -> Any:
        module_name, _, attribute = cls.planner.partition(":")
        return getattr(importlib.import_module(module_name), attribute)

    @classmethod
    def resolve_options(cls, configured: Mapping[str, Any]) -> Dict[str, Any]:
        """Merge the configured options over the defaults; unknown names are errors."""
        unknown = sorted(set(configured) - set(cls.options))
        if unknown:
            raise ValueError(f"unknown option {unknown[0]!r} for codemod {cls.id!r}")
        merged = dict(cls.options)
        merged.update(configured)
        return merged


@dataclass
class RewriteContext:
    """What a rewriter gets from the runner for one file and one codemod."""

    codemod_id: str
    path: str
    options: Mapping[str, Any]
    unsafe_fixes: bool = False
    safe: bool = True
    module_name: Optional[str] = None
    is_package_init: bool = False
    target_version: Optional[str] = None
    #: what the codemod's ``prepare`` returned for this run (cross-file codemods)
    project: Any = None
    #: the file as the run found it: its text and libcst tree (set by the engine).
    #: Evidence a codemod decides from (the driver a module imports, a URL, ...) is
    #: read here, not in the tree it is given, which an earlier codemod of the same
    #: run may have changed (unused-imports removing an unread ``import sqlite3``).
    original_text: Optional[str] = None
    original_module: Any = None
    #: the run's line length and formatter (``codemods.style.settings.StyleSettings``);
    #: None: the defaults
    style: Any = None
    fixes: List[Fix] = field(default_factory=list)
    findings: List[Finding] = field(default_factory=list)

    def add_fix(self, line: int, column: int, message: str, safe: bool = True) -> None:
        self.fixes.append(Fix(self.codemod_id, line, column, message, safe and self.safe))

    def add_finding(self, line: int, column: int, message: str, hint: str = "") -> None:
        self.findings.append(Finding(self.codemod_id, line, column, message, hint))
