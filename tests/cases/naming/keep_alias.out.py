def load_config(path_name):
    return path_name


loadConfig = load_config  # kept for callers outside the project


class ConfigError(Exception):
    pass


config_error = ConfigError  # kept for callers outside the project
