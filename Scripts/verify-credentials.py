#!/usr/bin/env python3
"""Verifies every Open Badges 3.0 credential of a built site with openbadgeslib's Data Integrity
verifier (eddsa-rdfc-2022), the issuer's did:web DID document and the signed revocation status
lists read from the built site itself, and checks that a credential with one signed value changed
is rejected.

    verify-credentials.py OUTPUT BASE_URL

OUTPUT is the web root `sitegen build` wrote, BASE_URL the site's base URL (https://host/path/):
a did:web document URL under it is read from OUTPUT instead of the network. A credential past
its validUntil is reported as expired: the signature must still verify (checked with the clock
moved back); a revoked award (its assertion says so) must be reported revoked by the status list;
those are the only failures allowed. Exit status 1 on any other failure.
"""
import copy
import glob
import json
import os
import sys
from unittest import mock

from openbadgeslib.ob3 import did as dids, ldp


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
    failures, expired, tampered, revoked = [], 0, 0, 0
    for path in files:
        with open(path, encoding='utf-8') as f:
            document = json.load(f)
        with open(os.path.dirname(path) + '.json', encoding='utf-8') as f:
            is_revoked = json.load(f).get('revoked') is True
        did = document['issuer']['id']

        def verify(window):
            """None when it verifies, else the error's text; `window` False leaves expiry out."""
            checking = ldp.OB3LdpVerifier.for_issuer_did(did)
            try:
                if window:
                    checking.verify(document, download=download, check_status=True, verify_status_list=False)
                else:
                    with mock.patch.object(ldp, '_check_validity_window', lambda credential: None):
                        checking.verify(document, download=download, check_status=True, verify_status_list=False)
            except Exception as error:  # noqa: BLE001 - any failure is reported
                return str(error)
            return None

        # openbadgeslib verifies only JWT status lists itself; ours carry Data Integrity proofs,
        # checked further down with its low-level verifier.
        problem = verify(window=True)
        if problem is not None and 'expired' in problem:
            # Expired is a policy verdict, not a broken proof: the signature must still hold,
            # and a revoked credential's bit must still be set.
            expired += 1
            problem = verify(window=False)
        if is_revoked:
            if problem is None or "status 'revocation' is set" not in problem:
                failures.append('%s: revoked, but: %s' % (path, problem or 'its status list says it stands'))
                continue
            revoked += 1
        elif problem is not None:
            failures.append('%s: %s' % (path, problem))
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
    # The status lists: each signed by the issuer's key (resolved from the DID document), and a
    # list with a changed bit rejected.
    lists = sorted(glob.glob(os.path.join(output, 'status', '*.json')))
    if not lists:
        failures.append('no status lists under %s/status' % output)
    for path in lists:
        with open(path, encoding='utf-8') as f:
            status = json.load(f)
        try:
            key = dids.resolve_verification_method(status['proof']['verificationMethod'], download=download)
            if status['issuer'] != did:
                raise RuntimeError('issued by %s, not %s' % (status['issuer'], did))
            ldp.verify_data_integrity_proof(status, key)
        except Exception as error:  # noqa: BLE001
            failures.append('%s: %s' % (path, error))
            continue
        forged = copy.deepcopy(status)
        encoded = forged['credentialSubject']['encodedList']
        forged['credentialSubject']['encodedList'] = encoded[:-2] + ('A' if encoded[-2] != 'A' else 'B') + encoded[-1]
        try:
            ldp.verify_data_integrity_proof(forged, key)
            failures.append('%s: a list with a changed bit verified' % path)
        except Exception:  # noqa: BLE001
            tampered += 1
    print('%d status lists verified' % len(lists))
    print('openbadgeslib: %d credentials verified with their status lists (%d revoked and reported so, %d expired '
          'with valid signatures), %d forged copies rejected, %d failures'
          % (len(files) - len(failures), revoked, expired, tampered, len(failures)))
    for failure in failures[:20]:
        print('  FAIL ' + failure)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
