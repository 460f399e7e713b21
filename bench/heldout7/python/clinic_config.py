"""Configuration classes for the clinic-booking Flask app (``app.config.from_object(...)``)."""

import os


class BaseConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql://localhost/clinic")
    # session cookie over HTTPS only
    # ok: insecure-cookie
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_DURATION = 1209600
    WTF_CSRF_TIME_LIMIT = None


class DevelopmentConfig(BaseConfig):
    # development classes turn debug on on purpose
    # ok: debug-mode
    DEBUG = True
    SQLALCHEMY_ECHO = True


class StagingConfig(BaseConfig):
    # debug left on in the staging class
    # ruleid: debug-mode
    DEBUG = True


class ProductionConfig(BaseConfig):
    # remember-me cookie allowed over plain HTTP
    # ruleid: insecure-cookie
    REMEMBER_COOKIE_SECURE = False
    # a live mail password in the production class
    # ruleid: hardcoded-secret
    MAIL_PASSWORD = "Cl1nic-SMTP-2024!"


class TestingConfig(BaseConfig):
    TESTING = True
    # test classes are left out of the CSRF rule
    # ok: missing-csrf
    WTF_CSRF_ENABLED = False


class KioskConfig(ProductionConfig):
    """Waiting-room tablets post check-ins from a shared session."""

    # CSRF protection off for a deployed kiosk configuration
    # ruleid: missing-csrf
    WTF_CSRF_ENABLED = False
    # session cookie readable from page scripts on the kiosk
    # ruleid: insecure-cookie
    SESSION_COOKIE_HTTPONLY = False


if __name__ == "__main__":
    from werkzeug.serving import run_simple

    from clinic import create_app

    # Werkzeug's interactive debugger served on every interface
    # ruleid: debug-mode
    run_simple("0.0.0.0", 5000, create_app(DevelopmentConfig), use_reloader=True, use_debugger=True)
