// Account and integration helpers of the Express backend (tokens, hashing, cookies, TLS).

const crypto = require("node:crypto");
const https = require("node:https");
const vm = require("node:vm");
const bcrypt = require("bcrypt");
const cors = require("cors");
const express = require("express");
const jwt = require("jsonwebtoken");
const serialize = require("node-serialize");

const router = express.Router();

// credentials with every origin reflected
// ruleid: permissive-cors
router.use(cors({ origin: true, credentials: true }));

// Stripe key committed in the source
// ruleid: hardcoded-secret
const stripeApiKey = "sk_live_51Hq8fK2eZvKYlo2CmN4bX7wR";
// taken from the environment
// ok: hardcoded-secret
const mailgunApiKey = process.env.MAILGUN_API_KEY;

const partnerAgent = new https.Agent({
  // certificate checks disabled for the partner API
  // ruleid: tls-verification-disabled
  rejectUnauthorized: false,
});
const ledgerAgent = new https.Agent({
  // a private CA instead
  // ok: tls-verification-disabled
  ca: process.env.LEDGER_CA_PEM,
});

function tenantFromToken(token) {
  // jwt.decode does not check the signature
  // ruleid: jwt-not-verified
  const claims = jwt.decode(token);
  return claims && claims.tenant;
}

function verifiedClaims(token) {
  // verify with a pinned algorithm
  // ok: jwt-not-verified
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ["RS256"] });
}

function legacyPasswordHash(password) {
  // MD5 of a password
  // ruleid: weak-password-hash
  return crypto.createHash("md5").update(password).digest("hex");
}

async function passwordHash(password) {
  // bcrypt
  // ok: weak-password-hash
  return bcrypt.hash(password, 12);
}

function makeResetToken() {
  // Math.random for a reset token
  // ruleid: weak-randomness
  const resetToken = Math.random().toString(36).slice(2) + Date.now().toString(36);
  return resetToken;
}

function makeSessionId() {
  // crypto.randomBytes
  // ok: weak-randomness
  const sessionId = crypto.randomBytes(32).toString("hex");
  return sessionId;
}

router.post("/login", async (req, res) => {
  const sid = makeSessionId();
  // a session cookie with no options
  // ruleid: insecure-cookie
  res.cookie("sid", sid);
  // a theme cookie without flags
  // ok: insecure-cookie
  res.cookie("theme", String(req.body.theme || "light"));
  res.json({ ok: true, tenant: tenantFromToken(req.headers.authorization), legacy: legacyPasswordHash(req.body.password) });
});

router.get("/prefs", (req, res) => {
  // node-serialize on a cookie
  // ruleid: unsafe-deserialization
  const prefs = serialize.unserialize(req.cookies.prefs || "{}");
  res.json(prefs);
});

router.post("/rules/test", (req, res) => {
  const { expression } = req.body;
  // vm is not a sandbox for untrusted code
  // ruleid: code-injection
  const result = vm.runInNewContext(expression, { amount: 100 });
  res.json({ result });
});

router.post("/rules/apply", (req, res) => {
  const OPS = { double: (x) => x * 2, half: (x) => x / 2 };
  const op = OPS[req.body.op];
  if (!op) return res.sendStatus(400);
  // a table of allowed operations, no code is parsed
  // ok: code-injection
  res.json({ result: op(Number(req.body.amount)), verified: verifiedClaims(req.body.token), hash: passwordHash(req.body.password) });
});

module.exports = { router, partnerAgent, ledgerAgent, stripeApiKey, mailgunApiKey, makeResetToken };
