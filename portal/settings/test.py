from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
MEDIA_ROOT = BASE_DIR / "test-media"
ALLOWED_HOSTS = ["*"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search_backend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files from the apps' folders (no collectstatic before tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Off in tests; tests/portal/test_page_cache.py switches it on.
PAGE_CACHE_ENABLED = False
