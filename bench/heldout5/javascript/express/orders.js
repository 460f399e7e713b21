// Order service: Express with Sequelize for orders and mongoose for customer profiles.
const express = require("express");
const session = require("express-session");
const crypto = require("crypto");
const bcrypt = require("bcrypt");
const jwt = require("jsonwebtoken");
const mongoSanitize = require("mongo-sanitize");
const mongoose = require("mongoose");
const { Sequelize, DataTypes, QueryTypes } = require("sequelize");

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: true }));
// cookie session and POST routes below, no CSRF middleware or SameSite option
// ruleid: missing-csrf
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: true } }));

const sequelize = new Sequelize(process.env.DATABASE_URL);
const Order = sequelize.define("Order", { region: DataTypes.STRING, status: DataTypes.STRING, total: DataTypes.INTEGER });
const customerSchema = new mongoose.Schema({ email: String, passwordHash: String, tier: String, total: Number });
const Customer = mongoose.model("Customer", customerSchema);

app.get("/orders", async (req, res) => {
  // query value interpolated into sequelize.query
  // ruleid: sql-injection
  const rows = await sequelize.query(`SELECT * FROM "Orders" WHERE region = '${req.query.region}'`, { type: QueryTypes.SELECT });
  res.json(rows);
});

app.get("/orders/by-status", async (req, res) => {
  // named replacements
  // ok: sql-injection
  const rows = await sequelize.query('SELECT * FROM "Orders" WHERE status = :status', { replacements: { status: req.query.status }, type: QueryTypes.SELECT });
  res.json(rows);
});

app.get("/orders/orm", async (req, res) => {
  // ORM where object: Sequelize binds the value
  // ok: sql-injection
  const rows = await Order.findAll({ where: { status: req.query.status } });
  res.json(rows);
});

app.get("/orders/top", async (req, res) => {
  // Sequelize.literal with a query value inside an ORM call [extended sink]
  // ruleid: sql-injection
  const rows = await Order.findAll({ order: [[Sequelize.literal(`total * ${req.query.weight}`), "DESC"]] });
  res.json(rows);
});

app.post("/customers/login", async (req, res) => {
  // body fields (which can be objects such as {"$ne": null}) in a filter literal
  // ruleid: nosql-injection
  const customer = await Customer.findOne({ email: req.body.email, passwordHash: req.body.passwordHash });
  res.json({ ok: Boolean(customer) });
});

app.post("/customers/login-v2", async (req, res) => {
  // each value coerced with String()
  // ok: nosql-injection
  const customer = await Customer.findOne({ email: String(req.body.email) });
  const ok = customer ? await bcrypt.compare(String(req.body.password), customer.passwordHash) : false;
  res.json({ ok });
});

app.get("/customers", async (req, res) => {
  // the whole query object as the filter (?tier[$ne]=x)
  // ruleid: nosql-injection
  const list = await Customer.find(req.query).limit(50);
  res.json(list);
});

app.get("/customers/clean", async (req, res) => {
  // mongo-sanitize strips $ keys
  // ok: nosql-injection
  const list = await Customer.find(mongoSanitize(req.query)).limit(50);
  res.json(list);
});

app.post("/customers/tier", async (req, res) => {
  const { tier } = req.body;
  if (typeof tier !== "string") {
    return res.status(400).end();
  }
  // typeof string check with an early return
  // ok: nosql-injection
  const n = await Customer.countDocuments({ tier });
  res.json({ n });
});

app.get("/customers/:id/orders", async (req, res) => {
  // route parameters are always strings
  // ok: nosql-injection
  const c = await Customer.findOne({ _id: req.params.id });
  res.json(c);
});

app.get("/customers/big-spenders", async (req, res) => {
  // $where with a query value
  // ruleid: nosql-injection
  const list = await Customer.find({ $where: `this.total > ${req.query.min}` });
  res.json(list);
});

app.post("/customers/register", async (req, res) => {
  // fast unsalted digest of the password
  // ruleid: weak-password-hash
  const digest = crypto.createHash("sha256").update(req.body.password).digest("hex");
  // bcrypt
  // ok: weak-password-hash
  const passwordHash = await bcrypt.hash(req.body.password, 12);
  await Customer.create({ email: String(req.body.email), passwordHash, legacyDigest: digest });
  res.status(201).end();
});

app.get("/me", (req, res) => {
  const token = String(req.headers.authorization || "").replace("Bearer ", "");
  // decode without verification
  // ruleid: jwt-not-verified
  const claims = jwt.decode(token);
  // verify with a fixed algorithm list
  // ok: jwt-not-verified
  const verified = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });
  res.json({ sub: claims && claims.sub, verified: verified.sub });
});

app.post("/orders/:id/share", (req, res) => {
  // Math.random for a share token
  // ruleid: weak-randomness
  const shareToken = Math.random().toString(36).slice(2);
  // crypto random bytes
  // ok: weak-randomness
  const downloadToken = crypto.randomBytes(24).toString("hex");
  // auth cookie without options
  // ruleid: insecure-cookie
  res.cookie("auth_token", downloadToken);
  res.json({ shareToken });
});

module.exports = app;
