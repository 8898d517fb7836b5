#!/usr/bin/env bash
# krb5gss acceptor benchmark — THE one command (run from anywhere in the repository):
#
#   krb5-test/bench/run.sh [--tokens N] [--passes P] [--only mit|java|redis] [--quick]
#                          [--no-extras] [--profile] [--redis] [--keep]
#                          [--observe-overhead] [--loop | --no-loop] [--loop-sizes "N ..."]
#                          [--loop-rounds R] [--loop-scaling-size N] [--loop-variants "spnego sha2"]
#
# Sets up a throwaway MIT KDC on a free 127.0.0.1 port in a temp dir, generates AP-REQ token
# files with MIT's initiator (tokgen.c), and accepts every token of the same file in separate
# processes: MIT's gss_accept_sec_context (mitaccept.c), the JDK's mechanism, ours through
# GSSManager.getInstance() (ours-gss) and ours through the plain Acceptor API (ours-acceptor),
# each with its replay cache on and empty at the start of every pass. Prints one table:
#   acceptor | mech | enctype | threads | accepts/s | µs/accept | CPU µs/accept | ours/x | ours/x CPU
# then (unless --no-extras) wrap/unwrap (MessageBench) and heap (HeapBench) figures. README.md in this
# directory explains every figure and how ours plugs in.
#
#   --tokens N   tokens per file (default 50000); every pass accepts all of them
#   --passes P   measured passes per row (default 3; the JVMs also run 2 warm-up passes)
#   --only W     run only the MIT rows, only the Java rows, or only the Redis rows
#   --redis      also the shared replay cache rows: ours-acceptor (in-memory cache) vs ours-redis
#                (replay cache in a redis-server this script starts on a free 127.0.0.1 port),
#                krb5 aes-sha1, 1 and 8 threads; needs redis-server (BENCH_REDIS_TIMEOUT_MS=250:
#                the per-check timeout of those rows)
#   --quick      N=5000, P=2, 1 warm-up: a smoke test of the whole harness (2-3 minutes)
#   --no-extras  skip wrap/unwrap and heap figures
#   --profile    also record a JFR profile of ours (or of the JDK while ours is absent) and
#                print its hottest methods
#   --keep       keep the temp dir (KDC database, keytabs, token files, JMH JSON, logs)
#   --loop       only the plain-loop rows (LoopBench, mitaccept -w -n): what a server's own loop
#                sees (createContext, acceptSecContext, getSrcName().toString(), dispose), one
#                process per row, krb5 aes-sha1, the first quarter of each file warming up, 3
#                rounds in turns, min/median/max; the largest size again for the JVMs on a
#                pre-touched heap (-XX:+AlwaysPreTouch); then 2 threads against 1 (600,000 tokens, a
#                fresh file per round, the first half untimed on as many threads, the JVM's clock
#                started once its JIT is idle). They also run after the JMH table of a full run
#                (--no-loop skips them). Between the two, the largest size for other tokens:
#                SPNEGO (RFC 4178) around the same krb5 aes-sha1 AP-REQs, and krb5 for the
#                aes256-sha2 service (RFC 8009). --loop-sizes "20000 200000" --loop-rounds 3,
#                --loop-scaling-size 600000 and --loop-variants "spnego sha2" ("" for none) are
#                the defaults.
#   --observe-overhead  only ours-acceptor, krb5 aes-sha1, 1 thread, in turns with observation
#                off / Krb5GssMetrics bound / a JFR recording of dev.krb5gss.Accept (twice
#                each), then the overhead of each against off
#
# Needs (installed with apt-get when missing and running as root):
#   krb5-kdc krb5-admin-server krb5-user libkrb5-dev gcc, plus java 17+ and mvn.
# BENCH_REPO=dir runs against another checkout (default: the one holding this script);
# BENCH_JAVA=path/to/java runs the JVM rows on another JDK (e.g. Temurin 25).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=${BENCH_REPO:-$(cd "$BENCH_DIR/../.." && pwd)}
JAVA=${BENCH_JAVA:-java}
REALM=BENCH.TEST
USER_PRINC=bench
USER_PASSWORD=bench-password-1
TOKENS=50000
PASSES=3
WARMUPS=2
ONLY=all
REDIS=0
REDIS_THREADS="1 8"
# Per-check Redis timeout of the ours-redis rows (ms). The production default is 50 ms; on a
# shared 2-core machine under heavy load a JIT warm-up pass can exceed it, and a refused token
# fails the run (fail-closed), so the bench allows more by default.
REDIS_TIMEOUT_MS=${BENCH_REDIS_TIMEOUT_MS:-250}
EXTRAS=1
PROFILE=0
KEEP=0
OBSERVE_OVERHEAD=0
LOOP=1
LOOP_ONLY=0
LOOP_SIZES="20000 200000"
LOOP_ROUNDS=3
LOOP_SCALING_SIZE=600000
# Other tokens in the plain loop, at the largest size: SPNEGO-wrapped krb5 (aes-sha1) and krb5 on
# the aes-sha2 service.
LOOP_VARIANTS="spnego sha2"

