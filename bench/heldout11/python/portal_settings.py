"""Django settings for the member portal (production module, imported by manage.py)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# ruleid: hardcoded-secret
SECRET_KEY = "django-insecure-7x!q2m$k9@w#r4p&t8v*z1b^n6c%e0d"

# debug left on in the production settings
# ruleid: debug-mode
DEBUG = True

# ok: debug-mode
TEMPLATE_DEBUG_TOOLBAR = os.environ.get("TOOLBAR") == "1"

ALLOWED_HOSTS = ["portal.example.org"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.sessions",
    "corsheaders",
    "portal",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

# every origin, with credentials
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# ruleid: insecure-cookie
SESSION_COOKIE_SECURE = False
# ok: insecure-cookie
SESSION_COOKIE_HTTPONLY = True
# AJAX reads the CSRF cookie
# ok: insecure-cookie
CSRF_COOKIE_HTTPONLY = False

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portal",
        "USER": "portal",
        # ok: hardcoded-secret
        "PASSWORD": os.environ["PORTAL_DB_PASSWORD"],
        "HOST": "db.internal",
    }
}

EMAIL_HOST = "smtp.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.portal.example.org"
# ruleid: hardcoded-secret
EMAIL_HOST_PASSWORD = "b6f1c0a9e2d34f7a8c5e91d2a7b3f640-2af183ba-7c1e"

STATIC_ROOT = BASE_DIR / "static"
