"""The libcst half of a file's pass: parse once, run the transforms in order,
re-run until nothing changes, verify every change.

Imported only for files whose detectors said a codemod may apply.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from codemods.contract import Finding, RewriteContext
from codemods.cst import traversal
from codemods.cst.metadata import Positions, code_with_positions
from codemods.engine.hunks import (
    EngineResult,
    drop_suppressed_hunks,
    fixes_from_hunks,
    final_findings,
    suppressed_lines,
)
from codemods.engine.source import SourceError, compile_error, parse_python

traversal.install()  # libcst's visits without rebuilding unchanged nodes (see traversal)

#: a file still changing after this many rounds is reported and left alone.
MAX_ROUNDS = 4


@dataclass
class Step:
    """One transform to run: a built-in codemod or a user's transformer."""

    codemod_id: str
    make_context: Callable[[], RewriteContext]
    apply: Callable[[cst.Module, Optional[MetadataWrapper], RewriteContext], cst.Module]
    detect: Optional[Callable[[object, str], bool]] = None
    #: True for built-in codemods: their rewriters record a fix for every change, so a
    #: pass that records none changed nothing and its code is not regenerated
    records_fixes: bool = False
    #: True when one pass leaves nothing for a second (see Codemod.one_pass)
    one_pass: bool = False
    #: its detector said no to the original text: it runs only on a changed text
    wait_for_change: bool = False


def parse(text: str, target_version: Optional[str], positions: bool = True) -> Tuple[cst.Module, Optional[Positions]]:
    """libcst's tree of ``text`` and its positions; refused unless it gives back ``text``."""
    config = cst.PartialParserConfig(python_version=target_version) if target_version else cst.PartialParserConfig()
    try:
        module = cst.parse_module(text, config)
    except cst.ParserSyntaxError as error:
        raise SourceError(f"libcst cannot parse this file: {error.message}", error.raw_line, error.raw_column + 1) from None
    except RecursionError:
        raise SourceError("too deeply nested for libcst; skipped") from None
    code, found = code_with_positions(module) if positions else (module.code, None)
    if code != text:
        raise SourceError(f"libcst does not reproduce this file byte for byte ({_first_difference(text, code)}); "
                          "skipped to keep it intact")
    return module, found


def _first_difference(original: str, regenerated: str) -> str:
    """Where libcst's output first differs, for the message (lone CRs, form feeds and a
    whitespace-only last line without a newline are the usual cases)."""
    index = next((i for i, (a, b) in enumerate(zip(original, regenerated)) if a != b),
                 min(len(original), len(regenerated)))
    line = original.count("\n", 0, index) + 1
    return f"first at line {line}: {original[index:index + 1]!r} became {regenerated[index:index + 1]!r}"


#: libcst's visitors recurse per syntax level; CPython's own parser bounds the nesting of
#: what reaches us, and this limit leaves room for the deepest file it accepts. Before
#: 3.11 every Python call also costs C stack, so the limit (and the depth we accept,
#: pipeline.MAX_NESTING_DEPTH) stays lower there.
RECURSION_LIMIT = 12000 if sys.version_info >= (3, 11) else 4000


def run_steps(text: str, path: str, steps: Sequence[Step], target_version: Optional[str]) -> EngineResult:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, RECURSION_LIMIT))
    try:
        result = _run_steps(text, path, steps, target_version, careful=False)
        if result is None:  # a shortcut's tree did not survive libcst's parser: redo it step by step
            result = _run_steps(text, path, steps, target_version, careful=True)
        assert result is not None
        return result
    finally:
        sys.setrecursionlimit(previous)


def _wrapper(module: cst.Module, positions: Optional[Positions]) -> MetadataWrapper:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    if positions is not None and isinstance(getattr(wrapper, "_metadata", None), dict):
        wrapper._metadata[PositionProvider] = positions  # computed with the code, see code_with_positions
    return wrapper