# Services under test: label, host, kadmin key spec. Same host name for krb5 and SPNEGO rows.
SHA1_HOST=localhost
SHA1_KEYS=aes256-cts-hmac-sha1-96:normal,aes128-cts-hmac-sha1-96:normal
SHA2_HOST=sha2host
SHA2_KEYS=aes256-cts-hmac-sha384-192:normal,aes128-cts-hmac-sha256-128:normal

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
            --tokens) TOKENS=$2; shift ;;
            --passes) PASSES=$2; shift ;;
            --only) ONLY=$2; shift ;;
            --quick) TOKENS=5000; PASSES=2; WARMUPS=1 ;;
            --no-extras) EXTRAS=0 ;;
            --profile) PROFILE=1 ;;
            --redis) REDIS=1 ;;
            --keep) KEEP=1 ;;
            --observe-overhead) OBSERVE_OVERHEAD=1 ;;
            --loop) LOOP_ONLY=1 ;;
            --no-loop) LOOP=0 ;;
            --loop-sizes) LOOP_SIZES=$2; shift ;;
            --loop-rounds) LOOP_ROUNDS=$2; shift ;;
            --loop-scaling-size) LOOP_SCALING_SIZE=$2; shift ;;
            --loop-variants) LOOP_VARIANTS=$2; shift ;;
            -h|--help) sed -n '2,49p' "${BASH_SOURCE[0]}"; exit 0 ;;
            *) die "unknown option $1 (try --help)" ;;
        esac
        shift
    done
    if [ "$ONLY" = redis ]; then REDIS=1; EXTRAS=0; fi
}

ensure_tools() {
    local missing=()
    for cmd in krb5kdc kdb5_util kadmin.local kinit klist gcc krb5-config "$JAVA" mvn python3; do
        command -v "$cmd" >/dev/null || missing+=("$cmd")
    done
    [ -e /usr/include/gssapi/gssapi_krb5.h ] || missing+=(libkrb5-dev)
    [ ${#missing[@]} -eq 0 ] && return
    [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}; install krb5-kdc krb5-admin-server krb5-user libkrb5-dev gcc"
    log "installing MIT krb5 and gcc (missing: ${missing[*]})"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        krb5-kdc krb5-admin-server krb5-user libkrb5-dev gcc >/dev/null
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cleanup() {
    if [ -n "${KDC_PID:-}" ]; then kill "$KDC_PID" 2>/dev/null || true; wait "$KDC_PID" 2>/dev/null || true; fi
    if [ -n "${REDIS_PID:-}" ]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
    if [ "$KEEP" -eq 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}

write_configs() {
    local port=$1
    cat >"$WORK/krb5.conf" <<EOF
[libdefaults]
    default_realm = $REALM
    dns_lookup_kdc = false
    dns_lookup_realm = false
    dns_canonicalize_hostname = false
    rdns = false
    udp_preference_limit = 1
[realms]
    $REALM = {
        kdc = 127.0.0.1:$port
    }
[domain_realm]
    $SHA1_HOST = $REALM
    $SHA2_HOST = $REALM
EOF
    cat >"$WORK/kdc.conf" <<EOF
[kdcdefaults]
    kdc_listen = 127.0.0.1:$port
    kdc_tcp_listen = 127.0.0.1:$port
[realms]
    $REALM = {
        database_name = $WORK/kdb/principal
        key_stash_file = $WORK/kdb/stash
        acl_file = $WORK/kadm5.acl
        max_life = 1d
        supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal aes256-cts-hmac-sha384-192:normal aes128-cts-hmac-sha256-128:normal
    }
[logging]
    kdc = FILE:$WORK/kdc.log
EOF
    : >"$WORK/kadm5.acl"
}

kadmin() {
    kadmin.local -r "$REALM" -q "$1" >>"$WORK/kadmin.log" 2>&1 || { cat "$WORK/kadmin.log" >&2; die "kadmin.local $1 failed"; }
}

# A KDC with the user and both services; keytabs extracted with the keys kadmin created.
start_kdc() {
    local port
    port=$(free_port)
    write_configs "$port"
    export KRB5_CONFIG="$WORK/krb5.conf" KRB5_KDC_PROFILE="$WORK/kdc.conf"
    export KRB5CCNAME="FILE:$WORK/ccache"
    mkdir -p "$WORK/kdb"
    kdb5_util -r "$REALM" create -s -P "master-$RANDOM$RANDOM" >>"$WORK/kadmin.log" 2>&1
    kadmin "addprinc -pw $USER_PASSWORD $USER_PRINC"
    kadmin "addprinc -randkey -e $SHA1_KEYS HTTP/$SHA1_HOST"
    kadmin "addprinc -randkey -e $SHA2_KEYS HTTP/$SHA2_HOST"
    for host in "$SHA1_HOST" "$SHA2_HOST"; do
        kadmin "ktadd -norandkey -k $WORK/$host.keytab HTTP/$host"
    done
    krb5kdc -n -r "$REALM" >"$WORK/kdc.out" 2>&1 &
    KDC_PID=$!
    for _ in $(seq 50); do
        if echo "$USER_PASSWORD" | kinit "$USER_PRINC@$REALM" >/dev/null 2>&1; then
            log "KDC up on 127.0.0.1:$port (realm $REALM), $USER_PRINC kinit'ed"
            return
        fi
        kill -0 "$KDC_PID" 2>/dev/null || die "krb5kdc exited: $(cat "$WORK/kdc.out")"
        sleep 0.2
    done
    die "kinit against the bench KDC kept failing"
}

compile_c() {
    mkdir -p "$WORK/bin"
    local flags
    flags="-O2 -Wall -Wextra -std=c11 -D_POSIX_C_SOURCE=200809L $(krb5-config --cflags gssapi)"
    # shellcheck disable=SC2086
    gcc $flags -o "$WORK/bin/tokgen" "$BENCH_DIR/tokgen.c" $(krb5-config --libs gssapi)
    # shellcheck disable=SC2086
    gcc $flags -pthread -o "$WORK/bin/mitaccept" "$BENCH_DIR/mitaccept.c" $(krb5-config --libs gssapi)
}

# tokens FILE MECH HOST: N fresh initial tokens (authenticator times are "now").
gen_tokens() {
    local file=$1 mech=$2 host=$3 spnego=()
    [ "$mech" = spnego ] && spnego=(-spnego)
    "$WORK/bin/tokgen" "${spnego[@]}" -n "$TOKENS" "HTTP@$host" "$file"
}

# enctype label of the service ticket the ccache holds for HOST (klist -e)
ticket_enctype() {
    klist -e | awk -v svc="HTTP/$1@$REALM" '
        $0 ~ svc { found = 1; next }
        found && /Etype/ { sub(/.*Etype \(skey, tkt\): /, ""); sub(/^[^,]*, /, ""); gsub(/ /, ""); print; exit }'
}

short_enctype() {
    case "$1" in
        aes256-cts-hmac-sha1-96) echo aes256-sha1 ;;
        aes128-cts-hmac-sha1-96) echo aes128-sha1 ;;
        aes256-cts-hmac-sha384-192) echo aes256-sha2 ;;
        aes128-cts-hmac-sha256-128) echo aes128-sha2 ;;
        *) echo "$1" ;;
    esac
}

