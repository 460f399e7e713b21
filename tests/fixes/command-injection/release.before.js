#!/usr/bin/env node
const childProcess = require("child_process");

function runTests(pattern) {
  return childProcess.execSync(`npx jest -t "${pattern}"`, { stdio: "inherit" });
}

const [, , command, arg] = process.argv;
if (command === "bump") {
  childProcess.execSync(`npm version ${arg} --no-git-tag-version`, { stdio: "inherit" });
} else {
  runTests(arg);
}
