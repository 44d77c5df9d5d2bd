#!/usr/bin/env bash
# Isolation fails closed (issue #14 item 3): see container_isolation.py.
cd "$(dirname "$0")" && exec timeout 500 python3 -u container_isolation.py
