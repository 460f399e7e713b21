// Link unfurling (Express): the allowlist already exists.
const express = require("express");
const axios = require("axios");

const app = express();
app.use(express.json());

const ALLOWED_HOSTS = new Set(["api.github.com", "gitlab.com"]);

app.get("/unfurl", async (req, res) => {
  const url = req.query.url;
  const parsed = new URL(url);
  if (!["http:", "https:"].includes(parsed.protocol) || !ALLOWED_HOSTS.has(parsed.hostname)) {
    return res.status(400).send("URL host not allowed");
  }
  const response = await fetch(url);
  res.json({ status: response.status });
});

app.post("/webhooks/test", async (req, res) => {
  const { callbackUrl, event } = req.body;
  try {
    const parsed = new URL(callbackUrl);
    if (!["http:", "https:"].includes(parsed.protocol) || !ALLOWED_HOSTS.has(parsed.hostname)) {
      return res.status(400).send("URL host not allowed");
    }
    await axios.post(callbackUrl, { event });
    res.sendStatus(204);
  } catch (err) {
    res.status(502).json({ error: err.message });
  }
});

app.listen(3000);
