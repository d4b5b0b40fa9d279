class HTTPServer:
    pass


def _parseURL(rawURL):
    hostName, _, pathPart = rawURL.partition("/")
    return hostName, pathPart


def _loadJSONData(sha256Hash):
    return {"hash": sha256Hash}
