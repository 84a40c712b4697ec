# -*- coding: utf-8 -*-
"""Runs ppptui on the managed host with --json and turns its answers and failures into Python.

Every module of the collection goes through here, so each calls ppptui the same way: the same
binary lookup, the same --root, JSON on stdout, one JSON error object on stderr. Secrets only ever
travel on stdin (ppptui's --password-stdin and --pin-stdin), never on a command line.
"""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

# ppptui's documented exit codes (README, "Exit codes").
EXIT_OK = 0
EXIT_NOT_FOUND = 3
EXIT_LINK_DOWN = 7

COMMON_ARGUMENT_SPEC = dict(
    root=dict(type='path'),
    binary=dict(type='path'),
)


class PppTuiError(Exception):
    def __init__(self, rc, message, fix=None, details=None):
        super(PppTuiError, self).__init__(message)
        self.rc = rc
        self.message = message
        self.fix = fix
        self.details = details or {}


class PppTui(object):
    def __init__(self, module):
        self.module = module
        binary = module.params.get('binary')
        if not binary:
            # /usr/local/bin is where the collection's install role puts it; sudo's PATH may lack it.
            binary = module.get_bin_path('ppptui', required=False, opt_dirs=['/usr/local/bin'])
        if not binary:
            module.fail_json(msg='ppptui is not installed on this host',
                             fix='Run the ppptui.ppp.install role first, or give its path in the binary option.')
        self.binary = binary
        self.root = module.params.get('root')

    def command(self, args):
        cmd = [self.binary]
        if self.root:
            cmd += ['--root', self.root]
        return cmd + ['--json'] + list(args)

    def run(self, args, secrets=None, accept=(EXIT_OK,)):
        """Runs one verb; returns (rc, parsed stdout). secrets: lines for stdin, in the order the verb reads them."""
        data = '\n'.join(secrets) if secrets else None
        rc, out, err = self.module.run_command(self.command(args), data=data, check_rc=False)
        if rc not in accept:
            raise self._error(rc, out, err)
        try:
            return rc, json.loads(out) if out.strip() else None
        except ValueError:
            raise PppTuiError(rc, 'ppptui %s printed no JSON' % args[0], details=dict(stdout=out, stderr=err))

    @staticmethod
    def _error(rc, out, err):
        # With --json ppptui writes each failure as one JSON object per line on stderr; the last is the verdict.
        for line in reversed(err.strip().splitlines()):
            try:
                problem = json.loads(line)
            except ValueError:
                continue
            if isinstance(problem, dict) and 'message' in problem:
                return PppTuiError(rc, problem.get('message'), problem.get('fix'),
                                   dict((k, v) for k, v in problem.items() if k not in ('message', 'fix') and v is not None))
        return PppTuiError(rc, (err or out).strip() or 'ppptui failed with exit code %d' % rc)

    def fail(self, error, **result):
        result.update(error.details)
        if error.fix:
            result['fix'] = error.fix
        self.module.fail_json(msg=error.message, rc=error.rc, **result)
