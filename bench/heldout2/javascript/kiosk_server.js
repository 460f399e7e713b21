// In-store kiosk backend: express-session protected by lusca (CommonJS).
const express = require("express");
const session = require("express-session");
const lusca = require("lusca");
const { Pool } = require("pg");

const app = express();
const pool = new Pool();

app.use(express.urlencoded({ extended: false }));
// session cookie in a file that registers lusca's CSRF middleware
// ok: missing-csrf
app.use(
  session({
    secret: process.env.KIOSK_SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    // httpOnly explicitly off for the kiosk's session cookie
    // ruleid: insecure-cookie
    cookie: { httpOnly: false, secure: true },
  }),
);
app.use(lusca.csrf());

app.post("/kiosk/checkin", async (req, res) => {
  const store = req.session.storeId;
  // pg placeholders
  // ok: sql-injection
  await pool.query("INSERT INTO checkins (store_id, badge) VALUES ($1, $2)", [store, req.body.badge]);
  res.redirect(303, "/kiosk");
});

app.post("/kiosk/lookup", async (req, res) => {
  // badge value in the SQL text of pg client.query
  // ruleid: sql-injection
  const { rows } = await pool.query(`SELECT name FROM staff WHERE badge = '${req.body.badge}'`);
  res.json(rows[0] ?? null);
});

app.delete("/kiosk/session", (req, res) => {
  // ok: insecure-cookie
  res.clearCookie("connect.sid");
  req.session.destroy(() => res.sendStatus(204));
});

app.listen(7070);
