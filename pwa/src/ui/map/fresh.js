// A tap on the map opens her cameras as the phone holds them at the tap, not
// as the markers were drawn. The map reads them again only once a save has
// closed its sheet, and a tap on the spot of the camera she had just edited,
// that instant, listed it as before her edit
// (tests/e2e/test_walker_stacked_cameras.py met it on a busy machine). The
// sheet still closes first: that redraw also reads every photo waiting on the
// phone, and may answer late (util/turns.js), which must not hold her on a form
// she saved.

/**
 * record: a camera as a marker holds it; read(id): the phone's copy (db
 * getObservation). The copy, or the record when the phone has none; null when
 * it was deleted or merged away since the map was drawn.
 */
export async function storedNow(record, read) {
  const now = (await read(record.id)) ?? record;
  return now.deleted || now.merged_into ? null : now;
}

/**
 * found: [{ type: 'observation' | 'osm', item }], the markers on one spot of
 * the map (view.js onStackTap). The same, each camera of hers as stored now;
 * those gone since are left out. OSM cameras are not the phone's to change.
 */
export async function asStoredNow(found, read) {
  const now = await Promise.all(
    found.map(async ({ type, item }) => ({
      type,
      item: type === 'osm' ? item : await storedNow(item, read),
    })),
  );
  return now.filter(({ item }) => item);
}
