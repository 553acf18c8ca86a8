"""A conversation per customer, and the outbox of messages to send."""
from django.db import models


class Conversation(models.Model):
    """One customer's conversation: tinyyes's state as it is, and `due`
    (when a tick has something to do) indexed for the beat task."""

    id = models.CharField(primary_key=True, max_length=256)  # the WhatsApp number
    state = models.JSONField(null=True)
    due = models.BigIntegerField(null=True, db_index=True)
    status = models.CharField(max_length=16, default="active")
    last_customer_at = models.BigIntegerField(null=True)


class Outbox(models.Model):
    """A Cloud API request body waiting for the sender process."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE)
    body = models.JSONField()
    window = models.CharField(max_length=16)
    created = models.DateTimeField(auto_now_add=True)
    sent = models.BooleanField(default=False)


class MetricEvent(models.Model):
    """tinyyes's metric events, for tinyyes.metrics()."""

    data = models.JSONField()
