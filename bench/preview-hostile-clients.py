#!/usr/bin/env python3
"""How `qcsite serve` answers an ordinary request while hostile or careless clients are connected.

Copies the demo `content/` and `themes/` into a temporary folder, starts `qcsite serve` there and
prints, for each situation, the median time to answer `GET /` (of RUNS requests, each given up to
TIMEOUT seconds; a request that got no answer counts as the timeout) and the CPU the server uses
in the five seconds after, the clients still connected:
  - nothing else connected;
  - two clients each sending a 1 MB request header;
  - two clients sending a header one byte a second (slow clients);
  - 100 idle connections while the server may open only 64 files (`ulimit -n 64`),
    then again once they are closed;
and where `//2024` redirects to.

usage: bench/preview-hostile-clients.py [QCSITE] [RUNS] [TIMEOUT]
       (defaults .build/debug/qcsite, 5, 10)
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QCSITE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/qcsite")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
TIMEOUT = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
CPU_WINDOW = 5.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(work, port, file_limit=None):
    command = [QCSITE, "serve", "--port", str(port)]
    if file_limit:
        command = ["sh", "-c", f"ulimit -n {file_limit} && exec \"$0\" \"$@\""] + command
    server = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    time.sleep(0.5)
    return server


def get(port, target="/"):
    """Seconds to a complete answer to one request, or None when none came within TIMEOUT."""
    start_time = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as s:
            s.settimeout(TIMEOUT)
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                if time.monotonic() - start_time > TIMEOUT:
                    return None, data
            return time.monotonic() - start_time, data
    except OSError:
        return None, b""


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(name, server, port):
    times = []
    for _ in range(RUNS):
        seconds, data = get(port)
        ok = seconds is not None and data.startswith(b"HTTP/1.1 200")
        times.append(seconds if ok else TIMEOUT)
    cpu_before = cpu_seconds(server.pid)
    time.sleep(CPU_WINDOW)
    cpu = cpu_seconds(server.pid) - cpu_before
    answered = sum(1 for t in times if t < TIMEOUT)
    print(f"{name}: median {statistics.median(times) * 1000:.1f} ms, {answered}/{RUNS} answered; "
          f"server CPU over the next {CPU_WINDOW:.0f} s: {100 * cpu / CPU_WINDOW:.0f}% of one core")


def big_header_client(port, stop):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + b"a" * 1_000_000 + b"\r\n\r\n")
    except OSError:
        return
    stop.wait()
    s.close()


def slow_client(port, stop):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET / HTTP/1.1\r\n")
        while not stop.wait(1):
            s.sendall(b"X")
    except OSError:
        return
    finally:
        s.close()


def with_clients(name, server, port, client, count=2):
    stop = threading.Event()
    threads = [threading.Thread(target=client, args=(port, stop), daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    time.sleep(1)
    measure(name, server, port)
    stop.set()
    for t in threads:
        t.join(timeout=5)


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main():
    work = tempfile.mkdtemp(prefix="qcsite-preview-bench-")
    try:
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(work, "content"))
        shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(work, "themes"))
        port = free_port()
        server = start(work, port)
        try:
            measure("GET / alone", server, port)
            with_clients("GET / with two 1 MB-header clients", server, port, big_header_client)
            measure("GET / after they left", server, port)
            with_clients("GET / with two slow clients", server, port, slow_client)
            _, data = get(port, "//2024")
            location = [line for line in data.split(b"\r\n") if line.lower().startswith(b"location:")]
            print(f"GET //2024: {data.split(b' ', 2)[1].decode() if data else 'no answer'} "
                  f"{location[0].decode() if location else '(no Location)'}")
        finally:
            stop_server(server)

        port = free_port()
        server = start(work, port, file_limit=64)
        try:
            idle = []
            for _ in range(100):
                try:
                    idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
                except OSError:
                    break
            time.sleep(1)
            measure(f"GET / with {len(idle)} idle connections (ulimit -n 64)", server, port)
            for s in idle:
                s.close()
            time.sleep(1)
            measure("GET / after they closed", server, port)
        finally:
            stop_server(server)
        print("server messages with the file limit:")
        for line in server.stderr.read().decode(errors="replace").splitlines():
            if "预览：" not in line and "导入" not in line and "生成" not in line and "规则检查" not in line:
                print("  " + line)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
