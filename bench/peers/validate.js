// A schema-only check of Kubernetes YAML with the kubernetes-models package's ajv validators,
// the Node peer of `portico validate` in bench/run compare:
//
//   node validate.js PATH...   every *.yaml / *.yml file under each PATH (a file or a folder)
//
// Reads every file, parses it with js-yaml (every document of it), finds the model class of each
// object's apiVersion and kind (kubernetes-models/<apiVersion>/<kind>, loaded once per kind) and
// runs its validate(): the JSON schema of the Kubernetes OpenAPI definitions, compiled by ajv
// ahead of time. Prints the number of objects and of errors; exits 1 when there are errors.
'use strict';
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: node validate.js PATH...');
  process.exit(2);
}

const models = new Map();

// The model class of apiVersion/kind, or null when kubernetes-models has none.
function model(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!models.has(key)) {
    let found = null;
    if (typeof apiVersion === 'string' && typeof kind === 'string' && /^[A-Za-z0-9.\/-]+$/.test(key)) {
      try {
        found = require(`kubernetes-models/${key}`)[kind] || null;
      } catch (e) {
        if (e.code !== 'MODULE_NOT_FOUND' && e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
          throw e;
        }
      }
    }
    models.set(key, found);
  }
  return models.get(key);
}

// Every *.yaml / *.yml file under a folder, in name order.
function walk(dir, into) {
  const children = fs.readdirSync(dir, { withFileTypes: true });
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of children) {
    if (child.isDirectory()) {
      walk(path.join(dir, child.name), into);
    } else if (child.isFile() && /\.ya?ml$/.test(child.name)) {
      into.push(path.join(dir, child.name));
    }
  }
  return into;
}

function files(entry) {
  if (!fs.existsSync(entry)) {
    console.error(`validate.js: ${entry}: no such file or folder`);
    process.exit(2);
  }
  return fs.statSync(entry).isDirectory() ? walk(entry, []) : [entry];
}

let objects = 0;
let errors = 0;
function report(file, message, count = 1) {
  if (errors < 20) {
    console.error(`${file}: ${message}`);
  }
  errors += count;
}

for (const file of paths.flatMap(files)) {
  let documents;
  try {
    documents = yaml.loadAll(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    report(file, `not YAML: ${e.message.split('\n')[0]}`);
    continue;
  }
  for (const object of documents) {
    if (object == null) {
      continue;
    }
    objects++;
    const Model = model(object.apiVersion, object.kind);
    if (Model === null) {
      report(file, `no schema for apiVersion ${object.apiVersion}, kind ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      if (!Array.isArray(e.errors)) {
        throw e;
      }
      report(file, e.message, e.errors.length);  // one ajv error a failed keyword
    }
  }
}
console.log(`${objects} objects, ${errors} errors`);
process.exit(errors === 0 ? 0 : 1);
