import DOMPurify from "dompurify";
import { useEffect, useRef, useState } from "react";

function safeHref(url) {
  return /^https?:\/\//i.test(url) ? url : "#";
}

export function ReceiptPreview({ receipt, merchantUrl, logoUrl, printableHtml, note }) {
  const noteRef = useRef(null);
  const [pdf, setPdf] = useState(null);

  useEffect(() => {
    // the note prop written into the DOM as HTML
    // ruleid: xss
    noteRef.current.innerHTML = note;
  }, [note]);

  useEffect(() => {
    // the receipt's PDF URL comes in as a prop; the browser fetches it
    // ruleid: ssrf
    fetch(receipt.pdfUrl)
      .then((r) => r.blob())
      .then((b) => setPdf(URL.createObjectURL(b)));
  }, [receipt.pdfUrl]);

  return (
    <article className="receipt">
      {/* an image source runs no script */}
      {/* ok: xss */}
      <img src={logoUrl} alt="" className="receipt-logo" />
      {/* the merchant's footer HTML from a prop */}
      {/* ruleid: xss */}
      <footer dangerouslySetInnerHTML={{ __html: receipt.footerHtml }} />
      {/* the same footer through DOMPurify */}
      {/* ok: xss */}
      <footer dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(receipt.footerHtml) }} />
      {/* a prop URL as a link: javascript: URLs run */}
      {/* ruleid: xss */}
      <a href={merchantUrl}>Visit the shop</a>
      {/* a same-file helper keeps only http(s) URLs */}
      {/* ok: xss */}
      <a href={safeHref(merchantUrl)}>Visit the shop</a>
      {/* a printable copy with scripts allowed */}
      {/* ruleid: xss */}
      <iframe title="printable" srcDoc={printableHtml} />
      {/* sandboxed without allow-scripts */}
      {/* ok: xss */}
      <iframe title="printable-safe" sandbox="" srcDoc={printableHtml} />
      <div ref={noteRef} className="receipt-note" />
      {pdf && <p className="receipt-pdf">PDF ready</p>}
      {/* plain JSX text */}
      {/* ok: xss */}
      <p className="total">{receipt.totalLabel}</p>
    </article>
  );
}
