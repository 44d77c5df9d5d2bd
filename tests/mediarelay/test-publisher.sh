#!/usr/bin/env bash
# The publisher side of Media Relay end to end: Kamailio + trigger + PROBE choose r1's relay
# for registering UAs, a UA off-path keeps the fallback, a call's media goes through r1.
exec bash "$(cd "$(dirname "$0")/../.." && pwd)/tests/demo/step-mediarelay.sh" "$@"
