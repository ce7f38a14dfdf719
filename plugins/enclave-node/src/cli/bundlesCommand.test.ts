/*
 * `enclave bundles` in-process against mocked AWS (aws-sdk-client-mock on
 * WorkSpacesClient; DescribeWorkspaceBundles responses shaped as botocore
 * workspaces/2015-04-08 describes them). Also proves the shipped example
 * configuration is honest: as shipped it is refused (placeholders), and the
 * embedded default says "not configured".
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DescribeWorkspaceBundlesCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from './main';

const REPO_ROOT = resolve(__dirname, '../../../..');
const EXAMPLE = resolve(REPO_ROOT, 'examples/approved-bundles.example.yaml');
const workspaces = mockClient(WorkSpacesClient);

let out: string;
let err: string;
beforeEach(() => {
  out = '';
  err = '';
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    out += String(chunk);
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
    err += String(chunk);
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  workspaces.reset();
});

const run = (...args: string[]) =>
  main(['node', 'enclave', 'bundles', '--region', 'eu-west-1', ...args]);

/** The example with its placeholders filled in, as a platform team would. */
function filledExample(): string {
  const text = readFileSync(EXAMPLE, 'utf8')
    .replace(/'<your 12-digit account id>'/g, "'111122223333'")
    .replace("['<wsb-... in eu-west-1>']", "['wsb-ubuntu001']")
    .replace("['<wsb-...>']", "['wsb-windows01']")
    .replace("'<wsi-...>'", "'wsi-ubuntu0001'")
    .replace("'<wsi-...>'", "'wsi-windows001'");
  const file = join(mkdtempSync(join(tmpdir(), 'enclave-bundles-')), 'c.yaml');
  writeFileSync(file, text);
  return file;
}

describe('enclave bundles', () => {
  it('refuses the shipped example as is: its placeholders are not ids', async () => {
    expect(await run('--config', EXAMPLE)).toBe(2);
    expect(err).toMatch(
      /dataEnclave\.workspaces\.approvedBundles\.0\.owner: must be a 12-digit account id or AMAZON/,
    );
    expect(workspaces.calls()).toHaveLength(0);
  });

  it('says "not configured" for the embedded default app-config.yaml', async () => {
    expect(await run('--config', resolve(REPO_ROOT, 'app-config.yaml'))).toBe(
      2,
    );
    expect(err).toMatch(
      /session lock-down: not configured: .* has no dataEnclave\.workspaces\.approvedBundles/,
    );
    expect(workspaces.calls()).toHaveLength(0);
  });

  it('checks each entry against AWS and fails on a bundle rebuilt from another image', async () => {
    workspaces.on(DescribeWorkspaceBundlesCommand).callsFake(input => ({
      Bundles: input.BundleIds.map((id: string) =>
        id === 'wsb-ubuntu001'
          ? {
              BundleId: id,
              Name: 'enclave-ubuntu-22.04-dcv-hardened',
              Owner: '111122223333',
              ImageId: 'wsi-ubuntu0001',
            }
          : {
              BundleId: id,
              Name: 'enclave-windows-server-2022-dcv-hardened',
              Owner: '111122223333',
              ImageId: 'wsi-rebuilt0001',
            },
      ),
    }));
    expect(await run('--config', filledExample())).toBe(1);
    expect(
      workspaces
        .commandCalls(DescribeWorkspaceBundlesCommand)
        .map(c => c.args[0].input.BundleIds),
    ).toEqual([['wsb-ubuntu001'], ['wsb-windows01']]);
    expect(out).toMatch(
      /\[OK\] {3}enclave-ubuntu-22\.04-dcv-hardened \(ubuntu, owner 111122223333\)\n {7}wsb-ubuntu001: approved, image wsi-ubuntu0001\n {7}lock-down: clipboardIn: blocked \(image\)/,
    );
    expect(out).toMatch(
      /\[FAIL\] enclave-windows-server-2022-dcv-hardened .*\n {7}wsb-windows01: bundle "enclave-windows-server-2022-dcv-hardened" is built from image wsi-rebuilt0001, not the hardened wsi-windows001/,
    );
    expect(err).toMatch(/some approved bundles do not check out/);
  });
});
