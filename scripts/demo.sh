#!/usr/bin/env bash
# The main job on the shipped defaults, as an officer or dispatcher would run it.
set -euo pipefail
export LEP_HOME="${LEP_HOME:-$(mktemp -d)}"
lep=".venv/bin/lep"
run() { printf '\n$ lep %s\n' "$*"; "$lep" "$@"; }
run lang farsi
run lang Chinese
run doctor
