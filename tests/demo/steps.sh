# steps.sh — how the demo (tests/demo/lib.sh) and the image test
# (image-builder/image-test.sh) print their steps and wait: one copy for both.
# fail keeps $WORK (sets KEEP_WORK=1) and exits; the caller's trap cleans up.
step() { STEP=$((STEP + 1)); printf '\n[%d] %s\n' "$STEP" "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
fail() {
  printf '    FAILED: %s\n' "$*"
  [ -n "${WORK:-}" ] && printf '    logs: %s (kept)\n' "$WORK" && KEEP_WORK=1
  exit 1
}

# wait_for SECONDS WHAT CMD... — polls CMD every 0.2 s
wait_for() {
  local secs=$1 what=$2; shift 2
  local end=$(( $(date +%s) + secs ))
  while [ "$(date +%s)" -lt $end ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  info "gave up waiting for: $what"
  return 1
}
