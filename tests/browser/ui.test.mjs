// Browser tests of the web UI: headless Debian chromium driven by playwright-core (from
// web/node_modules) against a `jianmei serve` this test starts on loopback.
//   node ui.test.mjs --jianmei PATH/jianmei --out DIR   (screenshots go to DIR)
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const jianmei = arg('--jianmei');
const out = arg('--out') ?? join(process.cwd(), 'browser-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'browser-test-token-0123456789';
const CALF_POST = '小腿肌肉阻断术，没有副作用，不反弹，仅需39800';

if (!jianmei) throw new Error('usage: ui.test.mjs --jianmei PATH --out DIR');
if (!existsSync(join(root, 'web/node_modules/playwright-core'))) {
  throw new Error('web/node_modules is missing: run `npm ci` in web/ (make deps does)');
}
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (make deps does)`);
const { chromium } = createRequire(join(root, 'web/package.json'))('playwright-core');
mkdirSync(out, { recursive: true });

// Starts the server on a free port; resolves with its base URL once it listens.
function startServer(home) {
  const config = join(home, 'server.toml');
  writeFileSync(config, `[server]\nport = 0\ntoken = "${TOKEN}"\nrate_per_second = 0\n`);
  const child = spawn(jianmei, ['--kb', join(root, 'kb'), 'serve', '--config', config, '--web', join(root, 'web')],
                      { env: { ...process.env, JIANMEI_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const m = buffer.match(/listening on ([\d.]+):(\d+)/);
      if (m) resolve(`http://${m[1]}:${m[2]}`);
    });
    child.on('exit', (code) => reject(new Error(`jianmei serve exited early with ${code}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, url, exited };
}

// Fictional registry rows (doc/registry.md): a licensed clinic with one doctor.
async function importRegistry(base) {
  const files = [
    'licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n' +
      '备44030520260001,深圳虚构晨光医疗美容诊所,医疗美容诊所,,深圳市,valid,2024-01-01,2030-12-31,医疗美容科,,晨光医美\n',
    'doctor_licence,name,institution_licence,specialties,status\n' +
      '110440300099001,虚构医生甲,备44030520260001,美容皮肤科:2019,valid\n',
  ];
  for (const body of files) {
    const res = await fetch(`${base}/api/v1/registry`, {
      method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${TOKEN}` }, body,
    });
    assert.equal(res.status, 200, await res.text());
  }
}

// Archives a fictional complaint against `institution` and links it to the registry, as an
// investigator does with `jianmei evidence add --complaint` and `jianmei evidence complaints`.
function archiveComplaint(home, institution) {
  const env = { ...process.env, JIANMEI_HOME: home };
  const complaint = { procedure: '玻尿酸注射', institution, narrative: '注射后局部红肿，诊所拒绝处理' };
  execFileSync(jianmei, ['evidence', 'add', '--complaint', '-'],
               { env, input: JSON.stringify(complaint), stdio: ['pipe', 'ignore', 'inherit'] });
  execFileSync(jianmei, ['--kb', join(root, 'kb'), 'evidence', 'complaints'], { env, stdio: 'ignore' });
}

