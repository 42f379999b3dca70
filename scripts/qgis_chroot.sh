#!/usr/bin/env bash
# Run the tests on another QGIS, from Debian's own packages, in a chroot per release.
#
#   scripts/qgis_chroot.sh test trixie            QGIS 3.40 LTR (Debian 13): make test
#   scripts/qgis_chroot.sh test sid tests/qgis    QGIS 3.44 (Debian unstable): those tests
#   scripts/qgis_chroot.sh run trixie 'CMD'       any command in the copy of the tree
#   scripts/qgis_chroot.sh build sid              only build (or reuse) the chroot
#
# The chroot is built once with mmdebstrap (about 3-8 minutes and 2.5 GB each) into
# $BACKFLOW_CHROOTS/<suite> (default /var/cache/backflow-qgis, outside the clone) and
# reused while its stamp file says it is complete and made from the same package list.
# Every run copies the current working tree in (tracked and new files, not .venv/out/
# dist), beside ../shared, and runs the project's own `make deps` there: QGIS and the
# rest come from that release by DEBIAN_PKGS, so `make deps` is tested on it too.
# Needs root (chroot, mounts) and mmdebstrap (installed when missing).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${BACKFLOW_CHROOTS:-/var/cache/backflow-qgis}
# What the chroot starts with; `make deps` inside adds QGIS and the rest (DEBIAN_PKGS).
BASE_PKGS="make,git,ca-certificates,python3,python3-venv,python3-pip,procps,unzip"
STAMP_NAME=.backflow-chroot
# Tests import ../shared (a data file beside the clone) when it is there.
SHARED=${BACKFLOW_SHARED:-$ROOT/../shared}
# where the tree goes inside (another name lets two runs share one chroot)
DEST=${BACKFLOW_CHROOT_DEST:-/root/backflow}

usage() { sed -n '2,16p' "$0"; exit 2; }

mirror() {  # the Debian mirror this machine's apt uses (deb.debian.org otherwise)
  local url
  url=$({ awk '/^URIs:/{print $2}' /etc/apt/sources.list.d/*.sources 2>/dev/null
          awk '$1=="deb"{print $2}' /etc/apt/sources.list 2>/dev/null; } \
        | grep -v security | grep -m1 '/debian' || true)
  echo "${url:-http://deb.debian.org/debian}"
}

stamp_text() { printf 'suite=%s\npackages=%s\n' "$1" "$BASE_PKGS"; }

mount_all() {
  local T=$1 d
  for d in proc sys dev dev/pts dev/shm; do mkdir -p "$T/$d"; done
  mountpoint -q "$T/proc" || mount -t proc proc "$T/proc"
  mountpoint -q "$T/sys" || mount --rbind /sys "$T/sys"
  mountpoint -q "$T/dev" || mount --bind /dev "$T/dev"
  mountpoint -q "$T/dev/pts" || mount --bind /dev/pts "$T/dev/pts"
  mountpoint -q "$T/dev/shm" || mount -t tmpfs shm "$T/dev/shm"
  cp /etc/resolv.conf "$T/etc/resolv.conf"
}

in_use() {  # another process still runs inside $1 (a second run sharing the chroot)
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$1" ] && [ "${p#/proc/}" != "$$" ] && return 0
  done
  return 1
}

umount_all() {
  local T=$1 d
  if in_use "$T"; then return 0; fi  # the last run out unmounts
  for d in dev/shm dev/pts dev sys proc; do
    if mountpoint -q "$T/$d"; then umount -R "$T/$d" || umount -lR "$T/$d"; fi
  done
}

build() {  # build $CACHE/$suite unless a complete one from the same package list is there
  local suite=$1 T=$CACHE/$1
  if [ -f "$T/$STAMP_NAME" ] && [ "$(cat "$T/$STAMP_NAME")" = "$(stamp_text "$suite")" ]; then
    return 0
  fi
  command -v mmdebstrap >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null
  }
  if [ -e "$T" ]; then  # an interrupted or older build: start again
    umount_all "$T"
    if grep -q " $T/" /proc/mounts; then echo "$T still has mounts; not removing it" >&2; exit 1; fi
    rm -rf --one-file-system "$T"
  fi
  mkdir -p "$CACHE"
  echo "Building the $suite chroot in $T (a few minutes, once)..."
  # sid's Release file may be past its Valid-Until date: no date checks.
  nice -n 10 mmdebstrap --quiet --variant=apt --components=main --include="$BASE_PKGS" \
    --aptopt='Acquire::Languages "none"' --aptopt='Acquire::Check-Valid-Until "false"' \
    --aptopt='Acquire::Check-Date "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    "$suite" "$T" "$(mirror)"
  # a proxy's own CA certificates (if the host has any), so apt and pip work the same inside
  if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    cp /usr/local/share/ca-certificates/*.crt "$T/usr/local/share/ca-certificates/"
    chroot "$T" update-ca-certificates >/dev/null
  fi
  stamp_text "$suite" >"$T/$STAMP_NAME"
}

copy_tree() {  # the working tree as it is now (new files too), keeping the chroot's .venv
  local T=$1 dest=$1$DEST
  mkdir -p "$dest"
  find "$dest" -mindepth 1 -maxdepth 1 ! -name .venv -exec rm -rf {} +
  # (a tracked file deleted in the working tree is left out: --ignore-failed-read)
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
     | grep -zv -e '^\.venv' -e '^out/' -e '^dist/' \
     | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$dest"
  rm -rf "$T/root/shared"
  if [ -d "$SHARED" ]; then cp -a "$SHARED/." "$T/root/shared"; fi
}

VERSIONS="/usr/bin/python3 -c 'import sys, osgeo.gdal as g, qgis.core as q; \
print(\"QGIS\", q.Qgis.QGIS_VERSION, \"GDAL\", g.__version__, \"Python\", sys.version.split()[0])'"

in_chroot() {  # run a command in /root/backflow inside the chroot, a clean environment
  local T=$1; shift
  mount_all "$T"
  trap "umount_all '$T'" EXIT
  chroot "$T" env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb PIP_CERT=/etc/ssl/certs/ca-certificates.crt QT_QPA_PLATFORM=offscreen \
    PIP_DISABLE_PIP_VERSION_CHECK=1 bash -c "cd $DEST && $*"
}

[ "$(id -u)" = 0 ] || { echo "scripts/qgis_chroot.sh needs root (chroot and mounts)" >&2; exit 1; }
cmd=${1:-}; suite=${2:-}
[ -n "$cmd" ] && [ -n "$suite" ] || usage
shift 2
case "$cmd" in
  build) build "$suite" ;;
  test)
    build "$suite"
    copy_tree "$CACHE/$suite"
    # `make deps` installs QGIS from the release (first run only), then the tests run
    in_chroot "$CACHE/$suite" "make --no-print-directory deps && $VERSIONS && make --no-print-directory test TESTS='$*'" ;;
  run)
    build "$suite"
    copy_tree "$CACHE/$suite"
    in_chroot "$CACHE/$suite" "$*" ;;
  *) usage ;;
esac
