import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

// Verified against when an e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
let decoy: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    decoy ??= hashPassword('cohort-decoy-password');
    await verify(await decoy, password);
    return false;
  }
  return verify(storedHash, password);
}

const common = new Set([
  'password', 'password1', 'password123', '1234567890', '12345678910', 'qwertyuiop', 'iloveyou12',
  'letmein123', 'welcome123', 'admin12345', 'passw0rd12', 'abcdefghij', 'qwerty1234', '1q2w3e4r5t',
]);

/** Why a password is too weak, or null when it is acceptable. */
export function passwordWeakness(password: string, personal: string[]): string | null {
  if (password.length < 10) return 'Use at least 10 characters.';
  if (password.length > 200) return 'Use at most 200 characters.';
  if (common.has(password.toLowerCase())) return 'This password is too common; choose another.';
  if (new Set(password).size < 5) return 'Use a greater variety of characters.';
  const lower = password.toLowerCase();
  if (personal.some((p) => p.length >= 3 && lower.includes(p.toLowerCase()))) {
    return 'Do not use your e-mail or handle in your password.';
  }
  return null;
}
