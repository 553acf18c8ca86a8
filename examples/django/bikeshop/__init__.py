"""The example project: a bike workshop's WhatsApp bot."""
from .celery import app as celery_app

__all__ = ["celery_app"]
