// Accounts service: Express 4 app with express-session, cors and auth helpers.
const express = require("express");
const session = require("express-session");
const cors = require("cors");
const crypto = require("node:crypto");
const bcrypt = require("bcrypt");
const https = require("node:https");
const CryptoJS = require("crypto-js");

const app = express();
app.use(express.json());

// session middleware: no CSRF middleware; the session cookie has no sameSite (only an unrelated res.cookie sets one) [beyond docs]; cookie explicitly not secure
// ruleid: missing-csrf
// ruleid: insecure-cookie
app.use(
  session({
    // literal session secret
    // ruleid: hardcoded-secret
    secret: "kX9#mP2$vL7@qR4!tW8&",
    resave: false,
    saveUninitialized: false,
    cookie: { secure: false, httpOnly: true },
  }),
);

// reflect any origin with credentials
// ruleid: permissive-cors
app.use("/api", cors({ origin: true, credentials: true }));

// explicit list of origins with credentials
// ok: permissive-cors
app.use("/partner", cors({ origin: ["https://partner.example.com"], credentials: true }));

// any origin, no credentials (public API)
// ok: permissive-cors
app.use("/public", cors({ origin: "*" }));

// db password read from the environment
// ok: hardcoded-secret
const dbConfig = { user: "accounts", password: process.env.ACCOUNTS_DB_PASSWORD, host: "db" };

const mailer = {
  host: "smtp.example.com",
  // literal SMTP password in an auth object
  // ruleid: hardcoded-secret
  auth: { user: "noreply@example.com", pass: "Smtp-2025!relay" },
};

// unverified TLS agent for an internal service
// ruleid: tls-verification-disabled
const internalAgent = new https.Agent({ rejectUnauthorized: false });

// agent with a CA bundle
// ok: tls-verification-disabled
const pinnedAgent = new https.Agent({ ca: process.env.INTERNAL_CA_PEM, rejectUnauthorized: true });

app.post("/register", async (req, res) => {
  const { email, password } = req.body;
  // bcrypt
  // ok: weak-password-hash
  const hash = await bcrypt.hash(password, 12);
  res.status(201).json({ email, hash: hash.length > 0, dbConfig: dbConfig.host });
});

app.post("/register-legacy", (req, res) => {
  // SHA-256 of a password with createHash
  // ruleid: weak-password-hash
  const digest = crypto.createHash("sha256").update(req.body.password).digest("hex");
  res.status(201).json({ digest });
});

app.post("/register-cryptojs", (req, res) => {
  // CryptoJS.SHA1 of a password
  // ruleid: weak-password-hash
  const digest = CryptoJS.SHA1(req.body.password).toString();
  res.status(201).json({ digest });
});

app.post("/reset", (req, res) => {
  // reset token from Math.random
  // ruleid: weak-randomness
  const resetToken = Math.random().toString(36).slice(2) + Date.now().toString(36);
  // crypto.randomBytes
  // ok: weak-randomness
  const verificationCode = crypto.randomBytes(4).toString("hex");
  res.json({ sent: Boolean(resetToken && verificationCode) });
});

app.post("/login", (req, res) => {
  const sid = crypto.randomUUID();
  // auth cookie with secure and httpOnly
  // ok: insecure-cookie
  res.cookie("auth_token", sid, { secure: true, httpOnly: true, sameSite: "strict" });
  // session cookie set without options
  // ruleid: insecure-cookie
  res.cookie("sid", sid);
  // preference cookie without flags (not an auth cookie)
  // ok: insecure-cookie
  res.cookie("theme", req.body.theme === "dark" ? "dark" : "light");
  res.json({ ok: true, mailer: mailer.host, agent: Boolean(internalAgent && pinnedAgent) });
});

app.post("/logout", (req, res) => {
  // cookie deletion
  // ok: insecure-cookie
  res.clearCookie("sid");
  req.session.destroy(() => res.sendStatus(204));
});

app.listen(3000);
