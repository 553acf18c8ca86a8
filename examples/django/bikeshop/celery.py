"""Celery for the example: Redis as the broker, beat stepping due conversations every minute."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bikeshop.settings")
app = Celery("bikeshop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
