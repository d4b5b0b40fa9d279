"""The splice path of a file's pass: codemods that decide on ``ast`` (a ``planner``)
change the text by splicing their edits into it, without libcst.

It runs the same loop as ``rewrite.run_steps`` (the steps in their fixed order,
rounds until nothing changes, a codemod whose detector said no asked again about a
changed text, findings moved to the final text) and gives the same result, byte for
byte, fixes and findings included. Whenever it cannot, it returns None and the
pipeline runs the libcst path from the start: a planner that needs libcst for a
shape, a splice it cannot show to match, a change that would not compile, a
suppressed hunk, a waiting codemod without a planner that finds work, a file still
changing after the last round. So this path only ever answers where its answer is
the libcst path's.
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional, Sequence, Tuple

from codemods.contract import Finding, RewriteContext
from codemods.engine.hunks import EngineResult, final_findings, suppressed_lines
from codemods.engine.settings import RunSettings, SelectedCodemod, detector_for
from codemods.engine.source import SourceError
from codemods.splice.plan import SpliceSource
from codemods.splice.positions import LineIndex

#: the same limit as the libcst path (rewrite.MAX_ROUNDS): a file still changing after
#: this many rounds goes to the libcst path, which reports it
MAX_ROUNDS = 4

#: False sends every file down the libcst path (scripts/splice_equivalence.py and the
#: tests compare the two)
ENABLED = True
#: when a dict: why each file went to the libcst path, counted (for the scripts)
STATS: Optional[Dict[str, int]] = None


def _fallback(reason: str) -> None:
    if STATS is not None:
        STATS[reason] = STATS.get(reason, 0) + 1
    return None


def run_planned(text: str, tree, path: str, settings: RunSettings, active: Sequence[SelectedCodemod],
                waiting: Sequence[SelectedCodemod], module_name: Optional[str],
                is_package_init: bool) -> Optional[EngineResult]:
    """The result of the selected codemods on ``text`` (``tree``: its ``ast``), or None
    when the libcst path must decide."""
    if not ENABLED or not active:
        return None
    if any(not s.codemod.planner for s in active):
        return _fallback("a codemod without a planner has work")
    entries = sorted([(s, False) for s in active] + [(s, True) for s in waiting],
                     key=lambda entry: (entry[0].codemod.order, entry[0].codemod.id))
    try:
        outcome = _run(text, tree, path, settings, entries, module_name, is_package_init)
    except (SourceError, RecursionError) as error:
        return _fallback(f"{type(error).__name__}")
    except Exception as error:  # a planner's or a splice's bug: the libcst path decides (and reports)
        return _fallback(f"internal error: {type(error).__name__}: {error}")
    if STATS is not None and outcome is not None:
        STATS["spliced"] = STATS.get("spliced", 0) + 1
    return outcome


def _run(text: str, tree, path: str, settings: RunSettings, entries: List[Tuple[SelectedCodemod, bool]],
         module_name: Optional[str], is_package_init: bool) -> Optional[EngineResult]:
    from codemods.splice.apply import apply_edits

    result = EngineResult(text)
    current, current_tree = text, tree
    #: codemod id -> its latest findings, and the text their lines refer to
    findings_by_step: Dict[str, Tuple[List[Finding], str]] = {}
    #: the text each codemod last ran on without changing it
    clean_on: Dict[str, str] = {}
    for _ in range(MAX_ROUNDS):
        changed = False
        for selected, waits in entries:
            codemod = selected.codemod
            if clean_on.get(codemod.id) is current or (waits and current == text):
                continue
            if waits:  # its detector said no to the file as found: ask it about this text
                if not detector_for(selected, settings, path).detect(current_tree, current):
                    continue
                if not codemod.planner:
                    return _fallback(f"{codemod.id} (no planner) has work after the splices")
            context = RewriteContext(
                codemod_id=codemod.id, path=path, options=selected.options, unsafe_fixes=settings.unsafe_fixes,
                safe=codemod.safe, module_name=module_name, is_package_init=is_package_init,
                target_version=settings.target_version, project=settings.project_for(codemod.id),
                style=settings.style, original_text=text)
            source = SpliceSource(current, current_tree, LineIndex(current), tree, text)
            plan = codemod.load_planner()(source, context)
            if plan.fallback is not None:
                return _fallback(f"{codemod.id}: {plan.fallback}")
            for line, column, message, safe in plan.fixes:
                context.add_fix(line, column, message, safe)
            for line, column, message, hint in plan.findings:
                context.add_finding(line, column, message, hint)
            new = current
            if context.fixes:
                new = apply_edits(source, plan.edits)
                if new is None:
                    return _fallback(f"{codemod.id}: a splice could not be shown to match")
            suppressed = suppressed_lines(current, codemod.id)
            findings_by_step[codemod.id] = ([f for f in context.findings if f.line not in suppressed], current)
            if new == current:
                clean_on[codemod.id] = current
                continue
            if suppressed:
                return _fallback("a suppressed line in a changed hunk")  # the libcst path undoes it
            new_tree = _compiled(new, path)
            if new_tree is None:
                return _fallback(f"{codemod.id}: the change would not compile")  # the libcst path reports it
            current, current_tree = new, new_tree
            if codemod.one_pass:
                clean_on[codemod.id] = current
            result.fixes.extend(context.fixes)
            changed = True
        if not changed:
            break
    else:
        return _fallback("still changing after the last round")  # the libcst path reports it
    result.text = current
    result.findings.extend(final_findings(findings_by_step, current))
    return result


def _compiled(text: str, path: str) -> Optional[ast.Module]:
    """The ``ast`` of ``text`` once it compiles in full (symbol-table errors included),
    parsed once; None when it does not."""
    try:
        tree = ast.parse(text, filename=path)
        compile(tree, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return tree
