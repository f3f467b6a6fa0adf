import { appConfigVariables, loadManifests, Manifest, manifestFiles, only, readKustomization, validateAgainstSchema } from './kubernetes-manifests';

/** What main.ts gives in-flight requests after the drain before it exits (SHUTDOWN_GRACE_MS there). */
const SERVER_SHUTDOWN_GRACE_MS = 10_000;

interface Probe {
  httpGet?: { path: string; port: string | number };
  periodSeconds?: number;
  failureThreshold?: number;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: { name: string; emptyDir?: object }[];
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}

const manifests = loadManifests();
const deployment = only(manifests, 'Deployment') as Manifest & { spec: { replicas: number; template: PodTemplate; selector: { matchLabels: Record<string, string> } } };
const job = only(manifests, 'Job') as Manifest & { spec: { backoffLimit?: number; ttlSecondsAfterFinished?: number; template: PodTemplate } };
const configMap = only(manifests, 'ConfigMap') as Manifest & { data: Record<string, string> };
const server = deployment.spec.template.spec.containers[0];
const migrator = job.spec.template.spec.containers[0];
const secrets = manifests.filter((manifest) => manifest.kind === 'Secret') as (Manifest & { stringData?: Record<string, string>; data?: Record<string, string> })[];

describe('deploy/kubernetes manifests', () => {
  it.each(manifests.map((manifest) => [`${manifest.file} ${manifest.kind}/${manifest.metadata?.name}`, manifest] as const))('%s is valid against the Kubernetes schema', async (_name, manifest) => {
    await expect(validateAgainstSchema(manifest)).resolves.toBeUndefined();
  });

  it('refuses a document of a kind the schemas do not know, and a field of the wrong type', async () => {
    await expect(validateAgainstSchema({ file: 'x.yaml', apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } })).rejects.toThrow(/no Kubernetes schema/);
    await expect(validateAgainstSchema({ ...deployment, spec: { ...deployment.spec, replicas: 'three' } })).rejects.toThrow(/replicas/);
  });

  it('lists every manifest in kustomization.yaml except the Secret templates, which must never overwrite real Secrets', () => {
    const { resources, namespace } = readKustomization();
    const applied = manifestFiles().filter((file) => !file.includes('.example.'));
    expect([...resources].sort()).toEqual(applied);
    expect(manifestFiles()).toContain('secrets.example.yaml');
    for (const manifest of manifests.filter((m) => m.kind !== 'Namespace')) expect(manifest.metadata.namespace).toBe(namespace);
  });

  it('probes liveness on /health/live (never the database) and readiness on /health/ready', () => {
    expect(server.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(server.readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(['/health/live', '/health/ready']).toContain(server.startupProbe?.httpGet?.path);
    const portNames = (server.ports ?? []).map((port) => port.name);
    for (const probe of [server.startupProbe, server.livenessProbe, server.readinessProbe]) expect(portNames).toContain(probe?.httpGet?.port);
  });

  it('sets only real settings of the server, in the pods and in the ConfigMap', () => {
    const settings = appConfigVariables();
    expect(settings).toContain('ISSUER'); // the source was read, not an empty set
    const named = [...Object.keys(configMap.data), ...(server.env ?? []).map((env) => env.name), ...(migrator.env ?? []).map((env) => env.name)];
    expect(named.filter((name) => !settings.has(name))).toEqual([]);
  });

  it('reads every Secret key it names from a Secret the templates define, and KEY_ENCRYPTION_SECRET and the bootstrap admin from Secrets', () => {
    const references = [...(server.env ?? []), ...(migrator.env ?? [])].flatMap((env) => (env.valueFrom?.secretKeyRef ? [env.valueFrom.secretKeyRef] : []));
    expect(references.length).toBeGreaterThan(0);
    for (const { name, key } of references) {
      const secret = secrets.find((candidate) => candidate.metadata.name === name);
      expect({ name, key, defined: Object.keys({ ...secret?.data, ...secret?.stringData }).includes(key) }).toEqual({ name, key, defined: true });
    }
    const fromSecrets = (server.env ?? []).filter((env) => env.valueFrom?.secretKeyRef).map((env) => env.name);
    expect(fromSecrets).toEqual(expect.arrayContaining(['DATABASE_URL', 'KEY_ENCRYPTION_SECRET', 'BOOTSTRAP_ADMIN_CLIENT_SECRET', 'BOOTSTRAP_ADMIN_PASSWORD']));
    expect(Object.keys(configMap.data).filter((key) => /SECRET|PASSWORD|DATABASE_URL/.test(key))).toEqual([]);
  });

  it('leaves migrations to a Job that runs the migrate command of the same image, and the pods skip them', () => {
    expect([...(migrator.command ?? []), ...(migrator.args ?? [])]).toEqual(['node', 'dist/apps/auth-server/src/main.js', 'migrate']);
    expect(migrator.image).toBe(server.image);
    expect(job.spec.backoffLimit).toBeGreaterThan(0);
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(server.env?.find((env) => env.name === 'MIGRATIONS')?.value).toBe('skip');
  });

  it("lets the Job go first: README's selector picks the Job, its ConfigMap and its ServiceAccount, and not the Deployment", () => {
    const firstStep = new Set(['config', 'migrations']); // kubectl apply -k ... -l 'app.kubernetes.io/component in (config,migrations)'
    const picked = (manifest: Manifest) => firstStep.has(manifest.metadata.labels?.['app.kubernetes.io/component'] ?? '');
    const jobPod = job.spec.template.spec as PodSpec & { serviceAccountName?: string };
    const needed = [jobPod.serviceAccountName, ...(migrator.envFrom ?? []).map((source) => source.configMapRef?.name)].filter(Boolean);
    expect(needed.length).toBeGreaterThan(1);
    for (const name of needed) expect(manifests.filter((manifest) => manifest.metadata.name === name && picked(manifest) && manifest.kind !== 'Secret').length).toBe(1);
    expect(picked(job)).toBe(true);
    expect(picked(deployment)).toBe(false);
  });

  it('gives a stopping pod time for the drain and the in-flight requests, and turns it unready within the drain', () => {
    const drainMs = Number(configMap.data.SHUTDOWN_DRAIN_MS);
    expect(drainMs).toBeGreaterThan(0);
    expect((deployment.spec.template.spec.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(drainMs + SERVER_SHUTDOWN_GRACE_MS);
    const readiness = server.readinessProbe!;
    expect((readiness.periodSeconds ?? 10) * (readiness.failureThreshold ?? 3) * 1000).toBeLessThanOrEqual(drainMs);
  });

  it('runs three non-root replicas on a read-only root file system with a writable /tmp', () => {
    expect(deployment.spec.replicas).toBe(3);
    for (const pod of [deployment.spec.template.spec, job.spec.template.spec]) {
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      const container = pod.containers[0];
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      expect(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
    }
  });

  it('points the Service, PodDisruptionBudget, autoscaler and Ingress at the server pods', () => {
    const podLabels = deployment.spec.template.metadata.labels;
    const service = only(manifests, 'Service') as Manifest & { spec: { selector: Record<string, string>; ports: { name: string; port: number; targetPort: string }[] } };
    const budget = only(manifests, 'PodDisruptionBudget') as Manifest & { spec: { selector: { matchLabels: Record<string, string> }; minAvailable?: number; maxUnavailable?: number } };
    const autoscaler = only(manifests, 'HorizontalPodAutoscaler') as Manifest & { apiVersion: string; spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; metrics: { resource?: { name: string } }[] } };
    const ingress = only(manifests, 'Ingress') as Manifest & { spec: { tls: { hosts: string[]; secretName: string }[]; rules: { host: string; http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[] } };
    expect(podLabels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(podLabels).toMatchObject(service.spec.selector);
    expect(podLabels).toMatchObject(budget.spec.selector.matchLabels);
    expect(budget.spec.maxUnavailable === 1 || budget.spec.minAvailable === 1).toBe(true);
    expect(server.ports?.map((port) => port.name)).toContain(service.spec.ports[0].targetPort);
    expect(autoscaler.apiVersion).toBe('autoscaling/v2');
    expect(autoscaler.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(autoscaler.spec.metrics.map((metric) => metric.resource?.name)).toContain('cpu');
    const issuerHost = new URL(configMap.data.ISSUER).host;
    expect(configMap.data.ISSUER.startsWith('https://')).toBe(true);
    expect(ingress.spec.tls[0]).toMatchObject({ hosts: [issuerHost], secretName: expect.any(String) });
    expect(ingress.spec.rules[0].host).toBe(issuerHost);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: service.metadata.name, port: { name: service.spec.ports[0].name } });
  });
});
