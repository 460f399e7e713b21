"use client";
// Client component for a project card; props come from the server page.
import DOMPurify from "dompurify";
import { useActionState, useEffect, useRef, useState } from "react";
import { finishOnboarding } from "./actions";

type Props = { title: string; summaryHtml: string; website: string; readme: string; embedUrl: string };

export function ProjectCard({ title, summaryHtml, website, readme, embedUrl }: Props) {
  const [state, action] = useActionState(async (_: unknown, fd: FormData) => finishOnboarding(fd), null);
  const [remote, setRemote] = useState("");
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // a URL prop fetched in the browser, its text stored in state
    // ruleid: ssrf
    fetch(embedUrl)
      .then((r) => r.text())
      .then(setRemote);
  }, [embedUrl]);

  useEffect(() => {
    if (ref.current) {
      // the readme prop written with innerHTML from an effect
      // ruleid: xss
      ref.current.innerHTML = readme;
    }
  }, [readme]);

  return (
    <section>
      <h2>{title}</h2>
      {/* summary HTML from a prop, unsanitized */}
      {/* ruleid: xss */}
      <div dangerouslySetInnerHTML={{ __html: summaryHtml }} />
      {/* the same prop through DOMPurify */}
      {/* ok: xss */}
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(summaryHtml) }} />
      {/* a link prop whose scheme nobody checked */}
      {/* ruleid: xss */}
      <a href={website}>site</a>
      {/* a response fetched from a URL the props choose */}
      {/* ruleid: xss */}
      <div dangerouslySetInnerHTML={{ __html: remote }} />
      {/* srcDoc in a sandbox without allow-scripts */}
      {/* ok: xss */}
      <iframe sandbox="" srcDoc={readme} />
      <div ref={ref} />
      <form action={action}>
        <input name="returnTo" type="hidden" value="/projects" />
        <button type="submit">Done</button>
      </form>
      {String(state ?? "")}
    </section>
  );
}
