// Shared by the OpenAPI checks: the pinned npm tools, and the document
// read with every $ref resolved.
'use strict';

const path = require('path');

// The packages of package-lock.json, installed by scripts/install-deps
// (`npm ci` in tools/openapi); a clear message when they are not there.
function requireTools() {
  try {
    return {
      SwaggerParser: require('@apidevtools/swagger-parser'),
      Ajv2020: require('ajv/dist/2020').default,
      addFormats: require('ajv-formats').default,
    };
  } catch (error) {
    console.error(`The OpenAPI tools are not installed in ${__dirname}/node_modules ` +
                  `(run scripts/install-deps, or \`npm ci\` there): ${error.message}`);
    process.exit(1);
  }
}

// The document with every $ref replaced by what it names (the same objects
// where two refs name one thing, so compiled schemas can be cached by object).
async function loadDocument(documentPath) {
  const { SwaggerParser } = requireTools();
  return SwaggerParser.dereference(path.resolve(documentPath));
}

// Ajv for OpenAPI 3.1 schemas, which are JSON Schema 2020-12 plus a few
// annotation keywords of OpenAPI's own. Strict: a misspelt keyword or type
// in the document is an error, not a schema that accepts everything
// (strictTypes is off: `allOf: [Error, {properties: {reason: ...}}]`
// narrows a reason without repeating `type`).
function makeAjv() {
  const { Ajv2020, addFormats } = requireTools();
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  return ajv;
}

// Every schema object the document's responses, parameters, headers and
// request bodies use, with where it is (for messages).
function* schemasIn(node, where = '#') {
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    const here = `${where}/${key}`;
    if (key === 'schema' && value && typeof value === 'object') yield [value, here];
    else if (where === '#/components/schemas') yield [value, here];
    else yield* schemasIn(value, here);
  }
}

module.exports = { requireTools, loadDocument, makeAjv, schemasIn };
