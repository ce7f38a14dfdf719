#!/usr/bin/env python3
"""AWS operations each resource type's CRUD code reaches in the hashicorp/aws binary.

Cross-check for plugins/enclave-node/src/iam/providerCalls.ts: the source
index holds one version per provider file, not always v5.100.0, so this reads
the exact 5.100.0 provider the machines use (the local filesystem mirror).
It parses the Go pclntab (function entry -> name), disassembles each service
package with objdump, follows direct calls and closure references (LEA of a
funcval) inside the package, and records the AWS SDK operations reached
(`service/<x>.(*Client).<Op>`, `New<Op>Paginator`, SDK v1 `<Op>WithContext`).
Calls made through interfaces (directoryCreator, the tagging interceptor) are
not visible here; providerCalls.ts lists those from the source.

usage: scripts/provider-call-graph.py [BINARY] > plugins/enclave-node/src/iam/providerCallGraph.json
"""
import bisect, glob, hashlib, json, re, struct, subprocess, sys

BIN = sys.argv[1] if len(sys.argv) > 1 else glob.glob(
    '/opt/tf-plugins/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0_x5')[0]
P = 'github.com/hashicorp/terraform-provider-aws/internal/service/'
CRUD = '(Create|Read|Update|Delete|Put)$'
SG_RULE = r'^\(\*securityGroup(%s)?RuleResource\)\.(Create|Read|Update|Delete|create|delete|findByID)$'
# resource type -> (package, regex over package-relative function names)
ROOTS = {
    'aws_vpc': ('ec2', '^resourceVPC' + CRUD),
    'aws_subnet': ('ec2', '^resourceSubnet' + CRUD),
    'aws_route_table': ('ec2', '^resourceRouteTable' + CRUD),
    'aws_route_table_association': ('ec2', '^resourceRouteTableAssociation' + CRUD),
    'aws_default_route_table': ('ec2', '^resourceDefaultRouteTable' + CRUD),
    'aws_default_security_group': ('ec2', '^resourceDefaultSecurityGroup' + CRUD),
    'aws_security_group': ('ec2', '^resourceSecurityGroup' + CRUD),
    'aws_vpc_security_group_ingress_rule': ('ec2', SG_RULE % 'Ingress'),
    'aws_vpc_security_group_egress_rule': ('ec2', SG_RULE % 'Egress'),
    'aws_vpc_endpoint': ('ec2', '^resourceVPCEndpoint' + CRUD),
    'aws_flow_log': ('ec2', '^resourceLogFlow' + CRUD),
    'aws_s3_bucket': ('s3', '^resourceBucket' + CRUD),
    'aws_s3_bucket_ownership_controls': ('s3', '^resourceBucketOwnershipControls' + CRUD),
    'aws_s3_bucket_policy': ('s3', '^resourceBucketPolicy' + CRUD),
    'aws_s3_bucket_public_access_block': ('s3', '^resourceBucketPublicAccessBlock' + CRUD),
    'aws_s3_bucket_server_side_encryption_configuration': ('s3', '^resourceBucketServerSideEncryptionConfiguration' + CRUD),
    'aws_s3_bucket_versioning': ('s3', '^resourceBucketVersioning' + CRUD),
    'aws_kms_key': ('kms', '^resourceKey' + CRUD),
    'aws_kms_alias': ('kms', '^resourceAlias' + CRUD),
    'aws_cloudwatch_log_group': ('logs', '^resourceGroup' + CRUD),
    'aws_iam_role': ('iam', '^resourceRole' + CRUD),
    'aws_iam_role_policy': ('iam', '^resourceRolePolicy' + CRUD),
    'aws_iam_role_policy_attachment': ('iam', '^resourceRolePolicyAttachment' + CRUD),
    'aws_iam_instance_profile': ('iam', '^resourceInstanceProfile' + CRUD),
    'aws_secretsmanager_secret': ('secretsmanager', '^resourceSecret' + CRUD),
    'aws_secretsmanager_secret_version': ('secretsmanager', '^resourceSecretVersion' + CRUD),
    'aws_emr_cluster': ('emr', '^resourceCluster' + CRUD),
    'aws_emr_security_configuration': ('emr', '^resourceSecurityConfiguration' + CRUD),
    'aws_directory_service_directory': ('ds', '^resourceDirectory' + CRUD),
    'aws_workspaces_directory': ('workspaces', '^resourceDirectory' + CRUD),
    'aws_workspaces_ip_group': ('workspaces', '^resourceIPGroup' + CRUD),
    'aws_route53_resolver_firewall_domain_list': ('route53resolver', '^resourceFirewallDomainList' + CRUD),
    'aws_route53_resolver_firewall_rule_group': ('route53resolver', '^resourceFirewallRuleGroup' + CRUD),
    'aws_route53_resolver_firewall_rule': ('route53resolver', '^resourceFirewallRule' + CRUD),
    'aws_route53_resolver_firewall_rule_group_association': ('route53resolver', '^resourceFirewallRuleGroupAssociation' + CRUD),
    'aws_route53_resolver_firewall_config': ('route53resolver', '^resourceFirewallConfig' + CRUD),
}


