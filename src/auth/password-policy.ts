import { z } from 'zod';

/** Shorter passwords fall to offline guessing of a leaked hash; README "Accounts" says so. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Common passwords of the minimum length or more (from public breach top lists), compared
 * lower-cased with spaces removed. Short on purpose: the length rule already refuses the bulk.
 */
const COMMON = new Set([
  '1234567890', '0123456789', '12345678910', '123456789a', '1q2w3e4r5t', '1qaz2wsx3edc', 'qwertyuiop',
  'qwerty1234', 'qwerty12345', 'asdfghjkl1', 'password12', 'password123', 'password1234', 'password!1',
  'passw0rd123', 'iloveyou12', 'iloveyou123', 'letmein123', 'welcome123', 'abcdefghij', 'abcd123456',
  'abc1234567', 'administrator', 'admin12345', 'football12', 'football123', 'baseball12', 'baseball123',
  'basketball', 'superman123', 'sunshine12', 'princess12', 'trustno1trustno1', 'passwordpassword',
  'changeme123', 'clubhouse1', 'clubhouse123', 'qazwsxedc123', 'zaq12wsxcde', 'starwars12',
]);

/** Why a new password is refused, or undefined when it is acceptable. */
export function weakPasswordReason(password: string): string | undefined {
  if (password.trim() === '') return 'must not be only spaces';
  if (new Set(password).size === 1) return 'must not repeat a single character';
  if (COMMON.has(password.toLowerCase().replace(/\s+/g, ''))) return 'is one of the most common passwords';
  return undefined;
}

/** A password for a new account: length, then the weak-password rules, as a 400 naming `password`. */
export const newPassword = z.string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(128)
  .superRefine((password, ctx) => {
    const reason = weakPasswordReason(password);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
