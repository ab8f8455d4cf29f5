# lib.sh - shared helpers of the end-to-end tests (sourced by every tests/e2e/*.sh).
#
#   . "$TOP/tests/e2e/lib.sh"
#   t_init NAME               private tmux socket, config and database dir ($DB);
#                             recovery files of the panes in $REC_DIR
#   T_PANE=NAME               the tmux session the helpers drive (default app)
#   t_start [ARGS]            run "$CAIJI -d $DB ARGS" in an 80x24 pane (TERM=$T_TERM)
#   t_wait TEXT [SECONDS]     wait until the screen shows TEXT (fixed string)
#   t_check TEXT [SECONDS]    the same, failing with "screen lacks: TEXT"
#   t_match REGEX [SECONDS]   wait until a screen line matches REGEX (grep -E)
#   t_gone TEXT [SECONDS]     wait until the screen no longer shows TEXT
#   t_lacks REGEX             once the screen has settled, no line matches REGEX
#   t_settle                  wait until screen and cursor stop changing
#   t_until MESSAGE CMD...    wait until CMD succeeds (else fail with MESSAGE)
#   t_keys KEY...             tmux send-keys (key names: Tab Enter Escape F2 C-s ...)
#   t_type TEXT               send TEXT literally (UTF-8)
#   t_cursor                  print the cursor as X,Y (0-based)
#   t_tab_to_row ROW          press Tab, one at a time, until the cursor is on ROW
#   t_screen                  print the screen
#   t_exit [SECONDS]          wait for the program to end; prints its exit status
#   t_fail MESSAGE            print the screen and the message, exit 1
#   t_skip REASON             end the test as skipped (exit status $T_SKIP)
#   t_gen_branch N SEED       $DB: one branch of N members from caiji gen (its
#                             name in $B); generated once per binary, N, SEED
#                             and CAIJI_TODAY into $TOP/build/e2e-cache, then
#                             copied from there
#   t_branch_names FILE       the 姓名 column of $B's 附件4 (an export), in order
# Waits poll every 20 ms up to $T_TIMEOUT seconds (CAIJI_E2E_TIMEOUT, default
# 30: a passing wait returns at once, so the bound only matters on failure);
# nothing sleeps a fixed time.  Cleanup is automatic.
#
# Dates: every caiji a test starts sees CAIJI_TODAY, exported here (default
# 2026-06-01) for the direct calls too (demo, gen, export ...), so no result
# depends on the day the tests run.  A script may pin another date by setting
# CAIJI_TODAY before sourcing this file.
set -u
: "${CAIJI:?CAIJI must name the caiji binary}"
CAIJI_TODAY=${CAIJI_TODAY:-2026-06-01}
export CAIJI_TODAY
# The exit status of a skipped test (as automake's): tests/run-e2e.sh counts
# it as skipped, never as passed.
T_SKIP=77
T_TIMEOUT=${CAIJI_E2E_TIMEOUT:-30}
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
	trap 'exit 1' INT TERM HUP
}

t_cleanup() {
	$T kill-server 2>/dev/null
	rm -rf "$T_DIR"
}

t_skip() {
	echo "SKIP ${T_NAME:-${0##*/}}: $*"
	exit $T_SKIP
}

