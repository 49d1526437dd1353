/**
 * A seeded generator of realistic multi-document manifests, the kind `helm template` or
 * `kustomize build` writes: per application a Deployment, usually a Service, an HPA and a PDB,
 * sometimes a ConfigMap, with faults sprinkled in (about one application in four has one).
 * Same seed and size, same text: benchmark runs compare like with like.
 */

/** mulberry32: a small, fast, seedable PRNG (public-domain algorithm). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A place where the benchmark types one character and deletes it again. */
export interface EditSite {
  /** Offset where the character goes (inserted before the character now there). */
  offset: number;
  /** The character typed. */
  char: string;
  what: 'workload name' | 'maxReplicas' | 'image tag' | 'cpu request';
}

export interface Manifest {
  text: string;
  documents: number;
  /** Documents that carry a deliberate fault, by fault name. */
  faults: Record<string, number>;
  sites: EditSite[];
}

const FAULTS = [
  'minReplicas 1',
  'scaleTargetRef typo',
  'targetPort mismatch',
  'no readinessProbe',
  'no cpu request',
  'fast scale-down',
  'utilization 95%',
  'schema typo',
  'replicas with HPA',
  'autoscaling/v2beta2',
  'PDB selects nothing',
  'probe timeout ≥ period',
] as const;
type Fault = (typeof FAULTS)[number];

const HEAVY = new Set<Fault>(['minReplicas 1', 'targetPort mismatch', 'no readinessProbe', 'no cpu request', 'fast scale-down', 'utilization 95%', 'PDB selects nothing']);

const TEAMS = ['payments', 'search', 'catalog', 'checkout', 'identity', 'media', 'ledger', 'notify'];
const IMAGES = ['nginx', 'envoyproxy/envoy', 'ghcr.io/acme/api', 'ghcr.io/acme/worker', 'redis', 'ghcr.io/acme/web'];

export interface GenerateOptions {
  /**
   * A repository never linted before: every application carries several faults at once (no probes, no cpu
   * request, minReplicas 1, a fast scale-down, a 95 % target, a stale targetPort, a PDB selecting nothing),
   * so nearly every document has findings and a 5,000-document file has more than 5,000 diagnostics.
   */
  heavy?: boolean;
}

