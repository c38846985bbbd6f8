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
import base64
import copy
import glob
import gzip
import json
import os
import re
import struct
import sys
from unittest import mock

from openbadgeslib.ob3 import did as dids, ldp


def baked_credential(path):
    """The OB 3.0 credential a baked image carries: PNG iTXt 'openbadgecredential', SVG
    <openbadges:credential> (CDATA sections joined). None when there is none."""
    with open(path, 'rb') as f:
        data = f.read()
    if path.endswith('.png'):
        offset = 8
        while offset + 8 <= len(data):
            length, kind = struct.unpack('>I4s', data[offset:offset + 8])
            body = data[offset + 8:offset + 8 + length]
            if kind == b'iTXt' and body.startswith(b'openbadgecredential\0'):
                # keyword NUL, compression flag and method, language NUL, translated keyword NUL
                rest = body[len(b'openbadgecredential\0') + 2:]
                rest = rest[rest.index(b'\0') + 1:]
                return rest[rest.index(b'\0') + 1:].decode('utf-8')
            offset += 12 + length
        return None
    match = re.search(rb'<openbadges:credential>(.*?)</openbadges:credential>', data, re.S)
    if not match:
        return None
    return b''.join(re.findall(rb'<!\[CDATA\[(.*?)\]\]>', match.group(1), re.S)).decode('utf-8')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    output, base = sys.argv[1], sys.argv[2]
    if not base.endswith('/'):
        base += '/'

    site = base.split('://', 1)[1]  # a did:web document is fetched over https, whatever the preview's scheme

    def download(url, *args, **kwargs):
        where = url.split('://', 1)[1]
        if where.startswith(site):
            relative = where[len(site):]
        elif where.endswith('/.well-known/did.json') and site.startswith(where.split('/', 1)[0] + '/'):
            relative = '.well-known/did.json'
        else:
            raise RuntimeError('not served by this site: ' + url)
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
    # The bits themselves, decoded here with Python's own base64 and gzip: set for exactly the
    # revoked awards.
    set_bits, revoked_places = set(), set()
    for path in lists:
        with open(path, encoding='utf-8') as f:
            status = json.load(f)
        number = int(os.path.basename(path)[:-len('.json')])
        encoded = status['credentialSubject']['encodedList']
        bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + '=' * (-len(encoded[1:]) % 4)))
        for byte, value in enumerate(bits):
            for bit in range(8):
                if value & (0x80 >> bit):
                    set_bits.add((number, byte * 8 + bit))
    for path in files:
        with open(path, encoding='utf-8') as f:
            entry = json.load(f)['credentialStatus']
        with open(os.path.dirname(path) + '.json', encoding='utf-8') as f:
            if json.load(f).get('revoked') is True:
                number = int(entry['statusListCredential'].rsplit('/', 1)[1][:-len('.json')])
                revoked_places.add((number, int(entry['statusListIndex'])))
    if set_bits != revoked_places:
        failures.append('status bits %s, but the revoked awards are at %s' % (sorted(set_bits), sorted(revoked_places)))

    # The baked images carry the same credential, which verifies.
    baked = 0
    for path in sorted(glob.glob(os.path.join(output, 'awards', '*', 'badge.*'))):
        carried = baked_credential(path)
        with open(os.path.join(os.path.dirname(path), 'credential.json'), encoding='utf-8') as f:
            published = f.read()
        if carried is None or json.loads(carried) != json.loads(published):
            failures.append('%s: does not carry the published credential' % path)
            continue
        try:
            with mock.patch.object(ldp, '_check_validity_window', lambda credential: None):
                ldp.OB3LdpVerifier.for_issuer_did(did).verify(carried, download=download)
            baked += 1
        except Exception as error:  # noqa: BLE001
            failures.append('%s: the baked credential fails: %s' % (path, error))
    print('%d status lists verified, their bits set for exactly the %d revoked awards; '
          '%d baked images carry a credential that verifies' % (len(lists), len(revoked_places), baked))
    print('openbadgeslib: %d credentials verified with their status lists (%d revoked and reported so, %d expired '
          'with valid signatures), %d forged copies rejected, %d failures'
          % (len(files) - len(failures), revoked, expired, tampered, len(failures)))
    for failure in failures[:20]:
        print('  FAIL ' + failure)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