# The environment a pane gets besides the locale, TERM and CAIJI_TODAY: what
# the run passes down (the clock of make check-stress, the sanitizers'
# options), whatever the tmux server inherited.  Printed as tmux -e options
# quoted for the shell: eval "set -- $(t_env)".
t_env() {
	for _v in LD_PRELOAD FAKETIME FAKETIME_SHARED NO_FAKE_STAT \
	    ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
		eval "_x=\${$_v:-}"
		[ -n "$_x" ] && _t_quote "$_v=$_x"
	done
	_t_quote "TERM=$T_TERM"
	_t_quote "CAIJI_TODAY=$CAIJI_TODAY"
	_t_quote "XDG_STATE_HOME=$T_DIR/state"
	printf ' -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8'
}
_t_quote() {
	printf " -e '%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# t_start [ARGS]: (re)start caiji in session "app".  TERM is set in the
# command itself: tmux gives every pane its default-terminal whatever -e says.
t_start() {
	_cmd="TERM=$T_TERM $CAIJI -d $DB $*; echo \"[exit \$?]\"; sleep 86400"
	eval "set -- $(t_env)"
	if $T has-session -t "$T_PANE" 2>/dev/null; then
		$T respawn-pane -k -t "$T_PANE" "$@" "$_cmd" ||
		    t_fail "tmux respawn-pane failed"
	else
		$T new-session -d -s "$T_PANE" -x 80 -y 24 "$@" "$_cmd" ||
		    t_fail "tmux new-session failed"
	fi
}

t_screen() {
	$T capture-pane -p -t "$T_PANE"
}

t_now() {
	date +%s%N
}

# _t_until MESSAGE SECONDS COMMAND...: poll COMMAND until it succeeds.
_t_until() {
	_msg=$1 _end=$(( $(t_now) + $2 * 1000000000 ))
	shift 2
	until "$@"; do
		[ "$(t_now)" -gt "$_end" ] && t_fail "$_msg"
		sleep 0.02
	done
}
# t_until MESSAGE COMMAND...: poll COMMAND until it succeeds, else fail
# with MESSAGE (for what the screen helpers do not say: a cursor, a file).
t_until() {
	_m=$1; shift
	_t_until "$_m" "$T_TIMEOUT" "$@"
}
_t_shows() { t_screen | grep -qF -- "$1"; }
_t_matches() { t_screen | grep -qE -- "$1"; }

t_wait() {
	_t_until "timed out waiting for: $1" "${2:-$T_TIMEOUT}" _t_shows "$1"
}

# t_check TEXT: the screen shows TEXT (waiting for it: a screen is drawn
# after the key that asks for it, and later still on a loaded machine).
t_check() {
	_t_until "screen lacks: $1" "${2:-$T_TIMEOUT}" _t_shows "$1"
}

t_match() {
	_t_until "no screen line matches: $1" "${2:-$T_TIMEOUT}" _t_matches "$1"
}

t_cursor() {
	$T display -p -t "$T_PANE" '#{cursor_x},#{cursor_y}'
}

# The screen and the cursor, as one string.
_t_state() {
	t_cursor
	t_screen
}

# t_settle: wait until the screen and the cursor are the same in five
# captures in a row (100 ms), so that what a test finds absent is absent
# from a drawn screen, not from one half redrawn.
t_settle() {
	_same=0 _prev=$(_t_state)
	_end=$(( $(t_now) + T_TIMEOUT * 1000000000 ))
	while [ $_same -lt 5 ]; do
		[ "$(t_now)" -gt "$_end" ] && t_fail "the screen never settled"
		sleep 0.02
		_cur=$(_t_state)
		if [ "$_cur" = "$_prev" ]; then _same=$((_same + 1)); else _same=0; fi
		_prev=$_cur
	done
}

# t_lacks REGEX: no screen line matches REGEX (grep -E), once settled.
# Check something the same screen shows first (t_wait), then what it lacks.
t_lacks() {
	t_settle
	t_screen | grep -qE -- "$1" && t_fail "screen shows: $1"
	return 0
}

# t_tab_to_row ROW: press Tab until the cursor is on screen row ROW
# (0-based), waiting after each Tab for the cursor to move and the screen
# to settle: a key is never sent before the program has handled the one
# before, and a cursor seen in passing while ncurses draws is not taken for
# the field's.
t_tab_to_row() {
	_n=0 _at=$(t_cursor)
	until [ "${_at#*,}" = "$1" ]; do
		[ $_n -ge 40 ] && t_fail "no field on row $1"
		t_keys Tab; _n=$((_n + 1))
		_t_until "Tab did not move the cursor from $_at" "$T_TIMEOUT" _t_moved "$_at"
		t_settle        # a half-drawn screen may show the cursor in passing
		_at=$(t_cursor)
	done
}
_t_moved() { [ "$(t_cursor)" != "$1" ]; }

t_gone() {
	_end=$(( $(t_now) + ${2:-$T_TIMEOUT} * 1000000000 ))
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
	t_wait "[exit " "${1:-$T_TIMEOUT}"
	t_screen | sed -n 's/.*\[exit \([0-9]*\)\].*/\1/p' | tail -n 1
}

t_fail() {
	echo "---- screen ----" >&2
	t_screen >&2 2>/dev/null
	echo "----------------" >&2
	echo "FAIL ${T_NAME:-}: $*" >&2
	exit 1
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
	t_type "13800138000"                     # a mobile: advances itself
	t_type "dzb"                             # 党支部: whole initials move on
	t_type "ysj"; t_keys Enter               # 与上级党组织相同: a unique start, Enter
	t_keys F2
	t_wait "已保存"
	t_keys Escape
	t_wait "组织树"
	t_wait "$1"
}

# From the member list: a new member form, filled with a complete record:
# t_member_fill NAME IDCARD ETHNICITY-KEYS ADDRESS [PHONE]
# (ETHNICITY-KEYS: "hz 1" picks 汉族 by pinyin and its number, "01" types
# the whole code, which moves on by itself)
t_member_fill() {
	t_type "$1"; t_keys Tab                  # 性别 passed: the ID number fills it
	for _k in $3; do t_type "$_k"; done
	t_type "$2"                              # 18 characters: advances itself
	t_wait "身份证号有效"
	t_type "dx"; t_type "1"                  # 学历 大学
	t_type "zsdy"                            # 人员类别 正式党员: whole initials move on
	t_type "20100701"                        # 加入党组织日期: 8 digits advance
	t_type "20110701"                        # 转为正式党员日期
	t_type "gwy"                             # 工作岗位 公务员
	t_type "${5:-13912345678}"               # a mobile (11 digits) advances itself
	case ${5:-} in *-*) t_keys Tab ;; esac   # a fixed line does not
	t_type "$4"; t_keys Tab                  # 家庭住址; Tab passes 党籍状态 正常,
	                                         # 失联 否, 流动 否 (a new member's defaults)
	t_type "brqz"                            # 确认方式 本人签字
}

