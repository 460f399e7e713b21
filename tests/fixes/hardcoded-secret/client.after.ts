import Stripe from "stripe";

const stripeApiKey = process.env.STRIPE_API_KEY;
export const stripe = new Stripe(stripeApiKey);

export const mailer = {
  host: "smtp.mailgun.org",
  password: process.env.MAILER_PASSWORD,
};
