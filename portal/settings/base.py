"""Settings shared by every environment. Configuration comes from environment variables
(listed in README.md and .env.example); nothing secret lives here."""

import json
import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates override the libraries' ones.
    "accounts",
    "portal",
    "registry",
    "community",
    "knowledge",
    "events",
    "support",
    "discussions",
    "projects",
    "observatory",
    "ops",
    # Portuguese ("pt") catalogs for libraries that ship only pt_BR: after the project's apps,
    # before the libraries, so project translations win and library strings get translated.
    "accounts.vendor_translations",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.humanize",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Installed on every database so that INSTALLED_APPS (and so migrations, checks and the
    # lookups it registers) never depend on DATABASE_URL; its PostgreSQL-only parts act only on
    # PostgreSQL connections, and it needs psycopg installed, not a PostgreSQL server.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First: every later middleware, view and log line of the request sees its id.
    "ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag answers (304) for every page, cached ones included: outside the page cache.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous pages from the shared cache, decided from the cookies before the session and
    # authentication middleware run; outside CSPMiddleware, so that a stored page keeps the
    # policy it was built with (portal/page_cache.py).
    "portal.page_cache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSPMiddleware, so that it adjusts the policy before CSPMiddleware writes it.
    "portal.security_headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.request_guards.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail site from the shared cache (portal/routing.py), once the host is checked.
    "portal.routing.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite file by default, anything dj-database-url understands through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a request writes; the timeout absorbs short write bursts.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "DJANGO_POSTGRES_JIT", False
):
    # No JIT compilation: a page's counts (Wagtail's localized() adds correlated subqueries)
    # are estimated far above jit_above_cost, and PostgreSQL then spent 2 s compiling a query
    # that runs in 0.1 s (a tag page at 10,000 initiatives, docs/performance.md). Sent as a
    # connection option; DJANGO_POSTGRES_JIT=true leaves the server's setting (a pooler that
    # refuses startup options: set jit = off on the database instead).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Cache and sessions: Redis when REDIS_URL is set, else a per-process memory cache (allauth's
# rate limits need a real cache, and locmem is one).
# The site keeps working while Redis is down: a cache error reads as a miss and a write is
# dropped (IGNORE_EXCEPTIONS, logged), after at most half a second (a dead Redis must not hold
# requests up); sessions are stored in the database and only read through the cache
# (cached_db), so nobody is signed out. Rate-limit counters live in the cache: while Redis is
# down they count nothing, so the limits fail open (ops/cache.py; README, Deployment > Redis).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, with rate limits failing open while Redis is away (ops/cache.py).
            "BACKEND": "ops.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
            "KEY_PREFIX": "articula",
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "articula",
        }
    }

