import cors from "cors";
import express from "express";

const app = express();

app.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true }));
