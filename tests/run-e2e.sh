#!/bin/sh
# Run every tests/e2e/*.sh end-to-end test (each drives the real ./caiji,
# under its own tmux socket and database).  Keeps a failing test's log in
# build/e2e/NAME.log.  Prints "e2e: N passed, N failed".
mkdir -p build/e2e build/counts
pass=0 fail=0
for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in */lib.sh) continue ;; esac
	n=$(basename "$t" .sh)
	if env -i PATH="$PATH" HOME="${HOME:-/tmp}" CAIJI="$PWD/caiji" TOP="$PWD" \
	    sh "$t" > "build/e2e/$n.log" 2>&1; then
		pass=$((pass + 1)); echo "ok    $n"; rm -f "build/e2e/$n.log"
	else
		fail=$((fail + 1)); echo "FAIL  $n (build/e2e/$n.log)"; tail -n 30 "build/e2e/$n.log"
	fi
done
echo "$pass $fail" > build/counts/e2e
echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
