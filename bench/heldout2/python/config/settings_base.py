"""Base settings for the `atlas` Django project: everything read from the environment."""

import os
from pathlib import Path

import environ

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parent.parent

# boolean read from the environment, off by default
# ok: debug-mode
DEBUG = env.bool("DJANGO_DEBUG", default=False)

# ok: hardcoded-secret
SECRET_KEY = env("DJANGO_SECRET_KEY")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "corsheaders",
    "atlas.core",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": env("POSTGRES_DB", default="atlas"),
        "USER": env("POSTGRES_USER", default="atlas"),
        # lookup with an environment call
        # ok: hardcoded-secret
        "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),
        "HOST": env("POSTGRES_HOST", default="localhost"),
    }
}

# explicit list of origins with credentials
# ok: permissive-cors
CORS_ALLOWED_ORIGINS = ["https://atlas.example.com", "https://admin.atlas.example.com"]
CORS_ALLOW_CREDENTIALS = True

# ok: insecure-cookie
SESSION_COOKIE_SECURE = True
# ok: insecure-cookie
CSRF_COOKIE_SECURE = True

# name of the environment variable, not its value
# ok: hardcoded-secret
SENTRY_DSN_ENV = "ATLAS_SENTRY_DSN"
# storage key under which the SPA keeps its token (not a secret)
# ok: hardcoded-secret
FRONTEND_TOKEN_STORAGE_KEY = "atlas_access_token"
# id of a secret in the secret manager (name ends in ID, value is a path), not the secret itself
# ok: hardcoded-secret
DB_PASSWORD_SECRET_ID = "projects/atlas-prod/secrets/db-password"

if os.environ.get("DJANGO_ENV") == "development":
    # DEBUG switched on inside a development check
    # ok: debug-mode
    DEBUG = True
