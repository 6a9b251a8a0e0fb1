// The walk list's line about her own work: what goes with the next sync, and
// apart, what the server refused and waits for her to fix.
import { beforeEach, describe, expect, it } from 'vitest';
import { ownWorkText } from '../../../src/ui/status/ownwork.js';
import { setLanguage } from '../../../src/i18n/index.js';

const mine = { member_id: 7 };
const create = (id, extra = {}) => ({ observation_id: id, op: 'create', owner: mine, ...extra });
const attach = (id) => ({ observation_id: id, op: 'attach_photo', owner: mine });
const pastDay = { code: 'past_day', message: 'surveyed_on 0202-12-05 is before 2015-01-01' };

describe('her work on the walk list', () => {
  beforeEach(() => setLanguage('fr', false));

  it('says nothing when nothing of hers waits', () => {
    expect(ownWorkText([], [], 7)).toBe('');
  });

  it('says a camera waiting for the network goes with the next sync', () => {
    expect(ownWorkText([create('a'), attach('a')], [], 7)).toBe(
      'En attente sur ce téléphone\u00a0: 1 caméra pas encore envoyée. Rien n’est perdu, tout partira avec la prochaine synchronisation.',
    );
  });

  it('does not promise the next sync to a camera the server refused', () => {
    const text = ownWorkText([create('a', { aside: pastDay }), attach('a')], [], 7);
    expect(text).not.toContain('prochaine synchronisation');
    expect(text).toBe(
      '1 caméra attend que vous corrigiez ce que le serveur a refusé\u00a0: ouvrez la balade et touchez-la.',
    );
  });

  it('names both when one camera goes and another waits for her', () => {
    setLanguage('en', false);
    const outbox = [create('a'), create('b', { aside: pastDay })];
    expect(ownWorkText(outbox, [], 7)).toBe(
      'Waiting on this phone: 1 camera not yet sent. Nothing is lost; it all goes with the next sync. ' +
        '1 camera waits for you to fix what the server refused: open the walk and tap it.',
    );
  });
});
