#!/usr/bin/env python3
"""Verifies every Open Badges 3.0 credential of a built site with openbadgeslib's Data Integrity
verifier (eddsa-rdfc-2022), the issuer's did:web DID document read from the built site itself,
and checks that a credential with one signed value changed is rejected.

    verify-credentials.py OUTPUT BASE_URL

OUTPUT is the web root `sitegen build` wrote, BASE_URL the site's base URL (https://host/path/):
a did:web document URL under it is read from OUTPUT instead of the network. A credential past
its validUntil is reported as expired: the signature must still verify (checked with the clock
moved back), and that is the only failure allowed. Exit status 1 on any other failure.
"""
import copy
import glob
import json
import os
import sys
from unittest import mock

from openbadgeslib.ob3 import ldp


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    output, base = sys.argv[1], sys.argv[2]
    if not base.endswith('/'):
        base += '/'

    def download(url, *args, **kwargs):
        if not url.startswith(base) and not url.replace('/.well-known/', '/', 1).startswith(base):
            raise RuntimeError('not served by this site: ' + url)
        relative = url[len(base):] if url.startswith(base) else url.split('/', 3)[3]
        with open(os.path.join(output, relative), 'rb') as f:
            return f.read()

    files = sorted(glob.glob(os.path.join(output, 'awards', '*', 'credential.json')))
    if not files:
        sys.exit('no credentials under %s/awards' % output)
    failures, expired, tampered = [], 0, 0
    for path in files:
        with open(path, encoding='utf-8') as f:
            document = json.load(f)
        did = document['issuer']['id']
        try:
            ldp.OB3LdpVerifier.for_issuer_did(did).verify(document, download=download)
        except Exception as error:  # noqa: BLE001 - any failure is reported
            if 'expired' not in str(error):
                failures.append('%s: %s' % (path, error))
                continue
            expired += 1
            # Expired is a policy verdict, not a broken proof: the signature must still hold.
            valid_from = document['validFrom']
            with mock.patch.object(ldp, '_check_validity_window', lambda credential: None):
                try:
                    ldp.OB3LdpVerifier.for_issuer_did(did).verify(document, download=download)
                except Exception as inner:  # noqa: BLE001
                    failures.append('%s (expired, issued %s): %s' % (path, valid_from, inner))
                    continue
        # One signed value changed must break the proof.
        forged = copy.deepcopy(document)
        forged['credentialSubject']['achievement']['name'] += ' (forged)'
        try:
            with mock.patch.object(ldp, '_check_validity_window', lambda credential: None):
                ldp.OB3LdpVerifier.for_issuer_did(did).verify(forged, download=download)
            failures.append('%s: a forged copy verified' % path)
        except Exception:  # noqa: BLE001
            tampered += 1
    print('openbadgeslib: %d credentials verified (%d of them expired, signatures valid), '
          '%d forged copies rejected, %d failures' % (len(files) - len(failures), expired, tampered, len(failures)))
    for failure in failures[:20]:
        print('  FAIL ' + failure)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
