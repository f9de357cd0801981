#!/usr/bin/env bash
# Runs a command beside a real Secret Service: a private D-Bus session with GNOME Keyring,
# unlocked with a throw-away password, as a desktop session would have it. Used by
# scripts/test.sh for the keyring test of the team server's password.
#   dbus-run-session -- scripts/with-keyring.sh COMMAND...
set -euo pipefail
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring.sh: run it under dbus-run-session" >&2
  exit 2
fi
# Its keyring files go to a folder of their own, never to the user's keyring.
keyrings=$(mktemp -d)
trap 'rm -rf "$keyrings"' EXIT
printf 'murmelglas-test' | XDG_DATA_HOME="$keyrings" \
  gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
# The daemon forks; wait (up to 10 s) until it owns the Secret Service name on the bus.
for _ in $(seq 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; then
    break
  fi
  sleep 0.1
done
"$@"
