#!/usr/bin/python
# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ppptui_profile
short_description: A pppd connection profile (PPTP, PPPoE, modem) managed by ppptui
description:
  - Creates, changes or deletes a ppptui profile and writes its files (the peers file, the
    chap-secrets or pap-secrets record, the chat script) the way C(ppptui new) and
    C(ppptui set --apply) do it, atomically and with backups.
  - Idempotent. ppptui itself says whether applying would change a file (C(ppptui set --check --json));
    the task is changed only then, so a second run reports nothing changed.
  - Supports check mode (nothing is written; the change is predicted) and diff mode (ppptui's
    unified diff of every file, secrets masked).
  - The password and PIN reach ppptui on its standard input only, never on a command line.
version_added: 0.1.0
options:
  name:
    description: The profile name (also the peers file name, as in C(pppd call NAME)).
    type: str
    required: true
  state:
    description: C(present) creates or updates the profile and its files; C(absent) deletes them (with backups).
    type: str
    choices: [present, absent]
    default: present
  kind:
    description:
      - The connection kind (C(ppptui new --kind)), e.g. C(pptp), C(pppoe), C(modem).
      - Required to create a profile. A profile of another kind is not converted; the task fails.
    type: str
  fields:
    description:
      - Settings, as the options of C(ppptui set) without the dashes (C(server), C(user), C(mtu),
        C(mppe), C(default_route), C(persist), ...; see C(ppptui set --help)).
      - C(true) and C(false) become C(yes) and C(no); a list becomes a comma-separated value.
      - Settings not given are left as they are.
    type: dict
    default: {}
  password:
    description: The password, written to the secrets record only (mode 0600). Never logged.
    type: str
  pin:
    description: The SIM PIN of a modem profile. Never logged.
    type: str
  root:
    description: Work on the files under this folder instead of C(/) (C(ppptui --root)), e.g. a sandbox.
    type: path
  binary:
    description: The ppptui executable; by default C(ppptui) on the PATH or in C(/usr/local/bin).
    type: path
notes:
  - A file edited by hand since ppptui wrote it is never overwritten silently; the task fails with
    ppptui's diff of the edit. Look, then run C(ppptui apply NAME --force) on that host.
author: ppptui maintainers
'''

EXAMPLES = r'''
- name: Office VPN on every client
  ppptui.ppp.ppptui_profile:
    name: office
    kind: pptp
    fields:
      server: vpn.example.com
      user: alice
      mtu: 1400
      persist: true
    password: "{{ vault_office_password }}"

- name: No more modem
  ppptui.ppp.ppptui_profile:
    name: backup-lte
    state: absent
'''

RETURN = r'''
files:
  description: The files that changed (or, in check mode, would change), system paths.
  returned: always
  type: list
  elements: str
notes:
  description: ppptui's notes about the files (e.g. a secrets file that was readable by others).
  returned: when present
  type: list
  elements: str
removed:
  description: What deleting removed (state=absent).
  returned: when a profile was deleted
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.six import string_types
from ansible_collections.ppptui.ppp.plugins.module_utils.ppptui import (
    COMMON_ARGUMENT_SPEC, EXIT_NOT_FOUND, PppTui, PppTuiError)


def field_arguments(fields):
    args = []
    for key, value in sorted(fields.items()):
        if value is None:
            continue
        if isinstance(value, bool):
            value = 'yes' if value else 'no'
        elif isinstance(value, (list, tuple)):
            value = ','.join(str(v) for v in value)
        elif not isinstance(value, string_types):
            value = str(value)
        args += ['--' + key.replace('_', '-'), value]
    return args


def present(module, ppptui, result):
    name, kind = module.params['name'], module.params['kind']
    rc, shown = ppptui.run(['show', name], accept=(0, EXIT_NOT_FOUND))
    exists = rc == 0
    if exists and kind and shown.get('kind') != kind:
        module.fail_json(msg='profile %s is a %s profile, not %s' % (name, shown.get('kind'), kind),
                         fix='Delete it first (state: absent), then create it with the new kind.', **result)
    if not exists and not kind:
        module.fail_json(msg='profile %s does not exist, and creating it needs kind' % name, **result)

    secrets, secret_args = [], []
    for secret in ('password', 'pin'):
        if module.params[secret] is not None:
            # ppptui reads the password first, then the PIN, one line each.
            secrets.append(module.params[secret])
            secret_args.append('--%s-stdin' % secret)
    verb = ['set', name] if exists else ['new', name, '--kind', kind]
    args = verb + field_arguments(module.params['fields']) + secret_args

    # ppptui's own dry run decides: the same plan a real run writes, the profile file included.
    _, plan = ppptui.run(args + ['--check'], secrets)
    changing = [f for f in plan['files'] if f['changes']]
    result['changed'] = plan['changes']
    result['files'] = [f['path'] for f in changing]
    if plan.get('notes'):
        result['notes'] = plan['notes']
    if module._diff and changing:
        result['diff'] = dict(prepared=''.join(f['diff'] for f in changing))
    for edited in (f for f in changing if f.get('edited_on_disk')):
        # The dry run cannot fail for it, but the real run will: say so now.
        module.warn('%s was edited by hand since ppptui wrote it; applying will refuse '
                    '(look with ppptui diff %s, then ppptui apply %s --force)' % (edited['path'], name, name))
    if not plan['changes'] or module.check_mode:
        return
    # set --apply writes the files too (set alone only saves the profile).
    _, applied = ppptui.run(args + (['--apply'] if exists else []), secrets)
    result['changed'] = applied['changed']
    result['files'] = applied['written']
    if applied.get('notes'):
        result['notes'] = applied['notes']


def absent(module, ppptui, result):
    name = module.params['name']
    rc, shown = ppptui.run(['show', name], accept=(0, EXIT_NOT_FOUND))
    if rc == EXIT_NOT_FOUND:
        return
    result['changed'] = True
    if module._diff:
        result['diff'] = dict(before_header='profile %s (%s)' % (name, shown.get('kind')), after_header='(deleted)',
                              before='profile %s, its peers file and its own secrets record\n' % name, after='')
    if module.check_mode:
        return
    _, deleted = ppptui.run(['delete', name])
    result['removed'] = deleted['removed']


def main():
    argument_spec = dict(
        name=dict(type='str', required=True),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        kind=dict(type='str'),
        fields=dict(type='dict', default={}),
        password=dict(type='str', no_log=True),
        pin=dict(type='str', no_log=True),
    )
    argument_spec.update(COMMON_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    ppptui = PppTui(module)
    result = dict(changed=False, name=module.params['name'], files=[])
    try:
        if module.params['state'] == 'present':
            present(module, ppptui, result)
        else:
            absent(module, ppptui, result)
    except PppTuiError as error:
        ppptui.fail(error, **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
