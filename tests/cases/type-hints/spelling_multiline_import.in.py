from typing import (
    Dict,
    List,
)


def build(size):
    return [Dict, List, size]
