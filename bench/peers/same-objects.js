// Checks that the cdk8s-plus peer synthesizes the same objects as Portico's fleet, apart from the
// differences that bench/README.md lists (and nothing else), so that bench/run compare measures
// the same workload on both sides:
//
//   node same-objects.js PORTICO_OUT PEER_OUT
//
// Reads every Kubernetes object under both folders (any layout), drops the files that only Portico
// writes (kustomization.yaml: Kustomization; .portico-files is not YAML), applies the listed
// differences to the peer's objects, and compares the two sets object by object (apiVersion, kind,
// namespace and name as the key; key order and YAML formatting ignored). Exits 1 on a difference.
'use strict';
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
const assert = require('assert');

const [porticoOut, peerOut] = process.argv.slice(2);
if (!porticoOut || !peerOut) {
  console.error('usage: node same-objects.js PORTICO_OUT PEER_OUT');
  process.exit(2);
}

function objects(dir) {
  const found = new Map();
  const walk = (entry) => {
    for (const name of fs.readdirSync(entry)) {
      const child = path.join(entry, name);
      if (fs.statSync(child).isDirectory()) {
        walk(child);
      } else if (/\.ya?ml$/.test(name)) {
        for (const object of yaml.loadAll(fs.readFileSync(child, 'utf8'))) {
          if (object == null || object.kind === 'Kustomization') {
            continue;
          }
          const key = `${object.apiVersion} ${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
          if (found.has(key)) {
            throw new Error(`${dir}: ${key} twice`);
          }
          found.set(key, object);
        }
      }
    }
  };
  walk(dir);
  return found;
}

// The documented differences (bench/README.md), undone on one of the peer's objects.
function withoutKnownDifferences(object) {
  if (object.kind === 'Service') {
    const spec = object.spec;
    // cdk8s-plus writes the default type and an empty externalIPs list
    if (spec.type === 'ClusterIP') {
      delete spec.type;
    }
    if (Array.isArray(spec.externalIPs) && spec.externalIPs.length === 0) {
      delete spec.externalIPs;
    }
    // cdk8s-plus takes a target port number, Portico names the pods' port (http is 8080)
    for (const port of spec.ports || []) {
      if (port.targetPort === 8080) {
        port.targetPort = 'http';
      }
    }
  }
  return object;
}

const portico = objects(porticoOut);
const peer = objects(peerOut);
let differences = 0;
function difference(message) {
  if (differences < 10) {
    console.error(message);
  }
  differences++;
}
for (const [key, object] of portico) {
  if (!peer.has(key)) {
    difference(`only in ${porticoOut}: ${key}`);
    continue;
  }
  try {
    assert.deepStrictEqual(withoutKnownDifferences(peer.get(key)), object);
  } catch (e) {
    difference(`${key} differs:\n${e.message}`);
  }
}
for (const key of peer.keys()) {
  if (!portico.has(key)) {
    difference(`only in ${peerOut}: ${key}`);
  }
}
if (differences > 0 || portico.size === 0) {
  console.error(`${differences} objects differ beyond bench/README.md's list (${portico.size} from Portico, ${peer.size} from the peer)`);
  process.exit(1);
}
console.log(`${portico.size} objects, the same on both sides apart from bench/README.md's list`);
