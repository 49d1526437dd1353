#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml): a SARIF report for code scanning, annotations on the diff, a job
# summary, and the outputs exit-code and sarif-file. Inputs come as INPUT_* environment variables (never
# spliced into the script). Exit 0 unless ScaleLint could not lint (exit 2): the action's last step fails the
# job on findings, after the SARIF upload.
set -uo pipefail
read -ra paths <<< "$(printf '%s' "${INPUT_PATHS:-.}" | tr '\n' ' ')"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
args=()
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_MAX_WARNINGS:-}" ] && args+=(--max-warnings "$INPUT_MAX_WARNINGS")
sarif="${INPUT_SARIF_FILE:-scalelint.sarif}"
out="${GITHUB_OUTPUT:-/dev/null}"

scalelint "${args[@]}" --format sarif --output-file "$sarif" -- "${paths[@]}"
code=$?
echo "exit-code=$code" >> "$out"
if [ "$code" -ge 2 ]; then
  echo "::error title=scalelint::ScaleLint could not lint (exit code $code): see the message above."
  exit "$code"
fi
echo "sarif-file=$sarif" >> "$out"
if [ "${INPUT_ANNOTATE:-true}" = true ]; then
  scalelint "${args[@]}" --format github -- "${paths[@]}" || true
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const n = { error: 0, warning: 0, note: 0 };
    for (const r of log.runs[0].results) n[r.level]++;
    const total = n.error + n.warning + n.note;
    console.log(`### ScaleLint\n\n${total ? `${total} finding${total === 1 ? "" : "s"}: ${n.error} errors, ${n.warning} warnings, ${n.note} infos.` : "No findings."}`);
  ' "$sarif" >> "$GITHUB_STEP_SUMMARY"
fi
exit 0
