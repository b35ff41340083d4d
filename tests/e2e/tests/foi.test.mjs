// The 依申请公开 journey of the issue ("Done when"): a citizen files online and sees similar answered
// requests first → the officer asks for clarification (补正) → the citizen supplements and the
// officer records it → a third party is consulted → an extension is requested and approved by the
// foi_approver → a partial-disclosure reply is drafted, passes legal review, is approved and sent →
// the citizen follows it on the tracking page and downloads the letter. At every step the due date
// the pages show is the one `gongkai foi deadline` (the clock's CLI contract) computes from the same
// events, and its derivation is shown in plain Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage, login, baseUrl, today, foiDeadline, ensureCalendarYear, foiStep } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

test('file online → 补正 → supplement → third party → extension → partial disclosure → letter downloaded', async () => {
  // An extension reaches 40+ working days ahead: the calendar must cover next year.
  const admin = await newPage(browser);
  await login(admin, process.env.GK_ADMIN_USER, process.env.GK_ADMIN_PASSWORD);
  await ensureCalendarYear(admin, Number(today.slice(0, 4)) + 1);

  // ---- The citizen files online, looking at similar answered requests first. ----
  const citizen = await newPage(browser);
  await citizen.goto(`${baseUrl}/`);
  await Promise.all([citizen.waitForNavigation(), citizen.click('nav a[href="/foi/apply"]')]);
  await citizen.selectOption('#department', 'czj');
  await citizen.check('input[name=applicant_type][value=natural_person]');
  await citizen.fill('#name', '王小明');
  await citizen.fill('#id_number', '330783199001011234');  // wrong check digit first
  await citizen.fill('#phone', '13800001234');
  await citizen.fill('#email', 'wang@example.com');
  await citizen.fill('#address', '浙江省东阳市吴宁街道');
  await citizen.fill('#title', '东阳市财政局2025年度部门决算');
  await citizen.fill('#description', '请提供决算报表及说明，含“三公”经费明细');
  await citizen.check('input[name=form][value=paper]');
  await citizen.check('input[name=delivery][value=post]');
  await Promise.all([citizen.waitForNavigation(), citizen.click('#preview-similar')]);
  assert.match(await citizen.textContent('#similar'), /已答复的相似申请/);
  await Promise.all([citizen.waitForNavigation(), citizen.click('#confirm-submit')]);
  assert.match(await citizen.textContent('#id_number-error'), /校验|身份证/);
  assert.equal(await citizen.inputValue('#name'), '王小明', 'nothing typed is lost');
  await citizen.fill('#id_number', '330783199001011235');
  await Promise.all([citizen.waitForNavigation(), citizen.click('#preview-similar')]);
  await Promise.all([citizen.waitForNavigation(), citizen.click('#confirm-submit')]);
  const tracking = (await citizen.textContent('#tracking-number')).trim();
  const code = (await citizen.textContent('#query-code')).trim();
  assert.match(tracking, /^DY\d{4}-\d{6}$/);
  assert.match(code, /^\d{8}$/);

  // The clock, as the CLI computes it from the same facts.
  const input = { channel: 'online', submitted: today, confirmed: today, events: [] };
  const expectDue = async (page, events, label) => {
    input.events = events;
    const want = await foiDeadline(input);
    assert.match(await page.textContent('#due-date'), new RegExp(want.due), `${label}: due date ${want.due}`);
    const explanation = await page.textContent('#due-explanation');
    assert.match(explanation, /收到申请之日/, `${label}: the derivation is shown`);
    assert.match(explanation, new RegExp(`答复期限：${want.due}`));
    return { want, explanation };
  };
  const trackingPage = async () => {
    const p = await newPage(browser);
    await p.goto(`${baseUrl}/foi/track`);
    await p.fill('#tracking_number', tracking);
    await p.fill('#query_code', code);
    await Promise.all([p.waitForNavigation(), p.click('#foi-track-form button[type=submit]')]);
    return p;
  };
  input.events = [];
  assert.match(await citizen.textContent('#due'), new RegExp((await foiDeadline(input)).due));

  // ---- The officer finds it in the queue and asks for clarification. ----
  const officer = await newPage(browser);
  await login(officer, process.env.GK_FOI_OFFICER_USER, process.env.GK_FOI_OFFICER_PASSWORD);
  await officer.goto(`${baseUrl}/admin/foi`);
  const row = officer.locator(`tr[data-tracking="${tracking}"]`);
  assert.equal(await row.count(), 1, 'the new case is in the department queue');
  assert.match(await row.textContent(), /正常|即将到期/);
  await Promise.all([officer.waitForNavigation(), row.locator('a').click()]);
  const caseUrl = officer.url().split('?')[0].split('#')[0];
  assert.match(caseUrl, /\/admin\/foi\/\d+$/);
  assert.match(await officer.textContent('#applicant-name'), /王\*/, 'masked by default');
  await expectDue(officer, [], 'registered');

  await foiStep(officer, caseUrl, 'supplement_requested', async (p, t) => {
    await p.fill(`#${t}-deadline`, addDays(today, 15));
    await p.fill(`#${t}-note`, '请补充所需决算的具体科目范围。');
  });
  assert.match(await officer.textContent('#case-state'), /待补正/);
  assert.match(await officer.textContent('#due-date-stopped'), /等待申请人补正/);
  let track = await trackingPage();
  assert.match(await track.textContent('#case-steps'), /补正告知/);
  assert.match(await track.textContent('#due-date-stopped'), /补正/);

  // ---- The citizen supplements; the officer records it: the clock starts again. ----
  await foiStep(officer, caseUrl, 'supplement_received');
  const events = [{ type: 'supplement_requested', date: today }, { type: 'supplement_received', date: today }];
  await expectDue(officer, events, 'supplemented');

  // ---- A third party is consulted (Art. 32) and replies. ----
  await foiStep(officer, caseUrl, 'third_party_sent');
  await foiStep(officer, caseUrl, 'third_party_replied');
  events.push({ type: 'third_party_sent', date: today }, { type: 'third_party_replied', date: today });
  await expectDue(officer, events, 'third party consulted');

  // ---- Extension: the officer asks, the approver approves (+20 working days). ----
  await foiStep(officer, caseUrl, 'extension_requested');
  await officer.goto(caseUrl);
  assert.equal(await officer.locator('#step-extension_approved').count(), 0, 'an officer cannot approve');
  const approver = await newPage(browser);
  await login(approver, process.env.GK_FOI_APPROVER_USER, process.env.GK_FOI_APPROVER_PASSWORD);
  await foiStep(approver, caseUrl, 'extension_approved');
  events.push({ type: 'extension', date: today });
  const extended = await expectDue(approver, events, 'extended');
  assert.match(extended.explanation, /延长答复期限 20 个工作日/);
  track = await trackingPage();
  await expectDue(track, events, 'tracking page after the extension');
  assert.equal(await track.locator('#letter').count(), 0, 'no letter yet');

  // ---- Partial disclosure: draft, legal review, approval, reply sent. ----
  await foiStep(officer, caseUrl, 'draft_reply', async (p, t) => {
    await p.selectOption(`#${t}-outcome`, 'partially_disclosed');
    await p.fill(`#${t}-withheld`, '“三公”经费明细中涉及个人的信息');
    await p.fill(`#${t}-withheld_reason`, '涉及个人隐私，依据《中华人民共和国政府信息公开条例》第十五条不予公开');
  });
  const lawyer = await newPage(browser);
  await login(lawyer, process.env.GK_FOI_LAWYER_USER, process.env.GK_FOI_LAWYER_PASSWORD);
  await foiStep(lawyer, caseUrl, 'legal_review_passed');
  await foiStep(approver, caseUrl, 'approved');
  // Still open: the applicant sees the (extended) due date and how it was derived.
  track = await trackingPage();
  await expectDue(track, events, 'approved, before delivery');
  // The officer checks the letter before sending it.
  const draftPdf = await officer.request.get(`${caseUrl}/letter.pdf`);
  assert.equal(draftPdf.status(), 200);
  assert.equal((await draftPdf.body()).subarray(0, 4).toString(), '%PDF');
  await foiStep(officer, caseUrl, 'replied', async (p, t) => { await p.selectOption(`#${t}-delivery`, 'post'); });
  assert.match(await officer.textContent('#case-state'), /已办结|办结/);
  assert.match(await officer.textContent('#case-outcome'), /部分公开/);

  // ---- The citizen follows it and downloads the letter. ----
  track = await trackingPage();
  assert.match(await track.textContent('#case-state'), /部分公开/);
  const steps = await track.textContent('#case-steps');
  for (const s of [/补正告知/, /第三方/, /延期|延长/, /答复/]) assert.match(steps, s);
  assert.doesNotMatch(steps, /法制审核/, 'internal steps stay internal');
  const [download] = await Promise.all([track.waitForEvent('download'), track.click('#letter-pdf-form button')]);
  assert.match(download.suggestedFilename(), new RegExp(`${tracking}\\.pdf$`));
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
  const [docx] = await Promise.all([track.waitForEvent('download'), track.click('#letter-docx-form button')]);
  assert.equal(readFileSync(await docx.path()).subarray(0, 2).toString(), 'PK');

  for (const p of [officer, approver, lawyer, track]) assert.deepEqual(p.consoleErrors, []);
  // The citizen's only error is the 400 of the deliberate wrong check digit.
  assert.deepEqual(citizen.consoleErrors.filter((e) => !/status of 400/.test(e)), []);
  assert.equal(citizen.consoleErrors.length, 1);
});

test('a wrong query code is one clear error', async () => {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}/foi/track`);
  await page.fill('#tracking_number', 'DY2000-000001');
  await page.fill('#query_code', '12345678');
  const [res] = await Promise.all([page.waitForNavigation(), page.click('#foi-track-form button[type=submit]')]);
  assert.equal(res.status(), 404);
  assert.match(await page.textContent('#track-error'), /申请编号或查询码不正确/);
});
