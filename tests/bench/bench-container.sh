#!/usr/bin/env bash
# make bench: the service container's packet path beside the C echo path (64 and 340 B)
# and the dispatcher's Java cost per packet (JMH) — tests/container/bench-container.sh.
exec bash "$(dirname "$0")/../container/bench-container.sh"
