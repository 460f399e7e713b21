// Email campaign builder of the newsletter SaaS (React 18, Vite, plain JSX).
// Shows a live preview of the campaign, a share dialog and the UTM link tool.

import { useEffect, useRef, useState } from "react";
import $ from "jquery";
import { escapeHtmlAttr } from "../lib/escape";

const PREVIEW_WIDTHS = { mobile: 375, tablet: 768, desktop: 1024 };
const LAYOUTS = new Set(["single", "two-column", "digest"]);

function readDraftFromHash() {
  const raw = decodeURIComponent(window.location.hash.replace(/^#draft=/, ""));
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export function CampaignPreview({ html, footerHtml, device = "desktop" }) {
  const frameRef = useRef(null);
  const width = PREVIEW_WIDTHS[device] ?? PREVIEW_WIDTHS.desktop;

  useEffect(() => {
    const doc = frameRef.current?.contentDocument;
    if (!doc) return;
    doc.open();
    // [extended sink] the frame document's write(); the campaign HTML of the props
    // ruleid: xss
    doc.write(`<div style="width:${width}px">${html}</div>`);
    doc.close();
  }, [html, width]);

  return (
    <div className="preview">
      <iframe ref={frameRef} title="campaign preview" style={{ width }} />
      {/* a footer prop inserted as HTML */}
      {/* ruleid: xss */}
      <div className="footer" dangerouslySetInnerHTML={{ __html: footerHtml }} />
    </div>
  );
}

export function ShareDialog({ campaignId, shareUrl }) {
  const [copied, setCopied] = useState(false);

  function openShare() {
    // a URL prop opened in a new window
    // ruleid: open-redirect
    window.open(shareUrl, "_blank", "noopener");
  }

  function openStats() {
    // a constant path of this site with a numeric id
    // ok: open-redirect
    window.location.href = `/campaigns/${Number(campaignId)}/stats`;
  }

  return (
    <div className="share">
      <button onClick={openShare}>Share</button>
      <button onClick={openStats}>Stats</button>
      <button onClick={() => navigator.clipboard.writeText(shareUrl).then(() => setCopied(true))}>
        {copied ? "Copied" : "Copy link"}
      </button>
    </div>
  );
}

export function UtmTool({ baseUrl }) {
  const [source, setSource] = useState("newsletter");
  const outRef = useRef(null);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const campaign = params.get("utm_campaign") ?? "";
    // the page's own query string put into the tool's markup
    // ruleid: xss
    outRef.current.innerHTML = `<code>${baseUrl}?utm_source=${source}&utm_campaign=${campaign}</code>`;
  }, [baseUrl, source]);

  return (
    <div>
      <select value={source} onChange={(e) => setSource(e.target.value)}>
        <option value="newsletter">newsletter</option>
        <option value="social">social</option>
      </select>
      <div ref={outRef} />
    </div>
  );
}

export default function CampaignBuilder({ initialLayout = "single", templates }) {
  const [layout, setLayout] = useState(initialLayout);
  const [draft, setDraft] = useState(() => readDraftFromHash() ?? { subject: "", bodyHtml: "" });
  const statusRef = useRef(null);

  useEffect(() => {
    // the draft's subject from the URL fragment inserted as markup
    // ruleid: xss
    $("#draft-title").html(`<strong>${draft.subject}</strong>`);
    // jQuery .text() treats it as text
    // ok: xss
    $("#draft-subject-plain").text(draft.subject);
  }, [draft.subject]);

  useEffect(() => {
    function onMessage(event) {
      if (event.origin !== "https://editor.newsletter.example") return;
      if (event.data?.kind === "insert-block") {
        setDraft((d) => ({ ...d, bodyHtml: d.bodyHtml + event.data.html }));
      }
      if (event.data?.kind === "run-macro") {
        // a macro string from another window evaluated here
        // ruleid: code-injection
        setTimeout(`applyMacro(${event.data.macro})`, 0);
      }
      if (event.data?.kind === "status") {
        // an origin check says who sent it, not that the HTML is safe
        // ruleid: xss
        statusRef.current.innerHTML = event.data.statusHtml;
      }
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);

  const safeLayout = LAYOUTS.has(layout) ? layout : "single";

  return (
    <main className={`builder layout-${safeLayout}`}>
      <h2 id="draft-title" />
      <p id="draft-subject-plain" />
      <select value={layout} onChange={(e) => setLayout(e.target.value)}>
        {templates.map((t) => (
          <option key={t.id} value={t.layout}>
            {t.name}
          </option>
        ))}
      </select>
      {/* the body assembled from fragment data and page messages */}
      {/* ruleid: xss */}
      <article className="body" dangerouslySetInnerHTML={{ __html: draft.bodyHtml }} />
      {/* an attribute escaper imported by a name that says what it does */}
      {/* ok: xss */}
      <div className="status" ref={statusRef} dangerouslySetInnerHTML={{ __html: `<span title="${escapeHtmlAttr(layout)}">${safeLayout}</span>` }} />
      <CampaignPreview html={draft.bodyHtml} footerHtml={templates[0]?.footerHtml} />
      <ShareDialog campaignId={templates[0]?.campaignId} shareUrl={`https://newsletter.example/c/${encodeURIComponent(draft.subject)}`} />
      {/* a javascript: URL in the template list runs on click */}
      {/* ruleid: xss */}
      <a href={templates[0]?.previewLink}>Open template preview</a>
    </main>
  );
}
