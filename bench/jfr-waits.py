#!/usr/bin/env python3
"""Where Basalt's connection threads wait and run, per transaction, from a commit-profile recording.

    bench/jfr-waits.py OUT/basalt.jfr TRANSACTIONS [--top N]

OUT/basalt.jfr is what `JFR=w.jfc bench/commit-profile.sh BUILD TEST SECS WARMUP OUT` records (w.jfc
with jdk.ThreadPark#threshold=0ms, see that script); TRANSACTIONS is the measured run's count
(`transactions:` in OUT/b.sysbench). Prints, per thread group, the parked time per transaction by
the first Basalt frames of the park's stack (what a transaction waits on: a commit's group write,
walLock, a row lock), the O_DSYNC log writes' latency percentiles, and the connection threads'
Java samples by the Basalt method that leads to them (where their CPU goes).
"""
import collections
import re
import subprocess
import sys

JFR = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
UNITS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0, "min": 60000.0}


def events(path, name, depth):
    out = subprocess.run([JFR, "print", "--events", name, "--stack-depth", str(depth), path],
                         check=True, capture_output=True, text=True).stdout
    return out.split(name + " {")[1:]


def millis(event):
    m = re.search(r"duration = ([\d.]+) (\w+)", event)
    return float(m.group(1)) * UNITS[m.group(2)] if m else 0.0


def thread_group(event):
    m = re.search(r'(?:eventThread|sampledThread) = "([^"]*)"', event)
    return re.sub(r"\d+", "#", m.group(1)) if m else "?"


def frames(event):
    return re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)


def short(frame):
    return ".".join(frame.split(".")[-2:])


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, tx = sys.argv[1], int(sys.argv[2])
    top = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--top" else 12

    parked, count = collections.Counter(), collections.Counter()
    for e in events(path, "jdk.ThreadPark", 30):
        site = " < ".join(short(f) for f in frames(e) if f.startswith("dev.basalt"))[:110] or "(no Basalt frame)"
        key = (thread_group(e), " < ".join(site.split(" < ")[:3]))
        parked[key] += millis(e)
        count[key] += 1
    print(f"parked per transaction ({tx} transactions), by thread group and site:")
    for (group, site), ms in parked.most_common(top):
        print(f"  {ms * 1000 / tx:8.1f} us  {count[(group, site)]:6d} parks  {group[:28]:28s} {site}")

    writes = sorted(millis(e) for e in events(path, "jdk.FileWrite", 1) if "basalt.wal" in e)
    if writes:
        p = lambda q: writes[min(len(writes) - 1, int(len(writes) * q))]
        # JFR may leave some writes out (Basalt_storage_durable_writes counts them all): latency only.
        print(f"log write latency ({len(writes)} recorded writes): "
              f"ms p10 {p(.1):.2f} p50 {p(.5):.2f} p90 {p(.9):.2f} p99 {p(.99):.2f} mean {sum(writes) / len(writes):.2f}")

    leads, total = collections.Counter(), 0
    for e in events(path, "jdk.ExecutionSample", 64):
        if "connection" not in thread_group(e):
            continue
        total += 1
        basalt = [f for f in frames(e) if f.startswith("dev.basalt")]
        leads[" < ".join(short(f) for f in basalt[:2]) if basalt else short(frames(e)[0])] += 1
    print(f"connection threads' Java samples ({total}), by their two innermost Basalt frames:")
    for site, n in leads.most_common(top):
        print(f"  {100.0 * n / max(total, 1):5.1f}%  {site}")


if __name__ == "__main__":
    main()
