// End-to-end tests of the audit page (`guifan report`) in headless
// Chromium, driven by playwright-core (Debian's chromium, no download).
// Started by report.sh, which provides REPORT (the page, opened from a
// file:// URL as people open it), PAGES_CSV (the --csv table), CHROMIUM and
// SCREENSHOTS.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const report = process.env.REPORT;
const pagesCsv = process.env.PAGES_CSV;
const shots = process.env.SCREENSHOTS;
assert.ok(report && pagesCsv && shots, "REPORT, PAGES_CSV and SCREENSHOTS are set by report.sh");
mkdirSync(shots, { recursive: true });
const url = pathToFileURL(report).href;

let context;
let page;
let profile;
const requests = [];
const problems = [];

before(async () => {
  profile = mkdtempSync(join(tmpdir(), "guifan-report-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
    acceptDownloads: true,
  });
  page = context.pages()[0] || (await context.newPage());
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await page.goto(url, { waitUntil: "load" });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/// The number in "… N 个问题" of the header.
async function totalFindings() {
  const text = await page.textContent("#totals");
  const m = text.match(/字，([\d,]+) 个问题/) || text.match(/([\d,]+) 个问题/);
  return Number(m[1].replaceAll(",", ""));
}

/// Parse a CSV of simple cells (the tables quote only what needs it).
function rows(csv) {
  return csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n")
    .map((l) => l.split(","));
}

test("the page loads nothing but itself and shows no error", async () => {
  await page.waitForTimeout(300);
  const foreign = requests.filter((u) => u !== url);
  assert.deepEqual(foreign, [], "no request besides the page itself");
  assert.deepEqual(problems, [], "no script error, no blocked resource");
  assert.equal(await page.locator("script, link, img, iframe").count(), 0);
});

test("each site has its charts, drawn with real sizes", async () => {
  const sites = await page.locator("section.site").count();
  const overview = await page.locator("#overview tbody tr").count();
  assert.equal(sites, overview, "one section per row of the overview");
  const csvSites = new Set(rows(readFileSync(pagesCsv, "utf8")).slice(1).map((r) => r[0]));
  assert.equal(sites, csvSites.size);
  const charts = page.locator("svg.chart");
  assert.ok((await charts.count()) >= sites, "at least a rule chart per site");
  for (let i = 0; i < Math.min(await charts.count(), 12); i++) {
    const box = await charts.nth(i).boundingBox();
    assert.ok(box && box.width > 500 && box.height > 20, `chart ${i} is drawn: ${JSON.stringify(box)}`);
  }
  // The first site's month chart: its bars are visible rectangles.
  const bars = page.locator("section.site").first().locator("svg.chart").first().locator("g.bar rect");
  assert.ok((await bars.count()) > 0);
  const bar = await bars.first().boundingBox();
  assert.ok(bar.height > 5 && bar.width > 5, `a bar is drawn: ${JSON.stringify(bar)}`);
});

test("sites and pages with leader-title and formulation errors come first", async () => {
  const priority = await page.$$eval("#overview tbody tr td:last-child", (tds) =>
    tds.map((td) => Number(td.textContent.replaceAll(",", ""))),
  );
  const sorted = [...priority].sort((a, b) => b - a);
  assert.deepEqual(priority, sorted, "sites ordered by their priority findings");
  assert.ok(priority[0] > 0, "the real pages have such findings");
  // Within each worst page, the priority findings are listed first.
  const orders = await page.$$eval("details.page", (ds) =>
    ds.map((d) => [...d.querySelectorAll("tbody tr td:nth-child(2) code")].map((c) => c.classList.contains("pri"))),
  );
  for (const flags of orders) {
    const firstOther = flags.indexOf(false);
    assert.ok(firstOther === -1 || !flags.slice(firstOther).includes(true), "priority first");
  }
  // The findings are shown in their text, with the span marked.
  assert.ok((await page.locator("details.page[open] td.ctx mark").count()) > 10);
});

test("the tables download as UTF-8 CSV and add up to the page's totals", async () => {
  const total = await totalFindings();
  const [down] = await Promise.all([page.waitForEvent("download"), page.click("#download-rules")]);
  assert.equal(down.suggestedFilename(), "guifan-audit-rules.csv");
  const csv = readFileSync(await down.path(), "utf8");
  assert.ok(csv.startsWith("\uFEFF网站,规则,类别,重点,问题数,其中错误"), csv.slice(0, 40));
  const byRule = rows(csv).slice(1).reduce((n, r) => n + Number(r[4]), 0);
  assert.equal(byRule, total, "the rule table adds up to the findings");
  const [down2] = await Promise.all([page.waitForEvent("download"), page.click("#download-months")]);
  const months = rows(readFileSync(await down2.path(), "utf8"));
  assert.deepEqual(months[0], ["网站", "月份", "文档数", "字数", "问题数", "重点问题数", "每万字问题数"]);
  assert.equal(months.slice(1).reduce((n, r) => n + Number(r[4]), 0), total);
  const pages = rows(readFileSync(pagesCsv, "utf8"));
  assert.equal(pages.slice(1).reduce((n, r) => n + Number(r[4]), 0), total, "--csv adds up too");
});

test("screenshots, desktop and phone; nothing overflows on a phone", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, "report-1-overview-1280.png") });
  await page.locator("section.site").first().scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector("section.site").scrollIntoView());
  await page.screenshot({ path: join(shots, "report-2-site-1280.png") });
  await page.evaluate(() => document.querySelector("details.page").scrollIntoView());
  await page.screenshot({ path: join(shots, "report-3-worst-pages-1280.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, "report-4-overview-390.png") });
  await page.evaluate(() => document.querySelector("section.site").scrollIntoView());
  await page.screenshot({ path: join(shots, "report-5-site-390.png") });
  await page.evaluate(() => document.querySelector("details.page").scrollIntoView());
  await page.screenshot({ path: join(shots, "report-6-worst-pages-390.png") });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
});
