from __future__ import annotations, division
from os.path import *
