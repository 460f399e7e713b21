import crypto from "crypto";

// scrypt with a random salt per password, stored as "scrypt$<salt>$<digest>".
const scryptHashPassword = (password: string | Buffer): string => {
  const salt = crypto.randomBytes(16);
  const digest = crypto.scryptSync(password, salt, 64);
  return `scrypt$${salt.toString("hex")}$${digest.toString("hex")}`;
};

export function storedPassword(password: string): string {
  return scryptHashPassword(password);
}
