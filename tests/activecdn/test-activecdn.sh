#!/usr/bin/env bash
# ActiveCDN end to end (issue 15) on real NetServ nodes:
#   publisher (origin + deployment daemon) -- r1 -- r2 -- ua (curl, wrk)
# first request served by the origin and SETUP installs the edge module on r1 and r2
# (PROBE records them); the second is redirected to r2 and served there; 50 concurrent
# cold requests → 1 origin fetch; ranges byte-exact; revalidation with 304; eviction
# under the cache limit; bad requests; a node that stops running the module is dropped
# from the database; REMOVE. (Origin misbehaviour — stalls, resets, a 10 GB length — is
# covered by the module's JUnit tests against a real misbehaving origin; stall and death
# mid-body on the watermark path also by test-watermark.sh on real nodes.)
set -Eeuo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/demo/lib.sh"
. "$top/tests/activecdn/lib.sh"

cdn_init
trap 'printf "    FAILED at line %s: %s (exit %s)\n" "$LINENO" "$BASH_COMMAND" "$?"; KEEP_WORK=1' ERR
cdn_content
step "topology publisher -- r1 -- r2 -- ua, NetServ nodes r1 and r2 (slot building blocks: $SLOT_BLOCKS)"
cdn_nodes
ok "nodes up"

step "publisher: module server and ActiveCDN publisher daemon"
cdn_publisher
ok "origin at $CDN_ORIGIN"

step "first request from a region with no node: origin serves it, SETUP, PROBE"
cdn_deploy
ok "deployed"

step "second request: redirected to the nearest node and served by the edge"
cdn_redirect_and_hit
ok "redirect and hit"

step "coalescing: 50 concurrent cold requests (wrk -c 50) for a 5 MB object"
# the origin's link slowed to 40 Mbit/s for the burst: its one 5 MB fetch lasts about a second, so
# the other 49 requests arrive while it is in flight on a loaded machine too (at full speed the
# fetch could end before wrk had opened its other connections, and nothing would be coalesced)
ns_exec publisher tc qdisc replace dev eth0 root tbf rate 40mbit burst 64kb latency 400ms
ns_exec ua wrk -t 2 -c 50 -d 3s --timeout 20s "http://$CDN_EDGE/burst.bin" >"$WORK/wrk-burst.log" 2>&1; rc=$?
ns_exec publisher tc qdisc del dev eth0 root 2>/dev/null || true
[ $rc = 0 ] || fail "wrk failed: $(cat "$WORK/wrk-burst.log")"
n=$(origin_requests /burst.bin)
[ "$n" = 1 ] || fail "origin served /burst.bin $n times for a burst of 50 concurrent cold requests"
c=$(edge_status coalesced)
[ "${c:-0}" -ge 1 ] || fail "the edge reports no coalesced request: $(container_status r2 | grep $CDN_MODULE)"
ok "origin fetched /burst.bin once; edge: coalesced=$c, $(grep -E 'Requests/sec' "$WORK/wrk-burst.log" | tr -s ' ')"

step "revalidation: a request with Cache-Control: no-cache → conditional request, origin answers 304"
r0=$(origin_requests /100k.bin); b0=$(origin_bytes)
ua_curl -H 'Cache-Control: no-cache' -D "$WORK/h3" -o "$WORK/reval.bin" "http://$CDN_EDGE/100k.bin"
grep -qi '^x-cache: REVALIDATED' "$WORK/h3" && cmp -s "$WORK/reval.bin" "$WORK/content/100k.bin" || fail "no revalidation: $(cat "$WORK/h3")"
[ "$(origin_requests /100k.bin)" = $((r0 + 1)) ] && [ "$(origin_bytes)" = "$b0" ] || fail "revalidation did not end in a 304 without body"
ok "edge: REVALIDATED, origin: one more request and no body bytes (304); edge not-modified=$(edge_status not-modified)"

step "ranges from the store, byte-exact (cmp against the origin's file)"
ua_curl -o "$WORK/whole.bin" "http://$CDN_EDGE/range.bin"
check_range() {  # RANGE SKIP COUNT
  local got=$WORK/part.bin code
  code=$(ua_curl -r "$1" -o "$got" -w '%{http_code}' "http://$CDN_EDGE/$4")
  [ "$code" = 206 ] || fail "range $1 of $4: HTTP $code"
  if [ "$3" = end ]; then dd if="$WORK/content/$4" of="$WORK/want.bin" iflag=skip_bytes skip="$2" status=none
  else dd if="$WORK/content/$4" of="$WORK/want.bin" iflag=skip_bytes,count_bytes skip="$2" count="$3" status=none; fi
  cmp -s "$got" "$WORK/want.bin" || fail "range $1 of $4 differs from the origin's bytes"
}
check_range 1000-1999 1000 1000 range.bin
check_range 3000000- 3000000 end range.bin
check_range -500 $(( (4 << 20) - 500 )) 500 range.bin
code=$(ua_curl -r 99999999- -o /dev/null -w '%{http_code}' "http://$CDN_EDGE/range.bin")
[ "$code" = 416 ] || fail "unsatisfiable range: HTTP $code, expected 416"
[ "$(origin_requests /range.bin)" = 1 ] || fail "ranges of a stored object went to the origin"
check_range 3500000-3600000 3500000 100001 coldrange.bin   # cold: only its block is fetched
b0=$(origin_bytes)
ua_curl -o "$WORK/cold-whole.bin" "http://$CDN_EDGE/coldrange.bin"
cmp -s "$WORK/cold-whole.bin" "$WORK/content/coldrange.bin" || fail "object filled around a stored range differs"
ok "206 byte-exact (middle, open, suffix), 416 beyond the end; a cold range fetched one block, the rest filled on demand ($(( $(origin_bytes) - b0 )) more origin bytes)"

