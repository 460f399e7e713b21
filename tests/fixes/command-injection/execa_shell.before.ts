import { execa } from "execa";
import express from "express";

const app = express();

app.post("/thumbnail", async (req, res) => {
  const source = String(req.body.source);
  const { stdout } = await execa(`convert ${source} -resize 200x200 thumb.png`, { shell: true });
  res.send(stdout);
});
