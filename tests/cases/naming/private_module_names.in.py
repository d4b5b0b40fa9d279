from __future__ import annotations

_cacheSize = 10
_hitCount = 0


def _recordHit(hitWeight=1):
    global _hitCount
    _hitCount += hitWeight
    return _hitCount


class _lru_entry:
    def __init__(self, value):
        self.value = value


def lookup(key, table: dict[str, "_lru_entry"]) -> "_lru_entry | None":
    _recordHit(hitWeight=2)
    entry = table.get(key)
    if entry is not None and isinstance(entry, _lru_entry) and len(table) <= _cacheSize:
        return entry
    return None
