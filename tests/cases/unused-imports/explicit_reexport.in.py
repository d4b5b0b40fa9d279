import json as json
from os import path as path
from collections import OrderedDict as OrderedDict
