#!/usr/bin/env python3
"""Splits the real-case corpus into a frozen test third and a dev rest.

Usage: scripts/realworld_split.py PART.jsonl... -o tests/realworld
       scripts/realworld_split.py --holdout NAME PART.jsonl... -o tests/realworld

The second form writes every record of its parts to NAME.jsonl: a later batch kept whole as a
held-out set, never trained or tuned on.

Each record goes to the test split when sha256("jianmei-realworld-2026-12-07" + text) is 0 mod 3,
so a record's split depends on nothing but its own text: records added later never move earlier
ones. Ids are assigned per part in file order (rw-<part>-NNN). Records are validated: text,
labels (design §3 categories), kind, source with title/url/date/authority.
"""
import argparse, hashlib, json, os, sys

SEED = "jianmei-realworld-2026-12-07"
CATEGORIES = {
    "non_catalog_procedure", "beyond_licence_scope", "unlicensed_provider", "unapproved_drug_device",
    "guarantee_efficacy_safety", "cure_or_effective_rate", "testimonial_or_endorser", "paid_promotion",
    "disguised_ad", "appearance_anxiety", "absolute_terms", "misleading_price", "false_credentials",
}


def in_test(text):
    return int(hashlib.sha256((SEED + text).encode()).hexdigest(), 16) % 3 == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("parts", nargs="+")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--holdout", help="write every record to HOLDOUT.jsonl instead of splitting")
    args = ap.parse_args()
    dev, test, seen = [], [], set()
    for part in args.parts:
        name = os.path.splitext(os.path.basename(part))[0]
        for n, line in enumerate(open(part, encoding="utf-8"), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            where = f"{part}:{n}"
            if not r.get("text"):
                sys.exit(f"{where}: no text")
            if r["text"] in seen:
                sys.exit(f"{where}: duplicate text")
            seen.add(r["text"])
            bad = set(r.get("labels", [])) - CATEGORIES
            if bad:
                sys.exit(f"{where}: unknown labels {sorted(bad)}")
            kind = "positive" if r.get("labels") else "negative"
            if r.get("kind") != kind:
                sys.exit(f"{where}: kind {r.get('kind')!r} but labels say {kind}")
            src = r.get("source") or {}
            for k in ("title", "url", "authority"):
                if not src.get(k):
                    sys.exit(f"{where}: source has no {k}")
            rec = {"id": f"rw-{name}-{n:03d}", **r}
            (test if args.holdout or in_test(r["text"]) else dev).append(rec)
    outputs = (((args.holdout + ".jsonl", test),) if args.holdout else
               (("dev.jsonl", dev), ("test.jsonl", test)))
    for fname, recs in outputs:
        with open(os.path.join(args.out, fname), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{args.holdout} {len(test)}" if args.holdout else f"dev {len(dev)}  test {len(test)}")


if __name__ == "__main__":
    main()
