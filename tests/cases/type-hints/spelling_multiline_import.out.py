from typing import (
    Any,
    Dict,
    List,
)


def build(size: Any) -> Any:
    return [Dict, List, size]
