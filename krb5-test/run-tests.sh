#!/usr/bin/env bash
# The project's test command: installs the real peers the tests start (MIT krb5, a Samba AD DC,
# Redis, headless Chromium) when they are missing and we are root (otherwise says what to
# install; those suites then skip, or fail with CI=true), then runs `mvn -B verify`.
# Extra arguments go to Maven, e.g. krb5-test/run-tests.sh -o -P'!jdk25'.
set -euo pipefail

cd "$(dirname "$0")/.."

PACKAGES="krb5-kdc krb5-admin-server krb5-user krb5-gss-samples curl \
samba samba-ad-dc samba-ad-provision winbind ldb-tools redis-server chromium"
TOOLS="/usr/sbin/krb5kdc /usr/sbin/kdb5_util /usr/sbin/kadmin.local /usr/bin/kinit /usr/bin/klist \
/usr/bin/kvno /usr/bin/ktutil /usr/bin/gss-client /usr/bin/curl /usr/bin/samba-tool /usr/sbin/samba \
/usr/bin/ldbmodify /usr/bin/redis-server /usr/bin/chromium"

missing=""
for tool in $TOOLS; do
  if [ ! -x "$tool" ] && ! command -v "$(basename "$tool")" >/dev/null 2>&1; then
    missing="$missing $(basename "$tool")"
  fi
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the interop peers (missing:$missing)"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PACKAGES
  else
    echo "Interop peers missing:$missing; install them with: apt-get install $PACKAGES"
    echo "The suites that need them will be skipped (or fail, with CI=true)."
  fi
fi

exec mvn -B verify "$@"
