#!/bin/sh
# bench_tui.sh - what a clerk waits for at a million members, measured
# through tmux: the time from a key (or the start) to the last byte of the
# screen it asks for.  Every byte the program writes reaches
# bench/tui_stamp.py through tmux pipe-pane, which stamps each chunk; the
# script stamps the moment before it sends the key.  The tmux relay adds
# about a millisecond to every figure.
#   start until the tree shows (1M members, 20,000 branches)
#   R (reread the counts) on the tree
#   / by part of an ID number (1M members)
#   open a 100,000-member branch; J and K in it
# Env: CAIJI, WORK, OUT, N (see bench/run.sh), RUNS (rounds, default 7).
# BEFORE (optional): another caiji build, its peer: each round then runs
# both, in alternating order, each on its own copy of the databases
# ($WORK/before-db*, which BEFORE generates when missing), and the table
# gives both medians and the median of the per-round ratios.
# Databases: $WORK/db1m and $WORK/db100k are generated when missing
# (caiji gen --seed 1; --per-branch 100000).  No figure is asserted.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
TOP=$top
: "${WORK:=$top/bench/work/tui}"
: "${OUT:=/dev/stdout}"
: "${N:=1000000}"
: "${RUNS:=7}"
CAIJI_TODAY=2025-06-30
export CAIJI_TODAY
mkdir -p "$WORK"
. "$top/tests/e2e/lib.sh"
T_TIMEOUT=120
t_init benchtui
trap 't_cleanup' EXIT
LOG=$T_DIR/stamps

BEFORE=${BEFORE:-}
gen_dbs() {         # gen_dbs CAIJI PREFIX
	[ -d "$WORK/${2}db1m" ] || "$1" gen -d "$WORK/${2}db1m" --members "$N" --seed 1 >/dev/null
	[ -d "$WORK/${2}db100k" ] || "$1" gen -d "$WORK/${2}db100k" --members 100000 \
	    --per-branch 100000 --seed 2 >/dev/null
}
gen_dbs "$CAIJI" ""
[ -z "$BEFORE" ] || gen_dbs "$BEFORE" before-

