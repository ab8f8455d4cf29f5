#!/bin/sh
# Run Criterion test binaries; print each one's synthesis and a total line
# "TAG: N passed, N failed, N skipped" (TAG: $UNIT_TAG, default unit), also
# written as "N N N" to build/counts/TAG for make check's total.
# Usage: run-unit.sh BIN...   Exit 1 when any test failed or crashed.
#
# Skipped is never passed: a test that calls cr_skip_test() (or is
# .disabled) is counted as skipped (from the TAP report: Criterion's
# synthesis leaves skipped tests out of "Tested"), and so is a whole binary
# that exits with status 77 (automake's skip code, as tests/e2e/lib.sh).
mkdir -p build/counts build/unit
pass=0 fail=0 skip=0 status=0 tag=${UNIT_TAG:-unit}
for b in "$@"; do
	tap=build/unit/$tag-$(basename "$b").tap
	rm -f "$tap"
	out=$("$b" --color=never -j2 --tap="$tap" 2>&1); rc=$?
	if [ $rc -eq 77 ]; then
		printf '%-34s skipped: %s\n' "$(basename "$b")" "$(printf '%s\n' "$out" | tail -n 1)"
		skip=$((skip + 1)); continue
	fi
	syn=$(printf '%s\n' "$out" | grep 'Synthesis:' | tail -n 1)
	t=$(printf '%s' "$syn" | sed -n 's/.*Tested: \([0-9]*\).*/\1/p')
	p=$(printf '%s' "$syn" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
	s=$(grep -c '^ok .*# SKIP' "$tap" 2>/dev/null); s=${s:-0}
	[ -n "$t" ] || { t=1; p=0; }
	if [ $rc -ne 0 ] || [ "$p" -ne "$t" ]; then
		printf '%s\n' "$out"; status=1
		[ "$p" -eq "$t" ] && p=$((t - 1))
	fi
	[ "$s" -gt 0 ] && syn="$syn| Skipped: $s"
	printf '%-34s %s\n' "$(basename "$b")" "$syn"
	pass=$((pass + p)); fail=$((fail + t - p)); skip=$((skip + s))
done
echo "$pass $fail $skip" > build/counts/$tag
echo "$tag: $pass passed, $fail failed, $skip skipped"
exit $status
