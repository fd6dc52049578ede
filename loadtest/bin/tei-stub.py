#!/usr/bin/env python3
"""A TEI-shaped sentiment service for the remote-mode benchmark, in a process of its own.

Answers GET /info and POST /predict at once (a fixed score per input) and stamps every /predict with the time the
kernel received its first bytes (SO_TIMESTAMPNS), not the time this process got round to reading them: on a
loaded machine a server that stamps in user space stamps late after any pause and sees requests bunched that were
sent evenly. GET /stats reports, for the /predict requests since the last POST /reset, the count, the most that
arrived in any sliding second (a window [t, t + 1 s)), and first-to-last span.

usage: tei-stub.py PORT MAX_CLIENT_BATCH_SIZE     (PORT 0 picks one; the port is printed on the first line)
"""
import json
import socket
import struct
import sys
import threading
import time

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
CMSG_SPACE = socket.CMSG_SPACE(16)
SCORES = b'[{"label":"positive","score":0.9},{"label":"negative","score":0.1}]'

lock = threading.Lock()
arrivals = []  # kernel receive times of /predict, ns
unstamped = [0]


def max_in_window(times, window_ns=1_000_000_000):
    times = sorted(times)
    most, first = 0, 0
    for last, t in enumerate(times):
        while t - times[first] >= window_ns:
            first += 1
        most = max(most, last - first + 1)
    return most


def read_request(conn, buffer):
    """Returns (head, body, kernel stamp of the request's first bytes, rest of the buffer) or None at EOF."""
    stamp = None
    while b"\r\n\r\n" not in buffer:
        data, ancillary, _, _ = conn.recvmsg(65536, CMSG_SPACE)
        if not data:
            return None
        if not buffer:
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    seconds, nanos = struct.unpack("qq", payload[:16])
                    stamp = seconds * 1_000_000_000 + nanos
        buffer += data
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buffer) < length:
        data = conn.recv(65536)
        if not data:
            return None
        buffer += data
    return head, buffer[:length], stamp, buffer[length:]


def answer(head, body, stamp, batch):
    request_line = head.split(b"\r\n", 1)[0].decode()
    method, path = request_line.split(" ")[:2]
    if path == "/info":
        return json.dumps({"model_id": "bench/stub", "max_client_batch_size": batch}).encode()
    if path == "/predict":
        with lock:
            if stamp is None:
                unstamped[0] += 1
                stamp = time.time_ns()
            arrivals.append(stamp)
        n = len(json.loads(body)["inputs"])
        return b"[" + b",".join([SCORES] * n) + b"]"
    if path == "/reset":
        with lock:
            arrivals.clear()
            unstamped[0] = 0
        return b"{}"
    if path == "/stats":
        with lock:
            times = list(arrivals)
            missing = unstamped[0]
        span = (max(times) - min(times)) / 1e9 if times else 0
        return json.dumps({"requests": len(times), "maxInAnySecond": max_in_window(times),
                           "firstToLastSeconds": span, "unstamped": missing}).encode()
    return None


def serve(conn, batch):
    conn.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buffer = b""
    with conn:
        while True:
            request = read_request(conn, buffer)
            if request is None:
                return
            head, body, stamp, buffer = request
            payload = answer(head, body, stamp, batch)
            status = b"200 OK" if payload is not None else b"404 Not Found"
            payload = payload or b""
            conn.sendall(b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json\r\nContent-Length: "
                         + str(len(payload)).encode() + b"\r\n\r\n" + payload)


def main():
    port, batch = int(sys.argv[1]), int(sys.argv[2])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # set on the listener too: an accepted socket inherits it, so even bytes that arrive before accept() is
    # answered are stamped
    listener.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    print(listener.getsockname()[1], flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, batch), daemon=True).start()


if __name__ == "__main__":
    main()
