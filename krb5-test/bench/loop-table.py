#!/usr/bin/env python3
"""Prints the plain-loop table of run.sh from its loop.txt.

Each line of loop.txt is "rate|warmheap|spnego|sha2|scaling size=N round=R RESULT impl=... threads=T ...
[SLICES ...]":
one process's RESULT line (mitaccept or LoopBench). Per (size, acceptor, threads): accepts/s
min / median / max over the rounds, the spread (largest distance of a round from the median, as a
share of the median), median CPU µs and allocated bytes per accept, and the ratios of ours'
medians to this row's, and the minor page faults per accept where LoopBench reported them.
"""
import statistics
import sys
from collections import defaultdict


def load(path):
    groups = defaultdict(lambda: defaultdict(list))
    for line in open(path):
        words = line.split()
        if not words:
            continue
        kv = {}
        for w in words[1:]:
            if "=" in w:
                k, v = w.split("=", 1)
                kv.setdefault(k, v)  # RESULT's keys first; SLICES' size= is the slice size
        kv["slice_rates"] = next((w.split("=", 1)[1] for w in words if w.startswith("rates=")), None)
        groups[words[0]][(int(kv["size"]), kv["impl"], int(kv["threads"]))].append(kv)
    return groups


# Rows of other tokens (run.sh --loop-variants), in the order printed.
VARIANTS = [
    ("spnego", "SPNEGO-wrapped krb5 aes-sha1 AP-REQs (RFC 4178; MIT's initiator, mutual auth)"),
    ("sha2", "krb5 AP-REQs for the aes256-cts-hmac-sha384-192 service (RFC 8009)"),
]


def med(xs):
    return statistics.median(xs)


def spread(xs):
    m = med(xs)
    return max(m - min(xs), max(xs) - m) / m * 100


def table(data):
    hdr = (f"{'tokens':>7} | {'acceptor':<13} | {'thr':>3} | {'accepts/s min / median / max':>30} | "
           f"{'spread':>7} | {'CPU µs':>7} | {'alloc B':>8} | {'faults':>6} | {'ours-gss/x':>10} | "
           f"{'ours-acc/x':>10}")
    print(hdr)
    print("-" * len(hdr))
    for size in sorted({k[0] for k in data}):
        for thr in sorted({k[2] for k in data if k[0] == size}):
            meds = {k[1]: med([float(r["accepts_per_s"]) for r in v])
                    for k, v in data.items() if k[0] == size and k[2] == thr}
            for (s, impl, t), runs in data.items():
                if s != size or t != thr:
                    continue
                rates = [float(r["accepts_per_s"]) for r in runs]
                cpu = med([float(r["cpu_us_per_accept"]) for r in runs])
                allocs = [float(r["alloc_bytes_per_accept"]) for r in runs if "alloc_bytes_per_accept" in r]
                g, a = meds.get("ours-gss"), meds.get("ours-acceptor")
                ratio_g = f"{g / med(rates):.2f}x" if g else "-"
                ratio_a = f"{a / med(rates):.2f}x" if a else "-"
                alloc = f"{med(allocs):.0f}" if allocs else "-"
                faults = [float(r["minor_faults_per_accept"]) for r in runs
                          if r.get("minor_faults_per_accept", "nan") != "nan"]
                fault = f"{med(faults):.2f}" if faults else "-"
                mm = f"{min(rates):.0f} / {med(rates):.0f} / {max(rates):.0f}"
                print(f"{size:>7} | {impl:<13} | {t:>3} | {mm:>30} | {spread(rates):>6.1f}% | {cpu:>7.2f} | "
                      f"{alloc:>8} | {fault:>6} | {ratio_g:>10} | {ratio_a:>10}")


def main():
    groups = load(sys.argv[1])
    print()
    print("Plain loop: createContext, acceptSecContext, getSrcName().toString(), dispose (MIT: accept with")
    print("src_name, gss_display_name, delete); krb5 aes-sha1, replay cache on, one process per row, the")
    print("first quarter of the file untimed, rounds in turns")
    print()
    table(groups["rate"])
    if groups["warmheap"]:
        print()
        print("The largest size again, JVMs only, on a pre-touched heap (-XX:+AlwaysPreTouch: the heap's pages")
        print("touched before main, as in a JVM that has run for a while; a fresh file; rounds in turns):")
        print()
        table(groups["warmheap"])
    for variant, words in VARIANTS:
        if groups[variant]:
            print()
            print(f"The largest size again, every acceptor: {words}")
            print("(a fresh file, the first quarter untimed, rounds in turns):")
            print()
            table(groups[variant])
    scaling = groups["scaling"]
    if scaling:
        print()
        print("Settled, two threads against one (a fresh file per round, its first half untimed on as many threads as are timed; JVMs with a pre-touched heap, clocks started once the JIT was idle for 1 s; rounds in turns):")
        print()
        table(scaling)
        for impl in sorted({k[1] for k in scaling}):
            one = [float(r["accepts_per_s"]) for k, v in scaling.items() if k[1] == impl and k[2] == 1 for r in v]
            two = [float(r["accepts_per_s"]) for k, v in scaling.items() if k[1] == impl and k[2] == 2 for r in v]
            if one and two:
                print(f"  {impl:<13} 2 threads / 1 thread = {med(two) / med(one):.2f}x (medians of {len(two)} rounds)")
    print()
    print("spread: the largest distance of a round from the median, as a share of the median; CPU µs: the")
    print("process's CPU time per measured accept (JIT and GC included); alloc B: bytes the accepting")
    print("threads allocated per accept; faults: the process's minor page faults per measured accept (first")
    print("touches of pages, zeroed by the kernel; '-' where not reported). ours-gss/x, ours-acc/x: ours'")
    print("median accepts/s over this row's.")
    shown = set()
    for (size, impl, thr), runs in groups["rate"].items():
        rates = runs[0].get("slice_rates")
        if rates and (size, impl) not in shown:
            if not shown:
                print()
                print("accepts/s per slice of 5,000 measured tokens (round 1), as the JIT warms up:")
            shown.add((size, impl))
            print(f"  {size:>7} {impl:<13} {rates}")


if __name__ == "__main__":
    main()
