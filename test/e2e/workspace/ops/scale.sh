#!/bin/sh
gcloud compute instance-groups managed set-autoscaling web \
  --region europe-west1 \
  --min-num-replicas 1 \
  --max-num-replicas 8
