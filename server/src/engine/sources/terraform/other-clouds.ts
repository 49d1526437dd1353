/**
 * GCP and Azure autoscalers (SPEC §9), which have no CloudFormation type: written into the template as
 * resources of ScaleLint's own types, with the provider's attribute names as properties (so messages name
 * them as written), for the model to read (sources/cloudformation reads `GCP::` and `Azure::` types). The
 * gcloud command line of the shell source writes the same types.
 *
 *   GCP::Compute::Autoscaler           google_compute_autoscaler (zonal; `zone`), google_compute_region_autoscaler (`region`)
 *   GCP::Compute::InstanceGroupManager google_compute_instance_group_manager (`zone`), …_region_… (`region`, `distribution_policy_zones`)
 *   Azure::Monitor::AutoscaleSetting   azurerm_monitor_autoscale_setting (`profile` and `rule` blocks are lists)
 *
 * Facts: the Google and AzureRM providers' documentation (website/docs/r/*.html.markdown).
 */
export interface OtherCloudForm {
  type: string;
  /** Repeated blocks written as lists. */
  lists: ReadonlySet<string>;
}

const GCP_LISTS = new Set(['metric', 'scaling_schedules', 'version', 'named_port', 'auto_healing_policies', 'stateful_disk']);

export const OTHER_CLOUDS: Readonly<Record<string, OtherCloudForm>> = {
  google_compute_autoscaler: { type: 'GCP::Compute::Autoscaler', lists: GCP_LISTS },
  google_compute_region_autoscaler: { type: 'GCP::Compute::Autoscaler', lists: GCP_LISTS },
  google_compute_instance_group_manager: { type: 'GCP::Compute::InstanceGroupManager', lists: GCP_LISTS },
  google_compute_region_instance_group_manager: { type: 'GCP::Compute::InstanceGroupManager', lists: GCP_LISTS },
  azurerm_monitor_autoscale_setting: { type: 'Azure::Monitor::AutoscaleSetting', lists: new Set(['profile', 'rule', 'dimensions']) },
};
