import os
import sys
import os
from json import dumps
from json import dumps

print(os.sep, sys.argv, dumps)
