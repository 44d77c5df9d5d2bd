#!/usr/bin/env bash
# The demo scenario as an automated test (make test): every step of run-demo.sh
# asserted, plus a SIPp keep-alive load at a fixed rate with the module installed.
exec bash "$(dirname "$0")/run-demo.sh" --test
