// The 政府信息公开工作年度报告 journey (issue 6): the 公开办 opens the city-wide status table → a
// department's report writer opens the organ's report, sees a figure linked to its cases and
// follows it to a case → takes the system draft of the text, edits and saves it → 报送 → 发布 into
// the 政府信息公开年报 column → the department's reviewer approves and publishes the document → the
// public list of annual reports shows it. Last year's applications come from `gongkai foi import`
// (the way a city brings past years in), over the server's own data directory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, login, baseUrl, today, approveAndPublish } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const year = Number(today.slice(0, 4)) - 1;  // the report season is the year after
const gk = (args, input) => execFileSync(process.env.GK_BIN, ['--data-dir', process.env.GK_DATA_DIR, ...args],
  { input, encoding: 'utf8' });

// The two people this journey needs beyond run.sh's accounts: the 公开办 (supervisor) and a writer
// of 财政局's report who drafts documents (editor) and may see and sign off FOI work (foi_approver).
const GKB = { user: 'e2e_ar_gkb', password: 'E2e-Ar-Gkb-Pass-1' };
const WRITER = { user: 'e2e_ar_writer', password: 'E2e-Ar-Writer-Pass-1' };

function seed() {
  gk(['user', 'add', '--username', GKB.user, '--name', '端到端公开办', '--department', 'sfb', '--roles', 'supervisor',
    '--password-stdin'], `${GKB.password}\n`);
  gk(['user', 'add', '--username', WRITER.user, '--name', '端到端年报编写人', '--department', 'czj', '--roles',
    'editor,foi_approver', '--password-stdin'], `${WRITER.password}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'gk-ar-'));
  const file = join(dir, 'foi.jsonl');
  writeFileSync(file, [
    { id: 'e2e-ar-1', department: 'czj', applicant_type: 'natural_person', received: `${year}-03-02`, closed: `${year}-03-20`, outcome: 'disclosed' },
    { id: 'e2e-ar-2', department: 'czj', applicant_type: 'natural_person', received: `${year}-05-11`, closed: `${year}-06-01`, outcome: 'partially_disclosed' },
  ].map((l) => JSON.stringify(l)).join('\n') + '\n');
  try { gk(['foi', 'import', file]); } finally { rmSync(dir, { recursive: true, force: true }); }
}

test('city table → report with drill-down → text → 报送 → 发布 → reviewed → public list', async () => {
  seed();
  const report = `${baseUrl}/admin/annual-reports/${year}/czj`;

  // ---- The 公开办 opens the city-wide table from the back-office home. ----
  const gkb = await newPage(browser);
  await login(gkb, GKB.user, GKB.password);
  await Promise.all([gkb.waitForNavigation(), gkb.click('#annual-reports-link')]);
  assert.equal(new URL(gkb.url()).pathname, '/admin/annual-reports');
  assert.match(await gkb.textContent('#ar-summary'), new RegExp(`已发布 0 / \\d+，已报送 \\d+`));
  const row = gkb.locator('#ar-status tr[data-department="czj"]');
  assert.equal(await row.count(), 1, 'the table lists 财政局');
  assert.match(await row.textContent(), /东阳市财政局/);
  assert.match(await row.textContent(), new RegExp(`${year + 1}-01-31`), 'the department deadline (条例第四十九条)');
  assert.match(await row.locator('.ar-due-status').textContent(), /已逾期\d+天|剩余\d+天|今日截止/, 'the state in words');

  // ---- The department's writer is sent to the organ's own report. ----
  const writer = await newPage(browser);
  await login(writer, WRITER.user, WRITER.password);
  await writer.goto(`${baseUrl}/admin/annual-reports`);
  assert.equal(writer.url(), report);
  assert.match(await writer.textContent('h1'), new RegExp(`东阳市财政局${year}年政府信息公开工作年度报告`));
  assert.match(await writer.textContent('#ar-official'), /本年新收政府信息公开申请数量/);

  // The 2 new applications of natural persons link to their cases; follow one to its case page.
  const cell = writer.locator('#ar-official a[href*="cells?row=new_this_year&column=natural_person"]');
  assert.equal(await cell.count(), 1, 'the cell links to its drill-down');
  assert.equal((await cell.textContent()).trim(), '2');
  await Promise.all([writer.waitForNavigation(), cell.click()]);
  assert.match(await writer.textContent('#ar-cell-summary'), /计 2 件/);
  const caseLink = writer.locator('#ar-cell-cases a[href^="/admin/foi/"]').first();
  const tracking = (await caseLink.textContent()).trim();
  await Promise.all([writer.waitForNavigation(), caseLink.click()]);
  assert.match(await writer.textContent('h1'), new RegExp(tracking));

  // ---- The text: start from the system draft, edit, save. ----
  await writer.goto(report);
  await Promise.all([writer.waitForNavigation(), writer.click('#use-draft')]);
  const drafted = await writer.inputValue('#text-overview');
  assert.ok(drafted.length > 20, 'the system drafted the overview');
  await writer.fill('#text-overview', `${drafted}\n本年度持续推进政务公开标准化规范化建设。`);
  await writer.fill('#text-problems', '部分栏目更新不够及时。下一步将建立栏目更新提醒机制。');
  if ((await writer.inputValue('#text-other_matters')).trim() === '') await writer.fill('#text-other_matters', '本年度未收取信息处理费。');
  await Promise.all([writer.waitForNavigation(), writer.click('#ar-text-form button[type=submit]')]);
  assert.match(await writer.textContent('[role=status]'), /文字部分已保存/);
  assert.match(await writer.inputValue('#text-overview'), /标准化规范化建设/);

  // ---- 报送, then 发布 into the 政府信息公开年报 column (a document in review). ----
  await Promise.all([writer.waitForNavigation(), writer.click('#ar-submit-form button')]);
  assert.match(await writer.textContent('[role=status]'), /已报送/);
  assert.match(await writer.textContent('#ar-stage'), /已报送/);
  const [pdf] = await Promise.all([writer.waitForEvent('download'), writer.click('#ar-download-pdf')]);
  assert.equal(pdf.suggestedFilename(), `东阳市财政局${year}年政府信息公开工作年度报告.pdf`);
  assert.equal(readFileSync(await pdf.path()).subarray(0, 4).toString(), '%PDF');
  await Promise.all([writer.waitForNavigation(), writer.click('#ar-publish-form button')]);
  assert.match(new URL(writer.url()).pathname, /^\/admin\/documents\/\d+$/);
  const docId = Number(new URL(writer.url()).pathname.split('/').pop());
  assert.match(await writer.textContent('main'), /待审核/);
  await writer.goto(report);
  assert.match(await writer.textContent('#ar-stage'), /发布审核中/);

  // ---- The reviewer approves and publishes it in the library. ----
  const reviewer = await newPage(browser);
  await login(reviewer, process.env.GK_REVIEWER_USER, process.env.GK_REVIEWER_PASSWORD);
  await approveAndPublish(reviewer, docId);
  await writer.goto(report);
  assert.match(await writer.textContent('#ar-stage'), /已发布/);

  // ---- The public list of annual reports, linked from the portal home. ----
  const citizen = await newPage(browser);
  await citizen.goto(`${baseUrl}/`);
  await Promise.all([citizen.waitForNavigation(), citizen.click('main a[href="/annual-reports"]')]);
  const link = citizen.locator(`a[href="/documents/${docId}"]`);
  assert.equal(await link.count(), 1, 'the published report is listed');
  assert.match(await link.textContent(), new RegExp(`东阳市财政局${year}年政府信息公开工作年度报告`));
  await Promise.all([citizen.waitForNavigation(), link.click()]);
  assert.match(await citizen.textContent('main'), /收到和处理政府信息公开申请情况/);

  await gkb.goto(`${baseUrl}/admin/annual-reports?year=${year}`);
  assert.match(await gkb.textContent('#ar-summary'), /已发布 1 \//);

  for (const p of [gkb, writer, reviewer, citizen]) assert.deepEqual(p.consoleErrors, []);
});
