os = None
import os

print(os.sep)


def reload_json():
    import json
    print(json)
    import sys
    import json
    return json, sys
