"""Django settings for the catalogue project that serves the Ninja API."""

import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Django secret key written into the settings
# ruleid: hardcoded-secret
SECRET_KEY = "django-insecure-7w!q2m#n9x$e4r@t6y"

# DEBUG on at the top level of a settings module
# ruleid: debug-mode
DEBUG = True

ALLOWED_HOSTS = ["catalogue.example", "localhost"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.sessions", "corsheaders", "catalogue"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
ROOT_URLCONF = "catalogue.urls"

# any origin allowed together with credentials below
# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# session cookie sent over plain HTTP
# ruleid: insecure-cookie
SESSION_COOKIE_SECURE = False
# Django's AJAX pattern reads the CSRF cookie: not reported
# ok: insecure-cookie
CSRF_COOKIE_HTTPONLY = False
# the CSRF cookie marked Secure
# ok: insecure-cookie
CSRF_COOKIE_SECURE = True

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "catalogue",
        "USER": "catalogue",
        # the database password read from the environment
        # ok: hardcoded-secret
        "PASSWORD": os.environ.get("CATALOGUE_DB_PASSWORD", ""),
        "HOST": "db.internal",
    }
}

if os.environ.get("CATALOGUE_LOCAL") == "1":
    # DEBUG inside an if: a development switch
    # ok: debug-mode
    DEBUG = True


class ProdFlags:
    # DEBUG = True in a production configuration class
    # ruleid: debug-mode
    DEBUG = True


class DevFlags:
    # development class turns it on on purpose
    # ok: debug-mode
    DEBUG = True
