import ipaddr from 'ipaddr.js';
import {
  cidrContains,
  coversWholeInternet,
  isCoveredBy,
  parseCidr,
} from './cidr';

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`bad test CIDR ${text}`);
  return parsed;
};

describe('cidr', () => {
  it('parses IPv4 and IPv6 blocks and rejects non-CIDRs', () => {
    expect(cidr('10.1.2.3/16')).toMatchObject({
      family: 'ipv4',
      text: '10.1.2.3/16',
    });
    expect(cidr('::/0').family).toBe('ipv6');
    for (const bad of [
      '10.0.0.0/33',
      '10/8',
      'not-a-cidr',
      '10.0.0.0',
      '${aws_vpc.x.cidr_block}',
      '',
    ]) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });

  it('agrees with ipaddr.js match() on containment', () => {
    const pairs: [string, string][] = [
      ['10.0.0.0/8', '10.1.0.0/16'],
      ['10.0.0.0/16', '10.1.0.0/16'],
      ['10.0.0.0/16', '10.0.255.0/24'],
      ['0.0.0.0/0', '203.0.113.0/24'],
      ['192.168.0.0/16', '192.168.0.0/16'],
      ['2001:db8::/32', '2001:db8:1::/48'],
      ['2001:db8::/48', '2001:db8:1::/48'],
    ];
    for (const [outer, inner] of pairs) {
      const [innerAddress, innerBits] = ipaddr.parseCIDR(inner);
      const [outerAddress, outerBits] = ipaddr.parseCIDR(outer);
      const expected =
        innerBits >= outerBits && innerAddress.match(outerAddress, outerBits);
      expect({
        outer,
        inner,
        contained: cidrContains(cidr(outer), cidr(inner)),
      }).toEqual({
        outer,
        inner,
        contained: expected,
      });
    }
  });

  it('covers a block with a union of smaller blocks', () => {
    expect(
      isCoveredBy(cidr('10.0.0.0/16'), [
        cidr('10.0.0.0/17'),
        cidr('10.0.128.0/17'),
      ]),
    ).toBe(true);
    expect(
      isCoveredBy(cidr('10.0.0.0/16'), [
        cidr('10.0.0.0/17'),
        cidr('10.0.192.0/18'),
      ]),
    ).toBe(false);
    expect(isCoveredBy(cidr('10.1.0.0/16'), [cidr('10.0.0.0/8')])).toBe(true);
    expect(isCoveredBy(cidr('11.0.0.0/16'), [cidr('10.0.0.0/8')])).toBe(false);
    // Families never mix.
    expect(isCoveredBy(cidr('::/0'), [cidr('0.0.0.0/0')])).toBe(false);
  });

  it('recognizes the whole internet, also when split', () => {
    expect(coversWholeInternet([cidr('0.0.0.0/0')])).toBe('ipv4');
    expect(coversWholeInternet([cidr('0.0.0.0/1'), cidr('128.0.0.0/1')])).toBe(
      'ipv4',
    );
    expect(coversWholeInternet([cidr('::/1'), cidr('8000::/1')])).toBe('ipv6');
    expect(
      coversWholeInternet([cidr('0.0.0.0/1'), cidr('128.0.0.0/2')]),
    ).toBeUndefined();
    expect(coversWholeInternet([cidr('203.0.113.0/24')])).toBeUndefined();
  });
});
