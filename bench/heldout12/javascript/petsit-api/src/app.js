// Express app of the pet-sitting marketplace: sessions, Google sign-in callback,
// payment webhooks, sitter search and profile pages.

const express = require("express");
const session = require("express-session");
const cors = require("cors");
const crypto = require("node:crypto");
const path = require("node:path");
const fs = require("node:fs");
const { execFile, exec } = require("node:child_process");
const axios = require("axios");
const jwt = require("jsonwebtoken");
const mongoose = require("mongoose");
const sanitize = require("mongo-sanitize");

const app = express();
app.use(express.json({ limit: "1mb" }));
app.use(express.urlencoded({ extended: true }));

// credentials with every origin reflected
// ruleid: permissive-cors
app.use(cors({ origin: true, credentials: true }));

// cookie session, POST routes below, no CSRF middleware and no SameSite option
// ruleid: missing-csrf
app.use(
  session({
    // a literal session secret
    // ruleid: hardcoded-secret
    secret: "petsit-s3ss10n-k3y-2023!",
    resave: false,
    saveUninitialized: false,
    // the session cookie sent over plain HTTP
    // ruleid: insecure-cookie
    cookie: { secure: false, httpOnly: true, maxAge: 7 * 24 * 3600 * 1000 },
  }),
);

mongoose.connect(process.env.MONGO_URL);
const Sitter = mongoose.model("Sitter", new mongoose.Schema({ name: String, city: String, rate: Number, bio: String, photo: String }));
const Booking = mongoose.model("Booking", new mongoose.Schema({ sitterId: String, ownerEmail: String, status: String }));

const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
const PHOTO_DIR = path.resolve(__dirname, "..", "photos");
const CITIES = new Set(["berlin", "hamburg", "munich", "cologne"]);
const PAYMENT_SECRET = process.env.PAYMENT_WEBHOOK_SECRET;

function requireLogin(req, res, next) {
  if (!req.session.userEmail) return res.redirect("/login");
  next();
}

app.get("/auth/google/callback", async (req, res) => {
  const { code, state } = req.query;
  if (state !== req.session.oauthState) return res.status(400).send("state mismatch");
  // a constant token endpoint
  // ok: ssrf
  const { data } = await axios.post(GOOGLE_TOKEN_URL, {
    code,
    client_id: process.env.GOOGLE_CLIENT_ID,
    client_secret: process.env.GOOGLE_CLIENT_SECRET,
    redirect_uri: "https://petsit.example/auth/google/callback",
    grant_type: "authorization_code",
  });
  // the id token read without verifying its signature
  // ruleid: jwt-not-verified
  const claims = jwt.decode(data.id_token);
  req.session.userEmail = claims.email;
  const returnTo = req.session.returnTo || "/";
  delete req.session.returnTo;
  // [beyond docs] the returnTo a route below stored from the query string, one request later
  // ruleid: open-redirect
  res.redirect(returnTo);
});

app.get("/login", (req, res) => {
  req.session.oauthState = crypto.randomBytes(16).toString("hex");
  req.session.returnTo = req.query.returnTo;
  const params = new URLSearchParams({ client_id: process.env.GOOGLE_CLIENT_ID, state: req.session.oauthState, response_type: "code", scope: "openid email" });
  // a constant https start
  // ok: open-redirect
  res.redirect(`https://accounts.google.com/o/oauth2/v2/auth?${params}`);
});

app.post("/webhooks/payments", express.raw({ type: "application/json" }), (req, res) => {
  const signature = req.get("x-payment-signature") || "";
  const expected = crypto.createHmac("sha256", PAYMENT_SECRET).update(req.body).digest("hex");
  if (!safeEqual(signature, expected)) return res.sendStatus(401);
  const event = JSON.parse(req.body.toString());
  // the booking id of a signed event is a string, placed in a fixed filter
  // ok: nosql-injection
  Booking.updateOne({ _id: String(event.bookingId) }, { $set: { status: "paid" } }).then(() => res.sendStatus(204));
});

function safeEqual(a, b) {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

app.get("/sitters", async (req, res) => {
  const city = String(req.query.city || "").toLowerCase();
  if (!CITIES.has(city)) return res.status(400).json({ error: "unknown city" });
  // the query's rate object is passed through: ?rate[$gt]= works
  // ruleid: nosql-injection
  const sitters = await Sitter.find({ city, rate: req.query.rate }).limit(30);
  res.json(sitters);
});

app.post("/sitters/search", async (req, res) => {
  // mongo-sanitize strips $-keys from the body
  // ok: nosql-injection
  const sitters = await Sitter.find(sanitize(req.body)).limit(30);
  res.json(sitters);
});

app.post("/bookings/lookup", requireLogin, async (req, res) => {
  // the owner email of the body may be an operator object
  // ruleid: nosql-injection
  const bookings = await Booking.find({ ownerEmail: req.body.ownerEmail });
  res.json(bookings);
});

app.get("/sitters/:id/profile", async (req, res) => {
  const sitter = await Sitter.findById(req.params.id);
  if (!sitter) return res.sendStatus(404);
  const greeting = req.query.greeting || "Hello";
  // [extended sink] res.send of HTML; the greeting from the query string is raw markup
  // ruleid: xss
  res.send(`<h1>${greeting}, I'm ${sitter.name}</h1><p>${sitter.city}</p>`);
});

app.get("/sitters/:id/photo", (req, res) => {
  // sendFile with a root keeps the name inside the folder
  // ok: path-traversal
  res.sendFile(req.query.file, { root: PHOTO_DIR });
});

app.get("/sitters/:id/photo/download", (req, res) => {
  // the file name joined to the folder without a check
  // ruleid: path-traversal
  res.download(path.join(PHOTO_DIR, req.query.file));
});

app.post("/sitters/:id/photo/resize", requireLogin, (req, res) => {
  const width = parseInt(req.body.width, 10) || 400;
  const src = path.join(PHOTO_DIR, path.basename(req.body.file));
  // no shell, the width an int, the file a basename
  // ok: command-injection
  execFile("convert", [src, "-resize", `${width}x`, src], (err) => res.sendStatus(err ? 500 : 204));
});

app.post("/sitters/:id/photo/tag", requireLogin, (req, res) => {
  const src = path.join(PHOTO_DIR, path.basename(req.body.file));
  // the caption from the body inside a shell command line
  // ruleid: command-injection
  exec(`exiftool -overwrite_original -Caption="${req.body.caption}" ${src}`, (err) => res.sendStatus(err ? 500 : 204));
});

app.post("/sitters/:id/calendar", requireLogin, async (req, res) => {
  const { icsUrl } = req.body;
  // a calendar feed URL from the body, fetched by the server
  // ruleid: ssrf
  const { data } = await axios.get(icsUrl, { timeout: 5000 });
  // a file name built from a number
  // ok: path-traversal
  fs.writeFileSync(path.join(__dirname, "..", "calendars", `${Number(req.params.id)}.ics`), data);
  res.sendStatus(204);
});

app.post("/logout", (req, res) => {
  req.session.destroy(() => {
    res.redirect("/goodbye");
  });
});

app.get("/r", (req, res) => {
  const to = String(req.query.to || "/");
  if (!to.startsWith("/") || to.startsWith("//")) return res.redirect("/");
  // "/" and "//" tested, but not "/\" or a tab
  // ruleid: open-redirect
  res.redirect(to);
});

app.listen(Number(process.env.PORT || 3000));
