#!/bin/sh
# Run every tests/e2e/*.sh end-to-end test (each drives the real caiji,
# under its own tmux socket and database; lib.sh, run directly, checks the
# helpers themselves).  Prints "TAG: N passed, N failed, N skipped" and
# writes "N N N" to build/counts/TAG for make check's total.
#
#   CAIJI=PATH     the binary under test (default ./caiji)
#   E2E_TAG=TAG    names the counts file and the log folder (default e2e)
#   E2E_SAN=1      the binary is built with ASan/UBSan: each test gets its
#                  own log folder for sanitizer reports, and a test after
#                  which any report (an error, a leak) is found fails, whatever
#                  its exit status (tests also expect failures of caiji)
#   CAIJI_TODAY    the date every caiji sees (default 2026-06-01)
#
# A test runs in an empty environment (env -i) but for PATH, HOME, CAIJI,
# TOP, CAIJI_TODAY and what make check-stress and the sanitizers need to
# reach caiji: LD_PRELOAD, FAKETIME, FAKETIME_SHARED, NO_FAKE_STAT,
# CAIJI_CLOCK_WANT, ASAN/UBSAN/LSAN_OPTIONS, and the waits' bound
# CAIJI_E2E_TIMEOUT.  Exit status 77 is a skip: counted as skipped,
# never as passed.  A failing test's log stays in build/TAG/NAME.log.
tag=${E2E_TAG:-e2e}
bin=${CAIJI:-$PWD/caiji}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
today=${CAIJI_TODAY:-2026-06-01}
logs=build/$tag
mkdir -p "$logs" build/counts
pass=0 fail=0 skip=0

# The variables passed through, as NAME=VALUE words for env.
passenv() {
	for _v in LD_PRELOAD FAKETIME FAKETIME_SHARED NO_FAKE_STAT \
	    CAIJI_E2E_TIMEOUT CAIJI_CLOCK_WANT TMPDIR; do
		eval "_x=\${$_v:-}"
		[ -n "$_x" ] && printf '%s\n' "$_v=$_x"
	done
}

for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	n=$(basename "$t" .sh)
	log=$logs/$n.log
	san=""
	if [ "${E2E_SAN:-}" = 1 ]; then
		san=$PWD/$logs/$n.san
		rm -rf "$san"; mkdir -p "$san"
	fi
	(
		IFS='
'
		# shellcheck disable=SC2046
		exec env -i PATH="$PATH" HOME="${HOME:-/tmp}" CAIJI="$bin" TOP="$PWD" \
		    CAIJI_TODAY="$today" $(passenv) \
		    ${san:+ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$san/asan} \
		    ${san:+UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$san/ubsan} \
		    ${san:+LSAN_OPTIONS=${LSAN_OPTIONS:-}} \
		    sh "$t"
	) > "$log" 2>&1
	rc=$?
	if [ -n "$san" ] && [ -n "$(ls -A "$san")" ]; then
		{ echo "---- sanitizer reports ----"; cat "$san"/*; } >> "$log"
		echo "(sanitizer reports after exit status $rc)" >> "$log"
		rc=1
	fi
	[ -n "$san" ] && rm -rf "$san"
	case $rc in
	0)	pass=$((pass + 1)); echo "ok    $n"; rm -f "$log" ;;
	77)	skip=$((skip + 1)); echo "skip  $n: $(grep -m1 'SKIP' "$log")"; rm -f "$log" ;;
	*)	fail=$((fail + 1)); echo "FAIL  $n ($log)"; tail -n 30 "$log" ;;
	esac
done
echo "$pass $fail $skip" > "build/counts/$tag"
echo "$tag: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
