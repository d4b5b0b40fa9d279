import sys

if sys.version_info >= (3, 11):
    pass
else:
    pass

if sys.platform == "win32": pass


def setup():
    try:
        pass
    finally:
        done()
