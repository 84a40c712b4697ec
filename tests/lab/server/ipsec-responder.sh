#!/bin/sh
# The lab's IPsec responder: charon in netns office, in a mount view of its own (started through
# in-server-view) with a private /run, so its pid file and control socket never meet the client's
# charon in the same guest. Loads server/swanctl-responder.conf, then stays with charon.
# Usage: ipsec-responder.sh LAB_DIR
set -u
lab=$1
mount -t tmpfs -o mode=0755 lab-ipsec-run /run || exit 1
/usr/lib/ipsec/charon &
charon=$!
trap 'kill "$charon" 2>/dev/null' TERM INT
i=0
until [ -S /run/charon.vici ]; do
  i=$((i + 1)); [ $i -gt 150 ] && { echo "charon made no control socket in 15 s"; kill "$charon"; exit 1; }
  sleep 0.1
done
swanctl --load-all --noprompt --file "$lab/server/swanctl-responder.conf" || { kill "$charon"; exit 1; }
echo "ipsec-responder: ready"
wait "$charon"
