locals {
  tags = {
    scenario = "VMSS Autoscale Linux AVM Sample"
  }
}