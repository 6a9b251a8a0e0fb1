// Every error code the server can answer, as a sentence in the reader's
// language: one dictionary for walkers and organisers, so that no screen ever
// shows "(invite_invalid)". The sentences live in errors.json because a server
// test (tests/server/test_error_sentences.py) reads them and fails when a code
// of the server's errors or of the sync rules has no sentence in fr or en.
import SENTENCES from './errors.json';
import { language, t } from './index.js';

export function hasSentence(code) {
  return Boolean(code) && Object.hasOwn(SENTENCES[language()], code);
}

// fallback(err) words a code the dictionary does not know yet (a newer server).
export function errorMessage(
  err,
  fallback = (e) => t('error.generic', { code: e.code || e.status }),
) {
  if (!err) return '';
  if (err.status === 0) return t('error.network');
  if (hasSentence(err.code)) return SENTENCES[language()][err.code];
  return fallback(err);
}
