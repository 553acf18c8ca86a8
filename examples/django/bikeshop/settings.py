"""Settings of the example, from the environment (the test sets them)."""
import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.contenttypes", "bot"]
MIDDLEWARE = []
ROOT_URLCONF = "bikeshop.urls"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("PGDATABASE", "bikeshop"),
        "USER": os.environ.get("PGUSER", "bikeshop"),
        "PASSWORD": os.environ.get("PGPASSWORD", ""),
        "HOST": os.environ.get("PGHOST", "127.0.0.1"),
        "PORT": os.environ.get("PGPORT", "5432"),
    }
}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_BEAT_SCHEDULE = {"step-due-conversations": {"task": "bot.tasks.step_due", "schedule": 60.0}}

# The bot's secrets: Meta's app secret, the webhook verify token, and the
# secret tinyyes signs stored states with.
WHATSAPP_APP_SECRET = os.environ.get("WHATSAPP_APP_SECRET", "")
WHATSAPP_VERIFY_TOKEN = os.environ.get("WHATSAPP_VERIFY_TOKEN", "")
TINYYES_STATE_SECRET = os.environ.get("TINYYES_STATE_SECRET", "example-state-secret").encode()
