import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { WEB_DIST } from '../../src/http/web.ts';
import { startTestServer, truncateAll, type TestServer } from './server.ts';

/** Debian's Chromium (`.ci/run` installs the `chromium` package when it is missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
/**
 * How soon an action must show on the other pages (the issue: within 1 s). WEB_LIVE_MS raises it
 * on a machine too loaded to keep that promise (say so when you do).
 */
export const LIVE_MS = Number(process.env.WEB_LIVE_MS ?? 1000);
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** The built client the test server serves (built once when missing: `npm run build:web`). */
export function ensureWebBuilt(): void {
  if (existsSync(`${WEB_DIST}index.html`)) return;
  execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
}

export async function launchBrowser(): Promise<Browser> {
  ensureWebBuilt();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A browser context already signed in as the user behind the token (as after the sign-in form); `options` such as a time zone. */
export async function signedInPage(browser: Browser, baseUrl: string, user: { token: string; userId: string; username: string }, viewport = DESKTOP, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, viewport, baseURL: baseUrl });
  const session = JSON.stringify({ token: user.token, user: { id: user.userId, username: user.username } });
  await context.addInitScript((value) => localStorage.setItem('clubhouse.session', value), session);
  return { context, page: await context.newPage() };
}

/** Waits until the locator shows the text (no fixed sleeps). */
export async function waitForText(locator: Locator, text: string | RegExp, timeout = 5000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false });
}

/**
 * The hooks every browser-test file shares: one real server and one Chromium for the file, the
 * database emptied before each test. `ready` hands both to the file's own variables; `options` go to
 * the server (say, `now`: a clock the test moves).
 */
export function useBrowserSuite(ready: (server: TestServer, browser: Browser) => void, options: Parameters<typeof startTestServer>[0] = {}): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startTestServer(options);
    browser = await launchBrowser();
    ready(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => { await truncateAll(server!.app); });
}
