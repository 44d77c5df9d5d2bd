#!/usr/bin/env bash
# The engine goes away: status, exit 75 for a restart, works after restart (see channel_loss.py).
cd "$(dirname "$0")" && exec timeout 300 python3 -u channel_loss.py
