/**
 * GCP and Azure autoscalers in Terraform (SPEC §9), linted end to end: each module is planned, rendered,
 * linted and placed back in its .tf file, and each finding is asserted on the attribute's exact text with
 * its message; near misses stay silent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, defaultConfig, parseConfig, applyEdits, type Config } from '../../../../../server/src/engine';
import { planSources } from '../../../../../server/src/engine/sources/project';
import { placeRenderedFindings, type PlacedFinding } from '../../../../../server/src/engine/sources/place';
import type { FileReader } from '../../../../../server/src/engine/sources/rendered';
import { hclParser } from './helpers';

function reader(files: Record<string, string>): FileReader {
  return {
    read: (path) => files[path],
    list: (folder) => {
      const prefix = folder === '' ? '' : `${folder}/`;
      const names = Object.keys(files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
      return names.length ? [...new Set(names.map((n) => (n.includes('/') ? `${n.slice(0, n.indexOf('/'))}/` : n)))] : undefined;
    },
  };
}

/** Lints a module as the CLI does; `config` is a .scalelint.yaml text. */
async function lint(files: Record<string, string>, config?: string): Promise<PlacedFinding[]> {
  const plan = planSources(reader(files), Object.keys(files), { hclParser: await hclParser() });
  const loaded: Config = config ? parseConfig(config).config : defaultConfig();
  const linter = new Linter(() => loaded);
  plan.renders.forEach((doc, i) => linter.update(`render-${i}`, doc.text));
  const out: PlacedFinding[] = plan.problems.map((p) => ({ ruleId: 'render', severity: p.severity, message: p.message, file: p.file, start: p.start, end: p.end }));
  // Related locations in another resource of the render are placed as the CLI places them.
  const renders = new Map(plan.renders.map((doc, i) => [`render-${i}`, doc]));
  plan.renders.forEach((doc, i) => out.push(...placeRenderedFindings(doc, linter.lintFile(`render-${i}`), (file) => renders.get(file))));
  return out;
}

