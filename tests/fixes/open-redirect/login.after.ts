import express from "express";

const app = express();

app.get("/login/done", (req, res) => {
  const returnTo = req.query.returnTo as string;
  if (typeof returnTo !== "string" || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.startsWith("/\\") || /[\u0000-\u001f]/.test(returnTo)) {
    return res.status(400).send("redirect target must be a path on this site");
  }
  res.redirect(returnTo);
});

app.get("/logout", (req, res) => {
  const url = String(req.query.back);
  if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\") || /[\u0000-\u001f]/.test(url)) {
    return res.status(400).send("redirect target must be a path on this site");
  }
  res.redirect(url);
});