# A result row: acceptor mech enctype threads accepts_per_s us_per_accept
record() { echo "$*" >>"$WORK/results.txt"; }

# Writes a result row "acceptor mech enctype threads accepts/s µs/accept cpu-µs/accept" from
# the total wall and CPU seconds of PASSES passes over TOKENS tokens.
record_row() {
    python3 - "$@" "$PASSES" "$TOKENS" >>"$WORK/results.txt" <<'EOF'
import sys
acceptor, mech, enctype, threads, wall, cpu, passes, n = sys.argv[1:]
threads, accepts = int(threads), int(passes) * int(n)
rate = accepts / float(wall)
print(f"{acceptor} {mech} {enctype} {threads} {rate:.0f} {threads * 1e6 / rate:.2f} {1e6 * float(cpu) / accepts:.2f}")
EOF
    log "$(tail -1 "$WORK/results.txt" | awk '{printf "%s %s %s t=%s: %s accepts/s, %s CPU µs/accept", $1, $2, $3, $4, $5, $7}')"
}

# field LINE NAME SUM: SUM plus the value of NAME=value in the RESULT line LINE
field() {
    python3 -c 'import sys; kv = dict(f.split("=", 1) for f in sys.argv[1].split()[1:]); print(float(sys.argv[3]) + float(kv[sys.argv[2]]))' "$1" "$2" "$3"
}