# A database of one generated branch (see the top).  The cache entry of a
# binary (by name: caiji, caiji-asan) and N, SEED holds the key it was made
# with (the binary's checksum, CAIJI_TODAY): another key makes it again.
t_gen_branch() {
	_c=$TOP/build/e2e-cache
	_e=$_c/branch-${CAIJI##*/}-$1-$2
	_k="$(cksum < "$CAIJI" | cut -d' ' -f1) $CAIJI_TODAY"
	if [ ! -f "$_e/key" ] || [ "$(cat "$_e/key")" != "$_k" ]; then
		mkdir -p "$_c" || t_fail "cannot make $_c"
		_n=$(mktemp -d "$_c/new.XXXXXX") || t_fail "cannot make a cache entry"
		if ! "$CAIJI" gen -d "$_n/db" --members "$1" --per-branch "$1" \
		    --seed "$2" > /dev/null 2>&1; then
			rm -rf "$_n"
			t_fail "gen failed"
		fi
		"$CAIJI" stats -d "$_n/db" |
		    sed -n 's/^ *\(中共[^ ]*党支部\) .*/\1/p' | head -n 1 > "$_n/branch"
		printf '%s\n' "$_k" > "$_n/key"
		rm -rf "$_e"
		mv -T "$_n" "$_e" 2>/dev/null || rm -rf "$_n"   # another run's won
	fi
	rm -rf "$DB"
	cp -R "$_e/db" "$DB" || t_fail "cannot copy the cached database"
	B=$(cat "$_e/branch")
	[ -n "$B" ] || t_fail "no branch in stats"
}

t_branch_names() {
	rm -rf "$T_DIR/x"; mkdir "$T_DIR/x"
	"$CAIJI" export -d "$DB" --branch "$B" --format csv --draft -o "$T_DIR/x" > /dev/null 2>&1 ||
	    t_fail "export failed"
	python3 -c 'import csv, glob, sys
f = glob.glob(sys.argv[1] + "/**/*.csv", recursive=True)[0]
r = list(csv.reader(open(f, encoding="utf-8-sig")))
i = r[0].index("姓名")
print("\n".join(row[i] for row in r[1:]))' "$T_DIR/x" > "$1"
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
# text, key names, exit status, the environment a pane gets (the clock and
# CAIJI_TODAY), and a skip's exit status.
case ${0##*/} in
lib.sh)
	t_init lib
	# the pane prints its clock and CAIJI_TODAY, then, after a line is
	# read, a late line (drawn some time after the key: t_check waits)
	eval "set -- $(t_env)"
	$T new-session -d -s app -x 80 -y 24 "$@" \
	    "printf 'READY %s %s\n' \"\$(date +%F)\" \"\$CAIJI_TODAY\"; read -r line; printf 'got:%s\n' \"\$line\"; \
	     i=0; while [ \$i -lt 20 ]; do i=\$((i + 1)); sleep 0.02; done; echo late; echo '[exit 7]'; sleep 86400"
	t_wait READY
	# the pane runs on the tests' clock (make check-stress moves it) and
	# sees the pinned date
	_day=$(date +%F)
	t_screen | grep -q "^READY [0-9-]* $CAIJI_TODAY\$" || t_fail "CAIJI_TODAY did not reach the pane"
	t_screen | grep -q "^READY $_day " || [ "$(date +%F)" != "$_day" ] ||
		t_fail "the pane's clock is not the tests' clock ($_day)"
	t_type "张三丰 abc"
	t_keys Enter
	t_check "late"
	t_check "got:张三丰 abc"
	t_match "^got:张三丰 +abc$"
	t_gone "nothing-like-this"
	t_lacks "nothing-like-this"
	[ "$(t_exit)" = 7 ] || t_fail "t_exit did not read the status"
	[ "$T_KEYS" = 8 ] || t_fail "key count $T_KEYS, expected 8"
	if (t_wait "never shown" 1) 2>/dev/null; then
		t_fail "t_wait did not time out"
	fi
	if (t_check "never shown" 1) 2>/dev/null; then
		t_fail "t_check did not time out"
	fi
	(t_lacks "张三丰") > /dev/null 2>&1 && t_fail "t_lacks passed a line it should not"
	(t_skip "test") > /dev/null
	[ $? = $T_SKIP ] || t_fail "t_skip exit status"
	# a generated branch, then the same from the cache (its entry kept)
	t_gen_branch 12 7
	t_branch_names "$T_DIR/n1"
	[ "$(wc -l < "$T_DIR/n1")" = 12 ] || t_fail "t_gen_branch: not 12 members"
	_i=$(ls -i "$_e/key")
	echo "changed" > "$DB/data.mdb"
	t_gen_branch 12 7
	[ "$(ls -i "$_e/key")" = "$_i" ] || t_fail "t_gen_branch did not reuse its cache"
	t_branch_names "$T_DIR/n2"
	cmp -s "$T_DIR/n1" "$T_DIR/n2" || t_fail "t_gen_branch: the cached copy differs"
	echo "lib.sh helpers ok"
	;;
esac
