#!/usr/bin/env bash
# ActiveCDN in-network video processing (issue 15 item 2; paper §4.1, the weather watermark)
# on real NetServ nodes: the edge module runs with the container's `video` building block
# (FFmpeg through JavaCV/JavaCPP, inside the container's sandbox: no execve there).
#   publisher (origin + deployment daemon) -- r1 -- r2 -- ua (curl, Debian's ffmpeg/ffprobe)
# /processed/clip.mp4 at the edge is the origin's clip with the local information's text
# overlaid: ffprobe says H.264/AAC, one decoded frame differs from the original's in the
# overlay's region and not elsewhere; the second request is a HIT of the processed variant;
# /clip.mp4 is still the original, byte-exact; WebM stays WebM (VP8); a text file is 415, an
# undecodable .mp4 a 502 saying so, and the edge keeps serving; an origin that stalls, or
# dies, mid-body while the edge fetches an original for processing gives that client a
# clear error, no variant, and the next request completes the original and the variant.
set -Eeuo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/demo/lib.sh"
. "$top/tests/activecdn/lib.sh"

# the slot runs the video block: FFmpeg's libraries (~60 MB) are extracted into the sandbox
NODE_BLOCKS="packet-dispatcher http video" SLOT_BLOCKS="packet-dispatcher http video"
SLOT_DISK_MB=320 SLOT_MEMORY_MB=1024 CDN_CACHE_MB=64
WM_TEXT="Boston 21C sunny"

cdn_init
trap 'printf "    FAILED at line %s: %s (exit %s)\n" "$LINENO" "$BASH_COMMAND" "$?"; KEEP_WORK=1' ERR
[ -e "$top/build/container/bundles/video/netserv-container-video.jar" ] || fail "the video building block is missing: run 'make build'"
for c in ffmpeg ffprobe; do command -v $c >/dev/null || fail "$c is not installed (Debian package ffmpeg): run 'make deps'"; done
cdn_content
ffmpeg -v error -y -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440 -t 3 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$WORK/content/clip.mp4"
ffmpeg -v error -y -f lavfi -i testsrc2=size=320x240:rate=25 -t 2 -c:v libvpx -b:v 1M "$WORK/content/clip.webm"
echo "not a video" > "$WORK/content/notes.txt"
head -c 200000 /dev/urandom > "$WORK/content/junk.mp4"
# ~3 MB: long enough, with the publisher's link slowed to 2 Mbit/s, to break the fetch mid-body
for n in stall reset; do
  ffmpeg -v error -y -f lavfi -i testsrc2=size=320x240:rate=25 -t 8 -c:v libx264 -b:v 3M -maxrate 3M -bufsize 1M \
    -pix_fmt yuv420p "$WORK/content/$n.mp4"
done

step "topology publisher -- r1 -- r2 -- ua, NetServ nodes r1 and r2 (slot building blocks: $SLOT_BLOCKS)"
cdn_nodes
# small send buffers at the publisher: when it dies mid-body, most of the file is still unsent
# (with the default 4 MB autotuning a 3 MB file could sit whole in its socket and still arrive)
ns_exec publisher sysctl -qw net.ipv4.tcp_wmem="4096 16384 65536"
ok "nodes up"

step "publisher: ActiveCDN with wm_text=$WM_TEXT"
cdn_publisher "wm_text=$WM_TEXT,idle_timeout_ms=3000"
ok "origin at $CDN_ORIGIN"

step "first request from a region with no node: SETUP installs the module (with FFmpeg) on r1 and r2"
cdn_deploy
ok "deployed"

# frame VIDEO OUT — the first frame, raw RGB24, decoded by Debian's ffmpeg
frame() { ffmpeg -v error -y -i "$1" -frames:v 1 -f rawvideo -pix_fmt rgb24 "$2"; }
# region_diff A B X Y W H — mean absolute difference of two 320x240 RGB24 frames in a box
region_diff() { python3 - "$@" <<'PY'
import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
x, y, w, h = map(int, sys.argv[3:7])
assert len(a) == len(b) == 320 * 240 * 3, (len(a), len(b))
s = sum(abs(a[(r * 320 + c) * 3 + k] - b[(r * 320 + c) * 3 + k]) for r in range(y, y + h) for c in range(x, x + w) for k in range(3))
print(int(s / (w * h * 3)))
PY
}

step "the processed variant through the edge: watermarked, playable"
out=$(ua_curl --max-time 240 -D "$WORK/hp1" -o "$WORK/marked.mp4" -w '%{http_code}' "http://$CDN_EDGE/processed/clip.mp4")
[ "$out" = 200 ] || fail "processed request: HTTP $out: $(head -c 300 "$WORK/marked.mp4")"
grep -qi '^x-cache: MISS' "$WORK/hp1" && grep -qi '^content-type: video/mp4' "$WORK/hp1" && grep -qi '^x-processed: wm-' "$WORK/hp1" \
  || fail "processed response fields: $(cat "$WORK/hp1")"
