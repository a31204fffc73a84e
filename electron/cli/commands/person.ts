import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { call, COMMON_OPTIONS, consentLine, only, openService, out } from './consent';
import type { Input } from '../../core/api';

export const person: Command = {
  name: 'person',
  summary: 'add, list and show the people who appear in recordings (add|ls|show)',
  help: `Usage: kluis person add --vault DIR --pseudonym P --role R --holder H
                        [--birth-year Y] [--minor] [--full-name N] [--contact C] [--json]
       kluis person ls --vault DIR [--json]
       kluis person show --vault DIR PERSON_ID [--json]

add    adds a person under a pseudonym or initials (R10); the full name and contact
       are optional. --role: pupil, client, patient, student, teacher, other.
       --holder, who keeps the signed forms (H2): school-protocol, other-school, self.
       --birth-year or --minor: under 16 needs a guardian's signature (R2, H1).
ls     lists people by pseudonym.
show   one person with their consents and the recordings they appear in.
`,
  options: { ...COMMON_OPTIONS, pseudonym: { type: 'string' }, role: { type: 'string' }, holder: { type: 'string' }, 'birth-year': { type: 'string' }, minor: { type: 'boolean' }, 'full-name': { type: 'string' }, contact: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub === 'add') {
      only(values, sub, ['pseudonym', 'role', 'holder', 'birth-year', 'minor', 'full-name', 'contact']);
      if (rest.length) throw new UsageError(`person add takes only options (got "${rest[0]}").`);
      const year = str(values, 'birth-year');
      if (year !== undefined && !/^\d{4}$/.test(year)) throw new UsageError(`--birth-year must be a year like 2011 (got "${year}").`);
      const service = await openService(values, session);
      const input: Input<'persons.add'> = {
        pseudonym: str(values, 'pseudonym') ?? '',
        role: (str(values, 'role') ?? '') as Input<'persons.add'>['role'],
        consentHolder: (str(values, 'holder') ?? '') as Input<'persons.add'>['consentHolder'],
        ...(year ? { birthYear: Number(year) } : {}),
        ...(values.minor ? { minor: true } : {}),
        ...(str(values, 'full-name') ? { fullName: str(values, 'full-name')! } : {}),
        ...(str(values, 'contact') ? { contact: str(values, 'contact')! } : {}),
      };
      const p = await call(service, 'persons.add', input);
      await out(values, p, p.id);
      return EXIT.OK;
    }
    if (sub === 'ls') {
      only(values, sub, []);
      if (rest.length) throw new UsageError(`person ls takes only options (got "${rest[0]}").`);
      const service = await openService(values, session);
      const all = await call(service, 'persons.list', {});
      const lines = all.map((p) => `${p.id}  ${p.pseudonym.padEnd(12)}  ${p.role.padEnd(8)}  ${p.minor ? 'minor' : p.birthYear ? `born ${p.birthYear}` : '-'}  consent held by ${p.consentHolder}`);
      await out(values, all, lines.length ? lines.join('\n') : 'No people yet; add one with: kluis person add --pseudonym P --role R --holder H');
      return EXIT.OK;
    }
    if (sub === 'show') {
      only(values, sub, []);
      if (rest.length !== 1) throw new UsageError('Name exactly one person id ("kluis person ls" lists them).');
      const service = await openService(values, session);
      const d = await call(service, 'persons.get', { id: rest[0]! });
      const p = d.person;
      const human = [
        `${p.id}  ${p.pseudonym}${p.fullName ? ` (${p.fullName})` : ''}`,
        `role ${p.role}; ${p.minor ? 'minor' : p.birthYear ? `born ${p.birthYear}` : 'age not recorded'}; consent held by ${p.consentHolder}${p.contact ? `; contact ${p.contact}` : ''}`,
        `consents (${d.consents.length}):`,
        ...d.consents.map((c) => `  ${consentLine(c)}`),
        `appears in (${d.recordings.length}):`,
        ...d.recordings.map((r) => `  ${r}`),
      ];
      await out(values, d, human.join('\n'));
      return EXIT.OK;
    }
    throw new UsageError(sub ? `There is no "person ${sub}"; use add, ls or show.` : 'Say what to do: person add, person ls or person show.');
  },
};
