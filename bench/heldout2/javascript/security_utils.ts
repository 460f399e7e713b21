// Shared security helpers for the API and the worker (TypeScript).
import crypto, { createHash, randomBytes, randomInt, randomUUID, scryptSync, timingSafeEqual } from "node:crypto";
import CryptoJS from "crypto-js";
import md5 from "md5";
import argon2 from "argon2";
import bcrypt from "bcryptjs";
import { nanoid } from "nanoid";

// JWT signing key literal
// ruleid: hardcoded-secret
const jwtSigningKey = "jwt-signing-4f9a2c7e1b8d";
// live payment key literal
// ruleid: hardcoded-secret
export const STRIPE_API_KEY = "sk_live_9aF3kLm2Qx7Vb1Nc";
// URL (name ends in Url)
// ok: hardcoded-secret
export const passwordResetUrl = "https://app.example.com/reset";
// localStorage key under which the SPA keeps the token
// ok: hardcoded-secret
export const TOKEN_STORAGE_KEY = "accessToken";
// placeholder shipped in the sample config
// ok: hardcoded-secret
export const webhookSecret = process.env.WEBHOOK_SECRET ?? "your-webhook-secret";
// ok: hardcoded-secret
export const apiKeyHeader = "X-Api-Key";

export const config = {
  github: {
    // public OAuth client id (name ends in Id)
    // ok: hardcoded-secret
    clientId: "Iv1.8a61f9b3a7aba766",
    // OAuth client secret literal in a config object
    // ruleid: hardcoded-secret
    clientSecret: "4f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f",
  },
  // session secret read from the environment
  // ok: hardcoded-secret
  sessionSecret: process.env.SESSION_SECRET,
  // encryption key literal in the config object
  // ruleid: hardcoded-secret
  encryptionKey: "aes256-0d9f8e7c6b5a4f3e2d1c0b9a",
};

export class PaymentsClient {
  // [beyond docs] TypeScript constructor parameter default holding a live key
  // ruleid: hardcoded-secret
  constructor(private readonly apiKey: string = "pay_live_7Qm2Xv9Lr4Tz") {}
}

export function hashPasswordLegacy(password: string): string {
  // unsalted MD5 via createHash
  // ruleid: weak-password-hash
  return createHash("md5").update(password).digest("hex");
}

export function hashPasswordCryptoJs(pwd: string): string {
  // CryptoJS SHA256 of the password
  // ruleid: weak-password-hash
  return CryptoJS.SHA256(pwd).toString();
}

export function hashPasswordNpm(body: { email: string; password: string }): string {
  // md5 package over the password field
  // ruleid: weak-password-hash
  return md5(body.password + body.email);
}

export function legacyTokenDigest(resetToken: string): string {
  // SHA-1 over a token (MD5/SHA-1 over tokens are reported by the docs)
  // ruleid: weak-password-hash
  return crypto.createHash("sha1").update(resetToken).digest("hex");
}

export function tokenDigest(resetToken: string): string {
  // SHA-256 over a random token
  // ok: weak-password-hash
  return createHash("sha256").update(resetToken).digest("hex");
}

export function contentHash(buf: Buffer): string {
  // ok: weak-password-hash
  return createHash("sha256").update(buf).digest("base64url");
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  // scrypt with a random salt
  // ok: weak-password-hash
  const key = scryptSync(password, salt, 64);
  return `${salt.toString("hex")}:${key.toString("hex")}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [salt, key] = stored.split(":");
  const candidate = scryptSync(password, Buffer.from(salt, "hex"), 64);
  return timingSafeEqual(candidate, Buffer.from(key, "hex"));
}

export async function hashPasswordArgon(password: string) {
  // ok: weak-password-hash
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function hashPasswordBcrypt(password: string) {
  // ok: weak-password-hash
  return bcrypt.hash(password, 12);
}

export function createApiKey(): string {
  // function named like a key generator returning Math.random output
  // ruleid: weak-randomness
  return "ak_" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

// arrow function named like an OTP generator returning Math.random output
// ruleid: weak-randomness
export const makeOtp = () => String(Math.floor(100000 + Math.random() * 900000));

export function issueCsrfToken(session: { csrf?: string }) {
  // csrf token assigned from Math.random
  // ruleid: weak-randomness
  session.csrf = Math.random().toString(16).slice(2);
  return session.csrf;
}

export function newSalt(): Buffer {
  // ok: weak-randomness
  const salt = randomBytes(16);
  return salt;
}

export function newOtp(): string {
  // ok: weak-randomness
  const otp = String(randomInt(100000, 1000000));
  return otp;
}

export function newSessionId(): string {
  // ok: weak-randomness
  const sessionId = randomUUID();
  return sessionId;
}

export function newInviteCode(): string {
  // [beyond docs] nanoid uses the crypto RNG
  // ok: weak-randomness
  const inviteCode = nanoid(12);
  return inviteCode;
}

export function sampleColor(): string {
  // not a secret
  // ok: weak-randomness
  const color = `hsl(${Math.floor(Math.random() * 360)}, 70%, 50%)`;
  return color;
}

export function sign(payload: string): string {
  return crypto.createHmac("sha256", jwtSigningKey).update(payload).digest("hex");
}
