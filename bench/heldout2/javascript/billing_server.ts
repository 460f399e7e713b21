// Billing portal API: Express 5 + pg + csrf-csrf (TypeScript, ESM).
import express, { type NextFunction, type Request, type Response } from "express";
import session from "express-session";
import cookieParser from "cookie-parser";
import cors from "cors";
import helmet from "helmet";
import { doubleCsrf } from "csrf-csrf";
import pg from "pg";
import path from "node:path";
import { readFile } from "node:fs/promises";
import { execFile, spawn } from "node:child_process";
import jwt, { type JwtPayload } from "jsonwebtoken";
import { z } from "zod";

const JWT_SECRET = process.env.JWT_SECRET;
if (!JWT_SECRET) throw new Error("JWT_SECRET is not set");

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const STATEMENTS_DIR = path.resolve("/srv/billing/statements");
const ALLOWED_ORIGINS = new Set(["https://billing.example.com", "https://admin.example.com"]);
const REPORT_VIEWS: Record<string, string> = { monthly: "v_monthly_revenue", yearly: "v_yearly_revenue" };
const RETURN_HOSTS = new Set(["billing.example.com", "docs.example.com"]);

const { doubleCsrfProtection } = doubleCsrf({
  getSecret: () => process.env.CSRF_SECRET!,
  cookieName: "__Host-billing.x-csrf-token",
});

const app = express();
app.use(helmet());
app.use(express.json({ limit: "100kb" }));
app.use(cookieParser(process.env.COOKIE_SECRET));
// origin callback checking an allowlist, with credentials
// ok: permissive-cors
app.use(
  cors({
    origin: (origin, callback) => callback(null, !origin || ALLOWED_ORIGINS.has(origin)),
    credentials: true,
  }),
);
// cookie session in a file that also registers csrf-csrf
// ok: missing-csrf
app.use(
  session({
    // ok: hardcoded-secret
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    // ok: insecure-cookie
    cookie: { secure: true, httpOnly: true, sameSite: "lax" },
  }),
);
app.use(doubleCsrfProtection);

interface AuthedRequest extends Request {
  user?: JwtPayload;
}

function auth(req: AuthedRequest, res: Response, next: NextFunction) {
  const token = req.get("authorization")?.replace(/^Bearer /, "") ?? "";
  try {
    // verified, fixed algorithm list
    // ok: jwt-not-verified
    req.user = jwt.verify(token, JWT_SECRET!, { algorithms: ["HS256"] }) as JwtPayload;
    next();
  } catch {
    res.sendStatus(401);
  }
}

const InvoiceQuery = z.object({
  customer: z.string().uuid(),
  status: z.enum(["draft", "open", "paid", "void"]).default("open"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

app.get("/invoices", auth, async (req: AuthedRequest, res) => {
  const q = InvoiceQuery.parse(req.query);
  // $1..$3 placeholders
  // ok: sql-injection
  const { rows } = await pool.query("SELECT * FROM invoices WHERE customer_id = $1 AND status = $2 LIMIT $3", [
    q.customer,
    q.status,
    q.limit,
  ]);
  res.json(rows);
});

app.get("/reports/:period", auth, async (req, res) => {
  const view = REPORT_VIEWS[req.params.period];
  if (!view) return res.sendStatus(404);
  // view name from a constant object
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM ${view} ORDER BY period DESC`);
  res.json(rows);
});

app.get("/reports/custom/:column", auth, async (req, res) => {
  const column = req.params.column;
  if (typeof column !== "string" || column.length > 32) return res.sendStatus(400);
  // typeof and length checks only; the column name goes into SQL
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT ${column}, sum(amount) FROM invoices GROUP BY 1`);
  res.json(rows);
});

app.get("/statements/:file", auth, async (req, res) => {
  const full = path.resolve(STATEMENTS_DIR, req.params.file);
  if (!full.startsWith(STATEMENTS_DIR + path.sep)) {
    return res.status(403).end();
  }
  // containment with separator, early return
  // ok: path-traversal
  res.type("pdf").send(await readFile(full));
});

app.get("/statements/by-name/:file", auth, async (req, res) => {
  const full = path.resolve(STATEMENTS_DIR, req.params.file);
  // prefix check without the separator: /srv/billing/statements-archive/... passes
  if (!full.startsWith(STATEMENTS_DIR)) return res.status(403).end();
  // prefix check without path.sep
  // ruleid: path-traversal
  res.type("pdf").send(await readFile(full));
});

app.get("/statements/latest/:customer", auth, async (req, res) => {
  const name = path.basename(String(req.params.customer));
  // basename strips directories
  // ok: path-traversal
  res.type("pdf").send(await readFile(path.join(STATEMENTS_DIR, `${name}-latest.pdf`)));
});

app.post("/statements/render", auth, (req, res) => {
  const { invoiceId } = z.object({ invoiceId: z.string().regex(/^[0-9a-f-]{36}$/) }).parse(req.body);
  // argument array, no shell option
  // ok: command-injection
  const child = spawn("wkhtmltopdf", [`https://billing.example.com/print/${invoiceId}`, `/tmp/${invoiceId}.pdf`]);
  child.on("close", (code) => res.json({ ok: code === 0 }));
});

app.post("/statements/compress", auth, (req, res) => {
  // spawn with a shell and a body value in the command line
  // ruleid: command-injection
  const child = spawn(`gzip -k ${req.body.file}`, { shell: true, cwd: STATEMENTS_DIR });
  child.on("close", (code) => res.json({ ok: code === 0 }));
});

app.post("/statements/checksum", auth, (req, res) => {
  // execFile with arguments
  // ok: command-injection
  execFile("sha256sum", ["--", path.basename(String(req.body.file))], { cwd: STATEMENTS_DIR }, (err, out) =>
    res.json({ ok: !err, sum: out.split(" ")[0] }),
  );
});

app.post("/session/prefs", (req, res) => {
  // ok: insecure-cookie
  res.cookie("theme", req.body.theme === "dark" ? "dark" : "light", { maxAge: 31_536_000_000 });
  // auth cookie with both flags
  // ok: insecure-cookie
  res.cookie("billing_auth", req.signedCookies.pending ?? "", { secure: true, httpOnly: true, sameSite: "strict", signed: true });
  res.sendStatus(204);
});

app.get("/return", (req, res) => {
  let target: URL;
  try {
    target = new URL(String(req.query.to ?? "/"), "https://billing.example.com");
  } catch {
    return res.redirect("/");
  }
  if (!RETURN_HOSTS.has(target.hostname)) return res.redirect("/");
  // parsed hostname allowlist with early return
  // ok: open-redirect
  res.redirect(target.toString());
});

app.get("/docs/:section", (req, res) => {
  // constant scheme and host, section in the path
  // ok: open-redirect
  res.redirect(`https://docs.example.com/billing/${encodeURIComponent(req.params.section)}`);
});

app.get("/out", (req, res) => {
  const url = String(req.query.url ?? "");
  if (!url.includes("example.com")) return res.sendStatus(400);
  // substring check: https://evil.example/?example.com passes
  // ruleid: open-redirect
  res.redirect(301, url);
});

app.listen(Number(process.env.PORT ?? 8080));
