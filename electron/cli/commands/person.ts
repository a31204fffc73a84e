import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { call, COMMON_OPTIONS, consentLine, only, openService, out } from './consent';
import type { Input, Output } from '../../core/api';

/** What is known of the age, as the app shows it: a birth year alone can make someone possibly under 16 (R2). */
function age(p: Output<'persons.list'>[number]): string {
  if (p.minor) return 'minor';
  const born = p.birthYear !== null ? `born ${p.birthYear}` : '';
  return p.under16 ? `${born}, may be under 16: a guardian must sign` : born;
}

export const person: Command = {
  name: 'person',
  summary: 'add, list and show the people who appear in recordings; record an objection (add|ls|show|object|lift-objection)',
  help: `Usage: kluis person add --vault DIR --pseudonym P --role R --holder H
                        [--birth-year Y] [--minor] [--full-name N] [--contact C] [--json]
       kluis person ls --vault DIR [--json]
       kluis person show --vault DIR PERSON_ID [--json]
       kluis person object --vault DIR PERSON_ID --purposes P[,P...] [--how TEXT] [--json]
       kluis person lift-objection --vault DIR OBJECTION_ID [--json]

add    adds a person under a pseudonym or initials (R10); the full name and contact
       are optional. --role: pupil, client, patient, student, teacher, other.
       --holder, who keeps the signed forms (H2): school-protocol, other-school, self.
       --birth-year or --minor: under 16 needs a guardian's signature (R2, H1). With
       --json the person carries "minor" as entered and "under16", whether they may be
       under 16 today (from --minor or the birth year, as the app and the consent check
       read it).
ls     lists people by pseudonym.
show   one person with their consents, objections and the recordings they appear in.
object records that the person objects to being recorded for these purposes where a
       recording rests on legitimate interest, e.g. streaming (A2; GDPR art. 21). From then
       on coverage and the share gate treat them as not covered for those purposes; prints
       the recordings to cut or redact (they follow online instead). No reason is asked.
lift-objection  the person no longer objects (the objection stays on record as lifted).
`,
  options: { ...COMMON_OPTIONS, pseudonym: { type: 'string' }, role: { type: 'string' }, holder: { type: 'string' }, 'birth-year': { type: 'string' }, minor: { type: 'boolean' }, 'full-name': { type: 'string' }, contact: { type: 'string' }, purposes: { type: 'string' }, how: { type: 'string' } },
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
      const lines = all.map((p) => `${p.id}  ${p.pseudonym.padEnd(12)}  ${p.role.padEnd(8)}  ${age(p) || '-'}  consent held by ${p.consentHolder}`);
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
        `role ${p.role}; ${age(p) || 'age not recorded'}; consent held by ${p.consentHolder}${p.contact ? `; contact ${p.contact}` : ''}`,
        `consents (${d.consents.length}):`,
        ...d.consents.map((c) => `  ${consentLine(c)}`),
        ...(d.objections.length ? [`objections (${d.objections.length}):`, ...d.objections.map((o) => `  ${o.id}  objects to ${o.purposes.join(', ')} since ${o.madeAt.slice(0, 10)}${o.liftedAt ? `, lifted ${o.liftedAt.slice(0, 10)}` : ''}`)] : []),
        `appears in (${d.recordings.length}):`,
        ...d.recordings.map((r) => `  ${r}`),
      ];
      await out(values, d, human.join('\n'));
      return EXIT.OK;
    }
    if (sub === 'object') {
      only(values, sub, ['purposes', 'how']);
      if (rest.length !== 1) throw new UsageError('Name exactly one person id ("kluis person ls" lists them).');
      const purposes = (str(values, 'purposes') ?? '').split(',').map((x) => x.trim()).filter(Boolean);
      if (purposes.length === 0) throw new UsageError('--purposes names what the person objects to, e.g. --purposes streaming,coaching.');
      const service = await openService(values, session);
      const r = await call(service, 'objections.add', { personId: rest[0]!, purposes: purposes as Input<'objections.add'>['purposes'], ...(str(values, 'how') ? { how: str(values, 'how')! } : {}) });
      const lines = [`${r.objection.id}  objects to ${r.objection.purposes.join(', ')}`, r.affectedRecordings.length ? `cut or redact them in (${r.affectedRecordings.length}):` : 'No recording of theirs has such a purpose yet.', ...r.affectedRecordings.map((id) => `  ${id}`)];
      await out(values, r, lines.join('\n'));
      return EXIT.OK;
    }
    if (sub === 'lift-objection') {
      only(values, sub, []);
      if (rest.length !== 1) throw new UsageError('Name exactly one objection id ("kluis person show PERSON_ID" lists them).');
      const service = await openService(values, session);
      const o = await call(service, 'objections.lift', { id: rest[0]! });
      await out(values, o, `${o.id}  lifted ${o.liftedAt!.slice(0, 10)}`);
      return EXIT.OK;
    }
    throw new UsageError(sub ? `There is no "person ${sub}"; use add, ls, show, object or lift-objection.` : 'Say what to do: person add, person ls, person show, person object or person lift-objection.');
  },
};
