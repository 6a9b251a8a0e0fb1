#!/usr/bin/env bash
# The long fuzzing pass (make fuzz) on SpatiaLite and on a throwaway PostGIS cluster, which
# this script starts on loopback and always stops again.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PG_DIR=var/fuzz-postgis
trap 'scripts/test-postgis.sh stop "$PG_DIR"' EXIT
url=$(scripts/test-postgis.sh start "$PG_DIR")

CAMWALK_TEST_POSTGRES_URL=$url CAMWALK_REQUIRE_POSTGIS=1 \
  CAMWALK_FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-80} CAMWALK_FUZZ_MIN_REQUESTS=${FUZZ_MIN_REQUESTS:-5000} \
  "$VENV/bin/pytest" tests/hardening/test_fuzz.py -p no:xdist -s -q "$@"
