"""What every built-in rewriter shares: the context, recording fixes and findings at
a node's position, and the dotted text of a name (``a.b.c``)."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst
from libcst.metadata import PositionProvider

from codemods.contract import RewriteContext


class Rewriter(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, context: RewriteContext) -> None:
        super().__init__()
        self.context = context

    @property
    def options(self):
        return self.context.options

    def position(self, node: cst.CSTNode) -> Tuple[int, int]:
        try:
            start = self.get_metadata(PositionProvider, node).start
        except KeyError:
            return 1, 1
        return start.line, start.column + 1

    def record_fix(self, node: cst.CSTNode, message: str, safe: bool = True) -> None:
        line, column = self.position(node)
        self.context.add_fix(line, column, message, safe)

    def record_finding(self, node: cst.CSTNode, message: str, hint: str = "") -> None:
        line, column = self.position(node)
        self.context.add_finding(line, column, message, hint)


def dotted(node: Optional[cst.BaseExpression]) -> str:
    """``a.b.c`` of a Name or an Attribute chain of names; "" for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted(node.value)}.{node.attr.value}"
    return ""
