#!/usr/bin/env bash
# Print the Python to build .venv with: 3.11 or newer, with venv, and whose sqlite3 can load
# extensions (SpatiaLite). pyenv builds often lack that; Debian's /usr/bin/python3 has it.
# If no candidate can load extensions, print the best Python anyway and say so on stderr:
# the Makefile then installs pysqlite3-binary, which brings its own loadable sqlite3.
set -uo pipefail

candidates=(${CAMWALK_PYTHON:-} /usr/bin/python3 python3 python3.13 python3.12 python3.11)
fallback=""
for candidate in "${candidates[@]}"; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || continue
  "$candidate" -c 'import venv, ensurepip' 2>/dev/null || continue
  if "$candidate" -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension(True)' 2>/dev/null; then
    command -v "$candidate"
    exit 0
  fi
  [ -n "$fallback" ] || fallback=$(command -v "$candidate")
done
if [ -n "$fallback" ]; then
  echo "note: no Python here can load SQLite extensions; using $fallback with pysqlite3-binary" >&2
  echo "$fallback"
  exit 0
fi
echo "No usable Python 3.11+ with venv found. On Debian: apt-get install python3 python3-venv" >&2
exit 1