# Full-page cache for anonymous visitors (portal/page_cache.py; README, Deployment > Caching): on
# in production (production.py), off here and in tests unless DJANGO_PAGE_CACHE=true. Pages are
# kept PAGE_CACHE_TIMEOUT seconds on the server (any write to public content empties the cache
# at once); browsers and proxies may keep them PAGE_CACHE_MAX_AGE seconds (Cache-Control:
# public). Event pages show seats left and a registration deadline: a shorter life.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", False)
PAGE_CACHE_TIMEOUT = int(os.environ.get("DJANGO_PAGE_CACHE_TIMEOUT", "300"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_TIMEOUTS = {"events.eventpage": 60, "events.eventindexpage": 60}
# Parts of pages every visitor shares (the site and home page of a request's routing, the home
# sections, an initiative's related content), kept in the shared cache until the next write to
# public content (portal/page_cache.py, ``fragment``): on everywhere, tests included.
FRAGMENT_CACHE_ENABLED = env_bool("DJANGO_FRAGMENT_CACHE", True)
# Never cached, in any language (/es/accounts/ too): staff, sign-in and personal areas, the
# private calendar feeds (a token in the URL), documents (privacy checked per request).
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/accounts/",
    "/dashboard/",
    "/members/me/",
    "/events/feed/",
    "/documents/",
    "/_util/",
    "/i18n/",
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: login by email, verification mandatory, rate limits on.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Behind a reverse proxy, rate limits must count the visitor's address, not the proxy's: give
# the number of proxies that append to X-Forwarded-For (0 = use REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Failed logins: 5 in 5 minutes per account (and 10 a minute per IP address); the next try is
# refused with "Too many failed login attempts" (for this account, or from this address). The
# counters live in the cache. Wrong passwords of password-protected pages and collections
# (portal/view_restrictions.py): 5 in 5 minutes per address, and 50 an hour per restriction
# against guesses spread over many addresses (a shared password: a lower limit would let anyone
# lock every visitor out).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "view_restriction_password": "5/5m/ip,50/h/key",
}
# What one account ("user") and one IP address ("ip") may file on the public site, in
# allauth's rate syntax (portal/throttles.py): past a limit the form answers 429, nothing saved.
PORTAL_RATE_LIMITS = {
    "initiative_register": "5/1d/user,20/1d/ip",
    "initiative_claim": "5/1d/user,20/1d/ip",
    "practice_submit": "10/1d/user,30/1d/ip",
    "event_register": "30/1d/user,100/1d/ip",
    "support_request": "5/1d/user,20/1d/ip",
    "discussion_thread": "10/1d/user,30/1d/ip",
    "discussion_reply": "60/1d/user,200/1d/ip",
    "discussion_report": "20/1d/user,60/1d/ip",
    "project_create": "5/1d/user,20/1d/ip",
    "project_interest": "20/1d/user,60/1d/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Articula] "
# Tell people by email when their password, email addresses or two-factor settings change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
# Usernames become /members/<username>/: keep words that look official or collide with routes.
ACCOUNT_USERNAME_BLACKLIST = [
    "admin",
    "administrator",
    "articula",
    "moderator",
    "staff",
    "support",
    "root",
    "new",
    "edit",
    "me",
]
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Articula"
# Accept the code of the previous and next 30-second window too (phones' clocks drift).
MFA_TOTP_TOLERANCE = 1
LOGIN_URL = "account_login"
# Pages restricted to logged-in visitors send them to allauth's login, not Wagtail's
# /_util/login/ (which portal/urls.py redirects there too).
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Internationalisation: English, Spanish, Portuguese, for the UI and for content.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("pt", "Português")]
WAGTAIL_CONTENT_LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("pt", _("Portuguese"))]
WAGTAIL_I18N_ENABLED = True
# Languages staff can choose for the admin (Wagtail's account settings). Wagtail and Django ship
# Brazilian Portuguese, not "pt": "pt-br" gives their strings, and our own fall back to "pt".
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("es", "Español"), ("pt-br", "Português")]
# locale/wagtail_admin: Spanish and Brazilian Portuguese for the Wagtail admin strings that
# Wagtail's own catalogues lack (tests/portal/test_wagtail_catalogues.py keeps it complete).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail_admin"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "portal.settings.storage.StaticFilesStorage"},
}
# Object storage for media (images, documents): give a storage class and its options as JSON,
# e.g. DJANGO_MEDIA_STORAGE=storages.backends.s3.S3Storage (after `pip install django-storages[s3]`)
# and DJANGO_MEDIA_STORAGE_OPTIONS='{"bucket_name": "articula-media", "region_name": "eu-west-1"}'.
if os.environ.get("DJANGO_MEDIA_STORAGE"):
    STORAGES["default"] = {
        "BACKEND": os.environ["DJANGO_MEDIA_STORAGE"],
        "OPTIONS": json.loads(os.environ.get("DJANGO_MEDIA_STORAGE_OPTIONS") or "{}"),
    }

# Uploads: a request body over 10 MB is refused before a view sees it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Articula <noreply@articula.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (emails, digests) through django-tasks: run in-process unless a worker
# backend is chosen with DJANGO_TASKS_BACKEND (django_tasks_db.DatabaseBackend + `manage.py
# db_worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Articula"
# The address every link in every email starts with (portal.emails.site_base_url), and Wagtail's
# own notification emails too. Unset, emails use the default Site's hostname and port; production
# must set it (`check --deploy` warns), and `make run PORT=N` sets it to the running server.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").strip().rstrip("/")
WAGTAILADMIN_LOGIN_URL = "account_login"
# Staff sign in, reset passwords and manage email addresses through allauth (rate limits, MFA,
# verification): Wagtail's own forms for these are switched off.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are served only by Wagtail's view, which checks the collection's privacy (files of a
# submission awaiting moderation): never a redirect to, or a link at, the storage's own URL.
# Their media folder (documents/) must not be served by anything else (see portal/documents.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's database backend; on PostgreSQL it indexes and reads each language with its own
# stemmer and ignores accents (portal/search_backend.py, migration portal.0010). SQLite's FTS5
# ignores accents by itself.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search_backend"}}

