#!/usr/bin/env python3
"""Test vectors for jianmei's evidence formats (doc/evidence_format.md), computed from the
document alone with Python's hashlib, json and base64 and the RFC 8032 reference Ed25519 below:
nothing here calls or copies jianmei's own code or output.

    scripts/evidence_vectors.py > tests/evidence/vectors.json

src/evidence/vectors_test.cc checks the C++ implementation against the file; another verifier
can run the same vectors."""
import base64
import hashlib
import json
import struct
import sys


def sha256(b):
    return hashlib.sha256(b).digest()


# ---- Ed25519, RFC 8032 section 6 (reference implementation, deterministic signatures)
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
I = pow(2, (P - 1) // 4, P)


def _recover_x(y, sign):
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * I % P
    if x % 2 != sign:
        x = P - x
    return x


G_Y = 4 * pow(5, P - 2, P) % P
G = (_recover_x(G_Y, 0), G_Y, 1, _recover_x(G_Y, 0) * G_Y % P)


def _add(a, b):
    A = (a[1] - a[0]) * (b[1] - b[0]) % P
    B = (a[1] + a[0]) * (b[1] + b[0]) % P
    C = 2 * a[3] * b[3] * D % P
    Dd = 2 * a[2] * b[2] % P
    E, F, Gg, H = B - A, Dd - C, Dd + C, B + A
    return (E * F % P, Gg * H % P, F * Gg % P, E * H % P)


def _mul(s, p):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, p)
        p = _add(p, p)
        s >>= 1
    return q


def _compress(p):
    zinv = pow(p[2], P - 2, P)
    x, y = p[0] * zinv % P, p[1] * zinv % P
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


def _expand(seed):
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, h[32:]


def ed25519_public(seed):
    a, _ = _expand(seed)
    return _compress(_mul(a, G))


def ed25519_sign(seed, msg):
    a, prefix = _expand(seed)
    pub = _compress(_mul(a, G))
    r = int.from_bytes(hashlib.sha512(prefix + msg).digest(), "little") % L
    R = _compress(_mul(r, G))
    k = int.from_bytes(hashlib.sha512(R + pub + msg).digest(), "little") % L
    return R + int.to_bytes((r + k * a) % L, 32, "little")


# ---- entry encoding ("Entry")
def text(s):
    b = s.encode("utf-8")
    return struct.pack(">I", len(b)) + b


def encode_entry(e):
    out = b"JMEV" + bytes([1, {"capture": 1, "complaint": 2}[e["kind"]]])
    for f in ("recorded_at", "url", "author", "platform", "posted_at", "text", "body"):
        out += text(e.get(f, ""))
    atts = e.get("attachments", [])
    out += struct.pack(">I", len(atts))
    for a in atts:
        out += bytes.fromhex(a["sha256"]) + struct.pack(">Q", a["size"])
        out += text(a["media_type"]) + text(a["name"])
    return out


def leaf_hash(b):
    return sha256(b"\x00" + b)


def node_hash(l, r):
    return sha256(b"\x01" + l + r)


