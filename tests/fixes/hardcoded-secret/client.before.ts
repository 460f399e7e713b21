import Stripe from "stripe";

const stripeApiKey = "sk_live_4f9a7c1e5b2d8f4a6c0e";
export const stripe = new Stripe(stripeApiKey);

export const mailer = {
  host: "smtp.mailgun.org",
  password: "8c4f2e6a1b9d3c7e5f0a",
};