# MIT rows: P passes, each a fresh process with a fresh, empty replay cache directory.
run_mit() {
    local mech=$1 host=$2 threads=$3 enctype=$4 tokfile="$WORK/tokens-mit.bin" wall=0 cpu=0 pass line
    gen_tokens "$tokfile" "$mech" "$host"
    for pass in $(seq "$PASSES"); do
        local rcdir="$WORK/rcache/mit-$mech-$host-$threads-$pass"
        mkdir -p "$rcdir"
        line=$(KRB5_KTNAME="FILE:$WORK/$host.keytab" KRB5RCACHEDIR="$rcdir" \
            "$WORK/bin/mitaccept" -t "$threads" "HTTP@$host" "$tokfile" | grep '^RESULT') \
            || die "mitaccept failed ($mech $host t=$threads pass $pass)"
        ls "$rcdir"/*.rcache2 >/dev/null 2>&1 || die "MIT wrote no replay cache file in $rcdir"
        wall=$(field "$line" seconds "$wall")
        cpu=$(field "$line" cpu_seconds "$cpu")
    done
    record_row mit "$mech" "$enctype" "$threads" "$wall" "$cpu"
}

# A throwaway redis-server (no persistence) for the ours-redis rows; its URI goes to the JMH JVMs.
start_redis() {
    command -v redis-server >/dev/null || die "--redis needs redis-server (apt-get install redis-server)"
    local port
    port=$(free_port)
    mkdir -p "$WORK/redis"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis" \
        --daemonize no --loglevel warning >"$WORK/redis/redis.log" 2>&1 &
    REDIS_PID=$!
    for _ in $(seq 50); do
        if python3 -c 'import socket, sys; s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1); s.sendall(b"PING\r\n"); sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)' "$port" 2>/dev/null; then
            REDIS_URI="redis://127.0.0.1:$port/0?timeout=$REDIS_TIMEOUT_MS"
            log "redis-server $(redis-server --version | awk '{print $3}') up on 127.0.0.1:$port"
            return
        fi
        sleep 0.1
    done
    die "redis-server did not start: $(cat "$WORK/redis/redis.log")"
}

build_java() {
    log "building test classes (mvn test-compile) and the classpath"
    (cd "$REPO" && mvn -B -q -o -P'!jdk25' test-compile \
        && mvn -B -q -o -P'!jdk25' dependency:build-classpath -Dmdep.includeScope=test \
            -Dmdep.outputFile="$WORK/deps.classpath") >"$WORK/mvn.log" 2>&1 \
        || { cat "$WORK/mvn.log" >&2; die "maven build failed"; }
    CLASSPATH_JAVA="$REPO/target/test-classes:$REPO/target/classes:$(cat "$WORK/deps.classpath")"
    EXPORTS=$(cd "$REPO" && sed -n 's:.*<krb5gss.exports>\(.*\)</krb5gss.exports>.*:\1:p' pom.xml)
    [ -n "$EXPORTS" ] || die "pom.xml has no krb5gss.exports property"
    # One benchmark client sends every token: ours-gss gets a per-client replay cache share as
    # large as the cache (the default tenth would refuse that client past 100,000; MIT and the
    # JDK have no per-client share). The JDK keeps its replay cache in a static field of sun.security.krb5.KrbApReq; the
    # harness swaps in an empty one before each pass (JdkReplayCache), which needs this open.
    JVM_FLAGS="$EXPORTS --add-opens java.security.jgss/sun.security.krb5=ALL-UNNAMED \
--add-opens java.security.jgss/sun.security.krb5.internal=ALL-UNNAMED -Xms1g -Xmx1g \
-Djava.security.krb5.conf=$WORK/krb5.conf -Dkrb5gss.replayCache=memory?maxPerClient=1000000"
    if [ -n "${REDIS_URI:-}" ]; then JVM_FLAGS="$JVM_FLAGS -Dkrb5gss.bench.redis=$REDIS_URI"; fi
}

# Prints why an acceptor is unavailable (and fails), or nothing (and succeeds).
java_acceptor_available() {
    # shellcheck disable=SC2086
    "$JAVA" $JVM_FLAGS -cp "$CLASSPATH_JAVA" dev.krb5gss.bench.BenchAcceptors "$1"
}

# jmh BENCHMARK JSON ARGS...: one JMH run, its JSON result in JSON.
jmh() {
    local bench=$1 json=$2
    shift 2
    # jmh.ignoreLock: /tmp/jmh.lock is machine-wide and other JMH users share this machine.
    # shellcheck disable=SC2086
    "$JAVA" $JVM_FLAGS -Djmh.ignoreLock=true -cp "$CLASSPATH_JAVA" org.openjdk.jmh.Main "$bench" -f 1 \
        -jvmArgs "$JVM_FLAGS" -rf json -rff "$json" "$@" >>"$WORK/jmh.log" 2>&1 \
        || { tail -40 "$WORK/jmh.log" >&2; return 1; }
}

# Java rows: one JMH run per row, in its own JVM; WARMUPS + PASSES passes over the same file,
# a fresh acceptor (empty replay cache) per pass.
run_java() {
    local acceptor=$1 mech=$2 host=$3 threads=$4 enctype=$5 observe=${6:-off} label=$1
    [ "$observe" = off ] || label="$acceptor+$observe"
    local tokfile="$WORK/tokens-$acceptor.bin" json="$WORK/jmh-accept-$label-$mech-$host-$threads.json"
    gen_tokens "$tokfile" "$mech" "$host"
    local cpufile="$WORK/cpu-$label-$mech-$host-$threads.txt"
    rm -f "$cpufile" "$json"
    jmh 'dev.krb5gss.bench.AcceptBench' "$json" -t "$threads" -wi "$WARMUPS" -i "$PASSES" \
        -p acceptor="$acceptor" -p tokenFile="$tokfile" -p keytab="$WORK/$host.keytab" \
        -p principal="HTTP/$host@$REALM" -p cpuFile="$cpufile" -p observe="$observe" \
        || die "JMH AcceptBench failed for $acceptor $mech $host t=$threads (see $WORK/jmh.log)"
    # One op = one thread's slice of N/threads tokens; JMH's single-shot score is the mean time
    # per op over passes and threads, so a pass takes about score ms: total wall = P * score.
    local wall cpu
    # JMH exits 0 even when the benchmark threw: no result in the JSON is the failure signal.
    wall=$(python3 -c 'import json, sys; m = json.load(open(sys.argv[1]))[0]["primaryMetric"]; assert m["scoreUnit"] == "ms/op"; print(int(sys.argv[2]) * m["score"] / 1000)' "$json" "$PASSES" 2>/dev/null) \
        || { grep -m1 -A3 -E '^(java|dev|org)\.[A-Za-z.]+(Exception|Error)' "$WORK/jmh.log" >&2
             die "JMH AcceptBench produced no result for $acceptor $mech $host t=$threads (see $WORK/jmh.log)"; }
    cpu=$(awk '{ s += $1 } END { print s / 1e9 }' "$cpufile")
    record_row "$label" "$mech" "$enctype" "$threads" "$wall" "$cpu"
}

# Overhead of observation (metrics, JFR) on ours-acceptor: rows in turns, A B C A B C.
run_observe_overhead() {
    build_java
    java_acceptor_available ours-acceptor || die "ours-acceptor is not available"
    log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    for _ in 1 2; do
        for observe in off metrics jfr; do
            run_java ours-acceptor krb5 "$SHA1_HOST" 1 "$SHA1_ENC" "$observe"
        done
    done
    gen_tokens "$WORK/tokens-observe.bin" krb5 "$SHA1_HOST"
    # shellcheck disable=SC2086
    "$JAVA" $JVM_FLAGS -cp "$CLASSPATH_JAVA" dev.krb5gss.bench.ObserveOverheadRun \
        "$WORK/tokens-observe.bin" "$WORK/$SHA1_HOST.keytab" 30 2000 >"$WORK/observe-cpu.txt" \
        || die "ObserveOverheadRun failed"
    log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    cat "$WORK/observe-cpu.txt"
    python3 - "$WORK/results.txt" <<'EOF'
import sys
from collections import defaultdict
rate, cpu = defaultdict(list), defaultdict(list)
for line in open(sys.argv[1]):
    acc, mech, enc, thr, r, us, c = line.split()
    rate[acc].append(float(r)); cpu[acc].append(float(c))
mean = lambda xs: sum(xs) / len(xs)
base = "ours-acceptor"
print()
print(f"{'observation':<22} | {'accepts/s (runs)':<24} | {'mean':>7} | {'CPU µs/accept':>13} | {'throughput':>10} | {'CPU':>7}")
print("-" * 99)
for acc in rate:
    runs = " ".join(f"{x:.0f}" for x in rate[acc])
    print(f"{acc:<22} | {runs:<24} | {mean(rate[acc]):>7.0f} | {mean(cpu[acc]):>13.2f} | "
          f"{100 * (mean(rate[acc]) / mean(rate[base]) - 1):>+9.1f}% | {100 * (mean(cpu[acc]) / mean(cpu[base]) - 1):>+6.1f}%")
print()
print("throughput: mean accepts/s against observation off (negative = slower); CPU: CPU time per")
print("accept against off (positive = more). Each row is its own JVM, rows in turns.")
EOF
}

# Shared replay cache rows: the plain acceptor API with its in-memory cache, then with the
# cache in Redis, krb5 aes-sha1, taking turns per thread count; same token files as the others.
run_redis_rows() {
    local threads acceptor reason
    for acceptor in ours-acceptor ours-redis; do
        reason=$(java_acceptor_available "$acceptor" 2>&1) || die "$acceptor unavailable: $reason"
    done
    for threads in $REDIS_THREADS; do
        for acceptor in ours-acceptor ours-redis; do
            run_java "$acceptor" krb5 "$SHA1_HOST" "$threads" "$SHA1_ENC"
        done
    done
}

# Redis at 8 threads against the in-memory cache (one node) at 1 and 8 threads.
print_redis_summary() {
    python3 - "$WORK/results.txt" <<'EOF'
import sys
rate = {}
for line in open(sys.argv[1]):
    f = line.split()
    if f and f[0] in ("ours-acceptor", "ours-redis") and f[1] == "krb5":
        rate[(f[0], f[3])] = float(f[4])
r8, m1, m8 = rate.get(("ours-redis", "8")), rate.get(("ours-acceptor", "1")), rate.get(("ours-acceptor", "8"))
if r8 and m1 and m8:
    print(f"shared replay cache: Redis at 8 threads {r8:.0f} accepts/s = {100 * r8 / m8:.0f} % of the "
          f"in-memory cache at 8 threads ({m8:.0f}), {100 * r8 / m1:.0f} % of it at 1 thread ({m1:.0f})")
EOF
}

print_table() {
    python3 - "$WORK/results.txt" <<'EOF'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
ours = {}
for acc, mech, enc, thr, rate, us, cpu in rows:
    if acc == "ours-acceptor" or (acc == "ours-gss" and (mech, enc, thr) not in ours):
        ours[(mech, enc, thr)] = (float(rate), float(cpu))
print()
print(f"{'acceptor':<14} | {'mech':<6} | {'enctype':<11} | {'threads':>7} | {'accepts/s':>9} | {'µs/accept':>9} "
      f"| {'CPU µs/accept':>13} | {'ours/x':>7} | {'ours/x CPU':>10}")
print("-" * 112)
for acc, mech, enc, thr, rate, us, cpu in rows:
    o = ours.get((mech, enc, thr))
    wall_ratio = "pending" if o is None else f"{o[0] / float(rate):.2f}x"
    cpu_ratio = "pending" if o is None else f"{float(cpu) / o[1]:.2f}x"
    print(f"{acc:<14} | {mech:<6} | {enc:<11} | {thr:>7} | {float(rate):>9.0f} | {float(us):>9.2f} "
          f"| {float(cpu):>13.2f} | {wall_ratio:>7} | {cpu_ratio:>10}")
print()
print("accepts/s from wall time; µs/accept = threads / accepts per second; CPU µs/accept = process")
print("CPU time (all threads, GC and JIT included) per accept. ours/x: ours (ours-acceptor, else")
print("ours-gss) over this row, same mech, enctype and threads, by accepts/s and by CPU per accept.")
EOF
}

run_wrap_and_heap() {
    local acceptor json tokfile
    for acceptor in $JAVA_ACCEPTORS; do
        json="$WORK/jmh-wrap-$acceptor.json"
        rm -f "$WORK/cpu-wrap-$acceptor.txt"
        jmh 'dev.krb5gss.bench.MessageBench\.(wrap|unwrap)$' "$json" -wi 3 -w 2s -i 3 -r 2s \
            -p acceptor="$acceptor" -p keytab="$WORK/$SHA1_HOST.keytab" \
            -p principal="HTTP/$SHA1_HOST@$REALM" -p ccache="$WORK/ccache" \
            -p client="$USER_PRINC@$REALM" -p cpuFile="$WORK/cpu-wrap-$acceptor.txt" \
            || die "JMH MessageBench (wrap, unwrap) failed for $acceptor (see $WORK/jmh.log)"
        python3 - "$json" "$acceptor" "$WORK/cpu-wrap-$acceptor.txt" <<'EOF'
import json, sys
from collections import defaultdict
cpu = defaultdict(lambda: [0, 0])
for line in open(sys.argv[3]):
    method, size, nanos, ops = line.split()
    cpu[(method, size)][0] += int(nanos)
    cpu[(method, size)][1] += int(ops)
for r in json.load(open(sys.argv[1])):
    m, p = r["primaryMetric"], r["params"]
    op = r["benchmark"].rsplit(".", 1)[1]
    mib = float(p["bytes"]) * m["score"] / (1 << 20)
    nanos, ops = cpu[(op, p["bytes"])]
    print(f"wrap/unwrap  {sys.argv[2]:<14} {op:<7} {p['bytes']:>6} B  {m['score']:>9.0f} ops/s  {mib:>7.1f} MiB/s"
          f"  {nanos / 1000 / max(ops, 1):>8.2f} CPU µs/op")
EOF
    done
    tokfile="$WORK/tokens-heap.bin"
    for acceptor in $JAVA_ACCEPTORS; do
        gen_tokens "$tokfile" krb5 "$SHA1_HOST"
        # shellcheck disable=SC2086
        "$JAVA" $JVM_FLAGS -cp "$CLASSPATH_JAVA" dev.krb5gss.bench.HeapBench "$acceptor" "$tokfile" \
            "$WORK/$SHA1_HOST.keytab" "HTTP/$SHA1_HOST@$REALM" 10000 \
            || die "HeapBench failed for $acceptor"
    done
    # The pending-negotiation store (acceptor-independent, no tokens): bytes per waiting context.
    # shellcheck disable=SC2086
    "$JAVA" $JVM_FLAGS -cp "$CLASSPATH_JAVA" dev.krb5gss.bench.HeapBench pending 10000 \
        || die "HeapBench pending failed"
}

# The plain loop (issue "perf"): one process per row over one token file, the first quarter
# untimed, krb5 aes-sha1; mitaccept with -w (warm-up) and -n (display the source name),
# LoopBench for the JVM acceptors. Each RESULT line goes to loop.txt with its size and round.
loop_row() {
    local acceptor=$1 size=$2 round=$3 threads=$4 tokfile=$5 prefix=${6:-} warm=${7:-$(( $2 / 4 ))} settle=${8:-0} line
    if [ "$acceptor" = mit ]; then
        local rcdir="$WORK/rcache/loop-$prefix$size-$round-$threads"
        mkdir -p "$rcdir"
        line=$(KRB5_KTNAME="FILE:$WORK/$LOOP_HOST.keytab" KRB5RCACHEDIR="$rcdir" \
            "$WORK/bin/mitaccept" -t "$threads" -w "$warm" -n "HTTP@$LOOP_HOST" "$tokfile" | grep '^RESULT') \
            || die "mitaccept (loop) failed: size $size round $round t=$threads"
        ls "$rcdir"/*.rcache2 >/dev/null 2>&1 || die "MIT wrote no replay cache file in $rcdir"
    else
        # A settled row (settle > 0) is a JVM that has run for a while: its heap pages have all
        # been touched. Without AlwaysPreTouch the kernel zeroes each page G1 first grows the
        # young generation into, at the allocation rate (see the bench README).
        # The warm-heap rows repeat the largest rate row on such a heap, to show that part apart.
        local pretouch=
        if [ "$settle" -gt 0 ] || [ "$prefix" = warmheap ]; then pretouch=-XX:+AlwaysPreTouch; fi
        # shellcheck disable=SC2086
        line=$("$JAVA" $JVM_FLAGS -Xms3g -Xmx3g $pretouch -cp "$CLASSPATH_JAVA" dev.krb5gss.bench.LoopBench \
            "$acceptor" "HTTP/$LOOP_HOST@$REALM" "$WORK/$LOOP_HOST.keytab" "$tokfile" \
            warm="$warm" threads="$threads" settle="$settle" 2>>"$WORK/loop.log" | grep -E '^(RESULT|SLICES)' | tr '\n' ' ') \
            || die "LoopBench $acceptor failed: size $size round $round t=$threads (see $WORK/loop.log)"
        [ -n "$line" ] || die "LoopBench $acceptor printed no RESULT (see $WORK/loop.log)"
    fi
    echo "$prefix size=$size round=$round $line" >>"$WORK/loop.txt"
    log "loop $acceptor size=$size round=$round t=$threads: $(sed -E 's/.*accepts_per_s=([0-9.]+).*/\1/' <<<"$line") accepts/s"
}

