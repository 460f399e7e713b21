import { Hono } from "hono";
import { cors } from "hono/cors";

const app = new Hono();

app.use("/api/*", cors({ origin: (origin) => origin, credentials: true }));

app.get("/api/links", (c) => c.json([]));

export default app;
