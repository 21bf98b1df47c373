/**
 * Shared by the e2e tests and playwright.config.ts: where the browser-mode server listens, and
 * small helpers for logging in and for setting up a test through the operations themselves.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** BILLING_OFFICE_E2E_PORT lets two checkouts run their end-to-end tests side by side. */
export const E2E_PORT = Number(process.env.BILLING_OFFICE_E2E_PORT ?? 5199);
export const E2E_SECRET = 'e2e-launch-secret';
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** DEMO_PASSWORD in src-main/core/demo; the demo users are clerk, tech and super. */
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_USERS = { clerk: 'clerk', technician: 'tech', supervisor: 'super' } as const;

/** Opens the app the way browser mode's printed address does: the secret in the fragment. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(`${BASE_URL}/#launch=${E2E_SECRET}`);
}

export async function logIn(page: Page, username: string): Promise<void> {
  await openApp(page);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

/** Calls an operation over HTTP as browser mode's page would (for setting up and for refusals). */
export async function callOperation(
  request: APIRequestContext,
  op: string,
  input: unknown,
  sessionToken?: string,
  idempotencyKey?: string,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const response = await request.post(`${BASE_URL}/api/op/${op}`, {
    headers: {
      'x-billing-office-secret': E2E_SECRET,
      ...(sessionToken ? { authorization: `Bearer ${sessionToken}` } : {}),
    },
    data: { input, ...(idempotencyKey ? { idempotencyKey } : {}) },
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

export async function apiLogin(request: APIRequestContext, username: string): Promise<string> {
  const result = await callOperation(request, 'session.login', { username, password: DEMO_PASSWORD });
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return (result.value as { token: string }).token;
}
