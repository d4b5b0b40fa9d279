"""Edits located by position and applied to the text of the statements alone.

The unused pair decides on ``ast`` (``codemods.analysis.usage``) and describes its
changes as whole-statement deletions and replacements of character spans; this
package turns them into the new text with the same rules, byte for byte, as the
libcst rewriters' path (``codemods.cst.statement_removal``). Anything it cannot show
to match returns None, and the caller runs the libcst path instead.
"""
