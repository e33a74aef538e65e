"""Settings for Pavilion, read from the environment.

Defaults serve the demo (SQLite, DEBUG on, console e-mail); production differs only by
environment variables (see README's configuration table). Nothing secret lives here.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from pavilion.env import (
    env_bool,
    env_database,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PAVILION_VAR_DIR", str(BASE_DIR / "var")))

INSECURE_SECRET_KEY = "django-insecure-pavilion-demo-key-never-use-in-production"  # noqa: S105

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY", "") or INSECURE_SECRET_KEY
if not DEBUG and SECRET_KEY == INSECURE_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: with DEBUG off the app refuses to start on the insecure "
        "demo key. Set the SECRET_KEY environment variable to a long random value."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# True when the demo accounts may be created (never in production).
PAVILION_DEMO = env_bool("PAVILION_DEMO", default=DEBUG)
PAVILION_SITE_URL = env_str("PAVILION_SITE_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation patches models before the admin registers them.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "pavilion",
    "departments",
    "awards",
    "exhibits",
    # The curators' tools and the seed: they use every app above, none uses them.
    "curation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (static files included).
    "pavilion.middleware.ContentSecurityPolicyMiddleware",
    # Under /api/, every error is the API's JSON, whoever answered it (exhibits/api/errors.py).
    "exhibits.api.errors.JsonErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Anonymous public pages from the cache (pavilion/cache.py), keyed by content version.
    "pavilion.cache.PublicPageCacheMiddleware",
    # A database that cannot be reached gives a 503 page, never a 500.
    "pavilion.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

if env_bool("PAVILION_COUNT_QUERIES", default=False):
    # Benchmark only (bench/run.py): an X-Queries header with each request's SQL count.
    MIDDLEWARE.insert(0, "bench.middleware.QueryCountMiddleware")

ROOT_URLCONF = "pavilion.urls"
WSGI_APPLICATION = "pavilion.wsgi.application"
ASGI_APPLICATION = "pavilion.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # Language switch and page language tags; never touches session or user.
                "pavilion.context_processors.public",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails the request (a 503) within seconds rather
    # than holding a worker for the kernel's TCP time-out.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite allows one writer at a time. Every transaction takes the write lock when it
    # begins (a transaction that read first and then asked for it could be refused at
    # once, "database is locked", to avoid a deadlock), and a writer that finds the lock
    # taken waits up to 20 seconds for it: simultaneous submits then queue up and answer
    # one success and 409s, never a 503 "briefly unavailable".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, with one Redis client per connection pool (pavilion/redis_cache.py).
            "BACKEND": "pavilion.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "pavilion"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous public pages and API responses (pavilion/cache.py): on by default only with
# Redis, the one cache every worker shares (a per-process cache could not be invalidated
# across workers). Entries are never stale (keys carry the content version); the timeout
# only frees memory.
PAVILION_PAGE_CACHE = env_bool("PAVILION_PAGE_CACHE", default=bool(REDIS_URL))
PAVILION_PAGE_CACHE_SECONDS = env_int("PAVILION_PAGE_CACHE_SECONDS", 600)
# What many pages share and only a content change can change (the exhibit list's filter
# choices with their counts), kept under the same content version: same default.
PAVILION_DATA_CACHE = env_bool("PAVILION_DATA_CACHE", default=bool(REDIS_URL))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "home"

# django-axes: lock a username from one address, never a whole address (one person
# must not lock out everyone behind the fair's Wi-Fi or a proxy).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429

# Languages: English unprefixed, both Chinese scripts under their prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hant", "繁體中文"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Hong Kong's way of writing dates and times, in every language (pavilion/formats/).
FORMAT_MODULE_PATH = ["pavilion.formats"]
TIME_ZONE = "Asia/Hong_Kong"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hant", "zh-hans")
# Simplified falls back to Traditional (converted for display by pavilion.i18n), then
# English; Traditional falls back to English.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "zh-hans": ("zh-hant", "en")}
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if env_str("AWS_STORAGE_BUCKET_NAME", ""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }

# Content-Security-Policy (pavilion/middleware.py): images may also come from the media
# origin when media live on S3-compatible storage, and from CSP_EXTRA_IMG_SRC.
CSP_EXTRA_IMG_SRC = env_list("CSP_EXTRA_IMG_SRC", [])
if env_str("AWS_S3_CUSTOM_DOMAIN", ""):
    CSP_EXTRA_IMG_SRC.append(f"https://{env_str('AWS_S3_CUSTOM_DOMAIN', '')}")
elif env_str("AWS_S3_ENDPOINT_URL", ""):
    CSP_EXTRA_IMG_SRC.append(env_str("AWS_S3_ENDPOINT_URL", "").rstrip("/"))

# Uploads: the image pipeline enforces its own caps; these bound what Django buffers.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Smart Hong Kong Pavilion <pavilion@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SIMPLE_HISTORY_REVERT_DISABLED = False
# Workflow reasons (requests for changes, reasons to decline) are kept whole.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The REST API (exhibits/api/): JSON only, personal tokens, throttled. Rates are read on
# every request, so tests and the schemathesis run can raise them.
API_ANON_RATE = env_str("API_ANON_RATE", "120/min")
API_USER_RATE = env_str("API_USER_RATE", "600/min")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["pavilion.tokens.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["exhibits.api.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "exhibits.api.throttling.AnonThrottle",
        "exhibits.api.throttling.PersonThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "user": API_USER_RATE},
    "EXCEPTION_HANDLER": "exhibits.api.errors.api_exception_handler",
    # The client's address for throttling: with no proxy count DRF would trust the whole
    # X-Forwarded-For header, which any client can write.
    "NUM_PROXIES": AXES_IPWARE_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Smart Hong Kong Pavilion API",
    "DESCRIPTION": (
        "The Smart Hong Kong Pavilion's catalogue (public, read-only) and the departments' "
        "and curators' workflow (personal tokens from /portal/tokens/). Errors are JSON: "
        "400 names the fields; 401, 403, 404, 409, 413 and 429 carry a code and a detail."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Request and response components apart (file fields are binary only in requests);
    # PATCH keeps its required `version`.
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_SPLIT_PATCH": False,
    "ENUM_NAME_OVERRIDES": {
        "ExhibitStatusEnum": "exhibits.models.ExhibitStatus",
        "DepartmentKindEnum": "departments.models.Department.Kind",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Security: sensible in every environment, strict when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
