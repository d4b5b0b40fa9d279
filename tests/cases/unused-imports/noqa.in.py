import os  # noqa
import sys  # noqa: F401
import json  # NOQA:F401,E501
import re  # noqa: E501
import csv  # codemod: ignore
import glob  # codemod: ignore[unused-imports]
import shutil  # codemod: ignore[naming]
from typing import (
    Any,  # noqa: F401
    Dict,
)
from collections import (  # noqa: F401
    deque,
    Counter,
)


def main():
    return 0
