import sys
# Because sys.path gets essentially blanked, need to have unicodedata already
# imported for the parser to use.
# a comment about something else


def clear():
    sys.path[:] = []
