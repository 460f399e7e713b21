import express from "express";

const app = express();

app.get("/login/done", (req, res) => {
  const returnTo = req.query.returnTo as string;
  res.redirect(returnTo);
});

app.get("/logout", (req, res) => {
  res.redirect(String(req.query.back));
});
