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
