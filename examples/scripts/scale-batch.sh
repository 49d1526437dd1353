#!/usr/bin/env bash
# Sets up autoscaling for the batch tier on GCP and AWS (the workflow's command-line examples).
set -euo pipefail

gcloud compute instance-groups managed set-autoscaling batch-mig \
  --zone us-central1-a \
  --min-num-replicas 1 \
  --max-num-replicas 20 \
  --target-cpu-utilization 0.95 \
  --cool-down-period 90

aws autoscaling create-auto-scaling-group \
  --auto-scaling-group-name batch \
  --launch-template LaunchTemplateName=batch,Version='$Latest' \
  --min-size 2 --max-size 10 \
  --vpc-zone-identifier "subnet-0a" \
  --target-group-arns "$TARGET_GROUP_ARN" \
  --health-check-type ELB --health-check-grace-period 180
