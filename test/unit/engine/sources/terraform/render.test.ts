import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, defaultConfig, applyEdits } from '../../../../../server/src/engine';
import { planSources } from '../../../../../server/src/engine/sources/project';
import { placeRenderedFindings, type PlacedFinding } from '../../../../../server/src/engine/sources/place';
import type { FileReader } from '../../../../../server/src/engine/sources/rendered';
import { hclParser } from './helpers';

/** Files in memory, as the Node wing's reader gives them. */
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

/** Lints a Terraform module the way the CLI does: planned, rendered, linted, placed back in the .tf files. */
async function lint(files: Record<string, string>): Promise<PlacedFinding[]> {
  const plan = planSources(reader(files), Object.keys(files), { hclParser: await hclParser() });
  const linter = new Linter(() => defaultConfig());
  plan.renders.forEach((doc, i) => linter.update(`render-${i}`, doc.text));
  const out: PlacedFinding[] = plan.problems.map((p) => ({ ruleId: 'render', severity: p.severity, message: p.message, file: p.file, start: p.start, end: p.end }));
  plan.renders.forEach((doc, i) => out.push(...placeRenderedFindings(doc, linter.lintFile(`render-${i}`))));
  return out;
}

const at = (files: Record<string, string>, f: PlacedFinding) => files[f.file]!.slice(f.start, f.end);

const GROUP = (min: string, extra = '') => `resource "aws_autoscaling_group" "web" {
  name                = "web"
  min_size            = ${min}
  max_size            = 6
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
${extra}}
`;

test('a Terraform group with min_size = 1: min-replicas on the literal, named as written, fixed in the .tf file', async () => {
  const files = { 'infra/main.tf': GROUP('1') };
  const findings = await lint(files);
  const min = findings.find((f) => f.ruleId === 'min-replicas');
  assert.ok(min, JSON.stringify(findings));
  assert.equal(min.file, 'infra/main.tf');
  assert.equal(at(files, min), '1');
  assert.equal(min.message, 'min_size is 1; the HA floor is 2.');
  const fix = min.fixes?.[0];
  assert.ok(fix);
  const fixed = applyEdits(files['infra/main.tf'], fix.edits);
  assert.match(fixed, /min_size {12}= 2\n/);
  // The fixed module lints clean of min-replicas, and nothing else moved.
  const again = await lint({ 'infra/main.tf': fixed });
  assert.equal(again.filter((f) => f.ruleId === 'min-replicas').length, 0);
});

test('through a variable: the finding sits on `var.x`, the fix edits the default when it is in the same file', async () => {
  const files = { 'm/main.tf': `variable "min" {\n  default = 1\n}\n${GROUP('var.min')}` };
  const [min] = (await lint(files)).filter((f) => f.ruleId === 'min-replicas');
  assert.ok(min);
  assert.equal(at(files, min), 'var.min');
  const fixed = applyEdits(files['m/main.tf'], min.fixes![0]!.edits);
  assert.match(fixed, /default = 2\n/);
  assert.match(fixed, /min_size {12}= var\.min\n/);
});

test('through a variable declared in another file: the finding on the use, no fix that would edit the wrong file', async () => {
  const files = { 'm/main.tf': GROUP('var.min'), 'm/variables.tf': 'variable "min" {\n  default = 1\n}\n' };
  const [min] = (await lint(files)).filter((f) => f.ruleId === 'min-replicas');
  assert.ok(min);
  assert.equal(min.file, 'm/main.tf');
  assert.equal(at(files, min), 'var.min');
  assert.equal(min.fixes, undefined);
  // Where the value is written, as related information.
  assert.deepEqual(min.related?.map((r) => [r.file, r.file && files[r.file as keyof typeof files]?.slice(r.start, r.end), r.message]), [['m/variables.tf', '1', 'the value is written here (m/variables.tf)']]);
});

test('an expression that cannot be evaluated is unknown: no finding about it, and no finding about the stand-in', async () => {
  const files = { 'm/main.tf': `variable "min" {}\n${GROUP('var.min', '  health_check_type = local.kind\n')}` };
  const findings = await lint(files);
  assert.deepEqual(findings.map((f) => f.ruleId), [], JSON.stringify(findings));
});

