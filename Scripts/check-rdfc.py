#!/usr/bin/env python3
"""pyld's RDF canonicalization (URDNA2015 = RDFC-1.0) of JSON-LD files, against sitegen's.

Offline: the only contexts served are the pinned ones vendored under
Tests/SitegenLinkedDataTests/Fixtures/Contexts (the bytes openbadgeslib ships); any other
@context URL is an error, as it is for sitegen.

    check-rdfc.py [--sitegen BIN] [--write] PATH...

PATH is a JSON file or a folder of them (*.json, not recursive). For each file:
- a credential with an embedded `proof` is checked as eddsa-rdfc-2022 signs it: the document
  without `proof`, and the proof configuration (the proof without `proofValue`, given the
  document's @context); anything else is canonicalised as it is;
- with --sitegen BIN (the `sitegen-rdfc` executable), BIN's canonical N-Quads must equal pyld's
  byte for byte;
- without it, pyld's output must equal the committed `<name>.nq` next to the file (for signed
  credentials `<name>.document.nq` and `<name>.proof.nq`); --write (re)writes those files instead:
  that is how the test fixtures are made.
Exit status 1 on any difference, naming the file and the first differing line.
"""
import json
import os
import subprocess
import sys

from pyld import jsonld

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTEXTS = os.path.join(ROOT, 'Tests', 'SitegenLinkedDataTests', 'Fixtures', 'Contexts')
PINNED = {
    'https://www.w3.org/ns/credentials/v2': 'credentials-v2.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-v3p0-context-3.0.3.json',
}


def load_document(url, options=None):
    name = PINNED.get(url)
    if name is None:
        raise jsonld.JsonLdError('context not pinned: ' + url, 'jsonld.LoadDocumentError')
    with open(os.path.join(CONTEXTS, name), encoding='utf-8') as f:
        return {'contextUrl': None, 'documentUrl': url, 'document': json.load(f)}


def canonical(document):
    return jsonld.normalize(document, {
        'algorithm': 'URDNA2015', 'format': 'application/n-quads',
        'documentLoader': load_document, 'safe': False,
    }).encode('utf-8')


def parts(path):
    """(suffix, JSON value) pairs to canonicalise for one file."""
    with open(path, 'rb') as f:
        document = json.loads(f.read().decode('utf-8'))
    if isinstance(document, dict) and isinstance(document.get('proof'), dict):
        unsigned = {k: v for k, v in document.items() if k != 'proof'}
        config = {k: v for k, v in document['proof'].items() if k != 'proofValue'}
        config['@context'] = document['@context']
        return [('.document', unsigned), ('.proof', config)]
    return [('', document)]


def first_difference(a, b):
    la, lb = a.split(b'\n'), b.split(b'\n')
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return 'line %d:\n  pyld:    %r\n  sitegen: %r' % (i + 1, x, y)
    return 'line count %d (pyld) vs %d' % (len(la), len(lb))


def main(argv):
    sitegen, write, paths = None, False, []
    args = iter(argv)
    for arg in args:
        if arg == '--sitegen':
            sitegen = next(args)
        elif arg == '--write':
            write = True
        else:
            paths.append(arg)
    files = []
    for path in paths:
        if os.path.isdir(path):
            files += sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith('.json'))
        else:
            files.append(path)
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    failures = 0
    for path in files:
        for suffix, value in parts(path):
            expected = canonical(value)
            base = path[:-len('.json')] + suffix
            if sitegen:
                args = [sitegen] + (['--part', suffix[1:]] if suffix else []) + [path]
                run = subprocess.run(args, capture_output=True)
                actual = run.stdout if run.returncode == 0 else b'error: ' + run.stderr
            elif write:
                with open(base + '.nq', 'wb') as f:
                    f.write(expected)
                continue
            else:
                with open(base + '.nq', 'rb') as f:
                    actual = f.read()
            if actual != expected:
                failures += 1
                print('%s%s: differs from pyld at %s' % (path, suffix, first_difference(expected, actual)))
    print('%d file(s), %d difference(s)' % (len(files), failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
