from __future__ import annotations

_cache_size = 10
_hit_count = 0


def _record_hit(hit_weight=1):
    global _hit_count
    _hit_count += hit_weight
    return _hit_count


class _LruEntry:
    def __init__(self, value):
        self.value = value


def lookup(key, table: dict[str, "_LruEntry"]) -> "_LruEntry | None":
    _record_hit(hit_weight=2)
    entry = table.get(key)
    if entry is not None and isinstance(entry, _LruEntry) and len(table) <= _cache_size:
        return entry
    return None
