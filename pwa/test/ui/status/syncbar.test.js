// The sync chip's words: a camera on the server whose photo waits is a photo
// to send, not "1 camera not yet sent".
import { beforeEach, describe, expect, it } from 'vitest';
import { waitingToSend } from '../../../src/sync/aside.js';
import { doneWords, pendingWords } from '../../../src/ui/status/syncbar.js';
import { setLanguage } from '../../../src/i18n/index.js';

const create = (id) => ({ observation_id: id, op: 'create' });
const update = (id) => ({ observation_id: id, op: 'update' });
const attach = (id, owner = null) => ({
  observation_id: id,
  op: 'attach_photo',
  photo: { sha256: `${id}-sha` },
  ...(owner ? { owner: { member_id: owner } } : {}),
});

describe('what the sync chip counts', () => {
  it.each([
    ['a new camera and its photo: one camera', [create('a'), attach('a')], 1, 0],
    ['a camera on the server whose photo waits: one photo', [attach('a')], 0, 1],
    ['an edit and a photo of the same camera: one camera', [update('a'), attach('a')], 1, 0],
    ['a new camera, and a photo of another', [create('a'), attach('b')], 1, 1],
    ['another member’s photo is not hers to send', [attach('a', 8)], 0, 0],
  ])('%s', (why, outbox, cameras, photos) => {
    expect(waitingToSend(outbox, 7)).toEqual({ cameras, photos });
  });
});

describe('the sync chip’s words', () => {
  beforeEach(() => setLanguage('fr', false));

  it('says photos, not cameras, when only photos of cameras on the server wait', () => {
    expect(pendingWords({ cameras: 0, photos: 1 })).toEqual({
      text: '1 photo à envoyer',
      title: '1 photo pas encore envoyée (sa caméra est sur le serveur)',
    });
    expect(pendingWords({ cameras: 0, photos: 3 }).text).toBe('3 photos à envoyer');
  });

  it('counts cameras and photos apart when both wait', () => {
    expect(pendingWords({ cameras: 2, photos: 1 })).toEqual({
      text: '2 caméras + 1 photo à envoyer',
      title:
        '2 caméras pas encore envoyées · 1 photo pas encore envoyée (sa caméra est sur le serveur)',
    });
  });

  it('keeps the short words for cameras alone, and nothing when nothing waits', () => {
    expect(pendingWords({ cameras: 2, photos: 0 })).toEqual({
      text: '2 à envoyer',
      title: '2 caméras pas encore envoyées',
    });
    expect(pendingWords({ cameras: 0, photos: 0 })).toBeNull();
  });

  it('says it in English too', () => {
    setLanguage('en', false);
    expect(pendingWords({ cameras: 0, photos: 2 })).toEqual({
      text: '2 photos to send',
      title: '2 photos not yet sent (their cameras are on the server)',
    });
  });
});

describe('the toast at the end of a sync run', () => {
  beforeEach(() => setLanguage('fr', false));

  it('says something was set aside rather than "Synced."', () => {
    expect(doneWords({ sent: 2, aside: 1 })).toEqual({
      text: 'Synchronisation terminée, 1 élément mis de côté (refusé par le serveur).',
      kind: 'warn',
    });
    // A run that only set a photo aside sent no change, and still says so.
    expect(doneWords({ sent: 0, aside: 2 }).text).toMatch(/2 éléments mis de côté/);
  });

  it('says "Synced." when everything went, and nothing when nothing did', () => {
    expect(doneWords({ sent: 3, aside: 0 })).toEqual({ text: 'Synchronisé.', kind: 'ok' });
    expect(doneWords({ sent: 0, aside: 0 })).toBeNull();
  });
});
