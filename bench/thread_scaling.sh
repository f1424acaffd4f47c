#!/usr/bin/env bash
# Does `jianmei scan` get two cores' worth of work out of two threads? Rounds of three runs:
#   1t   `scan --threads 1` over FILE
#   2t   `scan --threads 2` over FILE
#   2p   two `scan --threads 1` processes at once, each over half of FILE: what this machine gives
#        two independent single-threaded scans in the same minute (its ceiling for 2t)
# On a shared VM one core's speed drifts by a third from minute to minute, so a single pair of
# runs says little: the order of the three runs rotates from round to round, the ratios are
# taken within each round, and their median is printed. 2t/2p near 1 means the threads do as
# well as the machine lets two independent scans do. CPU seconds (user + system, all threads)
# show whether a core runs slower while the other is busy.
# Usage: bench/thread_scaling.sh BUILD_DIR POSTS.jsonl [ROUNDS]
set -euo pipefail
usage="usage: bench/thread_scaling.sh BUILD_DIR POSTS.jsonl [ROUNDS]"
build=${1:?$usage}
posts=${2:?$usage}
rounds=${3:-7}
jianmei="$build/jianmei"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lines=$(wc -l < "$posts")
head -n $((lines / 2)) "$posts" > "$work/a.jsonl"
tail -n +$((lines / 2 + 1)) "$posts" > "$work/b.jsonl"

scan() { "$jianmei" scan --threads "$1" "$2" > /dev/null 2>&1; }
two_halves() {
  scan 1 "$work/a.jsonl" &
  local pid=$!
  scan 1 "$work/b.jsonl"
  wait "$pid"
}
# "wall cpu" seconds of one kind of run (bash's own timer: no GNU time needed).
measure() {
  local TIMEFORMAT='%R %U %S' out
  case $1 in
    1t) out=$({ time scan 1 "$posts"; } 2>&1) ;;
    2t) out=$({ time scan 2 "$posts"; } 2>&1) ;;
    2p) out=$({ time two_halves; } 2>&1) ;;
  esac
  awk '{ printf "%s %.2f", $1, $2 + $3 }' <<< "$out"
}
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The first scan would compile the lexicon's databases into the cache, inside round 1's timing.
"$jianmei" check x > /dev/null 2>&1 || true
echo "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $lines posts ($(du -h "$posts" | cut -f1)); $jianmei"
printf '%-5s %14s %14s %14s %7s %7s %7s\n' round "1t wall/cpu" "2t wall/cpu" "2p wall/cpu" 1t/2t 1t/2p 2p/2t
orders=("1t 2t 2p" "2t 2p 1t" "2p 1t 2t")
r2t=(); r2p=(); rpt=()
for ((r = 1; r <= rounds; r++)); do
  declare -A w=() c=()
  for kind in ${orders[$(((r - 1) % 3))]}; do
    read -r w[$kind] c[$kind] <<< "$(measure "$kind")"
  done
  a=$(ratio "${w[1t]}" "${w[2t]}"); b=$(ratio "${w[1t]}" "${w[2p]}"); d=$(ratio "${w[2p]}" "${w[2t]}")
  r2t+=("$a"); r2p+=("$b"); rpt+=("$d")
  printf '%-5s %7.2f/%-6.2f %7.2f/%-6.2f %7.2f/%-6.2f %6sx %6sx %6sx\n' "$r" "${w[1t]}" "${c[1t]}" \
    "${w[2t]}" "${c[2t]}" "${w[2p]}" "${c[2p]}" "$a" "$b" "$d"
  unset w c
done
printf 'medians: 1t/2t %sx, 1t/2p %sx, 2p/2t %sx (load average after: %s)\n' \
  "$(median "${r2t[@]}")" "$(median "${r2p[@]}")" "$(median "${rpt[@]}")" "$(cut -d' ' -f1 /proc/loadavg)"
