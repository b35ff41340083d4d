// The document library journey of the issue: an editor drafts, a reviewer approves and publishes,
// the public sees the document with its metadata, feed and sitemap entry; publishing a successor
// that repeals it flips its validity and shows the banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, baseUrl, today, draftDocument as draft, approveAndPublish } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('draft → review → publish → public page, feed, sitemap; a successor repeals it and the banner shows', async () => {
  const editor = await newPage(browser);
  await login(editor, process.env.GK_EDITOR_USER, process.env.GK_EDITOR_PASSWORD);
  const reviewer = await newPage(browser);
  await login(reviewer, process.env.GK_REVIEWER_USER, process.env.GK_REVIEWER_PASSWORD);
  const stamp = Date.now() % 100000;
  const title = `东阳市财政专项资金管理办法（浏览器测试${stamp}）`;
  const firstId = await draft(editor, {
    title, docNumber: `东财〔${today.slice(0, 4)}〕${stamp}号`,
    summary: '专项资金的分配、使用和监督。', body: '<p>第一条 为规范财政专项资金管理，制定本办法。</p>',
  });

  // The editor may not approve their own draft; the reviewer of the department does.
  await editor.goto(`${baseUrl}/admin/documents/${firstId}`);
  assert.equal(await editor.locator('form.action-form:has(input[value=approve])').count(), 0);
  await approveAndPublish(reviewer, firstId);

  const visitor = await newPage(browser);
  const res = await visitor.goto(`${baseUrl}/documents/${firstId}`);
  assert.equal(res.status(), 200);
  assert.equal((await visitor.textContent('h1')).trim(), title);
  const meta = await visitor.textContent('table.doc-meta');
  assert.match(meta, /索引号\s*czj\//);
  assert.match(meta, new RegExp(`东财〔${today.slice(0, 4)}〕${stamp}号`));
  assert.match(meta, /有效性\s*有效/);
  assert.equal(await visitor.locator('.validity-banner').count(), 0);
  assert.deepEqual(visitor.consoleErrors, []);

  const feed = await (await visitor.request.get(`${baseUrl}/feeds/departments/czj.atom`)).text();
  assert.ok(feed.includes(title), 'the department feed lists the new document');
  const sitemap = await (await visitor.request.get(`${baseUrl}/sitemap.xml`)).text();
  assert.ok(sitemap.includes(`/documents/${firstId}</loc>`), 'the sitemap lists the new document');

  const successorId = await draft(editor, {
    title: `东阳市财政专项资金管理办法（修订 ${stamp}）`, docNumber: `东财〔${today.slice(0, 4)}〕${stamp + 1}号`,
    summary: '修订后的办法，原办法同时废止。', body: '<p>第二十条 本办法自发布之日起施行，原办法同时废止。</p>', repeals: firstId,
  });
  await approveAndPublish(reviewer, successorId);

  await visitor.goto(`${baseUrl}/documents/${firstId}`);
  const banner = await visitor.textContent('.validity-banner');
  assert.match(banner, /已废止/);
  await Promise.all([visitor.waitForNavigation(), visitor.click('.validity-banner a')]);
  assert.equal(new URL(visitor.url()).pathname, `/documents/${successorId}`);
  assert.match(await visitor.textContent('table.doc-meta'), /有效性\s*有效/);
});

test('a body with a script is refused with a clear field error and nothing is stored', async () => {
  const editor = await newPage(browser);
  await login(editor, process.env.GK_EDITOR_USER, process.env.GK_EDITOR_PASSWORD);
  await editor.goto(`${baseUrl}/admin/documents/new`);
  await editor.fill('#title', '含脚本的草稿');
  await editor.fill('#body', '<p>正文</p><script>alert(1)</script>');
  await Promise.all([editor.waitForNavigation(), editor.click('#document-form button[type=submit]')]);
  assert.equal(new URL(editor.url()).pathname, '/admin/documents/new');
  assert.match(await editor.textContent('#body-err'), /script|脚本/i);
  assert.equal(await editor.inputValue('#title'), '含脚本的草稿', 'the input is kept');
});
