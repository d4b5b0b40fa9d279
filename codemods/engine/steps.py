"""Turn the run's selection into engine steps: built-in codemods in their fixed
order, after the user's own transformers (a migration runs first, and the
clean-ups see its result)."""

from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper

from codemods.contract import RewriteContext
from codemods.engine.rewrite import Step, apply_transformer
from codemods.engine.settings import RunSettings, SelectedCodemod, detector_for
from codemods.registry import load_user_transformer


def build_steps(settings: RunSettings, users: Sequence[str], active: Sequence[SelectedCodemod], path: str,
                module_name: Optional[str], is_package_init: bool,
                waiting: Sequence[SelectedCodemod] = ()) -> List[Step]:
    """``waiting``: codemods whose detector said no to the original text; they run only
    once an earlier step has changed it (and their detector says yes to the new text):
    an earlier fix can leave work for them (a bare ``raise`` leaves the handler's name
    unread, a removed variable an import unused)."""
    steps: List[Step] = []
    for selector in users:
        steps.append(_user_step(selector, path, module_name))
    later = [(s, False) for s in active] + [(s, True) for s in waiting]
    for selected, waits in sorted(later, key=lambda s: (s[0].codemod.order, s[0].codemod.id)):
        step = _codemod_step(selected, settings, path, module_name, is_package_init)
        step.wait_for_change = waits
        steps.append(step)
    return steps


def _codemod_step(selected: SelectedCodemod, settings: RunSettings, path: str,
                  module_name: Optional[str], is_package_init: bool) -> Step:
    codemod = selected.codemod
    rewriter_class = codemod.load_rewriter()

    def make_context() -> RewriteContext:
        return RewriteContext(
            codemod_id=codemod.id, path=path, options=selected.options,
            unsafe_fixes=settings.unsafe_fixes, safe=codemod.safe, module_name=module_name,
            is_package_init=is_package_init, target_version=settings.target_version,
            project=settings.project_for(codemod.id), style=settings.style)

    def apply(module: cst.Module, wrapper: Optional[MetadataWrapper], context: RewriteContext) -> cst.Module:
        return apply_transformer(module, wrapper, rewriter_class(context))

    instance = detector_for(selected, settings, path)
    builtin = codemod.__module__.startswith("codemods.transforms.")  # plugins may not record fixes
    return Step(codemod.id, make_context, apply, detect=instance.detect, records_fixes=builtin,
                one_pass=builtin and codemod.one_pass)


def _user_step(selector: str, path: str, module_name: Optional[str]) -> Step:
    transformer_class = load_user_transformer(selector)

    def make_context() -> RewriteContext:
        return RewriteContext(codemod_id=selector, path=path, options={})

    def apply(module: cst.Module, wrapper: Optional[MetadataWrapper], context: RewriteContext) -> cst.Module:
        # libcst.codemod (and libcst.matchers under it) costs ~0.4 s to import: only
        # a user's Codemod subclass pays for it
        from libcst.codemod import Codemod as LibcstCodemod
        from libcst.codemod import CodemodContext, SkipFile

        if issubclass(transformer_class, LibcstCodemod):
            codemod = transformer_class(CodemodContext(filename=path, full_module_name=module_name))
            try:
                return codemod.transform_module(module)
            except SkipFile:
                return module
        return apply_transformer(module, wrapper, transformer_class())

    return Step(selector, make_context, apply)
