#!/bin/sh
# Shared mode as a second clerk would try it (issue 11).  Runs as root: two
# throwaway logins (a 支部 clerk each), one outsider, the group caiji and a
# setgid copy of build/caiji-systest (configuration in /run/caiji-e2e);
# all removed on exit.  Not root: exit 77 (skipped).
#   - a login outside the group cannot read data.mdb or a backup;
#   - a 支部 clerk sees only their branch: stats, export, import, the TUI
#     tree and search; -d, CAIJI_DB, a symlinked configuration and
#     LD_PRELOAD widen nothing; refusals name the missing right;
#   - the files a clerk's caiji writes are the clerk's (group dropped);
#   - planted symlinks: export --replace and gen --csv fail safe;
#   - the audit trail records who changed what, log --verify catches an
#     edited entry; a backup taken during a running import restores to a
#     database whose chain verifies and that checks.
[ "$(id -u)" = 0 ] || { echo "skip: needs root"; exit 77; }
for c in useradd userdel groupdel runuser mdb_dump mdb_load cc; do
	command -v $c >/dev/null 2>&1 || { echo "skip: no $c"; exit 77; }
done
getent group caiji >/dev/null && { echo "skip: group caiji exists here"; exit 77; }
[ -e /run/caiji-e2e ] && { echo "skip: /run/caiji-e2e in use"; exit 77; }
SYS=$TOP/build/caiji-systest
[ -x "$SYS" ] || { echo "FAIL: $SYS not built"; exit 1; }
# make check-stress preloads libfaketime, whose shared memory and semaphore
# (/dev/shm/faketime_*, named by process id, mode 0600) are created by
# whichever process first loads it: a throwaway login meeting one left by
# root or by an earlier login under the same id gets "sem_open failed:
# Permission denied" and its command does not run (CI, stop 16).  The logins'
# commands run under env -i and the setgid caiji ignores preloads anyway, so
# the moved clock never reached them: nothing here carries it.
unset LD_PRELOAD FAKETIME FAKETIME_SHARED NO_FAKE_STAT
. "$TOP/tests/e2e/lib.sh"
t_init sec
chmod 755 "$T_DIR"
U1=cjt1$$ U2=cjt2$$ U3=cjt3$$
sec_cleanup() {
	for u in $U1 $U2 $U3; do
		pkill -KILL -u "$u" 2>/dev/null
		userdel "$u" 2>/dev/null
	done
	groupdel caiji 2>/dev/null
	rm -rf /run/caiji-e2e
	t_cleanup
}
trap sec_cleanup EXIT
for u in $U1 $U2 $U3; do
	useradd -M -N -s /bin/sh -d "$T_DIR/home-$u" "$u" || t_fail "useradd $u"
	mkdir -p "$T_DIR/home-$u"
	chown "$u" "$T_DIR/home-$u"
	chmod 700 "$T_DIR/home-$u"
done
mkdir -m 755 /run/caiji-e2e
BIN=$T_DIR/bin/caiji
mkdir -m 755 "$T_DIR/bin"
cp "$SYS" "$BIN"
SH=$T_DIR/shared                     # a /tmp-like folder every clerk can write
mkdir -m 1777 "$SH"
DATA=$TOP/tests/e2e/import-data
C=中共测试科技有限公司委员会
B1=中共测试科技有限公司第一党支部
B2=中共测试科技园区联合党支部

# as login $1: caiji ARGS (a clean login environment)
as() {
	_u=$1; shift
	runuser -u "$_u" -- env -i PATH=/usr/bin:/bin HOME="$T_DIR/home-$_u" \
	    LANG=C.UTF-8 LC_ALL=C.UTF-8 CAIJI_TODAY=2026-06-01 "$@"
}

