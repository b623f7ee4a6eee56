#!/usr/bin/env bash
# System packages lepcli's exports and their tests need. Installs them when run as root
# (CI, a fresh Debian machine); otherwise says what is missing and carries on.
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -d /usr/share/fonts/truetype/noto ] && ls /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf >/dev/null 2>&1 || need+=(fonts-noto-core)
ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)  # lep say / lep talk computer voice
command -v oggenc >/dev/null 2>&1 || need+=(vorbis-tools)  # tests: real OGG recordings for lep phrase check / Anki
command -v lame >/dev/null 2>&1 || need+=(lame)  # tests: real MP3 recordings
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "note: missing system packages (PDF/HTML export and their tests need them): ${need[*]}" >&2
  echo "      install with: sudo apt-get install ${need[*]}" >&2
fi

# detect: scripts/build_detect_profiles.py names franc's languages from ISO 639-3 (build time only)
if [ ! -f /usr/share/iso-codes/json/iso_639-3.json ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq --no-install-recommends iso-codes >/dev/null
  else echo "note: rebuilding detect profiles needs iso-codes: sudo apt-get install iso-codes" >&2; fi
fi