async function storeJson(base, body) {
  const res = await fetch(`${base}/api/v1/screen`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

async function storePosts(base) {
  const posts = [
    { text: CALF_POST, institution: '示例美容工作室', posted_at: '2026-03-01T10:00:00+08:00' },
    { text: '全网最好的医美医院，做完没有副作用，零风险', institution: '示例美容工作室', posted_at: '2026-03-02T10:00:00+08:00' },
    { text: '小腿神经阻断术，一次瘦腿不反弹，原价9800现价0元', institution: '虚构丽人会所', posted_at: '2026-03-02T12:00:00+08:00' },
    { text: '打瘦腿针就找我们，一次见效，永久有效', institution: '虚构丽人会所', posted_at: '2026-03-03T09:00:00+08:00' },
  ];
  await storeJson(base, { posts, store: true });
}

const tests = {
  async 'check page highlights the banned procedure and gives a verdict'(page, base) {
    await page.goto(`${base}/#check`);
    await page.fill('#post', CALF_POST);
    await page.click('#check');
    await page.waitForSelector('#result:not([hidden])');
    const banned = page.locator('#highlighted mark[data-category="non_catalog_procedure"]');
    assert.ok(await banned.count() >= 1, 'a banned-procedure highlight');
    assert.match(await banned.first().textContent(), /小腿肌肉阻断/);
    const colour = await banned.first().evaluate((n) => getComputedStyle(n).borderBottomColor);
    assert.equal(colour, 'rgb(192, 57, 43)', 'the category colour of non_catalog_procedure');
    assert.equal(await page.getAttribute('#verdict', 'class'), 'violation');
    const verdict = await page.textContent('#verdict');
    assert.match(verdict, /很可能违法/);
    assert.match(verdict, /国家明令禁止/);
    const finding = page.locator('#findings li[data-category="non_catalog_procedure"]');
    assert.match(await finding.first().textContent(), /依据/);
    assert.ok(await page.locator('#findings li[data-category="guarantee_efficacy_safety"]').count() >= 1);
    await page.screenshot({ path: join(out, 'check.png'), fullPage: true });
  },

  async 'an uploaded poster shows its findings\' boxes on the picture'(page, base) {
    await page.goto(`${base}/#check`);
    await page.fill('#post', '私信了解');
    // tests/images/poster_zh.png: 480 × 320, 小腿肌肉阻断术 in its first line, 20 px from the top.
    await page.setInputFiles('#images', join(root, 'tests/images/poster_zh.png'));
    await page.waitForSelector('#chosen li');
    await page.click('#check');
    await page.waitForSelector('#pictures figure .box', { timeout: 60000 });
    assert.equal(await page.getAttribute('#verdict', 'class'), 'violation');
    const box = page.locator('#pictures figure[data-image="0"] .box[data-category="non_catalog_procedure"]');
    assert.equal(await box.count(), 1, 'one box for the banned procedure');
    const colour = await box.evaluate((n) => getComputedStyle(n).borderTopColor);
    assert.equal(colour, 'rgb(192, 57, 43)', 'the category colour of non_catalog_procedure');
    const img = await page.locator('#pictures figure[data-image="0"] img').boundingBox();
    const b = await box.boundingBox();
    assert.ok(b.y >= img.y && b.y + b.height <= img.y + img.height * 80 / 320, 'the box lies over the first line');
    assert.ok(b.width > img.width * 150 / 480, 'the box spans the procedure\'s name');
    // A finding read in the picture is not highlighted in the post's text.
    assert.equal(await page.locator('#highlighted mark').count(), 0);
    await page.screenshot({ path: join(out, 'check-image.png'), fullPage: true });
  },

  async 'user text is never HTML'(page, base) {
    await page.goto(`${base}/#check`);
    await page.fill('#post', '<img src=x onerror="window.__xss=1">小腿阻断术<b>零风险</b>');
    await page.click('#check');
    await page.waitForSelector('#result:not([hidden])');
    assert.equal(await page.locator('#result img, #result b').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.match(await page.textContent('#highlighted'), /<img src=x/);
  },

  async 'procedure search says whether it is legal and who may do it'(page, base) {
    await page.goto(`${base}/#procedures`);
    await page.fill('#proc-q', '小腿阻断');
    await page.click('#proc-search');
    await page.waitForSelector('#proc-detail:not([hidden])');
    assert.equal(await page.getAttribute('#proc-status', 'class'), 'status-banned');
    assert.match(await page.textContent('#proc-detail'), /没有任何机构可以合法开展/);
    await page.screenshot({ path: join(out, 'procedure-banned.png'), fullPage: true });
    await page.fill('#proc-q', '瘦腿针');
    await page.click('#proc-search');
    await page.waitForSelector('#proc-detail:not([hidden]) #proc-status.status-catalog');
    assert.match(await page.textContent('#proc-detail'), /可以开展的机构/);
    assert.doesNotMatch(await page.textContent('#proc-detail'), /没有任何机构/);
    await page.screenshot({ path: join(out, 'procedure-catalog.png'), fullPage: true });
  },

  async 'dashboard draws non-empty charts from stored posts'(page, base) {
    await storePosts(base);
    await page.goto(`${base}/#dashboard`);
    await page.waitForSelector('body[data-dashboard-ready]');
    assert.match(await page.textContent('#dash-totals'), /已保存 4 条帖子/);
    const sums = await page.evaluate(() => ['chart-days', 'chart-institutions'].map((id) => {
      const option = window.echarts.getInstanceByDom(document.getElementById(id)).getOption();
      return option.series.flatMap((s) => s.data).reduce((a, b) => a + b, 0);
    }));
    assert.ok(sums[0] > 0 && sums[1] > 0, `chart totals ${sums}`);
    const days = await page.evaluate(() =>
      window.echarts.getInstanceByDom(document.getElementById('chart-days')).getOption().xAxis[0].data);
    assert.deepEqual(days, ['2026-03-01', '2026-03-02', '2026-03-03']);
    assert.equal(await page.locator('#chart-days canvas').count() >= 1, true);
    await page.screenshot({ path: join(out, 'dashboard.png'), fullPage: true });
  },

  async 'institution page shows the registry record, its findings so far and what it may do'(page, base) {
    await importRegistry(base);
    await storeJson(base, { posts: [{ text: '晨光医美做隆胸，没有副作用，全网最低价', institution: '晨光医美',
                                      posted_at: '2026-03-04T09:00:00+08:00' }], store: true });
    archiveComplaint(home, '晨光医美');
    await page.goto(`${base}/#institutions`);
    await page.fill('#inst-q', '晨光医美');
    await page.click('#inst-search');
    await page.waitForSelector('#inst-detail:not([hidden])');
    assert.equal(await page.textContent('#inst-name'), '深圳虚构晨光医疗美容诊所');
    assert.equal(await page.getAttribute('#inst-status', 'class'), 'status-valid');
    assert.match(await page.textContent('#inst-facts'), /医疗美容诊所/);
    assert.match(await page.textContent('#inst-doctors'), /虚构医生甲/);
    assert.match(await page.textContent('#inst-history-totals'), /提到这家机构的帖子 1 条/);
    assert.match(await page.textContent('#inst-history'), /保证功效或安全/);
    assert.match(await page.textContent('#inst-complaints'), /证据库中有 1 条投诉/);
    await page.fill('#qualify-procedure', '隆胸');
    await page.click('#qualify-button');
    await page.waitForSelector('#qualify-result:not([hidden])');
    assert.equal(await page.getAttribute('#qualify-outcome', 'class'), 'outcome-not_allowed');
    assert.match(await page.textContent('#qualify-result'), /隆乳术/);
    await page.screenshot({ path: join(out, 'institution.png'), fullPage: true });
    await page.fill('#qualify-procedure', '瘦腿针');
    await page.click('#qualify-button');
    await page.waitForSelector('#qualify-outcome.outcome-allowed');
    // A name the registry does not know says so, without claiming the venue is legal.
    await page.fill('#inst-q', '不存在的虚构机构');
    await page.click('#inst-search');
    await page.waitForSelector('#inst-results li.none');
    assert.match(await page.textContent('#inst-results'), /没有登记不等于合法/);
  },

  async 'English switch'(page, base) {
    await page.goto(`${base}/#check`);
    await page.click('#lang');
    assert.equal(await page.textContent('#page-check h2'), 'Is this medical-aesthetics ad legal?');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.click('#lang');
    assert.equal(await page.textContent('#page-check h2'), '这条医美广告合法吗？');
  },
};

const home = mkdtempSync(join(tmpdir(), 'jianmei-browser-'));
const server = startServer(home);
const profile = mkdtempSync(join(tmpdir(), 'jianmei-chromium-'));
let failed = 0;
let browser;
try {
  const base = await server.url;
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  for (const [name, test] of Object.entries(tests)) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.setDefaultTimeout(15000);
    try {
      await test(page, base);
      assert.deepEqual(errors, [], 'no script errors on the page');
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}\n  ${e.stack ?? e}`);
      await page.screenshot({ path: join(out, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    }
    await page.close();
  }
} finally {
  await browser?.close();
  server.child.kill('SIGTERM');
  const { code, signal } = await server.exited;
  if (code !== 0) { failed++; console.log(`not ok - server stopped on SIGTERM with code ${code} signal ${signal}`); }
  else console.log('ok - server stopped cleanly on SIGTERM');
  rmSync(profile, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
console.log(`screenshots in ${out}`);
process.exit(failed ? 1 : 0);
