"""The WhatsApp webhook: Meta's verification request, then signed deliveries."""
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

import tinyyes

from . import conversations


@csrf_exempt
def whatsapp_webhook(request):
    if request.method == "GET":
        challenge = tinyyes.handshake(request.GET, settings.WHATSAPP_VERIFY_TOKEN)
        return HttpResponse(challenge) if challenge is not None else HttpResponseForbidden()
    if request.method != "POST":
        return HttpResponse(status=405)
    if not tinyyes.verify("whatsapp", settings.WHATSAPP_APP_SECRET, request.headers, request.body):
        return HttpResponse(status=401)
    try:
        read = tinyyes.inbound("whatsapp", request.body, at=int(time.time()))
    except tinyyes.EventError as exc:
        return HttpResponseBadRequest(str(exc))
    for event in read["events"]:
        conversations.step(event["conversation"], event)
    return HttpResponse("ok")