def _run_steps(text: str, path: str, steps: Sequence[Step], target_version: Optional[str],
               careful: bool) -> Optional[EngineResult]:
    """Run the steps to a fixed point. A built-in codemod's output tree is kept for the
    next step when its code compiles (the shortcut); libcst parses the final text once
    at the end, and None asks for a careful rerun that re-parses after every step."""
    result = EngineResult(text)
    module, positions = parse(text, target_version)
    original_module = module  # libcst trees are immutable: this one stays the file as found
    current = text
    #: the current tree is a transformer's output, not yet checked against libcst's parser
    unchecked = False
    #: codemod id -> its latest findings, and the text their lines refer to
    findings_by_step: Dict[str, Tuple[List[Finding], str]] = {}
    pending = list(steps)
    #: the text each step last ran on without changing it: running it again is a no-op
    clean_on: Dict[str, str] = {}
    for _ in range(MAX_ROUNDS):
        changed_ids: List[str] = []
        wrapper: Optional[MetadataWrapper] = None
        tree = None
        for step in pending:
            if clean_on.get(step.codemod_id) is current or (step.wait_for_change and current == text):
                continue
            # a step whose detector said no to the file as found asks it again about the
            # changed text; one that said yes keeps its word (its rewriter decides from
            # the file as found: a detector asked about an emptied file could say no)
            if step.detect is not None and current != text and step.wait_for_change:
                tree = tree if tree is not None else parse_python(current, path)
                if not step.detect(tree, current):
                    continue
            context = step.make_context()
            context.original_text, context.original_module = text, original_module
            if wrapper is None:
                wrapper = _wrapper(module, positions)
            try:
                new_module = step.apply(module, wrapper, context)
                if step.records_fixes and not context.fixes:
                    new_code, new_positions = current, None
                else:
                    new_code, new_positions = code_with_positions(new_module)
            except Exception as error:  # a transform's bug must not end the run
                result.errors.append(SourceError(f"internal error in codemod {step.codemod_id}: {type(error).__name__}: {error}"))
                continue
            suppressed = suppressed_lines(current, step.codemod_id)
            findings_by_step[step.codemod_id] = ([f for f in context.findings if f.line not in suppressed], current)
            if new_code == current:
                clean_on[step.codemod_id] = current
                continue
            if suppressed:
                new_code = drop_suppressed_hunks(current, new_code, suppressed)
                if new_code == current:
                    continue
            shortcut = (not careful and step.records_fixes and not suppressed and new_positions is not None
                        and not new_positions.repeated)
            if shortcut:
                error = compile_error(new_code, path)
                verified = error if error is not None else (new_module, new_positions)
            else:
                verified = _verify(new_code, path, target_version)
            if isinstance(verified, SourceError):
                original_error = compile_error(current, path)
                if original_error is not None:  # the file never compiled: report that, change nothing
                    raise original_error
                result.errors.append(SourceError(
                    f"internal error in codemod {step.codemod_id}: its change would not compile "
                    f"({verified.message} at line {verified.line}); change dropped"))
                continue
            unchecked = shortcut  # a careful step's parse checked the whole text
            current_before = current
            (module, positions), current, wrapper, tree = verified, new_code, None, None
            if step.one_pass:
                # this codemod's output is final for itself (it says so; every case, the
                # fuzz run and the ecosystem runs hold it to a no-op second run): it
                # runs again only if a later codemod changes the text
                clean_on[step.codemod_id] = current
            fixes = context.fixes or fixes_from_hunks(step.codemod_id, current_before, new_code)
            result.fixes.extend(f for f in fixes if f.line not in suppressed)
            changed_ids.append(step.codemod_id)
        if not changed_ids:
            break
    else:
        result.errors.append(SourceError(f"did not converge after {MAX_ROUNDS} rounds (still changing: {', '.join(changed_ids)}); file left unchanged"))
        return EngineResult(text, [], [], result.errors)
    if unchecked and isinstance(_verify(current, path, target_version, positions=False), SourceError):
        return None
    result.text = current
    result.findings.extend(final_findings(findings_by_step, current))
    return result


def _verify(code: str, path: str, target_version: Optional[str], positions: bool = True):
    try:
        module = parse(code, target_version, positions)
    except SourceError as error:
        return error
    error = compile_error(code, path)
    return error if error is not None else module


def apply_transformer(module: cst.Module, wrapper: Optional[MetadataWrapper], transformer: cst.CSTTransformer) -> cst.Module:
    """Visit with metadata resolved through the shared wrapper (cached per tree)."""
    if transformer.get_inherited_dependencies():
        assert wrapper is not None
        return wrapper.visit(transformer)
    return module.visit(transformer)