step "eviction under the cache limit (cache_mb=8): four 3 MB objects"
for i in 1 2 3 4; do ua_curl -o "$WORK/e$i.bin" "http://$CDN_EDGE/evict$i.bin"; cmp -s "$WORK/e$i.bin" "$WORK/content/evict$i.bin" || fail "evict$i differs"; done
stored=$(edge_status bytes-stored); ev=$(edge_status evictions)
[ "$stored" -le $((8 << 20)) ] && [ "$ev" -ge 1 ] || fail "bytes-stored=$stored evictions=$ev with an 8 MB limit"
# the sandbox is the slot's disk_mb tmpfs, mounted by the launcher in the node's (the
# controller's) mount namespace: measure it there
disk=""
for p in $(ip netns pids "$(ns_name r2)"); do
  grep -q netserv-controller "/proc/$p/cmdline" 2>/dev/null && { disk=$(nsenter -t "$p" -m du -sb "$WORK/r2/sandbox/0/activecdn" | cut -f1); break; }
done
[ -n "$disk" ] || fail "cannot measure the store on r2's sandbox"
[ "$disk" -le $(( (8 << 20) + (1 << 20) )) ] || fail "the store uses $disk bytes on disk under an 8 MB limit"
ua_curl -D "$WORK/h4" -o /dev/null "http://$CDN_EDGE/evict1.bin"
grep -qi '^x-cache: MISS' "$WORK/h4" || fail "evict1 (least recently used) should have been evicted"
ok "bytes-stored=$stored, evictions=$ev, $disk bytes on disk; the least recently used object was fetched again"

step "the store survives a container restart: kill r2's container, the controller restarts it and reinstalls the module"
cpid=$(cat "$WORK/r2/state/containers/slot-0.pid")
r0=$(origin_requests /evict4.bin)
kill -9 "$cpid"
wait_for 60 "r2's container back" sh -c "[ \"\$(cat $WORK/r2/state/containers/slot-0.pid)\" != $cpid ]" || fail "r2's container was not restarted"
wait_for 90 "edge answering again" ns_exec ua curl -sf -o /dev/null "http://$CDN_EDGE/1k.bin" || fail "the edge did not come back after the restart"
ua_curl -D "$WORK/h5" -o "$WORK/kept.bin" "http://$CDN_EDGE/evict4.bin"
grep -qi '^x-cache: HIT' "$WORK/h5" && cmp -s "$WORK/kept.bin" "$WORK/content/evict4.bin" || fail "after the restart evict4.bin is not a byte-exact hit: $(cat "$WORK/h5")"
[ "$(origin_requests /evict4.bin)" = "$r0" ] || fail "after the restart evict4.bin was fetched from the origin again"
ok "container pid $cpid killed and restarted; evict4.bin still a byte-exact HIT from the sandbox store"

step "bad requests get clear errors; the edge keeps serving"
bad() { ns_exec ua python3 - "$1" <<'PY'
import socket, sys
s = socket.create_connection(("10.40.12.2", 8080), timeout=10)
kind = sys.argv[1]
req = {"garbage": b"GARBAGE\r\n\r\n",
       # over Jetty's 8 KiB field limit, small enough to be sent whole before the server answers and closes
       "flood": b"GET /1k.bin HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-Flood-%d: %s\r\n" % (i, b"a" * 1000) for i in range(12)) + b"\r\n",
       "post": b"POST /1k.bin HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"}[kind]
try:
    s.sendall(req)
except OSError:
    pass  # the server may answer and close before it read everything: its answer is still there to read
try:
    print(s.recv(200).split(b"\r\n")[0].decode())
except OSError as e:
    print("error", e)
PY
}
for k in "garbage 400" "flood 431" "post 405"; do
  got=$(bad ${k%% *}); [[ "$got" == "HTTP/1.1 ${k##* }"* ]] || fail "${k%% *}: got '$got', expected ${k##* }"
done
ua_curl -o "$WORK/after.bin" "http://$CDN_EDGE/100k.bin" && cmp -s "$WORK/after.bin" "$WORK/content/100k.bin" || fail "edge broken after bad input"
ok "400 malformed, 431 header flood, 405 POST; still serving"
info "r2 STATUS: $(container_status r2 | grep $CDN_MODULE)"

step "database stays true: a node that stops running the module is dropped; REMOVE"
ns_exec publisher "$SIGNAL" remove $CDN_MODULE --node-id r1 --dest $UA_IP --key "$WORK/keys/publisher.key" \
  --user publisher --retry-limit 8 --timeout 60 >/dev/null 2>&1 || fail "REMOVE at r1 failed"
expect_no_module r1 $CDN_MODULE
cdn_admin check >/dev/null
[ "$(cdn_nodes_known)" = "r2 " ] || fail "after r1 stopped running the module the database holds: $(cdn_admin nodes)"
cdn_admin remove | sed 's/^/      /'
expect_no_module r2 $CDN_MODULE
[ -z "$(cdn_admin nodes)" ] || fail "database not empty after REMOVE: $(cdn_admin nodes)"
code=$(ua_curl -o /dev/null -w '%{http_code}' "$CDN_ORIGIN/1k.bin")
[ "$code" = 200 ] || fail "with no node left the origin should serve directly, got $code"
ok "r1 dropped after its module went; REMOVE emptied the database; the origin serves the region again"
demo_done
