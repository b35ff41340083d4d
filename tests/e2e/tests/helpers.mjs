// Shared set-up for the browser journeys: one headless Debian Chromium per test file.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const baseUrl = process.env.GK_URL;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

// A fresh page that records console errors and failed requests.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => page.consoleErrors.push(String(err)));
  // A request cancelled because the page navigated away (net::ERR_ABORTED) is not an error.
  page.on('requestfailed', (req) => {
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') page.consoleErrors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  return page;
}

export async function login(page, user, password) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('#login-form button[type=submit]')]);
}

export const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);  // China Standard Time

// Drafts a document through the back-office form as the logged-in editor of `page` and submits it
// for review; returns its id. `fields`: title, docNumber, summary, body, optional genre (default
// measures) and repeals (the id of a document the new one repeals).
export async function draftDocument(page, fields) {
  await page.goto(`${baseUrl}/admin/documents/new`);
  await page.fill('#title', fields.title);
  await page.fill('#doc_number', fields.docNumber);
  await page.fill('#formed_on', today);
  await page.fill('#effective_on', today);
  await page.selectOption('#genre', fields.genre ?? 'measures');
  await page.selectOption('#topic', 'finance');
  await page.check('input[name=columns] >> nth=6');  // one of the statutory items (条例第二十条)
  if (fields.repeals) {
    await page.selectOption('#relation_kind', 'repeals');
    await page.fill('#relation_target', String(fields.repeals));
  }
  await page.fill('#summary', fields.summary);
  await page.fill('#body', fields.body);
  await Promise.all([page.waitForNavigation(), page.click('#document-form button[type=submit]')]);
  assert.match(page.url(), /\/admin\/documents\/\d+/, 'the draft was saved');
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  await Promise.all([page.waitForNavigation(), page.click('form.action-form:has(input[value=submit]) button')]);
  assert.match(await page.textContent('main'), /待审核/);
  return id;
}

// Approves and publishes submitted document `id` as the logged-in reviewer of `page`.
export async function approveAndPublish(page, id) {
  await page.goto(`${baseUrl}/admin/documents?state=submitted`);
  await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/documents/${id}"]`)]);
  await Promise.all([page.waitForNavigation(), page.click('form.action-form:has(input[value=approve]) button')]);
  await Promise.all([page.waitForNavigation(), page.click('#publish-form button')]);
  assert.match(await page.textContent('[role=status]'), /已发布/);
}

// ---- 依申请公开 (FOI) ----

// The due date `gongkai foi deadline` computes for `input` (the clock's CLI contract), on the
// server's own calendar (run.sh exports GK_BIN and GK_DATA_DIR).
export async function foiDeadline(input) {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.env.GK_BIN, ['--data-dir', process.env.GK_DATA_DIR, 'foi', 'deadline'],
    { input: JSON.stringify(input), encoding: 'utf8' });
  return JSON.parse(out);
}

// Makes sure the working-day calendar covers `year` (the clock refuses to guess a year whose
// holiday notice is missing). When the shipped calendar lacks it, imports, as the logged-in admin
// of `page`, a stand-in for the test's throwaway database: 元旦 and a Spring Festival week.
export async function ensureCalendarYear(page, year) {
  const { readFileSync } = await import('node:fs');
  const shipped = readFileSync(new URL('../../../data/calendar/holidays-cn.csv', import.meta.url), 'utf8');
  if (new RegExp(`^${year}-0[12]-\\d\\d,holiday,[^\\n]*春节`, 'm').test(shipped)) return false;
  const csv = ['date,kind,name', `${year}-01-01,holiday,元旦`,
    ...[10, 11, 12, 13, 14, 15, 16].map((d) => `${year}-02-${d},holiday,春节`)].join('\n');
  await page.goto(`${baseUrl}/admin/calendar`);
  await page.fill('#csv', csv);
  await page.fill('#source', `端到端测试用 ${year} 年假期（仅测试数据库）`);
  await Promise.all([page.waitForNavigation(), page.click('#calendar-form button[type=submit]')]);
  return true;
}

// Opens the case `caseUrl` as the logged-in staff member of `page`, opens the form of step `type`,
// lets `fill(page, prefix)` fill its fields (ids are "<type>-<field>") and submits it. Asserts the
// step was recorded (the page comes back without an error).
export async function foiStep(page, caseUrl, type, fill = async () => {}) {
  await page.goto(caseUrl);
  const details = page.locator(`#step-${type}`);
  assert.equal(await details.count(), 1, `the case page offers the step ${type}`);
  await details.locator('summary').click();
  await fill(page, type);
  await Promise.all([page.waitForNavigation(), details.locator('button[type=submit]').click()]);
  const alerts = await page.locator('.flash-error').allTextContents();
  assert.deepEqual(alerts, [], `step ${type} recorded without error`);
}
