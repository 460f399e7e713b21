// Members and events router of a hiking club: Express + Mongoose.
const express = require("express");
const mongoose = require("mongoose");
const mongoSanitize = require("mongo-sanitize");
const { z } = require("zod");

const router = express.Router();

const Member = mongoose.model("Member", new mongoose.Schema({ email: String, name: String, role: String, region: String }));
const Hike = mongoose.model("Hike", new mongoose.Schema({ title: String, region: String, level: Number, leader: String }));

const LEVELS = [1, 2, 3, 4];
const LoginBody = z.object({ email: z.string().email(), password: z.string().min(8) });

function attachMember(req, res, next) {
  req.memberEmail = req.get("x-member-email");
  next();
}

router.use(attachMember);

router.post("/login", async (req, res) => {
  const parsed = LoginBody.safeParse(req.body);
  if (!parsed.success) return res.status(400).end();
  // zod-parsed strings
  // ok: nosql-injection
  const member = await Member.findOne({ email: parsed.data.email });
  res.json({ ok: Boolean(member) });
});

router.post("/login/legacy", async (req, res) => {
  const { email, password } = req.body;
  // body fields may be operator objects
  // ruleid: nosql-injection
  const member = await Member.findOne({ email, password });
  res.json({ ok: Boolean(member) });
});

router.get("/me", async (req, res) => {
  // a header value is always a string [beyond docs]
  // ok: nosql-injection
  const me = await Member.findOne({ email: req.memberEmail });
  res.json(me);
});

router.get("/hikes", async (req, res) => {
  const filter = {};
  if (req.query.region) filter.region = req.query.region;
  if (req.query.level) filter.level = Number(req.query.level);
  // region from the query string can be an object (?region[$ne]=x)
  // ruleid: nosql-injection
  const hikes = await Hike.find(filter).limit(50);
  res.json(hikes);
});

router.get("/hikes/safe", async (req, res) => {
  const filter = {};
  if (typeof req.query.region === "string") filter.region = req.query.region;
  const level = Number(req.query.level);
  if (LEVELS.includes(level)) filter.level = level;
  // typeof-checked string and an allowlisted number
  // ok: nosql-injection
  const hikes = await Hike.find(filter).limit(50);
  res.json(hikes);
});

router.post("/hikes/search", async (req, res) => {
  const clean = mongoSanitize(req.body);
  // operators stripped by mongo-sanitize
  // ok: nosql-injection
  const hikes = await Hike.find(clean.filter);
  res.json(hikes);
});

router.post("/hikes/search-v2", async (req, res) => {
  const clean = mongoSanitize(req.body);
  console.debug("sanitized", clean);
  // sanitized copy logged, the raw body used
  // ruleid: nosql-injection
  const hikes = await Hike.find(req.body.filter);
  res.json(hikes);
});

router.delete("/hikes/:id", async (req, res) => {
  // route params are strings
  // ok: nosql-injection
  await Hike.deleteOne({ _id: req.params.id, leader: String(req.query.leader) });
  res.status(204).end();
});

router.post("/hikes/where", async (req, res) => {
  const { minLength } = req.body;
  // $where with the body's value in JavaScript
  // ruleid: nosql-injection
  const hikes = await Hike.find({ $where: `this.title.length > ${minLength}` });
  res.json(hikes);
});

router.put("/members/:id/role", async (req, res) => {
  const { role } = req.body;
  if (typeof role !== "string") return res.status(400).end();
  // typeof check with an early return
  // ok: nosql-injection
  await Member.updateOne({ _id: req.params.id }, { $set: { role } });
  res.status(204).end();
});

router.get("/leave", (req, res) => {
  const to = req.query.to;
  if (typeof to === "string" && to.startsWith("/") && !to.startsWith("//") && !to.startsWith("/\\")) {
    // prefix tests without the printable check: "/\t/evil.example" is followed by browsers [beyond docs]
    // ruleid: open-redirect
    return res.redirect(to);
  }
  res.redirect("/");
});

module.exports = router;

router.get("/hikes/by-leader", async (req, res) => {
  const leader = req.query.leader;
  // countDocuments with a query value that may be an object
  // ruleid: nosql-injection
  const n = await Hike.countDocuments({ leader });
  res.json({ n });
});

router.get("/members/region", async (req, res) => {
  const region = `${req.query.region}`;
  // a template literal makes a string
  // ok: nosql-injection
  const list = await Member.find({ region }).select("name");
  res.json(list);
});
