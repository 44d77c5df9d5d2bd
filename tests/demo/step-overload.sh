# step-overload.sh — the Overload Control step of the demo (paper §4.4), sourced by
# run-demo.sh after its other steps (topology publisher -- r1 -- r2 -- ua, nodes up):
# a short SIPp burst past the Kamailio RE's threshold -> the RE signals SETUP -> the
# Sending Entity runs on r2 and r1 -> 503s from r2 (the node nearest the UA, marked) ->
# the load ends -> the RE signals REMOVE.  Standalone: tests/overload/test-overload.sh.
OVL_UA_NS=ua
. "$top/tests/overload/lib.sh"

overload_step() {
  step "Overload Control: a SIPp burst at 5x the RE's capacity -> SETUP -> 503s from r2 -> REMOVE"
  [ -e "$OVL_JAR" ] && [ -e "$OVL_TRIGGER_JAR" ] || fail "$OVL_JAR or $OVL_TRIGGER_JAR missing: run 'make build'"
  cp "$OVL_JAR" "$WORK/www/overload.jar"
  ns_addr publisher eth0 $RE_IP/24
  ovl_start_re loss
  ovl_start_trigger loss
  info "Kamailio RE on $RE_IP:5060, capacity $OVL_CAPACITY calls/s, threshold $OVL_THRESHOLD calls/s"
  ovl_sipp_bg $((OVL_CAPACITY * 5)) 20 demo
  wait_for 60 "Sending Entity on r2" module_running r2 $OVL_MODULE \
    || fail "r2 never ran $OVL_MODULE: $(tail -5 "$WORK/publisher/overload-trigger.log")"
  info "the RE crossed its threshold and signaled SETUP: $OVL_MODULE runs on r2$(module_running r1 $OVL_MODULE && echo ' and r1')"
  sleep 4
  ovl_window 5 demo
  info "in 5 s: $EDGE_503 503s from r2 (marked NetServ-OverloadControl, sent with the server's address), $SERVER_503 from the server; server goodput $GOODPUT calls/s"
  [ "$EDGE_503" -gt 0 ] && [ "$MARKED_503" = "$EDGE_503" ] || fail "no marked 503s from r2"
  info "r2 STATUS: $(ovl_status r2 | grep -o 'admitted=.*')"
  ovl_sipp_wait
  wait_for 60 "REMOVE after the burst" not module_running r2 $OVL_MODULE || fail "r2 still runs $OVL_MODULE"
  ok "503s generated at r2 during the burst; REMOVE once the load stayed low (toward $UA_IP)"
}
