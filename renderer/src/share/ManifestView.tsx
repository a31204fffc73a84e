import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format';
import { clock } from '../player/time';
import type { Manifest } from './types';

/** A point in a clip: whole seconds as 0:07, a cut at 1.8 s as 0:01.8 so a short cut does not read 0:01–0:01. */
function at(sec: number): string {
  return clock(sec, !Number.isInteger(sec));
}

/** What a reviewer must see before watching: purpose, audience, expiry, sender, permissions, who is in it, what was cut. */
export function ManifestView({ manifest: m, focus = false }: { manifest: Manifest; focus?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <section aria-labelledby={`${id}-h`} className="share-manifest" data-testid="share-manifest">
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('share.manifest.heading', { sender: m.sender.name })}
      </h3>
      <dl>
        <dt>{t('share.manifest.sender')}</dt>
        <dd>{m.sender.name}</dd>
        <dt>{t('share.manifest.purpose')}</dt>
        <dd>{t(`consent.purpose.${m.purpose}`)}</dd>
        <dt>{t('share.manifest.audience')}</dt>
        <dd>{t(`consent.audience.${m.audience}`)}</dd>
        <dt>{t('share.manifest.expires')}</dt>
        <dd>{formatDate(m.expires, i18n.language)}</dd>
        <dt>{t('share.manifest.permissions')}</dt>
        <dd>
          {[m.permissions.keep ? t('share.manifest.mayKeep') : t('share.manifest.noKeep'), m.permissions.forward ? t('share.manifest.mayForward') : t('share.manifest.noForward'), m.permissions.deleteAtExpiry ? t('share.manifest.deleteAtExpiry') : null]
            .filter(Boolean)
            .join(' · ')}
        </dd>
        {m.watermark && (
          <>
            <dt>{t('share.manifest.watermark')}</dt>
            <dd>{m.watermark}</dd>
          </>
        )}
      </dl>
      <ul>
        {m.clips.map((c) => (
          <li key={c.file}>
            <strong>{c.title}</strong> <span className="muted">({at(c.durationSec)})</span>
            <div className="small">
              {c.persons.length === 0 ? t('share.manifest.noPersons') : t('share.manifest.persons', { list: c.persons.map((p) => `${p.pseudonym} (${t(`share.basis.${p.basis}`, { defaultValue: p.basis })})`).join(', ') })}
            </div>
            <div className="small" data-testid="share-cut">
              {c.edits.length === 0 && c.inSec === undefined && c.outSec === undefined
                ? t('share.manifest.uncut')
                : [
                    ...(c.inSec !== undefined || c.outSec !== undefined ? [t('share.manifest.range', { from: at(c.inSec ?? 0), to: at(c.outSec ?? c.durationSec) })] : []),
                    ...c.edits.map((e) => t('share.manifest.edit', { op: t(`share.ops.${e.op}`, { defaultValue: e.op }), from: at(e.fromSec), to: at(e.toSec) }) + (e.note ? ` (${e.note})` : '')),
                  ].join('; ')}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
