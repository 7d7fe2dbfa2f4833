#!/usr/bin/env node
// Test `openapi_responses`: every response the HTTP suite read (one JSON
// line each, written by tests/support/httpclient.cpp) is what
// docs/openapi.yaml promises.
//
// Usage: check-responses.js docs/openapi.yaml responses.jsonl
//
// For each response, in this order:
//  1. A status listed under `x-shortfuse-any-request` (the transport guard's
//     refusals, the draining 503) is accepted on any request if the answer
//     fits that entry: they come before routing.
//  2. The path is matched against the document's paths: `{name}` is one
//     whole or partial segment whose value must fit the path parameter's
//     schema (so `/{slug}` only takes slug-shaped segments); when several
//     match, the one with the most literal characters wins (`/health`
//     over `/{slug}`), as the server's routing does.
//  3. Matched, with an operation for the method: the status must be listed
//     for it, and the answer must fit that response (below).
//     Matched, no operation for the method: `x-shortfuse-unrouted.methodNotAllowed`
//     (405), its Allow header naming exactly the path's methods.
//     A 404 that fits `x-shortfuse-unrouted.metricsListener` (the metrics
//     listener's plain-text answer, its exact body) is accepted on any path.
//  4. Not matched: `x-shortfuse-unrouted.api` for a path under /api/, else
//     `other` (the HTML 404 page).
// An answer fits a response when its media type is one the response lists
// (no body when it lists none), every required header is there, every
// documented header it carries fits its schema, and its body (JSON, or text
// with a string schema) fits the schema. HEAD answers have no body to check.
//
// Exit: 0 all fit, 1 some do not (each listed, with the test that read it),
// 77 the log is empty (no HTTP test ran; ctest reports a skip).
'use strict';

const fs = require('fs');
const { loadDocument, makeAjv } = require('./common');

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'];

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

class Contract {
  constructor(document) {
    this.document = document;
    this.ajv = makeAjv();
    this.validators = new Map(); // schema object -> compiled function
    this.routes = Object.entries(document.paths).map(([template, item]) => {
      const names = [];
      const source = template.split(/(\{[^}]+\})/).map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part);
        if (!name) return escapeRegExp(part);
        names.push(name[1]);
        return '([^/]+)';
      }).join('');
      const literal = template.replace(/\{[^}]+\}/g, '').length;
      const parameters = (item.parameters || []).filter((p) => p.in === 'path');
      return { template, item, regexp: new RegExp(`^${source}$`), names, literal, parameters };
    });
    this.anyRequest = document['x-shortfuse-any-request'] || {};
    this.unrouted = document['x-shortfuse-unrouted'] || {};
  }

  validator(schema) {
    if (!this.validators.has(schema)) this.validators.set(schema, this.ajv.compile(schema));
    return this.validators.get(schema);
  }

  route(path) {
    let best = null;
    for (const route of this.routes) {
      const match = route.regexp.exec(path);
      if (!match) continue;
      const fits = route.names.every((name, i) => {
        const parameter = route.parameters.find((p) => p.name === name);
        return !parameter || !parameter.schema || this.validator(parameter.schema)(match[i + 1]);
      });
      if (fits && (!best || route.literal > best.literal)) best = route;
    }
    return best;
  }

  // Why `answer` does not fit `response` (an OpenAPI Response Object), or
  // an empty list when it does.
  misfits(answer, response) {
    const problems = [];
    const headers = answer.headers || {};
    const contentType = (headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    const isHead = answer.method === 'HEAD';
    let media = null;
    if (response.content) {
      if (!contentType) {
        problems.push(`no Content-Type; the document says ${Object.keys(response.content).join(' or ')}`);
      } else {
        media = response.content[contentType];
        if (!media)
          problems.push(`Content-Type ${contentType}; the document says ${Object.keys(response.content).join(' or ')}`);
      }
    } else if (!isHead && contentType && (answer.body || '').length > 0) {
      problems.push(`a ${contentType} body; the document says there is none`);
    }
    for (const [name, header] of Object.entries(response.headers || {})) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`no ${name} header`);
        continue;
      }
      if (header.schema) {
        const typed = ['integer', 'number'].includes(header.schema.type) && /^-?\d+$/.test(value) ? Number(value) : value;
        const validate = this.validator(header.schema);
        if (!validate(typed)) problems.push(`header ${name}: ${value}: ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    if (media && media.schema && !isHead && answer.body !== undefined) {
      let body = answer.body;
      let checkable = true;
      if (contentType === 'application/json' || contentType.endsWith('+json')) {
        try {
          body = JSON.parse(body);
        } catch (error) {
          problems.push(`the body is not JSON (${error.message})`);
          checkable = false;
        }
      } else if (media.schema.type !== 'string') {
        checkable = false; // a text body is checked only against a string schema
      }
      if (checkable) {
        const validate = this.validator(media.schema);
        if (!validate(body))
          problems.push(`the body does not fit the schema: ${this.ajv.errorsText(validate.errors, { dataVar: 'body' })}`);
      }
    }
    return problems;
  }

  // Why this recorded answer breaks the contract, or null.
  check(answer) {
    const status = String(answer.status);
    const global = this.anyRequest[status];
    if (global && this.misfits(answer, global).length === 0) return null;
    // The metrics listener's answer to any path but /metrics: known by its
    // exact body, whatever the public listener answers at that path.
    const metricsListener = this.unrouted.metricsListener;
    if (metricsListener && answer.status === 404 && this.misfits(answer, metricsListener).length === 0) return null;

    const route = answer.path ? this.route(answer.path) : null;
    if (!route) {
      const candidates = answer.path && answer.path.startsWith('/api/')
        ? [['api', this.unrouted.api]]
        : [['other', this.unrouted.other]];
      const expected = answer.path ? 404 : null;
      if (answer.status === expected) {
        const reasons = [];
        for (const [name, response] of candidates) {
          if (!response) continue;
          const misfits = this.misfits(answer, response);
          if (misfits.length === 0) return null;
          reasons.push(`as x-shortfuse-unrouted.${name}: ${misfits.join('; ')}`);
        }
        return `no documented path matches; ${reasons.join(' | ')}`;
      }
      if (!answer.path)
        return `status ${status} to a request that is not HTTP/1.1 is not one of x-shortfuse-any-request` +
               (global ? ` (${this.misfits(answer, global).join('; ')})` : '');
      return `no documented path matches, and status ${status} is not an undocumented path's 404` +
             (global ? ` nor x-shortfuse-any-request's ${status} (${this.misfits(answer, global).join('; ')})` : '');
    }

    const method = (answer.method || '').toLowerCase();
    const operation = METHODS.includes(method) ? route.item[method] : undefined;
    if (!operation) {
      const allowed = METHODS.filter((m) => route.item[m]).map((m) => m.toUpperCase());
      if (answer.status !== 405)
        return `${answer.method} is not documented for ${route.template} (it has ${allowed.join(', ')}), ` +
               `so 405 was expected, not ${status}`;
      const problems = this.unrouted.methodNotAllowed ? this.misfits(answer, this.unrouted.methodNotAllowed) : [];
      const allow = (answer.headers.allow || '').split(',').map((m) => m.trim()).filter(Boolean).sort();
      if (allow.join(',') !== [...allowed].sort().join(','))
        problems.push(`Allow: ${answer.headers.allow || ''}, but the document has ${allowed.join(', ')} for ${route.template}`);
      return problems.length ? `405 for ${route.template}: ${problems.join('; ')}` : null;
    }

    const response = operation.responses[status] || operation.responses.default;
    if (!response) {
      return `status ${status} is not documented for ${answer.method} ${route.template} ` +
             `(documented: ${Object.keys(operation.responses).join(', ')})` +
             (global ? `; nor does it fit x-shortfuse-any-request's ${status} (${this.misfits(answer, global).join('; ')})` : '');
    }
    const problems = this.misfits(answer, response);
    return problems.length ? `${status} of ${answer.method} ${route.template}: ${problems.join('; ')}` : null;
  }
}

