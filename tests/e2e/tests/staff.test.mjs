import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, baseUrl } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('staff login leads to the back office and logout ends the session', async () => {
  const page = await newPage(browser);
  await login(page, process.env.GK_ADMIN_USER, process.env.GK_ADMIN_PASSWORD);
  assert.equal(new URL(page.url()).pathname, '/admin');
  assert.match(await page.textContent('h1'), /工作台/);
  assert.match(await page.textContent('header'), /端到端管理员/);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'gk_session');
  assert.ok(session, 'session cookie set');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Lax');

  await Promise.all([page.waitForNavigation(), page.click('#logout-form button')]);
  assert.equal(new URL(page.url()).pathname, '/');
  const res = await page.goto(`${baseUrl}/admin`);
  assert.equal(new URL(page.url()).pathname, '/login', 'back office needs a login again');
  assert.equal(res.status(), 200);
  assert.deepEqual(page.consoleErrors, []);
});

test('a wrong password is refused with a clear message', async () => {
  const page = await newPage(browser);
  await login(page, process.env.GK_ADMIN_USER, 'wrong-password');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.match(await page.textContent('[role=alert]'), /用户名或密码错误/);
});

test('a POST without a CSRF token is refused and changes nothing', async () => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/login`);
  const status = await page.evaluate(async (u) => {
    const body = new URLSearchParams({ username: u.user, password: u.password });
    const r = await fetch('/login', { method: 'POST', body, redirect: 'manual' });
    return r.status;
  }, { user: process.env.GK_ADMIN_USER, password: process.env.GK_ADMIN_PASSWORD });
  assert.equal(status, 403);
  const cookies = await page.context().cookies();
  assert.equal(cookies.some((c) => c.name === 'gk_session'), false, 'no session was created');
});

test('a department editor cannot open pages reserved to admins', async () => {
  const page = await newPage(browser);
  await login(page, process.env.GK_EDITOR_USER, process.env.GK_EDITOR_PASSWORD);
  const res = await page.goto(`${baseUrl}/admin/calendar`);
  assert.equal(res.status(), 403);
  const users = await page.goto(`${baseUrl}/admin/users`);
  assert.equal(users.status(), 200);
  const table = await page.textContent('main table');
  assert.match(table, /东阳市财政局/);
  assert.doesNotMatch(table, /端到端管理员|东阳市人民政府办公室/, 'only their own department');
});

test('an admin creates a user; the new user can log in and the audit log shows it', async () => {
  const page = await newPage(browser);
  await login(page, process.env.GK_ADMIN_USER, process.env.GK_ADMIN_PASSWORD);
  await page.goto(`${baseUrl}/admin/users/new`);
  await page.fill('#username', 'wjj_clerk');
  await page.fill('#display_name', '卫健局经办人');
  await page.selectOption('#department', 'wjj');
  await page.check('input[name=roles][value=foi_officer]');
  await page.fill('#password', 'short');
  await Promise.all([page.waitForNavigation(), page.click('#user-form button[type=submit]')]);
  assert.match(await page.textContent('#p-err'), /10/);  // the field error, the rest kept
  assert.equal(await page.inputValue('#username'), 'wjj_clerk');
  await page.fill('#password', 'Clerk-Password-2021');
  await Promise.all([page.waitForNavigation(), page.click('#user-form button[type=submit]')]);
  assert.match(await page.textContent('[role=status]'), /账号已创建/);
  await page.goto(`${baseUrl}/admin/audit`);
  assert.match(await page.textContent('main table'), /创建用户 wjj_clerk/);

  const other = await newPage(browser);
  await login(other, 'wjj_clerk', 'Clerk-Password-2021');
  assert.equal(new URL(other.url()).pathname, '/admin');
  assert.match(await other.textContent('main'), /东阳市卫生健康局/);
});
