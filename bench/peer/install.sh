#!/usr/bin/env bash
# The peer's own virtual environment (bench/.venv-grapple, ignored by git): the project's locked
# dependencies without Strawberry and the graphql-core it needs (3.3), plus wagtail-grapple, whose
# graphene-django needs graphql-core below 3.3. The two cannot share one environment (DESIGN.md).
# Reinstalls only when the lock or this script changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=bench/.venv-grapple
GRAPPLE_VERSION=${BENCH_GRAPPLE_VERSION:-0.31.0}
STAMP="$VENV/.installed-$GRAPPLE_VERSION-$(cat requirements.lock bench/peer/install.sh | sha256sum | cut -c1-12)"
[ -e "$STAMP" ] && exit 0
test -x "$VENV/bin/python" || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
grep -vE '^(strawberry-graphql|strawberry-graphql-django|cross-web|graphql-core)==' requirements.lock \
    > "$VENV/requirements.txt"
"$VENV/bin/python" -m pip install --quiet -r "$VENV/requirements.txt" "wagtail-grapple==$GRAPPLE_VERSION"
rm -f "$VENV"/.installed-*
touch "$STAMP"