test('policies, alarms and attachments are linked as in CloudFormation; messages use the Terraform words', async () => {
  const files = {
    'app/main.tf': `${GROUP('2')}
resource "aws_lb_target_group" "web" {
  port     = 80
  protocol = "HTTP"
}

resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = aws_lb_target_group.web.arn
}

resource "aws_autoscaling_policy" "up" {
  autoscaling_group_name = aws_autoscaling_group.web.name
  adjustment_type        = "ChangeInCapacity"
  scaling_adjustment     = 1
  cooldown               = 300
}

resource "aws_autoscaling_policy" "down" {
  autoscaling_group_name = aws_autoscaling_group.web.name
  adjustment_type        = "ChangeInCapacity"
  scaling_adjustment     = -1
  cooldown               = 60
}
`,
  };
  const findings = await lint(files);
  const ids = findings.map((f) => f.ruleId).sort();
  assert.ok(ids.includes('asg-health-check'), ids.join());
  assert.ok(ids.includes('cooldown-order'), ids.join());
  const cooldown = findings.find((f) => f.ruleId === 'cooldown-order')!;
  assert.equal(at(files, cooldown), '60');
  assert.match(cooldown.message, /aws_autoscaling_policy\.down/);
  for (const f of findings) {
    assert.doesNotMatch(f.message, /AWS::|Properties|HealthCheckType|MinSize|Cooldown\b/, f.message);
  }
});

test('a counted group named through one(x[*].name) is linked (real2: cloudposse ec2-autoscale-group): its policies\' cooldowns are compared', async () => {
  const policies = (name: (p: string) => string) => `
resource "aws_autoscaling_group" "web" {
  count               = var.enabled ? 1 : 0
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
}

resource "aws_autoscaling_policy" "up" {
  count                  = var.enabled ? 1 : 0
  autoscaling_group_name = ${name('web')}
  adjustment_type        = "ChangeInCapacity"
  policy_type            = "SimpleScaling"
  scaling_adjustment     = 1
  cooldown               = var.up_cooldown
}

resource "aws_autoscaling_policy" "down" {
  count                  = var.enabled ? 1 : 0
  autoscaling_group_name = ${name('web')}
  adjustment_type        = "ChangeInCapacity"
  policy_type            = "SimpleScaling"
  scaling_adjustment     = -1
  cooldown               = var.down_cooldown
}

variable "enabled" {
  default = true
}

variable "up_cooldown" {
  default = 300
}

variable "down_cooldown" {
  default = 300
}
`;
  const linked = { 'app/main.tf': policies((g) => `one(aws_autoscaling_group.${g}[*].name)`) };
  const cooldown = (await lint(linked)).filter((f) => f.ruleId === 'cooldown-order');
  assert.equal(cooldown.length, 1);
  assert.equal(at(linked, cooldown[0]!), 'var.down_cooldown');
  assert.match(cooldown[0]!.message, /aws_autoscaling_policy\.down waits 300 s/);
  // Near miss: another function of the splat (a list of names) links nothing, as before.
  const unlinked = { 'app/main.tf': policies((g) => `join(",", aws_autoscaling_group.${g}[*].name)`) };
  assert.deepEqual((await lint(unlinked)).filter((f) => f.ruleId === 'cooldown-order'), []);
});

test('a well-built module gets no findings: nothing is reported on what the render itself chose', async () => {
  const files = {
    'ok/main.tf': `resource "aws_lb_target_group" "web" {
  port     = 80
  protocol = "HTTP"
  health_check {
    path     = "/healthz"
    interval = 15
    timeout  = 5
  }
}

resource "aws_autoscaling_group" "web" {
  min_size                  = 2
  max_size                  = 10
  vpc_zone_identifier       = ["subnet-a", "subnet-b", "subnet-c"]
  target_group_arns         = [aws_lb_target_group.web.arn]
  health_check_type         = "ELB"
  health_check_grace_period = 120
  default_instance_warmup   = 120
}

resource "aws_autoscaling_policy" "cpu" {
  autoscaling_group_name = aws_autoscaling_group.web.name
  policy_type            = "TargetTrackingScaling"
  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = 60
  }
}
`,
  };
  assert.deepEqual(await lint(files), []);
});

test('a syntax error is one render error, and the module is still read around it', async () => {
  const files = { 'bad/main.tf': `${GROUP('1')}\nresource "aws_autoscaling_policy" "x" {\n  cooldown = = 3\n}\n` };
  const findings = await lint(files);
  const render = findings.filter((f) => f.ruleId === 'render');
  assert.equal(render.length, 1, JSON.stringify(findings));
  assert.equal(render[0]!.severity, 'error');
  assert.ok(findings.some((f) => f.ruleId === 'min-replicas'));
});

