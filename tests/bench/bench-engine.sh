#!/usr/bin/env bash
# make bench entry (run-all.sh runs bench-*.sh): the netserv-click engine benchmark.
exec bash "$(dirname "$0")/engine-bench.sh" "$@"
