#!/bin/sh
# cli_args.sh - every command's options through the one parser: -h prints
# the command's usage on stdout with status 0; unknown options, missing
# values, repeated options and extra arguments are one Chinese line plus
# the usage on stderr, with the command's usage status; nothing is created.
set -u
: "${CAIJI:?}"
T=$(mktemp -d /tmp/caiji-e2e-args.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
: "${CAIJI_TODAY:=2026-06-01}"
export CAIJI_TODAY
unset CAIJI_DB

for c in demo gen validate import check export stats; do
	"$CAIJI" -d "$T/db" $c -h > "$T/out" 2> "$T/err" || fail "$c -h exit"
	grep -q "^用法: caiji $c " "$T/out" || fail "$c -h usage: $(cat "$T/out")"
	[ -s "$T/err" ] && fail "$c -h wrote to stderr"
	"$CAIJI" -d "$T/db" $c --help > "$T/out2" 2>&1 || fail "$c --help exit"
	cmp -s "$T/out" "$T/out2" || fail "$c: -h and --help differ"
done
[ ! -e "$T/db" ] || fail "-h created the database"

# bad LINE STATUS MESSAGE: the command fails with STATUS and MESSAGE
bad() {
	want=$1 msg=$2; shift 2
	"$CAIJI" -d "$T/db" "$@" > "$T/out" 2> "$T/err"
	rc=$?
	[ $rc -eq "$want" ] || fail "$*: exit $rc, not $want"
	[ "$(head -n 1 "$T/err")" = "caiji: $1: $msg" ] || fail "$*: $(cat "$T/err")"
	grep -q "^用法: caiji $1 " "$T/err" || fail "$*: no usage"
	[ -s "$T/out" ] && fail "$*: wrote to stdout"
	[ ! -e "$T/db" ] || fail "$*: created the database"
}
bad 2 "未知选项 --bogus" export --seq 1 --filler 张三 --bogus
bad 2 "选项 --seq 需要一个值" export --filler 张三 --seq
bad 2 "选项 --filler 需要一个值" export --seq 1 --filler --draft
bad 2 "选项 --seq 只能给一次" export --seq 1 --seq 2 --filler 张三
bad 2 "多余的参数 x" export --seq 1 --filler 张三 x
bad 2 "选项 --draft 不带值" export --seq 1 --filler 张三 --draft=yes
bad 2 "未知选项 -x" stats -x
bad 1 "未知选项 --nope" check --nope
bad 1 "选项 -o 需要一个值" check -o
bad 1 "缺少参数" import
bad 1 "未知选项 -q" import -q a.csv
bad 1 "多余的参数 extra" demo extra
bad 1 "未知选项 --mem" gen --mem 5
bad 3 "未知选项 --nope" validate --nope
bad 3 "多余的参数 c" validate a b c

# a value starting with '-' goes attached; -d anywhere after the command
"$CAIJI" validate name -x > "$T/out" 2>&1; [ $? -ne 3 ] || fail "validate VALUE starting with -"
"$CAIJI" demo -d "$T/db" > /dev/null 2>&1 || fail "demo -d after the command"
mkdir "$T/o"
"$CAIJI" export --seq=3 --filler=张三 -o"$T/o" -d "$T/db" --draft --format=csv > "$T/out" 2>&1 ||
	fail "export with attached values: $(cat "$T/out")"
[ -d "$T/o/草稿-3中共某某市示范科技有限公司委员会张三" ] || fail "export folder: $(ls "$T/o")"
"$CAIJI" -d "$T/db" import -n -- "$T/o/草稿-3中共某某市示范科技有限公司委员会张三/草稿-中共某某市示范科技有限公司委员会党员基本信息汇总表.csv" > "$T/out" 2>&1 ||
	fail "import -n --: $(cat "$T/out")"
grep -q '试运行' "$T/out" || fail "import -n: $(cat "$T/out")"
# global options: unknown, missing value, --version
"$CAIJI" --nope > "$T/out" 2> "$T/err" && fail "--nope accepted"
grep -q '^caiji: 未知选项 --nope$' "$T/err" || fail "--nope: $(cat "$T/err")"
"$CAIJI" -d > "$T/out" 2> "$T/err" && fail "-d without a value accepted"
grep -q '^caiji: 选项 -d 需要一个值$' "$T/err" || fail "-d: $(cat "$T/err")"
"$CAIJI" nosuch > "$T/out" 2> "$T/err" && fail "unknown command accepted"
grep -q '^caiji: 未知命令: nosuch$' "$T/err" || fail "nosuch: $(cat "$T/err")"
echo "ok"