# ---- setup (root): the group, the directory, the configuration ----
$BIN setup --shared "$T_DIR/db" > "$T_DIR/out" 2>&1 || { cat "$T_DIR/out"; t_fail "setup"; }
getent group caiji >/dev/null || t_fail "no group caiji"
[ "$(stat -c '%U:%G %a' "$T_DIR/db")" = "root:caiji 2770" ] || t_fail "db dir $(stat -c '%U:%G %a' "$T_DIR/db")"
[ "$(stat -c '%U:%G %a' "$T_DIR/db/data.mdb")" = "root:caiji 660" ] || t_fail "data.mdb $(stat -c '%U:%G %a' "$T_DIR/db/data.mdb")"
[ "$(stat -c '%U %a' /run/caiji-e2e/caiji.conf)" = "root 644" ] || t_fail "conf mode"
chown root:caiji "$BIN" && chmod 2755 "$BIN"     # make install SHARED=1
# the data, and the clerks (root is 管理员 and uses the configured database)
$BIN import "$DATA/$C党组织和所在单位信息汇总表(基层党委本级).csv" \
    "$DATA/$C党组织和所在单位信息汇总表(党支部).csv" \
    "$DATA/$C党员基本信息汇总表.csv" --checked-by-branch > "$T_DIR/out" 2>&1 || { cat "$T_DIR/out"; t_fail "import"; }
# (--checked-by-branch: the branches' own 附件4 exports below need 初核, review.h)
$BIN user add $U1 --role 支部 --org "$B1" || t_fail "user add $U1"
$BIN user add $U2 --role 支部 --org "$B2" || t_fail "user add $U2"
$BIN user add $U3 --role 支部 --org "$C" 2>"$T_DIR/err" && t_fail "a committee accepted for 支部"
grep -q "不是党支部" "$T_DIR/err" || t_fail "role/org mismatch message: $(cat "$T_DIR/err")"
$BIN user list | grep -q "^$U1 .*支部.*$B1" || t_fail "user list: $($BIN user list)"

# ---- a login outside the group cannot read the database ----
as $U1 cat "$T_DIR/db/data.mdb" >/dev/null 2>&1 && t_fail "$U1 read data.mdb directly"
as $U3 cat "$T_DIR/db/data.mdb" >/dev/null 2>&1 && t_fail "$U3 read data.mdb directly"
as $U3 $BIN stats > "$T_DIR/out" 2>&1 && t_fail "an unregistered login used the database"
grep -q "没有权限.*不是本数据库的用户" "$T_DIR/out" || t_fail "outsider message: $(cat "$T_DIR/out")"

