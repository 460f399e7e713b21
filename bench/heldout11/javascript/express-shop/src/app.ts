// Express app setup for the shop: sessions, CORS, auth middleware, a few top-level routes.
import express from "express";
import cors from "cors";
import session from "express-session";
import cookieParser from "cookie-parser";
import jwt from "jsonwebtoken";
import crypto from "node:crypto";
import ordersRouter from "./routes/orders";

const app = express();
app.use(express.json());
app.use(cookieParser());

const ALLOWED_ORIGINS = ["https://shop.example.com", "https://admin.shop.example.com"];

// an allowlist of origins with credentials
// ok: permissive-cors
app.use(cors({ origin: ALLOWED_ORIGINS, credentials: true }));

// reflects any origin with credentials
// ruleid: permissive-cors
app.use("/embed", cors({ origin: true, credentials: true }));

// the auth cookie is SameSite=lax; the file has a sameSite option
// ok: missing-csrf
app.use(
  session({
    // ruleid: hardcoded-secret
    secret: "shop-session-secret-2f9d8c7b6a5e4d3c",
    resave: false,
    saveUninitialized: false,
    // ruleid: insecure-cookie
    cookie: { secure: false, httpOnly: true },
  }),
);

interface AuthedRequest extends express.Request {
  user?: { id: string; role: string };
}

function requireUser(req: AuthedRequest, res: express.Response, next: express.NextFunction) {
  const token = req.cookies.auth_token ?? "";
  try {
    // ok: jwt-not-verified
    const claims = jwt.verify(token, process.env.JWT_SECRET!) as { sub: string; role: string };
    req.user = { id: claims.sub, role: claims.role };
    next();
  } catch {
    res.status(401).end();
  }
}

function optionalUser(req: AuthedRequest, _res: express.Response, next: express.NextFunction) {
  const token = req.cookies.auth_token;
  if (token) {
    // decode() reads the claims without checking the signature
    // ruleid: jwt-not-verified
    const claims = jwt.decode(token) as { sub: string; role: string } | null;
    if (claims) req.user = { id: claims.sub, role: claims.role };
  }
  next();
}

app.post("/login", async (req, res) => {
  const token = crypto.randomBytes(32).toString("hex");
  // ok: weak-randomness
  const nonce = crypto.randomUUID();
  // auth cookie with both flags
  // ok: insecure-cookie
  res.cookie("auth_token", token, { httpOnly: true, secure: true, sameSite: "lax" });
  // session-ish cookie with no options
  // ruleid: insecure-cookie
  res.cookie("session_hint", nonce);
  res.json({ ok: true });
});

app.post("/coupon", requireUser, (req: AuthedRequest, res) => {
  // ruleid: weak-randomness
  const code = Math.random().toString(36).slice(2, 10).toUpperCase();
  res.json({ code, owner: req.user?.id });
});

app.get("/go", optionalUser, (req, res) => {
  const dest = String(req.query.dest ?? "/");
  if (dest.startsWith("/")) {
    // a leading slash alone admits //evil.example
    // ruleid: open-redirect
    return res.redirect(dest);
  }
  res.redirect("/");
});

app.get("/continue", (req, res) => {
  const dest = String(req.query.dest ?? "/");
  const url = new URL(dest, "https://shop.example.com");
  if (url.origin !== "https://shop.example.com") {
    return res.redirect("/");
  }
  // same-origin check, redirect to the parsed href
  // ok: open-redirect
  res.redirect(url.href);
});

app.get("/hello", optionalUser, (req, res) => {
  const name = String(req.query.name ?? "guest");
  // query text in an HTML response [extended sink]
  // ruleid: xss
  res.send(`<!doctype html><h1>Hello ${name}</h1>`);
});

app.use("/api", requireUser, ordersRouter);

export default app;
