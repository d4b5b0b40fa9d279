from typing import (
    Any,  # anything
    List,  # sequences
    )
from collections import (
    ChainMap,  # first
      # third
)
from os.path import (join)

x: List[Any] = []
print(ChainMap, join)
