#!/usr/bin/env bash
# GIST Q-mode attacks on a real netserv-nsisd (r1), with real packets:
# 1. 100,000 Queries from 100,000 forged sources while a publisher's SETUP
#    runs: no routing state is installed for any of them (state waits for a
#    Confirm whose cookie verifies), the SETUP completes, memory stays bounded;
# 2. reflection: Queries whose NLI names a third host (vic) get no Response
#    there when S=1, and at most the configured rate when S=0;
#    and malformed datagrams forged from vic earn it at most error_replies_per_s Errors;
# 2b. NSLP requests carried in spoofed Queries are decoded and dropped: no
#    controller call, no answer (which would be a retransmitted Query to the
#    forged source);
# 3. Confirms without a cookie or with a forged one install nothing;
# 4. NCMs the controller refuses (forged) keep no signaling state alive and
#    end none: a refused SETUP is not refreshed, a refused REMOVE does not
#    stop the refresh of the real SETUP.
set -u
. "$(dirname "$0")/gist-lib.sh"
start_attack_nodes "off_source_replies_per_s = 20" "error_replies_per_s = 50"

states0=$(counter r1 routing-states); installed0=$(counter r1 routing-states-installed)
queries0=$(counter r1 rx/Query); rss0=$(rss_mb r1)

# --- 1. spoofed-source flood, a legitimate SETUP in the middle of it
ns_exec atk timeout 150 python3 "$ATTACK" spoof-flood "$R1" 100000 "$SPOOF_NET" > "$work/flood.out" 2>&1 &
flood=$!
sleep 2
legit_setup NetServ.apps.DuringFlood_1.0.0; setup_rc=$?
peak=$(rss_mb r1)
wait $flood
sleep 1
queries=$(( $(counter r1 rx/Query) - queries0 ))
installed=$(( $(counter r1 routing-states-installed) - installed0 ))
states=$(counter r1 routing-states); rss1=$(rss_mb r1)
[ "$peak" -gt "$rss1" ] || peak=$rss1
ok=0
[ "$setup_rc" -eq 0 ] || ok=1
[ "$queries" -ge 20000 ] || ok=1                      # the flood really reached the daemon
[ "$installed" -le 4 ] || ok=1                        # only the legitimate SETUP's own states
[ "$states" -le $((states0 + 4)) ] || ok=1
[ "$peak" -le "$RSS_BOUND_MB" ] || ok=1
[ -S "$work/r1.status" ] && [ "$(counter r1 tx-response)" -gt 0 ] || ok=1
attack "GIST Q-mode (UDP 270)" "100k Queries from 100k spoofed sources during a SETUP" \
  "no routing state for them, SETUP completes, daemon RSS <= ${RSS_BOUND_MB} MB" $ok \
  "$(cat "$work/flood.out"); daemon processed $queries, installed $installed states (held $states0 -> $states), RSS $rss0 -> peak $peak MB, SETUP exit $setup_rc"

# --- 1b. NSLP requests in spoofed Queries
# (the SETUP sessions above are refreshed meanwhile: their re-Queries are counted as refreshes too)
dropped0=$(counter r1 nslp-unverified-dropped); calls0=$(counter r1 nslp-controller-calls)
tx0=$(( $(counter r1 tx-query) - $(counter r1 refreshes) ))
ns_exec atk timeout 100 python3 "$ATTACK" spoof-flood "$R1" 20000 "$SPOOF_NET" probe > "$work/flood.out" 2>&1
sleep 1
dropped=$(( $(counter r1 nslp-unverified-dropped) - dropped0 ))
calls=$(( $(counter r1 nslp-controller-calls) - calls0 )); txq=$(( $(counter r1 tx-query) - $(counter r1 refreshes) - tx0 ))
ok=0
[ "$dropped" -ge 2000 ] || ok=1
[ "$calls" -eq 0 ] && [ "$txq" -eq 0 ] || ok=1
legit_setup NetServ.apps.AfterProbeFlood_1.0.0 || ok=1
attack "NetServ NSLP in GIST Q-mode" "20k PROBE requests carried in Queries from spoofed sources" \
  "dropped unanswered: no controller call, no Query back to the forged sources; SETUP completes" $ok \
  "$(cat "$work/flood.out"); dropped $dropped, controller calls $calls, new (not refresh) Queries sent $txq"