test('without a parser the host could load, each module says so once instead of going silent', () => {
  const files = { 'a/main.tf': GROUP('1'), 'a/vars.tf': '' };
  const plan = planSources(reader(files), Object.keys(files), {});
  assert.equal(plan.problems.length, 1);
  assert.match(plan.problems[0]!.message, /Terraform parser could not be loaded/);
  assert.deepEqual(plan.plain, []);
});

test('Application Auto Scaling: an ECS target and its target-tracking policy get the rules of the CloudFormation form', async () => {
  const files = {
    'ecs/main.tf': `resource "aws_appautoscaling_target" "ecs" {
  min_capacity       = 1
  max_capacity       = 8
  resource_id        = "service/cluster/web"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "cpu"
  policy_type        = "TargetTrackingScaling"
  resource_id        = aws_appautoscaling_target.ecs.resource_id
  scalable_dimension = aws_appautoscaling_target.ecs.scalable_dimension
  service_namespace  = aws_appautoscaling_target.ecs.service_namespace
  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
    target_value       = 95
    scale_in_cooldown  = 60
    scale_out_cooldown = 300
  }
}
`,
  };
  const findings = await lint(files);
  const by = (id: string) => findings.find((f) => f.ruleId === id);
  assert.equal(by('min-replicas')?.message, 'min_capacity is 1; the HA floor is 2.');
  assert.equal(at(files, by('utilization-target')!), '95');
  const cooldown = by('cooldown-order')!;
  assert.equal(at(files, cooldown), '60');
  assert.match(cooldown.message, /^scale_in_cooldown \(60 s\) is not longer than scale_out_cooldown \(300 s\)/);
  assert.equal(findings.length, 3, JSON.stringify(findings));
});

const DEPLOYMENT = `resource "kubernetes_deployment_v1" "web" {
  metadata {
    name   = "web"
    labels = { app = "web" }
  }
  spec {
    replicas = 3
    selector {
      match_labels = { app = "web" }
    }
    template {
      metadata {
        labels = { app = "web" }
      }
      spec {
        container {
          name  = "web"
          image = "nginx:1.27"
          port {
            container_port = 8080
          }
          resources {
            requests = { cpu = "250m", memory = "256Mi" }
            limits   = { memory = "256Mi" }
          }
          readiness_probe {
            http_get {
              path = "/ready"
              port = 8080
            }
          }
          liveness_probe {
            http_get {
              path = "/live"
              port = "8080"
            }
            initial_delay_seconds = 10
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "web" {
  metadata {
    name = "web"
  }
  spec {
    selector = { app = "web" }
    port {
      port        = 80
      target_port = "8080"
    }
  }
}
`;

test('Kubernetes provider resources are read as the manifests they apply: the Kubernetes rules, in the provider\'s words', async () => {
  const files = {
    'k8s/main.tf': `${DEPLOYMENT}
variable "max" {}

resource "kubernetes_horizontal_pod_autoscaler_v2" "web" {
  metadata {
    name = "web"
  }
  spec {
    min_replicas = 1
    max_replicas = var.max
    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = "web"
    }
    metric {
      type = "Resource"
      resource {
        name = "cpu"
        target {
          type                = "Utilization"
          average_utilization = 70
        }
      }
    }
  }
}
`,
  };
  const findings = await lint(files);
  assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['min-replicas', 'replicas-with-hpa'], JSON.stringify(findings));
  const min = findings.find((f) => f.ruleId === 'min-replicas')!;
  assert.equal(min.message, 'min_replicas is 1; the HA floor is 2.');
  assert.equal(at(files, min), '1');
  assert.match(applyEdits(files['k8s/main.tf'], min.fixes![0]!.edits), /min_replicas = 2\n/);
  const replicas = findings.find((f) => f.ruleId === 'replicas-with-hpa')!;
  assert.match(at(files, replicas), /^replicas/);
});

test('kubernetes_manifest is read as the object it writes', async () => {
  const files = {
    'm/main.tf': `${DEPLOYMENT}
resource "kubernetes_manifest" "hpa" {
  manifest = {
    apiVersion = "autoscaling/v2"
    kind       = "HorizontalPodAutoscaler"
    metadata   = { name = "web", namespace = "default" }
    spec = {
      scaleTargetRef = { apiVersion = "apps/v1", kind = "Deployment", name = "web" }
      minReplicas    = 1
      maxReplicas    = 5
    }
  }
}
`,
  };
  const findings = await lint(files);
  const ids = findings.map((f) => f.ruleId).sort();
  assert.ok(ids.includes('replicas-with-hpa'), ids.join());
  assert.ok(!ids.includes('hpa-target-exists'), ids.join());
  const min = findings.find((f) => f.ruleId === 'min-replicas');
  assert.equal(min?.message, 'minReplicas is 1; the HA floor is 2.');
  assert.equal(at(files, min!), '1');
});

