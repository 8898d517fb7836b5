#!/usr/bin/env bash
# Per-message token benchmark (RFC 4121 §4.2.6): sealed wrap+unwrap and getMIC+verifyMIC of
# 1 KiB and 64 KiB messages for enctypes 17/18/19/20 — ours, the JDK's krb5 mechanism on the same
# context key, and raw javax.crypto AES-CBC + HMAC on the same bytes — then a table of ratios.
#
#   krb5-test/bench/message-bench.sh [JMH options, e.g. -p enctype=20 -p size=1024 -i 5]
#
# Defaults: -f 1 -wi 2 -i 3 -w 1s -r 1s. No KDC is needed (the ticket is forged).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -P'!jdk25' test-compile
exec mvn -B -q -P'!jdk25' org.codehaus.mojo:exec-maven-plugin:3.5.0:exec \
  -Dexec.executable=java -Dexec.classpathScope=test \
  -Dexec.args="-classpath %classpath dev.krb5gss.bench.MessageBench $*"
