// Passerelle's public pages in a real browser: headless Chromium, driven by Playwright,
// as a French reader would see them. Checks each page says what it should, holds no
// member's name, logs no console error and has no serious accessibility violation
// (axe-core); keeps a screenshot of each. Run by `cargo test --test web` with:
//   node pages.mjs BASE_URL ARTIFACTS_DIR EVENT_ID NAMES…
// and CHROMIUM set to the browser's executable. Exits non-zero on the first failure.

import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [base, artifacts, eventId, ...names] = process.argv.slice(2);
if (!base || !artifacts || !eventId || !process.env.CHROMIUM) {
  console.error("usage: CHROMIUM=… node pages.mjs BASE_URL ARTIFACTS_DIR EVENT_ID NAMES…");
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

function check(condition, what) {
  if (!condition) {
    throw new Error(what);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu"],
});
const context = await browser.newContext({
  locale: "fr-FR",
  timezoneId: "America/Montreal",
  viewport: { width: 390, height: 844 },
});
const page = await context.newPage();
const errors = [];
page.on("console", (message) => {
  if (message.type() === "error") errors.push(message.text());
});
page.on("pageerror", (error) => errors.push(error.message));

/** What axe-core finds serious or critical on the page shown. */
async function violations() {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Checks the page shown, and keeps its screenshot as `name.png`. */
async function inspect(name) {
  const text = await page.locator("body").innerText();
  for (const member of names) {
    check(!text.toLowerCase().includes(member.toLowerCase()), `${name}: the name ${member} is on the page`);
  }
  const found = await violations();
  check(found.length === 0, `${name}: accessibility violations:\n  ${found.join("\n  ")}`);
  await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });
  return text;
}

try {
  // The FAQ, in French for a French browser.
  await page.goto(`${base}/faq`);
  check((await page.getAttribute("html", "lang")) === "fr", "the FAQ is not in French");
  check((await page.locator("h1").innerText()) === "Questions et réponses", "the FAQ's heading");
  await inspect("faq");

  // Search, with a typo, through the form.
  await page.getByLabel("Mots à chercher").fill("titre de sejuor");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.waitForURL(/\/faq\/search/);
  const results = await inspect("search");
  check(results.includes("titre de séjour"), `the search did not find the residence permit:\n${results}`);

  // One answer, reached from the results.
  await page.getByRole("link", { name: /titre de séjour/ }).first().click();
  await page.waitForURL(/\/faq\/entry\//);
  const answer = await inspect("entry");
  check(/Vérifiée pour la dernière fois le/.test(answer), "the answer's review date");

  // An event, with its time in the reader's own zone too, and its calendar file.
  await page.goto(`${base}/events/${eventId}`);
  const event = await inspect("event");
  check(event.includes("Dans votre fuseau horaire"), `no time in the reader's zone:\n${event}`);
  const ics = page.getByRole("link", { name: "Ajouter à mon agenda (.ics)" });
  const href = await ics.getAttribute("href");
  const file = await page.request.get(`${base}${href}`);
  check(file.status() === 200, `the calendar file answered ${file.status()}`);
  check((await file.text()).includes("BEGIN:VEVENT"), "the calendar file holds no event");

  // The home page and the events list.
  await page.goto(`${base}/`);
  await inspect("home");
  await page.goto(`${base}/events`);
  await inspect("events");

  check(errors.length === 0, `console errors:\n  ${errors.join("\n  ")}`);
  console.log(`ok: 6 pages checked, screenshots in ${artifacts}`);
} catch (error) {
  console.error(`failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
