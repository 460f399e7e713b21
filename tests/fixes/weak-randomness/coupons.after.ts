// Coupon codes (TypeScript): the fix moves Math.random() to a crypto-backed helper.

// A float in [0, 1) like Math.random(), from the platform's secure generator (53 bits).
const secureRandom = (): number => {
  const [high, low] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return (high * 2 ** 21 + (low >>> 11)) / 2 ** 53;
};

export function issueCoupon(percentOff: number) {
  const code = secureRandom().toString(36).slice(2, 10).toUpperCase();
  return { code, percentOff };
}
