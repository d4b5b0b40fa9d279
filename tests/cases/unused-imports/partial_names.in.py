import json, os, re
from collections import OrderedDict, deque, defaultdict

print(json, re, deque)
