#!/usr/bin/env bash
# Issue 14 item 7, the channels: a container that greets and never answers, one that answers
# without end, an engine ControlSocket that never answers, and 32 slow-loris clients on the NCM
# socket each cost the controller a bounded wait and buffer; the NSLP is answered afterwards.
set -u
. "$(dirname "$0")/controller-junit.sh"
run_controller_attacks ChannelLimitsAttackTest
