#!/bin/sh
# deps.sh: make sure the Debian packages in $PKGS are installed.  As root,
# install the missing ones (refreshing stale package lists first); as
# anyone else, print the exact command to run and fail.
set -u
missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)
	case "$st" in ii*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "缺少以下 Debian 软件包，请以 root 身份运行：" >&2
	echo "  apt-get install$missing" >&2
	exit 1
fi
echo "安装缺少的软件包：$missing" >&2
# Refresh the package lists when they are missing or older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
	apt-get update -q >&2 || exit 1
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
