// The site-search journey of issue 4 (一网可查): staff publish two documents; a visitor types a query
// into the search box of the home page (the box offers completions as they type), sees the hits with
// the query highlighted, narrows them with a facet, and removes the filter again. The same search
// works with JavaScript switched off, and the result page fits a phone screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, baseUrl, today, draftDocument, approveAndPublish } from './helpers.mjs';

let browser;
const stamp = Date.now() % 100000;
// One ASCII word the segmenter keeps whole, found in exactly the two documents of this run.
const token = `gk${stamp}`;
const measuresTitle = `东阳市财政专项资金绩效评价办法（${token}）`;

before(async () => {
  browser = await launch();
  const editor = await newPage(browser);
  await login(editor, process.env.GK_EDITOR_USER, process.env.GK_EDITOR_PASSWORD);
  const reviewer = await newPage(browser);
  await login(reviewer, process.env.GK_REVIEWER_USER, process.env.GK_REVIEWER_PASSWORD);
  const year = today.slice(0, 4);
  const measures = await draftDocument(editor, {
    title: measuresTitle, docNumber: `东财〔${year}〕${stamp}号`, genre: 'measures',
    summary: '专项资金绩效评价的范围、指标和结果运用。', body: '<p>第一条 为加强财政专项资金绩效管理，制定本办法。</p>',
  });
  await approveAndPublish(reviewer, measures);
  const notice = await draftDocument(editor, {
    title: `东阳市财政局关于开展专项资金检查的通知（${token}）`, docNumber: `东财〔${year}〕${stamp + 1}号`, genre: 'notice',
    summary: '专项资金使用情况检查。', body: '<p>各有关单位：现就开展财政专项资金检查工作通知如下。</p>',
  });
  await approveAndPublish(reviewer, notice);

  // The server applies outbox events to its index in the background (well under a second); wait
  // for both documents, bounded.
  const deadline = Date.now() + 15000;
  for (;;) {
    const res = await editor.request.get(`${baseUrl}/api/v1/search?q=${encodeURIComponent(token)}`);
    if (res.ok() && (await res.json()).total === 2) break;
    assert.ok(Date.now() < deadline, `the two documents were not searchable within 15 s (last status ${res.status()})`);
    await editor.waitForTimeout(200);
  }
});
after(async () => { await browser.close(); });

test('search from the home page: highlighted hits, a facet narrows them, the chip removes the filter', async () => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/`);
  // An input with a list= datalist is a combobox to assistive technology.
  const box = page.getByRole('search', { name: '站内搜索' }).getByRole('combobox', { name: '站内搜索' });
  await box.fill(token);
  await Promise.all([page.waitForNavigation(), box.press('Enter')]);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/search');
  assert.equal(url.searchParams.get('q'), token);
  assert.match(await page.title(), new RegExp(`“${token}”的搜索结果`));
  assert.match(await page.textContent('.search-count'), /共找到\s*2\s*条/);
  assert.equal(await page.locator('.hit').count(), 2);
  assert.equal(await page.inputValue('#search-q'), token, 'the query box is prefilled');
  const highlighted = await page.locator('.hit-title em').allTextContents();
  assert.ok(highlighted.length >= 2 && highlighted.every((t) => t.toLowerCase() === token),
    `query terms are highlighted in the titles: ${JSON.stringify(highlighted)}`);
  assert.match(await page.textContent('.hit-meta >> nth=0'), /东财〔\d{4}〕\d+号/);
  assert.match(await page.textContent('.hit-meta >> nth=0'), /有效/);

  // 文种 facet: 办法 (1) narrows to the measures.
  const genreFacet = page.locator('section.facet', { has: page.locator('h3', { hasText: '文种' }) });
  await Promise.all([page.waitForNavigation(), genreFacet.locator('a', { hasText: '办法' }).click()]);
  assert.equal(new URL(page.url()).searchParams.get('genre'), 'measures');
  assert.match(await page.textContent('.search-count'), /共找到\s*1\s*条/);
  assert.equal(await page.locator('.hit').count(), 1);
  assert.equal((await page.textContent('.hit-title')).trim(), measuresTitle);
  const chip = page.locator('.filter-chips a.chip');
  assert.match(await chip.textContent(), /文种：办法/);

  await Promise.all([page.waitForNavigation(), chip.click()]);
  assert.equal(new URL(page.url()).searchParams.get('genre'), null);
  assert.equal(new URL(page.url()).searchParams.get('q'), token, 'removing a filter keeps the query');
  assert.match(await page.textContent('.search-count'), /共找到\s*2\s*条/);
  assert.deepEqual(page.consoleErrors, []);
});

test('the search box suggests completions while typing', async () => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/`);
  await page.locator('#site-search-q').pressSequentially('东阳市财政专项资金绩效', { delay: 30 });
  await page.waitForFunction(
    (title) => [...document.querySelectorAll('#site-search-suggestions option')].some((o) => o.value === title),
    measuresTitle, { timeout: 5000 });
  assert.match(await page.textContent('.site-search [role=status]'), /条搜索建议/);
  assert.deepEqual(page.consoleErrors, []);
});

test('with JavaScript switched off the search, facets and paging still work', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${baseUrl}/`);
  await page.fill('#site-search-q', token);
  await Promise.all([page.waitForNavigation(), page.click('.site-search button[type=submit]')]);
  assert.match(await page.textContent('.search-count'), /共找到\s*2\s*条/);
  assert.equal(await page.locator('.hit-title em').count() >= 2, true);
  assert.equal(await page.locator('details.facets-panel[open]').count(), 1, 'facets are open without the script');
  await Promise.all([page.waitForNavigation(), page.click('.sort-toggle a:has-text("发布日期")')]);
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'date');
  assert.equal(await page.locator('.hit').count(), 2);

  await page.goto(`${baseUrl}/search?q=${encodeURIComponent(token)}&per_page=1`);
  await Promise.all([page.waitForNavigation(), page.click('.pager a[rel=next]')]);
  assert.equal(new URL(page.url()).searchParams.get('page'), '2');
  assert.equal(await page.locator('.hit').count(), 1);
});

test('the result page fits a phone screen, with the facets folded away', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(`${baseUrl}/search?q=${encodeURIComponent(token)}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `/search overflows by ${overflow}px`);
  await page.waitForFunction(() => !document.querySelector('details.facets-panel').open);
  await page.click('details.facets-panel > summary');
  assert.equal(await page.locator('details.facets-panel[open]').count(), 1, 'the panel opens on tap');
  await page.goto(`${baseUrl}/`);
  const homeOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(homeOverflow <= 0, `/ overflows by ${homeOverflow}px with the search box`);
});

test('an empty query shows the tips; an over-long one is a 400 page with a clear message', async () => {
  const page = await newPage(browser);
  const empty = await page.goto(`${baseUrl}/search`);
  assert.equal(empty.status(), 200);
  assert.match(await page.textContent('main'), /搜索小贴士/);
  const long = await page.goto(`${baseUrl}/search?q=${encodeURIComponent('财'.repeat(201))}`);
  assert.equal(long.status(), 400);
  assert.ok((await page.textContent('[role=alert]')).trim().length > 0);
});
