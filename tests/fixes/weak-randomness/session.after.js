const express = require("express");

// A float in [0, 1) like Math.random(), from the platform's secure generator (53 bits).
const secureRandom = () => {
  const [high, low] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return (high * 2 ** 21 + (low >>> 11)) / 2 ** 53;
};

const app = express();

app.post("/login", (req, res) => {
  const sessionToken = secureRandom().toString(36).slice(2) + secureRandom().toString(36).slice(2);
  res.json({ sessionToken });
});
