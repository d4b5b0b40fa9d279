import os
import sys
from json import dumps

print(os.sep, sys.argv, dumps)
