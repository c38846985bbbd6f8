#!/usr/bin/env python3
"""SHA-512 digests from Python's hashlib for every message length 0...300, the fixture
Tests/SitegenDigestTests/Fixtures/sha512-lengths.txt: lengths around the 112- and 128-byte
padding boundaries of one and two blocks. Message byte i is (i * 7 + 3) mod 256.
Run: python3 Scripts/sha512-length-vectors.py > Tests/SitegenDigestTests/Fixtures/sha512-lengths.txt"""
import hashlib

print("# length sha512(bytes((i * 7 + 3) % 256 for i in range(length))), from Python hashlib")
for length in range(301):
    message = bytes((i * 7 + 3) % 256 for i in range(length))
    print(length, hashlib.sha512(message).hexdigest())