const at = (files: Record<string, string>, f: PlacedFinding) => files[f.file]!.slice(f.start, f.end);
const only = (findings: PlacedFinding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

// --- GCP -----------------------------------------------------------------------------------------------

const ZONAL_MIG = `resource "google_compute_instance_group_manager" "web" {
  name               = "web"
  zone               = "us-central1-a"
  base_instance_name = "web"
  version {
    instance_template = google_compute_instance_template.web.id
  }
}
`;

const REGIONAL_MIG = `resource "google_compute_region_instance_group_manager" "web" {
  name                      = "web"
  region                    = "us-central1"
  distribution_policy_zones = ["us-central1-a", "us-central1-b", "us-central1-c"]
  base_instance_name        = "web"
  version {
    instance_template = google_compute_instance_template.web.id
  }
}
`;

const zonalAutoscaler = (min: string, max: string, cpu: string) => `${ZONAL_MIG}
resource "google_compute_autoscaler" "web" {
  name   = "web"
  zone   = "us-central1-a"
  target = google_compute_instance_group_manager.web.id

  autoscaling_policy {
    min_replicas    = ${min}
    max_replicas    = ${max}
    cooldown_period = 90

    cpu_utilization {
      target = ${cpu}
    }
  }
}
`;

test('GCP zonal autoscaler: min-replicas on min_replicas, fixed in the .tf file', async () => {
  const files = { 'gcp/main.tf': zonalAutoscaler('1', '10', '0.7') };
  const [min] = only(await lint(files), 'min-replicas');
  assert.ok(min);
  assert.equal(at(files, min), '1');
  assert.equal(min.message, 'min_replicas is 1; the HA floor is 2.');
  const fixed = applyEdits(files['gcp/main.tf'], min.fixes![0]!.edits);
  assert.match(fixed, /min_replicas {4}= 2\n/);
  assert.equal(only(await lint({ 'gcp/main.tf': fixed }), 'min-replicas').length, 0);
});

test('GCP: cpu_utilization.target is a fraction; the message shows it as written and as a percentage', async () => {
  const files = { 'gcp/main.tf': zonalAutoscaler('2', '10', '0.95') };
  const [u] = only(await lint(files), 'utilization-target');
  assert.ok(u);
  assert.equal(at(files, u), '0.95');
  assert.equal(
    u.message,
    'cpu_utilization.target is 0.95 (95 %), above the accepted CPU range of 50–80%: so high a target leaves no headroom for the load that keeps arriving while a scale-up takes effect (new instances must start and become ready).',
  );
  const low = { 'gcp/main.tf': zonalAutoscaler('2', '10', '0.2') };
  const [l] = only(await lint(low), 'utilization-target');
  assert.equal(at(low, l!), '0.2');
  assert.match(l!.message, /^cpu_utilization\.target is 0\.2 \(20 %\), below the accepted CPU range of 50–80%/);
  // 0.7 is the workflow's 70 %: inside the range.
  assert.equal(only(await lint({ 'gcp/main.tf': zonalAutoscaler('2', '10', '0.7') }), 'utilization-target').length, 0);
});

test('GCP: a zonal autoscaler on a zonal instance group is confined to one zone (multi-az on `zone`, the group related)', async () => {
  const files = { 'gcp/main.tf': zonalAutoscaler('2', '10', '0.7') };
  const findings = await lint(files);
  assert.deepEqual(findings.map((f) => f.ruleId), ['multi-az'], JSON.stringify(findings));
  const [z] = findings;
  assert.equal(at(files, z!), '"us-central1-a"');
  assert.equal(z!.start, files['gcp/main.tf'].lastIndexOf('"us-central1-a"'), 'the autoscaler’s zone, not the group’s');
  assert.equal(
    z!.message,
    'google_compute_autoscaler.web is a zonal autoscaler (zone us-central1-a): every instance of its instance group google_compute_instance_group_manager.web runs in zone us-central1-a, and an outage of that zone takes the whole group down. Use a regional managed instance group, spread over at least 2 zones, with a regional autoscaler.',
  );
  const related = z!.related?.find((r) => r.message.includes('zonal instance group'));
  assert.ok(related, JSON.stringify(z!.related));
  assert.equal(files['gcp/main.tf'].slice(related.start, related.end), '"us-central1-a"');
});

test('GCP: replica-bounds (max below min: error; equal: warning) and max-replicas-ceiling with its fix', async () => {
  const inverted = { 'gcp/main.tf': zonalAutoscaler('5', '3', '0.7') };
  const [b] = only(await lint(inverted), 'replica-bounds');
  assert.ok(b);
  assert.equal(b.severity, 'error');
  assert.equal(at(inverted, b), '3');
  assert.equal(b.message, 'max_replicas 3 is below min_replicas 5: the Compute Engine API rejects an autoscaler whose maximum is under its minimum.');

  const fixedSize = { 'gcp/main.tf': zonalAutoscaler('4', '4', '0.7') };
  const [e] = only(await lint(fixedSize), 'replica-bounds');
  assert.equal(e!.severity, 'warning');
  assert.equal(e!.message, 'min_replicas 4 equals max_replicas 4: the replica count can never change, so nothing scales. Raise max_replicas above min_replicas.');

  const big = { 'gcp/main.tf': zonalAutoscaler('2', '50', '0.7') };
  const [c] = only(await lint(big, 'maxReplicasCeiling: 20\n'), 'max-replicas-ceiling');
  assert.ok(c);
  assert.equal(at(big, c), '50');
  assert.equal(c.message, 'max_replicas is 50; the cost ceiling is 20.');
  assert.match(applyEdits(big['gcp/main.tf'], c.fixes![0]!.edits), /max_replicas {4}= 20\n/);
});

test('GCP near miss: a regional autoscaler on a regional group, min 2, CPU 0.7, gets no finding', async () => {
  const files = {
    'gcp/main.tf': `${REGIONAL_MIG}
resource "google_compute_region_autoscaler" "web" {
  name   = "web"
  region = "us-central1"
  target = google_compute_region_instance_group_manager.web.id

  autoscaling_policy {
    min_replicas    = 2
    max_replicas    = 20
    cooldown_period = 90

    cpu_utilization {
      target = 0.7
    }
  }
}
`,
  };
  assert.deepEqual(await lint(files), []);
});

test('GCP: an autoscaler without zone whose target is a zonal group is confined to that zone; a variable min reads its default', async () => {
  const files = {
    'gcp/main.tf': `${ZONAL_MIG}
variable "min" {
  default = 1
}

resource "google_compute_autoscaler" "web" {
  name   = "web"
  target = google_compute_instance_group_manager.web.id

  autoscaling_policy {
    min_replicas = var.min
    max_replicas = 10
  }
}
`,
  };
  const findings = await lint(files);
  const z = only(findings, 'multi-az')[0];
  assert.ok(z, JSON.stringify(findings));
  assert.equal(at(files, z), 'google_compute_instance_group_manager.web.id');
  assert.match(z.message, /^google_compute_autoscaler\.web scales a zonal instance group \(zone us-central1-a\)/);
  const min = only(findings, 'min-replicas')[0];
  assert.equal(at(files, min!), 'var.min');
  assert.match(applyEdits(files['gcp/main.tf'], min!.fixes![0]!.edits), /default = 2\n/);
});

// --- Azure ---------------------------------------------------------------------------------------------

interface RuleText {
  direction: 'Increase' | 'Decrease';
  operator: string;
  threshold: number;
  window: string;
  cooldown: string;
}

const rule = (r: RuleText) => `    rule {
      metric_trigger {
        metric_name        = "Percentage CPU"
        metric_resource_id = azurerm_linux_virtual_machine_scale_set.web.id
        time_grain         = "PT1M"
        statistic          = "Average"
        time_window        = "${r.window}"
        time_aggregation   = "Average"
        operator           = "${r.operator}"
        threshold          = ${r.threshold}
      }
      scale_action {
        direction = "${r.direction}"
        type      = "ChangeCount"
        value     = "1"
        cooldown  = "${r.cooldown}"
      }
    }
`;

const UP: RuleText = { direction: 'Increase', operator: 'GreaterThan', threshold: 70, window: 'PT1M', cooldown: 'PT1M' };
const DOWN: RuleText = { direction: 'Decrease', operator: 'LessThan', threshold: 30, window: 'PT10M', cooldown: 'PT5M' };

const azure = (o: { capacity?: [number, number, number]; up?: Partial<RuleText>; down?: Partial<RuleText>; weekend?: [number, number, number] } = {}) => {
  const [def, min, max] = o.capacity ?? [2, 2, 10];
  const weekend = o.weekend
    ? `
  profile {
    name = "weekend"
    capacity {
      default = ${o.weekend[0]}
      minimum = ${o.weekend[1]}
      maximum = ${o.weekend[2]}
    }
    recurrence {
      timezone = "W. Europe Standard Time"
      days     = ["Saturday", "Sunday"]
      hours    = [0]
      minutes  = [0]
    }
  }
`
    : '';
  return `resource "azurerm_monitor_autoscale_setting" "web" {
  name                = "web-autoscale"
  resource_group_name = azurerm_resource_group.main.name
  location            = azurerm_resource_group.main.location
  target_resource_id  = azurerm_linux_virtual_machine_scale_set.web.id

  profile {
    name = "default"
    capacity {
      default = ${def}
      minimum = ${min}
      maximum = ${max}
    }
${rule({ ...UP, ...o.up })}${rule({ ...DOWN, ...o.down })}  }
${weekend}}
`;
};

test('Azure near miss: minimum 2 ≤ default ≤ maximum, a 1-minute Increase window, thresholds 40 points apart, Decrease waiting longer, a weekend profile at the floor', async () => {
  assert.deepEqual(await lint({ 'az/main.tf': azure({ weekend: [2, 2, 4] }) }), []);
});

test('Azure: min-replicas on capacity.minimum, fixed in the .tf file', async () => {
  const files = { 'az/main.tf': azure({ capacity: [2, 1, 10] }) };
  const findings = await lint(files);
  assert.deepEqual(findings.map((f) => f.ruleId), ['min-replicas']);
  const [min] = findings;
  assert.equal(at(files, min!), '1');
  assert.equal(min!.message, 'capacity.minimum is 1; the HA floor is 2.');
  const fixed = applyEdits(files['az/main.tf'], min!.fixes![0]!.edits);
  assert.match(fixed, /minimum = 2\n/);
  assert.deepEqual(await lint({ 'az/main.tf': fixed }), []);
});

test('Azure: replica-bounds (default outside [minimum, maximum], maximum below minimum: errors; equal: warning)', async () => {
  const above = { 'az/main.tf': azure({ capacity: [12, 2, 10] }) };
  const [d] = only(await lint(above), 'replica-bounds');
  assert.ok(d);
  assert.equal(d.severity, 'error');
  assert.equal(at(above, d), '12');
  assert.equal(d.message, 'capacity.default 12 is above capacity.maximum 10: it must lie within [capacity.minimum, capacity.maximum], or the create or update fails.');

  const inverted = { 'az/main.tf': azure({ capacity: [3, 3, 2] }) };
  const [i] = only(await lint(inverted), 'replica-bounds');
  assert.equal(at(inverted, i!), '2');
  assert.equal(i!.message, 'capacity.maximum 2 is below capacity.minimum 3: Azure Monitor fails to create or update the autoscale setting.');

  const fixed = { 'az/main.tf': azure({ capacity: [3, 3, 3] }) };
  const [e] = only(await lint(fixed), 'replica-bounds');
  assert.equal(e!.severity, 'warning');
  assert.equal(e!.message, 'capacity.minimum 3 equals capacity.maximum 3: the autoscale setting can never scale in or out. Raise capacity.maximum above capacity.minimum.');

  const [c] = only(await lint({ 'az/main.tf': azure({ capacity: [2, 2, 40] }) }, 'maxReplicasCeiling: 20\n'), 'max-replicas-ceiling');
  assert.equal(c?.message, 'capacity.maximum is 40; the cost ceiling is 20.');
});

test('Azure: cooldown-order when Decrease waits no longer than Increase (ISO 8601), fixed to an ISO 8601 duration', async () => {
  const files = { 'az/main.tf': azure({ up: { cooldown: 'PT5M' }, down: { cooldown: 'PT1M' } }) };
  const findings = await lint(files);
  assert.deepEqual(findings.map((f) => f.ruleId), ['cooldown-order']);
  const [c] = findings;
  assert.equal(at(files, c!), '"PT1M"');
  assert.equal(c!.start, files['az/main.tf'].indexOf('"PT1M"', files['az/main.tf'].indexOf('"Decrease"')), 'the Decrease rule’s cooldown');
  assert.equal(
    c!.message,
    'Scale-in policy rule 2 of profile default waits 60 s (its scale_action.cooldown PT1M) after it acts, not longer than scale-out policy rule 1 of profile default (300 s, its scale_action.cooldown PT5M): the group removes instances as readily as it adds them, and flaps. Give scale-in the longer cooldown (360 s: PT6M).',
  );
  const fixed = applyEdits(files['az/main.tf'], c!.fixes![0]!.edits);
  assert.match(fixed, /cooldown {2}= "PT6M"\n/);
  assert.deepEqual(await lint({ 'az/main.tf': fixed }), []);
  // Equal cooldowns flap too; a longer Decrease cooldown does not.
  assert.equal(only(await lint({ 'az/main.tf': azure({ up: { cooldown: 'PT5M' }, down: { cooldown: 'PT5M' } }) }), 'cooldown-order').length, 1);
  assert.equal(only(await lint({ 'az/main.tf': azure({ up: { cooldown: 'PT5M' }, down: { cooldown: 'PT10M' } }) }), 'cooldown-order').length, 0);
});

test('Azure: alarm-hysteresis between the Increase and Decrease thresholds of one metric', async () => {
  const files = { 'az/main.tf': azure({ down: { threshold: 60 } }) };
  const findings = await lint(files);
  assert.deepEqual(findings.map((f) => f.ruleId), ['alarm-hysteresis']);
  const [h] = findings;
  assert.equal(at(files, h!), '70');
  assert.equal(
    h!.message,
    'Scale-out rule 1 of profile default fires at Percentage CPU > 70 and scale-in rule 2 of profile default at Percentage CPU < 60: only 10 points apart, below the minimum hysteresis of 20, so azurerm_monitor_autoscale_setting.web can flap between scaling out and in. Scale in below 50 or scale out above 80.',
  );
  assert.ok(h!.related?.some((r) => files['az/main.tf'].slice(r.start, r.end) === '60'), JSON.stringify(h!.related));
  // Exactly the minimum hysteresis (70 against 50) is enough.
  assert.equal(only(await lint({ 'az/main.tf': azure({ down: { threshold: 50 } }) }), 'alarm-hysteresis').length, 0);
});

test("Azure: scale-up-speed on the Increase rule's time_window (the workflow's 'CPU > 70 % for 5 minutes'); PT1M and the Decrease window are fine", async () => {
  const files = { 'az/main.tf': azure({ up: { window: 'PT5M' } }) };
  const findings = await lint(files);
  assert.deepEqual(findings.map((f) => f.ruleId), ['scale-up-speed']);
  const [s] = findings;
  assert.equal(at(files, s!), '"PT5M"');
  assert.equal(
    s!.message,
    'Rule 1 of profile default scales out when Percentage CPU > 70 over time_window PT5M (300 s): a spike must last 5 min before the first instance is asked for; the workflow asks for under 2 min (scaleUpWithinSeconds 120).',
  );
  assert.equal(only(await lint({ 'az/main.tf': azure({ up: { window: 'PT2M' } }) }), 'scale-up-speed').length, 0, '120 s is within the limit');
});

test('Azure: scheduled-scaling on a recurring profile below the floor, or with its default outside its bounds', async () => {
  const low = { 'az/main.tf': azure({ weekend: [1, 1, 3] }) };
  const findings = await lint(low);
  assert.deepEqual(findings.map((f) => f.ruleId), ['scheduled-scaling']);
  const [s] = findings;
  assert.equal(at(low, s!), '1');
  assert.equal(s!.start, low['az/main.tf'].indexOf('minimum = 1', low['az/main.tf'].indexOf('"weekend"')) + 'minimum = '.length, 'the weekend profile’s minimum');
  assert.equal(s!.message, 'Profile weekend sets capacity.minimum 1; the HA floor is 2: whenever it runs, the group may shrink to a single instance for as long as the profile applies.');

  const outside = { 'az/main.tf': azure({ weekend: [6, 2, 4] }) };
  const [o] = only(await lint(outside), 'scheduled-scaling');
  assert.equal(o!.severity, 'error');
  assert.equal(at(outside, o!), '6');
  assert.equal(o!.message, 'capacity.default 6 is above capacity.maximum 4: Azure Monitor rejects the autoscale setting, and the deployment fails.');
});
