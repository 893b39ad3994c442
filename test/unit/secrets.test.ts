import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, digest, hashPassword, newToken, verifyPassword } from '../../src/accounts/secrets.js';

describe('passwords', () => {
  it('verify against their own hash', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  });

  it('refuse a wrong password, even one that differs by a single character or by case', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('are stored as scrypt with parameters and a random salt, never in clear', async () => {
    const one = await hashPassword('correct horse battery staple');
    const two = await hashPassword('correct horse battery staple');
    expect(one).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(one).not.toBe(two);
    expect(one).not.toContain('correct horse');
  });

  it('verify with the parameters stored in the hash, so costs can change later', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [, , r, p, salt, key] = stored.split('$');
    // The same key cannot match if N is changed: the parameters are really used.
    expect(await verifyPassword('correct horse battery staple', ['scrypt', 1024, r, p, salt, key].join('$'))).toBe(false);
  });

  it('compare in Unicode normal form C, so é typed either way is the same password', async () => {
    const composed = 'mot de passe été 2026';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('never match a missing or malformed hash', async () => {
    expect(await verifyPassword('anything at all', null)).toBe(false);
    expect(await verifyPassword('anything at all', undefined)).toBe(false);
    expect(await verifyPassword('anything at all', 'plain-text')).toBe(false);
    expect(await verifyPassword('anything at all', 'bcrypt$10$abc$def')).toBe(false);
  });

  it('must have at least 12 characters', () => expect(MIN_PASSWORD_LENGTH).toBe(12));
});

describe('tokens and digests', () => {
  it('tokens are 256 random bits in base64url', () => {
    const tokens = new Set(Array.from({ length: 100 }, newToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a digest is the stable SHA-256 hex of the token', () => {
    expect(digest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest('abc')).toBe(digest('abc'));
    expect(digest('abd')).not.toBe(digest('abc'));
  });
});