codecs=$(ffprobe -v error -show_entries stream=codec_type,codec_name -of csv=p=0 "$WORK/marked.mp4" | tr '\n' ' ')
[ "$codecs" = "h264,video aac,audio " ] || fail "ffprobe of the processed variant: '$codecs'"
frame "$WORK/content/clip.mp4" "$WORK/orig.rgb"; frame "$WORK/marked.mp4" "$WORK/marked.rgb"
inbox=$(region_diff "$WORK/orig.rgb" "$WORK/marked.rgb" 0 0 160 30)
rest=$(region_diff "$WORK/orig.rgb" "$WORK/marked.rgb" 160 120 160 120)
[ "$inbox" -gt 30 ] || fail "no watermark: the overlay region differs from the original frame by only $inbox on average"
[ "$rest" -lt 12 ] || fail "the picture outside the overlay changed by $rest on average"
ok "200 video/mp4 (ffprobe: $codecs); first frame: overlay region differs by $inbox, the rest by $rest (of 255)"

step "second request: a HIT of the processed variant; the original still served unmarked"
ua_curl -D "$WORK/hp2" -o "$WORK/marked2.mp4" "http://$CDN_EDGE/processed/clip.mp4"
grep -qi '^x-cache: HIT' "$WORK/hp2" && cmp -s "$WORK/marked.mp4" "$WORK/marked2.mp4" || fail "second processed request: $(cat "$WORK/hp2")"
ua_curl -D "$WORK/ho" -o "$WORK/plain.mp4" "http://$CDN_EDGE/clip.mp4"
cmp -s "$WORK/plain.mp4" "$WORK/content/clip.mp4" || fail "the original at /clip.mp4 is not the origin's file: $(cat "$WORK/ho")"
grep -qi '^x-cache: HIT' "$WORK/ho" || fail "the original should be stored by the processing fetch: $(cat "$WORK/ho")"
[ "$(origin_requests /clip.mp4)" = 1 ] || fail "origin served /clip.mp4 $(origin_requests /clip.mp4) times, expected 1"
ok "processed HIT byte-identical; /clip.mp4 byte-exact original (HIT); origin served /clip.mp4 once"

step "WebM stays WebM"
out=$(ua_curl --max-time 240 -D "$WORK/hw" -o "$WORK/marked.webm" -w '%{http_code}' "http://$CDN_EDGE/processed/clip.webm")
[ "$out" = 200 ] || fail "processed webm: HTTP $out: $(head -c 300 "$WORK/marked.webm")"
codec=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 "$WORK/marked.webm")
[ "$codec" = vp8 ] && grep -qi '^content-type: video/webm' "$WORK/hw" || fail "processed webm: codec '$codec', $(cat "$WORK/hw")"
frame "$WORK/content/clip.webm" "$WORK/origw.rgb"; frame "$WORK/marked.webm" "$WORK/markedw.rgb"
inbox=$(region_diff "$WORK/origw.rgb" "$WORK/markedw.rgb" 0 0 160 30)
[ "$inbox" -gt 30 ] || fail "no watermark in the WebM (overlay region differs by $inbox)"
ok "200 video/webm, VP8, overlay region differs by $inbox"

step "bad input: not a video → 415, undecodable video → 502 saying so; the edge keeps serving"
code=$(ua_curl -o "$WORK/e1" -w '%{http_code}' "http://$CDN_EDGE/processed/notes.txt")
[ "$code" = 415 ] && grep -q 'not a video this edge processes' "$WORK/e1" || fail "text file: HTTP $code: $(cat "$WORK/e1")"
code=$(ua_curl -o "$WORK/e2" -w '%{http_code}' "http://$CDN_EDGE/processed/junk.mp4")
[ "$code" = 502 ] && grep -q 'not a video FFmpeg can read' "$WORK/e2" || fail "junk video: HTTP $code: $(cat "$WORK/e2")"
code=$(ua_curl -o /dev/null -w '%{http_code}' "http://$CDN_EDGE/processed/none.mp4")
[ "$code" = 404 ] || fail "missing original: HTTP $code"
ua_curl -D "$WORK/hp3" -o "$WORK/marked3.mp4" "http://$CDN_EDGE/processed/clip.mp4"
grep -qi '^x-cache: HIT' "$WORK/hp3" && cmp -s "$WORK/marked.mp4" "$WORK/marked3.mp4" || fail "edge broken after bad input"
ok "415: $(head -c 80 "$WORK/e1"); 502: $(head -c 90 "$WORK/e2")"
st=$(container_status r2 | grep $CDN_MODULE)
echo "$st" | grep -q 'processed=2 ' && echo "$st" | grep -q 'processing-errors=1' || fail "STATUS: $st"
info "r2 STATUS: $st"

