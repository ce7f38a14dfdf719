/*
 * The secret-leak scan: gathers every artifact a run leaves behind (log
 * lines, task outputs, registry calls, emitted entities, files on disk) as
 * named texts, and reports which of them contain any of the given secrets.
 * Files are read as latin1 so binary files (plugin binaries excepted) are
 * scanned byte for byte too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Artifact {
  name: string;
  text: string;
}

/** Every file under `dir`, skipping the provider binaries terraform installs. */
export function fileArtifacts(dir: string): Artifact[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    if (entry === 'providers') return [];
    return statSync(path).isDirectory()
      ? fileArtifacts(path)
      : [{ name: path, text: readFileSync(path, 'latin1') }];
  });
}

export function jsonArtifact(name: string, value: unknown): Artifact {
  return { name, text: JSON.stringify(value) ?? '' };
}

/** `artifact name: secret #i` for every artifact holding a secret. */
export function findLeaks(
  artifacts: Artifact[],
  secrets: readonly string[],
): string[] {
  const leaks: string[] = [];
  secrets.forEach((secret, i) => {
    if (secret.length < 8) {
      throw new Error(`secret #${i} is too short to scan for meaningfully`);
    }
    for (const { name, text } of artifacts) {
      if (text.includes(secret)) leaks.push(`${name}: secret #${i}`);
    }
  });
  return leaks;
}

export function reportScan(
  what: string,
  artifacts: Artifact[],
  secrets: number,
) {
  // eslint-disable-next-line no-console
  console.log(
    `[secrets] ${what}: ${artifacts.length} artifacts scanned for ${secrets} secrets`,
  );
}
