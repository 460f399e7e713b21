"""Production settings for the tracker (Django 5, DRF, django-cors-headers)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# literal secret key in a production settings module
# ruleid: hardcoded-secret
SECRET_KEY = "django-insecure-8v$k2!p0q@r7^z1x-m4n6b9c3w5e"

# debug left on at the top level of a settings module
# ruleid: debug-mode
DEBUG = True

ALLOWED_HOSTS = ["tracker.example.com"]
ROOT_URLCONF = "tracker.urls"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "corsheaders",
    "rest_framework",
    "tracker",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "tracker",
        "USER": "tracker",
        # database password read from the environment
        # ok: hardcoded-secret
        "PASSWORD": os.environ["TRACKER_DB_PASSWORD"],
        "HOST": "db.internal",
    }
}

# every origin with credentials (both flags in this module)
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# session cookie explicitly not Secure
# ruleid: insecure-cookie
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True
# Django's AJAX pattern reads the CSRF cookie from JavaScript
# ok: insecure-cookie
CSRF_COOKIE_HTTPONLY = False
CSRF_COOKIE_SECURE = True

EXPORT_ROOT = "/srv/tracker/exports"

# placeholder value for local setups
# ok: hardcoded-secret
SENTRY_API_KEY = "your-sentry-api-key-here"

# name of the environment variable, not a secret
# ok: hardcoded-secret
JWT_SECRET_ENV = "TRACKER_JWT_SECRET"

JWT_PUBLIC_KEY = os.environ.get("TRACKER_JWT_PUBLIC_KEY", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}
