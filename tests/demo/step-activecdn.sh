# step-activecdn.sh — the ActiveCDN step of `make demo` (paper §4.1, Figure 7), sourced by
# run-demo.sh before the nodes start (their slots get the http building block):
# a user from a region with no ActiveCDN node asks the publisher for content; the
# publisher serves it and signals SETUP toward the user; PROBE finds the edge module on r1
# and r2; the next request is redirected to r2, the nearest node, which fetches it once
# and then answers from its cache.
. "$top/tests/activecdn/lib.sh"

activecdn_step() {
  step "ActiveCDN: a request from a new region → SETUP → redirect to the nearest node → hit at the edge"
  for f in "$CDN_JAR" "$CDN_PUBLISHER"; do [ -e "$f" ] || fail "$f is missing: run 'make build'"; done
  perl -MMaxMind::DB::Writer::Tree -e1 2>/dev/null || fail "libmaxmind-db-writer-perl is not installed: run 'make deps'"
  cdn_no_tso
  cdn_content
  cdn_publisher
  cdn_deploy
  cdn_redirect_and_hit
  info "r2 ActiveCDN STATUS: $(container_status r2 | grep "$CDN_MODULE" | sed 's/.*ACTIVE//')"
  ok "ActiveCDN deployed by a user's request, the user redirected to r2 and served from its cache"
}
