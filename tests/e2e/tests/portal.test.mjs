import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, baseUrl } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('portal home renders in Chinese with landmarks and no console errors', async () => {
  const page = await newPage(browser);
  const res = await page.goto(`${baseUrl}/`);
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.title(), /首页/);
  for (const sel of ['header[role=banner]', 'nav', 'main#main', 'footer[role=contentinfo]', 'a.skip-link']) {
    assert.equal(await page.locator(sel).count() > 0, true, `missing ${sel}`);
  }
  assert.match(await page.textContent('main'), /公开主体/);
  assert.match(await page.textContent('main'), /36 个信息公开主体/);
  assert.deepEqual(page.consoleErrors, []);
});

test('the directory lists all 18 townships and links to each organ', async () => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/departments`);
  const townships = page.locator('#group-town + ul li');
  assert.equal(await townships.count(), 18);
  await page.click('text=横店镇人民政府');
  assert.match(await page.textContent('h1'), /横店镇人民政府/);
  assert.deepEqual(page.consoleErrors, []);
});

test('the working-day calendar marks National Day 2024 holidays and make-up workdays', async () => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/calendar?month=2024-10`);
  assert.equal(await page.locator('td.holiday').count(), 7);
  assert.equal(await page.locator('td.workday').count(), 1);  // 10-12 (09-29 is in September)
  assert.match(await page.textContent('main'), /2024-10-12 班 国庆节/);
});

test('large-font mode enlarges text, persists across pages, and can be turned off', async () => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/`);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize));
  const normal = await size();
  await Promise.all([page.waitForNavigation(), page.click('#large-font-toggle button')]);
  assert.equal(new URL(page.url()).pathname, '/');
  const large = await size();
  assert.ok(large >= normal * 1.25, `expected larger text, got ${normal} -> ${large}`);
  assert.equal(await page.getAttribute('#large-font-toggle button', 'aria-pressed'), 'true');
  await page.goto(`${baseUrl}/departments`);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-font')), true);
  await Promise.all([page.waitForNavigation(), page.click('#large-font-toggle button')]);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-font')), false);
});

test('pages fit a phone screen without horizontal scrolling', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
  for (const path of ['/', '/departments', '/calendar?month=2024-10', '/login']) {
    await page.goto(`${baseUrl}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
});

test('an unknown page is a Chinese 404 page', async () => {
  const page = await newPage(browser);
  const res = await page.goto(`${baseUrl}/no-such-page`);
  assert.equal(res.status(), 404);
  assert.match(await page.textContent('h1'), /页面不存在/);
});
