#!/usr/bin/env bash
# Coverage-guided fuzzing of krb5gss's parsers with Jazzer (krb5-test/README.md "Fuzzing").
#
#   krb5-test/fuzz.sh list                  # the targets, most exposed first
#   krb5-test/fuzz.sh TARGET [MINUTES]      # one target, e.g. SpnegoFuzzTest#negTokenInit
#   krb5-test/fuzz.sh CLASS [MINUTES]       # every target of one harness class, one after another
#   krb5-test/fuzz.sh all [MINUTES]         # every target, one after another (default 10 min each)
#
# One fuzzer process at a time (the machine is shared). Findings (crash-*, timeout-*) land in the
# target's committed corpus, src/test/resources/dev/krb5gss/fuzz/<Class>Inputs/<method>/, where
# `mvn test` then replays them as regression inputs; the generated corpus grows in
# .cifuzz-corpus/ (not committed). Logs: target/fuzz/<Class>#<method>.log; the last libFuzzer
# status line (#execs, cov, ft) is printed per target.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(
  NegotiateHeaderFuzzTest#authorization
  SpnegoFuzzTest#negTokenInit
  SpnegoFuzzTest#negTokenResp
  ApRequestFuzzTest#apRequest
  DerReaderFuzzTest#derWalk
  GssFramingFuzzTest#gssFraming
  GssFramingFuzzTest#initialContextToken
  EncryptedPartsFuzzTest#encTicketPart
  EncryptedPartsFuzzTest#authenticator
  EncryptedPartsFuzzTest#gssChecksum
  KrbCredFuzzTest#krbCred
  KrbCredFuzzTest#encKrbCredPart
  MessageTokenFuzzTest#cfxUnwrap
  MessageTokenFuzzTest#cfxVerifyMic
  MessageTokenFuzzTest#cfxWrapped
  MessageTokenFuzzTest#rc4Unwrap
  MessageTokenFuzzTest#rc4VerifyMic
  MessageTokenFuzzTest#rc4Wrapped
  PacFuzzTest#authorizationData
  PacFuzzTest#signedPac
  KeytabFuzzTest#keytab
  Krb5ConfFuzzTest#krb5Conf
)

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

[ $# -ge 1 ] || usage
what=$1
minutes=${2:-10}
[[ $minutes =~ ^[0-9]+$ ]] && [ "$minutes" -gt 0 ] || usage

case $what in
  list) printf '%s\n' "${TARGETS[@]}"; exit 0 ;;
  all) selected=("${TARGETS[@]}") ;;
  *#*) selected=("$what") ;;
  *) selected=(); for t in "${TARGETS[@]}"; do [[ $t == "$what#"* ]] && selected+=("$t"); done ;;
esac
[ ${#selected[@]} -gt 0 ] || { echo "no target matches '$what' (try: $0 list)" >&2; exit 2; }

mkdir -p target/fuzz
mvn -q -B -o test-compile -P'!jdk25' >/dev/null 2>&1 || mvn -q -B test-compile -P'!jdk25'
status=0
for target in "${selected[@]}"; do
  log="target/fuzz/$target.log"
  stamp=$(mktemp)
  echo "== $target: fuzzing for $minutes min (log $log)"
  # jazzer.internal.arg.N are libFuzzer arguments; they come after @FuzzTest's own, so this
  # -max_total_time overrides the annotation's maxDuration. -rss_limit_mb guards the heap.
  if JAZZER_FUZZ=1 nice -n 10 mvn -B -o test -P'!jdk25' -Dtest="$target" \
      -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.internal.arg.0=fuzz \
      -Djazzer.internal.arg.1=-max_total_time=$((minutes * 60)) \
      -Djazzer.internal.arg.2=-max_len=16384 \
      -Djazzer.internal.arg.3=-print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="FINDING or failure (see $log)"; status=1
  fi
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1 || true)
  echo "   $result; last status: ${last:-none}; total execs: ${execs:-?}"
  dir="src/test/resources/dev/krb5gss/fuzz/${target%%#*}Inputs/${target##*#}"
  find "$dir" -maxdepth 1 -newer "$stamp" \( -name 'crash-*' -o -name 'timeout-*' \
      -o -name 'slow-unit-*' -o -name 'oom-*' \) | sed 's|^|   new finding: |' || true
  rm -f "$stamp"
done
exit $status
