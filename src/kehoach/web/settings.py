"""Django settings for the kehoach web app, read from the environment.

    KEHOACH_DATA_DIR        where the database, uploads and secret key live (default ./data)
    DATABASE_URL            default: a SQLite file in the data folder; postgres://… in production
    KEHOACH_SECRET_KEY      default: generated on first run and kept in DATA_DIR/secret_key
    KEHOACH_ALLOWED_HOSTS   comma-separated (default 127.0.0.1,localhost)
    KEHOACH_DEBUG           1 to show Django's debug pages (never in production)
    KEHOACH_MAX_UPLOAD_MB   largest accepted upload (default 20)
    CELERY_BROKER_URL       when set, jobs go to Celery workers; otherwise they run in-process
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("KEHOACH_DATA_DIR") or Path.cwd() / "data").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The key from the environment, else the one kept in the data folder (made on first run)."""
    if os.environ.get("KEHOACH_SECRET_KEY"):
        return os.environ["KEHOACH_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        # O_EXCL: two processes starting together keep one key, not two.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("KEHOACH_DEBUG")
ALLOWED_HOSTS = _env_list("KEHOACH_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("KEHOACH_CSRF_TRUSTED_ORIGINS", "")

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'kehoach.sqlite3'}", conn_max_age=600, conn_health_checks=True
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not IS_POSTGRES:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets pages read while a job writes; IMMEDIATE takes the write lock up front so two
            # writers queue instead of failing with "database is locked" half-way through.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    *(["django.contrib.postgres"] if IS_POSTGRES else []),
    "ninja",  # its Swagger UI assets then come from /static/ninja/, not a CDN
    "kehoach.web.plans",
    "kehoach.web.outputs",
    "kehoach.web.cascade",
    "kehoach.web.reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kehoach.web.plans.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kehoach.web.urls"
WSGI_APPLICATION = "kehoach.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kehoach.web.plans.context.kehoach",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SECURE = _env_bool("KEHOACH_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Login throttling: this many failures for one user name or one address within the window.
KEHOACH_LOGIN_MAX_FAILURES = int(os.environ.get("KEHOACH_LOGIN_MAX_FAILURES", "5"))
KEHOACH_LOGIN_WINDOW_SECONDS = int(os.environ.get("KEHOACH_LOGIN_WINDOW_SECONDS", "900"))

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("KEHOACH_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"  # for `collectstatic`; created so whitenoise does not warn
STATIC_ROOT.mkdir(exist_ok=True)
# Served by whitenoise straight from the apps' static folders, so `kehoach serve` works with no
# collectstatic step; a production deployment may still run collectstatic for compressed files.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "uploads"  # never served directly: downloads go through a permission check

KEHOACH_MAX_UPLOAD_BYTES = int(float(os.environ.get("KEHOACH_MAX_UPLOAD_MB", "20")) * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Jobs: Celery when a broker is configured, in-process otherwise ("thread" answers the page at
# once and shows progress; "eager" runs the job inside the request, as the tests do).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("KEHOACH_CELERY_QUEUE", "kehoach")
KEHOACH_JOBS_INLINE = os.environ.get("KEHOACH_JOBS_INLINE", "thread")  # thread | eager

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"kehoach": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
CSRF_FAILURE_VIEW = "kehoach.web.plans.views.csrf_failure"

# Mail (report reminders): SMTP when KEHOACH_EMAIL_HOST is set, else printed on the console (the demo).
EMAIL_HOST = os.environ.get("KEHOACH_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KEHOACH_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KEHOACH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KEHOACH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("KEHOACH_EMAIL_TLS")
EMAIL_BACKEND = os.environ.get("KEHOACH_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if os.environ.get("KEHOACH_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("KEHOACH_EMAIL_FROM", "kehoach@localhost")
KEHOACH_BASE_URL = os.environ.get("KEHOACH_BASE_URL", "")  # links in e-mails, e.g. https://kehoach.example.gov.vn
