from typing import (
    Any,  # anything
    Dict,  # mappings
    List,  # sequences
    Optional,  # maybe
)
from collections import (
    ChainMap,  # first
    Counter,  # second
    deque  # third
)
from os.path import (join,
                     split)

x: List[Any] = []
print(ChainMap, join)
