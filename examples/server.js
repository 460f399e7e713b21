// A small Express app with the bugs AI assistants often write.
const express = require("express");
const { exec } = require("child_process");
const axios = require("axios");

const app = express();

app.get("/fetch", async (req, res) => {
  const { data } = await axios.get(req.query.url); // SSRF
  res.send(data);
});

app.get("/grep", (req, res) => {
  exec(`grep -r ${req.query.term} /srv/docs`, (err, stdout) => res.send(stdout)); // command injection
});

app.listen(3000);
