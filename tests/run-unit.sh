#!/bin/sh
# Run Criterion test binaries; print each one's synthesis and a total line.
# Usage: run-unit.sh BIN...   Exit 1 when any test failed or crashed.
mkdir -p build/counts
pass=0 fail=0 status=0 tag=${UNIT_TAG:-unit}
for b in "$@"; do
	out=$("$b" --color=never -j2 2>&1); rc=$?
	syn=$(printf '%s\n' "$out" | grep 'Synthesis:' | tail -n 1)
	t=$(printf '%s' "$syn" | sed -n 's/.*Tested: \([0-9]*\).*/\1/p')
	p=$(printf '%s' "$syn" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
	[ -n "$t" ] || { t=1; p=0; }
	if [ $rc -ne 0 ] || [ "$p" -ne "$t" ]; then
		printf '%s\n' "$out"; status=1
		[ "$p" -eq "$t" ] && p=$((t - 1))
	fi
	printf '%-34s %s\n' "$(basename "$b")" "$syn"
	pass=$((pass + p)); fail=$((fail + t - p))
done
echo "$pass $fail" > build/counts/$tag
echo "$tag: $pass passed, $fail failed"
exit $status
