#!/usr/bin/env python3
"""O_DSYNC 4 KiB writes per second from 1, 2, 3, 4 and 8 threads (2 s each, two rounds) on a file in
DIR (default /tmp): whether this disk overlaps concurrent synchronous writes, which decides what
several WAL groups in flight can gain (docs/benchmarks.md, "two groups written at once").
    bench/dsync-probe.py [DIR]"""
import os, sys, tempfile, threading, time

def main():
    fd, path = tempfile.mkstemp(dir=sys.argv[1] if len(sys.argv) > 1 else "/tmp", prefix="dsync-probe.")
    os.close(fd)
    try:
        with open(path, "wb") as f:  # preallocated, as the WAL is: a write persists data only
            f.write(b"\0" * (8 << 20))
            f.flush()
            os.fsync(f.fileno())
        fd = os.open(path, os.O_RDWR | os.O_DSYNC)
        page = b"x" * 4096
        for _ in range(2):
            for threads in (1, 2, 3, 4, 8):
                stop, counts = [False], [0] * threads

                def worker(i):
                    n = 0
                    while not stop[0]:
                        os.pwrite(fd, page, i * (1 << 20) + (n % 200) * 4096)
                        n += 1
                    counts[i] = n

                ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
                t0 = time.time()
                for t in ts: t.start()
                time.sleep(2)
                stop[0] = True
                for t in ts: t.join()
                secs = time.time() - t0
                print(f"threads={threads} writes/s={sum(counts) / secs:.0f} load={os.getloadavg()[0]:.1f}", flush=True)
        os.close(fd)
    finally:
        os.unlink(path)

main()
