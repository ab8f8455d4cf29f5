#!/bin/sh
# Install the Debian packages named as arguments that are not installed yet.
# Every build runs it first (make, make caiji, run, check ...), so the usual
# case, nothing missing, is one dpkg-query and no apt-get.  Uses apt-get
# (through sudo when not root) only for what is missing.  On a system without
# dpkg it installs nothing and says which packages the build expects.
[ $# -gt 0 ] || exit 0
if ! command -v dpkg-query > /dev/null 2>&1; then
	echo "caiji: 不是 Debian 系统, 请自行安装相应的软件包: $*" >&2
	exit 0
fi
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null |
	sed -n 's/^\([^ :]*\)\(:[^ ]*\)\{0,1\} .*install ok installed$/\1/p')
missing=""
for p in "$@"; do
	case " $(echo $installed) " in *" $p "*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
echo "caiji: 安装缺少的软件包:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || exit 1
$SUDO apt-get install -y -qq --no-install-recommends $missing || exit 1
