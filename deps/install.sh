#!/usr/bin/env bash
# Installs the Debian packages in deps/debian-packages.txt that are missing,
# then pre-fetches the Maven dependencies. Safe to re-run: it does nothing
# when everything is present (apt-get update runs only when something is missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

# `install.sh image` adds what the image builder and its boot test need
lists=("$here/debian-packages.txt")
[ "${1:-}" = image ] && lists+=("$here/image-packages.txt")
wanted=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "${lists[@]}" | grep -v '^$' | sort -u)
missing=()
for p in $wanted; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing Debian packages: ${missing[*]}" >&2
    echo "deps: run 'make deps' as root to install them" >&2
    exit 1
  fi
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
else
  echo "deps: all $(echo "$wanted" | wc -l) Debian packages present"
fi

# Maven: resolve every plugin and dependency the build declares, so later
# builds and tests work from the local repository. Reactor modules are excluded
# (they are built, not downloaded).
if [ "${NETSERV_SKIP_MAVEN_PREFETCH:-0}" != 1 ]; then
  stamp="$top/build/.maven-prefetch"
  if [ ! -f "$stamp" ] || [ -n "$(find "$top" -name pom.xml -newer "$stamp" -not -path '*/target/*' | head -1)" ]; then
    echo "deps: pre-fetching Maven dependencies"
    mkdir -p "$top/build"
    (cd "$top" && mvn -B -q dependency:go-offline -DexcludeReactor=true >"$top/build/maven-prefetch.log" 2>&1) \
      && touch "$stamp" \
      || echo "deps: Maven pre-fetch incomplete (see build/maven-prefetch.log); the build will fetch the rest"
  fi
fi