def sections(path):
    out = subprocess.run(['readelf', '-S', '-W', path], capture_output=True, text=True).stdout
    pcln = re.search(r'\.gopclntab\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)', out)
    loads = subprocess.run(['readelf', '-l', '-W', path], capture_output=True, text=True).stdout
    segs = [(int(v, 16), int(o, 16), int(s, 16)) for o, v, s in
            re.findall(r'LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)', loads)]
    return int(pcln.group(2), 16), int(pcln.group(3), 16), segs


def functions(f, off, size):
    """Go 1.20+ pclntab: (entry address, name) for every function, sorted."""
    f.seek(off)
    d = f.read(size)
    assert struct.unpack_from('<I', d, 0)[0] == 0xFFFFFFF1 and d[7] == 8, 'unexpected pclntab'
    nfunc, _nfiles, text, nameoff, _cu, _ft, _pc, pcln = struct.unpack_from('<8Q', d, 8)
    res = []
    for i in range(nfunc + 1):
        entry, funcoff = struct.unpack_from('<II', d, pcln + i * 8)
        if i == nfunc:
            res.append((text + entry, '__END__'))
            break
        n = struct.unpack_from('<i', d, pcln + funcoff + 4)[0]
        res.append((text + entry, d[nameoff + n:d.index(b'\0', nameoff + n)].decode('utf8', 'replace')))
    return res


def main():
    with open(BIN, 'rb') as f:
        sha = hashlib.sha256()
        for chunk in iter(lambda: f.read(1 << 24), b''):
            sha.update(chunk)
        off, size, segs = sections(BIN)
        funcs = functions(f, off, size)
        addrs = [a for a, _ in funcs]
        names = [n for _, n in funcs]
        entry = set(addrs)
        by_name = {n: i for i, n in reversed(list(enumerate(names)))}

        def qword(va):
            for base, foff, sz in segs:
                if base <= va < base + sz - 8:
                    f.seek(foff + va - base)
                    return struct.unpack('<Q', f.read(8))[0]
            return None

        def index_of(a):
            return bisect.bisect_right(addrs, a) - 1

        edges = {}
        for pkg in sorted({p for p, _ in ROOTS.values()}):
            idx = [i for i, n in enumerate(names) if n.startswith(P + pkg + '.')]
            lo, hi = addrs[min(idx)], addrs[max(idx) + 1]
            dis = subprocess.run(['objdump', '-d', '--no-show-raw-insn', '--start-address=%#x' % lo,
                                  '--stop-address=%#x' % hi, BIN], capture_output=True, text=True).stdout
            for line in dis.splitlines():
                m = re.match(r'^\s*([0-9a-f]+):\s+(call|jmp|lea)\s+(.*)$', line)
                if not m:
                    continue
                target = None
                if m.group(2) == 'lea':
                    t = re.search(r'# (?:0x)?([0-9a-f]+)', m.group(3))
                    if t:
                        va = int(t.group(1), 16)
                        target = va if va in entry else qword(va)
                elif '(' not in m.group(3):
                    t = re.match(r'(?:0x)?([0-9a-f]+)', m.group(3))
                    target = int(t.group(1), 16) if t else None
                if target in entry:
                    edges.setdefault(index_of(int(m.group(1), 16)), set()).add(index_of(target))

    def ops_from(roots):
        seen, ops, stack = set(), set(), [by_name[r] for r in roots]
        while stack:
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            for j in edges.get(i, ()):
                n = names[j]
                m = (re.match(r'github\.com/aws/aws-sdk-go-v2/service/(\w+)\.\(\*Client\)\.([A-Z]\w+)$', n)
                     or re.match(r'github\.com/aws/aws-sdk-go-v2/service/(\w+)\.New([A-Z]\w+)Paginator$', n)
                     or re.match(r'github\.com/aws/aws-sdk-go/service/(\w+)\.\(\*\w+\)\.([A-Z]\w+?)(?:WithContext|PagesWithContext|Pages|Request)?$', n))
                if m:
                    ops.add(m.group(2))
                elif n.startswith(P):
                    stack.append(j)
        return sorted(ops)

    types = {}
    for tf, (pkg, rx) in ROOTS.items():
        r = re.compile(rx)
        roots = [n for n in by_name if n.startswith(P + pkg + '.') and r.search(n[len(P + pkg + '.'):])]
        types[tf] = {'roots': sorted(n[len(P):] for n in roots), 'operations': ops_from(roots)}
    json.dump({'provider': 'hashicorp/aws 5.100.0', 'binarySha256': sha.hexdigest(),
               'tool': 'scripts/provider-call-graph.py', 'types': types}, sys.stdout, indent=2)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
