"""Reading configuration from the environment and a .env file (settings and gunicorn share it)."""

import os


def load_env_file(path):
    """Read KEY=value lines of a .env file into os.environ; real environment variables win."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip().strip("\"'"))


# An empty value counts as unset: a copied .env.example leaves many settings blank.


def env_str(name, default):
    return os.environ.get(name, "").strip() or default


def env_bool(name, default):
    return env_str(name, default).lower() in ("1", "true", "yes", "on")


def env_list(name, default):
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]
