#!/usr/bin/env bash
# Installs the Debian packages given as arguments (and Python's jsonschema module, used by the
# configuration schema test) when they are missing. As root it installs them; otherwise it prints
# the exact command to run and fails.
set -euo pipefail

missing=()
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
need_jsonschema=0
python3 -c 'import jsonschema' 2>/dev/null || need_jsonschema=1

if ((${#missing[@]} == 0)) && ((need_jsonschema == 0)); then
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "m365sync needs packages that are not installed. Run as root:" >&2
    ((${#missing[@]})) && echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    ((need_jsonschema)) && echo "  python3 -m pip install jsonschema" >&2
    exit 1
fi

if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ((need_jsonschema)); then
    python3 -m pip install --quiet jsonschema || {
        apt-get install -y -qq --no-install-recommends python3-jsonschema
    }
fi
