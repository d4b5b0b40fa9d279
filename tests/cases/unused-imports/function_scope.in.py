def outer():
    import json
    import os
    import re

    def inner():
        return json.dumps({})

    class Local:
        pattern = re.compile("x")

    return inner, Local
