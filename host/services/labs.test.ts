import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLabs, MAX_LAB_FILE_BYTES } from './labs.js';

let root: string;
let bundled: string;
let user: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'vlab-labs-'));
  bundled = path.join(root, 'bundled');
  user = path.join(root, 'user');
  await mkdir(bundled);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const header = (id: string, chapter: string, extra = '') =>
  `schema_version: 1
id: ${id}
title:
  fr: Titre ${id}
  en: Title ${id}
summary: {fr: Résumé, en: Summary}
chapter: ${chapter}
duration: 30
${extra}`;

async function lab(base: string, folder: string, yaml: string | undefined, locales: string[] = ['fr', 'en']) {
  const dir = path.join(base, folder);
  await mkdir(dir, { recursive: true });
  if (yaml !== undefined) await writeFile(path.join(dir, 'lab.yaml'), yaml);
  for (const l of locales) await writeFile(path.join(dir, `${l}.md`), `# ${folder}\n`);
}

describe('listLabs', () => {
  it('lists bundled and user labs in chapter order, then by id', async () => {
    await lab(bundled, 'esx-1', header('esx-intro', 'esx-architecture'));
    await lab(bundled, 'vs-b', header('vs-b', 'vserver-setup'));
    await lab(bundled, 'vs-a', header('vs-a', 'vserver-setup'), ['fr']);
    await lab(user, 'mine', header('my-lab', 'consolidation'));
    const labs = await listLabs({ bundled, user });
    expect(labs.map((l) => [l.id, l.source])).toEqual([
      ['my-lab', 'user'],
      ['vs-a', 'bundled'],
      ['vs-b', 'bundled'],
      ['esx-intro', 'bundled'],
    ]);
    expect(labs[1]).toEqual({
      id: 'vs-a',
      chapter: 'vserver-setup',
      title: { fr: 'Titre vs-a', en: 'Title vs-a' },
      summary: { fr: 'Résumé', en: 'Summary' },
      durationMinutes: 30,
      locales: ['fr'],
      source: 'bundled',
    });
  });

  it('returns nothing for a missing user folder, and ignores files, dot folders and links', async () => {
    await lab(bundled, '.hidden', header('hidden', 'consolidation'));
    await writeFile(path.join(bundled, 'README.md'), 'not a lab');
    await lab(root, 'outside', header('outside', 'consolidation'));
    await symlink(path.join(root, 'outside'), path.join(bundled, 'linked'));
    expect(await listLabs({ bundled, user: path.join(root, 'nope') })).toEqual([]);
  });

  it('lists a broken lab with its errors (file:line) instead of throwing', async () => {
    await lab(bundled, 'bad-yaml', 'schema_version: 1\nid: [unclosed\n');
    await lab(bundled, 'bad-fields', header('Bad_Id', 'nowhere').replace('duration: 30', 'duration: soon'));
    await lab(bundled, 'no-yaml', undefined);
    await lab(bundled, 'no-text', header('no-text', 'consolidation'), []);
    await lab(bundled, 'future', header('future', 'consolidation').replace('schema_version: 1', 'schema_version: 7'));
    const labs = await listLabs({ bundled, user });

    const badYaml = labs.find((l) => l.id === 'bad-yaml')!;
    expect(badYaml.errors?.[0]).toMatch(/^bad-yaml\/lab\.yaml:\d+: /);

    const badFields = labs.find((l) => l.id === 'bad-fields')!;
    expect(badFields.errors).toEqual([
      expect.stringMatching(/^bad-fields\/lab\.yaml:2: id must be lowercase/),
      expect.stringMatching(/^bad-fields\/lab\.yaml:7: chapter must be one of consolidation, /),
      expect.stringMatching(/^bad-fields\/lab\.yaml:8: duration must be a whole number/),
    ]);
    // What could be read is still shown.
    expect(badFields.title).toEqual({ fr: 'Titre Bad_Id', en: 'Title Bad_Id' });

    expect(labs.find((l) => l.id === 'no-yaml')!.errors).toEqual(['no-yaml/lab.yaml: the file is missing']);
    expect(labs.find((l) => l.id === 'no-text')!.errors).toEqual(['no-text: the lab has neither fr.md nor en.md']);
    expect(labs.find((l) => l.id === 'future')!.errors?.[0]).toMatch(/^future\/lab\.yaml:1: schema_version 7 is newer/);
    // Broken labs have no known chapter, so they come last.
    expect(labs.at(-1)!.errors).toBeDefined();
  });

  it('reports missing fields and wrong shapes', async () => {
    await lab(bundled, 'sparse', 'schema_version: 1\ntitle: just text\n');
    await lab(bundled, 'list', '- a\n- b\n');
    const labs = await listLabs({ bundled, user });
    expect(labs.find((l) => l.id === 'sparse')!.errors).toEqual([
      'sparse/lab.yaml: missing field "id"',
      'sparse/lab.yaml:2: title must be a mapping like {fr: "…", en: "…"}',
      'sparse/lab.yaml: missing field "summary"',
      'sparse/lab.yaml: missing field "chapter"',
      'sparse/lab.yaml: missing field "duration"',
    ]);
    expect(labs.find((l) => l.id === 'list')!.errors).toEqual(['list/lab.yaml:1: lab.yaml must be a mapping of fields (schema_version, id, title, …)']);
  });

  it('refuses files over 1 MB without reading them', async () => {
    await lab(bundled, 'huge', header('huge', 'consolidation') + `# ${'x'.repeat(MAX_LAB_FILE_BYTES)}\n`);
    await lab(bundled, 'huge-text', header('huge-text', 'consolidation'), ['en']);
    await writeFile(path.join(bundled, 'huge-text', 'fr.md'), 'x'.repeat(MAX_LAB_FILE_BYTES + 1));
    const labs = await listLabs({ bundled, user });
    expect(labs.find((l) => l.id === 'huge')!.errors).toEqual(['huge/lab.yaml: the file is larger than 1 MB']);
    const hugeText = labs.find((l) => l.id === 'huge-text')!;
    expect(hugeText.errors).toEqual(['huge-text/fr.md: the file is larger than 1 MB']);
    expect(hugeText.locales).toEqual(['en']);
  });

  it('does not expand a billion-laughs file', async () => {
    const bomb = ['schema_version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) bomb.push(`${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(10).fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`).join(', ')}]`);
    await lab(bundled, 'bomb', bomb.join('\n') + '\n');
    const labs = await listLabs({ bundled, user });
    expect(labs[0]!.errors).toEqual([expect.stringMatching(/^bomb\/lab\.yaml: .*alias/i)]);
  });

  it('flags a second lab with the same id, and keeps every listed id unique', async () => {
    await lab(bundled, 'one', header('same', 'consolidation'));
    await lab(user, 'copy', header('same', 'consolidation'));
    // Broken, with its folder name as id: the same as a good lab's id.
    await lab(user, 'same', 'not: [valid');
    // Broken but with a readable id and chapter; its folder name sorts before the good lab's.
    await lab(bundled, 'early', header('same', 'consolidation').replace('duration: 30', 'duration: 0'));
    const labs = await listLabs({ bundled, user });
    expect(labs.map((l) => [l.id, l.source, l.errors?.[0] ?? 'ok'])).toEqual([
      ['same', 'bundled', 'ok'],
      ['same~2', 'bundled', expect.stringMatching(/duration must be/)],
      ['same~3', 'user', 'another lab already uses the id "same"; rename one of them'],
      ['same~4', 'user', expect.stringMatching(/^same\/lab\.yaml:1: /)],
    ]);
  });
});
