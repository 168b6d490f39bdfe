// Which IP addresses a URL source may be fetched from. A Discord member with /reingest can name any
// URL, so anything that is not a public unicast address (loopback, private, link-local such as the
// cloud metadata endpoint 169.254.169.254, unique-local, CGNAT, multicast, unspecified, documentation
// and other reserved ranges) is refused. IPv4 addresses written inside IPv6 (::ffff:127.0.0.1,
// ::127.0.0.1) are judged by the IPv4 address they carry; other IPv6 transition forms that embed an
// IPv4 address (NAT64, 6to4, Teredo) are refused outright, since what they reach cannot be judged here.
import ipaddr from 'ipaddr.js';

/** True when `address` (a literal IPv4 or IPv6 address, no brackets) is public unicast. Unparseable input is not public. */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  const parts = v6.parts;
  const compatible = parts.slice(0, 6).every((p) => p === 0);
  if (range === 'ipv4Mapped' || compatible) {
    // ::ffff:a.b.c.d and the deprecated ::a.b.c.d (ipaddr.js files only some spellings of the latter
    // as mapped): the last 32 bits are the IPv4 address reached. :: and ::1 land on 0.0.0.0/8.
    const v4 = new ipaddr.IPv4([parts[6]! >> 8, parts[6]! & 0xff, parts[7]! >> 8, parts[7]! & 0xff]);
    return v4.range() === 'unicast';
  }
  return range === 'unicast';
}

/** A URL's hostname as an IP literal (brackets removed), or undefined when it is a name to resolve. */
export function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare)) ? bare : undefined;
}
