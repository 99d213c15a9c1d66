// End-to-end tests of the `guifan serve` page in headless Chromium, driven
// by playwright-core (no browser download: Debian's chromium). Started by
// run.sh, which provides GUIFAN_URL (a running server with --max-body 64KB),
// GUIFAN_BIN (to compare with `guifan fix`), CHROMIUM and SCREENSHOTS.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const url = process.env.GUIFAN_URL;
const bin = process.env.GUIFAN_BIN;
const shots = process.env.SCREENSHOTS || join(root, "target", "web-screenshots");
assert.ok(url, "GUIFAN_URL is set by run.sh");
assert.ok(bin, "GUIFAN_BIN is set by run.sh");
mkdirSync(shots, { recursive: true });

const DRAFT = readFileSync(join(root, "fixtures/examples/meeting-report.txt"), "utf8");

let context;
let page;
let profile;

before(async () => {
  profile = mkdtempSync(join(tmpdir(), "guifan-web-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1400, height: 860 },
    locale: "zh-CN",
  });
  page = context.pages()[0] || (await context.newPage());
  page.on("pageerror", (e) => {
    throw e;
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function api(path, body) {
  const r = await fetch(url + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return r.json();
}

async function fresh() {
  await page.goto(url + "/");
  await page.waitForSelector("#text");
}

/// Put `text` in the editor and wait for the check of exactly that text.
async function paste(text) {
  await page.fill("#text", text);
  await waitChecked(text);
}

async function waitChecked(text) {
  await page.waitForFunction(
    (t) =>
      document.getElementById("text").value === t &&
      window.guifan.checked() === t &&
      document.getElementById("status").textContent.startsWith("已检查"),
    text,
    { timeout: 15000 },
  );
}

function guifanFix(text, name) {
  const dir = mkdtempSync(join(tmpdir(), "guifan-fix-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    execFileSync(bin, ["fix", "--no-config", "--quiet", name], { cwd: dir, stdio: "ignore" });
  } catch (e) {
    // exit 1: findings remain; that is fine.
    if (e.status !== 1) throw e;
  }
  const fixed = readFileSync(file, "utf8");
  rmSync(dir, { recursive: true, force: true });
  return fixed;
}

test("a pasted draft shows exactly the findings of the API", async () => {
  await fresh();
  await paste(DRAFT);
  const expected = await api("/api/v1/check", { text: DRAFT, format: "plain" });
  const shown = await page.evaluate(() => window.guifan.shown());
  assert.ok(expected.diagnostics.length > 10);
  assert.deepEqual(
    shown,
    expected.diagnostics.map((d) => ({ rule: d.rule, start_utf16: d.start_utf16, end_utf16: d.end_utf16 })),
  );
  // The list: one entry per finding, grouped by family with counts.
  const items = await page.$$eval("#findings li", (lis) => lis.map((li) => li.dataset.rule + "@" + li.dataset.start));
  assert.deepEqual(
    items.slice().sort(),
    expected.diagnostics.map((d) => d.rule + "@" + d.start_utf16).sort(),
  );
  const groups = await page.$$eval("#findings h2", (hs) => hs.map((h) => [h.dataset.family, Number(h.querySelector(".count").textContent)]));
  for (const [family, count] of groups) {
    assert.equal(count, expected.diagnostics.filter((d) => d.rule.startsWith(family + "/")).length, family);
  }
  assert.equal(Number(await page.textContent("#count-total")), expected.diagnostics.length);
  // Highlights in the layer behind the text, coloured by severity.
  assert.ok((await page.$$("#backdrop mark.error")).length > 0);
  assert.ok((await page.$$("#backdrop mark.warning")).length > 0);
  // The document date from the draft's own metadata line.
  assert.equal(await page.textContent("#doc-date-value"), "2024-03-18");
  await page.screenshot({ path: join(shots, "1-findings.png") });
});

test("clicking a finding shows its message, change, explanation and norm", async () => {
  await fresh();
  await paste(DRAFT);
  const li = page.locator('#findings li[data-rule="punctuation/halfwidth-in-cjk"]').first();
  await li.click();
  await page.waitForSelector("#detail:not([hidden])");
  assert.equal(await page.textContent("#detail-rule"), "punctuation/halfwidth-in-cjk");
  assert.match(await page.textContent("#detail-change"), /改为/);
  await page.waitForFunction(() => document.getElementById("detail-explain").textContent.includes("punctuation/halfwidth-in-cjk"));
  assert.match(await page.textContent("#detail-norm"), /依据：.*GB\/T 15834/);
  await page.click("#detail-explain-box summary");
  assert.ok(await page.$("#backdrop mark.current"), "the finding is outlined in the text");
  await page.screenshot({ path: join(shots, "2-explanation.png") });

  // Keyboard: Alt+↓ / Alt+↑ and j / k move between findings.
  const current = () => page.$eval("#findings li.current", (li) => Number(li.dataset.i));
  const first = await current();
  await page.keyboard.press("Alt+ArrowDown");
  assert.equal(await current(), first + 1);
  await page.keyboard.press("Alt+ArrowUp");
  assert.equal(await current(), first);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  assert.equal(await current(), first + 1);
  await page.keyboard.press("k");
  assert.equal(await current(), first);

  // Accept one fix: the text changes there, and the check runs again.
  const before = await page.inputValue("#text");
  const d = (await page.evaluate(() => window.guifan.shown()))[first];
  const full = (await api("/api/v1/check", { text: before, format: "plain" })).diagnostics.find(
    (x) => x.rule === d.rule && x.start_utf16 === d.start_utf16,
  );
  const edit = full.fix.edits[0];
  await page.click("#accept");
  await page.waitForFunction((b) => document.getElementById("text").value !== b, before);
  const after = await page.inputValue("#text");
  assert.equal(after.slice(0, edit.start_utf16), before.slice(0, edit.start_utf16));
  assert.equal(after.slice(edit.start_utf16, edit.start_utf16 + edit.replacement.length), edit.replacement);
  await waitChecked(after);

  // Dismiss one: it leaves the list.
  const count = Number(await page.textContent("#count-total"));
  await page.locator("#findings li").first().click();
  await page.click("#dismiss");
  assert.equal(Number(await page.textContent("#count-total")), count - 1);
});

test("typing re-checks and keeps the caret and the scroll position", async () => {
  await fresh();
  const long = (DRAFT + "\n").repeat(12);
  await paste(long);
  await page.$eval("#text", (t) => {
    t.focus();
    t.scrollTop = 400;
    const at = t.value.indexOf("会议要求", 3000);
    t.setSelectionRange(at, at);
  });
  // The first key brings the caret into view; then nothing may move it.
  await page.keyboard.type("各");
  await waitChecked(await page.inputValue("#text"));
  const before = await page.$eval("#text", (t) => [t.selectionStart, t.scrollTop]);
  await page.keyboard.type("单位");
  const typed = await page.inputValue("#text");
  await waitChecked(typed);
  const after = await page.$eval("#text", (t) => [t.selectionStart, t.scrollTop]);
  assert.equal(after[0], before[0] + 2);
  assert.equal(after[1], before[1]);
  // The layer scrolls with the text and is current (not faded).
  assert.equal(await page.$eval("#backdrop", (b) => b.scrollTop), after[1]);
  assert.equal(await page.$eval("#backdrop", (b) => b.classList.contains("stale")), false);
  const expected = await api("/api/v1/check", { text: typed, format: "plain" });
  assert.equal((await page.evaluate(() => window.guifan.shown())).length, expected.diagnostics.length);
});

test("accept all safe fixes gives the text of guifan fix", async () => {
  for (const [file, format] of [
    ["fixtures/examples/meeting-report.txt", "plain"],
    ["fixtures/punctuation/report.md", "markdown"],
  ]) {
    await fresh();
    const text = readFileSync(join(root, file), "utf8");
    // Open it as a file: the format follows the extension.
    await page.setInputFiles("#file", join(root, file));
    await waitChecked(text);
    assert.equal(await page.inputValue("#format"), format);
    await page.click("#fix-all");
    await page.waitForFunction(() => document.getElementById("status").textContent === "已修复");
    const expected = guifanFix(text, file.split("/").pop());
    assert.notEqual(expected, text);
    assert.equal(await page.inputValue("#text"), expected, file);
    assert.match(await page.textContent("#notice"), /已应用 \d+ 处安全修复/);
    if (format === "plain") await page.screenshot({ path: join(shots, "3-fixed.png") });
  }
});

test("copy and download give the corrected text, CRLF kept for a CRLF file", async () => {
  await fresh();
  const dir = mkdtempSync(join(tmpdir(), "guifan-crlf-"));
  const text = DRAFT.replace(/\n/g, "\r\n");
  const file = join(dir, "crlf-draft.txt");
  writeFileSync(file, text);
  await page.setInputFiles("#file", file);
  await waitChecked(text.replace(/\r\n/g, "\n")); // a textarea holds LF
  await page.click("#fix-all");
  await page.waitForFunction(() => document.getElementById("status").textContent === "已修复");
  const expected = guifanFix(text, "crlf-draft.txt");
  assert.ok(expected.includes("\r\n"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  assert.equal(download.suggestedFilename(), "crlf-draft.txt");
  const saved = join(dir, "saved.txt");
  await download.saveAs(saved);
  assert.equal(readFileSync(saved, "utf8"), expected);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url });
  await page.click("#copy");
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("已复制"));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  rmSync(dir, { recursive: true, force: true });
});

test("changing the date turns date-aware rules on and off", async () => {
  await fresh();
  const text = "各单位要继续做好新冠肺炎疫情防控工作,确保师生健康。\n";
  const covid = async () =>
    (await page.evaluate(() => window.guifan.shown())).some((d) => d.rule === "terminology/covid-rename");
  await page.fill("#date", "2022-11-01");
  await paste(text);
  assert.equal(await covid(), false);
  assert.equal(await page.textContent("#doc-date-value"), "2022-11-01");
  await page.fill("#date", "2023-02-01");
  await page.waitForFunction(() => document.getElementById("doc-date-value")?.textContent === "2023-02-01");
  await waitChecked(text);
  assert.equal(await covid(), true);
  await page.locator('#findings li[data-rule="terminology/covid-rename"]').click();
  await page.waitForFunction(() => document.getElementById("detail-explain").textContent.includes("covid-rename"));
  await page.screenshot({ path: join(shots, "4-date-aware.png") });
  // Families can be switched off.
  await page.uncheck('input[name=family][value="terminology"]');
  await page.waitForFunction(() => !window.guifan.shown().some((d) => d.rule.startsWith("terminology/")));
  assert.ok((await page.evaluate(() => window.guifan.shown())).length > 0);
});

test("an over-limit draft gets a clear refusal", async () => {
  await fresh();
  const big = "会议指出,要深入学习贯彻会议精神。".repeat(4000); // about 200 KB
  await page.fill("#text", big);
  await page.waitForSelector("#notice:not([hidden])", { timeout: 15000 });
  const message = await page.textContent("#notice");
  assert.match(message, /文稿太大/);
  assert.match(message, /64KB/);
  await page.screenshot({ path: join(shots, "5-too-large.png") });
  // Back under the limit: the notice goes and findings come.
  await paste("会议指出,要深入学习。\n");
  assert.equal(await page.isHidden("#notice"), true);
});

/// Another server, with its own options, for the refusals the main one
/// (started by run.sh) cannot show. Resolves to { url, stop }.
function startServer(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["serve", "--host", "127.0.0.1", "--port", "0", "--no-config", ...args], {
      cwd: tmpdir(),
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error("guifan serve exited with " + code)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/\S+/);
      if (m) {
        child.removeAllListeners("exit");
        resolve({
          url: m[0].replace(/\/$/, ""),
          stop: () =>
            new Promise((done) => {
              child.on("exit", done);
              child.kill("SIGTERM");
            }),
        });
      }
    });
  });
}

test("a server with --token: the page asks for the token once", async () => {
  const server = await startServer(["--token", "page-test-token"]);
  try {
    await page.goto(server.url + "/");
    await page.fill("#text", "会议指出,要深入学习。\n");
    await page.waitForSelector("#token-form:not([hidden])");
    assert.match(await page.textContent("#notice"), /需要访问令牌/);
    await page.screenshot({ path: join(shots, "6-token.png") });
    await page.fill("#token", "page-test-token");
    await page.click("#token-form button");
    await waitChecked("会议指出,要深入学习。\n");
    assert.ok((await page.evaluate(() => window.guifan.shown())).length > 0);
    assert.equal(await page.isHidden("#notice"), true);
  } finally {
    await server.stop();
  }
});

test("a check over the server's time limit gets a clear refusal", async () => {
  const server = await startServer(["--timeout", "0.001"]);
  try {
    await page.goto(server.url + "/");
    await page.fill("#text", "会议指出,要深入学习贯彻会议精神。".repeat(8000));
    await page.waitForSelector("#notice:not([hidden])", { timeout: 15000 });
    assert.match(await page.textContent("#notice"), /检查超时/);
  } finally {
    await server.stop();
  }
});

test("a Word document: its text and findings, and the fixed, tracked and annotated documents to download", async () => {
  await fresh();
  const dir = mkdtempSync(join(tmpdir(), "guifan-docx-"));
  const original = readFileSync(join(root, "fixtures/docx/report.docx"));
  const file = join(dir, "report.docx");
  writeFileSync(file, original);
  // What the API says about the document.
  const r = await fetch(url + "/api/v1/docx/check?path=report.docx", {
    method: "POST",
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    body: original,
  });
  const expected = await r.json();
  assert.ok(expected.diagnostics.length >= 10);

  await page.setInputFiles("#file", file);
  await waitChecked(expected.text);
  assert.equal(await page.isVisible("#word"), true);
  assert.equal(await page.textContent("#word-name"), "report.docx");
  assert.equal(await page.$eval("#text", (t) => t.readOnly), true);
  assert.equal(await page.isDisabled("#fix-all"), true);
  const shown = await page.evaluate(() => window.guifan.shown());
  assert.deepEqual(
    shown,
    expected.diagnostics.map((d) => ({ rule: d.rule, start_utf16: d.start_utf16, end_utf16: d.end_utf16 })),
  );

  // The fixed document is the file `guifan fix` writes.
  await page.click("#docx-fix");
  const fixLink = await page.waitForSelector("#word-links a[data-action=fix]");
  assert.equal(await fixLink.textContent(), "下载 report（已修复）.docx");
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("已生成修复后的文档"));
  const [fixed] = await Promise.all([page.waitForEvent("download"), fixLink.click()]);
  assert.equal(fixed.suggestedFilename(), "report（已修复）.docx");
  const savedFixed = join(dir, "saved-fixed.docx");
  await fixed.saveAs(savedFixed);
  try {
    execFileSync(bin, ["fix", "--no-config", "--quiet", "report.docx"], { cwd: dir, stdio: "ignore" });
  } catch (e) {
    if (e.status !== 1) throw e;
  }
  assert.ok(readFileSync(savedFixed).equals(readFileSync(file)), "the page's fixed document differs from guifan fix");

  // Tracked changes and comments: downloads with what they hold.
  await page.click("#docx-track");
  const trackLink = await page.waitForSelector("#word-links a[data-action=track]");
  await page.waitForFunction(() => document.getElementById("notice").textContent.includes("写成修订"));
  const [tracked] = await Promise.all([page.waitForEvent("download"), trackLink.click()]);
  assert.equal(tracked.suggestedFilename(), "report（修订）.docx");
  await page.check("#docx-annotate-all");
  await page.click("#docx-annotate");
  const annotateLink = await page.waitForSelector("#word-links a[data-action=annotate]");
  await page.waitForFunction(
    (n) => document.getElementById("notice").textContent === "已生成批注版：" + n + " 条批注。",
    expected.diagnostics.length,
  );
  const [annotated] = await Promise.all([page.waitForEvent("download"), annotateLink.click()]);
  assert.equal(annotated.suggestedFilename(), "report（批注）.docx");
  const savedAnnotated = join(dir, "saved-annotated.docx");
  await annotated.saveAs(savedAnnotated);
  // guifan reads the annotated copy: comments are not prose.
  let report;
  try {
    report = execFileSync(bin, ["check", "--no-config", "--format", "json", "saved-annotated.docx"], { cwd: dir });
  } catch (e) {
    // exit 1: findings; that is expected.
    if (e.status !== 1) throw e;
    report = e.stdout;
  }
  const again = JSON.parse(report.toString());
  assert.equal(again.diagnostics.length, expected.diagnostics.length);
  await page.screenshot({ path: join(shots, "7-word.png") });

  // Closing the document gives the editor back.
  await page.click("#docx-close");
  assert.equal(await page.isVisible("#word"), false);
  assert.equal(await page.$eval("#text", (t) => t.readOnly), false);
  assert.equal(await page.inputValue("#text"), "");
  rmSync(dir, { recursive: true, force: true });
});
