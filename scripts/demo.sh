#!/usr/bin/env bash
# The main job on the shipped defaults, as an officer or dispatcher would run it.
set -euo pipefail
export LEP_HOME="${LEP_HOME:-$(mktemp -d)}"
lep=".venv/bin/lep"
run() { printf '\n$ lep %s\n' "$*"; "$lep" "$@"; }
run lang farsi
run lang Chinese
run detect "toi khong biet con toi o dau"
run detect "kuv tsis paub" --json
run translate "r u hurt" --to vietnamese
run translate "¿Está herido?" --to en
run translate "mind if I take a look in your trunk" --to es || true   # legal: refused (exit 7), the line to call
run translate "license please" --to es
run dispatch "plz help my wife no habla ingles she is hurt"
run phrase search "need ambulance" --lang so --limit 3
run lines mam --at "2026-11-24 03:00" --limit 2
run ispeak --languages es,so,hmn,mam,ar,vi,ps,km
run export phrasebook --lang es,vi,ar --layout card -o "$LEP_HOME/pocket-card.pdf" --force
run export ispeak --paper letter -o "$LEP_HOME/ispeak.pdf" --force
run export app --lang es,vi,ar -o "$LEP_HOME/field.html" --force
run phrase coverage
run models list   # none ship; `lep models install FILE.argosmodel` adds offline machine translation
run doctor
printf '\n# the encounter screen: lep talk   (opens the local page in your browser; Ctrl-C stops it)\n'
"$lep" talk --help | head -3
