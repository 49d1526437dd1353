# The web tier on EC2: an Auto Scaling group behind an ALB target group, scaled by CPU alarms.
variable "min_size" {
  description = "Fewest instances the group runs."
  default     = 1
}

resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0abc"

  health_check {
    path     = "/health"
    interval = 15
    timeout  = 5
  }
}

resource "aws_autoscaling_group" "web" {
  name                = "web"
  min_size            = var.min_size
  max_size            = 12
  vpc_zone_identifier = ["subnet-0a", "subnet-0b"]
  target_group_arns   = [aws_lb_target_group.web.arn]
}

resource "aws_autoscaling_policy" "out" {
  name                   = "web-scale-out"
  autoscaling_group_name = aws_autoscaling_group.web.name
  adjustment_type        = "ChangeInCapacity"
  scaling_adjustment     = 2
  cooldown               = 120
}

resource "aws_autoscaling_policy" "in" {
  name                   = "web-scale-in"
  autoscaling_group_name = aws_autoscaling_group.web.name
  adjustment_type        = "ChangeInCapacity"
  scaling_adjustment     = -1
  cooldown               = 300
}

# "CPU > 70 % for 5 minutes", as the workflow's example writes it.
resource "aws_cloudwatch_metric_alarm" "cpu_high" {
  alarm_name          = "web-cpu-high"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 70
  period              = 300
  evaluation_periods  = 1
  alarm_actions       = [aws_autoscaling_policy.out.arn]
  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.web.name
  }
}

resource "aws_cloudwatch_metric_alarm" "cpu_low" {
  alarm_name          = "web-cpu-low"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "LessThanThreshold"
  threshold           = 60
  period              = 300
  evaluation_periods  = 3
  alarm_actions       = [aws_autoscaling_policy.in.arn]
  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.web.name
  }
}
