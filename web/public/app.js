// jianmei web UI. User and server text only ever reaches the page through textContent and DOM
// nodes (el() below), never as HTML.
import { STRINGS, LANGUAGES, CATEGORY_COLOURS } from './i18n.js';

let lang = localStorage.getItem('jianmei-lang') === 'en' ? 'en' : 'zh';
const t = (key) => STRINGS[key][LANGUAGES.indexOf(lang)];
// A string of a group (categories, meaning, severity, proc_status); undefined when unknown.
const tg = (group, key) => STRINGS[group][key]?.[LANGUAGES.indexOf(lang)];
const SEVERITY_ORDER = { critical: 3, high: 2, medium: 1, low: 0 };

// el('p', {class: 'x'}, 'text', childNode…): children that are strings become text nodes.
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function showError(id, err) {
  const box = document.getElementById(id);
  box.textContent = t('error') + err;
  box.hidden = false;
}

async function api(path, options) {
  const res = await fetch(path, options);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  document.getElementById('lang').textContent = t('lang_switch');
}

// ---- check page ---------------------------------------------------------------------------

// The post as text nodes and <mark>s: spans are byte offsets into the UTF-8 text.
function highlight(text, findings) {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const cuts = new Set([0, bytes.length]);
  for (const f of findings) { cuts.add(f.span[0]); cuts.add(f.span[1]); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.getElementById('highlighted');
  out.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = decoder.decode(bytes.subarray(a, b));
    const covering = findings.filter((f) => f.span[0] <= a && b <= f.span[1]);
    if (covering.length === 0) { out.append(document.createTextNode(piece)); continue; }
    covering.sort((x, y) => SEVERITY_ORDER[y.severity] - SEVERITY_ORDER[x.severity]);
    const mark = el('mark', { 'data-category': covering[0].category,
                              title: covering.map((f) => tg('categories', f.category)).join(' / ') }, piece);
    const colour = CATEGORY_COLOURS[covering[0].category] ?? '#999';
    mark.style.borderBottomColor = colour;
    mark.style.backgroundColor = colour + '33';
    out.append(mark);
  }
}

function renderReport(text, report) {
  const findings = report.findings ?? [];
  const verdict = document.getElementById('verdict');
  verdict.className = report.verdict;
  const serious = findings.filter((f) => f.severity === 'critical' || f.severity === 'high').length;
  const lines = [t('verdict_' + report.verdict)];
  if (findings.length) lines.push(t('verdict_counts')(findings.length, serious));
  if (findings.some((f) => f.entity?.status === 'banned')) lines.push(t('verdict_banned'));
  if (!report.promotional && (report.mentions ?? []).length) lines.push(t('verdict_not_promo'));
  verdict.replaceChildren(...lines.map((line) => el('p', {}, line)));

  // Findings read in a picture have spans in that picture's text: they are boxed on it instead.
  highlight(text, findings.filter((f) => !f.source));
  const legend = document.getElementById('legend');
  legend.replaceChildren();
  for (const category of [...new Set(findings.map((f) => f.category))]) {
    const item = el('span', { 'data-category': category }, tg('categories', category) ?? category);
    item.style.borderBottomColor = CATEGORY_COLOURS[category] ?? '#999';
    legend.append(item);
  }
  const list = document.getElementById('findings');
  list.replaceChildren();
  for (const f of findings) {
    const item = el('li', { 'data-category': f.category, 'data-rule': f.rule },
      el('div', { class: 'quote' }, `「${f.text}」 — ${tg('categories', f.category) ?? f.category}` +
        ` (${t('finding_severity')}: ${tg('severity', f.severity) ?? f.severity})`),
      el('div', { class: 'meaning' }, tg('meaning', f.category) ?? ''),
      el('div', { class: 'explanation' }, f.explanation ?? ''),
      el('div', { class: 'rule' }, `${t('finding_rule')}: ${f.rule}`),
      el('div', { class: 'basis' }, `${t('finding_basis')}: ` +
        (f.basis ?? []).map((b) => b.cite).join('；')));
    item.style.borderLeftColor = CATEGORY_COLOURS[f.category] ?? '#999';
    list.append(item);
  }
  document.getElementById('result').hidden = false;
}

