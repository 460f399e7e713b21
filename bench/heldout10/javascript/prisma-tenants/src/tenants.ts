import { Prisma, PrismaClient } from "@prisma/client";
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { cors } from "hono/cors";
import jwt from "jsonwebtoken";
import crypto from "node:crypto";

const prisma = new PrismaClient();
const app = new Hono();
const PLANS = new Set(["free", "team", "enterprise"]);

// an explicit origin list with credentials
// ok: permissive-cors
app.use("/api/*", cors({ origin: ["https://admin.tenants.example"], credentials: true }));

app.get("/api/tenants/:slug", async (c) => {
  const slug = c.req.param("slug");
  // Prisma's tagged template binds the slug
  // ok: sql-injection
  const rows = await prisma.$queryRaw`SELECT * FROM tenant WHERE slug = ${slug}`;
  return c.json(rows);
});

app.post("/api/tenants/:slug/plan", async (c) => {
  const slug = c.req.param("slug");
  const { plan } = await c.req.json();
  if (!PLANS.has(plan)) return c.json({ error: "unknown plan" }, 400);
  // plan allowlisted, but the slug is spliced into the raw statement
  // ruleid: sql-injection
  await prisma.$executeRawUnsafe(`UPDATE tenant SET plan = '${plan}' WHERE slug = '${slug}'`);
  // $executeRawUnsafe with positional values
  // ok: sql-injection
  await prisma.$executeRawUnsafe("UPDATE tenant SET plan_changed_at = now() WHERE slug = $1", slug);
  return c.json({ ok: true });
});

app.post("/api/tenants/:slug/schema", async (c) => {
  const { schema } = await c.req.json();
  // Prisma.raw around text from the body
  // ruleid: sql-injection
  await prisma.$executeRaw`SET search_path TO ${Prisma.raw(schema)}`;
  return c.json({ ok: true });
});

app.post("/api/login", async (c) => {
  const { email, password } = await c.req.json();
  // a password hashed with plain SHA-256
  // ruleid: weak-password-hash
  const digest = crypto.createHash("sha256").update(password).digest("hex");
  const user = await prisma.user.findFirst({ where: { email, passwordDigest: digest } });
  if (!user) return c.json({ error: "invalid" }, 401);
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: "1h" });
  // a session cookie set by hono/cookie without Secure
  // ruleid: insecure-cookie
  setCookie(c, "tenant_session", token, { httpOnly: true, sameSite: "Lax" });
  return c.json({ ok: true });
});

app.get("/api/me", async (c) => {
  const header = c.req.header("authorization") ?? "";
  // jsonwebtoken's decode reads the claims without checking the signature
  // ruleid: jwt-not-verified
  const claims = jwt.decode(header.replace("Bearer ", ""));
  // verify with a fixed algorithm
  // ok: jwt-not-verified
  const verified = jwt.verify(header.replace("Bearer ", ""), process.env.JWT_SECRET!, { algorithms: ["HS256"] });
  return c.json({ claims, verified });
});

app.post("/api/invites", async (c) => {
  // an invite code from Math.random
  // ruleid: weak-randomness
  const inviteCode = Math.random().toString(36).slice(2, 10);
  // crypto.randomBytes for the token
  // ok: weak-randomness
  const inviteToken = crypto.randomBytes(24).toString("hex");
  return c.json({ inviteCode, inviteToken });
});

export default app;
