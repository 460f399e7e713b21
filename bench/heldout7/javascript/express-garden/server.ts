// Community-garden plot portal: Express + better-sqlite3, uploads, weather, admin tools.
import { randomBytes } from "node:crypto";
import { exec } from "node:child_process";
import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import axios from "axios";
import Database from "better-sqlite3";
import express, { type Request, type Response } from "express";
import session from "express-session";
import multer from "multer";

const app = express();
const db = new Database(process.env.GARDEN_DB ?? "garden.db");
const UPLOADS = path.resolve("uploads");
const NEWSLETTERS = path.join(__dirname, "newsletters");
const upload = multer({ dest: path.join(UPLOADS, "incoming") });
const PLOT_COLUMNS: Record<string, string> = { size: "area_m2", fee: "annual_fee", row: "row_label" };
const weather = axios.create({ baseURL: "https://api.weather.example/v3/", timeout: 5000 });

interface Plot {
  id: number;
  row_label: string;
  area_m2: number;
}

declare module "express-session" {
  interface SessionData {
    memberId: number;
  }
}

app.use(express.json());
app.use(express.urlencoded({ extended: false }));
// cookie session, state-changing routes below, no CSRF middleware and no SameSite
// ruleid: missing-csrf
app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    // session cookie marked not Secure
    // ruleid: insecure-cookie
    cookie: { secure: false, httpOnly: true, maxAge: 86_400_000 },
  }),
);

class MemberRepo {
  constructor(private readonly conn: Database.Database) {}

  byEmail(email: string) {
    // email bound with ?
    // ok: sql-injection
    return this.conn.prepare("SELECT id, name, email FROM members WHERE email = ?").get(email);
  }

  deactivate(ids: string[]) {
    // ids from the admin form joined into the statement
    // ruleid: sql-injection
    return this.conn.exec(`UPDATE members SET active = 0 WHERE id IN (${ids.join(",")})`);
  }

  reactivate(ids: string[]) {
    // every id coerced with Number before the join
    // ok: sql-injection
    return this.conn.exec(`UPDATE members SET active = 1 WHERE id IN (${ids.map(Number).join(",")})`);
  }
}

const members = new MemberRepo(db);

app.get("/api/plots", (req: Request, res: Response) => {
  const column = PLOT_COLUMNS[String(req.query.sort ?? "row")] ?? "row_label";
  // ORDER BY column looked up in a constant record
  // ok: sql-injection
  const rows = db.prepare(`SELECT id, row_label, area_m2 FROM plots WHERE available = 1 ORDER BY ${column}`).all();
  res.json(rows);
});

app.get("/api/plots/search", (req, res) => {
  const { row, minSize } = req.query as Record<string, string>;
  // row letter in a quoted literal; only the size is parsed
  // ruleid: sql-injection
  const rows = db.prepare(`SELECT id FROM plots WHERE row_label = '${row}' AND area_m2 >= ${parseInt(minSize, 10) || 0}`).all();
  res.json(rows);
});

app.post("/api/plots/:id/waitlist", (req, res) => {
  // both values bound
  // ok: sql-injection
  db.prepare("INSERT INTO waitlist (plot_id, member_id) VALUES (?, ?)").run(req.params.id, req.session.memberId);
  res.sendStatus(201);
});

app.post("/api/admin/members/deactivate", (req, res) => {
  members.deactivate(req.body.ids);
  res.sendStatus(204);
});

app.post("/api/admin/members/reactivate", (req, res) => {
  members.reactivate(req.body.ids);
  res.sendStatus(204);
});

app.post("/api/login", (req, res) => {
  const member = members.byEmail(String(req.body.email)) as { id: number } | undefined;
  if (!member) return res.sendStatus(401);
  req.session.memberId = member.id;
  const remember = randomBytes(32).toString("hex");
  // remember-me cookie with both flags
  // ok: insecure-cookie
  res.cookie("remember_me", remember, { secure: true, httpOnly: true, maxAge: 30 * 86_400_000 });
  return res.sendStatus(204);
});

app.get("/api/newsletters/:issue", async (req, res) => {
  const file = path.join(NEWSLETTERS, `${req.params.issue}.html`);
  // route parameter (decoded by Express) joined under the newsletters folder
  // ruleid: path-traversal
  res.type("html").send(await readFile(file, "utf8"));
});

app.post("/api/plots/:id/photos", upload.single("photo"), async (req, res) => {
  const photo = req.file!;
  // multer's own random temporary path [beyond docs]
  // ok: path-traversal
  const data = await readFile(photo.path);
  const target = path.join(UPLOADS, "plots", String(Number(req.params.id)), photo.originalname);
  // the client's original file name kept in the destination (multer's req.file) [beyond docs]
  // ruleid: path-traversal
  await writeFile(target, data);
  res.sendStatus(201);
});

app.delete("/api/plots/:id/photos/:name", async (req, res) => {
  const target = path.resolve(UPLOADS, "plots", String(Number(req.params.id)), path.basename(req.params.name));
  // numeric folder and basename of the file [extended sink]
  // ok: path-traversal
  await unlink(target);
  res.sendStatus(204);
});

app.get("/api/weather", async (req, res) => {
  // relative path on an axios instance whose baseURL fixes the host [extended sink]
  // ok: ssrf
  const { data } = await weather.get(`forecast/${encodeURIComponent(String(req.query.postcode))}`);
  res.json(data);
});

app.post("/api/integrations/calendar", async (req, res) => {
  const { icsUrl } = req.body;
  if (typeof icsUrl !== "string" || !icsUrl.startsWith("https://")) return res.status(400).end();
  // type and scheme checks only
  // ruleid: ssrf
  const { data } = await axios.get(icsUrl, { responseType: "text" });
  return res.json({ size: String(data).length });
});

app.post("/api/admin/backup", (req, res) => {
  const label = String(req.body.label ?? "manual").replace(/[^\w-]/g, "");
  // every character outside [\w-] removed globally
  // ok: command-injection
  exec(`sqlite3 garden.db ".backup backups/${label}.db"`, (err) => res.sendStatus(err ? 500 : 204));
});

app.post("/api/admin/notify", (req, res) => {
  // recipient address from the body in a shell command line
  // ruleid: command-injection
  exec(`mail -s "Garden notice" ${req.body.to} < notices/latest.txt`, (err) => res.sendStatus(err ? 500 : 202));
});

app.get("/plots/:id/print", (req, res) => {
  // id bound with ?
  // ok: sql-injection
  const plot = db.prepare("SELECT id, row_label, area_m2 FROM plots WHERE id = ?").get(req.params.id) as Plot;
  const note = String(req.query.note ?? "");
  // Express res.send of an HTML string holding the raw query note [extended sink]
  // ruleid: xss
  res.send(`<h1>Plot ${plot.row_label}</h1><p class="note">${note}</p>`);
});

app.listen(3000);
