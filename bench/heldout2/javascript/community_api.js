// Community forum API: Express + Mongoose + cookie-session (CommonJS).
const express = require("express");
const cookieSession = require("cookie-session");
const mongoose = require("mongoose");
const crypto = require("crypto");
const { z } = require("zod");

const router = express.Router();
const app = express();

const User = mongoose.model(
  "User",
  new mongoose.Schema({ username: String, email: String, passwordHash: String, role: String, banned: Boolean }),
);
const Post = mongoose.model("Post", new mongoose.Schema({ author: String, title: String, body: String, tags: [String], score: Number }));
const sessionsCollection = mongoose.connection.collection("sessions");

app.use(express.json());
app.use(express.urlencoded({ extended: true }));
// cookie session with POST/PUT/DELETE routes on the router, no CSRF middleware, no SameSite
// ruleid: missing-csrf
app.use(
  cookieSession({
    name: "forum",
    keys: [process.env.SESSION_KEY_A, process.env.SESSION_KEY_B],
    // session cookie sent over http
    // ruleid: insecure-cookie
    secure: false,
    httpOnly: true,
  }),
);

function hashPassword(password, salt) {
  // SHA-256 with a salt: still a fast digest
  // ruleid: weak-password-hash
  return crypto.createHash("sha256").update(salt + password).digest("hex");
}

router.post("/login", async (req, res) => {
  const { username, password } = req.body;
  // body fields destructured and used in the filter
  // ruleid: nosql-injection
  const user = await User.findOne({ username, banned: false });
  if (!user || user.passwordHash !== hashPassword(password, user.username)) return res.sendStatus(401);
  req.session.uid = String(user._id);
  res.json({ ok: true });
});

router.post("/login/v2", async (req, res) => {
  if (typeof req.body.username !== "string" || typeof req.body.password !== "string") {
    return res.sendStatus(400);
  }
  // type check of the body values before the query (the control this rule names)
  // ok: nosql-injection
  const user = await User.findOne({ username: req.body.username, banned: false });
  res.json({ found: Boolean(user) });
});

router.get("/posts", async (req, res) => {
  // whole query object as the filter (?score[$gt]=...)
  // ruleid: nosql-injection
  const posts = await Post.find(req.query).limit(50).lean();
  res.json(posts);
});

router.get("/posts/by-tag/:tag", async (req, res) => {
  // route parameters are always strings
  // ok: nosql-injection
  const posts = await Post.find({ tags: req.params.tag }).limit(50).lean();
  res.json(posts);
});

const PostQuery = z.object({ author: z.string().min(1).max(40), minScore: z.coerce.number().default(0) });

router.get("/posts/search", async (req, res) => {
  const q = PostQuery.parse(req.query);
  // [beyond docs] zod schema forces string / number types before the query
  // ok: nosql-injection
  const posts = await Post.find({ author: q.author, score: { $gte: q.minScore } }).lean();
  res.json(posts);
});

router.put("/posts/:id", async (req, res) => {
  // body value in an update filter field
  // ruleid: nosql-injection
  const result = await Post.updateOne({ _id: req.params.id, author: req.body.author }, { $set: { title: String(req.body.title) } });
  res.json({ modified: result.modifiedCount });
});

router.delete("/posts", async (req, res) => {
  // whole body object as a deleteMany filter
  // ruleid: nosql-injection
  const result = await Post.deleteMany(req.body.filter);
  res.json({ deleted: result.deletedCount });
});

router.get("/posts/popular", async (req, res) => {
  const min = Number(req.query.min ?? 10);
  // $where with a template literal from the query string
  // ruleid: nosql-injection
  const posts = await Post.find({ $where: `this.score > ${req.query.min} && !this.hidden` }).lean();
  // Number() coercion inside a fixed operator
  // ok: nosql-injection
  const again = await Post.countDocuments({ score: { $gt: min } });
  res.json({ posts, again });
});

router.get("/sessions/mine", async (req, res) => {
  // value from the session (server-set), String() coerced
  // ok: nosql-injection
  const sessions = await sessionsCollection.find({ uid: String(req.session.uid) }).toArray();
  res.json(sessions.length);
});

router.get("/users/exists", async (req, res) => {
  // query-string value in a filter literal (qs turns ?email[$ne]=x into an object)
  // ruleid: nosql-injection
  const found = await User.exists({ email: req.query.email });
  res.json({ exists: Boolean(found) });
});

router.post("/users/:id/ban", async (req, res) => {
  // ok: nosql-injection
  await User.updateOne({ _id: String(req.params.id) }, { $set: { banned: true } });
  res.sendStatus(204);
});

app.use("/api", router);
app.listen(3002);
