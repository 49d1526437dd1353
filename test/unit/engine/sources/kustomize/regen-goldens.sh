#!/bin/sh
# Regenerates the goldens of the Kustomize builder's tests with `kubectl kustomize` (kustomize v5.5.0).
# For every case folder under cases/, each root listed in its roots.txt is built and written to
# cases/<case>/expected/<root with / replaced by __>.yaml (root.yaml for `.`). Run from anywhere: sh regen-goldens.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v kubectl >/dev/null || { echo "kubectl not found" >&2; exit 1; }
for case in "$here"/cases/*/; do
  [ -f "$case/roots.txt" ] || continue
  mkdir -p "$case/expected"
  while IFS= read -r root || [ -n "$root" ]; do
    [ -n "$root" ] || continue
    name=$(printf '%s' "$root" | sed 's#/#__#g')
    [ "$root" = "." ] && name=root
    out="$case/expected/$name.yaml"
    if kubectl kustomize "$case/$root" > "$out.tmp" 2>/dev/null; then
      mv "$out.tmp" "$out"
    else
      rm -f "$out.tmp" "$out"
      echo "kubectl kustomize failed for $case$root" >&2
    fi
  done < "$case/roots.txt"
done