# --- 2. reflection toward vic
refl0=$(counter r1 rx-query-nli-not-source)
at_victim 6 reflect "$R1" 2000 10.147.8.2 10.147.9.77
got=$victim_got
refused=$(( $(counter r1 rx-query-nli-not-source) - refl0 ))
ok=0
[ "$refused" -ge 2000 ] || ok=1
[ "$got" -le $((20 * 8)) ] || ok=1                  # S=0 replies: 20/s over the <= 8 s the attack lasts
[ "$(counter r1 limit/off-source-replies)" -ge 1 ] || ok=1
attack "GIST Q-mode (UDP 270)" "4000 Queries whose NLI names a third host (S=1 and S=0)" \
  "none answered to it for S=1; S=0 answers rate-limited (<= 20/s)" $ok \
  "$(cat "$work/attack.out"); S=1 refused $refused, datagrams at the victim $got"

malformed0=$(counter r1 rx-malformed)
at_victim 5 malformed-reflect "$R1" 5000 10.147.8.2
got=$victim_got
malformed=$(( $(counter r1 rx-malformed) - malformed0 ))
ok=0
[ "$malformed" -ge 1000 ] || ok=1                   # they reached the daemon
[ "$got" -ge 1 ] && [ "$got" -le $((50 * 6)) ] || ok=1   # Errors still go out, at 50/s over the <= 6 s
[ "$(counter r1 limit/error-replies)" -ge 1 ] || ok=1
attack "GIST Q-mode (UDP 270)" "5000 malformed datagrams with a third host's forged source (each answered by an Error 6 times its size)" \
  "Errors to it rate-limited (<= 50/s)" $ok "$(cat "$work/attack.out"); counted malformed $malformed, Errors at the victim $got"

# --- 3. forged Confirms
bad0=$(( $(counter r1 rx-confirm-no-cookie) + $(counter r1 rx-confirm-bad-cookie) ))
installed0=$(counter r1 routing-states-installed)
ns_exec atk python3 "$ATTACK" confirm-forge "$R1" "$R1_TCP" > "$work/confirm.out" 2>&1
sleep 0.5
bad=$(( $(counter r1 rx-confirm-no-cookie) + $(counter r1 rx-confirm-bad-cookie) - bad0 ))
ok=0
[ "$bad" -ge 22 ] || ok=1
[ "$(counter r1 routing-states-installed)" -eq "$installed0" ] || ok=1
legit_setup NetServ.apps.AfterForgery_1.0.0 || ok=1
attack "GIST Confirm" "22 Confirms without a cookie or with a forged one (D-mode and C-mode)" \
  "all refused, no routing state installed, SETUP still completes" $ok "$(cat "$work/confirm.out"); refused $bad"

# --- 4. refresh only for NCMs the controller accepted
signal setup NetServ.apps.Kept_1.0.0 --ttl 600 --user janedoe; real_rc=$rc
kept0=$(counter r1 nslp-refreshed-sessions); stopped0=$(counter r1 nslp-refresh-stopped)
refused0=$(counter r1 nslp-requests-not-accepted)
signal setup NetServ.apps.Forged_1.0.0 --ttl 31536000 --user janedoe --header x-test-forged=yes; forged_setup_rc=$rc
signal remove NetServ.apps.Kept_1.0.0 --user janedoe --header x-test-forged=yes; forged_remove_rc=$rc
ok=0
[ "$real_rc" -eq 0 ] || ok=1
[ "$forged_setup_rc" -eq 1 ] && [ "$forged_remove_rc" -eq 1 ] || ok=1      # both refused (401) by the controllers
[ "$(counter r1 nslp-refreshed-sessions)" -eq "$kept0" ] || ok=1            # the forged SETUP is not kept alive
[ "$(counter r1 nslp-refresh-stopped)" -eq "$stopped0" ] || ok=1            # the forged REMOVE ended nothing
[ "$(( $(counter r1 nslp-requests-not-accepted) - refused0 ))" -ge 2 ] || ok=1
attack "NetServ NSLP" "a forged SETUP (1-year ttl) and a forged REMOVE of a live module" \
  "neither refreshed nor ended: signaling state follows only NCMs the controller accepted" $ok \
  "exits: real SETUP $real_rc, forged SETUP $forged_setup_rc, forged REMOVE $forged_remove_rc; refreshed sessions at r1 $kept0 -> $(counter r1 nslp-refreshed-sessions)"
finish
