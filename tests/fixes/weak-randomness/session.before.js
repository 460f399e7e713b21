const express = require("express");

const app = express();

app.post("/login", (req, res) => {
  const sessionToken = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  res.json({ sessionToken });
});
