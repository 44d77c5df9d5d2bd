#!/usr/bin/env bash
# netserv-click engine benchmark: pps per core and ns/packet through
# Classifier -> Strip -> CheckIPHeader -> IPClassifier(20 patterns) -> Counter -> Discard
# from an in-memory source. usage: engine-bench.sh [PACKETS] [REPEATS]
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin="$repo/build/bin/netserv-click-bench"
[ -x "$bin" ] || cmake --build "$repo/build" --target netserv-click-bench >/dev/null
exec "$bin" "${1:-5000000}" "${2:-3}"
