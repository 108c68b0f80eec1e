// The fleet of Portico's examples/.../FleetStack.java in cdk8s-plus, for bench/run compare:
// N apps app-0001, app-0002, ..., each a ClusterIP Service (port 80 to the pods' http port,
// selector app.kubernetes.io/name) and an Ingress (class nginx, host app-NNNN.example.com,
// path / Prefix, TLS from Secret app-NNNN-tls), in namespace fleet, in one chart.
//
//   node fleet.js APPS OUTDIR single   one file for the chart (Portico's --single-file)
//   node fleet.js APPS OUTDIR folder   a folder for the chart, one file per resource
//                                      (Portico's default layout)
//
// Idiomatic cdk8s-plus, no escape hatches: what a cdk8s-plus user writes. bench/README.md lists
// where its objects differ from Portico's.
'use strict';
const { App, Chart, YamlOutputType } = require('cdk8s');
const kplus = require('cdk8s-plus-34');

const [apps, outdir, layout] = process.argv.slice(2);
const count = Number(apps);
if (!Number.isInteger(count) || count < 0 || !outdir || !['single', 'folder'].includes(layout)) {
  console.error('usage: node fleet.js APPS OUTDIR single|folder');
  process.exit(2);
}

const app = new App({
  outdir,
  yamlOutputType: layout === 'single'
    ? YamlOutputType.FILE_PER_CHART
    : YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
});
const chart = new Chart(app, 'fleet', { namespace: 'fleet', disableResourceNameHashes: true });

for (let i = 1; i <= count; i++) {
  const name = `app-${String(i).padStart(4, '0')}`;
  const host = `${name}.example.com`;
  const service = new kplus.Service(chart, `${name}-service`, {
    metadata: { name },
    type: kplus.ServiceType.CLUSTER_IP,
    // cdk8s-plus takes a target port number only, not the name of the pods' port
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: kplus.Protocol.TCP }],
  });
  service.selectLabel('app.kubernetes.io/name', name);
  new kplus.Ingress(chart, `${name}-ingress`, {
    metadata: { name },
    className: 'nginx',
    rules: [{
      host,
      path: '/',
      pathType: kplus.HttpIngressPathType.PREFIX,
      backend: kplus.IngressBackend.fromService(service, { port: 80 }),
    }],
    tls: [{ hosts: [host], secret: kplus.Secret.fromSecretName(chart, `${name}-tls`, `${name}-tls`) }],
  });
}

app.synth();
