#!/usr/bin/env node
// Lint a batch of Cypher statements with Neo4j's own parser (@neo4j-cypher/language-support).
//
// stdin:  {"schema": {labels, relationshipTypes, propertyKeys, graphSchema?}, "statements": [{"id", "text"}]}
// stdout: {"tool": "...", "version": "...", "results": [{"id", "diagnostics": [{severity, message, line, column}]}]}
// "Parameter $x is not defined" diagnostics are dropped (isNotParamError): kg always sends values as parameters.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(
  readFileSync(join(here, 'node_modules/@neo4j-cypher/language-support/package.json'), 'utf8'),
);
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

const request = JSON.parse(readFileSync(0, 'utf8'));
const schema = request.schema ?? {};
const results = (request.statements ?? []).map(({ id, text }) => {
  const { diagnostics } = lintCypherQuery(text, schema, { consoleCommandsEnabled: true });
  return {
    id,
    diagnostics: diagnostics.filter(isNotParamError).map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    })),
  };
});
process.stdout.write(JSON.stringify({ tool: '@neo4j-cypher/language-support', version, node: process.version, results }) + '\n');
