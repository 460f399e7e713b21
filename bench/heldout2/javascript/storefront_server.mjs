// Storefront BFF: Express + express-session with strict SameSite cookies (ESM).
import express from "express";
import session from "express-session";
import RedisStore from "connect-redis";
import cors from "cors";
import { createClient } from "redis";
import { randomBytes } from "node:crypto";

const app = express();
const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();
const PARTNER_ORIGINS = ["https://partner-a.example", "https://partner-b.example"];

app.use(express.json());
// SameSite=strict session cookie: the file's POST routes are protected by the browser
// ok: missing-csrf
app.use(
  session({
    store: new RedisStore({ client: redis }),
    // ok: hardcoded-secret
    secret: process.env.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    resave: false,
    saveUninitialized: false,
    // ok: insecure-cookie
    cookie: { secure: true, httpOnly: true, sameSite: "strict", maxAge: 2 * 3600 * 1000 },
  }),
);

// public catalogue API: any origin, no credentials
// ok: permissive-cors
app.use("/public", cors({ origin: "*" }));
// partner widget: explicit origin list with credentials
// ok: permissive-cors
app.use("/partner", cors({ origin: PARTNER_ORIGINS, credentials: true }));
// embed endpoints: origin callback that accepts everything, with credentials
// ruleid: permissive-cors
app.use("/embed", cors({ origin: (origin, cb) => cb(null, true), credentials: true }));
// [beyond docs] origin callback reflecting the caller's origin, with credentials
// ruleid: permissive-cors
app.use("/widgets", cors({ origin: (origin, cb) => cb(null, origin), credentials: true }));
// [beyond docs] catch-all origin regex with credentials
// ruleid: permissive-cors
app.use("/legacy", cors({ origin: /.*/, credentials: true }));
// literal '*' with credentials
// ruleid: permissive-cors
app.use("/beta", cors({ origin: "*", credentials: true, methods: ["GET", "POST"] }));
// [beyond docs] credentials with a suffix-anchored regex on the partner domain
// ok: permissive-cors
app.use("/shop", cors({ origin: /^https:\/\/([a-z0-9-]+\.)?shop\.example\.com$/, credentials: true }));

app.post("/cart/items", (req, res) => {
  req.session.cart = [...(req.session.cart ?? []), { sku: String(req.body.sku), qty: Number(req.body.qty) || 1 }];
  res.status(201).json(req.session.cart);
});

app.post("/checkout", (req, res) => {
  // auth-looking cookie with no options at all
  // ruleid: insecure-cookie
  res.cookie("checkout_token", randomBytes(16).toString("hex"));
  // options passed as a spread from elsewhere
  // ok: insecure-cookie
  res.cookie("checkout_session", randomBytes(16).toString("hex"), { ...req.app.locals.cookieDefaults });
  res.json({ ok: true });
});

app.post("/consent", (req, res) => {
  // SameSite=None without secure
  // ruleid: insecure-cookie
  res.cookie("auth_consent", "granted", { sameSite: "none", httpOnly: true });
  // CSRF token cookie meant to be read by the page (secure set, httpOnly left out)
  // ok: insecure-cookie
  res.cookie("XSRF-TOKEN", randomBytes(16).toString("hex"), { secure: true, sameSite: "strict" });
  res.sendStatus(204);
});

app.listen(8088);
