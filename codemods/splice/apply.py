"""A plan's edits made on the text in one pass: deletions of whole small statements
(``codemods.splice.deletion``) and replacements inside the statements that stay
(``codemods.splice.partial``). None whenever the result might differ from what the
libcst rewriters would print; the caller then takes the libcst path.

No libcst here: a file whose fixes are all deletions never imports it.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from codemods.splice.deletion import NotSure, deletion_spans
from codemods.splice.plan import Edit, Replacement, SpliceSource


def apply_edits(source: SpliceSource, edits: Sequence[Edit]) -> Optional[str]:
    """The new text of ``source`` with ``edits`` made, or None when not sure."""
    try:
        return apply_or_reason(source, edits)
    except NotSure:
        return None


def apply_or_reason(source: SpliceSource, edits: Sequence[Edit]) -> str:
    """``apply_edits``, raising NotSure with the reason instead of returning None."""
    if not edits:
        return source.text
    deleted = [edit.node for edit in edits if edit.kind == "delete"]
    replacements: List[Replacement] = []
    others = [edit for edit in edits if edit.kind != "delete"]
    if others:
        # imported here: the deletion-only path does not need it
        from codemods.splice import partial
        for edit in others:
            try:
                replacements.append(partial.replacement_or_reason(source, edit))
            except partial.NotSure as reason:
                raise NotSure(f"{edit.kind}: {reason}") from None
    text = source.text
    if deleted:
        text, spans = deletion_spans(source.text, source.tree, source.lines, deleted)
        replacements += spans
    new = _spliced(text, replacements)
    if text is not source.text:
        # libcst printed the file with a last line break it did not have, then drops
        # its last token, which is always a line break
        new = new[:-2] if new.endswith("\r\n") else new[:-1]
    return new


def _spliced(text: str, replacements: Sequence[Replacement]) -> str:
    pieces: List[str] = []
    at = 0
    for replacement in sorted(replacements, key=lambda r: (r.start, r.end)):
        if replacement.start < at:
            raise NotSure("edits overlap")
        pieces.append(text[at:replacement.start])
        pieces.append(replacement.new)
        at = replacement.end
    pieces.append(text[at:])
    return "".join(pieces)
