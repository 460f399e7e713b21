// Express + Prisma API for a ticketing system.
import { Prisma, PrismaClient } from "@prisma/client";
import cookieParser from "cookie-parser";
import cors from "cors";
import express from "express";
import session from "express-session";
import path from "node:path";

const prisma = new PrismaClient();
const app = express();
const ATTACHMENTS = path.resolve("/srv/tickets/attachments");
const SORTABLE: Record<string, string> = { newest: "created_at DESC", oldest: "created_at ASC", priority: "priority DESC" };
const PARTNERS: Record<string, string> = { acme: "https://support.acme.example/", globex: "https://help.globex.example/" };

app.use(express.json());
app.use(cookieParser());
// a cookie session on an app with POST routes and no CSRF middleware or SameSite option
// ruleid: missing-csrf
app.use(session({
  secret: process.env.SESSION_SECRET ?? "",
  resave: false,
  saveUninitialized: false,
  // the session cookie marked secure: false
  // ruleid: insecure-cookie
  cookie: { secure: false, httpOnly: true },
}));
// credentials with an explicit origin list
// ok: permissive-cors
app.use(cors({ origin: ["https://tickets.example.com"], credentials: true }));

app.get("/tickets", async (req, res) => {
  const status = String(req.query.status ?? "open");
  // Prisma $queryRaw tagged template: each value is a bound parameter
  // ok: sql-injection
  const rows = await prisma.$queryRaw`SELECT id, title FROM tickets WHERE status = ${status}`;
  // $queryRawUnsafe with the status in a quoted literal
  // ruleid: sql-injection
  const loose = await prisma.$queryRawUnsafe(`SELECT id, title FROM tickets WHERE status = '${status}'`);
  // $queryRawUnsafe with $1 and the value as a separate argument
  // ok: sql-injection
  const bound = await prisma.$queryRawUnsafe("SELECT id, title FROM tickets WHERE status = $1", status);
  res.json({ rows, loose, bound });
});

app.get("/tickets/sorted", async (req, res) => {
  const order = SORTABLE[String(req.query.sort)] ?? SORTABLE.newest;
  // ORDER BY taken from a constant record
  // ok: sql-injection
  const rows = await prisma.$queryRawUnsafe(`SELECT id FROM tickets ORDER BY ${order}`);
  // [extended sink] Prisma.raw() splices the query value into a Prisma.sql query as text
  // ruleid: sql-injection
  const byTag = await prisma.$queryRaw(Prisma.sql`SELECT id FROM tickets WHERE ${Prisma.raw(String(req.query.where))}`);
  res.json({ rows, byTag });
});

app.post("/tickets/:id/close", async (req, res) => {
  const { reason } = req.body;
  // $executeRawUnsafe with the body reason concatenated
  // ruleid: sql-injection
  await prisma.$executeRawUnsafe("UPDATE tickets SET state = 'closed', reason = '" + reason + "' WHERE id = " + Number(req.params.id));
  // a Prisma model update: values are parameters
  // ok: sql-injection
  await prisma.ticket.update({ where: { id: Number(req.params.id) }, data: { reason } });
  res.sendStatus(204);
});

app.get("/attachments/:name", (req, res) => {
  // sendFile with the root option
  // ok: path-traversal
  res.sendFile(req.params.name, { root: ATTACHMENTS });
});

app.get("/attachments-download", (req, res) => {
  const file = path.join(ATTACHMENTS, String(req.query.file));
  if (path.extname(file) !== ".pdf") return res.sendStatus(400);
  // an extension check is no containment check
  // ruleid: path-traversal
  res.download(file);
});

app.get("/partners/:name", (req, res) => {
  const base = PARTNERS[req.params.name];
  if (!base) return res.sendStatus(404);
  // the partner site looked up by name
  // ok: open-redirect
  res.redirect(base);
});

app.post("/login", async (req, res) => {
  const user = await prisma.user.findUnique({ where: { email: String(req.body.email) } });
  if (!user) return res.sendStatus(401);
  // an auth cookie with secure set but httpOnly left out
  // ruleid: insecure-cookie
  res.cookie("auth_token", user.id, { secure: true });
  // the form's next value as the redirect target
  // ruleid: open-redirect
  res.redirect(req.body.next || "/tickets");
});

app.get("/logout", (req, res) => {
  const next = String(req.query.next ?? "/");
  // a path of two characters or more fixed in front: /signed-out?from=...
  // ok: open-redirect
  res.redirect("/signed-out?from=" + encodeURIComponent(next));
});

app.listen(3000);
