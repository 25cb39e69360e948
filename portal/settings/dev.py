from .base import *

DEBUG = env_bool("DJANGO_DEBUG", True)
# A development-only key, used only when none is given; production.py refuses to start without one.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-not-for-production"  # noqa: S105
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
