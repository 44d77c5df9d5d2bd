#!/usr/bin/env bash
# Container packet path + control channel with the real launcher (see packets.py).
cd "$(dirname "$0")" && exec timeout 300 python3 -u packets.py
