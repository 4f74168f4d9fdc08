#!/usr/bin/env bash
# Makes sure a systemd-journald is accepting entries, so the journal tests use the real journal.
# On a systemd host it is already running; in a container or CI sandbox without systemd as PID 1
# it starts one in the background (it keeps running for later test runs).
set -euo pipefail

socket=/run/systemd/journal/socket
if [[ -S $socket ]] && pgrep -x systemd-journal >/dev/null 2>&1; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "no systemd-journald is running; start it as root: /lib/systemd/systemd-journald &" >&2
    exit 1
fi
journald=/lib/systemd/systemd-journald
[[ -x $journald ]] || journald=/usr/lib/systemd/systemd-journald
mkdir -p /run/systemd/journal /var/log/journal
nohup "$journald" >/dev/null 2>&1 &
for _ in $(seq 1 100); do
    if [[ -S $socket ]] && systemd-cat -t m365sync-probe true 2>/dev/null; then
        echo "started systemd-journald (pid $!)"
        exit 0
    fi
    sleep 0.1
done
echo "systemd-journald did not come up" >&2
exit 1
