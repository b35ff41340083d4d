// Shared set-up for the browser journeys: one headless Debian Chromium per test file.
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