# ---- RFC 9162 section 2.1, written from the definitions (recursive)
def split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves):
    if not leaves:
        return sha256(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = split(len(leaves))
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def path(m, leaves):
    if len(leaves) <= 1:
        return []
    k = split(len(leaves))
    if m < k:
        return path(m, leaves[:k]) + [mth(leaves[k:])]
    return path(m - k, leaves[k:]) + [mth(leaves[:k])]


def subproof(m, leaves, b):
    n = len(leaves)
    if m == n:
        return [] if b else [mth(leaves)]
    k = split(n)
    if m <= k:
        return subproof(m, leaves[:k], b) + [mth(leaves[k:])]
    return subproof(m - k, leaves[k:], False) + [mth(leaves[:k])]


def b64(b):
    return base64.b64encode(b).decode()  # RFC 4648 section 4: standard alphabet, padded


def main():
    png = b"\x89PNG\r\n\x1a\n fake image bytes"
    entries = [
        {"kind": "capture", "recorded_at": "2025-03-01T10:00:00+08:00",
         "url": "https://example.com/p/1", "author": "账号1", "platform": "weibo",
         "posted_at": "2025-02-28T21:15:00+08:00", "text": "小腿神经阻断术 零风险", "body": "",
         "attachments": []},
        {"kind": "capture", "recorded_at": "2025-03-01T10:05:00Z", "url": "", "author": "",
         "platform": "", "posted_at": "", "text": "", "body": "",
         "attachments": [{"sha256": sha256(png).hex(), "size": len(png), "media_type": "image/png",
                          "name": "截图.png"}]},
    ]
    complaint = {"procedure": "隆乳术", "institution": "深圳眠松医疗美容诊所",
                 "narrative": "术后感染\n诊所称\"无风险\"，拒绝退款 \\ 另付 1/2", "date": "2025-02-10",
                 "harms": ["感染", "二次手术"], "appraisal": "十级伤残", "paid_cents": 3880000,
                 "evidence_ids": [0, 1]}
    # Canonical JSON: keys sorted, no whitespace, UTF-8 (not \\u escapes) for non-ASCII, the JSON
    # short escapes for " \\ and \\n \\r \\t \\b \\f, \\u00xx for other control characters.
    body = json.dumps(complaint, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    entries.append({"kind": "complaint", "recorded_at": "2025-03-02T09:00:00Z", "url": "",
                    "author": "", "platform": "", "posted_at": "", "text": complaint["narrative"],
                    "body": body, "attachments": []})
    entry_vectors = []
    leaves = []
    for e in entries:
        b = encode_entry(e)
        leaves.append(leaf_hash(b))
        entry_vectors.append({"input": e, "bytes_hex": b.hex(), "leaf_hash_hex": leaves[-1].hex()})

    # A tree of 7 leaves: the three entries, then four short test strings.
    for i in range(4):
        leaves.append(leaf_hash(b"leaf " + str(i).encode()))
    tree = {"leaf_inputs": ["entries[0..2] bytes, then 'leaf 0'..'leaf 3'"],
            "leaf_hashes_hex": [h.hex() for h in leaves],
            "roots_hex": {str(n): mth(leaves[:n]).hex() for n in range(0, len(leaves) + 1)},
            "inclusion": [{"index": m, "size": n, "proof_b64": [b64(h) for h in path(m, leaves[:n])]}
                          for n in (1, 3, 5, 7) for m in range(n)],
            "consistency": [{"size1": m, "size2": n,
                             "proof_b64": [b64(h) for h in subproof(m, leaves[:n], True)]}
                            for n in (3, 7) for m in range(1, n + 1)]}

    seed = bytes(range(32))
    origin = "jianmei.local/evidence/" + sha256(ed25519_public(seed)).hex()[:16]
    pub = ed25519_public(seed)
    key_id = sha256(origin.encode() + b"\n" + b"\x01" + pub)[:4]
    cp_body = f"{origin}\n{len(leaves)}\n{b64(mth(leaves))}\n"
    sig = ed25519_sign(seed, cp_body.encode())
    note = cp_body + "\n" + f"\u2014 {origin} {b64(key_id + sig)}\n"
    signer_material, verifier_material = b64(b"\x01" + seed), b64(b"\x01" + pub)
    checkpoint = {
        "seed_hex": seed.hex(), "public_key_hex": pub.hex(), "origin": origin,
        "key_id_hex": key_id.hex(),
        "signer_key": f"PRIVATE+KEY+{origin}+{key_id.hex()}+{signer_material}",
        "verifier_key": f"{origin}+{key_id.hex()}+{verifier_material}",
        "body": cp_body, "note": note}

    doc = {"about": "jianmei evidence test vectors; generated by scripts/evidence_vectors.py "
                    "from doc/evidence_format.md with hashlib and RFC 8032 Ed25519",
           "complaint": {"record": complaint, "canonical_json": body},
           "entries": entry_vectors, "tree": tree, "checkpoint": checkpoint}
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