test('GCP and Azure autoscalers are written as resources of their own types, with the provider\'s names', async () => {
  const files = {
    'g/main.tf': `resource "google_compute_region_autoscaler" "web" {
  name   = "web"
  region = "us-central1"
  target = google_compute_region_instance_group_manager.web.id
  autoscaling_policy {
    min_replicas = 2
    max_replicas = 10
    cpu_utilization {
      target = 0.6
    }
  }
}

resource "google_compute_region_instance_group_manager" "web" {
  name   = "web"
  region = "us-central1"
}

resource "azurerm_monitor_autoscale_setting" "a" {
  profile {
    name = "one"
    capacity {
      default = 2
      minimum = 2
      maximum = 4
    }
  }
}
`,
  };
  const plan = planSources(reader(files), Object.keys(files), { hclParser: await hclParser() });
  const text = plan.renders[0]!.text;
  assert.match(text, /google_compute_region_autoscaler\.web:\n {4}Type: GCP::Compute::Autoscaler\n/);
  assert.match(text, /target: !Ref google_compute_region_instance_group_manager\.web\n/);
  assert.match(text, /autoscaling_policy:\n {8}min_replicas: 2\n/);
  assert.match(text, /Type: Azure::Monitor::AutoscaleSetting\n {4}Properties:\n {6}profile:\n {8}- name: "one"\n/);
});

test("the provider's defaults where they differ from CloudFormation's: health_check_grace_period is 300 s when not set", async () => {
  const files = {
    'd/main.tf': `${GROUP('2', '  health_check_type = "ELB"\n  target_group_arns = [aws_lb_target_group.web.arn]\n')}
resource "aws_lb_target_group" "web" {
  port     = 80
  protocol = "HTTP"
  health_check {
    path = "/healthz"
  }
}
`,
  };
  assert.deepEqual((await lint(files)).map((f) => `${f.ruleId}: ${f.message}`), []);
});

test('.tf.json is read as Terraform reads it: the same findings and fixes on the JSON literal', async () => {
  const files = { 'j/main.tf.json': '{\n  "resource": {\n    "aws_autoscaling_group": {\n      "web": {\n        "min_size": 1,\n        "max_size": 4,\n        "vpc_zone_identifier": ["subnet-a", "subnet-b"]\n      }\n    }\n  }\n}\n' };
  const findings = await lint(files);
  assert.deepEqual(findings.map((f) => f.message), ['min_size is 1; the HA floor is 2.']);
  assert.match(applyEdits(files['j/main.tf.json'], findings[0]!.fixes![0]!.edits), /"min_size": 2,/);
});

test('the version-2 rules read Terraform too: spot-ha on mixed_instances_policy, scheduled-scaling on aws_autoscaling_schedule', async () => {
  const files = {
    's/main.tf': `resource "aws_autoscaling_group" "web" {
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = true
  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 0
      on_demand_percentage_above_base_capacity = 0
    }
    launch_template {
      override {
        instance_type = "m5.large"
      }
      override {
        instance_type = "m6i.large"
      }
    }
  }
}

resource "aws_autoscaling_schedule" "night" {
  scheduled_action_name  = "night"
  autoscaling_group_name = aws_autoscaling_group.web.name
  min_size               = 1
  max_size               = 2
  recurrence             = "0 22 * * * *"
}
`,
  };
  const findings = await lint(files);
  const rows = findings.map((f) => `${f.ruleId} ${at(files, f)}`).sort();
  assert.deepEqual(rows, ['scheduled-scaling "0 22 * * * *"', 'scheduled-scaling 1', 'spot-ha 0'], JSON.stringify(findings.map((f) => f.message)));
  assert.match(findings.find((f) => f.ruleId === 'spot-ha')!.message, /^At min_size 2, on_demand_base_capacity 0 and on_demand_percentage_above_base_capacity 0 leave 0 On-Demand instances/);
});

test("a fix's title is in the Terraform words too", async () => {
  const [min] = (await lint({ 't/main.tf': GROUP('1') })).filter((f) => f.ruleId === 'min-replicas');
  assert.equal(min!.fixes![0]!.title, 'Set min_size to 2');
});