// The pictures chosen for the next check, as data: URLs in the order they are sent.
let chosenImages = [];

function addImageFiles(files) {
  for (const file of files) {
    if (!file.type.startsWith('image/')) continue;
    const reader = new FileReader();
    reader.onload = () => {
      chosenImages.push({ name: file.name, url: reader.result });
      document.getElementById('chosen').append(el('li', {}, file.name || 'image'));
    };
    reader.readAsDataURL(file);
  }
}

// Each picture the answer names, with the boxes of the findings read in it in their category's
// colour; a picture that could not be read says why.
function renderPictures(report, sent) {
  const out = document.getElementById('pictures');
  out.replaceChildren();
  (report.images ?? []).forEach((image, i) => {
    if (image.error) {
      out.append(el('p', { class: 'error' }, `${t('image_not_read')}${sent[i]?.name ?? image.name}: ${image.error}`));
      return;
    }
    const figure = el('figure', { 'data-image': i }, el('img', { src: sent[i].url, alt: sent[i].name }));
    for (const f of report.findings ?? []) {
      if (f.source?.image !== i) continue;
      const [x, y, w, h] = f.source.box;
      const box = el('div', { class: 'box', 'data-category': f.category, title: tg('categories', f.category) ?? f.category });
      box.style.left = `${100 * x / image.width}%`;
      box.style.top = `${100 * y / image.height}%`;
      box.style.width = `${100 * w / image.width}%`;
      box.style.height = `${100 * h / image.height}%`;
      box.style.borderColor = CATEGORY_COLOURS[f.category] ?? '#999';
      figure.append(box);
    }
    out.append(figure);
  });
}

