# tests/activecdn/lib.sh — the ActiveCDN topology for the test, the long cases, the
# benchmark and the demo step (sourced after tests/demo/lib.sh):
#
#   publisher (module server :8000, ActiveCDN publisher/origin :8001) -- r1 -- r2 -- ua (curl, wrk)
#   GeoIP (generated): 10.40.1.0/24 New York (publisher, r1), 10.40.12.0/24 and 10.40.2.0/24 Boston (r2, users)
CDN_MODULE=NetServ.apps.ActiveCDN_1.0.0
CDN_JAR=$top/apps/activecdn/target/netserv-app-activecdn-0.1.0-SNAPSHOT.jar
CDN_PUBLISHER=$top/apps/activecdn/publisher/target/netserv-activecdn-publisher.jar
CDN_ORIGIN=http://$PUB_IP:8001
CDN_EDGE=10.40.12.2:8080         # r2's node address, the module's port
CDN_ADMIN=127.0.0.1:8471         # the publisher daemon's admin listener (in the publisher namespace)
SLOT_BLOCKS="packet-dispatcher http"
NSISD_CONTROLLER_TIMEOUT_MS=20000   # a loaded machine installs the module slowly

cdn_require() {
  ns_require_root
  for f in "$BIN/netserv-click" "$BIN/netserv-container" "$SIGNAL" "$NSISD" "$CONTROLLER" "$CDN_JAR" "$CDN_PUBLISHER" \
           "$top/build/container/bundles/http"; do
    [ -e "$f" ] || fail "$f is missing: run 'make build'"
  done
  for c in curl wrk perl python3 openssl cmp; do command -v $c >/dev/null || fail "$c is not installed: run 'make deps'"; done
  perl -MMaxMind::DB::Writer::Tree -e1 2>/dev/null || fail "libmaxmind-db-writer-perl is not installed: run 'make deps'"
}

# cdn_init — work dir, keys, content, GeoIP database (for a standalone run; the demo has its own init)
cdn_init() {
  cdn_require
  ns_sweep
  WORK=$(mktemp -d /tmp/netserv-cdn.XXXXXX); KEEP_WORK=0
  chmod 755 "$WORK"
  trap cdn_cleanup EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$WORK/www" "$WORK/keys"
  openssl genpkey -algorithm ed25519 -out "$WORK/keys/publisher.key" 2>/dev/null
  openssl pkey -in "$WORK/keys/publisher.key" -pubout -out "$WORK/keys/publisher.pub" 2>/dev/null
}

# cdn_content — the module jar for the module server, the objects the origin serves
cdn_content() {
  cp "$CDN_JAR" "$WORK/www/activecdn.jar"
  mkdir -p "$WORK/content"
  head -c 1024 /dev/urandom > "$WORK/content/1k.bin"
  head -c 102400 /dev/urandom > "$WORK/content/100k.bin"
  for i in 1 2 3 4; do head -c $((3 << 20)) /dev/urandom > "$WORK/content/evict$i.bin"; done
  head -c $((5 << 20)) /dev/urandom > "$WORK/content/burst.bin"
  head -c $((4 << 20)) /dev/urandom > "$WORK/content/range.bin"
  head -c $((4 << 20)) /dev/urandom > "$WORK/content/coldrange.bin"
  printf '10.40.1.0/24 NewYork US 40.71 -74.00\n10.40.12.0/24 Boston US 42.35 -71.05\n10.40.2.0/24 Boston US 42.36 -71.06\n' \
    | perl "$top/apps/activecdn/publisher/make-geoip.pl" "$WORK/geoip.mmdb" 2>/dev/null || fail "cannot write the test GeoIP database"
}

