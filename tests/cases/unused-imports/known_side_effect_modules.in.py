import readline
import rlcompleter
import encodings.idna
import json

value = input()
