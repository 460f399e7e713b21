"use strict";

// Fleet-tracking HTTP functions on Google Cloud Functions (functions-framework, Express req/res).
const crypto = require("node:crypto");
const functions = require("@google-cloud/functions-framework");
const jwt = require("jsonwebtoken");
const libxmljs = require("libxmljs2");
const { MongoClient, ObjectId } = require("mongodb");
const { z } = require("zod");

const client = new MongoClient(process.env.MONGO_URI);
const db = client.db("fleet");
const vehicles = db.collection("vehicles");
const trips = db.collection("trips");
const drivers = db.collection("drivers");

// a live API token for the telematics provider, as a constant
// ruleid: hardcoded-secret
const telematicsApiToken = "tmx_live_8c1e4b9a7d2f4e6b90a1";

const TripQuery = z.object({
  vehicleId: z.string().regex(/^[a-f0-9]{24}$/),
  status: z.enum(["open", "closed"]),
});

const sendSms = require("./sms");

const FARE_RULES = {
  flat: () => 5,
  perKm: (trip) => trip.km * 1.2,
};

functions.http("findVehicles", async (req, res) => {
  // the whole query object used as the filter (?plate[$ne]=x)
  // ruleid: nosql-injection
  const list = await vehicles.find(req.query).limit(50).toArray();
  res.json(list);
});

functions.http("driverLogin", async (req, res) => {
  const { email, pin } = req.body;
  // body fields destructured into the filter; {"pin": {"$ne": ""}} matches any driver
  // ruleid: nosql-injection
  const driver = await drivers.findOne({ email, pin });
  if (!driver) return res.status(401).end();
  // a six-digit verification code from Math.random()
  // ruleid: weak-randomness
  const verificationCode = String(Math.floor(100000 + Math.random() * 900000));
  await sendSms(driver.phone, `Your code: ${verificationCode}`);
  return res.json({ sent: true });
});

functions.http("driverLoginChecked", async (req, res) => {
  if (typeof req.body.email !== "string" || typeof req.body.pin !== "string") {
    return res.status(400).end();
  }
  // typeof "string" checks on both fields with an early return
  // ok: nosql-injection
  const driver = await drivers.findOne({ email: req.body.email, pin: req.body.pin });
  return res.json({ ok: Boolean(driver) });
});

functions.http("listTrips", async (req, res) => {
  const q = TripQuery.parse(req.query);
  // values of a zod schema defined in this file (anchored hex regex, enum)
  // ok: nosql-injection
  const list = await trips.find({ vehicleId: new ObjectId(q.vehicleId), status: q.status }).toArray();
  res.json(list);
});

functions.http("tripsByTag", async (req, res) => {
  // a body value that can be an object as a filter field value
  // ruleid: nosql-injection
  const list = await trips.find({ tags: req.body.tag }).limit(100).toArray();
  res.json(list);
});

functions.http("countTrips", async (req, res) => {
  // String() coercion of the query value
  // ok: nosql-injection
  const n = await trips.countDocuments({ driver: String(req.query.driver) });
  res.json({ n });
});

functions.http("slowTrips", async (req, res) => {
  // a query value inside a $where expression
  // ruleid: nosql-injection
  const list = await trips.find({ $where: `this.durationMin > ${req.query.min}` }).toArray();
  res.json(list);
});

functions.http("importManifest", async (req, res) => {
  // libxmljs with entity substitution on for an uploaded manifest
  // ruleid: xxe-parser-config
  const doc = libxmljs.parseXml(req.rawBody.toString("utf8"), { noent: true, nonet: true });
  res.json({ stops: doc.find("//stop").length });
});

functions.http("validateManifest", async (req, res) => {
  // entity substitution explicitly off
  // ok: xxe-parser-config
  const doc = libxmljs.parseXml(req.rawBody.toString("utf8"), { noent: false, nonet: true });
  res.json({ valid: doc.errors.length === 0 });
});

functions.http("fareRule", async (req, res) => {
  const { expression } = req.body;
  // a posted expression compiled with new Function
  // ruleid: code-injection
  const fare = new Function("trip", `return ${expression};`);
  res.json({ fare: fare({ km: Number(req.body.km) }) });
});

functions.http("fareRuleNamed", async (req, res) => {
  const rule = FARE_RULES[req.body.rule];
  if (!rule) return res.status(400).json({ error: "unknown rule" });
  // constant function body
  // ok: code-injection
  const round = new Function("x", "return Math.round(x * 100) / 100;");
  return res.json({ fare: round(rule({ km: Number(req.body.km) })) });
});

functions.http("driverProfile", async (req, res) => {
  const token = (req.get("authorization") || "").slice(7);
  try {
    // verified with the secret and a fixed algorithm list
    // ok: jwt-not-verified
    const claims = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });
    // the driver id from verified claims, coerced with String()
    // ok: nosql-injection
    const profile = await drivers.findOne({ _id: new ObjectId(String(claims.sub)) }, { projection: { pin: 0 } });
    return res.json(profile);
  } catch {
    return res.status(401).end();
  }
});

functions.http("geocode", async (req, res) => {
  // fixed geocoder host, the address encoded into the query string
  // ok: ssrf
  const r = await fetch(`https://maps.geocoder.example/v1/search?q=${encodeURIComponent(String(req.query.address))}`, {
    headers: { authorization: `Bearer ${telematicsApiToken}` },
  });
  res.json(await r.json());
});

functions.http("pushTelemetry", async (req, res) => {
  const body = JSON.stringify({ vehicle: req.body.vehicle, at: Date.now(), nonce: crypto.randomUUID() });
  // a telemetry endpoint taken from the body
  // ruleid: ssrf
  const r = await fetch(req.body.telemetryEndpoint, { method: "POST", body });
  res.json({ status: r.status });
});