async function check() {
  const text = document.getElementById('post').value;
  const button = document.getElementById('check');
  document.getElementById('check-error').hidden = true;
  button.disabled = true;
  try {
    const sent = chosenImages;
    const body = sent.length ? { text, images: sent.map((i) => i.url) } : { text };
    const report = await api('/api/v1/screen', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    renderReport(text, report);
    renderPictures(report, sent);
  } catch (err) {
    showError('check-error', err.message);
  } finally {
    button.disabled = false;
  }
}

// ---- procedure page -----------------------------------------------------------------------

function field(label, value) {
  return el('p', {}, el('strong', {}, label + '：'), value);
}

async function showProcedure(id) {
  try {
    const p = await api('/api/v1/procedures/' + encodeURIComponent(id));
    const status = el('span', { class: 'status-' + p.status, id: 'proc-status' }, tg('proc_status', p.status) ?? p.status);
    let who;
    if (!p.legal) who = t('proc_nobody');
    else if (p.institutions.length) who = p.institutions.join('；');
    else who = t('proc_who_unknown');
    const detail = document.getElementById('proc-detail');
    detail.replaceChildren(
      el('h3', {}, p.name), el('p', {}, status, ' ', p.legal ? t('proc_grade')(p.grade) : ''),
      field(t('proc_who'), who),
      field(t('proc_summary'), p.summary),
      ...(p.risks ? [field(t('proc_risks'), p.risks)] : []),
      field(t('proc_aliases'), p.aliases.join('、')),
      field(t('proc_basis'), p.basis.map((b) => `${b.cite} — ${b.summary}`).join('；')),
      field(t('proc_source'), `${p.source} [${p.certainty}]`));
    detail.hidden = false;
  } catch (err) {
    showError('proc-error', err.message);
  }
}

// ---- institution page ---------------------------------------------------------------------

let currentInstitution = null;

function listOrUnknown(items) {
  return items?.length ? items.join('、') : t('inst_unknown');
}

function renderHistory(history) {
  document.getElementById('inst-history-totals').textContent =
    t('inst_history_totals')(history.posts, history.findings, history.serious);
  const list = document.getElementById('inst-history');
  list.replaceChildren();
  for (const post of history.recent) {
    const cats = [...new Set(post.findings.map((f) => tg('categories', f.category) ?? f.category))];
    list.append(el('li', { 'data-verdict': post.verdict },
      el('div', { class: 'quote' }, `${post.posted_at || ''} ${t('verdict_' + post.verdict)}`),
      el('div', {}, post.text),
      el('div', { class: 'rule' }, cats.join('；'))));
  }
}

async function showInstitution(licence) {
  document.getElementById('inst-error').hidden = true;
  document.getElementById('qualify-result').hidden = true;
  try {
    const i = await api('/api/v1/institutions/' + encodeURIComponent(licence));
    currentInstitution = i;
    document.getElementById('inst-name').textContent = i.name;
    const status = el('span', { class: 'status-' + i.status, id: 'inst-status' },
                      tg('record_status', i.status) ?? i.status);
    document.getElementById('inst-facts').replaceChildren(
      field(t('inst_status'), status),
      field(t('inst_licence'), i.licence),
      field(t('inst_type'), i.level ? `${i.type}（${t('inst_level')(i.level)}）` : i.type),
      field(t('inst_city'), i.city || t('inst_unknown')),
      field(t('inst_valid'), i.valid_from || i.valid_until ? `${i.valid_from ?? '?'} — ${i.valid_until ?? '?'}` : t('inst_unknown')),
      field(t('inst_departments'), listOrUnknown(i.departments)),
      field(t('inst_projects'), listOrUnknown(i.projects)),
      ...(i.aliases.length ? [field(t('inst_aliases'), i.aliases.join('、'))] : []));
    const doctors = document.getElementById('inst-doctors');
    doctors.replaceChildren(...(i.doctors.length
      ? i.doctors.map((d) => el('li', {}, `${d.name} — ${d.specialties.map((s) => s.name).join('、') || '—'}` +
                                           ` (${tg('record_status', d.status) ?? d.status})`))
      : [el('li', { class: 'none' }, t('inst_no_doctors'))]));
    renderHistory(i.history);
    document.getElementById('inst-complaints').textContent = t('inst_complaints_count')(i.complaints.count);
    document.getElementById('inst-detail').hidden = false;
  } catch (err) {
    showError('inst-error', err.message);
  }
}

async function qualify(event) {
  event.preventDefault();
  const procedure = document.getElementById('qualify-procedure').value.trim();
  const box = document.getElementById('qualify-result');
  document.getElementById('qualify-error').hidden = true;
  box.hidden = true;
  if (!procedure || !currentInstitution) return;
  try {
    const q = await api('/api/v1/qualify', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ institution: currentInstitution.licence, procedure }),
    });
    const reasons = el('ul', {}, ...q.reasons.map((r) => el('li', { class: 'effect-' + r.effect },
      r.message + (r.basis.length ? ` （${t('finding_basis')}: ${r.basis.map((b) => b.cite).join('；')}）` : ''))));
    box.replaceChildren(
      el('p', {}, el('span', { class: 'outcome-' + q.outcome, id: 'qualify-outcome' },
                     tg('outcome', q.outcome) ?? q.outcome),
         ` ${q.institution.name} — ${q.procedure.name}` + (q.procedure.grade ? ` (${t('proc_grade')(q.procedure.grade)})` : '')),
      reasons,
      ...(q.missing.length ? [field(t('qualify_missing'), q.missing.join('、'))] : []));
    box.hidden = false;
  } catch (err) {
    showError('qualify-error', err.message);
  }
}

// ---- search forms (procedures, institutions) ------------------------------------------------

// Lists what `path` + q finds, each item opening its detail; a single or exact match opens at once.
async function runSearch(event, { prefix, path, none, attr, label, open }) {
  event.preventDefault();
  const q = document.getElementById(prefix + '-q').value.trim();
  const list = document.getElementById(prefix + '-results');
  document.getElementById(prefix + '-error').hidden = true;
  document.getElementById(prefix + '-detail').hidden = true;
  list.replaceChildren();
  if (!q) return;
  try {
    const { results } = await api(path + encodeURIComponent(q));
    if (!results.length) { list.append(el('li', { class: 'none' }, t(none))); return; }
    for (const r of results) {
      const item = el('li', attr(r), label(r));
      item.addEventListener('click', () => open(r));
      list.append(item);
    }
    if (results.length === 1 || results[0].name === q) await open(results[0]);
  } catch (err) {
    showError(prefix + '-error', err.message);
  }
}