# slow_origin on|off — the publisher's link at 2 Mbit/s, so a fetch of stall.mp4/reset.mp4 lasts ~12 s
slow_origin() {
  if [ "$1" = on ]; then ns_exec publisher tc qdisc replace dev eth0 root tbf rate 2mbit burst 16kb latency 400ms
  else ns_exec publisher tc qdisc del dev eth0 root 2>/dev/null || true; fi
}
# processed_bg NAME — a processed request for NAME.mp4 in the background: status in $WORK/NAME.code
processed_bg() {
  ( ua_curl --max-time 120 -o "$WORK/$1.err" -w '%{http_code}' "http://$CDN_EDGE/processed/$1.mp4" > "$WORK/$1.code" || true ) &
  BG=$!
}
# recovered NAME — the next processed request completes the original and makes the variant
recovered() {
  local code
  code=$(ua_curl --max-time 240 -o "$WORK/$1-ok.mp4" -w '%{http_code}' "http://$CDN_EDGE/processed/$1.mp4")
  [ "$code" = 200 ] || fail "after the $1: HTTP $code: $(head -c 300 "$WORK/$1-ok.mp4")"
  [ "$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 "$WORK/$1-ok.mp4")" = h264 ] \
    || fail "after the $1: the processed variant is not H.264"
  ua_curl -o "$WORK/$1-orig.mp4" "http://$CDN_EDGE/$1.mp4"
  cmp -s "$WORK/$1-orig.mp4" "$WORK/content/$1.mp4" || fail "after the $1: the stored original differs from the origin's file"
}

step "origin stalls mid-body during a processing fetch (publisher's replies dropped): clear error, cache consistent"
slow_origin on
processed_bg stall
wait_for 20 "the edge's fetch of stall.mp4 under way" sh -c "[ \"\$(ip netns exec $(ns_name publisher) curl -sf http://$CDN_ADMIN/stats | awk '\$2 == \"/stall.mp4\" { print \$3 }')\" = 1 ]" \
  || fail "the edge did not fetch /stall.mp4"
sleep 2
ns_exec publisher iptables -A OUTPUT -p tcp --sport 8001 -j DROP
wait "$BG" || true
ns_exec publisher iptables -D OUTPUT -p tcp --sport 8001 -j DROP
slow_origin off
code=$(cat "$WORK/stall.code")
[ "$code" = 502 ] || [ "$code" = 504 ] || fail "stalled origin: HTTP $code: $(cat "$WORK/stall.err")"
grep -q 'origin fetch of /stall.mp4 failed: .*[Tt]imeout\|origin stalled' "$WORK/stall.err" || fail "stalled origin: unclear error: $(cat "$WORK/stall.err")"
msg=$(head -c 120 "$WORK/stall.err")
recovered stall
ok "stalled: HTTP $code ($msg); next request: variant made, original byte-exact"

step "origin dies mid-body during a processing fetch (publisher killed): clear error, cache consistent"
slow_origin on
processed_bg reset
wait_for 20 "the edge's fetch of reset.mp4 under way" sh -c "[ \"\$(ip netns exec $(ns_name publisher) curl -sf http://$CDN_ADMIN/stats | awk '\$2 == \"/reset.mp4\" { print \$3 }')\" = 1 ]" \
  || fail "the edge did not fetch /reset.mp4"
sleep 2
disown "$CDN_PUB_PID" 2>/dev/null || true   # no "Killed" job notice
kill -9 "$CDN_PUB_PID"
wait "$BG" || true
slow_origin off
code=$(cat "$WORK/reset.code")
[ "$code" = 502 ] || [ "$code" = 504 ] || fail "origin reset: HTTP $code: $(cat "$WORK/reset.err")"
grep -q 'origin closed the connection' "$WORK/reset.err" || fail "origin reset: unclear error: $(cat "$WORK/reset.err")"
msg=$(head -c 120 "$WORK/reset.err")
cdn_publisher "wm_text=$WM_TEXT,idle_timeout_ms=3000"
recovered reset
st=$(container_status r2 | grep $CDN_MODULE)
echo "$st" | grep -q ' corrupt=0 ' && echo "$st" | grep -q 'processed=4 ' || fail "STATUS after the origin failures: $st"
ok "reset: HTTP $code ($msg); publisher restarted; next request: variant made, original byte-exact; corrupt=0 processed=4"
demo_done