# stamp_on: pipe the pane's output into the stamp log for the life of the
# pane, once the stamper reads (its start would otherwise delay a stamp).
stamp_on() {
	$T pipe-pane -t "$T_PANE"       # the last pane's stamper, if any, ends
	: > "$LOG"
	rm -f "$LOG.ready"
	$T pipe-pane -t "$T_PANE" -o "exec python3 $top/bench/tui_stamp.py $LOG"
	t_until "the stamper did not start" test -e "$LOG.ready"
}
# ms from $1 (ns) to the last chunk after it, once the screen is quiet.
elapsed() {
	t_settle
	awk -v t0="$1" '$1 > t0 { last = $1 } END { printf "%.1f", (last - t0) / 1e6 }' "$LOG"
}
# time_key KEY TEXT: ms from KEY to the last byte of the screen showing TEXT.
time_key() {
	_t0=$(t_now)
	$T send-keys -t "$T_PANE" "$1"
	t_until "no output after $1" awk -v t0="$_t0" '$1 > t0 { f = 1 } END { exit !f }' "$LOG"
	t_wait "$2"
	elapsed "$_t0"
}
# time_start DB TEXT: ms from Enter in a waiting shell (which then execs
# caiji) to the last byte of the first screen showing TEXT.
time_start() {
	DB=$1 _text=$2
	eval "set -- $(t_env)"
	_cmd="read x; exec $BIN -d $DB"
	if $T has-session -t "$T_PANE" 2>/dev/null; then
		$T respawn-pane -k -t "$T_PANE" "$@" "$_cmd"
	else
		$T new-session -d -s "$T_PANE" -x 100 -y 30 "$@" "$_cmd"
	fi
	stamp_on
	time_key Enter "$_text"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

ACTIONS="start R search open J K"
for a in $ACTIONS; do : > "$T_DIR/$a"; : > "$T_DIR/b-$a"; done
# round BIN DBPREFIX FILEPREFIX: one round of every action
round() {
	BIN=$1 _p=$2 _f=$3
	sync
	time_start "$WORK/${_p}db1m" "组织树" >> "$T_DIR/${_f}start"; echo >> "$T_DIR/${_f}start"
	time_key R "已刷新" >> "$T_DIR/${_f}R"; echo >> "$T_DIR/${_f}R"
	t_keys /
	t_wait "查找:"
	t_type 1234
	t_settle
	time_key Enter "找到" >> "$T_DIR/${_f}search"; echo >> "$T_DIR/${_f}search"
	t_keys Escape
	time_start "$WORK/${_p}db100k" "组织树" > /dev/null
	t_keys Down Down
	t_settle
	time_key Enter "党员名单" >> "$T_DIR/${_f}open"; echo >> "$T_DIR/${_f}open"
	t_keys Down Down
	t_settle
	time_key J "已移动" >> "$T_DIR/${_f}J"; echo >> "$T_DIR/${_f}J"
	time_key K "已移动" >> "$T_DIR/${_f}K"; echo >> "$T_DIR/${_f}K"
}
r=0
while [ $r -lt "$RUNS" ]; do
	if [ -z "$BEFORE" ]; then
		round "$CAIJI" "" ""
	elif [ $((r % 2)) -eq 0 ]; then
		round "$CAIJI" "" ""; round "$BEFORE" before- b-
	else
		round "$BEFORE" before- b-; round "$CAIJI" "" ""
	fi
	r=$((r + 1))
done
la=$(cut -d' ' -f1-3 /proc/loadavg)
# ratios FILE: the per-round ratios after/before of action FILE
ratios() {
	paste -d' ' "$T_DIR/$1" "$T_DIR/b-$1" | awk 'NF == 2 && $2 > 0 { printf "%.2f\n", $1 / $2 }'
}
{
	echo "## TUI: what a clerk waits for (bench_tui.sh)"
	echo
	echo "Milliseconds from the key (or the start) to the last byte of the screen it"
	echo "asks for, through tmux pipe-pane (100x30, TERM=$T_TERM), median of $RUNS rounds;"
	[ -z "$BEFORE" ] || echo "each round runs this build and BEFORE, another build (\`BEFORE=PATH\`), in alternating order;"
	echo "load average at the end: $la."
	echo
	if [ -z "$BEFORE" ]; then
		echo "| action | median ms | rounds (ms) | goal |"
		echo "|---|---:|---|---|"
	else
		echo "| action | before, median ms | after, median ms | after/before, median of the rounds' ratios | after, each round (ms) | goal |"
		echo "|---|---:|---:|---:|---|---|"
	fi
	for a in "start until the tree shows, $N members:start:≤ 50" \
	    "R on the tree, $N members:R:≤ 50" \
	    "/ by part of an ID number (1234), $N members:search:≤ 50" \
	    "open a 100,000-member branch:open:≤ 20" \
	    "J in that branch:J:≤ 10" "K in that branch:K:≤ 10"; do
		f=$(echo "$a" | awk -F: '{ print $2 }')
		if [ -z "$BEFORE" ]; then
			echo "| $(echo "$a" | awk -F: '{ print $1 }') | $(grep . "$T_DIR/$f" | median) |" \
			    "$(grep . "$T_DIR/$f" | tr '\n' ' ')| $(echo "$a" | awk -F: '{ print $3 }') ms |"
		else
			echo "| $(echo "$a" | awk -F: '{ print $1 }') | $(grep . "$T_DIR/b-$f" | median) |" \
			    "$(grep . "$T_DIR/$f" | median) | $(ratios "$f" | median) |" \
			    "$(grep . "$T_DIR/$f" | tr '\n' ' ')| $(echo "$a" | awk -F: '{ print $3 }') ms |"
		fi
	done
} > "$OUT"
