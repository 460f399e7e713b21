"""Local development overrides (imported by manage.py when DJANGO_SETTINGS_MODULE points here)."""

from .settings_base import *  # noqa: F403

# development override in a module that only imports the base settings
# ok: debug-mode
DEBUG = True

# development-only: accept any origin, but no credentials
# ok: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False

# [beyond docs] flag driven by the environment through a conditional expression
# ok: insecure-cookie
SESSION_COOKIE_SECURE = False if os.environ.get("LOCAL_HTTP") else True  # noqa: F405
