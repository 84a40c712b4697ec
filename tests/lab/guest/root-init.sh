#!/bin/sh
# PID 1 of a guest booted on a root of its own (the pppd 2.5 root, LAB_ROOT on the host): lab.sh
# copies this file into that root as /sbin/lab-init. Before init.sh can run it needs the host's
# UML modules and this repository, both through hostfs and at the same paths as on the host (the
# kernel command line, the results folder and the ppptui binary all name host paths).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
fatal() { echo "lab: FATAL: $*"; perl -e 'syscall(169, 0xfee1dead, 672274793, 0x4321fedc)'; exit 1; }
[ -n "${LAB_REPO:-}" ] || fatal "no LAB_REPO on the kernel command line"
mkdir -p /usr/lib/uml/modules "$LAB_REPO" 2>/dev/null
mount -t hostfs none /usr/lib/uml/modules -o /usr/lib/uml/modules || fatal "could not mount the host's UML modules"
mount -t hostfs none "$LAB_REPO" -o "$LAB_REPO" || fatal "could not mount the repository $LAB_REPO"
exec "$LAB_REPO/tests/lab/guest/init.sh"
