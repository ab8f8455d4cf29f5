# lib.sh - shared helpers for tmux-driven end-to-end tests (sourced).
#
#   . "$TOP/tests/e2e/lib.sh"
#   t_init NAME               private tmux socket, config and database dir ($DB)
#   t_start [ARGS]            run "$CAIJI -d $DB ARGS" in an 80x24 pane (TERM=$T_TERM)
#   t_wait TEXT [SECONDS]     wait until the screen shows TEXT (fixed string)
#   t_gone TEXT [SECONDS]     wait until the screen no longer shows TEXT
#   t_keys KEY...             tmux send-keys (key names: Tab Enter Escape F2 C-s ...)
#   t_type TEXT               send TEXT literally (UTF-8)
#   t_screen                  print the screen
#   t_exit [SECONDS]          wait for the program to end; prints its exit status
#   t_fail MESSAGE            print the screen and the message, exit 1
# Waits poll every 20 ms; nothing sleeps a fixed time.  Cleanup is automatic.
set -u
: "${CAIJI:?CAIJI must name the caiji binary}"
T_TERM=${T_TERM:-tmux-256color}
T_KEYS=0

t_init() {
	T_NAME=$1
	T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/caiji-e2e-$1.XXXXXX")
	DB=$T_DIR/db
	T_SOCK=caiji-$1-$$
	cat > "$T_DIR/tmux.conf" <<'CONF'
set -g remain-on-exit on
set -g escape-time 0
set -g default-terminal "tmux-256color"
set -g status off
set -g history-limit 100
CONF
	T="tmux -L $T_SOCK -f $T_DIR/tmux.conf"
	trap 't_cleanup' EXIT
}

t_cleanup() {
	$T kill-server 2>/dev/null
	rm -rf "$T_DIR"
}

# t_start [ARGS]: (re)start caiji in session "app".
t_start() {
	_cmd="$CAIJI -d $DB $*; echo \"[exit \$?]\"; sleep 86400"
	if $T has-session -t app 2>/dev/null; then
		$T respawn-pane -k -t app \
		    -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TERM="$T_TERM" \
		    -e CAIJI_TODAY="${CAIJI_TODAY:-2026-06-01}" \
		    "$_cmd" || t_fail "tmux respawn-pane failed"
	else
		$T new-session -d -s app -x 80 -y 24 \
		    -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TERM="$T_TERM" \
		    -e CAIJI_TODAY="${CAIJI_TODAY:-2026-06-01}" \
		    "$_cmd" || t_fail "tmux new-session failed"
	fi
}

t_screen() {
	$T capture-pane -p -t app
}

t_now() {
	date +%s%N
}

t_wait() {
	_end=$(( $(t_now) + ${2:-10}000000000 ))
	until t_screen | grep -qF -- "$1"; do
		[ "$(t_now)" -gt "$_end" ] && t_fail "timed out waiting for: $1"
		sleep 0.02
	done
}

t_gone() {
	_end=$(( $(t_now) + ${2:-10}000000000 ))
	while t_screen | grep -qF -- "$1"; do
		[ "$(t_now)" -gt "$_end" ] && t_fail "timed out waiting for absence of: $1"
		sleep 0.02
	done
}

t_keys() {
	T_KEYS=$((T_KEYS + $#))
	$T send-keys -t app "$@"
}

t_type() {
	T_KEYS=$((T_KEYS + $(printf '%s' "$1" | wc -m)))
	$T send-keys -t app -l -- "$1"
}

# The program's exit status, once "[exit N]" is shown.
t_exit() {
	t_wait "[exit " "${1:-10}"
	t_screen | sed -n 's/.*\[exit \([0-9]*\)\].*/\1/p' | tail -n 1
}

t_fail() {
	echo "---- screen ----" >&2
	t_screen >&2 2>/dev/null
	echo "----------------" >&2
	echo "FAIL ${T_NAME:-}: $*" >&2
	exit 1
}

# t_check TEXT: the screen shows TEXT right now.
t_check() {
	t_screen | grep -qF -- "$1" || t_fail "screen lacks: $1"
}

# Fill the current form field: clear it, type TEXT, Tab.
t_field() {
	t_keys C-u
	t_type "$1"
	t_keys Tab
}
