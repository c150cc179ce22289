import { isIPv6 } from 'node:net';

/**
 * What per-address limits count by: an IPv4 address, or an IPv6 address's /64 (one subscriber
 * usually holds a whole /64, so counting single IPv6 addresses would be no limit at all).
 */
export function addressLimitKey(address: string): string {
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (64:ff9b::1.2.3.4) stands for two groups.
  const rightGroups = right.length + (right.at(-1)?.includes('.') ? 1 : 0);
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - rightGroups).fill('0');
  return [...left, ...zeros, ...right].map((group) =>
    group.includes('.') ? group : parseInt(group, 16).toString(16),
  );
}
