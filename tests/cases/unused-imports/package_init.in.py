from .core import run
import os
