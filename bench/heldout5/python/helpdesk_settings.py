"""Django settings for the helpdesk API (the DRF views in drf_views.py)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# committed Django secret key
# ruleid: hardcoded-secret
SECRET_KEY = "django-insecure-7f$k2!x9qv0m#c1b8d4e6a"

# debug on at the top of a settings module
# ruleid: debug-mode
DEBUG = True

ALLOWED_HOSTS = ["helpdesk.example.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "corsheaders",
    "rest_framework",
    "helpdesk",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

ROOT_URLCONF = "helpdesk.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "helpdesk",
        "USER": "helpdesk",
        # password read from the environment
        # ok: hardcoded-secret
        "PASSWORD": os.environ["HELPDESK_DB_PASSWORD"],
        "HOST": os.environ.get("HELPDESK_DB_HOST", "localhost"),
    }
}

# every origin allowed, together with credentials below
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# session cookie sent over plain HTTP
# ruleid: insecure-cookie
SESSION_COOKIE_SECURE = False

# Django's AJAX pattern reads the CSRF cookie from script
# ok: insecure-cookie
CSRF_COOKIE_HTTPONLY = False

# CSRF cookie Secure
# ok: insecure-cookie
CSRF_COOKIE_SECURE = True

STATIC_ROOT = BASE_DIR / "static"
