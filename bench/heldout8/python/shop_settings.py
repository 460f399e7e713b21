"""Django settings of the shop, as committed for the first deploy."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# literal secret key left from startproject
# ruleid: hardcoded-secret
SECRET_KEY = "django-insecure-4k!v9#p2^s8w@x1z$e7q0r"

# DEBUG on at the top level of a settings module
# ruleid: debug-mode
DEBUG = True

ALLOWED_HOSTS = ["shop.example.com", "www.shop.example.com"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "shop",
    "returns",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "shop.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "shop"),
        "USER": os.environ.get("DB_USER", "shop"),
        # password read from the environment
        # ok: hardcoded-secret
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": os.environ.get("DB_HOST", "localhost"),
    }
}

# S3 credentials pasted into the settings
# ruleid: hardcoded-secret
AWS_SECRET_ACCESS_KEY = "q8Zt1vN4mW7xK2pR9sL5dF3hJ6gB0cYaUeTiOoPn"
AWS_STORAGE_BUCKET_NAME = "shop-media-prod"

# placeholder value for local overrides
# ok: hardcoded-secret
EMAIL_HOST_PASSWORD = os.environ.get("SMTP_PASSWORD", "changeme")

# every origin, with credentials (same module)
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# session cookie over plain http
# ruleid: insecure-cookie
SESSION_COOKIE_SECURE = False
# the CSRF cookie readable by the page's script (Django's AJAX pattern)
# ok: insecure-cookie
CSRF_COOKIE_HTTPONLY = False
CSRF_COOKIE_SECURE = True

PAYMENT_WEBHOOK_SECRET = os.environ["PAYMENT_WEBHOOK_SECRET"]
LABEL_PRINTER = os.environ.get("LABEL_PRINTER", "warehouse-1")
MEDIA_ROOT = BASE_DIR / "media"
STATIC_ROOT = BASE_DIR / "static"
