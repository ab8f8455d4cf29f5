#!/bin/sh
# make check-stress: run COMMAND (make check) while two CPU hogs run and with
# the clock a year ahead.
# Usage: run-stress.sh COMMAND...
#
# The clock: libfaketime (Debian's faketime package, installed by make
# check-stress through tests/deps.sh), preloaded with FAKETIME=+365d.  The
# variables are exported here, so every process under COMMAND inherits them:
# the compiler, the unit tests, tmux and every caiji the tests start
# (tests/run-e2e.sh and tests/e2e/lib.sh pass them on through env -i and into
# the panes).  CAIJI_CLOCK_WANT tells tests/e2e/clock.sh the date caiji must
# then read from the clock, so a preload that does not reach caiji fails.
# The tests pin CAIJI_TODAY, so they must pass a year ahead as they do today.
#
# The hogs: two busy shell loops (the machine's 2 cores), killed on exit.
set -u
[ $# -gt 0 ] || { echo "usage: $0 COMMAND..." >&2; exit 2; }
lib=""
for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib/*-linux-gnu* /usr/lib; do
	if [ -f "$d/faketime/libfaketime.so.1" ]; then lib=$d/faketime/libfaketime.so.1; break; fi
done
[ -n "$lib" ] || { echo "check-stress: libfaketime not found (Debian package faketime)" >&2; exit 1; }

want=$(date -d '+365 days' +%F) || exit 1
hogs=""
cleanup() {
	for p in $hogs; do kill "$p" 2>/dev/null; done
	hogs=""
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
for i in 1 2; do
	sh -c 'while :; do :; done' &
	hogs="$hogs $!"
done

export LD_PRELOAD="$lib${LD_PRELOAD:+ $LD_PRELOAD}"
export FAKETIME=+365d                   # an offset: the clock still runs
# File times stay real (only the clock moves): libfaketime 0.9.10's stat()
# intercept takes a semaphore that aborted ASan programs at exit ("The futex
# facility returned an unexpected error code", from LSan symbolizing a leak
# stack for tests/lsan.supp through lstat), and no test needs faked mtimes.
export NO_FAKE_STAT=1
export CAIJI_CLOCK_WANT="$want"
now=$(date +%F)
[ "$now" = "$want" ] || [ "$now" \> "$want" ] ||
	{ echo "check-stress: the clock did not move ($now, want $want)" >&2; exit 1; }
echo "check-stress: two CPU hogs ($hogs ), clock $(date '+%F %T') (FAKETIME=$FAKETIME)"
"$@"
rc=$?
echo "check-stress: $* exited $rc (clock $(date +%F), hogs$hogs)"
exit $rc
