"""Django settings of the physiotherapy clinic's booking portal (production).

Values come from the environment; the few literals below are what the previous
team left in place.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# the secret key read from the environment
# ok: hardcoded-secret
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# DEBUG left on at module level of the production settings
# ruleid: debug-mode
DEBUG = True

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "book.physio.example").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "bookings",
    "patients",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "physio"),
        "USER": os.environ.get("DB_USER", "physio"),
        # a literal database password with digits and symbols
        # ruleid: hardcoded-secret
        "PASSWORD": "Phys10-Bookings!2023",
        "HOST": os.environ.get("DB_HOST", "localhost"),
        "PORT": "5432",
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://localhost:6379/1"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "/srv/physio/media"))

# every origin allowed, with credentials (see CORS_ALLOW_CREDENTIALS below)
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# the session cookie sent over plain HTTP
# ruleid: insecure-cookie
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True
# Django's AJAX pattern reads the CSRF cookie from script
# ok: insecure-cookie
CSRF_COOKIE_HTTPONLY = False
CSRF_COOKIE_SECURE = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.physio.example")
EMAIL_HOST_USER = "bookings@physio.example"
# a placeholder the deploy replaces
# ok: hardcoded-secret
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "changeme")

# the SMS gateway key written into the settings
# ruleid: hardcoded-secret
SMS_API_KEY = "sk_live_4f9a2c7e1b8d6039aa51"
# the name of the header the key travels in, not a secret
# ok: hardcoded-secret
SMS_API_KEY_HEADER = "X-Gateway-Key"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

BOOKING_REMINDER_HOURS = 24
MAX_BOOKINGS_PER_PATIENT = 3
