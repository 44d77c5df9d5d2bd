#!/usr/bin/env bash
# Two containers, two publishers: file, exec, port and memory isolation (see isolation.py).
cd "$(dirname "$0")" && exec timeout 400 python3 -u isolation.py
