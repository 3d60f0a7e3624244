#!/bin/bash
# TradAI NAT instance bootstrap (rendered by infra/nat/user-data.ts).
# The update-nat-routes function repeats the EIP and source/destination-check
# steps from outside; doing them here too means a fresh instance forwards even
# if that function is late.
set -euo pipefail

REGION="{{ region }}"
EIP_ALLOCATION_ID="{{ eip_allocation_id }}"
VPC_CIDR="{{ vpc_cidr }}"

# 1. Forward packets between interfaces, now and after reboots.
cat > /etc/sysctl.d/90-tradai-nat.conf <<'SYSCTL'
net.ipv4.ip_forward = 1
SYSCTL
sysctl --system

# 2. Masquerade traffic from the VPC behind this instance's address.
dnf install -y iptables-services
systemctl enable --now iptables
IFACE="$(ip route show default | awk '{ print $5; exit }')"
iptables -t nat -A POSTROUTING -o "$IFACE" -s "$VPC_CIDR" -j MASQUERADE
# The stock iptables-services rules reject forwarded packets; drop them.
iptables -F FORWARD
# Persist for the iptables service on reboot.
iptables-save > /etc/sysconfig/iptables

# 3. Who am I (IMDSv2 only: the launch template requires tokens).
TOKEN="$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')"
INSTANCE_ID="$(curl -sS -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/instance-id)"

# 4. A NAT must accept packets not addressed to itself.
aws ec2 modify-instance-attribute --region "$REGION" --instance-id "$INSTANCE_ID" --no-source-dest-check

# 5. Take over the stable public address.
aws ec2 associate-address --region "$REGION" --instance-id "$INSTANCE_ID" \
  --allocation-id "$EIP_ALLOCATION_ID" --allow-reassociation
