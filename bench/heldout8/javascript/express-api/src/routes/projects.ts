// Projects router of an Express + pg API (TypeScript), mounted by src/app.js.
import { Router } from "express";
import { Pool } from "pg";
import path from "node:path";
import { readFile } from "node:fs/promises";
import { exec, execFile } from "node:child_process";
import axios from "axios";
import escapeHtml from "escape-html";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = Router();
const SORTABLE = new Set(["name", "created_at", "updated_at"]);
const ATTACH_ROOT = path.resolve(process.env.ATTACH_ROOT ?? "/srv/projects/attachments");
const EXPORT_ROOT = "/srv/projects/exports";

class ProjectRepo {
  async search(term: string, sort: string, dir: "ASC" | "DESC") {
    // the route checks sort against SORTABLE with an early return; term bound
    // ok: sql-injection
    const { rows } = await pool.query(`SELECT id, name FROM projects WHERE name ILIKE $1 ORDER BY ${sort} ${dir}`, [`%${term}%`]);
    return rows;
  }

  async byOwner(owner: string) {
    // the route passes the owner query value
    // ruleid: sql-injection
    const { rows } = await pool.query(`SELECT id, name FROM projects WHERE owner_login = '${owner}'`);
    return rows;
  }

  async archive(ids: number[]) {
    // numbers only: the route maps every id through Number() and keeps integers
    // ok: sql-injection
    await pool.query(`UPDATE projects SET archived = true WHERE id IN (${ids.join(",")})`);
  }
}

const repo = new ProjectRepo();

router.get("/projects", async (req, res) => {
  const { q = "", sort = "created_at", dir } = req.query as Record<string, string>;
  if (!SORTABLE.has(sort)) {
    return res.status(400).json({ error: "bad sort" });
  }
  res.json(await repo.search(q, sort, dir === "asc" ? "ASC" : "DESC"));
});

router.get("/projects/by-owner", async (req, res) => {
  res.json(await repo.byOwner(String(req.query.owner ?? "")));
});

router.post("/projects/archive", async (req, res) => {
  const ids = (req.body.ids as unknown[]).map((v) => Number(v)).filter(Number.isInteger);
  await repo.archive(ids);
  res.sendStatus(204);
});

router.get("/projects/:id/activity", async (req, res) => {
  const { since } = req.query;
  if (typeof since !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    res.status(400).json({ error: "since must be a date" });
  }
  // the 400 is sent but the handler carries on (no return)
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT * FROM activity WHERE project_id = $1 AND at >= '${since}'`, [req.params.id]);
  res.json(rows);
});

router.get("/projects/:id/activity-v2", async (req, res) => {
  const since = String(req.query.since ?? "");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    return res.status(400).json({ error: "since must be a date" });
  }
  // anchored date pattern with an early return
  // ok: sql-injection
  const { rows } = await pool.query(`SELECT * FROM activity WHERE project_id = $1 AND at >= '${since}'`, [req.params.id]);
  res.json(rows);
});

router.get("/projects/:id/attachments/:name", async (req, res) => {
  const file = path.resolve(ATTACH_ROOT, req.params.id, req.params.name);
  if (!file.startsWith(ATTACH_ROOT + path.sep)) {
    return res.sendStatus(403);
  }
  // path.resolve + startsWith(base + sep) with an early return
  // ok: path-traversal
  const data = await readFile(file);
  res.type("application/octet-stream").send(data);
});

router.get("/projects/:id/export", (req, res) => {
  const format = String(req.query.format ?? "csv");
  // the format query value becomes part of the file name
  // ruleid: path-traversal
  res.download(path.join(EXPORT_ROOT, `${req.params.id}.${format}`));
});

router.post("/projects/:id/clone", (req, res) => {
  const { repoUrl, branch = "main" } = req.body;
  const dest = `/srv/checkouts/${Number(req.params.id)}`;
  // execFile with an argument list
  // ok: command-injection
  execFile("git", ["clone", "--depth", "1", "--branch", branch, "--", repoUrl, dest], (err) => {
    res.status(err ? 500 : 202).end();
  });
});

router.post("/projects/:id/lint", (req, res) => {
  const { paths } = req.body as { paths: string[] };
  // body paths joined into a shell command
  // ruleid: command-injection
  exec(`npx eslint --format json ${paths.join(" ")}`, { cwd: `/srv/checkouts/${Number(req.params.id)}` }, (err, stdout) => {
    res.type("application/json").send(stdout);
  });
});

router.post("/projects/:id/integrations/jira", async (req, res) => {
  const target = new URL(String(req.body.endpoint));
  if (!target.hostname.endsWith(".atlassian.net")) {
    return res.status(400).json({ error: "Jira Cloud only" });
  }
  // host suffix with a leading dot, early return
  // ok: ssrf
  const r = await axios.get(`${target.origin}/rest/api/3/myself`, { timeout: 5000 });
  res.json({ ok: r.status === 200 });
});

router.get("/link-preview", async (req, res) => {
  const url = String(req.query.url ?? "");
  if (!url.includes("github.com")) {
    return res.status(400).json({ error: "GitHub links only" });
  }
  // substring check: https://evil.example/?github.com passes
  // ruleid: ssrf
  const page = await fetch(url);
  res.json({ length: (await page.text()).length });
});

router.get("/projects/:id/badge", (req, res) => {
  const label = String(req.query.label ?? "build");
  // query text in an HTML response [extended sink]
  // ruleid: xss
  res.send(`<html><body><span class="badge">${label}</span></body></html>`);
});

router.get("/projects/:id/badge-safe", (req, res) => {
  const label = escapeHtml(String(req.query.label ?? "build"));
  // escape-html [extended sink]
  // ok: xss
  res.send(`<html><body><span class="badge">${label}</span></body></html>`);
});

router.get("/go", (req, res) => {
  // the to query value as the redirect target
  // ruleid: open-redirect
  res.redirect(String(req.query.to));
});

router.get("/projects/:id/open", (req, res) => {
  // constant path of this site
  // ok: open-redirect
  res.redirect(`/app/projects/${encodeURIComponent(req.params.id)}`);
});

export default router;
