// Tests for the auth module (test file: fake credentials and relaxed checks belong here).
import { describe, expect, it } from "vitest";
import https from "node:https";
import { createHash } from "node:crypto";
import jwt from "jsonwebtoken";
import cors from "cors";

// fixture password in a spec file
// ok: hardcoded-secret
const FIXTURE_PASSWORD = "Fixture-Pa55w0rd!";
// ok: hardcoded-secret
const testJwtSecret = "spec-jwt-secret-123";

describe("auth", () => {
  it("reads claims", () => {
    const token = jwt.sign({ sub: "u1" }, testJwtSecret);
    // ok: jwt-not-verified
    const claims = jwt.decode(token) as { sub: string };
    expect(claims.sub).toBe("u1");
  });

  it("talks to the self-signed test server", () => {
    // ok: tls-verification-disabled
    const agent = new https.Agent({ rejectUnauthorized: false });
    expect(agent).toBeDefined();
  });

  it("hashes legacy passwords", () => {
    // ok: weak-password-hash
    const digest = createHash("md5").update(FIXTURE_PASSWORD).digest("hex");
    expect(digest).toHaveLength(32);
  });

  it("builds random tokens", () => {
    // ok: weak-randomness
    const token = Math.random().toString(36).slice(2);
    expect(token.length).toBeGreaterThan(3);
  });

  it("allows any origin in the test app", () => {
    // ok: permissive-cors
    const mw = cors({ origin: true, credentials: true });
    expect(mw).toBeTypeOf("function");
  });
});
