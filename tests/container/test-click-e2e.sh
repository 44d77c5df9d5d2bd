#!/usr/bin/env bash
# Real netserv-click channels + a real container (see click_e2e.py); 77 until the
# engine has ToUserDevice/FromUserDevice.
cd "$(dirname "$0")" && exec timeout 300 python3 -u click_e2e.py
