import React, { useEffect, useRef } from "react";
import { marked } from "marked";

export function Bio({ bio }: { bio: string }) {
  return (
    <section className="bio">
      <div dangerouslySetInnerHTML={{ __html: bio }} />
    </section>
  );
}

export function Markdown(props: { source: string }) {
  const html = marked.parse(props.source) as string;
  return <article dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Status({ label }: { label: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (ref.current) {
      ref.current.innerHTML = label;
    }
  }, [label]);
  return <span ref={ref} />;
}
