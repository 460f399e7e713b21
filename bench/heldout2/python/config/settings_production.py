"""Production settings for the `ledger` Django project (checked in by mistake with real values)."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# settings module (INSTALLED_APPS/MIDDLEWARE below) with a top-level literal DEBUG = True
# ruleid: debug-mode
DEBUG = True

# Django signing key as a literal
# ruleid: hardcoded-secret
SECRET_KEY = "k#9v!2xq@7m$ledger-prod-f3e1d0c9b8a7"

ALLOWED_HOSTS = ["ledger.example.com", "api.ledger.example.com"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "ledger.accounts",
    "ledger.billing",
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

ROOT_URLCONF = "ledger.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "ledger",
        "USER": "ledger_app",
        # database password literal inside the DATABASES dict
        # ruleid: hardcoded-secret
        "PASSWORD": "Lg3r-pg-2024!prod",
        "HOST": "db.internal.ledger.example.com",
        "PORT": "5432",
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
}

# third-party key with a recognisable live prefix
# ruleid: hardcoded-secret
STRIPE_SECRET_KEY = "sk_live_51Hx9aQ2eZvKYlo2C8f7d6e5"
# URL setting (name ends in URL, value is a URL)
# ok: hardcoded-secret
STRIPE_WEBHOOK_URL = "https://ledger.example.com/billing/stripe/webhook"
# header name, not a secret
# ok: hardcoded-secret
API_KEY_HEADER = "X-Ledger-Api-Key"

# any origin may send credentialed requests (paired with CORS_ALLOW_CREDENTIALS below)
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# session cookie sent over plain http
# ruleid: insecure-cookie
SESSION_COOKIE_SECURE = False
# CSRF cookie sent over plain http
# ruleid: insecure-cookie
CSRF_COOKIE_SECURE = False
# Django's AJAX pattern reads the CSRF cookie from JavaScript
# ok: insecure-cookie
CSRF_COOKIE_HTTPONLY = False
# ok: insecure-cookie
SESSION_COOKIE_HTTPONLY = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.ledger.example.com"
# SMTP password literal
# ruleid: hardcoded-secret
EMAIL_HOST_PASSWORD = "9c1f-mg-77ab-42e0"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
