// Community forum routes: Express + Mongoose (accounts, posts, moderation).
const express = require("express");
const bcrypt = require("bcrypt");
const crypto = require("node:crypto");
const mongoSanitize = require("mongo-sanitize");
const { z } = require("zod");
const User = require("../models/User");
const Post = require("../models/Post");

const router = express.Router();

const SearchSchema = z.object({
  author: z.string().max(64),
  status: z.enum(["draft", "published"]),
});

router.post("/login", async (req, res) => {
  // body value can be an object ({"$ne": null})
  // ruleid: nosql-injection
  const user = await User.findOne({ email: req.body.email });
  if (!user || !(await bcrypt.compare(String(req.body.password), user.passwordHash))) {
    return res.sendStatus(401);
  }
  req.session.userId = user.id;
  // returnTo from the body
  // ruleid: open-redirect
  res.redirect(req.body.returnTo || "/");
});

router.post("/login-v2", async (req, res) => {
  const { email, password } = req.body;
  if (typeof email !== "string" || typeof password !== "string") {
    return res.sendStatus(400);
  }
  // typeof checks with an early return
  // ok: nosql-injection
  const user = await User.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) return res.sendStatus(401);
  req.session.userId = user.id;
  res.json({ ok: true });
});

router.get("/password-reset", async (req, res) => {
  // qs turns ?token[$ne]= into an object
  // ruleid: nosql-injection
  const user = await User.findOne({ resetToken: req.query.token });
  if (!user) return res.sendStatus(404);
  res.json({ email: user.email });
});

router.post("/password-reset/request", async (req, res) => {
  const token = crypto.randomBytes(32).toString("hex");
  // SHA-256 of a random token
  // ok: weak-password-hash
  const tokenDigest = crypto.createHash("sha256").update(token).digest("hex");
  // value coerced with String()
  // ok: nosql-injection
  await User.updateOne({ email: String(req.body.email) }, { $set: { resetToken: tokenDigest } });
  res.sendStatus(202);
});

router.get("/posts", async (req, res) => {
  // the whole query string as the filter
  // ruleid: nosql-injection
  const posts = await Post.find(req.query).limit(50);
  res.json(posts);
});

router.get("/posts/:slug", async (req, res) => {
  // route parameters are strings
  // ok: nosql-injection
  const post = await Post.findOne({ slug: req.params.slug });
  res.json(post);
});

router.post("/posts/search", async (req, res) => {
  const filter = SearchSchema.parse(req.body);
  // zod schema defined in the file
  // ok: nosql-injection
  res.json(await Post.find(filter).limit(50));
});

router.post("/posts/advanced", async (req, res) => {
  // mongo-sanitize strips $ keys
  // ok: nosql-injection
  const posts = await Post.find(mongoSanitize(req.body.filter)).limit(50);
  res.json(posts);
});

router.delete("/posts", async (req, res) => {
  const { author } = req.body;
  // destructured body field in the filter
  // ruleid: nosql-injection
  await Post.deleteMany({ author });
  res.sendStatus(204);
});

router.get("/posts/popular", async (req, res) => {
  const minLikes = req.query.min ?? "10";
  // query text inside $where
  // ruleid: nosql-injection
  const posts = await Post.find({ $where: `this.likes.length >= ${minLikes}` });
  res.json(posts);
});

module.exports = router;
