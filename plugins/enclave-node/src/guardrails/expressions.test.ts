import {
  isTemplate,
  parseReference,
  pureReference,
  referencesInTemplate,
  splitTemplate,
} from './expressions';

describe('expressions', () => {
  it('splits templates, honouring $${ escapes and nested braces', () => {
    expect(splitTemplate('arn:${aws_s3_bucket.b.arn}/*')).toEqual([
      { literal: 'arn:', expression: 'aws_s3_bucket.b.arn' },
      { literal: '/*' },
    ]);
    expect(splitTemplate('$${literal}')).toEqual([{ literal: '${literal}' }]);
    expect(splitTemplate('${jsonencode({a = "}"})}')).toEqual([
      { literal: '', expression: 'jsonencode({a = "}"})' },
    ]);
    expect(isTemplate('plain')).toBe(false);
    expect(isTemplate('$${not}')).toBe(false);
    expect(isTemplate('${aws_vpc.v.id}')).toBe(true);
  });

  it('parses references to resources, data sources and variables', () => {
    expect(parseReference('aws_vpc.network_vpc_4E8F0223.cidr_block')).toEqual({
      address: 'aws_vpc.network_vpc_4E8F0223',
      attribute: ['cidr_block'],
      text: 'aws_vpc.network_vpc_4E8F0223.cidr_block',
    });
    expect(parseReference('data.aws_iam_policy_document.p.json')?.address).toBe(
      'data.aws_iam_policy_document.p',
    );
    expect(parseReference('aws_subnet.a[0].id')).toMatchObject({
      address: 'aws_subnet.a[0]',
      attribute: ['id'],
    });
    expect(parseReference('aws_flow-logs_x.y')).toBeUndefined();
    expect(parseReference('var.password')).toMatchObject({
      address: 'var.password',
      attribute: [],
    });
    expect(parseReference('element(aws_subnet.a.*.id, 0)')).toBeUndefined();
  });

  it('finds pure references and every reference in a template', () => {
    expect(pureReference('${aws_vpc.v.id}')?.address).toBe('aws_vpc.v');
    expect(pureReference('x${aws_vpc.v.id}')).toBeUndefined();
    expect(
      referencesInTemplate('${element(aws_subnet.a.*.id, 0)}-${var.x}').map(
        r => r.address,
      ),
    ).toEqual(['aws_subnet.a', 'var.x']);
    // Names inside HCL strings are not references.
    expect(referencesInTemplate('${format("aws_vpc.fake.id")}')).toEqual([]);
  });
});
