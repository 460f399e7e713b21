// Older class components still used by the settings pages (React 18, JSX).

import React from "react";

const STATIC_HTML = {
  beta: "<b>Beta</b> feature",
  pro: "<b>Pro</b> plan only",
};
const HELP_BASE = "https://help.notes-app.example.com";

function escapeText(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export class TemplateBox extends React.Component {
  componentDidMount() {
    // a template prop written to the DOM
    // ruleid: xss
    this.el.innerHTML = this.props.template;
  }

  render() {
    return <div ref={(el) => (this.el = el)} />;
  }
}

export class HashMessage extends React.Component {
  componentDidMount() {
    const msg = decodeURIComponent(window.location.hash.slice(1));
    // the URL fragment, decoded, as HTML
    // ruleid: xss
    this.box.innerHTML = "<p>" + msg + "</p>";
    // the same fragment through a character-class escaper with a lookup table
    // ok: xss
    this.note.innerHTML = "<p>" + escapeText(msg) + "</p>";
  }

  render() {
    return (
      <section>
        <div ref={(el) => (this.box = el)} />
        <div ref={(el) => (this.note = el)} />
      </section>
    );
  }
}

export class Badge extends React.Component {
  render() {
    return (
      <span>
        {/* constant record lookup */}
        {/* ok: xss */}
        <span dangerouslySetInnerHTML={{ __html: STATIC_HTML[this.props.kind] || "" }} />
        {/* the prop itself */}
        {/* ruleid: xss */}
        <span dangerouslySetInnerHTML={{ __html: this.props.extraHtml }} />
      </span>
    );
  }
}

export class HelpButton extends React.Component {
  open = () => {
    // a help URL prop opened in a new window
    // ruleid: open-redirect
    window.open(this.props.helpUrl, "_blank");
  };

  openTopic = () => {
    // constant scheme and host, topic encoded
    // ok: open-redirect
    window.open(`${HELP_BASE}/topics/${encodeURIComponent(this.props.topic)}`, "_blank");
  };

  render() {
    return (
      <span>
        <button onClick={this.open}>Help</button>
        <button onClick={this.openTopic}>Topic</button>
      </span>
    );
  }
}

export function Checkout({ plan }) {
  const go = () => {
    // a same-origin path with the plan encoded
    // ok: open-redirect
    window.location.href = "/checkout?plan=" + encodeURIComponent(plan);
  };
  return <button onClick={go}>Upgrade</button>;
}

export function ReturnLink() {
  const params = new URLSearchParams(window.location.search);
  const back = params.get("back") || "/";
  const go = () => {
    if (!back.startsWith("/")) return;
    // a leading-slash check admits //evil.example
    // ruleid: open-redirect
    window.location.assign(back);
  };
  return <button onClick={go}>Back</button>;
}
