import express from "express";
import mongoose, { Schema } from "mongoose";
import { z } from "zod";

const Event = mongoose.model("Event", new Schema({ user: String, kind: String, at: Date, props: Object }));
const Funnel = mongoose.model("Funnel", new Schema({ owner: String, steps: [String] }));
const RangeQuery = z.object({ kind: z.string(), from: z.coerce.date(), to: z.coerce.date() });

export const analytics = express.Router();

analytics.post("/events/breakdown", async (req, res) => {
  const { match, groupBy } = req.body;
  // [extended sink] a $match stage of Model.aggregate taken whole from the body
  // ruleid: nosql-injection
  const rows = await Event.aggregate([{ $match: match }, { $group: { _id: `$${groupBy}`, n: { $sum: 1 } } }]);
  res.json(rows);
});

analytics.post("/events/range", async (req, res) => {
  const { kind, from, to } = RangeQuery.parse(req.body);
  // a zod schema defined in the file leaves strings and dates
  // ok: nosql-injection
  const rows = await Event.find({ kind, at: { $gte: from, $lte: to } });
  res.json(rows);
});

analytics.get("/events/by-user", async (req, res) => {
  // a query-string value that qs can turn into an object ({ "$ne": "" })
  // ruleid: nosql-injection
  const rows = await Event.find({ user: req.query.user });
  res.json(rows);
});

analytics.get("/events/by-kind/:kind", async (req, res) => {
  // route parameters are always strings
  // ok: nosql-injection
  const rows = await Event.find({ kind: req.params.kind });
  res.json(rows);
});

analytics.post("/funnels/mine", async (req, res) => {
  const owner = req.body.owner;
  if (typeof owner !== "string") return res.status(400).end();
  // typeof check with an early return
  // ok: nosql-injection
  res.json(await Funnel.findOne({ owner }));
});

analytics.post("/funnels/script", async (req, res) => {
  // a $where predicate assembled from the body
  // ruleid: nosql-injection
  const rows = await Funnel.find({ $where: `this.steps.length > ${req.body.minSteps}` });
  res.json(rows);
});

analytics.post("/funnels/delete", async (req, res) => {
  // String() coercion of the id
  // ok: nosql-injection
  await Funnel.deleteOne({ _id: String(req.body.id), owner: String(req.body.owner) });
  // the owner field without coercion in the audit clean-up
  // ruleid: nosql-injection
  await Event.deleteMany({ user: req.body.owner, kind: "funnel" });
  res.status(204).end();
});
