#!/usr/bin/env bash
# The launcher never follows a tenant's symlink (issue #14 item 2): see sandbox_symlinks.py.
cd "$(dirname "$0")" && exec timeout 400 python3 -u sandbox_symlinks.py
