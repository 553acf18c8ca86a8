"""The beat task: a tick for every conversation whose `due` has come."""
import time

from celery import shared_task

from . import conversations
from .models import Conversation


@shared_task
def step_due(now=None):
    """Steps a tick for each conversation due by `now` (Unix seconds;
    default the clock). Returns how many were stepped."""
    now = int(time.time()) if now is None else int(now)
    stepped = 0
    for conv_id in Conversation.objects.filter(due__lte=now).values_list("id", flat=True):
        if conversations.step(conv_id, {"type": "tick", "at": now}) is not None:
            stepped += 1
    return stepped