/** `prefix` goes in front of every name, so that several manifests can share a lint set without sharing names. */
export function generateManifest(documents: number, seed = 42, prefix = '', options: GenerateOptions = {}): Manifest {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const parts: string[] = [];
  const sites: EditSite[] = [];
  const faults: Record<string, number> = {};
  let offset = 0;
  const push = (doc: string, at?: (docStart: number) => void) => {
    if (parts.length >= documents) return;
    const sep = parts.length ? '---\n' : '';
    const start = offset + sep.length;
    parts.push(sep + doc);
    at?.(start);
    offset += sep.length + doc.length;
  };

  for (let app = 0; parts.length < documents; app++) {
    const team = TEAMS[app % TEAMS.length];
    const name = `${prefix}${team}-svc-${app}`;
    const fault: Fault | undefined = rand() < 0.25 ? pick(FAULTS) : undefined;
    if (fault) faults[fault] = (faults[fault] ?? 0) + 1;
    // Heavy: these faults hold for every application, besides the drawn one.
    const has = (f: Fault) => fault === f || (options.heavy === true && HEAVY.has(f));
    const hasHpa = rand() < 0.7 || has('minReplicas 1') || fault === 'scaleTargetRef typo' || has('fast scale-down') || has('utilization 95%') || fault === 'replicas with HPA' || fault === 'autoscaling/v2beta2' || has('no cpu request');
    const hasService = rand() < 0.85 || has('targetPort mismatch');
    const hasPdb = rand() < 0.6 || has('PDB selects nothing');
    const liveness = options.heavy ? '' : `          livenessProbe:\n            httpGet: {path: /healthz, port: http}\n            periodSeconds: 10\n            timeoutSeconds: 2\n`;
    const port = 8000 + (app % 5) * 10;
    const envCount = 3 + Math.floor(rand() * 6);
    const env = Array.from({ length: envCount }, (_, i) => `            - name: ${['LOG_LEVEL', 'PORT', 'REGION', 'FEATURE_FLAGS', 'DB_POOL', 'CACHE_TTL', 'OTEL_ENDPOINT', 'TIMEOUT_MS'][i]}\n              value: "${['info', String(port), 'eu-west-1', 'beta,fast-path', '20', '300', 'http://otel:4317', '2500'][i]}"\n`).join('');
    const image = `${pick(IMAGES)}:1.${app % 30}.${Math.floor(rand() * 10)}`;
    const readiness = has('no readinessProbe') ? '' : `          readinessProbe:\n            httpGet: {path: /ready, port: http}\n            periodSeconds: 10\n            timeoutSeconds: ${fault === 'probe timeout ≥ period' ? 10 : 2}\n`;
    const requests = has('no cpu request') ? `            requests:\n              memory: 256Mi\n` : `            requests:\n              cpu: 250m\n              memory: 256Mi\n`;
    const replicas = hasHpa ? (fault === 'replicas with HPA' ? '  replicas: 3\n' : '') : '  replicas: 2\n';
    const pullPolicy = fault === 'schema typo' ? 'imagePullPolice: IfNotPresent' : 'imagePullPolicy: IfNotPresent';
    const deployment =
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${team}\n  labels:\n    app.kubernetes.io/name: ${name}\n    app.kubernetes.io/part-of: ${team}\n  annotations:\n    deployment.kubernetes.io/revision: "${1 + (app % 9)}"\n` +
      `spec:\n${replicas}  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${name}\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ${name}\n        app.kubernetes.io/part-of: ${team}\n    spec:\n      terminationGracePeriodSeconds: 30\n      containers:\n        - name: app\n          image: ${image}\n          ${pullPolicy}\n          ports:\n            - name: http\n              containerPort: ${port}\n          env:\n${env}` +
      `          resources:\n${requests}            limits:\n              memory: 512Mi\n${readiness}${liveness}`;
    push(deployment, (start) => {
      const nameAt = start + deployment.indexOf(`name: ${name}`) + `name: ${name}`.length;
      sites.push({ offset: nameAt, char: 'x', what: 'workload name' });
      const tagAt = start + deployment.indexOf(image) + image.length;
      sites.push({ offset: tagAt, char: '1', what: 'image tag' });
      const cpu = deployment.indexOf('cpu: 250m');
      if (cpu >= 0) sites.push({ offset: start + cpu + 'cpu: 25'.length, char: '5', what: 'cpu request' });
    });
    if (hasService) {
      const targetPort = has('targetPort mismatch') ? String(port + 1) : 'http';
      push(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${team}\n  labels:\n    app.kubernetes.io/name: ${name}\nspec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: ${name}\n  ports:\n    - name: http\n      port: 80\n      targetPort: ${targetPort}\n      protocol: TCP\n`,
      );
    }
    if (hasHpa) {
      const apiVersion = fault === 'autoscaling/v2beta2' ? 'autoscaling/v2beta2' : 'autoscaling/v2';
      const target = fault === 'scaleTargetRef typo' ? `${name.slice(0, -1)}${name.endsWith('1') ? '2' : '1'}x` : name;
      const min = has('minReplicas 1') ? 1 : 2 + (app % 3);
      const utilization = has('utilization 95%') ? 95 : 70;
      const down = has('fast scale-down') ? 60 : 300;
      const hpa =
        `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\n  namespace: ${team}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${target}\n  minReplicas: ${min}\n  maxReplicas: 20\n` +
        `  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: ${utilization}\n` +
        `  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 0\n      policies:\n        - type: Percent\n          value: 100\n          periodSeconds: 15\n    scaleDown:\n      stabilizationWindowSeconds: ${down}\n`;
      push(hpa, (start) => sites.push({ offset: start + hpa.indexOf('maxReplicas: 20') + 'maxReplicas: 2'.length, char: '5', what: 'maxReplicas' }));
    }
    if (hasPdb) {
      const selected = has('PDB selects nothing') ? `${name}-old` : name;
      push(`apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\n  namespace: ${team}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${selected}\n`);
    }
    if (rand() < 0.2) {
      push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\n  namespace: ${team}\ndata:\n  LOG_FORMAT: json\n  SAMPLING: "0.1"\n`);
    }
  }
  const text = parts.join('');
  return { text, documents: parts.length, faults, sites: sites.filter((s) => s.offset <= text.length) };
}

/**
 * The edit script: `count` single-character edits, alternately typing a character at a site and
 * deleting it again, so the text returns to the original after every pair. Sites are drawn by the seed.
 */
export function editScript(m: Manifest, count: number, seed = 7): { offset: number; insert?: string; delete?: boolean; what: string }[] {
  const rand = prng(seed);
  const out: { offset: number; insert?: string; delete?: boolean; what: string }[] = [];
  for (let i = 0; i < count; i += 2) {
    const site = m.sites[Math.floor(rand() * m.sites.length)];
    out.push({ offset: site.offset, insert: site.char, what: site.what });
    if (i + 1 < count) out.push({ offset: site.offset, delete: true, what: site.what });
  }
  return out;
}
