#!/usr/bin/python
# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ppptui_link
short_description: Bring a pppd link up or down with ppptui
description:
  - Reads the link's state with C(ppptui status NAME --json) and only then dials it
    (C(ppptui connect)) or stops its pppd (C(ppptui disconnect)); a link already in the wanted
    state is left alone (not changed).
  - A link that does not come up fails the task with ppptui's diagnosis (cause and fix).
  - Supports check mode (the change is predicted; nothing is dialled or stopped).
  - To keep a link up across reboots, use C(ppptui service enable NAME) (systemd) instead.
version_added: 0.1.0
options:
  name:
    description: The profile (peers file) name.
    type: str
    required: true
  state:
    description: C(up) dials the link and waits for it; C(down) stops it (persist redials too).
    type: str
    choices: [up, down]
    default: up
  wait:
    description: Seconds to wait for the link to come up.
    type: int
    default: 60
  root:
    description:
      - ppptui's C(--root). ppptui refuses to dial or stop a link under a root other than C(/)
        (pppd and its signals are the host's), so under a sandbox only the state is read.
    type: path
  binary:
    description: The ppptui executable; by default C(ppptui) on the PATH or in C(/usr/local/bin).
    type: path
author: ppptui maintainers
'''

EXAMPLES = r'''
- name: Office VPN up
  ppptui.ppp.ppptui_link:
    name: office
    state: up
    wait: 90
'''

RETURN = r'''
state:
  description: The link's state after the task (ppptui's state name, e.g. Up, Down).
  returned: always
  type: str
status:
  description: ppptui's status of the link (addresses, interface, routes, DNS; no secrets).
  returned: always
  type: dict
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ppptui.ppp.plugins.module_utils.ppptui import (
    COMMON_ARGUMENT_SPEC, EXIT_LINK_DOWN, EXIT_NOT_FOUND, PppTui, PppTuiError)


def main():
    argument_spec = dict(
        name=dict(type='str', required=True),
        state=dict(type='str', choices=['up', 'down'], default='up'),
        wait=dict(type='int', default=60),
    )
    argument_spec.update(COMMON_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    ppptui = PppTui(module)
    name, wanted = module.params['name'], module.params['state']
    result = dict(changed=False, name=name)
    try:
        rc, status = ppptui.run(['status', name], accept=(0, EXIT_LINK_DOWN, EXIT_NOT_FOUND))
        # No peers file yet is a link that is down: in check mode an earlier task may only have
        # predicted the profile; a real dial of it fails with ppptui's message.
        if rc == EXIT_NOT_FOUND:
            status = dict(name=name, state='Down', reason='no peers file yet')
        state = status.get('state')
        result.update(state=state, status=status)
        # A link dialing, redialing (persist) or going down is not yet in either state: it gets acted on.
        target = 'Up' if wanted == 'up' else 'Down'
        if state == target:
            module.exit_json(**result)
        result['changed'] = True
        if module._diff:
            result['diff'] = dict(before='%s: %s\n' % (name, state), after='%s: %s\n' % (name, target))
        if module.check_mode:
            module.exit_json(**result)
        if wanted == 'up':
            rc, status = ppptui.run(['connect', name, '--wait', str(module.params['wait'])], accept=(0, EXIT_LINK_DOWN))
            result.update(state=status.get('state'), status=status)
            if rc == EXIT_LINK_DOWN:
                # status carries ppptui's diagnosis (cause, fix, evidence lines).
                module.fail_json(msg='%s did not come up: %s' % (name, status.get('reason')), **result)
        else:
            _, outcome = ppptui.run(['disconnect', name])
            result.update(state='Down', outcome=outcome)
    except PppTuiError as error:
        ppptui.fail(error, **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
