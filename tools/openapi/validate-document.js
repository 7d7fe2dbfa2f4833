#!/usr/bin/env node
// Test `openapi_document`: docs/openapi.yaml is a valid OpenAPI 3.1
// document (the pinned @apidevtools/swagger-parser: the official 3.1
// schema, every $ref resolves), and its Error schema names every reason
// code the server can answer with over HTTP.
//
// Usage: validate-document.js docs/openapi.yaml server/
//
// The reason codes are read from the C++ sources: every Error{4xx|5xx,
// "code"...}, refuse(NNN, "code"...) and bad/badRequest("code"...). Codes a
// process only uses before it serves (startup failures) are listed below.
'use strict';

const fs = require('fs');
const path = require('path');
const { loadDocument, requireTools, makeAjv, schemasIn } = require('./common');

// Reasons of errors that end the process at startup or stay inside a layer;
// no HTTP answer carries them.
const NOT_ANSWERED = new Set([
  'migration_failed', 'schema_too_new', // storage opening: the server does not start
  'analytics_data', 'geoip_database',   // analytics data at startup
  'invalid_key_name', 'duplicate_key_name', // the desktop settings' key dialog (ApiKeyService), never HTTP
]);

function reasonsInSources(root) {
  const found = new Map(); // code -> first "file:line"
  const patterns = [
    /Error\{\s*[45]\d\d\s*,\s*(?:QByteArrayLiteral\()?"([a-z_]+)"/g,
    /refuse\(\s*[45]\d\d\s*,\s*"([a-z_]+)"/g,
    /\b(?:bad|badRequest)\(\s*"([a-z_]+)"/g,
    /return\s+bad\(\s*[^,]*\?\s*"([a-z_]+)"\s*:\s*"([a-z_]+)"/g,
  ];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(cpp|h)$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        for (const pattern of patterns) {
          for (const match of text.matchAll(pattern)) {
            const line = text.slice(0, match.index).split('\n').length;
            for (const code of match.slice(1)) {
              if (code && !found.has(code)) found.set(code, `${path.relative(process.cwd(), full)}:${line}`);
            }
          }
        }
      }
    }
  };
  walk(root);
  return found;
}

async function main() {
  const [documentPath, sourceRoot] = process.argv.slice(2);
  if (!documentPath || !sourceRoot) {
    console.error('usage: validate-document.js docs/openapi.yaml server/');
    return 2;
  }
  const { SwaggerParser } = requireTools();
  try {
    await SwaggerParser.validate(documentPath);
  } catch (error) {
    console.error(`${documentPath} is not a valid OpenAPI document:\n${error.message}`);
    return 1;
  }
  const document = await loadDocument(documentPath);
  if (!String(document.openapi).startsWith('3.1')) {
    console.error(`${documentPath}: openapi is ${document.openapi}, expected 3.1.x`);
    return 1;
  }
  // The validator checks the document's shape; Ajv (strict) checks that each
  // schema in it compiles, as openapi_responses will compile it.
  const ajv = makeAjv();
  const seen = new Set();
  for (const [schema, where] of schemasIn(document)) {
    if (seen.has(schema)) continue;
    seen.add(schema);
    try {
      ajv.compile(schema);
    } catch (error) {
      console.error(`${documentPath}: the schema at ${where} is not valid JSON Schema 2020-12: ${error.message}`);
      return 1;
    }
  }
  const documented = new Set(document.components.schemas.Error.properties.reason.enum);
  const problems = [];
  for (const [code, where] of reasonsInSources(sourceRoot)) {
    if (!documented.has(code) && !NOT_ANSWERED.has(code))
      problems.push(`  reason "${code}" (${where}) is missing from components.schemas.Error.properties.reason.enum`);
  }
  if (problems.length > 0) {
    console.error(`${documentPath}: the server answers reason codes the document does not name:\n${problems.join('\n')}`);
    return 1;
  }
  const operations = Object.values(document.paths).reduce(
    (n, item) => n + ['get', 'head', 'post', 'put', 'patch', 'delete'].filter((m) => item[m]).length, 0);
  console.log(`${documentPath}: valid OpenAPI ${document.openapi}, ${Object.keys(document.paths).length} paths, ` +
              `${operations} operations, ${documented.size} reason codes`);
  return 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
