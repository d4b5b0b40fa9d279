def loadConfig(pathName):
    return pathName


class config_error(Exception):
    pass
