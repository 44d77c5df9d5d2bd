#!/usr/bin/env bash
# A container with its own network namespace and IP (see netns.py).
cd "$(dirname "$0")" && exec timeout 300 python3 -u netns.py
