// Runs one npm peer over the bench inputs: node peers.js PEER DIR → one JSON line with
// start-up ms, MB/s and posts/s over posts.txt, peak RSS, and recall per trick on evasion.tsv.
const fs = require('fs');
const [peer, dir] = process.argv.slice(2);
const terms = fs.readFileSync(dir + '/lexicon.txt', 'utf8').split('\n').filter(Boolean);
const posts = fs.readFileSync(dir + '/posts.txt', 'utf8').split('\n').filter(Boolean);
const t0 = process.hrtime.bigint();
let find;
if (peer === 'mint-filter') {
  const M = require('mint-filter'); const m = new (M.default || M)(terms);
  find = (s) => m.filter(s).words;
} else if (peer === 'fastscan') {
  const F = require('fastscan'); const f = new F(terms);
  find = (s) => f.search(s).map((x) => x[1]);
} else {
  const { SensitiveWordTool } = require('sensitive-word-tool');
  const t = new SensitiveWordTool({ useDefaultWords: false }); t.addWords(terms);
  find = (s) => t.match(s);
}
const startMs = Number(process.hrtime.bigint() - t0) / 1e6;
let bytes = 0; for (const p of posts) bytes += Buffer.byteLength(p);
const t1 = process.hrtime.bigint(); let n = 0;
for (const p of posts) n += find(p).length;
const sec = Number(process.hrtime.bigint() - t1) / 1e9;
const recall = {};
for (const line of fs.readFileSync(dir + '/evasion.tsv', 'utf8').split('\n').filter(Boolean)) {
  const [trick, term, text] = line.split('\t');
  const r = (recall[trick] = recall[trick] || [0, 0]);
  r[1]++; if (find(text).map((w) => String(w).toLowerCase()).includes(term)) r[0]++;
}
for (const k in recall) recall[k] = recall[k][0] / recall[k][1];
console.log(JSON.stringify({ peer, start_ms: startMs, mb_s: bytes / 1e6 / sec, posts_s: posts.length / sec,
  rss_mb: process.resourceUsage().maxRSS / 1024, matches: n, recall }));
