import type { IngestReport, UnitReport } from '../../core/api';
import { formatSize } from '../output';

const OUTCOME: Record<UnitReport['outcome'], string> = {
  verified: 'verified',
  'already-in-vault': 'already in vault',
  failed: 'FAILED',
  cancelled: 'cancelled',
};

function unitLine(u: UnitReport, wipe: boolean): string {
  const wiped = u.files.filter((f) => f.wipe === 'wiped').length;
  const bytes = u.files.reduce((n, f) => n + f.size, 0);
  const wipeText = wipe ? `, ${wiped} wiped` : '';
  return `  ${OUTCOME[u.outcome].padEnd(16)} ${u.label}  [${u.layout}]  ${u.files.length} file(s), ${formatSize(bytes)}${wipeText}`;
}

/** What the user reads at the end of `kluis import`: the report in plain words, one unit per line. */
export function humanSummary(r: IngestReport): string {
  const t = r.totals;
  const lines = [`Import ${r.importId} from "${r.sourceLabel}" (${r.sourceRoot}): ${t.units} clip(s), ${formatSize(t.bytes)}.`];
  for (const u of r.units) {
    lines.push(unitLine(u, r.wipeRequested));
    for (const f of u.files.filter((x) => x.error)) lines.push(`      ${f.relPath}: ${f.error}`);
  }
  if (r.ignored.length) lines.push(`Left on the card (not footage): ${r.ignored.join(', ')}`);
  lines.push(
    `${t.verified} verified, ${t.alreadyInVault} already in vault, ${t.failed} failed or cancelled` + (r.wipeRequested ? `; ${t.wipedFiles} file(s) wiped from the card.` : '; nothing was wiped from the card (--wipe was not given).'),
  );
  if (r.wipeRequested) lines.push(r.wipeNote);
  lines.push(r.cacheNote);
  lines.push(r.ok ? `Done: every clip is in the vault${r.wipeRequested ? ' and wiped from the card' : ''}.` : `NOT done: not every clip was verified${r.wipeRequested ? ' and wiped' : ''}; what failed is still on the card. Import again to retry.`);
  return `${lines.join('\n')}\n`;
}
