#!/usr/bin/env bash
# ActiveCDN benchmark (issue 15), side by side in one run on one topology:
#   publisher (origin) -- r1 -- r2 -- ua (wrk, curl)
# our edge module in r2's container (port 8080) vs nginx proxy_cache (+ proxy_cache_lock) in
# r2's namespace (port 8090), both caching the same origin:
#   hit throughput (wrk: requests/s and MB/s) for 1 KB, 100 KB, 10 MB objects;
#   miss time to first byte (curl, a fresh object each); origin bytes for a coalesced
#   burst (wrk -c 50 on a cold 5 MB object). Ratios are ours / nginx.
# Also the long case of the test: a cold 50 MB object's first byte reaches the client
# before the origin finished sending it (cache while serving).
# The machine is shared and noisy: read the ratios, not the absolute numbers.
set -Eeuo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/demo/lib.sh"
. "$top/tests/activecdn/lib.sh"
command -v nginx >/dev/null || fail "nginx is not installed: run 'make deps'"
DUR=${BENCH_SECONDS:-5}
CDN_CACHE_MB=256
cdn_init
cdn_content
head -c $((10 << 20)) /dev/urandom > "$WORK/content/10m.bin"
head -c $((50 << 20)) /dev/urandom > "$WORK/content/50m.bin"
for i in $(seq 1 8); do head -c 1024 /dev/urandom > "$WORK/content/miss$i.bin"; done
cp "$WORK/content/burst.bin" "$WORK/content/burst2.bin"
step "topology and nodes"
cdn_nodes
cdn_publisher
cdn_deploy
NGX=$WORK/nginx; mkdir -p "$NGX/cache"
cat > "$NGX/nginx.conf" <<CONF
daemon off;
worker_processes 2;
error_log $NGX/error.log;
pid $NGX/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  proxy_cache_path $NGX/cache levels=1:2 keys_zone=cdn:16m max_size=256m inactive=1h use_temp_path=off;
  server {
    listen 10.40.12.2:8090;
    location / {
      proxy_pass $CDN_ORIGIN;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Via "1.1 netserv-activecdn";
      proxy_cache cdn;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 60s;
      add_header X-Cache \$upstream_cache_status;
    }
  }
}
CONF
ns_bg r2 NGX_PID nginx -c "$NGX/nginx.conf" >"$NGX/stdout.log" 2>&1
wait_for 20 nginx ns_exec ua curl -sf -o /dev/null http://10.40.12.2:8090/1k.bin || fail "nginx did not start: $(cat "$NGX/error.log")"
ok "edge: http://$CDN_EDGE  nginx: http://10.40.12.2:8090"

step "cache while serving: first byte of a cold 50 MB object before the origin finished sending it"
ns_bg ua CURL_PID curl -s --max-time 600 -o "$WORK/50m.out" "http://$CDN_EDGE/50m.bin"
seen=""
for _ in $(seq 1 3000); do
  got=$(stat -c %s "$WORK/50m.out" 2>/dev/null || echo 0)
  if [ "$got" -gt 0 ]; then seen="client has $got bytes while the edge has $(edge_status bytes-from-origin) bytes from the origin"; from=$(edge_status bytes-from-origin); break; fi
  sleep 0.1
done
[ -n "$seen" ] || fail "no byte of the 50 MB object reached the client"
wait "$CURL_PID" || fail "the 50 MB download failed"
cmp -s "$WORK/50m.out" "$WORK/content/50m.bin" || fail "50 MB object differs"
[ "$from" -lt $((50 << 20)) ] || fail "the client's first byte came only after the whole object ($seen)"
ok "$seen (of $((50 << 20)))"

# wrk_rate URL — "requests/s MB/s" of a warm object
wrk_rate() {
  ns_exec ua wrk -t 2 -c 16 -d "${DUR}s" --timeout 30s "$1" 2>&1 | awk '
    /Requests\/sec/ { r = $2 } /Transfer\/sec/ { v = $2; if (v ~ /GB/) v *= 1024; else if (v ~ /KB/) v /= 1024; else sub(/MB/, "", v); m = v + 0 }
    END { printf "%.1f %.2f\n", r, m }'
}
ttfb() { ua_curl -o /dev/null -w '%{time_starttransfer}' "$1"; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print('%.2f' % (a / b) if b else 'n/a')" "$1" "$2"; }

step "hit throughput (wrk -t2 -c16, ${DUR}s each, warm objects)"
printf '    %-8s %22s %22s %14s\n' object "edge req/s  MB/s" "nginx req/s  MB/s" "ratio req/s"
TABLE=()
for o in 1k.bin 100k.bin 10m.bin; do
  for u in "http://$CDN_EDGE/$o" "http://10.40.12.2:8090/$o"; do ua_curl -o /dev/null "$u"; ua_curl -o /dev/null "$u"; done
  read -r er em < <(wrk_rate "http://$CDN_EDGE/$o")
  read -r nr nm < <(wrk_rate "http://10.40.12.2:8090/$o")
  line=$(printf '%-8s %12s %9s %12s %9s %14s' "$o" "$er" "$em" "$nr" "$nm" "$(ratio "$er" "$nr")")
  echo "    $line"; TABLE+=("$line")
done

step "miss time to first byte (curl, 4 fresh 1 KB objects each, seconds)"
et=0 nt=0
for i in 1 2 3 4; do
  a=$(ttfb "http://$CDN_EDGE/miss$i.bin"); b=$(ttfb "http://10.40.12.2:8090/miss$((i + 4)).bin")
  et=$(python3 -c "print($et + $a)"); nt=$(python3 -c "print($nt + $b)")
done
MISS=$(printf 'miss TTFB mean: edge %.4f s, nginx %.4f s, ratio %s' "$(python3 -c "print($et/4)")" "$(python3 -c "print($nt/4)")" "$(ratio "$et" "$nt")")
info "$MISS"

step "coalesced burst: wrk -c 50 on a cold 5 MB object, origin bytes"
b0=$(origin_bytes)
ns_exec ua wrk -t 2 -c 50 -d 3s --timeout 30s "http://$CDN_EDGE/burst.bin" >/dev/null 2>&1 || true
b1=$(origin_bytes)
ns_exec ua wrk -t 2 -c 50 -d 3s --timeout 30s "http://10.40.12.2:8090/burst2.bin" >/dev/null 2>&1 || true
sleep 2; b2=$(origin_bytes)
BURST=$(printf 'origin bytes for the burst: edge %d, nginx (proxy_cache_lock on) %d, object %d' $((b1 - b0)) $((b2 - b1)) $((5 << 20)))
info "$BURST"

printf '\nActiveCDN benchmark (noisy shared machine; ratios measured side by side in this run)\n'
printf '  %-8s %12s %9s %12s %9s %14s\n' object "edge req/s" "MB/s" "nginx req/s" "MB/s" "edge/nginx"
for l in "${TABLE[@]}"; do echo "  $l"; done
echo "  $MISS"
echo "  $BURST"
kill "$NGX_PID" 2>/dev/null || true
demo_done
