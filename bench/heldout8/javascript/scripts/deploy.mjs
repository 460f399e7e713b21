#!/usr/bin/env node
// Deploy script run by developers and CI: `node scripts/deploy.mjs <env> <service> [--tag=x] [--notes=file]`.
import { execSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [, , env = "staging", service = "", ...rest] = process.argv;
const ENVIRONMENTS = new Set(["staging", "production"]);
const SERVICE_RE = /^[a-z][a-z0-9-]{1,40}$/;

if (!ENVIRONMENTS.has(env)) {
  console.error(`unknown environment ${env}`);
  process.exit(1);
}

const option = (name) => rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const tag = option("tag") ?? "latest";

const CONTEXTS = { staging: "gke_acme_staging", production: "gke_acme_prod" };

// env checked against a Set, process.exit otherwise [beyond docs]
// ok: command-injection
execSync(`kubectl config use-context ${CONTEXTS[env]} && kubectl get ns ${env}`, { stdio: "inherit" });

// service from argv, unchecked [beyond docs]
// ruleid: command-injection
execSync(`kubectl rollout restart deployment/${service} -n ${env}`, { stdio: "inherit" });

// tag from argv in a command run with shell: true [beyond docs]
// ruleid: command-injection
spawn(`docker build -t registry.example.com/${service}:${tag} .`, { shell: true, stdio: "inherit" });

if (SERVICE_RE.test(service)) {
  // anchored service-name pattern around the call
  // ok: command-injection
  execSync(`docker push registry.example.com/${service}:latest`, { stdio: "inherit" });
}

const manifestPath = path.join("deploy", env, `${service}.yaml`);
// service name from argv in the manifest path [beyond docs]
// ruleid: path-traversal
const manifest = readFileSync(manifestPath, "utf8");

const notesFile = option("notes");
if (notesFile) {
  // a file named on the command line [beyond docs]
  // ruleid: path-traversal
  const notes = readFileSync(notesFile, "utf8");
  // tag from argv in the output file name [beyond docs]
  // ruleid: path-traversal
  writeFileSync(path.join("releases", `${tag}.md`), `# ${service} ${tag}\n\n${notes}\n`);
}

if (process.env.DEPLOY_INSECURE_REGISTRY === "1") {
  // certificate checks off for the whole process
  // ruleid: tls-verification-disabled
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
}

// webhook URL from the environment
// ok: ssrf
await fetch(process.env.SLACK_WEBHOOK_URL, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ text: `Deployed ${service}:${tag} to ${env} (${manifest.length} bytes of manifest)` }),
});
