// Validates SARIF files against the SARIF 2.1.0 JSON schema (draft-04),
// the copy that @microsoft/jest-sarif ships, with ajv 6.
//
//   node tests/sarif/validate.mjs FILE.sarif...
//
// Prints each file's result; exits 1 when any file is invalid, 2 on usage
// or read errors. Install the dependencies first: npm ci (in this folder).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");
const schemaPath = require.resolve(
  "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json",
);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE.sarif...");
  process.exit(2);
}
const ajv = new Ajv({ schemaId: "auto", allErrors: true, verbose: false });
ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
const validate = ajv.compile(schema);
let bad = 0;
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`${file}: cannot read: ${e.message}`);
    process.exit(2);
  }
  if (validate(doc)) {
    const results = doc.runs.reduce((n, r) => n + (r.results || []).length, 0);
    const rules = doc.runs.reduce((n, r) => n + r.tool.driver.rules.length, 0);
    console.log(`${file}: valid SARIF 2.1.0 (${results} results, ${rules} rules)`);
  } else {
    bad += 1;
    console.log(`${file}: INVALID`);
    for (const e of validate.errors.slice(0, 20)) {
      console.log(`  ${e.dataPath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
}
process.exit(bad ? 1 : 0);