const searchProcedures = (event) => runSearch(event, {
  prefix: 'proc', path: '/api/v1/procedures?q=', none: 'proc_none',
  attr: (r) => ({ 'data-id': r.id }),
  label: (r) => `${r.name} — ${tg('proc_status', r.status) ?? r.status}`,
  open: (r) => showProcedure(r.id),
});

const searchInstitutions = (event) => runSearch(event, {
  prefix: 'inst', path: '/api/v1/institutions?q=', none: 'inst_none',
  attr: (r) => ({ 'data-licence': r.licence }),
  label: (r) => `${r.name} — ${r.type} — ${tg('record_status', r.status) ?? r.status}`,
  open: (r) => showInstitution(r.licence),
});

// ---- dashboard ----------------------------------------------------------------------------

const charts = {};

function chart(id) {
  charts[id]?.dispose();
  charts[id] = window.echarts.init(document.getElementById(id));
  return charts[id];
}

async function showDashboard() {
  document.getElementById('dash-error').hidden = true;
  let stats;
  try {
    stats = await api('/api/v1/stats?top=10');
  } catch (err) {
    return showError('dash-error', err.message);
  }
  document.getElementById('dash-totals').textContent = t('dash_totals')(stats.posts, stats.findings);
  if (!window.echarts) return showError('dash-error', t('dash_no_charts'));
  const days = [...new Set(stats.by_day.map((d) => d.day))].sort();
  const categories = [...new Set(stats.by_day.map((d) => d.category))];
  const series = categories.map((c) => ({
    name: tg('categories', c) ?? c, type: 'bar', stack: 'findings', itemStyle: { color: CATEGORY_COLOURS[c] },
    data: days.map((day) => stats.by_day.find((d) => d.day === day && d.category === c)?.findings ?? 0),
  }));
  chart('chart-days').setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { top: 60 },
    xAxis: { type: 'category', data: days }, yAxis: { type: 'value', minInterval: 1 }, series,
  });
  const institutions = [...stats.by_institution].reverse();
  chart('chart-institutions').setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 160 },
    yAxis: { type: 'category', data: institutions.map((i) => i.institution) },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('dash_serious'), type: 'bar', itemStyle: { color: '#c0392b' }, data: institutions.map((i) => i.serious) },
      { name: t('dash_findings'), type: 'bar', itemStyle: { color: '#7f8c8d' }, data: institutions.map((i) => i.findings) },
    ],
  });
  document.body.dataset.dashboardReady = String(series.length + institutions.length);
}

// ---- navigation ---------------------------------------------------------------------------

const PAGES = ['check', 'procedures', 'institutions', 'dashboard'];

function route() {
  const page = PAGES.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'check';
  for (const name of PAGES) {
    document.getElementById('page-' + name).hidden = name !== page;
    document.getElementById('nav-' + name).classList.toggle('active', name === page);
  }
  if (page === 'dashboard') showDashboard();
}

document.getElementById('check').addEventListener('click', check);
document.getElementById('images').addEventListener('change', (e) => addImageFiles(e.target.files));
document.getElementById('post').addEventListener('paste', (e) => addImageFiles(e.clipboardData?.files ?? []));
const drop = document.getElementById('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  addImageFiles(e.dataTransfer.files);
});
document.getElementById('proc-form').addEventListener('submit', searchProcedures);
document.getElementById('inst-form').addEventListener('submit', searchInstitutions);
document.getElementById('qualify-form').addEventListener('submit', qualify);
document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('jianmei-lang', lang);
  applyLanguage();
  route();
});
window.addEventListener('hashchange', route);
applyLanguage();
route();
