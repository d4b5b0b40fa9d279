"""One pass over one file: bytes in, checked result out.

read → decode (BOM, PEP 263 cookie, UTF-8) → CPython's parser as the gate →
suppression markers → cheap detectors → (only if some codemod may apply) the
codemods that plan on ``ast`` splice their edits into the text (engine.splicing), or
else libcst: parse once, run the transforms in the fixed order, verify → encode with
the original codec → write atomically (apply mode only).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from codemods.analysis.modules import module_name_for
from codemods.contract import Finding, Fix
from codemods.engine.settings import RunSettings, SelectedCodemod, detector_for
from codemods.engine.source import (
    SourceError,
    decode_source,
    encode_source,
    nesting_depth,
    parse_python,
)
from codemods.engine.splicing import run_planned
from codemods.engine.suppression import find_suppressions

#: deeper syntax trees are not handed to libcst (its visitors recurse once or more per
#: level; the engine raises the recursion limit to make room for this depth).
MAX_NESTING_DEPTH = 1000 if sys.version_info >= (3, 11) else 300


@dataclass
class FileResult:
    path: str
    status: str = "unchanged"  # unchanged | changed | skipped | error
    old_text: Optional[str] = None
    new_text: Optional[str] = None
    new_bytes: Optional[bytes] = None
    written: bool = False
    fixes: List[Fix] = field(default_factory=list)
    findings: List[Finding] = field(default_factory=list)
    errors: List[SourceError] = field(default_factory=list)
    skip_reason: str = ""
    cache_key: Optional[str] = None
    cacheable: bool = True
    #: for a changed file when the cache is on: the new bytes, compressed, as text
    cache_payload: Optional[str] = None
    #: the hunks of its diff, when the cache is on (made once, kept with the new bytes)
    diff_hunks: Optional[str] = None
    #: the file starts with a UTF-8 byte order mark (its diff shows it)
    bom: bool = False
    #: the errors come from the bytes alone (syntax, encoding, libcst's limits), so
    #: the same bytes and settings give the same errors: they may be cached
    errors_from_bytes: bool = False


def content_key(raw: bytes, ids: Tuple[str, ...], fingerprint: str) -> str:
    import hashlib  # only with a cache

    digest = hashlib.blake2b(raw, digest_size=16)
    digest.update(("\0" + fingerprint + "\0" + ",".join(ids)).encode())
    return digest.hexdigest()


def process_source(raw: bytes, path: str, settings: RunSettings, ignored_ids: Tuple[str, ...] = ()) -> FileResult:
    """Run the selected codemods over one file's bytes; never raises for bad input."""
    result = FileResult(path)
    selected = [s for s in settings.codemods if s.codemod.id not in ignored_ids]
    users = tuple(u for u in settings.user_transformers if u not in ignored_ids)
    try:
        decoded = decode_source(raw)
        tree = parse_python(decoded.text, path)
    except SourceError as error:
        result.status = "error"
        result.errors.append(error)
        return result
    text = decoded.text
    suppressions = find_suppressions(text, tree)
    if suppressions.skip_file or suppressions.generated:
        result.status = "skipped"
        result.skip_reason = "codemod: skip-file" if suppressions.skip_file else "@generated"
        return result
    active = [s for s in selected if _may_apply(s, settings, tree, text, result, path)]
    if not active and not users:
        return result
    module_name, is_init = module_name_for(path)
    # a codemod that had nothing to do may get work from an earlier one's fixes
    first = min((s.codemod.order for s in active), default=None) if not users else float("-inf")
    waiting = [s for s in selected if s not in active and first is not None and s.codemod.order > first]
    outcome = None if users else run_planned(text, tree, path, settings, active, waiting, module_name, is_init)
    if outcome is None:
        if nesting_depth(tree, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH:
            result.status = "skipped"
            result.skip_reason = f"nested deeper than {MAX_NESTING_DEPTH} levels; not safe to rewrite"
            result.errors.append(SourceError(f"nested deeper than {MAX_NESTING_DEPTH} levels; skipped to keep the parser safe"))
            result.status = "error"
            return result
        from codemods.engine.rewrite import run_steps  # libcst from here on
        from codemods.engine.steps import build_steps

        steps = build_steps(settings, users, active, path, module_name, is_init, waiting)
        try:
            outcome = run_steps(text, path, steps, settings.target_version)
        except SourceError as error:
            result.status = "error"
            result.errors.append(error)
            return result
    result.fixes, result.findings, result.errors = outcome.fixes, outcome.findings, outcome.errors
    if outcome.text != text:
        try:
            result.new_bytes = encode_source(outcome.text, decoded.encoding)
        except SourceError as error:
            result.errors.append(error)
            result.status = "error"
            return result
        result.status = "changed"
        result.old_text, result.new_text = text, outcome.text
        result.bom = decoded.encoding == "utf-8-sig"
    elif result.errors:
        result.status = "error"
    return result


def _may_apply(selected: SelectedCodemod, settings: RunSettings, tree, text: str, result: FileResult,
               path: str) -> bool:
    codemod = selected.codemod
    try:
        return bool(detector_for(selected, settings, path).detect(tree, text))
    except Exception as error:  # a detector's bug costs time, never a fix
        result.errors.append(SourceError(f"internal error in the detector of {codemod.id}: {type(error).__name__}: {error}"))
        return True
