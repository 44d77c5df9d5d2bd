#!/usr/bin/env bash
# relay-for-ua.sh — what the trigger runs for a UA that registered (apps/mediarelay/publisher):
# SETUP of Media Relay toward the UA, then PROBE toward it; the first node of the PROBE stack
# (the stack lists the node nearest to the UA first) that runs the module in a good state is
# the UA's relay: its address (PROBE capabilities "addresses=", the node's own) is written into
# Kamailio's htable "relay" for the UA, and Kamailio names it in the next 200 OK to REGISTER.
# No such node: the entry is removed, so the UA gets the publisher's fallback relay.
#
#   relay-for-ua.sh --signal PATH --key FILE --url URL --digest sha-256=HEX --properties K=V,...
#                   --ttl S --ctl unixs:PATH [--user NAME] [--port 3478] [--module NAME] UA
set -uo pipefail
signal="" key="" url="" digest="" props="" ttl=600 ctl="" user=publisher port=3478 module=NetServ.apps.MediaRelay_1.0.0
while [ $# -gt 1 ]; do
  case $1 in
    --signal) signal=$2 ;; --key) key=$2 ;; --url) url=$2 ;; --digest) digest=$2 ;;
    --properties) props=$2 ;; --ttl) ttl=$2 ;; --ctl) ctl=$2 ;; --user) user=$2 ;;
    --port) port=$2 ;; --module) module=$2 ;;
    *) echo "relay-for-ua: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
ua=${1:-}
[[ $ua =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || { echo "relay-for-ua: expected the UA's IPv4 address last, got '$ua'" >&2; exit 2; }
for v in signal key url digest props ctl; do [ -n "${!v}" ] || { echo "relay-for-ua: --$v is required" >&2; exit 2; }; done
common=(--dest "$ua" --key "$key" --user "$user" --retry-limit 8 --timeout 60)

"$signal" setup "$module" "${common[@]}" --ttl "$ttl" --url "$url" --digest "$digest" --properties "$props" \
  || echo "relay-for-ua: SETUP toward $ua: exit $? (a path without NetServ nodes answers so too)"
stack=$("$signal" probe "${common[@]}" --probe status,capabilities 2>&1) || true
echo "$stack"
relay=$(printf '%s\n' "$stack" | awk -v RS= -v m="$module" '
  { n = split($0, line, "\n"); runs = 0; addr = ""
    for (i = 1; i <= n; i++) {
      if (index(line[i], "module: " m " ") == 1 && line[i] !~ /state=(FAILED|REMOVING|PENDING|INSTALLED|RESOLVED)/) runs = 1
      if (match(line[i], /addresses=[0-9.]+/)) addr = substr(line[i], RSTART + 10, RLENGTH - 10)
    }
    if (runs && addr != "") { print addr; exit } }')
if [ -n "$relay" ]; then
  kamcmd -s "$ctl" htable.sets relay "$ua" "turn:$relay:$port" && echo "relay-for-ua: $ua -> turn:$relay:$port"
else
  kamcmd -s "$ctl" htable.delete relay "$ua" >/dev/null 2>&1 || true
  echo "relay-for-ua: no NetServ node runs $module on the path to $ua: the fallback relay stays"
fi
