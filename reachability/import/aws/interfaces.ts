// describe-network-interfaces and describe-instances -> interfaces. An
// instance's interfaces listed only in Reservations are added from there.
import type { z } from 'zod';
import type { NetworkInterface, PrivateAddress } from '../../model/types.js';
import { NetworkInterfaceSchema, ReservationSchema } from './schemas.js';
import { type Where, at, ipv4, nameTag } from './values.js';

type Eni = z.infer<typeof NetworkInterfaceSchema>;
type Reservation = z.infer<typeof ReservationSchema>;
type InstanceEni = Reservation['Instances'][number]['NetworkInterfaces'][number];

function addressesOf(w: Where, e: Eni | InstanceEni, prefix = ''): PrivateAddress[] {
  const primaryPublic = e.Association?.PublicIp;
  const primary = ipv4(w, `${prefix}PrivateIpAddress`, e.PrivateIpAddress);
  if (primaryPublic) ipv4(w, `${prefix}Association.PublicIp`, primaryPublic);
  if (!e.PrivateIpAddresses || e.PrivateIpAddresses.length === 0) {
    return [{ ip: primary, ...(primaryPublic ? { publicIp: primaryPublic } : {}) }];
  }
  const indexed = e.PrivateIpAddresses.map((a, i) => ({ a, i })).sort((x, y) => Number(y.a.Primary === true) - Number(x.a.Primary === true));
  return indexed.map(({ a, i }, k) => {
    const field = `${prefix}PrivateIpAddresses[${i}]`;
    const publicIp = a.Association?.PublicIp ?? (k === 0 ? primaryPublic : undefined);
    return {
      ip: ipv4(w, `${field}.PrivateIpAddress`, a.PrivateIpAddress),
      ...(publicIp ? { publicIp: ipv4(w, `${field}.Association.PublicIp`, publicIp) } : {}),
    };
  });
}

export function convertInterface(file: string, e: Eni): NetworkInterface {
  const w: Where = { file, resource: e.NetworkInterfaceId };
  const name = nameTag(e.TagSet);
  return {
    id: e.NetworkInterfaceId,
    ...(name ? { name } : {}),
    vpcId: e.VpcId,
    subnetId: e.SubnetId,
    addresses: addressesOf(w, e),
    groupIds: (e.Groups ?? []).map((g) => g.GroupId),
    sourceDestCheck: e.SourceDestCheck ?? true,
    kind: e.InterfaceType ?? 'interface',
    ...(e.Attachment?.InstanceId ? { instanceId: e.Attachment.InstanceId } : {}),
    ...(e.Description ? { description: e.Description } : {}),
    source: at(w),
  };
}

/** Interfaces of instances, primary (device index 0) first; each names its instance. */
export function interfacesOfReservation(file: string, r: Reservation, index: number): NetworkInterface[] {
  const out: NetworkInterface[] = [];
  r.Instances.forEach((inst, i) => {
    const sorted = [...inst.NetworkInterfaces].sort((a, b) => (a.Attachment?.DeviceIndex ?? 0) - (b.Attachment?.DeviceIndex ?? 0));
    for (const e of sorted) {
      const w: Where = { file, resource: e.NetworkInterfaceId };
      const field = `Reservations[${index}].Instances[${i}].NetworkInterfaces[${inst.NetworkInterfaces.indexOf(e)}]`;
      const name = nameTag(inst.Tags);
      out.push({
        id: e.NetworkInterfaceId,
        ...(name ? { name } : {}),
        vpcId: e.VpcId,
        subnetId: e.SubnetId,
        addresses: addressesOf(w, e, `${field}.`),
        groupIds: (e.Groups ?? []).map((g) => g.GroupId),
        sourceDestCheck: e.SourceDestCheck ?? inst.SourceDestCheck ?? true,
        kind: e.InterfaceType ?? 'interface',
        instanceId: inst.InstanceId,
        ...(e.Description ? { description: e.Description } : {}),
        source: at(w, field),
      });
    }
  });
  return out;
}
