"""Stepping one conversation inside a database transaction: the row is
locked (SELECT ... FOR UPDATE) so two webhooks for one customer take turns,
and the new state, the outbox and the metric events commit together."""
from django.conf import settings
from django.db import transaction

import tinyyes

from .models import Conversation, MetricEvent, Outbox

PLAYBOOK = tinyyes.Playbook.default(secret=settings.TINYYES_STATE_SECRET)


def step(conversation_id, event):
    """Steps event for conversation_id; returns the step result, or None when
    the event came late (after a later one) and was dropped on purpose."""
    with transaction.atomic():
        conv, _ = Conversation.objects.select_for_update().get_or_create(id=conversation_id)
        try:
            out = PLAYBOOK.step(conv.state, event)
        except tinyyes.EventError as exc:
            if exc.reason == "late":
                return None
            raise
        if out.get("duplicate"):
            return out  # delivered twice: nothing more to do
        if event["type"] == "message":
            conv.last_customer_at = event["at"]
        conv.state = out["state"]
        conv.due = out["state"]["due"]
        conv.status = out["state"]["status"]
        conv.save()
        for action in out["actions"]:
            if action["type"] == "send":
                msg = tinyyes.payload(action, "whatsapp", to=conversation_id, at=event["at"],
                                      last_customer_at=conv.last_customer_at)
                Outbox.objects.create(conversation=conv, body=msg["payload"], window=msg["window"])
        MetricEvent.objects.bulk_create(MetricEvent(data=e) for e in out["events"])
        return out
