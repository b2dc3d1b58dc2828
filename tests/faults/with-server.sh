#!/usr/bin/env bash
# Runs one needlecare command with a mock notification server on the
# session bus this script runs in (started for it by dbus-run-session),
# then stops the server. The fault tests run it as an unprivileged user,
# who cannot reach root's bus. usage: with-server.sh MOCKLOG NEEDLECARE ARGS...
log=$1
shift
/usr/bin/python3 -m dbusmock --session --template notification_daemon -l "$log" >/dev/null 2>&1 &
server=$!
for _ in $(seq 200); do
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
		grep -q 'boolean true' && break
	sleep 0.05
done
"$@"
rc=$?
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
exit $rc
