import json, re
from collections import deque

print(json, re, deque)
