#!/usr/bin/env python3
"""Ed25519 signatures by an independent implementation, Python's `cryptography` package
(OpenSSL underneath), for Tests/SitegenSignatureTests/Fixtures/ed25519-cross-check.txt:
300 random seeds, each with a random message of 0...300 bytes (lengths around the SHA-512
block boundaries included). One line per case: seed, public key, message, signature, in hex
(an empty message is "-"). Random each run; the committed file is what the tests read.
Run: pip install cryptography && python3 Scripts/ed25519-cross-check-vectors.py \
       > Tests/SitegenSignatureTests/Fixtures/ed25519-cross-check.txt"""
import os
import random

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

print("# seed public-key message signature (hex; '-' for an empty message), by Python cryptography")
lengths = list(range(0, 10)) + [63, 64, 65, 95, 96, 97, 111, 112, 113, 127, 128, 129, 255, 256, 257]
while len(lengths) < 300:
    lengths.append(random.randrange(0, 301))
for length in lengths:
    seed = os.urandom(32)
    message = os.urandom(length)
    key = Ed25519PrivateKey.from_private_bytes(seed)
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    signature = key.sign(message)
    print(seed.hex(), public.hex(), message.hex() or "-", signature.hex())
