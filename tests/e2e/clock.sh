#!/bin/sh
# clock.sh - without CAIJI_TODAY caiji reads the same clock as the tests,
# which make check-stress moves a year ahead through a preloaded libfaketime:
# CAIJI_CLOCK_WANT (set by tests/run-stress.sh) is then the date caiji must
# see, so a preload that does not reach caiji fails.  The date shows in the
# message about a date after today (不能晚于今天(DATE)).  (That the pinned
# date is used is what the other tests rest on: tui_demo_screens' counts.)
. "$TOP/tests/e2e/lib.sh"
fail() { echo "FAIL: $*"; exit 1; }
# today as caiji sees it: the date in the message about a date after today
caiji_today() {
	"$@" validate date 2999-12-31 2>&1 | grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' | head -n 1
}

# unpinned: the tests' clock (read before and after, in case midnight passes)
d1=$(date +%F)
got=$(caiji_today env -u CAIJI_TODAY "$CAIJI")
d2=$(date +%F)
[ "$got" = "$d1" ] || [ "$got" = "$d2" ] || fail "unpinned: caiji sees '$got', the clock says $d1"
if [ -n "${CAIJI_CLOCK_WANT:-}" ]; then
	# make check-stress: the clock is a year ahead, for caiji too
	[ "$got" = "$CAIJI_CLOCK_WANT" ] || [ "$got" \> "$CAIJI_CLOCK_WANT" ] ||
		fail "unpinned: caiji sees '$got', not the moved clock $CAIJI_CLOCK_WANT"
	case ${LD_PRELOAD:-} in *faketime*) ;; *) fail "LD_PRELOAD lost: '${LD_PRELOAD:-}'" ;; esac
	echo "clock moved: caiji sees $got"
fi
echo "ok: caiji sees the tests' clock ($got)"
