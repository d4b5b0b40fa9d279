class HTTPServer:
    pass


def _parse_url(raw_url):
    host_name, _, path_part = raw_url.partition("/")
    return host_name, path_part


def _load_json_data(sha256_hash):
    return {"hash": sha256_hash}
