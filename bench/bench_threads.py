"""bench_threads.py — does matching scale across two Python threads?

Playbook.match releases the GIL while the core matches, so two threads can
match at once; building the result dict needs the GIL again. This prints,
for a short and a long message, the time per call on one thread and the
throughput of two threads and of two processes (the machine's own ceiling)
relative to one thread. Beside them, hashlib.sha256 on a buffer sized to
take about as long per call: CPython's own GIL-releasing call, the ceiling
the GIL sets for calls that short. Each figure is the median of interleaved
repeats (this machine's timing is noisy).

    python bench/bench_threads.py
"""
import hashlib
import multiprocessing
import statistics
import threading
import time

import tinyyes

SHORT = ("how much is a tune-up?", "can I book for saturday morning", "what time do you open",
         "I want a refund")
LONG = tuple((s + ", and ") * 12 + "thanks" for s in SHORT)  # about 300-400 characters
REPEATS = 9
AT = 1700000000
PB = tinyyes.Playbook.default()  # one playbook shared by the threads, as a web app would


def match_work(texts, n):
    m = PB.match
    for i in range(n):
        m(texts[i & 3], at=AT)


def sha_work(size, n):
    data = b"x" * size
    h = hashlib.sha256
    for _ in range(n):
        h(data).digest()


def timed(worker, fn, args, k):
    """Seconds for k workers (threading.Thread or multiprocessing.Process)
    each running fn(*args), started together."""
    ws = [worker(target=fn, args=args) for _ in range(k)]
    t0 = time.perf_counter()
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    return time.perf_counter() - t0


def scaling(fn, args, n):
    """(µs per call on one thread, 2-thread ratio, 2-process ratio), medians."""
    one, two, procs = [], [], []
    fn(*args[:-1], 200)
    for _ in range(REPEATS):
        one.append(timed(threading.Thread, fn, args, 1))
        two.append(timed(threading.Thread, fn, args, 2))
        procs.append(timed(multiprocessing.Process, fn, args, 2))
    t1 = statistics.median(one)
    return t1 / n * 1e6, 2 * t1 / statistics.median(two), 2 * t1 / statistics.median(procs)


def sha_size_for(us):
    """A buffer size whose sha256 takes about us microseconds here."""
    size = 4096
    t0 = time.perf_counter()
    sha_work(size, 2000)
    per = (time.perf_counter() - t0) / 2000 * 1e6
    return max(2048, int(size * us / per))


def main():
    print("threads: 2 threads (and 2 processes) against 1, throughput ratio (2.00 is linear)")
    print("%-34s %9s %9s %9s" % ("work", "us/call", "threads", "procs"))
    for name, texts, n in (("match, short messages", SHORT, 20000), ("match, ~350-char messages", LONG, 4000)):
        us, thr, prc = scaling(match_work, (texts, n), n)
        print("%-34s %9.2f %8.2fx %8.2fx" % (name, us, thr, prc))
        size = sha_size_for(us)
        us2, thr2, prc2 = scaling(sha_work, (size, n), n)
        print("%-34s %9.2f %8.2fx %8.2fx" % ("  hashlib.sha256, %d B" % size, us2, thr2, prc2))


if __name__ == "__main__":
    main()
