#!/usr/bin/env bash
# GIST C-mode slow-loris on a real netserv-nsisd (r1): MAs that announce a
# message and trickle it a byte a second, MAs that send whole MA-Hellos but
# never a Confirm, and one announcing a message larger than the node accepts.
# Each is closed (frame_timeout_ms, ma_setup_timeout_ms, max_message_bytes)
# while a publisher's SETUP completes. Then a peer-identity hijack: a genuine
# handshake for the attacker's own address claiming r1's peer identity, sent
# to r2 over a new TCP connection, must not take over r1's MA at r2.
set -u
. "$(dirname "$0")/gist-lib.sh"
start_attack_nodes "frame_timeout_ms = 2000" "ma_setup_timeout_ms = 3000" "max_connections_per_address = 16"
rss0=$(rss_mb r1)

ns_exec atk timeout 60 python3 "$ATTACK" slowloris "$R1" "$R1_TCP" 12 > "$work/loris.out" 2>&1 &
loris=$!
sleep 1
legit_setup NetServ.apps.DuringSlowloris_1.0.0; setup_rc=$?
wait $loris
peak=$(rss_mb r1)
frame=$(counter r1 ma-frame-timeout); setup=$(counter r1 ma-setup-timeout); big=$(counter r1 limit/ma-message-bytes)
ok=0
[ "$setup_rc" -eq 0 ] || ok=1
[ "$frame" -ge 6 ] || ok=1          # the six trickled messages
[ "$setup" -ge 2 ] || ok=1          # the two MA-Hello-only connections
[ "$big" -ge 1 ] || ok=1            # the oversized announcement
grep -q 'still open after 12s: trickle=0,idle-hello=0,huge=0' "$work/loris.out" || ok=1
[ "$peak" -le "$RSS_BOUND_MB" ] || ok=1
attack "GIST C-mode (TCP)" "slow-loris MAs: a message trickled 1 byte/s, MA-Hellos without a Confirm, a 256 KiB announcement" \
  "each closed (2 s frame, 3 s setup, 64 KiB message limits), SETUP completes, RSS <= ${RSS_BOUND_MB} MB" $ok \
  "$(cat "$work/loris.out"); frame timeouts $frame, setup timeouts $setup, oversize $big, RSS $rss0 -> $peak MB, SETUP exit $setup_rc"

# --- peer-identity hijack at r2 (r1 holds a C-mode MA to r2 since the SETUPs above)
r1_peer=$(sed -n 's/.*peer id \([0-9a-f]*\).*/\1/p' "$work/r1.log" | head -1)
r2_tcp=$(sed -n 's/.*C-mode TCP \([0-9]*\),.*/\1/p' "$work/r2.log" | head -1)
[ -n "$r1_peer" ] && [ -n "$r2_tcp" ] || fail "r1's peer id or r2's TCP port not in the logs"
refused0=$(counter r2 ma-rebind-refused)
ns_exec plain python3 "$ATTACK" rebind 10.147.3.254 "$r2_tcp" "$r1_peer" > "$work/rebind.out" 2>&1
sleep 0.5
refused=$(( $(counter r2 ma-rebind-refused) - refused0 ))
ok=0
[ "$refused" -ge 1 ] || ok=1
grep -q 'node closed it: yes' "$work/rebind.out" || ok=1
legit_setup NetServ.apps.AfterHijack_1.0.0 || ok=1
[ "$(counter r1 ma-opened)" -eq 1 ] || ok=1      # r1's one MA to r2 still carries the sessions
attack "GIST C-mode (TCP)" "a valid handshake claiming another node's peer identity on a new connection" \
  "refused and closed; the peer's MA is not rebound; SETUP completes over it" $ok \
  "$(cat "$work/rebind.out"); refused at r2 $refused, MAs opened by r1 $(counter r1 ma-opened)"
finish