# Two nodes on one machine both run slot 0, and the launcher puts a slot's container in
# netserv-slot0 under its own cgroup in every hierarchy it uses: each node's processes get
# their own cgroups (as on separate machines), or the second node's slot is "already running".
CDN_CGROUPS=() CDN_CG_HOMES=()
cdn_cgroup_dirs() {  # prints "MOUNTPOINT+PATH" of this shell's cgroup in each mounted hierarchy
  local id ctrl path mnt
  while IFS=: read -r id ctrl path; do
    if [ -z "$ctrl" ]; then
      mnt=$(awk '{ for (i = 7; $i != "-"; i++); if ($(i+1) == "cgroup2") { print $5; exit } }' /proc/self/mountinfo)
    else
      mnt=$(awk -v c="${ctrl%%,*}" '{ for (i = 7; $i != "-"; i++); if ($(i+1) != "cgroup") next
            n = split($(i+3), o, ","); for (j = 1; j <= n; j++) if (o[j] == c) { print $5; exit } }' /proc/self/mountinfo)
    fi
    [ -n "$mnt" ] && [ -d "$mnt$path" ] && echo "$mnt${path%/}"
  done < /proc/self/cgroup
}
cdn_cgroup_enter() {
  local home
  [ ${#CDN_CG_HOMES[@]} -gt 0 ] || mapfile -t CDN_CG_HOMES < <(cdn_cgroup_dirs)
  for home in "${CDN_CG_HOMES[@]}"; do
    mkdir -p "$home/nsv-cdn-$$-$1" 2>/dev/null || continue
    CDN_CGROUPS+=("$home/nsv-cdn-$$-$1")
    echo $BASHPID > "$home/nsv-cdn-$$-$1/cgroup.procs" 2>/dev/null || true  # (cpuset would need cpus first: skipped)
  done
}
cdn_cgroup_leave() {
  local home; for home in "${CDN_CG_HOMES[@]}"; do echo $BASHPID > "$home/cgroup.procs" 2>/dev/null || true; done
}
cdn_cleanup() {
  local rc=$?
  (exit $rc) || demo_cleanup || true   # demo_cleanup reads the exit status from $?
  [ $rc -ne 0 ] || { true; demo_cleanup; } || true
  cdn_cgroup_leave
  local d i; for d in "${CDN_CGROUPS[@]}"; do  # the nodes' processes may take a moment to go
    for i in 1 2 3 4 5 6 7 8 9 10; do rmdir "$d/netserv-slot0" 2>/dev/null || true; rmdir "$d" 2>/dev/null && break; sleep 0.5; done
  done
  return $rc
}

# the hosts' TCP must not hand the routers 64 KB TSO/GSO frames: netserv-click forwards
# frames as they come (as tests/router does)
cdn_no_tso() { local h; for h in publisher ua; do ns_exec $h ethtool -K eth0 tso off gso off >/dev/null 2>&1 || true; done; }

cdn_nodes() {
  topology
  cdn_no_tso
  start_node r1 10.40.1.254/24 10.40.12.1/24 "10.40.2.0/24 10.40.12.2 2"
  start_node r2 10.40.12.2/24 10.40.2.254/24 "10.40.1.0/24 10.40.12.1 1"
  cdn_cgroup_enter r1; wait_node r1
  cdn_cgroup_enter r2; wait_node r2
  cdn_cgroup_leave
}

# cdn_publisher [MORE_PROPERTIES] — the module server and the ActiveCDN publisher daemon
cdn_publisher() {
  local d=$WORK/publisher pid props="cache_mb=${CDN_CACHE_MB:-8},block_kb=256${1:+,$1}"; mkdir -p "$d"
  if ! ns_exec publisher curl -sf -o /dev/null "http://$PUB_IP:8000/activecdn.jar" 2>/dev/null; then
    ns_bg publisher pid python3 -m http.server 8000 --bind $PUB_IP --directory "$WORK/www" >"$d/http.log" 2>&1
    wait_for 20 "module server" ns_exec publisher curl -sf -o /dev/null http://$PUB_IP:8000/activecdn.jar || fail "module server did not start"
  fi
  ns_bg publisher CDN_PUB_PID java -jar "$CDN_PUBLISHER" --bind $PUB_IP --port 8001 --admin $CDN_ADMIN \
    --content "$WORK/content" --max-age 600 --geoip "$WORK/geoip.mmdb" --state "$d/state" --radius-km 100 \
    --key "$WORK/keys/publisher.key" --user publisher --module-url "http://$PUB_IP:8000/activecdn.jar" \
    --module-digest "$(digest activecdn.jar)" --ttl "$TTL" --properties "$props" --probe-interval 0 \
    --retry-limit 8 --signal-timeout 90 >"$d/activecdn.log" 2>&1
  wait_for 30 "ActiveCDN publisher" grep -q listening "$d/activecdn.log" || fail "publisher did not start: $(tail -5 "$d/activecdn.log")"
}

cdn_admin() { ns_exec publisher curl -sf "http://$CDN_ADMIN/$1"; }
# origin_requests PATH — how many requests the origin itself served for PATH
origin_requests() { cdn_admin stats | awk -v p="$1" '$1 == "requests" && $2 == p { n = $3 } END { print n + 0 }'; }
origin_bytes() { cdn_admin stats | awk '$1 == "origin-bytes" { print $2 }'; }
cdn_nodes_known() { cdn_admin nodes | awk '{print $1}' | sort | tr '\n' ' '; }
# edge_status FIELD — a counter of the ActiveCDN module at r2 (container STATUS)
edge_status() {
  container_status r2 | grep "$CDN_MODULE" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'
}
# ua_curl ARGS... — curl from the users' namespace
ua_curl() { ns_exec ua curl -s --max-time 60 "$@"; }

# cdn_deploy — a first request from the users' region: served by the origin, SETUP toward it, PROBE
cdn_deploy() {
  local out
  out=$(ua_curl -o "$WORK/first.bin" -w '%{http_code} %{redirect_url}' "$CDN_ORIGIN/100k.bin") || fail "first request failed"
  [ "${out%% *}" = 200 ] || fail "first request from a region without a node: expected 200 from the origin, got $out"
  cmp -s "$WORK/first.bin" "$WORK/content/100k.bin" || fail "first response differs from the origin's file"
  info "first request from 10.40.2.1 (Boston): 200 from the origin"
  wait_for 180 "deployment recorded" sh -c "[ \"\$(ip netns exec $(ns_name publisher) curl -sf http://$CDN_ADMIN/nodes | wc -l)\" -ge 2 ]" \
    || fail "the publisher did not record the nodes: $(cdn_admin nodes); log: $(tail -5 "$WORK/publisher/activecdn.log")"
  expect_module r1 $CDN_MODULE
  expect_module r2 $CDN_MODULE
  info "SETUP installed $CDN_MODULE on r1 and r2; PROBE recorded: $(cdn_admin nodes | tr '\n' ';')"
}

# cdn_redirect_and_hit — the second request is redirected to r2 and served there (miss, then hit)
cdn_redirect_and_hit() {
  local out
  out=$(ua_curl -o /dev/null -w '%{http_code} %{redirect_url}' "$CDN_ORIGIN/100k.bin")
  [ "$out" = "302 http://$CDN_EDGE/100k.bin" ] || fail "second request: expected 302 to http://$CDN_EDGE/100k.bin, got '$out'"
  info "second request: 302 to http://$CDN_EDGE/100k.bin (r2, the nearest node)"
  out=$(ua_curl -L -D "$WORK/h1" -o "$WORK/edge1.bin" -w '%{http_code} %{url_effective}' "$CDN_ORIGIN/100k.bin")
  [ "${out%% *}" = 200 ] && cmp -s "$WORK/edge1.bin" "$WORK/content/100k.bin" || fail "redirected request: $out"
  grep -qi '^x-cache: MISS' "$WORK/h1" || fail "first edge response should be a MISS: $(cat "$WORK/h1")"
  ua_curl -D "$WORK/h2" -o "$WORK/edge2.bin" "http://$CDN_EDGE/100k.bin"
  grep -qi '^x-cache: HIT' "$WORK/h2" && cmp -s "$WORK/edge2.bin" "$WORK/content/100k.bin" \
    || fail "second edge response should be a byte-exact HIT: $(cat "$WORK/h2")"
  [ "$(origin_requests /100k.bin)" = 2 ] || fail "origin served /100k.bin $(origin_requests /100k.bin) times, expected 2 (first user, one edge fetch)"
  info "edge: MISS then HIT, byte-exact; origin served /100k.bin twice (the first user and r2's one fetch)"
}
