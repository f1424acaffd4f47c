#!/usr/bin/env bash
# The registry at national scale through the commands themselves (issue #24): a registry of COUNT
# institutions (default 1,000,000) in the proportions of the real register (bench/registry_gen,
# bench/registry_generator.h), then on this machine:
#   import     `jianmei registry import` of the generated CSV: wall time and peak RSS
#   first      the first `check` after the import: compiles the name matcher and caches it
#   check      one-line `check` afterwards (median of 5): wall time and peak RSS
#   qualify    `qualify` by licence and by registered name (median of 5 each): wall time, RSS
#   scan       `scan --threads 1` of POSTS generated posts (bench_gen) with the 23-institution demo
#              registry and with the big one, alternating, ROUNDS rounds: median wall times and
#              their ratio (big / demo; 1.10 = 10% slower)
# Usage: bench/registry_scale.sh BUILD_DIR [COUNT] [POSTS] [ROUNDS]
# Needs GNU time (/usr/bin/time) for peak RSS. Takes a few minutes at a million.
set -euo pipefail
usage="usage: bench/registry_scale.sh BUILD_DIR [COUNT] [POSTS] [ROUNDS]"
build=${1:?$usage}
count=${2:-1000000}
posts=${3:-100000}
rounds=${4:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
jianmei="$build/jianmei"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "wall_s peak_rss_kB" of a command, its output discarded.
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
    echo "failed: $*" >&2
    cat "$work/stderr" >&2
    exit 1
  }
  cat "$work/time"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f MB", k / 1024}'; }

echo "generating $count institutions and $posts posts ..."
"$build/bench/registry_gen" "$count" 1 > "$work/institutions.csv"
mkdir -p "$work/posts"
"$build/bench/bench_gen" "$work/posts" "$posts" "$root/kb" > /dev/null
big="$work/big"
demo="$work/demo"
mkdir -p "$big" "$demo"
JIANMEI_HOME="$demo" "$jianmei" registry import "$root/samples/registry/institutions.csv" > /dev/null
JIANMEI_HOME="$demo" "$jianmei" registry import "$root/samples/registry/doctors.csv" > /dev/null

read -r import_s import_kb < <(JIANMEI_HOME="$big" measure "$jianmei" registry import "$work/institutions.csv")
echo "import: ${import_s} s, peak RSS $(mb "$import_kb") ($(wc -c < "$work/institutions.csv") bytes of CSV)"
echo "  database: $(du -m "$big/jianmei.db" | cut -f1) MB"

line="仁和医美新店开业，隆鼻玻尿酸特价，王丽华医生亲自操作，私信预约"
read -r first_s first_kb < <(JIANMEI_HOME="$big" measure "$jianmei" check "$line")
echo "first check (compiles the name matcher): ${first_s} s, peak RSS $(mb "$first_kb")"
grep -h "compiled" "$work/stderr" | sed 's/^/  /' || true
echo "  cache: $(du -m "$big/cache" | tail -1 | cut -f1) MB in $big/cache"

for i in 1 2 3 4 5; do JIANMEI_HOME="$big" measure "$jianmei" check "$line"; done > "$work/check"
echo "check: median $(cut -d' ' -f1 "$work/check" | median) s (runs: $(cut -d' ' -f1 "$work/check" | tr '\n' ' ')), peak RSS $(mb "$(cut -d' ' -f2 "$work/check" | median)")"
for i in 1 2 3 4 5; do JIANMEI_HOME="$demo" measure "$jianmei" check "$line"; done > "$work/check_demo"
echo "  (with the demo registry: median $(cut -d' ' -f1 "$work/check_demo" | median) s, peak RSS $(mb "$(cut -d' ' -f2 "$work/check_demo" | median)"))"

licence=$(sed -n '500001p;500001q' "$work/institutions.csv" | cut -d, -f1)
[ -n "$licence" ] || licence=$(sed -n '2p' "$work/institutions.csv" | cut -d, -f1)
name=$(grep -m1 '医疗美容门诊部有限公司' "$work/institutions.csv" | cut -d, -f2)
for how in licence name; do
  what=$licence
  [ "$how" = name ] && what=$name
  for i in 1 2 3 4 5; do
    JIANMEI_HOME="$big" /usr/bin/time -f '%e %M' -o "$work/time" "$jianmei" qualify --institution "$what" \
      --procedure 隆胸 > /dev/null 2>&1 || true
    cat "$work/time"
  done > "$work/qualify_$how"
  echo "qualify by $how ($what): median $(cut -d' ' -f1 "$work/qualify_$how" | median) s, peak RSS $(mb "$(cut -d' ' -f2 "$work/qualify_$how" | median)")"
done
for i in 1 2 3 4 5; do
  JIANMEI_HOME="$demo" /usr/bin/time -f '%e %M' -o "$work/time" "$jianmei" qualify --institution 眠松医美 \
    --procedure 隆胸 > /dev/null 2>&1 || true
  cat "$work/time"
done > "$work/qualify_demo"
echo "  (with the demo registry: median $(cut -d' ' -f1 "$work/qualify_demo" | median) s)"

: > "$work/scan_demo"
: > "$work/scan_big"
for r in $(seq "$rounds"); do
  for which in demo big; do
    home=$demo
    [ "$which" = big ] && home=$big
    JIANMEI_HOME="$home" measure "$jianmei" scan --threads 1 "$work/posts/posts.jsonl" >> "$work/scan_$which"
  done
done
d=$(cut -d' ' -f1 "$work/scan_demo" | median)
b=$(cut -d' ' -f1 "$work/scan_big" | median)
echo "scan of $posts posts, --threads 1, median of $rounds: demo registry ${d} s ($(cut -d' ' -f1 "$work/scan_demo" | tr '\n' ' ')), big ${b} s ($(cut -d' ' -f1 "$work/scan_big" | tr '\n' ' ')); ratio $(awk -v b="$b" -v d="$d" 'BEGIN {printf "%.2f", b / d}'); peak RSS big $(mb "$(cut -d' ' -f2 "$work/scan_big" | median)")"
