import { Hono } from "hono";
import { cors } from "hono/cors";

// Origins allowed to call this API with the user's cookies: list the trusted ones.
const ALLOWED_ORIGINS: string[] = [];

const app = new Hono();

app.use("/api/*", cors({ origin: ALLOWED_ORIGINS, credentials: true }));

app.get("/api/links", (c) => c.json([]));

export default app;
