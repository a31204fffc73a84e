import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { activeAt, clampBox, interpolate, renderedBox, type Box, type Plan, type Track } from './geometry';

type Drag =
  | { kind: 'draw'; x0: number; y0: number; box: Box }
  | { kind: 'move' | 'resize'; trackId: string; start: Box; px: number; py: number; box: Box };

const pct = (v: number, of: number) => `${(v / of) * 100}%`;
const place = (b: Box, w: number, h: number) => ({ left: pct(b.x, w), top: pct(b.y, h), width: pct(b.w, w), height: pct(b.h, h) });

/**
 * Boxes over the video, in source pixels scaled to the display by percentages. Draw a new box on
 * empty ground; drag a box to move it, its corner to resize it: each sets a keyframe at the
 * current time. A focused box moves with the arrow keys (Shift: resizes).
 */
export function Overlay(props: {
  plan: Plan;
  time: number;
  frameW: number;
  frameH: number;
  selected: string | null;
  preview: boolean;
  onSelect: (trackId: string) => void;
  onDraw: (box: Box) => void;
  onBox: (trackId: string, box: Box) => void;
}) {
  const { t } = useTranslation();
  const { plan, time, frameW, frameH, selected } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);

  const toSource = (e: PointerEvent) => {
    const r = ref.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * frameW, y: ((e.clientY - r.top) / r.height) * frameH };
  };

  function boxOf(track: Track): Box {
    return interpolate(track.keyframes, time);
  }

  function startDraw(e: PointerEvent<HTMLDivElement>) {
    if (e.button !== 0 || e.target !== ref.current) return;
    const p = toSource(e);
    ref.current!.setPointerCapture(e.pointerId);
    setDrag({ kind: 'draw', x0: p.x, y0: p.y, box: { x: p.x, y: p.y, w: 0, h: 0 } });
  }

  function startEdit(e: PointerEvent<HTMLElement>, track: Track, kind: 'move' | 'resize') {
    if (e.button !== 0) return;
    e.stopPropagation();
    props.onSelect(track.id);
    const p = toSource(e);
    ref.current!.setPointerCapture(e.pointerId);
    const start = boxOf(track);
    setDrag({ kind, trackId: track.id, start, px: p.x, py: p.y, box: start });
  }

  function onMove(e: PointerEvent<HTMLDivElement>) {
    if (!drag) return;
    const p = toSource(e);
    if (drag.kind === 'draw') {
      setDrag({ ...drag, box: { x: Math.min(drag.x0, p.x), y: Math.min(drag.y0, p.y), w: Math.abs(p.x - drag.x0), h: Math.abs(p.y - drag.y0) } });
    } else {
      const dx = p.x - drag.px;
      const dy = p.y - drag.py;
      const s = drag.start;
      const box = drag.kind === 'move' ? { ...s, x: s.x + dx, y: s.y + dy } : { ...s, w: s.w + dx, h: s.h + dy };
      setDrag({ ...drag, box: clampBox(box, frameW, frameH) });
    }
  }

  function onUp() {
    if (!drag) return;
    setDrag(null);
    if (drag.kind === 'draw') {
      // A click without a drag draws nothing.
      if (drag.box.w >= 4 && drag.box.h >= 4) props.onDraw(clampBox(drag.box, frameW, frameH));
    } else if (drag.box.x !== drag.start.x || drag.box.y !== drag.start.y || drag.box.w !== drag.start.w || drag.box.h !== drag.start.h) {
      props.onBox(drag.trackId, drag.box);
    }
  }

  function onKey(e: KeyboardEvent<HTMLDivElement>, track: Track) {
    const d: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const v = d[e.key];
    if (!v) return;
    e.preventDefault();
    e.stopPropagation();
    const step = Math.max(1, Math.round(frameW / 80));
    const b = boxOf(track);
    const next = e.shiftKey ? { ...b, w: b.w + v[0] * step, h: b.h + v[1] * step } : { ...b, x: b.x + v[0] * step, y: b.y + v[1] * step };
    props.onBox(track.id, clampBox(next, frameW, frameH));
  }

  return (
    <div ref={ref} className="redact-overlay" data-testid="redact-overlay" onPointerDown={startDraw} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={() => setDrag(null)}>
      {plan.tracks.map((track) => {
        const active = activeAt(track, time);
        const isSel = track.id === selected;
        // The selected track stays visible (dashed) outside its range, so it can be moved to add a keyframe there.
        if (!active && !isSel) return null;
        const dragging = drag && drag.kind !== 'draw' && drag.trackId === track.id ? drag.box : null;
        const box = dragging ?? boxOf(track);
        const effect = props.preview && active && !dragging && track.decision === 'redact' ? renderedBox(track, time, frameW, frameH) : null;
        return (
          <div key={track.id} className="redact-track-layer">
            {effect && <div className={`redact-effect redact-effect-${track.style} redact-shape-${track.shape}`} style={place(effect, frameW, frameH)} aria-hidden="true" />}
            <div
              className={`redact-box redact-shape-${track.shape}${isSel ? ' selected' : ''}${active ? '' : ' outside'}${track.decision === 'undecided' ? ' undecided' : ''}`}
              style={place(box, frameW, frameH)}
              role="button"
              tabIndex={0}
              aria-label={t('redact.boxLabel', { label: track.label || track.id })}
              aria-pressed={isSel}
              data-track={track.id}
              onPointerDown={(e) => startEdit(e, track, 'move')}
              onKeyDown={(e) => onKey(e, track)}
              onFocus={() => props.onSelect(track.id)}
            >
              {isSel && <span className="redact-handle" aria-hidden="true" onPointerDown={(e) => startEdit(e, track, 'resize')} />}
            </div>
          </div>
        );
      })}
      {drag?.kind === 'draw' && <div className="redact-box drawing" style={place(drag.box, frameW, frameH)} aria-hidden="true" />}
    </div>
  );
}
