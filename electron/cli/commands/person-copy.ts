import { resolve } from 'node:path';
import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { call, COMMON_OPTIONS, only, openService, out } from './consent';

export const personCopy: Command = {
  name: 'person-copy',
  summary: 'a copy for a recorded person, on request (B1): a password-protected zip',
  help: `Usage: kluis person-copy --vault DIR PERSON_ID [RECORDING_ID...] -o FILE.zip
                           [--others-confirmed] [--json]

Writes the recordings PERSON_ID appears in (or the ones named, which may be their
redacted versions) as recorded into FILE.zip, encrypted with AES-256 (WinZip AES):
7-Zip, WinRAR, Keka and most unzip apps open it with the password, which is printed
once and kept nowhere. Give it to the person separately from the file. The zip is
read back before it counts; the audit log records the copy, not the password.
A recording that also shows other people needs --others-confirmed: their rights
come first (AVG art. 15(4)), so consider giving a redacted version instead.
Without RECORDING_ID: every original recording the person appears in.
`,
  options: { ...COMMON_OPTIONS, out: { type: 'string', short: 'o' }, 'others-confirmed': { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, session) {
    only(values, 'person-copy', ['out', 'others-confirmed']);
    const [personId, ...recordingIds] = positionals;
    if (!personId) throw new UsageError('Name the person ("kluis person ls" lists them).');
    const outPath = str(values, 'out');
    if (!outPath) throw new UsageError('-o FILE.zip is required: where the copy goes (for example on the person\'s USB stick).');
    const service = await openService(values, session);
    const ids = recordingIds.length > 0 ? recordingIds : (await call(service, 'share.personCopyOptions', { personId })).filter((o) => o.derivedFrom === null).map((o) => o.recordingId);
    if (ids.length === 0) throw new UsageError(`${personId} appears in no recording yet ("kluis appear add" records who is in one).`);
    const r = await call(service, 'share.personCopy', { personId, recordingIds: ids, outPath: resolve(outPath), ...(values['others-confirmed'] ? { othersConfirmed: true } : {}) });
    await out(values, r, [
      r.path,
      `${r.files.length} file(s) of ${new Set(r.files.map((f) => f.recordingId)).size} recording(s); ${r.size} bytes, sha256 ${r.sha256}; read back and checked`,
      `Password (give it to the person separately; Kluis keeps no copy): ${r.password}`,
      'It opens in 7-Zip (Windows), Keka or The Unarchiver (Mac) and unzip apps with AES; not in the zip support built into Windows.',
    ].join('\n'));
    return EXIT.OK;
  },
};
