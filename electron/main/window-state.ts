import { readFileSync, writeFileSync } from 'node:fs';

/** Where and how big the window was; kept in the app's own folder, outside the vault (no content). */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE: WindowState = { width: 1200, height: 800, maximized: false };
const MIN = { width: 720, height: 520 };

/** A saved state that cannot be read is forgotten: the window opens at the default size. */
export function readWindowState(file: string): WindowState {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
    if (!num(s.width) || !num(s.height)) return DEFAULT_STATE;
    return { width: s.width, height: s.height, maximized: s.maximized === true, ...(num(s.x) && num(s.y) ? { x: s.x, y: s.y } : {}) };
  } catch {
    return DEFAULT_STATE;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  } catch {
    // losing the window position is not worth an error at quit
  }
}

/**
 * Keeps a remembered window usable on today's screens: a monitor that was unplugged must not
 * leave the window off-screen, and a smaller screen shrinks it instead of cropping it.
 */
export function fitToDisplays(state: WindowState, workAreas: Area[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const width = Math.max(MIN.width, Math.min(state.width, primary.width));
  const height = Math.max(MIN.height, Math.min(state.height, primary.height));
  if (state.x === undefined || state.y === undefined) return { ...state, width, height, x: undefined, y: undefined };
  const { x, y } = state;
  // visible enough to grab: the title bar's first 100 px lie on some screen
  const onScreen = workAreas.some((a) => x + 100 > a.x && x < a.x + a.width - 50 && y >= a.y && y < a.y + a.height - 50);
  if (onScreen) return { ...state, width: state.width, height: state.height };
  return { width, height, maximized: state.maximized };
}
