"""Production settings of the helpdesk project (Django + Channels)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# a literal Django secret key in the production settings
# ruleid: hardcoded-secret
SECRET_KEY = "dj-prod-8c1f0e3b9a7d4e2f-helpdesk"
# the channel layer password is read from the environment
# ok: hardcoded-secret
REDIS_PASSWORD = os.environ.get("REDIS_PASSWORD", "")
# debug left on at module level
# ruleid: debug-mode
DEBUG = True
ALLOWED_HOSTS = ["helpdesk.example", "ws.helpdesk.example"]
ROOT_URLCONF = "helpdesk.urls"
ASGI_APPLICATION = "helpdesk.asgi.application"
INSTALLED_APPS = ["daphne", "channels", "corsheaders", "django.contrib.sessions", "support"]
MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [f"redis://:{REDIS_PASSWORD}@redis:6379/0"]},
    }
}

# every origin allowed together with credentials (next line)
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# the session cookie sent over plain HTTP too
# ruleid: insecure-cookie
SESSION_COOKIE_SECURE = False
# CSRF cookie readable by script is Django's AJAX pattern
CSRF_COOKIE_HTTPONLY = False
# the CSRF cookie left off HTTPS
# ruleid: insecure-cookie
CSRF_COOKIE_SECURE = False
