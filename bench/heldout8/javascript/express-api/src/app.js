// Express app of the projects API: middleware, auth and account routes (CommonJS).
const express = require("express");
const session = require("express-session");
const cors = require("cors");
const cookieParser = require("cookie-parser");
const jwt = require("jsonwebtoken");
const crypto = require("node:crypto");
const https = require("node:https");
const serialize = require("node-serialize");
const users = require("./repositories/users");
const invites = require("./repositories/invites");

const projectsRouter = require("./routes/projects");

const app = express();
app.use(express.json());
app.use(cookieParser());
// origin reflected with credentials
// ruleid: permissive-cors
app.use(cors({ origin: true, credentials: true }));

// cookie session, mutating routes below, no CSRF middleware and no SameSite option in the file
// ruleid: missing-csrf
app.use(session({
  // literal session secret
  // ruleid: hardcoded-secret
  secret: "kb-session-3c9f1a7e2d",
  resave: false,
  saveUninitialized: false,
  // session cookie explicitly not Secure
  // ruleid: insecure-cookie
  cookie: { secure: false, httpOnly: true },
}));

// agent for the legacy billing host with verification off
// ruleid: tls-verification-disabled
const legacyAgent = new https.Agent({ rejectUnauthorized: false });
invites.useAgent(legacyAgent);

function requireUser(req, res, next) {
  const token = (req.get("authorization") || "").replace(/^Bearer /, "");
  try {
    // verified with a fixed algorithm list
    // ok: jwt-not-verified
    req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

function displayUser(req) {
  // decoded without verification and used for the greeting and the role
  // ruleid: jwt-not-verified
  return jwt.decode(req.cookies.id_token);
}

function newInviteCode() {
  // invite code from Math.random
  // ruleid: weak-randomness
  return Math.random().toString(36).slice(2, 10);
}

function newApiKey() {
  // crypto RNG
  // ok: weak-randomness
  return crypto.randomBytes(24).toString("hex");
}

app.post("/login", async (req, res) => {
  const { email, password } = req.body;
  const rows = await users.findByEmail(email);
  // SHA-1 of the password
  // ruleid: weak-password-hash
  const digest = crypto.createHash("sha1").update(password).digest("hex");
  if (!rows[0] || rows[0].password_sha1 !== digest) return res.sendStatus(401);
  req.session.userId = rows[0].id;
  const token = jwt.sign({ sub: rows[0].id }, process.env.JWT_SECRET, { algorithm: "HS256", expiresIn: "1h" });
  // auth cookie without secure
  // ruleid: insecure-cookie
  res.cookie("auth_token", token, { httpOnly: true, maxAge: 3600_000 });
  // language preference, not an auth cookie
  // ok: insecure-cookie
  res.cookie("lang", req.body.lang || "en");
  res.json({ ok: true });
});

app.get("/me", (req, res) => {
  const claims = displayUser(req) || {};
  res.json({ name: claims.name, role: claims.role });
});

app.post("/invites", requireUser, async (req, res) => {
  const code = newInviteCode();
  await invites.create({ code, projectId: req.body.projectId, createdBy: req.user.sub });
  res.status(201).json({ code });
});

app.post("/api-keys", requireUser, async (req, res) => {
  res.status(201).json({ key: newApiKey() });
});

app.post("/prefs/import", requireUser, (req, res) => {
  // preferences cookie unserialized with node-serialize
  // ruleid: unsafe-deserialization
  const prefs = serialize.unserialize(req.cookies.prefs || "{}");
  res.json(prefs);
});

app.post("/rules/evaluate", requireUser, (req, res) => {
  const { expression, order } = req.body;
  // body text compiled as a function body
  // ruleid: code-injection
  const rule = new Function("order", `return (${expression});`);
  res.json({ matches: Boolean(rule(order)) });
});

app.post("/rules/parse", requireUser, (req, res) => {
  // JSON.parse
  // ok: code-injection
  const parsed = JSON.parse(req.body.rule);
  res.json({ fields: Object.keys(parsed) });
});

app.use("/api", requireUser, projectsRouter);

module.exports = app;