# One thread, every round in turns over ACCEPTORS, on a fresh file of SIZE tokens, as PREFIX rows
# (tokens of LOOP_MECH for HTTP/LOOP_HOST).
loop_rounds() {
    local prefix=$1 size=$2 acceptors=$3 round acceptor tokfile="$WORK/tokens-loop-$2.bin"
    TOKENS=$size gen_tokens "$tokfile" "$LOOP_MECH" "$LOOP_HOST"
    for round in $(seq "$LOOP_ROUNDS"); do
        for acceptor in $acceptors; do
            loop_row "$acceptor" "$size" "$round" 1 "$tokfile" "$prefix"
        done
    done
}

run_loop() {
    local size round acceptor threads tokfile acceptors="mit $LOOP_ACCEPTORS"
    LOOP_MECH=krb5 LOOP_HOST=$SHA1_HOST
    : >"$WORK/loop.txt"
    log "plain loop: sizes $LOOP_SIZES, $LOOP_ROUNDS rounds, acceptors $acceptors; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    for size in $LOOP_SIZES; do
        loop_rounds rate "$size" "$acceptors"
    done
    # The largest size again, JVM rows only, with the heap pre-touched (-XX:+AlwaysPreTouch): what
    # the same file costs once the heap's pages have been touched, as in a server that has run for
    # a while. A fresh file: the one above may be older than the 5-minute clock skew by now.
    loop_rounds warmheap "${LOOP_SIZES##* }" "$LOOP_ACCEPTORS"
    # Other tokens, the largest size, every acceptor: what SPNEGO's wrapping costs each of them,
    # and the aes-sha2 enctypes (RFC 8009: HMAC-SHA-384, a ciphertext-then-MAC layout).
    local variant
    for variant in $LOOP_VARIANTS; do
        case "$variant" in
            spnego) LOOP_MECH=spnego ;;
            sha2) LOOP_HOST=$SHA2_HOST ;;
            *) die "unknown --loop-variants entry $variant (spnego, sha2)" ;;
        esac
        loop_rounds "$variant" "${LOOP_SIZES##* }" "$acceptors"
        LOOP_MECH=krb5 LOOP_HOST=$SHA1_HOST
    done
    # Two threads against one, on a settled JVM: a fresh file of LOOP_SCALING_SIZE tokens of
    # which the first half is accepted before the clock starts, by as many threads as are then
    # timed, and (JVM rows) the clock starts once the JIT has compiled nothing for a second
    # (LoopBench settle=1000): on this 2-core machine a C2 thread compiling inside the timed part
    # takes the core the second accepting thread needs. MIT and ours; the JDK with one thread.
    # Nothing else should run meanwhile.
    size=$LOOP_SCALING_SIZE
    tokfile="$WORK/tokens-loop-threads.bin"
    for round in $(seq "$LOOP_ROUNDS"); do
        # A fresh file per round: a round takes minutes, and an authenticator older than the
        # 5-minute clock skew is refused (by MIT first: its rows run first).
        TOKENS=$size gen_tokens "$tokfile" krb5 "$SHA1_HOST"
        for acceptor in $acceptors; do
            local thread_counts="1 2"
            # The JDK: one thread only (the settled figure to compare with); its replay cache is
            # one JVM-wide synchronized object, its 2-thread rows are in the JMH table.
            [ "$acceptor" = jdk ] && thread_counts=1
            for threads in $thread_counts; do
                loop_row "$acceptor" "$size" "$round" "$threads" "$tokfile" scaling $(( size / 2 )) 1000
            done
        done
    done
    log "plain loop done; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 "$BENCH_DIR/loop-table.py" "$WORK/loop.txt"
}

