"""The per-file pipeline, bytes in, checked result out.

``source`` (read, decode, CPython's parser as the gate) → ``suppression`` (skip-file,
@generated, ignore comments) → ``pipeline`` (detectors; decides whether libcst is
needed) → ``steps`` (the selection as engine steps) → ``rewrite`` (one libcst parse,
the transforms in order until nothing changes, every change verified) →
``writing`` (atomic write, mode bits kept). ``settings`` is what a run decided once
for every file. Nothing is imported here: a clean file never loads libcst.
"""
