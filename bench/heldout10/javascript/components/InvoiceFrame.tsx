import { useEffect, useRef } from "react";

type Props = {
  invoiceHtml: string;
  paymentUrl: string;
  receiptPath: string;
};

export function InvoiceFrame({ invoiceHtml, paymentUrl, receiptPath }: Props) {
  const frameRef = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    if (frameRef.current) {
      // an iframe src from props: a javascript: URL runs in the page
      // ruleid: xss
      frameRef.current.src = paymentUrl;
    }
  }, [paymentUrl]);

  const local = receiptPath.startsWith("/") && !receiptPath.startsWith("//") ? receiptPath : "/receipts";

  return (
    <div className="invoice">
      {/* a srcDoc frame without a sandbox */}
      {/* ruleid: xss */}
      <iframe title="invoice" srcDoc={invoiceHtml} />
      {/* the same document in a sandbox without allow-scripts */}
      {/* ok: xss */}
      <iframe title="invoice-print" sandbox="" srcDoc={invoiceHtml} />
      {/* a same-origin path check before the href */}
      {/* ok: xss */}
      <a href={local}>Receipt</a>
      {/* a constant https host fixes the scheme */}
      {/* ok: xss */}
      <a href={`https://pay.invoicely.example/checkout?ref=${encodeURIComponent(paymentUrl)}`}>Pay</a>
    </div>
  );
}