run_profile() {
    local acceptor=jdk jfr
    for candidate in ours-gss ours-acceptor; do
        if java_acceptor_available "$candidate" >/dev/null 2>&1; then acceptor=$candidate; fi
    done
    gen_tokens "$WORK/tokens-profile.bin" krb5 "$SHA1_HOST"
    log "profiling $acceptor with JFR (jmh -prof jfr)"
    jmh 'dev.krb5gss.bench.AcceptBench' "$WORK/jmh-profile.json" -t 1 -wi "$WARMUPS" -i "$PASSES" \
        -p acceptor="$acceptor" -p tokenFile="$WORK/tokens-profile.bin" \
        -p keytab="$WORK/$SHA1_HOST.keytab" -p principal="HTTP/$SHA1_HOST@$REALM" \
        -prof "jfr:dir=$WORK/jfr" || die "profiling run failed"
    jfr=$(find "$WORK/jfr" -name '*.jfr' | head -1)
    [ -n "$jfr" ] || die "JMH wrote no JFR recording under $WORK/jfr"
    mkdir -p "$REPO/target"
    cp "$jfr" "$REPO/target/bench-profile-$acceptor.jfr"
    echo
    echo "Profile of $acceptor accepting krb5 $SHA1_ENC tokens, 1 thread (JFR; target/bench-profile-$acceptor.jfr)"
    # shellcheck disable=SC2086
    "$JAVA" -cp "$CLASSPATH_JAVA" dev.krb5gss.bench.JfrSummary "$jfr" 25
}

