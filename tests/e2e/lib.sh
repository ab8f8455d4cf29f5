# lib.sh - shared helpers for tmux-driven end-to-end tests (sourced).
#
#   . "$TOP/tests/e2e/lib.sh"
#   t_init NAME               private tmux socket, config and database dir ($DB);
#                             recovery files of the panes in $REC_DIR
#   T_PANE=NAME               the tmux session the helpers drive (default app)
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
T_PANE=${T_PANE:-app}

t_init() {
	T_NAME=$1
	T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/caiji-e2e-$1.XXXXXX")
	DB=$T_DIR/db
	REC_DIR=$T_DIR/state/caiji    # recovery files (XDG_STATE_HOME of the pane)
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
	if $T has-session -t "$T_PANE" 2>/dev/null; then
		$T respawn-pane -k -t "$T_PANE" \
		    -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TERM="$T_TERM" \
		    -e CAIJI_TODAY="${CAIJI_TODAY:-2026-06-01}" \
		    -e XDG_STATE_HOME="$T_DIR/state" \
		    "$_cmd" || t_fail "tmux respawn-pane failed"
	else
		$T new-session -d -s "$T_PANE" -x 80 -y 24 \
		    -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TERM="$T_TERM" \
		    -e CAIJI_TODAY="${CAIJI_TODAY:-2026-06-01}" \
		    -e XDG_STATE_HOME="$T_DIR/state" \
		    "$_cmd" || t_fail "tmux new-session failed"
	fi
}

t_screen() {
	$T capture-pane -p -t "$T_PANE"
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
	$T send-keys -t "$T_PANE" "$@"
}

t_type() {
	T_KEYS=$((T_KEYS + $(printf '%s' "$1" | LC_ALL=C.UTF-8 wc -m)))
	$T send-keys -t "$T_PANE" -l -- "$1"
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

# ---- caiji flows ----

# From the tree: create a 党支部 named $1 (与上级党组织相同), back on the tree.
t_new_branch() {
	t_keys n
	t_wait "党统人数"
	t_type "$1"; t_keys Tab
	t_type "张书记"; t_keys Tab
	t_type "李联系"; t_keys Tab
	t_type "13800138000"; t_keys Tab
	t_type "dzb"; t_keys Enter
	t_type "ysj"; t_keys Enter
	t_keys F2
	t_wait "已保存"
	t_keys Escape
	t_wait "组织树"
	t_wait "$1"
}

# From the member list: a new member form, filled with a complete record:
# t_member_fill NAME IDCARD ETHNICITY-KEYS ADDRESS [PHONE]
# (ETHNICITY-KEYS: "hz 1" picks 汉族 by pinyin, "01" types the code)
t_member_fill() {
	t_type "$1"; t_keys Tab
	t_keys Tab                               # 性别: filled from the ID number
	for _k in $3; do t_type "$_k"; done
	case $3 in *" "*) ;; *) t_keys Tab ;; esac
	t_type "$2"                              # 18 characters: advances itself
	t_wait "身份证号有效"
	t_type "dx"; t_type "1"                  # 学历 大学
	t_type "zsdy"; t_keys Enter              # 人员类别 正式党员
	t_type "20100701"; t_keys Tab            # 加入党组织日期
	t_type "20110701"; t_keys Tab            # 转为正式党员日期
	t_type "gwy"; t_keys Enter               # 工作岗位 公务员
	t_type "${5:-13912345678}"               # a mobile (11 digits) advances itself
	case ${5:-} in *-*) t_keys Tab ;; esac   # a fixed line does not
	t_type "$4"; t_keys Tab                  # 家庭住址
	t_type "zc"; t_keys Enter                # 党籍状态 正常
	t_type "f"; t_keys Enter                 # 是否为失联党员 否
	t_type "f"; t_keys Enter                 # 是否为流动党员 否
	t_type "brqz"; t_keys Enter              # 确认方式 本人签字
}

# Hex of a UTF-8 string, as mdb_dump prints data.
t_hex() {
	printf '%s' "$1" | od -An -tx1 | tr -d ' \n'
}

# The members database (second read path: LMDB's own mdb_dump) holds TEXT.
t_db_has() {
	mdb_dump -s members "$DB" 2>/dev/null | tr -d ' ' | grep -q "$(t_hex "$1")"
}

# Run directly (as tests/run-e2e.sh does with every *.sh), the file checks
# its own helpers against a plain shell in a pane: waits, literal UTF-8
# text, key names, exit status.
case ${0##*/} in
lib.sh)
	t_init lib
	$T new-session -d -s app -x 80 -y 24 -e LANG=C.UTF-8 \
	    "printf 'READY\n'; read -r line; printf 'got:%s\n' \"\$line\"; echo '[exit 7]'; sleep 86400"
	t_wait READY
	t_type "张三丰 abc"
	t_keys Enter
	t_wait "got:张三丰 abc"
	t_gone "nothing-like-this"
	[ "$(t_exit)" = 7 ] || t_fail "t_exit did not read the status"
	[ "$T_KEYS" = 8 ] || t_fail "key count $T_KEYS, expected 8"
	if (t_wait "never shown" 1) 2>/dev/null; then
		t_fail "t_wait did not time out"
	fi
	echo "lib.sh helpers ok"
	;;
esac
