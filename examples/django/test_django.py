"""The Django example on real servers: PostgreSQL (initdb'd into a temporary
folder, listening on 127.0.0.1) and Redis, both started here on free ports
and always stopped; Django served over real HTTP by a threaded WSGI server;
a real Celery worker on the Redis broker. Checks: Meta's handshake, a
refused signature, a conversation, a duplicate delivery, two webhooks for
one conversation at the same moment (row lock: nothing lost, nothing
overwritten), the beat task stepping a due follow-up through Celery, and
webhook-to-outbox latency (printed).

Run by `make test-examples` (python -m pytest examples/django)."""

import glob
import hashlib
import hmac
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
APP_SECRET = "test-app-secret"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, what, seconds=30):
    end = time.time() + seconds
    while True:
        try:
            got = check()
        except Exception:  # noqa: BLE001 - not up yet
            got = None
        if got:
            return got
        if time.time() > end:
            raise RuntimeError("timed out waiting for " + what)
        time.sleep(0.05)


def _as_postgres(cmd):
    # PostgreSQL refuses to run as root: run its programs as the postgres user then
    return (["runuser", "-u", "postgres", "--"] + cmd) if os.geteuid() == 0 else cmd


@pytest.fixture(scope="module")
def servers():
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins or not shutil.which("redis-server"):
        pytest.fail("PostgreSQL and redis-server are needed (make test-examples installs them)")
    pg = bins[-1]
    tmp = tempfile.mkdtemp(prefix="tinyyes-django-")
    os.chmod(tmp, 0o755)
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
    data, pg_port, redis_port = os.path.join(tmp, "data"), _free_port(), _free_port()
    redis = None
    started_pg = False
    try:
        subprocess.run(_as_postgres([pg + "/initdb", "-D", data, "-A", "trust", "-U", "bikeshop", "--no-sync"]),
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run(_as_postgres([pg + "/pg_ctl", "-D", data, "-l", os.path.join(tmp, "log"), "-w", "start", "-o",
                                     "-h 127.0.0.1 -p %d -k %s -c fsync=off" % (pg_port, tmp)]),
                       check=True, stdout=subprocess.DEVNULL)
        started_pg = True
        redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                  "--appendonly", "no"], stdout=subprocess.DEVNULL)
        import redis as redis_client

        _wait(lambda: redis_client.Redis(port=redis_port).ping(), "redis-server")
        yield {"pg_port": pg_port, "redis_port": redis_port}
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(10)
        if started_pg:
            subprocess.run(_as_postgres([pg + "/pg_ctl", "-D", data, "-m", "immediate", "stop"]),
                           stdout=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(servers):
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "bikeshop.settings", "PGHOST": "127.0.0.1", "PGPORT": str(servers["pg_port"]),
        "PGUSER": "bikeshop", "PGDATABASE": "postgres",
        "CELERY_BROKER_URL": "redis://127.0.0.1:%d/0" % servers["redis_port"],
        "WHATSAPP_APP_SECRET": APP_SECRET, "WHATSAPP_VERIFY_TOKEN": "bikes-2026",
    })
    sys.path.insert(0, HERE)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bikeshop.wsgi import application

    httpd = make_server("127.0.0.1", 0, application, server_class=_ThreadingWSGIServer, handler_class=_Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield "http://127.0.0.1:%d" % httpd.server_port
    finally:
        httpd.shutdown()
        httpd.server_close()
        from django.db import connections

        connections.close_all()


_seq = [0]


def _body(sender, text, at):
    _seq[0] += 1
    return json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp", "messages": [{
            "from": sender, "id": "wamid.D%d" % _seq[0], "timestamp": str(at), "type": "text",
            "text": {"body": text}}]}}]}]}).encode()


def _post(site, body, secret=APP_SECRET):
    sig = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    req = urllib.request.Request(site + "/webhook/whatsapp", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "X-Hub-Signature-256": sig})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def _outbox(conv):
    from bot.models import Outbox

    return list(Outbox.objects.filter(conversation_id=conv).order_by("id").values_list("body", flat=True))


def test_handshake(site):
    with urllib.request.urlopen(site + "/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=bikes-2026"
                                       "&hub.challenge=4242") as r:
        assert r.read() == b"4242"
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(site + "/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=no&hub.challenge=1")
    assert info.value.code == 403


def test_signature_conversation_and_duplicate(site):
    now = int(time.time())
    assert _post(site, _body("15550000001", "hi", now), secret="wrong") == 401
    assert _outbox("15550000001") == []
    first = _body("15550000001", "hi, can I book a tune-up?", now)
    assert _post(site, first) == 200
    assert len(_outbox("15550000001")) == 1
    assert _post(site, first) == 200  # delivered again: nothing sent twice
    assert len(_outbox("15550000001")) == 1


def test_two_webhooks_for_one_conversation_at_once(site):
    now = int(time.time())
    bodies = [_body("15550000002", "hello", now), _body("15550000002", "I want to book a service", now)]
    results = []
    gate = threading.Barrier(2)

    def send(b):
        gate.wait()
        results.append(_post(site, b))

    threads = [threading.Thread(target=send, args=(b,)) for b in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200, 200]
    from bot.models import Conversation

    state = Conversation.objects.get(id="15550000002").state
    assert len(state["seen"]) == 2  # both stepped, one after the other: nothing overwritten
    assert len([t for t in state["turns"] if t["from"] == "customer"]) == 2


def test_beat_task_steps_a_due_follow_up_through_celery(site):
    from celery.contrib.testing.worker import start_worker

    from bikeshop.celery import app
    from bot.models import Conversation
    from bot.tasks import step_due

    now = int(time.time())
    assert _post(site, _body("15550000003", "can I book a full service?", now)) == 200
    due = Conversation.objects.get(id="15550000003").due
    assert due and due > now
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        step_due.delay(now=due)  # what beat sends every minute, with the clock at the due time
        _wait(lambda: len(_outbox("15550000003")) == 2, "the follow-up through Celery")
    assert Conversation.objects.get(id="15550000003").state["followups"] == 1


def test_latency(site):
    times = []
    for i in range(40):
        body = _body("1555200%04d" % i, "hi, how much is a tune-up?", int(time.time()))
        t0 = time.perf_counter()
        assert _post(site, body) == 200
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print("django webhook -> outbox (PostgreSQL, row lock): median %.2f ms, p99 %.2f ms"
          % (times[len(times) // 2], times[min(len(times) - 1, int(0.99 * len(times)))]))