main() {
    parse_args "$@"
    ensure_tools
    WORK=$(mktemp -d /tmp/krb5gss-bench.XXXXXX)
    trap cleanup EXIT
    : >"$WORK/results.txt"
    start_kdc
    compile_c

    # One throwaway token per service puts both service tickets in the ccache; klist names
    # the enctype of each ticket for the table.
    "$WORK/bin/tokgen" -n 1 "HTTP@$SHA1_HOST" "$WORK/probe.bin"
    "$WORK/bin/tokgen" -n 1 "HTTP@$SHA2_HOST" "$WORK/probe.bin"
    SHA1_ENC=$(short_enctype "$(ticket_enctype "$SHA1_HOST")")
    SHA2_ENC=$(short_enctype "$(ticket_enctype "$SHA2_HOST")")
    log "service tickets: HTTP/$SHA1_HOST $SHA1_ENC, HTTP/$SHA2_HOST $SHA2_ENC; $TOKENS tokens, $PASSES passes"

    if [ "$OBSERVE_OVERHEAD" -eq 1 ]; then
        run_observe_overhead
        return
    fi
    if [ "$LOOP_ONLY" -eq 1 ]; then
        build_java
        LOOP_ACCEPTORS=jdk
        for acceptor in ours-gss ours-acceptor; do
            java_acceptor_available "$acceptor" >/dev/null 2>&1 && LOOP_ACCEPTORS="$LOOP_ACCEPTORS $acceptor"
        done
        run_loop
        return
    fi

    # Rows: mech host threads (aes-sha1 and aes-sha2, 1 and 2 threads; SPNEGO at 1 thread).
    # Acceptors take turns row by row, so a change in background load hits them alike.
    ROWS="krb5:$SHA1_HOST:1 krb5:$SHA1_HOST:2 krb5:$SHA2_HOST:1 krb5:$SHA2_HOST:2 spnego:$SHA1_HOST:1"
    JAVA_ACCEPTORS=""
    if [ "$REDIS" -eq 1 ]; then start_redis; fi
    if [ "$ONLY" = redis ]; then
        build_java
        ROWS=""
    elif [ "$ONLY" != mit ]; then
        build_java
        JAVA_ACCEPTORS=jdk
        for acceptor in ours-gss ours-acceptor; do
            if reason=$(java_acceptor_available "$acceptor" 2>&1); then
                JAVA_ACCEPTORS="$JAVA_ACCEPTORS $acceptor"
            else
                log "ours pending: skipping $acceptor ($reason)"
            fi
        done
    fi
    log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    for row in $ROWS; do
        IFS=: read -r mech host threads <<<"$row"
        enc=$SHA1_ENC; [ "$host" = "$SHA2_HOST" ] && enc=$SHA2_ENC
        [ "$ONLY" = java ] || run_mit "$mech" "$host" "$threads" "$enc"
        for acceptor in $JAVA_ACCEPTORS; do
            run_java "$acceptor" "$mech" "$host" "$threads" "$enc"
        done
    done
    if [ "$REDIS" -eq 1 ]; then run_redis_rows; fi
    log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    print_table
    if [ "$REDIS" -eq 1 ]; then print_redis_summary; fi
    if [ "$ONLY" = all ] && [ "$LOOP" -eq 1 ]; then LOOP_ACCEPTORS=$JAVA_ACCEPTORS; run_loop; fi
    if [ "$ONLY" != mit ] && [ "$EXTRAS" -eq 1 ]; then run_wrap_and_heap; fi
    if [ "$ONLY" != mit ] && [ "$PROFILE" -eq 1 ]; then run_profile; fi
}

main "$@"
