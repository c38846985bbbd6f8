#!/usr/bin/env python3
"""Random OB 3.0 credentials and random blank-node graphs, canonicalised by sitegen-rdfc and by
pyld, compared byte for byte (through check-rdfc.py).

    fuzz-rdfc.py SITEGEN_RDFC [COUNT] [SEED]

Credentials vary every field sitegen writes (alignment, evidence with and without ids, tags,
identity objects, status, proofs, numbers, hostile and non-ASCII text); the graphs link blank
nodes written with `_:` ids at random, so the n-degree hash algorithm is exercised. Deterministic
for a seed, so a failure can be replayed.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

WORDS = ['a', 'Zürich', '日本', '🎓', 'quote"d', 'back\\slash', 'new\nline', 'tab\there', '', ' ', 'x' * 40,
         '\u2028', 'é', 'cr\r', '<b>&amp;</b>']
CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']


def credential(rng):
    def text():
        return rng.choice(WORDS) + rng.choice(WORDS)

    def url():
        return rng.choice(['https://ex.org/', 'http://a.b/c?d=e#f', 'urn:uuid:1234', 'did:web:ex.org']) + rng.choice(['', 'x', 'y/z'])

    def maybe(p=0.5):
        return rng.random() < p

    def alignment():
        a = {'type': rng.choice(['Alignment', ['Alignment']]), 'targetName': text(), 'targetUrl': url()}
        if maybe():
            a['targetCode'] = text()
        if maybe():
            a['targetFramework'] = text()
        return a

    def evidence():
        e = {'type': rng.choice(['Evidence', ['Evidence']])}
        if maybe():
            e['id'] = url()
        if maybe():
            e['narrative'] = text()
        if maybe():
            e['name'] = text()
        return e

    achievement = {'type': ['Achievement'], 'name': text(),
                   'criteria': {'narrative': text()} if maybe(0.7) else {'id': url()}}
    if maybe():
        achievement['id'] = url()
    if maybe():
        achievement['description'] = text()
    if maybe():
        achievement['tag'] = [text() for _ in range(rng.randint(0, 4))]
    if maybe():
        achievement['alignment'] = [alignment() for _ in range(rng.randint(0, 3))]
    if maybe():
        achievement['image'] = {'id': url(), 'type': 'Image'} if maybe() else url()
    if maybe():
        achievement['achievementType'] = rng.choice(['Certificate', 'Badge'])
    if maybe(0.3):
        achievement['creditsAvailable'] = rng.choice([1, 2.5, 0.1, 3.0, 1e3])
    subject = {'type': ['AchievementSubject'], 'achievement': achievement}
    if maybe():
        subject['id'] = url()
    if maybe():
        subject['identifier'] = [{'type': 'IdentityObject', 'identityHash': text(), 'identityType': 'emailAddress',
                                  'hashed': maybe(), 'salt': text()}]
    document = {'@context': CONTEXTS, 'type': ['VerifiableCredential', 'OpenBadgeCredential'],
                'issuer': {'id': url(), 'type': 'Profile', 'name': text()} if maybe(0.8) else url(),
                'validFrom': '2024-01-01T00:00:00Z', 'credentialSubject': subject}
    if maybe():
        document['id'] = url()
    if maybe():
        document['name'] = text()
    if maybe():
        document['validUntil'] = '2030-01-01T00:00:00Z'
    if maybe():
        document['evidence'] = [evidence() for _ in range(rng.randint(0, 4))]
    if maybe():
        document['credentialStatus'] = {'id': url(), 'type': 'BitstringStatusListEntry', 'statusPurpose': 'revocation',
                                        'statusListIndex': str(rng.randint(0, 99999)), 'statusListCredential': url()}
    if maybe(0.4):
        document['proof'] = {'type': 'DataIntegrityProof', 'created': '2024-01-01T00:00:00Z', 'verificationMethod': url(),
                             'cryptosuite': 'eddsa-rdfc-2022', 'proofPurpose': 'assertionMethod', 'proofValue': 'z' + text()}
    return document


def graph(rng):
    count = rng.randint(2, 6)
    nodes = []
    for i in range(count):
        node = {'id': '_:n%d' % i, 'type': 'VerifiableCredential',
                'relatedResource': ['_:n%d' % o for o in rng.sample(range(count), rng.randint(0, count - 1))]}
        if rng.random() < 0.3:
            node['name'] = rng.choice(['a', 'b'])
        nodes.append(node)
    return {'@context': CONTEXTS[0], 'type': 'VerifiableCredential', 'relatedResource': nodes}


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    sitegen = argv[0]
    count = int(argv[1]) if len(argv) > 1 else 100
    rng = random.Random(int(argv[2]) if len(argv) > 2 else 1)
    with tempfile.TemporaryDirectory() as folder:
        for n in range(count):
            make = credential if n % 3 else graph
            with open(os.path.join(folder, '%04d.json' % n), 'w', encoding='utf-8') as f:
                json.dump(make(rng), f, ensure_ascii=rng.random() < 0.5)
        check = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'check-rdfc.py')
        return subprocess.run([sys.executable, check, '--sitegen', sitegen, folder]).returncode


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
