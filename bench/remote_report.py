#!/usr/bin/env python3
"""Summarises a bin/bench remote run: remote_report.py RESULT.json RESULT.md

Adds "summary", "ratios" and "targets" to RESULT.json, prints the tables and writes the Markdown
fragment for the docs. The chart is drawn from the summary by bin/bench chart (bench/chart.sh).
"""
import json
import statistics
import sys

LABELS = {
    "direct": "direct (MariaDB)",
    "relay": "relay (socat)",
    "passthrough": "Basalt passthrough",
    "socket": "Basalt passthrough over the Unix socket",
    "threads": "Basalt passthrough, event loop off",
    "socket-threads": "Basalt passthrough over the Unix socket, event loop off",
    "cache": "Basalt passthrough + cache",
    "cache-threads": "Basalt passthrough + cache, event loop off",
    "lmdb": "Basalt on lmdb",
}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def div(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def fmt(v, digits=2, suffix=""):
    return "n/a" if v is None else f"{v:,.{digits}f}{suffix}"


def per_statement_us(run, key):
    cpu, queries = run.get(key), run.get("queries")
    return cpu * 1e6 / queries if cpu is not None and queries else None


def summarise(doc):
    runs = doc["runs"]
    configs = doc["config"]["configurations"]
    workloads = doc["config"]["workloads"]
    summary = {}
    for w in workloads:
        summary[w] = {}
        for c in configs:
            rs = [r for r in runs if r["workload"] == w and r["config"] == c]
            if not rs:
                continue
            s = {
                "rounds": len(rs),
                "tps": median([r["tps"] for r in rs]),
                "qps": median([r["qps"] for r in rs]),
                "p95_ms": median([r["p95_ms"] for r in rs]),
                "tps_per_round": [r["tps"] for r in rs],
                "mariadb_cpu_us_per_statement": median([per_statement_us(r, "mariadb_cpu_s") for r in rs]),
                "proxy_cpu_us_per_statement": median([per_statement_us(r, "proxy_cpu_s") for r in rs]),
                "ignored_errors": sum(r.get("ignored_errors") or 0 for r in rs),
                "reconnects": sum(r.get("reconnects") or 0 for r in rs),
                "error_lines": sum(r.get("error_lines") or 0 for r in rs),
                "machine_cpu_busy": median([r.get("machine_cpu_busy") for r in rs]),
            }
            if any("cache_hits" in r for r in rs):
                hits = sum(r.get("cache_hits") or 0 for r in rs)
                misses = sum(r.get("cache_misses") or 0 for r in rs)
                s["cache_hits"], s["cache_misses"] = hits, misses
                s["cache_hit_ratio"] = div(hits, hits + misses)
            summary[w][c] = s
    return summary


def ratios_of(summary):
    out = {}
    for w, by in summary.items():
        g = lambda c, k="tps": by.get(c, {}).get(k)
        pass_proxy = g("passthrough", "proxy_cpu_us_per_statement")
        pass_maria = g("passthrough", "mariadb_cpu_us_per_statement")
        relay_proxy = g("relay", "proxy_cpu_us_per_statement")
        relay_maria = g("relay", "mariadb_cpu_us_per_statement")
        out[w] = {
            "relay/direct": div(g("relay"), g("direct")),
            "passthrough/relay": div(g("passthrough"), g("relay")),
            "passthrough/direct": div(g("passthrough"), g("direct")),
            "cache/direct": div(g("cache"), g("direct")),
            "cache/passthrough": div(g("cache"), g("passthrough")),
            "lmdb/direct": div(g("lmdb"), g("direct")),
            "passthrough_proxy_cpu_us_per_statement": pass_proxy,
            "passthrough_mariadb_cpu_us_per_statement": pass_maria,
            "passthrough_proxy_cpu/mariadb_cpu": div(pass_proxy, pass_maria),
            "direct_mariadb_cpu_us_per_statement": g("direct", "mariadb_cpu_us_per_statement"),
            "relay_proxy_cpu_us_per_statement": relay_proxy,
            "relay_proxy_cpu/mariadb_cpu": div(relay_proxy, relay_maria),
            "cache_proxy_cpu_us_per_statement": g("cache", "proxy_cpu_us_per_statement"),
            "cache_mariadb_cpu_us_per_statement": g("cache", "mariadb_cpu_us_per_statement"),
            "cache_hit_ratio": g("cache", "cache_hit_ratio"),
        }
    return out


def targets_of(ratios):
    def check(value, op, bound):
        if value is None:
            return {"measured": None, "target": f"{op} {bound}", "met": None}
        met = value >= bound if op == ">=" else value <= bound
        return {"measured": round(value, 3), "target": f"{op} {bound}", "met": met}

    t = {}
    for w, r in ratios.items():
        t[f"{w}: passthrough/relay throughput"] = check(r["passthrough/relay"], ">=", 0.9)
        t[f"{w}: passthrough proxy CPU / MariaDB CPU per statement"] = check(
            r["passthrough_proxy_cpu/mariadb_cpu"], "<=", 0.5)
    ps = ratios.get("point_select", {})
    t["point_select: cache/direct throughput"] = check(ps.get("cache/direct"), ">=", 1.5)
    t["point_select: cache/passthrough throughput"] = check(ps.get("cache/passthrough"), ">=", 3.0)
    t["point_select: cache hit ratio"] = check(ps.get("cache_hit_ratio"), ">=", 0.9)
    return t


def print_tables(doc, summary, ratios, targets):
    cfg = doc["config"]
    print()
    print(f"Basalt passthrough ({doc['mode']}: sysbench {cfg['threads']} threads x {cfg['seconds']}s, "
          f"{cfg['sysbench_table_size']} rows, {cfg['rounds']} rounds interleaved, median per configuration)")
    print(f"{'workload':<13} {'config':<12} {'tx/s':>10} {'q/s':>10} {'p95 ms':>8} {'x direct':>8} "
          f"{'MariaDB us/q':>12} {'proxy us/q':>10} {'hits':>7} {'busy':>5}  errors")
    for w, by in summary.items():
        d = by.get("direct", {}).get("tps")
        for c, s in by.items():
            hit = s.get("cache_hit_ratio")
            errs = f"{s['ignored_errors']}/{s['reconnects']}/{s['error_lines']}"
            busy = "n/a" if s["machine_cpu_busy"] is None else f"{s['machine_cpu_busy']:.0%}"
            print(f"{w:<13} {c:<12} {fmt(s['tps'], 1):>10} {fmt(s['qps'], 1):>10} {fmt(s['p95_ms']):>8} "
                  f"{fmt(div(s['tps'], d)):>8} {fmt(s['mariadb_cpu_us_per_statement'], 1):>12} "
                  f"{fmt(s['proxy_cpu_us_per_statement'], 1):>10} "
                  f"{('n/a' if hit is None else f'{hit:.1%}') if 'cache_hit_ratio' in s else '':>7} "
                  f"{busy:>5}  {errs}")
    print("(us/q: CPU microseconds per statement; busy: whole machine's CPU busy during the run; "
          "errors: sysbench ignored errors / reconnects / error lines in its output, summed over rounds)")
    print()
    print(f"{'workload':<13} {'pass/relay':>10} {'pass/dir':>8} {'cache/dir':>9} {'cache/pass':>10} "
          f"{'lmdb/dir':>8} {'relay/dir':>9} {'pass us/q':>9} {'Maria us/q':>10} {'ratio':>6} {'socat us/q':>10}")
    for w, r in ratios.items():
        print(f"{w:<13} {fmt(r['passthrough/relay']):>10} {fmt(r['passthrough/direct']):>8} "
              f"{fmt(r['cache/direct']):>9} {fmt(r['cache/passthrough']):>10} {fmt(r['lmdb/direct']):>8} "
              f"{fmt(r['relay/direct']):>9} {fmt(r['passthrough_proxy_cpu_us_per_statement'], 1):>9} "
              f"{fmt(r['passthrough_mariadb_cpu_us_per_statement'], 1):>10} "
              f"{fmt(r['passthrough_proxy_cpu/mariadb_cpu']):>6} {fmt(r['relay_proxy_cpu_us_per_statement'], 1):>10}")
    print()
    print("Targets:")
    for name, t in targets.items():
        met = {True: "met", False: "NOT met", None: "not measured"}[t["met"]]
        print(f"  {name:<60} {str(t['measured']):>8}  (target {t['target']}): {met}")


def protocol(cfg):
    """What the sysbench runs spoke: text, or the binary protocol of server-side prepared statements."""
    return "prepared statements (binary protocol)" if "ps-mode=auto" in cfg.get("sysbench", "") else "text protocol"


def write_markdown(doc, summary, ratios, targets, path):
    cfg = doc["config"]
    m = doc["machine"]
    lines = [
        f"<!-- bin/bench remote: {doc['started']}, {doc['mode']} run, Basalt {doc['versions']['basalt_commit']} -->",
        f"sysbench {cfg['threads']} threads, {cfg['seconds']} s measured after {cfg['warmup_seconds']} s warm-up, "
        f"{cfg['sysbench_table_size']:,} rows, {protocol(cfg)}; {cfg['rounds']} rounds with the configurations "
        f"interleaved, median per configuration. {m['cores']} shared cores ({m['cpu']}), load average "
        f"{m['loadavg_before']} before, {m['loadavg_after']} after: compare ratios, not absolute numbers. "
        f"Cache: `--remote-cache-size {cfg['cache_size']} --remote-cache-ttl {cfg['cache_ttl_seconds']}`.",
        "",
        "Throughput relative to MariaDB reached directly (tx/s, higher is better):",
        "",
        "| workload | direct tx/s | relay (socat) | passthrough | cache | lmdb |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for w, by in summary.items():
        d = by.get("direct", {}).get("tps")
        cell = lambda c: fmt(div(by.get(c, {}).get("tps"), d)) + "x" if c in by else "n/a"
        lines.append(f"| {w} | {fmt(d, 0)} | {cell('relay')} | {cell('passthrough')} | {cell('cache')} | {cell('lmdb')} |")
    lines += [
        "",
        "Ratios and CPU per statement (µs of CPU per sysbench query, user+system, of the proxy process and of "
        "MariaDB during the passthrough runs):",
        "",
        "| workload | passthrough / relay | passthrough / direct | cache / direct | cache / passthrough | lmdb / direct "
        "| proxy µs/stmt | MariaDB µs/stmt | proxy / MariaDB | socat µs/stmt | cache hits |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for w, r in ratios.items():
        hit = r["cache_hit_ratio"]
        lines.append(
            f"| {w} | {fmt(r['passthrough/relay'])} | {fmt(r['passthrough/direct'])} | {fmt(r['cache/direct'])} "
            f"| {fmt(r['cache/passthrough'])} | {fmt(r['lmdb/direct'])} "
            f"| {fmt(r['passthrough_proxy_cpu_us_per_statement'], 1)} | {fmt(r['passthrough_mariadb_cpu_us_per_statement'], 1)} "
            f"| {fmt(r['passthrough_proxy_cpu/mariadb_cpu'])} | {fmt(r['relay_proxy_cpu_us_per_statement'], 1)} "
            f"| {'n/a' if hit is None else f'{hit:.1%}'} |")
    lines += ["", "Targets:", "", "| target | measured | met |", "|---|---:|---|"]
    for name, t in targets.items():
        met = {True: "yes", False: "**no**", None: "n/a"}[t["met"]]
        lines.append(f"| {name} {t['target']} | {t['measured'] if t['measured'] is not None else 'n/a'} | {met} |")
    if doc.get("failed_runs"):
        lines += ["", f"Runs with sysbench errors: {', '.join(doc['failed_runs'])}."]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    result_json, result_md = sys.argv[1], sys.argv[2]
    with open(result_json) as f:
        doc = json.load(f)
    summary = summarise(doc)
    ratios = ratios_of(summary)
    targets = targets_of(ratios)
    doc["summary"], doc["ratios"], doc["targets"] = summary, ratios, targets
    with open(result_json, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print_tables(doc, summary, ratios, targets)
    write_markdown(doc, summary, ratios, targets, result_md)


if __name__ == "__main__":
    main()
