#!/bin/sh
# The krb5gss demo: in-process KDC, an HTTP server behind Negotiate through
# GSSManager.getInstance() with krb5gss installed, and the JDK's SPNEGO client authenticating
# to it. Builds what it needs. Pass --once to exit after one round trip (0 = success).
cd "$(dirname "$0")/.." && exec mvn -q -Pdemo test-compile exec:exec -Ddemo.args="$*"
