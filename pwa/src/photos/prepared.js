// A photo's receipt comes as soon as its bytes are stored on the server; its
// copies (thumbnail, display size) come a few seconds later from the photo
// worker. Until then the server answers photo_being_prepared: ask again every
// few seconds, for a few minutes. The walker's sheets and the organiser's
// screens both ask through loadPrepared.
export const PREPARING_RETRY_MS = 4000;
export const PREPARING_TRIES = 45;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// load(sha256) until the copy exists; onPreparing() each time the server says
// it is still being made. Stops (rejecting with the last error) on any other
// error, after `tries`, or once stillWanted() says the screen went away.
export async function loadPrepared(
  load,
  sha256,
  { onPreparing = () => {}, stillWanted = () => true, wait = sleep, tries = PREPARING_TRIES } = {},
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load(sha256);
    } catch (err) {
      if (err?.code !== 'photo_being_prepared' || attempt >= tries) throw err;
      onPreparing();
      await wait(PREPARING_RETRY_MS);
      if (!stillWanted()) throw err;
    }
  }
}
