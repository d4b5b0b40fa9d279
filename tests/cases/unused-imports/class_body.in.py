class Codec:
    import json
    from os import sep
