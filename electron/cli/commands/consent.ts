import { dispatch, KluisService, VaultError, type Input, type Method, type Output, type VaultErrorCode } from '../../core/api';
import { str, type Values } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { write } from '../output';
import { getSecret } from '../secrets';
import { PASSWORD_OPTION, VAULT_OPTION, vaultDir, type Session } from '../session';

/**
 * The consent commands go through the contract (dispatch), not into core: the CLI may import
 * core/api only, and the contract's zod schemas then check every value the user typed.
 */
export async function openService(values: Values, session: Session): Promise<KluisService> {
  const dir = await vaultDir(values, { mustExist: true });
  const password = await getSecret({ file: str(values, 'password-file'), envVar: 'KLUIS_PASSWORD_FILE', what: 'password', flag: '--password-file' }, session.signal);
  session.checkpoint();
  const service = new KluisService({ vaultDir: dir, autoRetention: false });
  await call(service, 'vault.unlock', { password });
  // The session locks what it adopted when the command ends, whatever happens.
  session.adopt(service.openVault);
  session.checkpoint();
  return service;
}

/** One contract call; a refused input is the user's to fix (exit 2), anything else keeps its vault code. */
export async function call<M extends Method>(service: KluisService, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await dispatch(service, method, input);
  if (r.ok) return r.value as Output<M>;
  if (r.error.code === 'BAD_REQUEST') throw new UsageError(r.error.message.replace(/^Invalid input for [\w.]+: /, ''));
  throw new VaultError(r.error.code as VaultErrorCode, r.error.message);
}

/** "a,b" or repeated flags both give a list. */
export function list(values: Values, name: string): string[] {
  const v = values[name];
  const all = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  return all.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
}

/** Flags that belong to another subcommand are refused rather than silently ignored. */
export function only(values: Values, sub: string, allowed: readonly string[]): void {
  const common = ['vault', 'password-file', 'json', 'help'];
  const extra = Object.keys(values).filter((k) => values[k] !== undefined && !common.includes(k) && !allowed.includes(k));
  if (extra.length) throw new UsageError(`--${extra[0]} does not apply to "${sub}".`);
}

export async function out(values: Values, json: unknown, human: string): Promise<void> {
  await write(process.stdout, values.json ? `${JSON.stringify(json, null, 2)}\n` : human.endsWith('\n') || human === '' ? human : `${human}\n`);
}

export const COMMON_OPTIONS = { ...VAULT_OPTION, ...PASSWORD_OPTION, json: { type: 'boolean' } } as const;

type Consent = Output<'consents.list'>[number];
export const consentLine = (c: Consent): string =>
  `${c.id}  ${c.personId}  ${c.status.padEnd(9)}  ${c.signedBy.padEnd(8)}  signed ${c.signedAt.slice(0, 10)}  until ${c.validUntil?.slice(0, 10) ?? '-'}  purposes ${c.purposes.join(',')}  audiences ${c.audiences.join(',')}${c.formBlobId ? '  (form stored)' : ''}`;

export const consent: Command = {
  name: 'consent',
  summary: 'record, withdraw and list consents (add|withdraw|ls)',
  help: `Usage: kluis consent add --vault DIR --person ID --purpose P[,P] --audience A[,A]
                         --signed-by person|guardian|both --signed-at DATE
                         [--valid-until DATE] [--form FILE] [--json]
       kluis consent withdraw --vault DIR CONSENT_ID --how TEXT [--json]
       kluis consent ls --vault DIR [--person ID] [--json]

add       records a consent; --form stores the signed form (scan, photo, PDF)
          encrypted in the vault (R3). Purposes: reflection, assessment, videotoets,
          teaching, coaching, streaming, research. Audiences: self, supervisor,
          assessor, class, institution, public. Under 16: a guardian signs (R2).
withdraw  withdraws at once, no reason needed (R1); --how says how it reached you.
          Lists every recording the person appears in: delete or redact them (R7).
ls        lists consents, oldest first.
`,
  options: { ...COMMON_OPTIONS, person: { type: 'string' }, purpose: { type: 'string', multiple: true }, audience: { type: 'string', multiple: true }, 'signed-by': { type: 'string' }, 'signed-at': { type: 'string' }, 'valid-until': { type: 'string' }, form: { type: 'string' }, how: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub === 'add') {
      only(values, sub, ['person', 'purpose', 'audience', 'signed-by', 'signed-at', 'valid-until', 'form']);
      if (rest.length) throw new UsageError(`consent add takes only options (got "${rest[0]}").`);
      const service = await openService(values, session);
      const input = {
        personId: str(values, 'person') ?? '',
        purposes: list(values, 'purpose') as Input<'consents.add'>['purposes'],
        audiences: list(values, 'audience') as Input<'consents.add'>['audiences'],
        signedBy: (str(values, 'signed-by') ?? '') as Input<'consents.add'>['signedBy'],
        signedAt: str(values, 'signed-at') ?? '',
        ...(str(values, 'valid-until') ? { validUntil: str(values, 'valid-until')! } : {}),
        ...(str(values, 'form') ? { formPath: str(values, 'form')! } : {}),
      };
      const c = await call(service, 'consents.add', input);
      await out(values, c, c.id);
      return EXIT.OK;
    }
    if (sub === 'withdraw') {
      only(values, sub, ['how']);
      if (rest.length !== 1) throw new UsageError('Name exactly one consent id ("kluis consent ls" lists them).');
      const service = await openService(values, session);
      const w = await call(service, 'consents.withdraw', { id: rest[0]!, how: str(values, 'how') ?? '' });
      const human = [`${w.consent.id} withdrawn at ${w.consent.withdrawnAt ?? '?'}.`];
      human.push(w.affectedRecordings.length ? `The person appears in ${w.affectedRecordings.length} recording(s); delete or redact them (R7):` : 'The person appears in no recording.');
      human.push(...w.affectedRecordings.map((r) => `  ${r}`));
      await out(values, w, human.join('\n'));
      return EXIT.OK;
    }
    if (sub === 'ls') {
      only(values, sub, ['person']);
      if (rest.length) throw new UsageError(`consent ls takes only options (got "${rest[0]}").`);
      const service = await openService(values, session);
      const person = str(values, 'person');
      const all = await call(service, 'consents.list', person ? { personId: person } : {});
      await out(values, all, all.length ? all.map(consentLine).join('\n') : 'No consents recorded yet; add one with: kluis consent add ...');
      return EXIT.OK;
    }
    throw new UsageError(sub ? `There is no "consent ${sub}"; use add, withdraw or ls.` : 'Say what to do: consent add, consent withdraw or consent ls.');
  },
};