# ---- scope: stats, export, import ----
as $U1 $BIN stats > "$T_DIR/out" 2>&1 || { cat "$T_DIR/out"; t_fail "$U1 stats"; }
grep -q "$B1" "$T_DIR/out" || t_fail "$U1 stats lacks the own branch"
grep -q "$B2\|$C" "$T_DIR/out" && t_fail "$U1 stats shows another organisation"
# the first start of the day backed the database up, out of the clerks' reach
ls "$T_DIR"/db/backups/caiji-*.mdb >/dev/null 2>&1 || t_fail "no daily backup"
as $U1 sh -c "cat $T_DIR/db/backups/*" >/dev/null 2>&1 && t_fail "$U1 read a backup"
as $U1 $BIN export --format csv --branch "$B2" -o "$T_DIR/home-$U1" > "$T_DIR/out" 2>&1 && t_fail "$U1 exported $B2"
as $U1 $BIN export --format csv --branch "$B1" -o "$T_DIR/home-$U1" > "$T_DIR/out" 2>&1 || { cat "$T_DIR/out"; t_fail "$U1 export own branch"; }
f=$(ls "$T_DIR/home-$U1"/*党员*.csv 2>/dev/null | head -n 1)
[ -n "$f" ] || t_fail "no export file"
grep -q 张伟 "$f" || t_fail "own member missing from the export"
grep -q 刘洋 "$f" && t_fail "another branch's member exported"
[ "$(stat -c '%U:%G %a' "$f")" = "$U1:$(id -gn $U1) 600" ] || t_fail "export owned $(stat -c '%U:%G %a' "$f") (group kept?)"
# import into another branch: refused, nothing written
printf '\357\273\277"姓名","性别","民族","公民身份证号","出生日期","学历","人员类别","所在党支部","加入党组织日期","转为正式党员日期","工作岗位","联系电话","家庭住址","党籍状态","是否为失联党员","是否为流动党员"\n"侵入者","男","汉族","110108199105050051","1991-05-05","大学","正式党员","%s","2015-07-01","2016-07-01","公有经济控制企业专业技术人员","13800000001","北京市海淀区","正常","否","否"\n' "$B2" > "$SH/roster.csv"
chmod 644 "$SH/roster.csv"
as $U1 $BIN import "$SH/roster.csv" > "$T_DIR/out" 2>&1 && t_fail "$U1 imported into $B2"
$BIN export --format csv --branch "$B2" -o "$T_DIR" > /dev/null 2>&1
grep -q 侵入者 "$T_DIR"/*"$B2"*.csv 2>/dev/null && t_fail "the refused import wrote a member"
# a duplicate ID number held in another branch is refused without naming it
sed -e "s/$B2/$B1/" -e 's/110108199105050051/110108199204040040/' "$SH/roster.csv" > "$SH/dup.csv"
chmod 644 "$SH/dup.csv"
as $U1 $BIN import "$SH/dup.csv" > "$T_DIR/out" 2>&1 && t_fail "duplicate imported"
grep -q "$B2\|刘洋" "$T_DIR/out" && t_fail "the refusal named another branch's member: $(cat "$T_DIR/out")"

# ---- rights: each refusal names the missing one ----
as $U1 $BIN user add $U3 --role 管理员 > "$T_DIR/out" 2>&1 && t_fail "a clerk added a user"
grep -q "没有权限: 管理用户需要「管理员」角色" "$T_DIR/out" || t_fail "user add message: $(cat "$T_DIR/out")"
as $U1 $BIN backup > "$T_DIR/out" 2>&1 && t_fail "a clerk made a backup"
grep -q "没有权限: 备份数据库需要「管理员」角色" "$T_DIR/out" || t_fail "backup message"
as $U1 $BIN demo > "$T_DIR/out" 2>&1 && t_fail "a clerk wrote demo data into the shared database"
grep -q "没有权限" "$T_DIR/out" || t_fail "demo message"
as $U1 $BIN log > "$T_DIR/out" 2>&1 && t_fail "a 支部 clerk read the audit trail"
grep -q "没有权限: 查看审计记录需要「党委」角色" "$T_DIR/out" || t_fail "log message"

# a 管理员 clerk backs up into the shared backup folder (taken before the
# group is dropped) and manages users; the backup stays out of the clerk's reach
$BIN user add $U2 --role 管理员 >/dev/null || t_fail "user add 管理员"
as $U2 $BIN backup --keep 5 > "$T_DIR/out" 2>&1 || t_fail "管理员 backup: $(cat "$T_DIR/out")"
grep -q "已备份并校验: $T_DIR/db/backups/caiji-.*党员 6 名" "$T_DIR/out" || t_fail "backup output: $(cat "$T_DIR/out")"
as $U2 $BIN user list > "$T_DIR/out" 2>&1 || t_fail "管理员 user list"
$BIN user add $U2 --role 支部 --org "$B2" >/dev/null || t_fail "user add back"
# ---- -d, CAIJI_DB, a symlinked configuration, LD_PRELOAD ----
mkdir -m 777 "$SH/own"
as $U1 $BIN -d "$SH/own" stats > "$T_DIR/out" 2>&1 && t_fail "-d accepted"
grep -q "没有权限: 共享模式下不能用 -d" "$T_DIR/out" || t_fail "-d message: $(cat "$T_DIR/out")"
as $U1 $BIN stats -d "$T_DIR/db" > "$T_DIR/out" 2>&1 && t_fail "-d after the command accepted"
runuser -u $U1 -- env -i PATH=/usr/bin:/bin HOME="$T_DIR/home-$U1" CAIJI_DB="$SH/own" \
    $BIN stats > "$T_DIR/out" 2>&1 && t_fail "CAIJI_DB accepted"
grep -q "没有权限: 共享模式下不能用 CAIJI_DB" "$T_DIR/out" || t_fail "CAIJI_DB message"
mv /run/caiji-e2e/caiji.conf /run/caiji-e2e/real.conf
printf 'db = %s\n' "$SH/own" > "$SH/evil.conf"
ln -s "$SH/evil.conf" /run/caiji-e2e/caiji.conf
as $U1 $BIN stats > "$T_DIR/out" 2>&1 && t_fail "a symlinked configuration was followed"
grep -q "符号链接" "$T_DIR/out" || t_fail "symlinked conf message: $(cat "$T_DIR/out")"
rm /run/caiji-e2e/caiji.conf
cp /run/caiji-e2e/real.conf /run/caiji-e2e/caiji.conf
chown $U1 /run/caiji-e2e/caiji.conf
as $U1 $BIN stats > "$T_DIR/out" 2>&1 && t_fail "a configuration not owned by root was read"
mv /run/caiji-e2e/real.conf /run/caiji-e2e/caiji.conf
cat > "$T_DIR/pre.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
__attribute__((constructor)) static void pre(void)
{
	FILE *fp = fopen(getenv("PRE_MARK"), "w");
	if (fp) fclose(fp);
}
C
cc -shared -fPIC -o "$T_DIR/pre.so" "$T_DIR/pre.c" || t_fail "cc pre.so"
chmod 755 "$T_DIR/pre.so"
runuser -u $U1 -- env -i PATH=/usr/bin:/bin HOME="$T_DIR/home-$U1" PRE_MARK="$SH/mark-plain" \
    LD_PRELOAD="$T_DIR/pre.so" /bin/true
[ -e "$SH/mark-plain" ] || t_fail "the LD_PRELOAD control did not run"
runuser -u $U1 -- env -i PATH=/usr/bin:/bin HOME="$T_DIR/home-$U1" PRE_MARK="$SH/mark-caiji" \
    LD_PRELOAD="$T_DIR/pre.so" $BIN stats > /dev/null 2>&1
[ -e "$SH/mark-caiji" ] && t_fail "LD_PRELOAD ran inside setgid caiji"

# ---- planted symlinks ----
# export --replace: $U2 plants the folder's name pointing at $U1's tables
as $U1 $BIN export --format csv --branch "$B1" -o "$T_DIR/home-$U1" >/dev/null 2>&1
K=$T_DIR/home-$U1/keep
mkdir "$K" && chown $U1 "$K"
cp "$f" "$K/" && chown $U1 "$K"/*
chmod 711 "$T_DIR/home-$U1"
F=草稿-1${C}${U1}                # --seq 1 names it exactly
OPEN=$T_DIR/open                     # a shared export folder without the sticky bit
mkdir -m 777 "$OPEN"
as $U2 ln -s "$K" "$OPEN/$F" || t_fail "plant"
# only a committee exports a folder: make $U1 its 党委 clerk for this part
$BIN user add $U1 --role 党委 --org "$C" >/dev/null || t_fail "user add 党委"
as $U1 $BIN export --format csv --seq 1 --filler $U1 --draft --replace -o "$OPEN" > "$T_DIR/out" 2>&1 && \
    t_fail "export --replace went through a planted symlink: $(cat "$T_DIR/out")"
grep -q "不是您自己的文件夹" "$T_DIR/out" || t_fail "replace message: $(cat "$T_DIR/out")"
[ -n "$(ls "$K"/*.csv 2>/dev/null)" ] || t_fail "export --replace deleted the symlink target's tables"
[ -L "$OPEN/$F" ] || t_fail "the planted symlink was moved"
$BIN user add $U1 --role 支部 --org "$B1" >/dev/null || t_fail "user add back"
# gen --csv: a planted symlink is never written through
echo precious > "$K/precious.txt"; chown $U1 "$K/precious.txt"
as $U2 ln -s "$K/precious.txt" "$SH/gen.csv"
as $U1 $BIN gen --csv-only --csv "$SH/gen.csv" -n 5 >/dev/null 2>&1
[ "$(cat "$K/precious.txt")" = precious ] || t_fail "gen --csv wrote through a planted symlink"

# ---- the TUI: the tree and search show the clerk's branch only ----
chmod 700 "$T_DIR/home-$U1"
$T new-session -d -s app -x 80 -y 24 "runuser -u $U1 -- env -i PATH=/usr/bin:/bin \
    HOME=$T_DIR/home-$U1 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=$T_TERM CAIJI_TODAY=2026-06-01 \
    $BIN; echo \"[exit \$?]\"; sleep 86400" || t_fail "tmux"
t_wait "组织树"
t_wait "$B1"
t_screen | grep -q "$B2\|$C" && t_fail "the tree shows another organisation"
t_keys /
t_wait "查找:"
t_type "刘洋"; t_keys Enter
t_wait "找到 0 条"
t_keys C-u
t_type "110108199204040040"; t_keys Enter
t_wait "找到 0 条"
t_keys C-u
t_type "张伟"; t_keys Enter
t_wait "找到 1 条"
t_keys Escape
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "TUI exit status"
# its recovery state lives in the clerk's own private directory
[ "$(stat -c '%U %a' "$T_DIR/home-$U1/.local/state/caiji")" = "$U1 700" ] || \
    t_fail "state dir $(stat -c '%U %a' "$T_DIR/home-$U1/.local/state/caiji")"

# ---- the audit trail: who did what; an edited entry is caught ----
$BIN log --user root | grep -q "用户.*$U1" || t_fail "user change not in the log"
$BIN log --member 110108198001010015 | grep -q "新建党员  张伟" || t_fail "log --member"
$BIN log --org "$B1" | grep -q 刘洋 && t_fail "log --org shows another branch"
$BIN log | grep -q "导出文件.*home-$U1" || t_fail "the clerk's export not in the log"
$BIN log --verify > "$T_DIR/out" || { cat "$T_DIR/out"; t_fail "log --verify on an intact chain"; }
mdb_dump -s audit "$T_DIR/db" > "$T_DIR/a.dump" || t_fail "mdb_dump"
sed -n '1,/^HEADER=END/p' "$T_DIR/a.dump" > "$T_DIR/b.dump"
awk '/^ 0000000000000003$/ { print; getline; print substr($0, 1, length($0) - 2) "ff"; exit }' \
    "$T_DIR/a.dump" >> "$T_DIR/b.dump"
echo DATA=END >> "$T_DIR/b.dump"
mdb_load -s audit -f "$T_DIR/b.dump" "$T_DIR/db" 2>/dev/null || t_fail "mdb_load"
$BIN log --verify > "$T_DIR/out" && t_fail "log --verify missed an edited entry"
grep -q "第 4 条处断开" "$T_DIR/out" || t_fail "verify message: $(cat "$T_DIR/out")"

# ---- a backup taken during a running import restores and checks ----
$BIN -d "$T_DIR/gen" gen --members 30000 >/dev/null 2>&1 || t_fail "gen"
mkdir "$T_DIR/rep"
$BIN -d "$T_DIR/gen" export --format csv --seq 1 --filler 测试 --draft -o "$T_DIR/rep" >/dev/null 2>&1 || t_fail "export of gen"
$BIN -d "$T_DIR/big" import "$T_DIR"/rep/*/*本级*.csv "$T_DIR"/rep/*/*"（党支部）"*.csv >/dev/null 2>&1 || t_fail "orgs"
$BIN -d "$T_DIR/big" import "$T_DIR"/rep/*/*党员基本信息汇总表.csv > "$T_DIR/imp.out" 2>&1 &
imp=$!
n=0
until $BIN -d "$T_DIR/big" backup -o "$T_DIR/bk" > "$T_DIR/out" 2>&1; do
	n=$((n + 1)); [ $n -lt 200 ] || t_fail "backup: $(cat "$T_DIR/out")"
	sleep 0.05
done
during=0; kill -0 $imp 2>/dev/null && during=1
wait $imp || { tail -5 "$T_DIR/imp.out"; t_fail "the big import"; }
[ $during = 1 ] || echo "note: the import ended before the backup did"
bk=$(ls "$T_DIR"/bk/caiji-*.mdb | head -n 1)
$BIN restore "$bk" -d "$T_DIR/restored" > "$T_DIR/out" 2>&1 || { cat "$T_DIR/out"; t_fail "restore"; }
$BIN -d "$T_DIR/restored" log --verify >/dev/null || t_fail "the restored chain"
$BIN -d "$T_DIR/restored" check > "$T_DIR/out" 2>&1
[ $? -le 1 ] || { cat "$T_DIR/out"; t_fail "check of the restored database"; }
$BIN restore "$bk" -d "$T_DIR/big" > "$T_DIR/out" 2>&1 && t_fail "restored over a live database"
grep -q "不是空的" "$T_DIR/out" || t_fail "restore message"
echo "ok"
