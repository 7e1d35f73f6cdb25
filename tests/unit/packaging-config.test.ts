import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

interface BuilderConfig {
  npmRebuild?: boolean;
  asar?: boolean;
  files?: string[];
  electronFuses?: Record<string, boolean>;
}

describe('electron-builder.yml', () => {
  const cfg = load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

  it('sets every security fuse the checklist asks for', () => {
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(cfg.asar).toBe(true);
  });

  it('does not rebuild sqlite3 (N-API) and never packages the server or the dev harness', () => {
    expect(cfg.npmRebuild).toBe(false);
    expect(cfg.files).toContain('!dist/server/**');
    expect(cfg.files).toContain('!dist/harness/**');
  });

  it('points package.json main at the bundled Electron entry', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; allowScripts: Record<string, boolean> };
    expect(pkg.main).toBe('dist/main/index.cjs');
    expect(pkg.allowScripts.sqlite3).toBe(true);
  });
});

describe('layering', () => {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      return d.isDirectory() ? walk(p) : /\.tsx?$/.test(d.name) ? [p] : [];
    });
  const importsElectron = (file: string) => /from ['"]electron['"]|require\(['"]electron['"]\)/.test(fs.readFileSync(file, 'utf8'));

  it('imports electron only in main/index.ts, main/shell/ and the preload entry', () => {
    const offenders = ['main', 'common', 'renderer', 'server', 'harness', 'node-shared']
      .filter((d) => fs.existsSync(path.join(root, d)))
      .flatMap((d) => walk(path.join(root, d)))
      .map((f) => path.relative(root, f))
      .filter((f) => !f.startsWith('main/shell/') && f !== 'main/index.ts')
      .filter((f) => importsElectron(path.join(root, f)));
    expect(offenders).toEqual([]);
    // The detector itself works: the shell does import electron.
    expect(importsElectron(path.join(root, 'main/shell/windows.ts'))).toBe(true);
  });
});
