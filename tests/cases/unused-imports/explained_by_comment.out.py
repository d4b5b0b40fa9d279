import sys
# Because sys.path gets essentially blanked, need to have unicodedata already
# imported for the parser to use.
import unicodedata
import warnings  # warnings must be loaded before the path is cleared
# a comment about something else


def clear():
    sys.path[:] = []