async function main() {
  const [documentPath, logPath] = process.argv.slice(2);
  if (!documentPath || !logPath) {
    console.error('usage: check-responses.js docs/openapi.yaml responses.jsonl');
    return 2;
  }
  const lines = fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').split('\n').filter((l) => l.trim()) : [];
  if (lines.length === 0) {
    console.log(`${logPath} is empty: no HTTP test ran, nothing to check (skipped).`);
    return 77;
  }
  const contract = new Contract(await loadDocument(documentPath));

  // Problems grouped by what is wrong, each with one example and its count.
  const problems = new Map();
  let checked = 0;
  lines.forEach((line, index) => {
    let answer;
    try {
      answer = JSON.parse(line);
    } catch (error) {
      problems.set(`line ${index + 1} of ${logPath} is not JSON`, { count: 1, example: line.slice(0, 200) });
      return;
    }
    checked += 1;
    const problem = contract.check(answer);
    if (!problem) return;
    const request = `${answer.method || '(not HTTP)'} ${answer.path || ''}${answer.query ? `?${answer.query}` : ''}`;
    const key = problem;
    const entry = problems.get(key) || { count: 0, example: `${request} -> ${answer.status} (test ${answer.test || '?'})` };
    entry.count += 1;
    problems.set(key, entry);
  });

  if (problems.size > 0) {
    console.error(`${problems.size} kind(s) of response break ${documentPath} ` +
                  `(out of ${checked} distinct responses the HTTP suite read):\n`);
    for (const [problem, { count, example }] of problems) {
      console.error(`- ${problem}`);
      console.error(`    e.g. ${example}${count > 1 ? ` (and ${count - 1} more like it)` : ''}`);
    }
    console.error('\nDocument the answer in docs/openapi.yaml, or fix the server if the document is right.');
    return 1;
  }
  console.log(`${checked} distinct responses of the HTTP suite fit ${documentPath}.`);
  return 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
