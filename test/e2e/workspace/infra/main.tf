resource "aws_autoscaling_group" "web" {
  name                = "web"
  min_size            = 1
  max_size            = 6
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
}