SEARCH_BACKEND_URL = os.environ.get("SEARCH_BACKEND_URL", "")
if SEARCH_BACKEND_URL:
    # OpenSearch 2/3 or Elasticsearch 7-9; the backend module follows SEARCH_BACKEND.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.opensearch2"),
            "URLS": [SEARCH_BACKEND_URL],
            "INDEX": os.environ.get("SEARCH_INDEX", "articula"),
            "TIMEOUT": 10,
        }
    }

TAGGIT_CASE_INSENSITIVE = True
# One tag parser for every form, the admin and the CSV import: commas or semicolons separate,
# spaces never do ("export promotion" is one tag). See portal/tag_parsing.py.
TAGGIT_TAGS_FROM_STRING = "portal.tag_parsing.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "portal.tag_parsing.string_from_tags"

# Map tiles: the site settings hold the live value; this is the default for new sites.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "articula-demo")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp). The public site runs no inline code: scripts and styles
# come from static files, data for scripts sits in JSON islands (`json_script`, JSON-LD), which
# are not executed and so not governed by script-src. Where an inline element cannot be avoided
# it carries `nonce="{{ request.csp_nonce }}"`; the 500 page's <style> is allowed by its hash. Map
# pages add the tile
# server of the site settings to img-src, and the Wagtail admin, which needs inline scripts and
# styles, gets ADMIN_CONTENT_SECURITY_POLICY instead: see portal/security_headers.py.
# DJANGO_CSP_REPORT_ONLY=true sends the same policies as Content-Security-Policy-Report-Only
# (the browser reports violations in its console but blocks nothing), to try a change safely.
# Embedded media (staff-only embed blocks) play in frames from DJANGO_CSP_FRAME_SRC; images
# served from another host (object storage) need that host in DJANGO_CSP_IMG_SRC.
CSP_FRAME_SRC = env_list(
    "DJANGO_CSP_FRAME_SRC",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
CSP_IMG_SRC = env_list("DJANGO_CSP_IMG_SRC")
_PUBLIC_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *CSP_IMG_SRC],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *CSP_IMG_SRC],
        "frame-src": CSP_FRAME_SRC or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSP_REPORT_ONLY = env_bool("DJANGO_CSP_REPORT_ONLY", False)
if CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _PUBLIC_CSP
else:
    CONTENT_SECURITY_POLICY = _PUBLIC_CSP
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# Wagtail's admin has inline scripts (inline panels, date pickers) and style attributes; it
# needs no eval. Its page preview is a frame of the admin itself; avatars come from Gravatar
# (a scheme-less source: the admin asks for them over the page's own scheme).
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", "www.gravatar.com", *CSP_IMG_SRC],
    "font-src": [SELF, "data:"],
    # The dashboard's "new Wagtail version" notice (WAGTAIL_ENABLE_UPDATE_CHECK).
    "connect-src": [SELF, "https://releases.wagtail.org"],
    "media-src": [SELF, *CSP_IMG_SRC],
    "frame-src": [SELF, *CSP_FRAME_SRC],
    "worker-src": [SELF, "blob:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
# Browser features no page of the site uses (the map picker places a point by clicking, it
# does not ask for the visitor's location): denied to the site and to every frame in it.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "midi": [],
    "display-capture": [],
}

# Console log: plain text, or one JSON object per line (production's default, for a log
# collector) with DJANGO_LOG_FORMAT=json. Every line carries the id of its request (the
# X-Request-ID response header, see ops/middleware.py); DJANGO_REQUEST_LOG=true adds one line
# per request (logger articula.request: method, path, status, duration).
LOG_FORMAT = (
    "json" if os.environ.get("DJANGO_LOG_FORMAT", "text").strip().lower() == "json" else "text"
)
REQUEST_LOG = env_bool("DJANGO_REQUEST_LOG", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.logging.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "ops.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # One line per background task and per page action is noise on the console.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
