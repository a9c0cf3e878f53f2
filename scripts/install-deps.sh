#!/bin/sh
# Installs the Debian packages a step needs, only those missing. Groups are
# files in scripts/packages/ (build.txt, check*.txt, bench*.txt, fuzz*.txt):
# every file whose name starts with the group name counts, so each part of
# the project lists its own test tools without touching the others' lists.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
missing=""
for group in "$@"; do
    for list in "$here"/packages/"$group"*.txt; do
        [ -f "$list" ] || continue
        for pkg in $(sed -e 's/#.*//' "$list"); do
            status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
            case "$status" in
                *"install ok installed"*) ;;
                *) case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac ;;
            esac
        done
    done
done
[ -z "$missing" ] && exit 0
echo "必要なパッケージをインストールします:$missing" >&2
if [ "$(id -u)" = 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo -n"
else
    echo "パッケージ$missing が入っていません。管理者 (root) で次を実行してから、もう一度お試しください: apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! $run apt-get install -y --no-install-recommends $missing >/tmp/nanbyo-apt.log 2>&1; then
    $run apt-get update >/tmp/nanbyo-apt-update.log 2>&1 || true
    if ! $run apt-get install -y --no-install-recommends $missing >/tmp/nanbyo-apt.log 2>&1; then
        echo "パッケージのインストールに失敗しました ($missing)。詳細は /tmp/nanbyo-apt.log を見てください。" >&2
        exit 1
    fi
fi
