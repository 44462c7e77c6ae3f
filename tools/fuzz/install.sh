#!/usr/bin/env bash
# Installs schemathesis (pinned with hashes in requirements.txt) into tools/fuzz/.venv for the
# fuzzing tier. Idempotent: does nothing when the venv already holds exactly these requirements
# (a stamp of requirements.txt's hash); rebuilds the venv when they changed.
# Needs Python 3.9+ with the venv module (Debian: python3-venv; .ci/run installs it when missing).
#
# To change the pin: edit requirements.in, then regenerate requirements.txt with pip-tools:
#   python3 -m venv /tmp/pt && /tmp/pt/bin/pip install pip-tools
#   /tmp/pt/bin/pip-compile --generate-hashes --strip-extras --no-header \
#     -o tools/fuzz/requirements.txt tools/fuzz/requirements.in
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
requirements="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "fuzz: $python not found: the fuzzing tier needs Python 3.9+ (with venv)" >&2
  exit 1
fi

if [[ -x "$venv/bin/schemathesis" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "fuzz: schemathesis already installed in $venv ($("$venv/bin/schemathesis" --version))"
  exit 0
fi

rm -rf "$venv"
"$python" -m venv "$venv"
# --require-hashes: every distribution, direct or not, must match a hash in requirements.txt.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --require-hashes -r "$requirements"
"$venv/bin/schemathesis" --version
echo "$want" >"$stamp"
echo "fuzz: installed into $venv"
