#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): the scalelint npm package, globally, from the registry or a tarball.
set -euo pipefail
pkg="${SCALELINT_PACKAGE:-latest}"
case "$pkg" in
  */* | *.tgz) spec="$pkg" ;;   # a tarball (npm run package:cli) or a path
  *) spec="scalelint@$pkg" ;;  # a version or range from the registry
esac
npm install --global --no-audit --no-fund "$spec"
scalelint --version
